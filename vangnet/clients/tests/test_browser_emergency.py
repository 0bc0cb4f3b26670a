"""A nurse opens emergency access, is refused after the day's limit; the coordinator sees both."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.clients.models import BreakGlassDay
from vangnet.clients.tests.factories import (
    ClientFactory,
    a_bsn,
    consent_for_care_team,
    coordinating,
    in_care_team,
    in_network,
)
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory.tests.factories import NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_emergency_access_opens_once_and_is_refused_after_the_limit(
    page: Page, live_server: object, axe: AxeChecker, alice: User, bob: User, charlie: User
) -> None:
    base = str(live_server)
    network = NetworkFactory.create(name="Netwerk Vlietdal", slug="vlietdal")
    coordinating(alice, network)
    older = ClientFactory.create(
        network=network,
        given_name="Johanna",
        family_name="Hoekstra",
        date_of_birth=date(1936, 4, 21),
        bsn=a_bsn(5),
    )
    in_care_team(older, bob)
    consent_for_care_team(older)
    other = ClientFactory.create(network=network, bsn=a_bsn(6), date_of_birth=date(1940, 2, 2))
    in_network(charlie, network)

    browser_log_in(page, base, charlie)
    page.goto(f"{base}/clients/")
    page.get_by_role("link", name="Noodtoegang", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang")
    expect(page.get_by_text("Pogingen over vandaag: 5 van 5.")).to_be_visible()
    axe.check(page)
    page.get_by_label("BSN").fill(older.bsn)
    page.get_by_label("Geboortedatum").fill("1936-04-21")
    page.get_by_label("Waarom heeft u noodtoegang nodig?").fill(
        "Buurvrouw belt: mevrouw ligt op de grond, huisarts niet bereikbaar"
    )
    page.get_by_role("button", name="Noodtoegang openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Johanna Hoekstra")
    expect(page.get_by_text("U heeft één uur noodtoegang.")).to_be_visible()
    axe.check(page)

    # The rest of today's attempts were used up elsewhere; even the right details now fail.
    BreakGlassDay.objects.filter(user=charlie, day=timezone.localdate()).update(attempts=5)
    page.goto(f"{base}/clients/emergency/")
    page.get_by_label("BSN").fill(other.bsn)
    page.get_by_label("Geboortedatum").fill("1940-02-02")
    page.get_by_label("Waarom heeft u noodtoegang nodig?").fill("Alarmknop, geen reactie")
    page.get_by_role("button", name="Noodtoegang openen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geen noodtoegang.")
    expect(page.get_by_text("Pogingen over vandaag: 0 van 5.")).to_be_visible()
    expect(page.get_by_label("BSN")).to_have_value(other.bsn)
    axe.check(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.context.clear_cookies()
    browser_log_in(page, base, alice)
    page.goto(f"{base}/log/emergency/")
    expect(page.get_by_text("Buurvrouw belt: mevrouw ligt op de grond")).to_be_visible()
    expect(page.get_by_role("cell", name="geweigerd: de daglimiet was bereikt")).to_be_visible()
    expect(page.get_by_text("Hoekstra")).to_have_count(0)
    axe.check(page)

    page.get_by_role("link", name="Wie mag noodtoegang gebruiken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie mag noodtoegang gebruiken")
    axe.check(page)
    page.get_by_role("link", name="Regel van Netwerk Vlietdal aanpassen").click()
    axe.check(page)
    page.get_by_label("Verzorgende").check()
    page.get_by_label("Achternaam, geboortedatum, postcode en huisnummer").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De regel voor noodtoegang is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Achternaam, geboortedatum, postcode en huisnummer")).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
