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
