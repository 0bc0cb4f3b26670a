"""A practice nurse takes a GFI with an older person, partly on a phone; the coordinator acts."""

import re

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.screening.models import FollowUpTask, RiskProfile, Screening, TaskStatus
from vangnet.screening.tests.world import network_coordinated_by, older_person_of, poh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

# GFI answers by question: 1, 2, 5, 6 and 11 count, so the score is 5 (frail from 4).
ANSWERS = {
    1: "nee",
    2: "nee",
    3: "ja",
    4: "ja",
    5: "6",
    6: "ja",
    7: "nee",
    8: "nee",
    9: "nee",
    10: "nee",
    11: "soms",
    12: "nee",
    13: "nee",
    14: "nee",
    15: "nee",
}


def _answer(page: Page, number: int) -> None:
    expect(page.get_by_text(f"vraag {number} van 15")).to_be_visible()
    page.get_by_role("radio", name=ANSWERS[number], exact=True).check()
    label = "Naar het overzicht" if number == 15 else "Volgende vraag"
    page.get_by_role("button", name=label).click()


def test_a_poh_takes_a_gfi_and_the_coordinator_sees_the_follow_up(
    page: Page, live_server: object, axe: AxeChecker, alice: User, bob: User
) -> None:
    network = network_coordinated_by(alice)
    older = older_person_of(poh(bob), alice, network=network)
    base = str(live_server)

    browser_log_in(page, base, bob)
    page.goto(f"{base}/clients/{older.pk}/")
    page.get_by_role("link", name="Screening en risicoprofiel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Screening en risicoprofiel")
    axe.check(page)

    page.get_by_role("link", name="Vragenlijst afnemen").click()
    axe.check(page)
    page.get_by_role("radio", name="Groningen Frailty Indicator (GFI)").check()
    page.get_by_role(
        "radio", name="De oudere vult de vragen zelf in op deze telefoon of tablet"
    ).check()
    page.get_by_role("button", name="Beginnen").click()

    # The first question on the professional's screen, then the phone is handed over.
    expect(page.get_by_role("heading", level=1)).to_contain_text("boodschappen")
    axe.check(page)
    _answer(page, 1)
    page.set_viewport_size(PHONE)
    _answer(page, 2)
    # The older person holds the professional's device: the menu is out of reach.
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    axe.check(page)

    # Back to the previous question: the answer given is still chosen.
    page.get_by_role("button", name="Vorige vraag").click()
    expect(page.get_by_role("radio", name="nee", exact=True)).to_be_checked()
    page.get_by_role("button", name="Volgende vraag").click()
    _answer(page, 3)

    # Next without an answer: a Dutch message that names the question.
    page.get_by_role("button", name="Volgende vraag").click()
    expect(page.get_by_role("alert")).to_contain_text("Vraag 4: kies een van de antwoorden.")
    axe.check(page)
    _answer(page, 4)

    # The fitness mark: eleven big buttons, 0 to 10.
    expect(page.get_by_role("radio")).to_have_count(11)
    axe.check(page)
    for number in range(5, 16):
        _answer(page, number)

    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor het invullen")
    axe.check(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Antwoorden opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("Het risicoprofiel is nu: Kwetsbaar")
    expect(page.locator(".profile-now")).to_contain_text("Kwetsbaar")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Risicoprofiel door de tijd"))).to_be_visible()
    axe.check(page)
    screening = Screening.objects.get(client=older)
    assert (screening.score, screening.mode) == (5, "self")
    assert FollowUpTask.objects.get(client=older).profile_change.profile == RiskProfile.FRAIL

    # The coordinator logs in and finds the proposal in the menu.
    page.get_by_role("button", name="Uitloggen").click()
    browser_log_in(page, base, alice)
    menu_link(page, "Vervolgacties").click()
    card = page.locator(".task-list li").first
    expect(card).to_contain_text(older.full_name)
    expect(card).to_contain_text("Een casemanager uit het sociaal domein regelen")
    expect(card).to_contain_text("Kwetsbaar")
    axe.check(page)

    card.get_by_role("radio", name="Gedaan").check()
    card.get_by_role("textbox", name=re.compile("Notitie|Opmerking")).fill("Ouderenadviseur belt")
    card.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De vervolgactie is vastgelegd.")
    expect(page.get_by_text("Geen open vervolgacties.")).to_be_visible()
    axe.check(page)
    assert FollowUpTask.objects.get(client=older).status == TaskStatus.DONE

    page.get_by_role("link", name="Afgehandeld").click()
    expect(page.locator(".task-list")).to_contain_text("Ouderenadviseur belt")
    axe.check(page)
    page.get_by_role("link", name="Regels voor risicoprofielen").click()
    axe.check(page)
    page.get_by_role("link", name=re.compile("Regel van .* aanpassen")).click()
    axe.check(page)
