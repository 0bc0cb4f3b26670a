import pytest
from playwright.sync_api import Page, expect

from vangnet.conftest import AxeChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_the_home_page_to_english(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vangnet")
    axe.check(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Who does what").first).to_be_visible()
    axe.check(page)


def test_on_a_phone_the_menu_folds_behind_one_button(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server}/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").first
    ).to_be_hidden()
    axe.check(page)
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Wie doet wat"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/map/" in page.url
    axe.check(page)
