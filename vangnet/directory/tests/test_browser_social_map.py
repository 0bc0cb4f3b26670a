"""The social map in a real browser: a coordinator's, a GP's and a citizen's journey."""

import re

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.directory.models import (
    Discipline,
    Need,
    Network,
    Organisation,
    OrganisationType,
    Person,
    StepAssignment,
)
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _network() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create(
        name="Netwerk Oude Kern", night_and_weekend="Huisartsenpost Testdorp: 0900-1234567"
    )
    network.areas.add(neighbourhood)
    return network


def test_a_coordinator_adds_an_organisation_a_person_and_who_does_a_step(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    network = _network()
    browser_log_in(page, str(live_server), alice)

    menu_link(page, "Wie doet wat").click()
    axe.check(page)
    page.get_by_role("navigation", name="Sociale kaart").get_by_role(
        "link", name="Organisaties"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisaties")
    axe.check(page)
    page.get_by_role("link", name="Organisatie toevoegen").click()
    axe.check(page)

    # A mistake first: the page explains it in Dutch and keeps what was typed.
    page.get_by_label(re.compile(r"^Naam")).fill("Welzijn De Brug")
    page.get_by_label("Postcode").fill("12345")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Nederlandse postcode")
    expect(page.get_by_label(re.compile(r"^Naam"))).to_have_value("Welzijn De Brug")
    axe.check(page)

    page.get_by_label("Soort").select_option(OrganisationType.WELFARE)
    page.get_by_label("Domein").select_option("social")
    page.get_by_label("Postcode").fill("9999 ab")
    page.get_by_label(re.compile(r"^Telefoon:")).fill("0990-123456")
    page.get_by_label("Kantooruren").fill("ma-vr 9.00-17.00")
    page.get_by_label("Oude Kern", exact=False).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welzijn De Brug")
    expect(page.get_by_text("Laatst bevestigd")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Persoon toevoegen").click()
    page.get_by_label(re.compile(r"^Naam")).fill("Fatima el Amrani")
    page.get_by_label("Discipline").select_option(Discipline.SOCIAL_WORKER)
    page.get_by_label("Telefoon werk").fill("0990-654321")
    page.get_by_label("Maandag").check()
    axe.check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima el Amrani")
    axe.check(page)

    menu_link(page, "Netwerken").click()
    axe.check(page)
    page.get_by_role("link", name="Netwerk Oude Kern").click()
    expect(page.locator("#downloads")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Wie doet wat", exact=True).last.click()
    step_one = page.locator("#step-1")
    expect(step_one).to_contain_text("Gat: niemand doet deze stap")
    axe.check(page)
    step_one.get_by_role("link", name=re.compile("Toevoegen wie dit doet")).click()
    axe.check(page)
    page.get_by_label("Organisatie").select_option(label="Welzijn De Brug")
    page.get_by_label("Persoon").select_option(
        label="Fatima el Amrani · Sociaal werker · Welzijn De Brug"
    )
    page.get_by_label("Wanneer").fill("Bij elk signaal van een buur of vrijwilliger")
    page.get_by_label("Nacht en weekend").fill("Huisartsenpost Testdorp")
    page.get_by_role("button", name="Opslaan").click()

    expect(step_one).to_contain_text("Welzijn De Brug")
    expect(step_one).to_contain_text("Fatima el Amrani")
    expect(step_one).to_contain_text("Gedekt")
    axe.check(page)
    organisation = Organisation.objects.get(name="Welzijn De Brug")
    assert Person.objects.get(name="Fatima el Amrani").organisation == organisation
    assert StepAssignment.objects.get(network=network).organisation == organisation


def test_a_gp_finds_a_social_worker_for_loneliness_within_three_clicks(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    practice = OrganisationFactory.create(name="Huisartsenpraktijk Het Plein")
    PersonFactory.create(
        user=bob, name="Bob Jansen", discipline=Discipline.GP, organisation=practice
    )
    welfare = OrganisationFactory.create(name="Welzijn De Schakel")
    fatima = PersonFactory.create(
        name="Fatima el Amrani",
        discipline=Discipline.SOCIAL_WORKER,
        organisation=welfare,
        work_phone="0990-654321",
    )
    ServiceFactory.create(
        name="Buurtmaatje",
        organisation=welfare,
        contact=fatima,
        needs=[Need.LONELINESS],
        description="Een vrijwilliger komt op bezoek.",
    )
    browser_log_in(page, str(live_server), bob)
    page.goto(f"{live_server}/")
    axe.check(page)

    clicks = 0
    menu_link(page, "Wie doet wat").click()
    clicks += 1
    axe.check(page)
    page.get_by_label("Zoek op naam, beroep, aanbod of hulpvraag").fill("eenzaam")
    page.get_by_role("button", name="Zoeken").click()
    clicks += 1
    people = page.get_by_role("region", name="Personen")
    expect(people.get_by_role("heading", name="Fatima el Amrani")).to_be_visible()
    expect(people).to_contain_text("Sociaal werker")
    expect(people.get_by_role("link", name="0990-654321")).to_have_attribute(
        "href", "tel:0990654321"
    )
    expect(page.get_by_role("region", name="Aanbod")).to_contain_text("Buurtmaatje")
    axe.check(page)
    people.get_by_role("link", name="Fatima el Amrani").click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima el Amrani")
    axe.check(page)
    assert clicks <= 3


def test_a_citizen_reads_the_public_map_on_a_phone(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    network = _network()
    organisation = OrganisationFactory.create(
        name="Welzijn De Schakel",
        out_of_hours="Bel de huisartsenpost",
        description="Hulp en advies voor ouderen en mantelzorgers in de hele gemeente.",
    )
    organisation.areas.add(network.areas.get())
    PersonFactory.create(
        organisation=organisation,
        name="Fatima el Amrani",
        private_phone="06-99999999",
        show_private_contact=False,
    )
    ServiceFactory.create(
        organisation=organisation,
        name="Boodschappenhulp met een heel lang woord: mantelzorgondersteuningsprogramma",
        schedule="Dinsdag en donderdag 10.00-12.00",
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Wie doet wat").first.click()
    expect(page).to_have_url(re.compile(f"/map/{network.slug}/public/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Netwerk Oude Kern")
    urgent = page.get_by_role("region", name="'s Avonds, 's nachts en in het weekend")
    expect(urgent).to_contain_text("Huisartsenpost Testdorp: 0900-1234567")
    expect(urgent).to_contain_text("112")
    expect(page.get_by_role("heading", name="Welzijn De Schakel")).to_be_visible()
    # What the organisation offers and who works there fold open on a tap.
    schedule = page.get_by_text("Dinsdag en donderdag 10.00-12.00")
    expect(schedule).to_be_hidden()
    page.get_by_text("Wat zij bieden (1)").click()
    expect(schedule).to_be_visible()
    page.get_by_text("Wie er werken (1)").click()
    expect(page.get_by_text("Fatima el Amrani")).to_be_visible()
    assert "06-99999999" not in page.content()
    # Nothing sticks out sideways on a small phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    axe.check(page)
