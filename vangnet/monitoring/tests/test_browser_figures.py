from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import User
from vangnet.care.demo import build as care
from vangnet.clients.demo import build as clients
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.monitoring.quarters import current_quarter
from vangnet.referrals.demo import build as referrals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_opens_the_quarters_figures_and_downloads_them(
    page: Page, live_server: object, axe: AxeChecker, tmp_path: Path
) -> None:
    ctx = DemoContext()
    for builder in (directory, accounts, clients, care, referrals):
        builder(ctx)
    base = str(live_server)
    coordinator = User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}")
    browser_log_in(page, base, coordinator, DEMO_PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/figures/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cijfers van")
    previous = str(current_quarter().previous())
    page.get_by_role("combobox", name="Kwartaal", exact=True).fill(previous)
    with page.expect_navigation():
        page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("combobox", name="Kwartaal", exact=True)).to_have_value(previous)
    expect(page.get_by_role("heading", name="Verwijzingen en terugkoppeling")).to_be_visible()
    expect(page.locator("svg.trend-chart").first).to_be_visible()
    axe.check(page)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="“Verwijzingen en terugkoppeling” downloaden als CSV").click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert previous in text
    assert "Verwijzingen" in text

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Kwartaalrapport (pdf)").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("combobox", name="Kwartaal", exact=True).fill("2026Q5")
    with page.expect_navigation():
        page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("alert")).to_contain_text("2026Q3")
    expect(page.get_by_role("combobox", name="Kwartaal", exact=True)).to_have_value("2026Q5")
    axe.check(page)
