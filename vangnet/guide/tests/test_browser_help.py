"""Help in the browser: "Hoe werkt dit?" opens on two screens and leads to the role guide,
which prints without the menu and reads on a phone without scrolling sideways."""

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.guide.guides import GUIDES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_help_and_follow(page: Page, axe: AxeChecker, guide_link: str) -> None:
    help_block = page.locator("details.screen-help")
    expect(help_block).not_to_have_attribute("open", "")
    axe.check(page)
    help_block.get_by_text("Hoe werkt dit?", exact=True).click()
    expect(help_block).to_have_attribute("open", "")
    expect(help_block.get_by_role("link", name="Alle handleidingen")).to_be_visible()
    axe.check(page)
    help_block.get_by_role("link", name=guide_link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(guide_link)
    axe.check(page)


def test_help_on_two_screens_leads_to_the_guide_for_the_role(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    page.goto(f"{live_server}/signals/worry/")
    _open_help_and_follow(page, axe, "Handleiding voor de vrijwilliger")

    person_for(bob)
    browser_log_in(page, str(live_server), bob)
    page.goto(f"{live_server}/clients/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ouderen")
    _open_help_and_follow(page, axe, "Handleiding voor de wijkverpleegkundige")

    # Printed, the guide is the text alone: no menu, no footer, no print button.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Deze handleiding printen")).to_be_hidden()
    expect(page.get_by_role("heading", name="Het gesprek, de analyse en het plan")).to_be_visible()


def test_the_guides_are_found_from_the_footer_and_read_on_a_phone(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Hulp: handleidingen per rol").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handleidingen")
    axe.check(page)
    for slug, guide in GUIDES.items():
        page.goto(f"{live_server}/hulp/{slug}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        window_width = page.evaluate("window.innerWidth")
        assert scroll_width <= window_width, slug
        axe.check(page)
