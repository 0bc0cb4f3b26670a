"""The other pathway, plan and MDO pages on a 320 px phone: axe finds nothing, nothing overflows."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care import actions
from vangnet.care.models import StepStatus
from vangnet.care.tests.factories import (
    action_for,
    analysed,
    gp_and_social_worker,
    meeting,
    on_agenda,
)
from vangnet.clients.actions import contact_person_set
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory.models import Discipline, PathwayStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    # Name the elements that stick out, so a failure says where to look.
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
        " || (e.scrollWidth > e.clientWidth + 1"
        " && getComputedStyle(e).overflowX === 'visible'))"
        ".slice(0, 5)"
        ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"
    )
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the phone: {wide}"


def test_every_other_page_passes_axe_on_a_phone(
    page: Page, live_server: object, axe: AxeChecker, alice: User, bob: User
) -> None:
    base = str(live_server)
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp, social = gp_and_social_worker()
    older = client_shared_with(alice, bob, gp)
    hidden = client_shared_with(bob)
    analysed(older, bob)
    actions.step_record(
        actor=Actor(user=bob),
        client=older,
        step=PathwayStep.ANALYSIS,
        status=StepStatus.BEGUN,
        occurred_on=timezone.localdate(),
        note="Opnieuw kijken na een val",
    )
    contact_person_set(actor=Actor(user=bob), client=older, person=person_for(bob))
    action_for(
        bob,
        older,
        person_for(alice),
        due_on=timezone.localdate() - timedelta(days=2),
        description="Een heel lang woord als Ouderenadviseursspreekuurafspraakbevestiging",
    )
    actions.plan_agree(
        actor=Actor(user=bob),
        client=older,
        agreed_on=timezone.localdate() - timedelta(days=95),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=timezone.localdate() - timedelta(days=3),
    )
    mdo = meeting(alice, [gp, social], older)
    on_agenda(alice, older, mdo)
    on_agenda(bob, hidden, mdo)

    page.set_viewport_size({"width": 320, "height": 720})
    browser_log_in(page, base, alice)
    client_pages = [
        "",
        "step/",
        "conversation/",
        "analysis/",
        "plan/",
        "plan/goal/",
        "plan/action/",
        "plan/agreement/",
        "plan/history/",
        "plan/history/?version=1",
        "evaluation/",
        "my-plan/",
        "mdo/",
    ]
    for path in client_pages:
        page.goto(f"{base}/care/clients/{older.pk}/{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe.check(page)
        _fits_the_screen(page)
    for path in (
        f"mdo/{mdo.pk}/",
        f"mdo/{mdo.pk}/edit/",
        f"mdo/{mdo.pk}/agenda/",
        "mdo/",
        "my-clients/",
        "my-actions/",
    ):
        page.goto(f"{base}/care/{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe.check(page)
        _fits_the_screen(page)

    # The coordinator is not in the second person's care team: that item shows as "no consent".
    page.goto(f"{base}/care/mdo/{mdo.pk}/")
    expect(page.get_by_role("heading", name="Geen toestemming")).to_be_visible()
    expect(page.get_by_text(hidden.family_name)).to_have_count(0)

    # Errors on a form with several parts are summarised and linked.
    page.goto(f"{base}/care/clients/{older.pk}/analysis/new/")
    page.get_by_role("group", name="Wonen", exact=True).get_by_label(
        "Verder onderzoek nodig"
    ).check()
    page.get_by_role("button", name="Analyse opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Beschrijf wat is gevonden")
    axe.check(page)
    _fits_the_screen(page)
