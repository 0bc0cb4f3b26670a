import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import User
from vangnet.care.demo import build as care
from vangnet.clients.demo import build as clients
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.economics.calculation import figures_of
from vangnet.economics.demo import build as economics
from vangnet.economics.engine import cents
from vangnet.economics.models import BusinessCase, UnitCostOverride
from vangnet.economics.tests.formulas import evaluate_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo() -> BusinessCase:
    """The demo network with its pathway activity: what the business case counts."""
    ctx = DemoContext()
    for builder in (directory, accounts, clients, care, economics):
        builder(ctx)
    case: BusinessCase = ctx.shared["business_case"]
    return case


def _save_and_next(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan en naar de volgende fase").click()


def test_a_coordinator_goes_through_the_four_phases_and_downloads_the_reports(
    page: Page, live_server: object, axe: AxeChecker, tmp_path: Path, settings: Any
) -> None:
    settings.VANGNET_ECONOMICS_SAMPLES = 20
    case = _demo()
    base = str(live_server)
    coordinator = User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}")
    browser_log_in(page, base, coordinator, DEMO_PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/economics/")
    page.get_by_role("link", name=case.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.title)
    page.get_by_role("link", name="1. Eerste gesprek").click()
    expect(page.get_by_role("heading", name="1. Eerste gesprek")).to_be_visible()
    axe.check(page)
    page.get_by_label("wat het netwerk samen wil bereiken").fill("Samen op tijd erbij zijn.")
    _save_and_next(page)

    expect(page.get_by_role("heading", name="2. Rekenen")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Vul de aantallen uit Vangnet in").click()
    expect(page.get_by_text("De aantallen uit Vangnet zijn ingevuld.")).to_be_visible()
    expect(page.get_by_text("Geteld in Vangnet:").first).to_be_visible()
    axe.check(page)
    _save_and_next(page)

    expect(page.get_by_role("heading", name="3. Tweede gesprek: opbrengsten")).to_be_visible()
    own = page.get_by_label("eigen bedrag voor Bezoek aan de spoedeisende hulp (€)")
    own.fill("300,00")
    _save_and_next(page)
    # No reason given: the amount stays, with a Dutch message.
    expect(page.get_by_role("alert")).to_contain_text("Zeg waarom uw netwerk een eigen bedrag")
    expect(own).to_have_value("300,00")
    page.get_by_label("waarom, voor Bezoek aan de spoedeisende hulp").fill(
        "Gemiddelde SEH-prijs in onze regio."
    )
    axe.check(page)
    _save_and_next(page)
    assert UnitCostOverride.objects.get(case=case, key="emergency_visit").amount == 300

    expect(page.get_by_role("heading", name="4. Besluit")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Neem de voorgestelde verdeling over").click()
    page.get_by_label("wat is afgesproken").fill("Alle partijen doen drie jaar mee.")
    axe.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Leg de afspraak vast").click()

    expect(page.get_by_role("heading", name="Wat een saldo negatief kan maken")).to_be_visible()
    expect(page.locator("svg.econ-chart").nth(1)).to_be_visible()
    expect(page.get_by_text("Gemiddelde SEH-prijs in onze regio.")).to_be_visible()
    axe.check(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download het verslag (PDF)").click()
    pdf = tmp_path / "verslag.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download de berekening (Excel)").click()
    xlsx = tmp_path / "berekening.xlsx"
    xlsx_download.value.save_as(xlsx)
    workbook = load_workbook(io.BytesIO(xlsx.read_bytes()))
    values = evaluate_workbook(workbook)
    sheet = workbook["Saldo"]
    rows = {sheet[f"A{r}"].value: r for r in range(2, sheet.max_row + 1)}
    figures = figures_of(BusinessCase.objects.get(pk=case.pk))
    for result in figures.result.parties:
        assert round(values[("Saldo", f"D{rows[result.party]}")], 2) == float(cents(result.net))
    total = rows["Het hele netwerk"]
    assert round(values[("Saldo", f"D{total}")], 2) == float(cents(figures.result.total.net))
