"""The coordinator opens the demo network's collaboration graph and finds its broker."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import User
from vangnet.collaboration.demo import BROKER
from vangnet.collaboration.demo import build as collaboration
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.directory.models import Network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_opens_the_graph_and_sees_the_broker(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    ctx = DemoContext()
    for builder in (directory, accounts, collaboration):
        builder(ctx)
    network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    base = str(live_server)
    coordinator = User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}")
    browser_log_in(page, base, coordinator, DEMO_PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/collaboration/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie werkt met wie")
    axe.check(page)
    page.get_by_role("link", name=network.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie werkt met wie")
    brokers = page.locator("dt:has-text('Makelaars') + dd")
    expect(brokers).to_contain_text(BROKER)
    expect(page.get_by_role("img", name=f"Wie werkt met wie: {network.name}")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Toon professionals in plaats van organisaties").click()
    expect(page.get_by_role("heading", name="Per professional")).to_be_visible()
    axe.check(page)

    page.goto(base + reverse("directory:network_matrix", args=[network.slug]))
    page.get_by_role("link", name="Wie werkt met wie").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(network.name)
