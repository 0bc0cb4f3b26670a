"""The error pages, as a visitor meets them in a browser: readable, accessible, a way home."""

import pytest
from playwright.sync_api import Page, expect

from vangnet.conftest import AxeChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_on_a_missing_page_finds_the_way_home(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    response = page.goto(f"{live_server}/nowhere/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    axe.check(page)
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vangnet")


def test_a_visitor_who_sends_a_nul_character_gets_a_plain_dutch_page(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    response = page.goto(f"{live_server}/map/?q=Jan%00")
    assert response is not None and response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit kunnen we niet gebruiken")
    axe.check(page)
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vangnet")


def test_on_a_phone_the_error_page_fits_the_screen(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server}/nowhere/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    axe.check(page)
