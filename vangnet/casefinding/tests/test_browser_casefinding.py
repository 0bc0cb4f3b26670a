"""A GP uploads an extract in a real browser: first a faulty one, then a good one."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.casefinding.models import CaseFindingRun
from vangnet.casefinding.tests.helpers import small_extract
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.directory.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_gp_uploads_an_extract_and_downloads_the_list(
    page: Page,
    live_server: object,
    axe: AxeChecker,
    bob: User,
    practice: Organisation,
    tmp_path: Path,
) -> None:
    bad = small_extract(tmp_path / "bad", medications=[("p-anna", "C09", "2026-03-01")])
    good = small_extract(tmp_path / "good")
    browser_log_in(page, str(live_server), bob)

    menu_link(page, "Risicoselectie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Risicoselectie: wie heeft baat bij een bezoek?"
    )
    axe.check(page)

    page.get_by_label(re.compile(r"^Extractie")).set_input_files(sorted(bad.iterdir()))
    page.get_by_label("Peildatum").fill("2026-06-30")
    page.get_by_role("button", name="Lijst maken").click()
    report = page.locator(".extract-report")
    expect(report.get_by_role("heading", level=2)).to_have_text("De extractie is niet verwerkt")
    expect(report).to_contain_text("medications.csv, kolom atc")
    expect(report).to_contain_text("regel 2: “C09”")
    expect(report).to_contain_text("Gebruik de volledige ATC-code")
    axe.check(page)
    assert not CaseFindingRun.objects.exists()

    page.get_by_label(re.compile(r"^Extractie")).set_input_files(sorted(good.iterdir()))
    page.get_by_label("Peildatum").fill("2026-06-30")
    page.get_by_role("button", name="Lijst maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lijst kwetsbaarheid op 30 juni 2026")
    expect(page.get_by_role("status")).to_contain_text("De lijst is klaar.")
    rows = page.locator("table.ranked-list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("p-anna")
    axe.check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].split(",")[2] == "p-anna"

    page.get_by_role("link", name="Alle lijsten").click()
    expect(page.get_by_role("table")).to_contain_text("30 juni 2026")
    axe.check(page)
    events = list(
        AccessLogEntry.objects.filter(user_id=bob.pk).order_by("pk").values_list("event", flat=True)
    )
    assert events == ["create", "read", "export"]
