import io
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms import BaseFormSet
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care.models import Conversation
from vangnet.clients.tests.factories import ClientFactory
from vangnet.conftest import log_in
from vangnet.directory.models import Network, OrganisationType
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
)
from vangnet.economics import actions
from vangnet.economics.calculation import figures_of
from vangnet.economics.engine import cents
from vangnet.economics.models import (
    BenefitLine,
    BusinessCase,
    CaseParty,
    CostCategory,
    CostLine,
    UnitCostOverride,
)
from vangnet.economics.report import report_xlsx
from vangnet.economics.tests.formulas import evaluate_workbook

TODAY = date(2026, 3, 31)


@pytest.fixture
def network(db: None) -> Network:
    network: Network = NetworkFactory.create()
    gp = OrganisationFactory(name="Huisartsenpraktijk De Linde", type=OrganisationType.GP_PRACTICE)
    welfare = OrganisationFactory(name="Welzijn Vlietdal", type=OrganisationType.WELFARE)
    NetworkPartyFactory(network=network, organisation=gp)
    NetworkPartyFactory(network=network, organisation=welfare)
    return network


@pytest.fixture
def case(network: Network, alice: User, bob: User) -> BusinessCase:
    gp = network.parties.get(organisation__type=OrganisationType.GP_PRACTICE).organisation
    PersonFactory(organisation=gp, user=bob, name="Bob Jansen")
    return actions.case_create(
        actor=Actor(user=alice),
        network=network,
        title="Kosten en baten 2026",
        period_start=TODAY - timedelta(days=364),
        period_end=TODAY,
        horizon_years=3,
    )


def as_user(user: User) -> HttpClient:
    http = HttpClient()
    log_in(http, user)
    return http


def post_data(*items: Any) -> dict[str, str]:
    """What a browser would send back for these forms and formsets, unchanged."""
    data: dict[str, str] = {}
    for item in items:
        forms = [item]
        if isinstance(item, BaseFormSet):
            management = item.management_form
            for name in management.fields:
                data[management.add_prefix(name)] = str(management[name].value())
            forms = item.forms
        for form in forms:
            for bound in form:
                value = bound.value()
                if value is None or value is False:
                    continue
                data[bound.html_name] = "on" if value is True else str(value)
    return data


def party(case: BusinessCase, name: str) -> CaseParty:
    return CaseParty.objects.get(case=case, name=name)


def test_it_starts_a_case_with_the_partners_and_the_payers_at_the_table(
    network: Network, alice: User
) -> None:
    response = as_user(alice).post(
        "/economics/",
        {
            "network": network.pk,
            "title": "Ons netwerk",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "horizon_years": "5",
        },
    )
    case = BusinessCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/economics/{case.pk}/conversation/"
    assert list(case.parties.values_list("name", flat=True)) == [
        "Huisartsenpraktijk De Linde",
        "Welzijn Vlietdal",
        "Gemeente (Wmo)",
        "Zorgverzekeraar (Zvw)",
        "Zorgkantoor (Wlz)",
        "Ouderen en mantelzorgers",
    ]
    assert case.discount_rate == Decimal("0.0225")


def test_it_refuses_a_stranger_everywhere(case: BusinessCase, charlie: User) -> None:
    PersonFactory(user=charlie)  # works somewhere that is not at the table
    http = as_user(charlie)
    for path in [
        "",
        "conversation/",
        "calculation/",
        "benefits/",
        "decision/",
        "report.pdf",
        "report.xlsx",
        f"compare/{case.pk}/",
    ]:
        assert http.get(f"/economics/{case.pk}/{path}").status_code == 404, path
    assert http.post(f"/economics/{case.pk}/copy/", {"title": "x"}).status_code == 404
    assert case.title not in http.get("/economics/").content.decode()


def test_an_invited_party_reads_the_case_but_cannot_change_it(
    case: BusinessCase, bob: User
) -> None:
    http = as_user(bob)
    assert http.get(f"/economics/{case.pk}/").status_code == 200
    assert http.get(f"/economics/{case.pk}/report.pdf").status_code == 200
    assert http.get(f"/economics/{case.pk}/conversation/").status_code == 404
    assert http.post(f"/economics/{case.pk}/calculation/prefill/").status_code == 404
    assert case.title in http.get("/economics/").content.decode()


def test_it_prefills_counted_activity_and_hides_small_counts(
    case: BusinessCase, alice: User, bob: User
) -> None:
    held_by = bob.person
    for day in (10, 20, 30):
        Conversation.objects.create(
            client=ClientFactory.create(network=case.network),
            held_by=held_by,
            held_on=TODAY - timedelta(days=day),
            what_matters="Thuis blijven wonen.",
        )
    http = as_user(alice)
    http.post(f"/economics/{case.pk}/calculation/prefill/")
    line = CostLine.objects.get(case=case, activity="conversations")
    assert line.measured_count == 3
    # Three is below the threshold of ten: counted as ten, shown as "< 10".
    assert line.count_per_year == Decimal("10.0")
    page = http.get(f"/economics/{case.pk}/calculation/").content.decode()
    assert "&lt; 10" in page
    assert ">3<" not in page


def test_changing_a_counted_number_needs_a_reason_and_keeps_what_was_typed(
    case: BusinessCase, alice: User
) -> None:
    gp = party(case, "Huisartsenpraktijk De Linde")
    CostLine.objects.create(
        case=case,
        party=gp,
        category=CostCategory.STEP_2,
        description="Gesprekken",
        activity="conversations",
        measured_count=40,
        measured_per_year=Decimal("40.0"),
        count_per_year=Decimal("40.0"),
        minutes_each=Decimal(60),
    )
    http = as_user(alice)
    page = http.get(f"/economics/{case.pk}/calculation/")
    data = post_data(page.context["form"], page.context["rates"], page.context["formset"])
    data["costs-0-count_per_year"] = "55,5"
    response = http.post(f"/economics/{case.pk}/calculation/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Zeg waarom" in body
    assert 'value="55,5"' in body
    data["costs-0-override_reason"] = "Ook de telefonische gesprekken tellen mee."
    response = http.post(f"/economics/{case.pk}/calculation/", data)
    assert response.status_code == 302
    assert CostLine.objects.get(case=case).count_per_year == Decimal("55.5")


@pytest.mark.parametrize("typed", ["²", "١٢", "1e309", "NaN", "-3", "9" * 40, "\u202e12"])
def test_odd_numbers_get_a_dutch_message_and_stay_in_the_form(
    case: BusinessCase, alice: User, typed: str
) -> None:
    http = as_user(alice)
    page = http.get(f"/economics/{case.pk}/benefits/")
    data = post_data(page.context["formset"], page.context["gains"], page.context["units"])
    data["benefits-0-unit_key"] = "emergency_visit"
    data["benefits-0-party"] = str(party(case, "Zorgverzekeraar (Zvw)").pk)
    data["benefits-0-quantity_per_year"] = typed
    response = http.post(f"/economics/{case.pk}/benefits/", data)
    assert response.status_code == 200
    assert "Controleer wat u heeft ingevuld" in response.content.decode()
    assert not BenefitLine.objects.exists()


def test_an_own_unit_cost_needs_a_reason_and_the_report_shows_it(
    case: BusinessCase, alice: User
) -> None:
    http = as_user(alice)
    page = http.get(f"/economics/{case.pk}/benefits/")
    data = post_data(page.context["formset"], page.context["gains"], page.context["units"])
    data.update(
        {
            "benefits-0-unit_key": "household_help_hour",
            "benefits-0-party": str(party(case, "Gemeente (Wmo)").pk),
            "benefits-0-quantity_per_year": "100",
            "benefits-0-deadweight": "20",
            "benefits-0-attribution": "50",
            "benefits-0-drop_off": "10",
            "units-own_household_help_hour": "36,50",
        }
    )
    response = http.post(f"/economics/{case.pk}/benefits/", data)
    assert response.status_code == 200
    assert "eigen bedrag" in response.content.decode()
    data["units-reason_household_help_hour"] = "Tarief uit ons Wmo-contract."
    assert http.post(f"/economics/{case.pk}/benefits/", data).status_code == 302
    line = BenefitLine.objects.get()
    assert (line.deadweight, line.attribution, line.drop_off) == (
        Decimal("0.2"),
        Decimal("0.5"),
        Decimal("0.1"),
    )
    assert UnitCostOverride.objects.get().amount == Decimal("36.50")
    overview = http.get(f"/economics/{case.pk}/").content.decode()
    assert "Tarief uit ons Wmo-contract." in overview
    pdf = PdfReader(io.BytesIO(http.get(f"/economics/{case.pk}/report.pdf").content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Tarief uit ons Wmo-contract." in text


def _fill(case: BusinessCase, cost_lines: int) -> None:
    gp, gemeente = party(case, "Huisartsenpraktijk De Linde"), party(case, "Gemeente (Wmo)")
    gp.hourly_rate = Decimal("95.00")
    gp.save()
    for i in range(cost_lines):
        CostLine.objects.create(
            case=case,
            party=gp if i % 2 else gemeente,
            category=CostCategory.STEP_2,
            description=f"Regel {i}",
            count_per_year=Decimal(10 + i),
            minutes_each=Decimal(45),
            extra_money=Decimal(100),
        )
    BenefitLine.objects.create(
        case=case,
        party=party(case, "Zorgverzekeraar (Zvw)"),
        unit_key="emergency_visit",
        quantity_per_year=Decimal(30),
        deadweight=Decimal("0.3"),
        attribution=Decimal("0.5"),
        drop_off=Decimal("0.1"),
    )


@pytest.mark.parametrize("page", ["", "conversation/", "calculation/", "benefits/", "decision/"])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    case: BusinessCase, alice: User, page: str
) -> None:
    http = as_user(alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert http.get(f"/economics/{case.pk}/{page}").status_code == 200
        return len(queries)

    _fill(case, 2)
    few = count()
    _fill(case, 12)
    assert count() == few


def test_the_spreadsheet_formulas_give_the_same_totals(case: BusinessCase) -> None:
    _fill(case, 5)
    UnitCostOverride.objects.create(case=case, key="emergency_visit", amount=300, reason="Eigen")
    figures = figures_of(case)
    workbook = load_workbook(io.BytesIO(report_xlsx(figures)))
    values = evaluate_workbook(workbook)
    rows = {workbook["Saldo"][f"A{r}"].value: r for r in range(2, workbook["Saldo"].max_row + 1)}
    for result in figures.result.parties:
        row = rows[result.party]
        assert round(values[("Saldo", f"B{row}")], 2) == float(cents(result.pv_costs))
        assert round(values[("Saldo", f"C{row}")], 2) == float(cents(result.pv_benefits))
        assert round(values[("Saldo", f"D{row}")], 2) == float(cents(result.net))
    total = rows["Het hele netwerk"]
    assert round(values[("Saldo", f"D{total}")], 2) == float(cents(figures.result.total.net))


def test_a_copy_changes_assumptions_and_compares_side_by_side(
    case: BusinessCase, alice: User
) -> None:
    _fill(case, 2)
    http = as_user(alice)
    response = http.post(f"/economics/{case.pk}/copy/", {"title": "Voorzichtig"})
    copy = BusinessCase.objects.get(title="Voorzichtig")
    assert response["Location"] == f"/economics/{copy.pk}/"
    assert copy.cost_lines.count() == 2
    BenefitLine.objects.filter(case=copy).update(attribution=Decimal("0.1"))
    page = http.get(f"/economics/{case.pk}/compare/{copy.pk}/").content.decode()
    assert "Voorzichtig" in page
    assert "Verschil" in page


def test_the_table_accepts_the_split_and_records_the_agreement(
    case: BusinessCase, alice: User
) -> None:
    _fill(case, 2)
    http = as_user(alice)
    http.post(f"/economics/{case.pk}/decision/proposal/")
    figures = figures_of(case)
    for result in figures.result.parties:
        agreed = party(case, result.party).agreed_transfer
        assert agreed == figures.proposal.received(result.party)
    response = http.post(
        f"/economics/{case.pk}/decision/agreement/",
        {"agreed_on": "2026-04-02", "agreement_note": "Iedereen doet mee."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.agreed_on == date(2026, 4, 2)
    pdf = PdfReader(io.BytesIO(http.get(f"/economics/{case.pk}/report.pdf").content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Afgesproken op 02-04-2026" in text


def test_the_agreement_needs_a_date(case: BusinessCase, alice: User) -> None:
    response = as_user(alice).post(
        f"/economics/{case.pk}/decision/agreement/", {"agreed_on": "", "agreement_note": "x"}
    )
    assert response.status_code == 200
    assert "x</textarea>" in response.content.decode()


def test_the_export_command_writes_each_format(case: BusinessCase, tmp_path: Path) -> None:
    _fill(case, 2)
    for format_name in ("pdf", "xlsx", "json"):
        out = tmp_path / f"case.{format_name}"
        call_command(
            "business-case",
            "export",
            case.network.slug,
            "--case",
            str(case.pk),
            "--format",
            format_name,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 100
    data = json.loads((tmp_path / "case.json").read_text())
    assert set(data["parties"]) == set(case.parties.values_list("name", flat=True))


def test_the_export_command_names_a_wrong_case(case: BusinessCase, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as caught:
        call_command(
            "business-case",
            "export",
            "elsewhere",
            "--case",
            str(case.pk),
            "--out",
            str(tmp_path / "x.pdf"),
        )
    assert caught.value.returncode == 2
    assert str(caught.value).startswith("--case")


def test_the_menu_shows_costs_and_benefits_to_coordinators_only(
    case: BusinessCase, alice: User, bob: User
) -> None:
    assert "/economics/" in as_user(alice).get("/").content.decode()
    assert not re.search(r'href="/economics/"', as_user(bob).get("/").content.decode())


def test_the_overview_shows_the_money_and_the_gains_beside_it(
    case: BusinessCase, alice: User
) -> None:
    _fill(case, 2)
    body = as_user(alice).get(f"/economics/{case.pk}/").content.decode()
    assert "<svg" in body
    assert "Wat een saldo negatief kan maken" in body
    assert timezone.now()  # the page renders without a clock of its own
