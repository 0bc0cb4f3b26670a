"""A coordinator registers an older person, goes through consent and builds a care team."""

import re

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory.models import Discipline
from vangnet.directory.tests.factories import NetworkFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_registers_goes_through_consent_and_builds_a_care_team(
    page: Page, live_server: object, axe: AxeChecker, alice: User, charlie: User
) -> None:
    base = str(live_server)
    NetworkFactory.create(name="Netwerk Vlietdal", slug="vlietdal")
    person_for(alice, discipline=Discipline.NETWORK_COORDINATOR)
    nurse = PersonFactory.create(name="Nina de Wijk", discipline=Discipline.DISTRICT_NURSE)
    person_for(charlie)

    browser_log_in(page, base, alice)
    page.goto(f"{base}/clients/")
    axe.check(page)
    page.get_by_role("link", name="Oudere inschrijven").click()
    page.get_by_label("Voornaam").fill("Johanna")
    page.get_by_label("Achternaam").fill("Hoekstra")
    page.get_by_label("Geboortedatum").fill("1936-04-21")
    page.get_by_label("Straat en huisnummer").fill("Molenweg 4")
    page.get_by_label("Postcode").fill("9999 ab")
    page.get_by_label("Plaats").fill("Vlietdal")
    page.get_by_label("Woonsituatie").select_option(label="Woont alleen")
    page.get_by_label("De oudere vindt het goed dat ik deze gegevens vastleg.").check()
    page.get_by_label("De oudere zelf").check()
    page.get_by_label("Mondeling").check()
    axe.check(page)
    page.get_by_role("button", name="Inschrijven").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming van Johanna Hoekstra")
    axe.check(page)
    page.get_by_label("Iedereen in het zorgteam").check()
    for label in (
        "Naam, adres en contactgegevens",
        "Signalen en zorgen",
        "Zorg- en ondersteuningsplan",
    ):
        page.get_by_role("group", name="Wat mag gedeeld worden?").get_by_label(label).check()
    page.get_by_label("Multidisciplinair overleg (MDO)").check()
    page.get_by_role("group", name="Waarvoor?").get_by_label("Zorg- en ondersteuningsplan").check()
    page.get_by_role("group", name="Wie gaf toestemming?").get_by_label("De oudere zelf").check()
    page.get_by_role("group", name="Hoe is het afgesproken?").get_by_label("Mondeling").check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="Iedereen in het zorgteam", exact=True)).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="← Johanna Hoekstra").click()
    page.get_by_role("link", name="Toevoegen aan het zorgteam").click()
    page.get_by_label("Professional").select_option(str(nurse.pk))
    page.get_by_label("Dit is het nieuwe aanspreekpunt").check()
    axe.check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het zorgteam is bijgewerkt.")).to_be_visible()
    team = page.get_by_role("region", name="Zorgteam")
    expect(team.get_by_text("Nina de Wijk", exact=True)).to_be_visible()
    expect(page.get_by_text("Nina de Wijk (Wijkverpleegkundige")).to_be_visible()
    axe.check(page)
    client_id = Client.objects.get(family_name="Hoekstra").pk

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Wie keek naar deze gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie keek naar de gegevens")
    # All of today's views by Alice make one line, with how often.
    expect(page.get_by_role("heading", level=2)).to_have_count(1)
    expect(page.get_by_role("cell", name="Alice de Vries", exact=True)).to_have_count(1)
    expect(page.get_by_role("cell", name=re.compile(r"^\d+ keer$"))).to_have_count(1)
    axe.check(page)

    page.context.clear_cookies()
    browser_log_in(page, base, charlie)
    response = page.goto(f"{base}/clients/{client_id}/")
    assert response is not None and response.status == 404
    expect(page.get_by_text("Hoekstra")).to_have_count(0)
    page.goto(f"{base}/clients/")
    expect(page.get_by_text("Hoekstra")).to_have_count(0)
