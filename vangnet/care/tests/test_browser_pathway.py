"""From conversation to evaluation in the browser, with axe on every page.

The district nurse (contact person) records the conversation and the analysis;
the coordinator plans an MDO with a GP, the district nurse and a social worker;
a decision becomes an action; "my plan" shows the contact person and the night
number; the contact person records the evaluation.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.care.models import Evaluation, MeetingItem, PlanAction
from vangnet.clients.actions import contact_person_set
from vangnet.clients.tests.factories import ClientFactory, consent_for_care_team, person_for
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.directory.models import Discipline
from vangnet.directory.tests.factories import NetworkFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _team(alice: User) -> dict[str, User]:
    from vangnet.accounts.models import Role
    from vangnet.conftest import make_user

    users = {
        "nurse": make_user("nina@example.org", "Nina de Wijk", Role.PROFESSIONAL),
        "gp": make_user("greet@example.org", "Greet Huisarts", Role.PROFESSIONAL),
        "social": make_user("sam@example.org", "Sam Welzijn", Role.PROFESSIONAL),
        "coordinator": alice,
    }
    home_care = OrganisationFactory.create(name="Thuiszorg Vliet", phone="0990-300 300")
    nurse = person_for(users["nurse"], Discipline.DISTRICT_NURSE)
    nurse.organisation = home_care
    nurse.work_phone = "0990-301 302"
    nurse.save()
    person_for(users["gp"], Discipline.GP)
    person_for(users["social"], Discipline.SOCIAL_WORKER)
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    return users


def test_from_conversation_to_evaluation(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    base = str(live_server)
    users = _team(alice)
    network = NetworkFactory.create(
        name="Netwerk Vlietdal",
        slug="vlietdal",
        night_and_weekend="Huisartsenpost Vlietstreek: 0990-200 200",
        coordinator=person_for(alice),
    )
    older = ClientFactory.create(given_name="Johanna", family_name="Hoekstra", network=network)
    from vangnet.clients.models import CareTeamMember

    for user in users.values():
        CareTeamMember.objects.create(client=older, person=person_for(user))
    consent_for_care_team(older)
    contact_person_set(actor=Actor(user=alice), client=older, person=person_for(users["nurse"]))

    # The contact person records the conversation.
    browser_log_in(page, base, users["nurse"])
    page.goto(f"{base}/clients/{older.pk}/")
    page.get_by_role("link", name="Traject en plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject van Johanna Hoekstra")
    axe.check(page)
    page.get_by_role("link", name="Gesprek vastleggen").click()
    axe.check(page)
    page.get_by_label("Wat vindt u belangrijk?").fill("Dat ik in mijn eigen huis kan blijven.")
    page.get_by_label("Wat wilt u bereiken?").fill("Ik wil weer zelf boodschappen doen")
    page.get_by_label("Lichaamsfuncties").fill("6")
    page.get_by_label("Wat de mantelzorger zegt").fill("Ik kom twee keer per week.")
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("Het gesprek is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Dat ik in mijn eigen huis kan blijven.")).to_be_visible()
    axe.check(page)

    # ... and the multi-domain analysis.
    page.get_by_role("navigation", name="Traject en plan").get_by_role(
        "link", name="Analyse"
    ).click()
    page.get_by_role("link", name="Analyse vastleggen").click()
    axe.check(page)
    physical = page.get_by_role("group", name="Lichamelijke gezondheid", exact=True)
    physical.get_by_label("Wat is gevonden").fill("Twee keer gevallen in drie maanden.")
    physical.get_by_label("Cure (medische behandeling)").check()
    physical.get_by_label("Bron").select_option("observation")
    physical.get_by_label("Verder onderzoek nodig").check()
    physical.get_by_label("Of door een beroepsgroep").select_option("fysiotherapeut")
    page.get_by_role("button", name="Analyse opslaan").click()
    expect(page.get_by_text("De analyse is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Twee keer gevallen in drie maanden.").first).to_be_visible()
    axe.check(page)

    # The coordinator plans the MDO with a GP, the district nurse and a social worker.
    page.context.clear_cookies()
    browser_log_in(page, base, alice)
    menu_link(page, "MDO").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Multidisciplinair overleg (MDO)")
    axe.check(page)
    page.get_by_role("link", name="Overleg plannen").click()
    axe.check(page)
    when = timezone.localtime() + timedelta(days=3)
    page.get_by_role("combobox", name="Netwerk").select_option(str(network.pk))
    page.get_by_label("Datum en tijd").fill(when.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Plaats").fill("Gezondheidscentrum, zaal 2")
    for name in ("Greet Huisarts", "Nina de Wijk", "Sam Welzijn"):
        page.get_by_role("checkbox", name=re.compile(f"^{name}")).check()
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda maken")
    axe.check(page)
    page.get_by_role("button", name="Johanna Hoekstra op de agenda zetten").click()
    expect(page.get_by_text("De oudere staat op de agenda.")).to_be_visible()
    page.get_by_role("link", name="Terug naar het overleg").click()
    expect(page.get_by_role("heading", name="Johanna Hoekstra")).to_be_visible()
    axe.check(page)

    # The decision in the meeting becomes an action with an owner.
    page.get_by_role("link", name="Verslag en besluiten voor Johanna Hoekstra").click()
    axe.check(page)
    page.get_by_label("Verslag over deze oudere").fill("Mevrouw wil thuis blijven wonen.")
    page.get_by_label("Het plan is in dit overleg gemaakt").check()
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    decision = page.locator(
        "form", has=page.get_by_role("button", name="Besluit toevoegen aan het plan")
    )
    decision.get_by_label("Wat er gaat gebeuren").fill(
        "Thuiszorg helpt twee keer per week bij het douchen."
    )
    decision.get_by_label("Voor het doel").select_option(label="Ik wil weer zelf boodschappen doen")
    decision.get_by_label("Een professional").check()
    decision.get_by_role("combobox", name="Professional").select_option(
        str(person_for(users["nurse"]).pk)
    )
    decision.get_by_label("Wanneer").fill((when + timedelta(days=14)).strftime("%Y-%m-%d"))
    page.get_by_role("button", name="Besluit toevoegen aan het plan").click()
    expect(page.get_by_text("Het besluit staat nu als actie in het plan.")).to_be_visible()
    axe.check(page)
    action = PlanAction.objects.get(plan__client=older)
    assert action.mdo_item == MeetingItem.objects.get(client=older)
    assert action.owner_person == person_for(users["nurse"])

    page.get_by_role("navigation", name="Traject en plan").get_by_role(
        "link", name="Plan", exact=True
    ).click()
    expect(page.get_by_text("Thuiszorg helpt twee keer per week bij het douchen.")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Instemming en evaluatiedatum vastleggen").click()
    axe.check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De instemming is vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="Geschiedenis van het plan").click()
    expect(page.get_by_text("Instemming met het plan vastgelegd")).to_be_visible()
    axe.check(page)

    # The contact person sees what is due, and prints "my plan".
    page.context.clear_cookies()
    browser_log_in(page, base, users["nurse"])
    menu_link(page, "Mijn cliënten").click()
    expect(page.get_by_role("heading", name="Johanna Hoekstra")).to_be_visible()
    axe.check(page)
    menu_link(page, "Mijn acties").click()
    expect(page.get_by_text("Thuiszorg helpt twee keer per week bij het douchen.")).to_be_visible()
    axe.check(page)
    page.goto(f"{base}/care/clients/{older.pk}/my-plan/")
    contact = page.get_by_role("region", name="Wie is mijn aanspreekpunt?")
    expect(contact.get_by_text("Nina de Wijk")).to_be_visible()
    expect(contact.get_by_text("Thuiszorg Vliet")).to_be_visible()
    expect(contact.get_by_text("0990-301 302")).to_be_visible()
    night = page.get_by_role("region", name="Wie bel ik 's nachts of in het weekend?")
    expect(night.get_by_text("Huisartsenpost Vlietstreek: 0990-200 200")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Afdrukversie").click()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    axe.check(page)
    assert AccessLogEntry.objects.filter(
        client_id=older.pk, event=AuditEvent.PRINT, user_id=users["nurse"].pk
    ).exists()

    # On the evaluation date the contact person records the evaluation per goal.
    page.get_by_role("navigation", name="Traject en plan").get_by_role(
        "link", name="Evaluatie"
    ).click()
    axe.check(page)
    goal = page.get_by_role("group", name="Doel: “Ik wil weer zelf boodschappen doen”")
    goal.get_by_label("Deels bereikt").check()
    goal.get_by_label("Wat zegt de oudere er zelf over?").fill("Met hulp lukt het bijna.")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("De evaluatie is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Met hulp lukt het bijna.")).to_be_visible()
    axe.check(page)
    review = Evaluation.objects.get(plan__client=older).reviews.get()
    assert review.outcome == "partly"
