"""The read-only demo account: its start page says what it can and cannot do, and it can look."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from vangnet.accounts.models import Role, User
from vangnet.clients.demo import READ_ONLY_FOLLOWS
from vangnet.clients.demo import build as clients
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_read_only_demo_account_sees_what_it_may_and_changes_nothing(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    base = str(live_server)
    # A transactional test starts without the roles the migrations made.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    ctx = DemoContext(seed=2026)
    for builder in (directory, accounts, clients):
        builder(ctx)
    user = User.objects.get(email="read-only@demo.vangnet.nl")
    browser_log_in(page, base, user, password=DEMO_PASSWORD)
    page.goto(f"{base}/")

    rules = page.get_by_role("region", name="Uw account is alleen-lezen")
    expect(rules).to_be_visible()
    expect(rules.get_by_role("heading", name="Wat u kunt doen")).to_be_visible()
    expect(rules.get_by_role("heading", name="Wat u niet kunt doen")).to_be_visible()
    card = page.locator("[data-card='clients']")
    expect(card.locator(".card-count")).to_have_text(str(READ_ONLY_FOLLOWS))
    axe.check(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    card.get_by_role("link").click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(READ_ONLY_FOLLOWS)
    axe.check(page)
    rows.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Toevoegen aan het zorgteam")).to_have_count(0)
    axe.check(page)
