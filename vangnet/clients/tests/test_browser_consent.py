"""Recording a consent in the browser: only the question that belongs to the choice shows."""

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import client_shared_with
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.consent.models import Consent, RecipientScope
from vangnet.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_professional_records_consent_for_one_organisation(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    older = client_shared_with(bob)
    OrganisationFactory.create(name="Thuiszorg Vliet")
    browser_log_in(page, base, bob)
    page.goto(f"{base}/clients/{older.pk}/consent/")
    axe.check(page)

    organisation = page.get_by_label("Welke organisatie?")
    role = page.get_by_label("Welke functie?")
    person = page.get_by_label("Welke persoon?")
    for select in (organisation, role, person):
        expect(select).to_be_hidden()
    expect(page.get_by_label("Naam van de vertegenwoordiger")).to_be_hidden()
    expect(page.get_by_role("radio", name="- Kies een optie -")).to_have_count(0)

    page.get_by_label("Eén persoon").check()
    expect(person).to_be_visible()
    page.get_by_label("Een organisatie").check()
    expect(organisation).to_be_visible()
    expect(person).to_be_hidden()
    expect(role).to_be_hidden()
    organisation.select_option(label="Thuiszorg Vliet")
    page.get_by_role("group", name="Wat mag gedeeld worden?").get_by_label(
        "Signalen en zorgen"
    ).check()
    page.get_by_role("group", name="Waarvoor?").get_by_label("Vroegsignalering").check()
    page.get_by_label("De vertegenwoordiger", exact=True).check()
    page.get_by_label("Naam van de vertegenwoordiger").fill("Karin Hoekstra")
    page.get_by_role("group", name="Hoe is het afgesproken?").get_by_label("Schriftelijk").check()
    axe.check(page)
    page.get_by_role("button", name="Toestemming vastleggen").click()

    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Thuiszorg Vliet", exact=True)).to_be_visible()
    axe.check(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
    consent = Consent.objects.filter(client=older).latest("pk")
    assert consent.scope == RecipientScope.ORGANISATION
    assert consent.representative_name == "Karin Hoekstra"
