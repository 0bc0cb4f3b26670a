"""A volunteer reports a worry on a phone; the coordinator triages it and assigns a contact
person; the contact person finds it in their inbox; the volunteer's status page says "picked up"."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, ViewportSize, expect

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import AxeChecker, browser_log_in, make_user, menu_link
from vangnet.detection import actions
from vangnet.detection.models import Signal, SignalStatus
from vangnet.detection.tests.factories import make_desk
from vangnet.directory.models import Discipline
from vangnet.directory.tests.factories import NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}


def _fits_the_screen(page: Page, screen: int = PHONE["width"]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= screen, f"the page is {width}px wide on a {screen}px screen"


def _check_status(page: Page, base: str, code: str, axe: AxeChecker) -> None:
    page.goto(f"{base}/signals/status/")
    page.get_by_label("Uw code").fill(code)
    page.get_by_role("button", name="Nakijken").click()
    axe.check(page)


def test_a_worry_from_a_phone_is_triaged_assigned_and_picked_up(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    base = str(live_server)
    network = make_desk(alice, NetworkFactory.create(name="Netwerk Vlietdal", slug="vlietdal"))
    nurse = make_user("nina@example.org", "Nina de Wijk", Role.PROFESSIONAL)
    nurse_person = person_for(nurse, Discipline.DISTRICT_NURSE)

    # A volunteer, on a phone, without an account.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    axe.check(page)
    page.get_by_role("link", name="Ik maak me zorgen over iemand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik maak me zorgen over iemand")
    axe.check(page)
    _fits_the_screen(page)
    page.get_by_label("Naam:", exact=True).fill("Geertje Bosma")
    page.get_by_label("Straat en huisnummer").fill("Molenweg 4")
    page.get_by_label("Postcode (als u die weet)").fill("9999 ab")
    page.get_by_label("Woonplaats").fill("Vlietdal")
    page.get_by_label("75 tot en met 84").check()
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Eten en gewicht").check()
    page.get_by_label("Vertel het in uw eigen woorden").fill(
        "Mevrouw eet haar maaltijd niet meer op en zegt dat ze niemand ziet."
    )
    page.get_by_label("Ja, de oudere weet het").check()
    page.get_by_label("Vrijwilliger", exact=True).check()
    page.get_by_label("Uw naam").fill("Ineke")
    axe.check(page)
    page.get_by_role("button", name="Mijn zorg versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel. Uw zorg is ontvangen.")
    axe.check(page)
    _fits_the_screen(page)
    code = page.locator(".reference-code [aria-hidden=true]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    signal = Signal.objects.get()
    assert signal.display_reference == code
    _check_status(page, base, code, axe)
    expect(page.get_by_role("status")).to_contain_text("Ontvangen")

    # The coordinator triages and registers with a first contact person.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_log_in(page, base, alice)
    menu_link(page, "Signalen").click()
    axe.check(page)
    page.get_by_role("link", name="Werkvoorraad openen").click()
    axe.check(page)
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signaal {code}")
    axe.check(page)
    page.get_by_role("button", name="Beginnen met beoordelen").click()
    expect(page.get_by_text("Geen oudere in dit netwerk past bij de naam")).to_be_visible()
    axe.check(page)
    page.get_by_role(
        "link", name="De oudere gaf toestemming: inschrijven en een aanspreekpunt kiezen"
    ).click()
    expect(page.get_by_label("Voornaam")).to_have_value("Geertje")
    expect(page.get_by_label("Achternaam")).to_have_value("Bosma")
    page.get_by_label("Geboortedatum").fill("1944-02-12")
    page.get_by_label(re.compile("^De oudere vindt het goed dat het netwerk")).check()
    page.get_by_label("De oudere zelf").check()
    page.get_by_label("Mondeling").check()
    page.get_by_label("Eerste aanspreekpunt").select_option(str(nurse_person.pk))
    axe.check(page)
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_text("De oudere is ingeschreven.")).to_be_visible()
    axe.check(page)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.ROUTED and signal.recipient == nurse_person
    older = Client.objects.get(family_name="Bosma")
    assert older.network == network

    # The contact person finds it in the inbox and picks it up.
    page.context.clear_cookies()
    browser_log_in(page, base, nurse)
    page.goto(f"{base}/inbox/")
    expect(page.get_by_role("heading", name="Er is een signaal aan u doorgegeven")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name=re.compile("^Openen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signaal {code}")
    expect(page.get_by_text("Mevrouw eet haar maaltijd niet meer op")).to_be_visible()
    expect(page.get_by_role("link", name="Geertje Bosma")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Ik pak dit op").click()
    expect(page.get_by_text("U heeft het signaal opgepakt.")).to_be_visible()
    axe.check(page)

    # The volunteer looks again, on the phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    _check_status(page, base, code.lower(), axe)
    expect(page.get_by_role("status")).to_contain_text("Opgepakt")
    expect(page.get_by_text("Geertje")).to_have_count(0)
    _fits_the_screen(page)


def test_the_registry_and_the_meeting_page_pass_axe(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    from vangnet.core.demo import DemoContext
    from vangnet.detection.demo import build as detection
    from vangnet.directory.demo import build as directory

    # A transactional test before this one may have emptied the roles the migrations made.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    ctx = DemoContext(seed=2026)
    directory(ctx)
    network = ctx.shared["network"]
    make_desk(alice, network)
    detection(ctx)
    base = str(live_server)
    browser_log_in(page, base, alice)
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/signals/activities/{network.slug}/")
    expect(page.get_by_text("1 overlap:")).to_be_visible()
    axe.check(page)
    _fits_the_screen(page)  # wide tables scroll inside their own box
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Oosterpolder", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vroegsignalering in Oosterpolder")
    expect(page.get_by_text("Gat: niemand")).to_be_visible()
    axe.check(page)
    page.goto(f"{base}/signals/activities/{network.slug}/new/")
    axe.check(page)
    page.goto(f"{base}/signals/point/{network.slug}/")
    axe.check(page)
    page.goto(f"{base}/signals/work/queue/")
    axe.check(page)
    page.goto(f"{base}/signals/work/new/")
    axe.check(page)


def test_the_other_signal_pages_pass_axe(
    page: Page, live_server: object, axe: AxeChecker, alice: User, bob: User
) -> None:
    base = str(live_server)
    network = make_desk(alice, NetworkFactory.create(name="Netwerk Vlietdal", slug="vlietdal"))
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(network=network)
    in_triage = actions.signal_start_triage(
        actor=Actor(alice),
        signal=actions.signal_report(
            network=network,
            data={
                "subject_name": "Kees Jansen",
                "subject_street": "Dijkweg 3",
                "categories": ["home"],
                "urgency": "urgent",
                "reporter_kind": "neighbour",
            },
        ),
    )

    # The worry form with mistakes, and an unknown code, on the smallest phone.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{base}/signals/worry/")
    page.get_by_role("button", name="Mijn zorg versturen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page)
    _fits_the_screen(page, 320)
    _check_status(page, base, "ABCDE-FGHJK", axe)
    expect(page.get_by_role("status")).to_contain_text("Niet gevonden")

    page.set_viewport_size({"width": 1280, "height": 900})
    browser_log_in(page, base, alice)
    for path in (
        f"/signals/work/{in_triage.pk}/",
        f"/signals/work/{in_triage.pk}/route/",
        f"/signals/work/{in_triage.pk}/close/",
    ):
        page.goto(f"{base}{path}")
        axe.check(page)

    page.context.clear_cookies()
    browser_log_in(page, base, bob)
    page.goto(f"{base}/clients/{older.pk}/")
    page.get_by_role("link", name="Signaal doorgeven").click()
    axe.check(page)
    page.get_by_label("Vergeetachtigheid").check()
    page.get_by_label("Korte omschrijving").fill("Vergeet de medicijnen.")
    page.get_by_label("Ja, de oudere weet het").check()
    page.get_by_role("button", name="Naar het coördinatiepunt sturen").click()
    expect(page.get_by_role("heading", name="Al in beeld")).to_be_visible()
    axe.check(page)
    page.goto(f"{base}/signals/client/{older.pk}/")
    expect(page.get_by_text("Vergeet de medicijnen.")).to_be_visible()
    axe.check(page)
    page.goto(f"{base}/signals/client/{older.pk}/in-view/")
    axe.check(page)
    page.goto(f"{base}/signals/work/")
    axe.check(page)
