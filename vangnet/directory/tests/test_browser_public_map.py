"""The public map of the demo network fits a laptop and a phone: no value squeezed to a letter."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from vangnet.accounts.models import Role
from vangnet.conftest import AxeChecker
from vangnet.core.demo import DemoContext
from vangnet.directory import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# The narrowest a value may get next to its label: room for a phone number or a short line.
MIN_VALUE_WIDTH = 120
# The demo network has 41 organisations; the old layout made the page over 100,000 pixels.
MAX_LAPTOP_HEIGHT = 20_000

WIDTHS = """Array.from(document.querySelectorAll('.card dl.facts dd'))
    .map(dd => dd.getBoundingClientRect().width)"""


def _demo_network() -> None:
    # A transactional test empties the tables, the role groups too; the demo needs them.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    demo.build(DemoContext(seed=2026, now=NOW))


def _open_every_fold(page: Page) -> None:
    page.evaluate("document.querySelectorAll('.card details').forEach(d => d.open = true)")


def test_a_citizen_reads_the_demo_map_on_a_laptop(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    _demo_network()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server}/map/demo/public/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Netwerk Ouderen Vlietdal")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_LAPTOP_HEIGHT
    cards = page.locator("li.card")
    assert cards.count() == 41
    # Three cards side by side, each wide enough for a label and its value.
    card_widths = page.evaluate(
        "Array.from(document.querySelectorAll('li.card')).map(c => c.getBoundingClientRect().width)"
    )
    assert min(card_widths) >= 350
    assert min(page.evaluate(WIDTHS)) >= MIN_VALUE_WIDTH
    axe.check(page)

    # What an organisation offers folds open; its values are as wide as the others.
    first = cards.first
    first.get_by_text("Wat zij bieden").click()
    expect(first.locator("details.offer ul")).to_be_visible()
    _open_every_fold(page)
    widths = page.evaluate(WIDTHS)
    assert len(widths) > 500
    assert min(widths) >= MIN_VALUE_WIDTH
    axe.check(page)


def test_a_citizen_reads_the_demo_map_on_a_phone(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    _demo_network()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/map/demo/public/")
    _open_every_fold(page)
    # One card a row, the label above its value, which gets the card's whole width.
    assert min(page.evaluate(WIDTHS)) >= 250
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # The evening, night and weekend arrangement is on top, and each card links to it.
    urgent = page.get_by_role("region", name="'s Avonds, 's nachts en in het weekend")
    expect(urgent).to_contain_text("0990-200 200")
    page.get_by_role("link", name="Zie bovenaan deze pagina").first.click()
    expect(page).to_have_url(f"{live_server}/map/demo/public/#urgent-title")
    axe.check(page)
