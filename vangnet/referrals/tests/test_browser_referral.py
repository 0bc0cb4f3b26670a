"""The closed loop in a real browser: refer, accept, first contact, feedback, three months on."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.referrals import jobs
from vangnet.referrals.models import FollowUpOutcome, Referral, Status

from .factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Sinds het overlijden van haar man veel alleen; wil graag meer onder de mensen"
FEEDBACK = "Huisbezoek gehad. Gaat vanaf dinsdag naar de koffieochtend in het buurthuis."


def _switch_to(page: Page, base: str, user: User) -> None:
    page.context.clear_cookies()
    browser_log_in(page, base, user)


def test_a_gp_refers_the_social_worker_closes_the_loop_and_checks_back_after_three_months(
    page: Page, live_server: object, axe: AxeChecker, bob: User, alice: User
) -> None:
    base = str(live_server)
    world = build_world(bob, alice)
    name = world.client.full_name

    # The GP refers from the older person's page, with one line of reason.
    browser_log_in(page, base, world.gp)
    page.goto(f"{base}/clients/{world.client.pk}/")
    page.get_by_role("link", name="Verwijzen naar sociaal werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{name} verwijzen")
    axe.check(page)
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("alleen als de oudere het goed vindt")
    axe.check(page)
    page.get_by_label("Reden, in één regel").fill(REASON)
    page.get_by_label("Sociaal: eenzaamheid").check()
    page.get_by_label("De oudere vindt het goed dat ik naam, adres").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_text("De verwijzing is verstuurd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verwijzing naar Welzijn Testdorp")).to_be_visible()
    axe.check(page)

    # The social worker finds it in the referral inbox, accepts, and records the first contact.
    _switch_to(page, base, world.worker)
    menu_link(page, "Verwijzingen").click()
    expect(page.get_by_role("heading", name="Nieuw voor uw organisatie (1)")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=name).click()
    expect(page.get_by_text(REASON)).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Deze verwijzing accepteren").click()
    expect(page.get_by_text("U heeft de verwijzing geaccepteerd.")).to_be_visible()
    axe.check(page)
    page.get_by_label("Terugkoppeling voor de verwijzer: wat is afgesproken?").fill(FEEDBACK)
    page.get_by_role("button", name="Eerste contact vastleggen").click()
    expect(page.get_by_text("Het eerste contact is vastgelegd.")).to_be_visible()
    axe.check(page)
    # On a phone, nothing on the page sticks out sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe.check(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    # A later conversation is recorded; the check after three months counts from it.
    page.get_by_text("Een later gesprek vastleggen").click()
    axe.check(page)
    page.get_by_label("Datum van het gesprek").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Later gesprek vastgelegd")).to_be_visible()
    axe.check(page)

    # The GP sees the feedback.
    _switch_to(page, base, world.gp)
    page.goto(f"{base}/referrals/")
    expect(page.get_by_text("Terugkoppeling ontvangen")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name=name).click()
    expect(page.locator(".feedback").get_by_text(FEEDBACK)).to_be_visible()
    expect(page.get_by_text("Binnen de termijn")).to_be_visible()
    axe.check(page)

    # Three months later the daily job reminds the social worker, who records how it goes.
    jobs.remind_follow_ups(timezone.now() + timedelta(days=92))
    _switch_to(page, base, world.worker)
    page.goto(f"{base}/inbox/")
    expect(page.get_by_role("heading", name="Tijd om te vragen hoe het gaat")).to_be_visible()
    axe.check(page)
    page.goto(f"{base}/referrals/")
    section = page.get_by_role("region", name="Vraag hoe het gaat (na drie maanden) (1)")
    section.get_by_role("link", name=name).click()
    axe.check(page)
    page.get_by_label("Gaat beter").check()
    page.get_by_label("In één regel (niet verplicht)").fill(
        "Gaat elke week, voelt zich minder alleen."
    )
    page.get_by_role("button", name="Vastleggen hoe het gaat").click()
    expect(page.get_by_text("Na drie maanden:")).to_be_visible()
    axe.check(page)
    referral = Referral.objects.get()
    assert referral.status == Status.FIRST_CONTACT
    assert referral.follow_up_outcome == FollowUpOutcome.BETTER


def test_the_coordinator_pages_and_the_figures_pass_the_accessibility_check(
    page: Page, live_server: object, axe: AxeChecker, bob: User, alice: User
) -> None:
    base = str(live_server)
    world = build_world(bob, alice)
    browser_log_in(page, base, alice)
    page.goto(f"{base}/referrals/")
    axe.check(page)
    page.get_by_role("link", name="Netwerk Testwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verwijsafspraken van Netwerk Testwijk"
    )
    axe.check(page)
    page.get_by_label("Binnen een vast aantal werkdagen").check()
    page.get_by_label("eerste contact binnen (werkdagen)").fill("3")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De verwijsafspraken zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Binnen een vast aantal werkdagen")).to_be_checked()
    axe.check(page)
    page.goto(f"{base}/referrals/figures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers over verwijzen")
    axe.check(page)
    _switch_to(page, base, world.gp)
    page.goto(f"{base}/referrals/")
    page.get_by_role("link", name="Een oudere verwijzen").click()
    page.get_by_label("Achternaam, straat of postcode van de oudere").fill(world.client.family_name)
    page.get_by_role("button", name="Zoeken").click()
    axe.check(page)
    page.get_by_role("link", name=f"{world.client.full_name} verwijzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{world.client.full_name} verwijzen")
