"""The grouped main menu on a desktop and on a phone, by mouse and by keyboard."""

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_desktop_the_groups_fit_one_line_and_open_by_keyboard(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    PersonFactory.create(
        user=alice, organisation=OrganisationFactory.create(name="Welzijn Oude Kern")
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_log_in(page, str(live_server), alice)
    header = page.get_by_role("banner")
    expect(header.get_by_text("Alice de Vries")).to_be_visible()
    expect(header.get_by_text("Welzijn Oude Kern")).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    groups = nav.locator("summary")
    expect(groups).to_have_text(["Ouderen", "Netwerk", "Signalen"])
    tops = {round(box["y"]) for box in (g.bounding_box() for g in groups.all()) if box}
    assert len(tops) == 1
    expect(nav.get_by_role("link", name="MDO")).to_be_hidden()
    axe.check(page)

    groups.first.focus()
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="MDO")).to_be_visible()
    axe.check(page)
    page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="MDO")).to_be_hidden()
    expect(groups.first).to_be_focused()

    groups.nth(1).click()
    nav.get_by_role("link", name="Netwerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerken")
    axe.check(page)


def test_on_a_phone_everything_folds_into_one_menu_button(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    browser_log_in(page, str(live_server), bob)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_hidden()
    axe.check(page)
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.locator("summary", has_text="Ouderen").click()
    axe.check(page)
    nav.get_by_role("link", name="Mijn acties").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe.check(page)
