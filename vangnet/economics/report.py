"""The business-case report: PDF to print and sign, XLSX with live formulas, JSON for machines.

The spreadsheet repeats the calculation with formulas a controller can follow:
``Eenheidsprijzen`` indexes each unit cost, ``Kosten`` and ``Baten`` discount every
row per year, ``Saldo`` adds them up per party. Only +, -, *, /, ^ and SUM are used.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from vangnet.economics.activity import shown_count
from vangnet.economics.calculation import Figures
from vangnet.economics.engine import cents
from vangnet.economics.models import Participation, Timing
from vangnet.economics.unitcosts import price_index


def euro(amount: Decimal | None) -> str:
    """An amount in euros as the Dutch write it: € 1.234,56 (rounded for display only)."""
    if amount is None:
        return "-"
    rounded = cents(amount)
    text = f"{abs(rounded):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{'-' if rounded < 0 else ''}€ {text}"


def percent(share: Decimal) -> str:
    text = format((share * 100).normalize(), "f")
    return f"{text.replace('.', ',')}%"


def ratio(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.2f}".replace(".", ",")


def year_label(year: int | None) -> str:
    return _("not within the horizon") if year is None else _("year %(n)s") % {"n": year + 1}


# JSON


def report_data(figures: Figures) -> dict[str, Any]:
    """Everything in the report as plain JSON values; money as strings with two decimals."""
    book, result, case = figures.book, figures.result, figures.book.case

    def money(value: Decimal) -> str:
        return str(cents(value))

    def party_row(p: Any) -> dict[str, Any]:
        return {
            "pv_costs": money(p.pv_costs),
            "pv_benefits": money(p.pv_benefits),
            "net": money(p.net),
            "benefit_cost_ratio": None
            if p.benefit_cost_ratio is None
            else str(p.benefit_cost_ratio.quantize(Decimal("0.01"))),
            "payback_year": p.payback_year,
        }

    return {
        "case": {
            "id": case.pk,
            "title": case.title,
            "network": case.network.name,
            "period": [case.period_start.isoformat(), case.period_end.isoformat()],
            "price_year": case.price_year,
            "horizon_years": case.horizon_years,
            "discount_rate": str(case.discount_rate),
            "agreed_on": case.agreed_on.isoformat() if case.agreed_on else None,
            "agreement": case.agreement_note,
        },
        "parties": {p.party: party_row(p) for p in result.parties},
        "total": party_row(result.total),
        "cost_lines": [
            {
                "party": book.party_name(line.party_id),
                "category": line.category,
                "description": line.description,
                "measured": None
                if line.measured_count is None
                else shown_count(line.measured_count, case.count_threshold),
                "count_per_year": str(line.count_per_year),
                "override_reason": line.override_reason,
                "minutes_each": str(line.minutes_each),
                "extra_money": str(line.extra_money),
                "amount_per_year": money(book.cost_amount(line)),
                "timing": line.timing,
            }
            for line in book.cost_lines
        ],
        "benefit_lines": [
            {
                "party": book.party_name(line.party_id),
                "event": line.unit_key,
                "unit_cost": money(book.unit_amount(line)),
                "quantity_per_year": str(line.quantity_per_year),
                "deadweight": str(line.deadweight),
                "attribution": str(line.attribution),
                "drop_off": str(line.drop_off),
                "assumption": line.assumption,
            }
            for line in book.benefit_lines
        ],
        "qualitative": [
            {
                "party": book.party_name(row.party_id),
                "gain": row.description,
                "rating": row.rating,
                "evidence": row.evidence,
            }
            for row in book.qualitative
        ],
        "own_unit_costs": {
            unit.unit.key: {"amount": money(unit.amount), "reason": unit.own_reason}
            for unit in book.overridden
        },
        "proposal": {
            "feasible": figures.proposal.feasible,
            "shortfall": money(figures.proposal.shortfall),
            "transfers": [
                {"payer": t.payer, "receiver": t.receiver, "amount": money(t.amount)}
                for t in figures.proposal.transfers
            ],
        },
        "decisions": {
            party.name: {
                "takes_part": party.takes_part,
                "contribution_money": None
                if party.contribution_money is None
                else money(party.contribution_money),
                "contribution_hours": None
                if party.contribution_hours is None
                else str(party.contribution_hours),
                "agreed_transfer": None
                if party.agreed_transfer is None
                else money(party.agreed_transfer),
                "conditions": party.conditions,
            }
            for party in book.parties
        },
    }


# PDF


def _latin1(text: str) -> str:
    # The built-in PDF fonts cover Latin-1, which holds every Dutch letter.
    replacements = {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "€": "EUR",
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


@dataclass
class _Pdf:
    pdf: FPDF

    def heading(self, text: str, size: int = 13) -> None:
        self.pdf.ln(3)
        self.pdf.set_font("Helvetica", "B", size)
        self.pdf.multi_cell(0, 7, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def line(self, text: str, bold: bool = False) -> None:
        self.pdf.set_font("Helvetica", "B" if bold else "", 10)
        self.pdf.multi_cell(0, 5.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        self.pdf.set_font("Helvetica", "B", 9)
        for text, width in zip(header, widths, strict=True):
            self.pdf.cell(width, 6, _latin1(text)[:60], border="B")
        self.pdf.ln()
        self.pdf.set_font("Helvetica", "", 9)
        for row in rows:
            for i, (text, width) in enumerate(zip(row, widths, strict=True)):
                self.pdf.cell(width, 5.5, _latin1(text)[:60], align="L" if i == 0 else "R")
            self.pdf.ln()


def report_pdf(figures: Figures) -> bytes:
    """The report to print: the parties, the ledger, the assumptions, the split, the agreement."""
    book, result, case = figures.book, figures.result, figures.book.case
    out = _Pdf(FPDF(format="A4"))
    out.pdf.set_auto_page_break(auto=True, margin=15)
    out.pdf.set_margins(15, 15, 15)
    out.pdf.add_page()
    out.heading(_("Business case: %(title)s") % {"title": case.title}, 16)
    out.line(_("Network: %(name)s") % {"name": case.network.name})
    out.line(
        _("Measured from %(start)s to %(end)s. Prices of %(year)s.")
        % {
            "start": case.period_start.strftime("%d-%m-%Y"),
            "end": case.period_end.strftime("%d-%m-%Y"),
            "year": case.price_year,
        }
    )
    out.line(
        _("Looks %(years)s years ahead; discount rate %(rate)s.")
        % {"years": case.horizon_years, "rate": percent(case.discount_rate)}
    )
    out.pdf.set_font("Helvetica", "", 9)
    out.line(_("Printed on %(day)s.") % {"day": timezone.localdate().strftime("%d-%m-%Y")})

    out.heading(_("Who pays, who gains (present value)"))
    out.table(
        [_("Party"), _("Costs"), _("Benefits"), _("Balance"), _("Per euro"), _("Paid back in")],
        [
            [
                p.party,
                euro(p.pv_costs),
                euro(p.pv_benefits),
                euro(p.net),
                ratio(p.benefit_cost_ratio),
                year_label(p.payback_year) if p.pv_costs else "-",
            ]
            for p in result.parties
        ]
        + [
            [
                _("The whole network"),
                euro(result.total.pv_costs),
                euro(result.total.pv_benefits),
                euro(result.total.net),
                ratio(result.total.benefit_cost_ratio),
                year_label(result.total.payback_year) if result.total.pv_costs else "-",
            ]
        ],
        [52, 26, 26, 26, 18, 32],
    )

    if case.starting_situation or case.shared_ambition:
        out.heading(_("First conversation"))
        if case.shared_ambition:
            out.line(_("Together we want: %(text)s") % {"text": case.shared_ambition})
        if case.starting_situation:
            out.line(_("Starting situation: %(text)s") % {"text": case.starting_situation})
    for party in book.parties:
        if party.wants:
            out.line(f"{party.name}: {party.wants}")

    out.heading(_("Costs per year"))
    out.table(
        [_("Party"), _("What"), _("Times"), _("Minutes each"), _("Per year")],
        [
            [
                book.party_name(line.party_id),
                line.description,
                f"{line.count_per_year}".replace(".", ","),
                f"{line.minutes_each}".replace(".", ","),
                euro(book.cost_amount(line)),
            ]
            for line in book.cost_lines
        ],
        [45, 70, 20, 20, 25],
    )
    changed = [line for line in book.cost_lines if line.override_reason]
    for line in changed:
        out.line(
            _("%(what)s: the count differs from Vangnet's because: %(reason)s")
            % {"what": line.description, "reason": line.override_reason}
        )

    out.heading(_("Benefits per year (avoided or shifted events)"))
    out.table(
        [
            _("Avoided event"),
            _("Who gains"),
            _("Fewer"),
            _("Per event"),
            _("Anyway"),
            _("Network"),
            _("Decline"),
        ],
        [
            [
                book.unit_label(line.unit_key),
                book.party_name(line.party_id),
                f"{line.quantity_per_year}".replace(".", ","),
                euro(book.unit_amount(line)),
                percent(line.deadweight),
                percent(line.attribution),
                percent(line.drop_off),
            ]
            for line in book.benefit_lines
        ],
        [50, 40, 16, 22, 17, 17, 18],
    )

    out.heading(_("Gains nobody can count"))
    if not book.qualitative:
        out.line(_("None written down."))
    for row in book.qualitative:
        out.line(
            _("%(gain)s, for %(party)s: %(rating)s of 5. %(evidence)s")
            % {
                "gain": row.description,
                "party": book.party_name(row.party_id),
                "rating": row.rating,
                "evidence": row.evidence,
            }
        )

    out.heading(_("Unit costs and their sources"))
    index = price_index()
    for key in dict.fromkeys(line.unit_key for line in book.benefit_lines):
        unit = book.units.get(key)
        if unit is None:
            continue
        if unit.is_own:
            out.line(
                _("%(name)s: %(amount)s, the network's own amount (%(reason)s).")
                % {"name": unit.unit.name, "amount": euro(unit.amount), "reason": unit.own_reason}
            )
        else:
            out.line(
                _("%(name)s: %(amount)s (%(base)s in %(year)s, indexed). Source: %(source)s.")
                % {
                    "name": unit.unit.name,
                    "amount": euro(unit.amount),
                    "base": euro(unit.unit.amount),
                    "year": unit.unit.price_year,
                    "source": unit.unit.citation,
                }
            )
    out.line(_("Price index: %(source)s.") % {"source": index.citation})

    out.heading(_("Proposed split"))
    if not figures.proposal.transfers:
        out.line(_("No transfer is needed: no party ends below zero."))
    for transfer in figures.proposal.transfers:
        out.line(
            _("%(payer)s pays %(receiver)s %(amount)s (present value).")
            % {
                "payer": transfer.payer,
                "receiver": transfer.receiver,
                "amount": euro(transfer.amount),
            }
        )
    if not figures.proposal.feasible:
        out.line(
            _(
                "The network as a whole loses money: %(amount)s is missing to bring every "
                "party to zero."
            )
            % {"amount": euro(figures.proposal.shortfall)}
        )

    out.heading(_("Decision"))
    labels = dict(Participation.choices)
    for party in book.parties:
        parts = [str(labels.get(party.takes_part, ""))]
        if party.contribution_money is not None:
            parts.append(_("%(amount)s per year") % {"amount": euro(party.contribution_money)})
        if party.contribution_hours is not None:
            parts.append(_("%(hours)s hours per year") % {"hours": party.contribution_hours})
        if party.agreed_transfer is not None:
            parts.append(_("transfer %(amount)s") % {"amount": euro(party.agreed_transfer)})
        if party.conditions:
            parts.append(_("conditions: %(text)s") % {"text": party.conditions})
        out.line(f"{party.name}: " + "; ".join(part for part in parts if part))
    if case.agreed_on:
        out.heading(_("The agreement"))
        out.line(
            _("Agreed at the table on %(day)s.") % {"day": case.agreed_on.strftime("%d-%m-%Y")},
            bold=True,
        )
        if case.agreement_note:
            out.line(case.agreement_note)
        for party in book.parties:
            if party.takes_part == Participation.YES:
                out.pdf.ln(4)
                out.line(_("For %(party)s: ______________________________") % {"party": party.name})

    out.heading(_("How it is calculated"))
    out.line(
        _(
            "Benefit in year t = number per year x amount per event x (1 - would have happened "
            "anyway) x share credited to the network x (1 - yearly decline)^t. Costs and benefits "
            "in year t count for 1 / (1 + discount rate)^t. Year t runs from 0 (the first year). "
            "Amounts are rounded to cents only for display."
        )
    )
    return bytes(out.pdf.output())


# XLSX


def report_xlsx(figures: Figures) -> bytes:
    """The calculation as a workbook with live formulas, sheet by sheet."""
    book, case = figures.book, figures.book.case
    horizon = case.horizon_years
    wb = Workbook()
    bold = Font(bold=True)

    inputs = wb.active
    assert inputs is not None
    inputs.title = "Uitgangspunten"
    inputs.append([_("Discount rate"), float(case.discount_rate)])
    inputs.append([_("Number of years"), horizon])
    inputs.append([_("Price year"), case.price_year])
    inputs.append([_("Business case"), case.title])
    inputs.append([_("Network"), case.network.name])
    rate = "Uitgangspunten!$B$1"

    units = wb.create_sheet("Eenheidsprijzen")
    units.append(
        [
            _("Unit cost"),
            _("Amount"),
            _("Price year"),
            _("Index factor"),
            _("Own amount"),
            _("Amount used"),
            _("Reason"),
            _("Source"),
        ]
    )
    index = price_index()
    unit_row: dict[str, int] = {}
    for row_number, (key, priced) in enumerate(book.units.items(), start=2):
        unit_row[key] = row_number
        factor = index.factor(priced.unit.price_year, case.price_year)
        used = f"=E{row_number}" if priced.is_own else f"=B{row_number}*D{row_number}"
        units.append(
            [
                priced.unit.name,
                float(priced.unit.amount),
                priced.unit.price_year,
                float(factor),
                float(priced.amount) if priced.is_own else None,
                used,
                priced.own_reason,
                priced.unit.citation,
            ]
        )

    year_columns = [get_column_letter(9 + year) for year in range(horizon)]
    costs = wb.create_sheet("Kosten")
    costs.append([_("Discounted per year; year t counts for 1 / (1 + rate)^t.")])
    costs.append(
        [
            _("Party"),
            _("What"),
            _("Times per year"),
            _("Minutes each"),
            _("Hourly rate"),
            _("Other money"),
            _("Per year"),
            _("When"),
        ]
        + [f"{_('year')} {year + 1}" for year in range(horizon)]
    )
    costs.append([None] * 8 + list(range(horizon)))
    cost_rows: dict[str, list[int]] = {}
    for row_number, line in enumerate(book.cost_lines, start=4):
        party = book.party_name(line.party_id)
        cost_rows.setdefault(party, []).append(row_number)
        yearly = [
            f"=G{row_number}/(1+{rate})^{column}$3"
            if (line.timing == Timing.EVERY_YEAR or year == 0)
            else 0
            for year, column in enumerate(year_columns)
        ]
        costs.append(
            [
                party,
                line.description,
                float(line.count_per_year),
                float(line.minutes_each),
                float(book.party_by_id[line.party_id].hourly_rate),
                float(line.extra_money),
                f"=C{row_number}*D{row_number}/60*E{row_number}+F{row_number}",
                str(Timing(line.timing).label),
                *yearly,
            ]
        )

    benefits = wb.create_sheet("Baten")
    benefits.append(
        [
            _(
                "Value in year t = number x amount x (1 - anyway) x network share "
                "x (1 - decline)^t, discounted by 1 / (1 + rate)^t."
            )
        ]
    )
    benefits.append(
        [
            _("Who gains"),
            _("Avoided event"),
            _("Fewer per year"),
            _("Amount per event"),
            _("Would have happened anyway"),
            _("Share credited to the network"),
            _("Yearly decline"),
            _("Where from"),
        ]
        + [f"{_('year')} {year + 1}" for year in range(horizon)]
    )
    benefits.append([None] * 8 + list(range(horizon)))
    benefit_rows: dict[str, list[int]] = {}
    for row_number, benefit in enumerate(book.benefit_lines, start=4):
        gainer = book.party_name(benefit.party_id)
        benefit_rows.setdefault(gainer, []).append(row_number)
        unit_ref = (
            f"=Eenheidsprijzen!F{unit_row[benefit.unit_key]}" if benefit.unit_key in unit_row else 0
        )
        yearly = [
            f"=C{row_number}*D{row_number}*(1-E{row_number})*F{row_number}"
            f"*(1-G{row_number})^{column}$3/(1+{rate})^{column}$3"
            for column in year_columns
        ]
        benefits.append(
            [
                gainer,
                book.unit_label(benefit.unit_key),
                float(benefit.quantity_per_year),
                unit_ref,
                float(benefit.deadweight),
                float(benefit.attribution),
                float(benefit.drop_off),
                benefit.assumption,
                *yearly,
            ]
        )

    first, last = year_columns[0], year_columns[-1]
    balance = wb.create_sheet("Saldo")
    balance.append(
        [_("Party"), _("Costs (present value)"), _("Benefits (present value)"), _("Balance")]
    )
    for row_number, member in enumerate(book.parties, start=2):
        cost_sum = "+".join(
            f"SUM(Kosten!{first}{r}:{last}{r})" for r in cost_rows.get(member.name, [])
        )
        benefit_sum = "+".join(
            f"SUM(Baten!{first}{r}:{last}{r})" for r in benefit_rows.get(member.name, [])
        )
        balance.append(
            [
                member.name,
                f"={cost_sum}" if cost_sum else 0,
                f"={benefit_sum}" if benefit_sum else 0,
                f"=C{row_number}-B{row_number}",
            ]
        )
    end = len(book.parties) + 1
    balance.append(
        [
            _("The whole network"),
            f"=SUM(B2:B{end})",
            f"=SUM(C2:C{end})",
            f"=SUM(D2:D{end})",
        ]
    )

    gains = wb.create_sheet("Kwalitatief")
    gains.append([_("Gain"), _("Who gains"), _("How much (1 to 5)"), _("Evidence")])
    for row in book.qualitative:
        gains.append([row.description, book.party_name(row.party_id), row.rating, row.evidence])

    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = bold
        for column in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def safe_filename(title: str, suffix: str) -> str:
    base = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in title).strip("-")
    return f"kosten-baten-{base[:40] or 'case'}.{suffix}"
