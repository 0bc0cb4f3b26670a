"""The figures to take away: a CSV file per indicator and the quarterly report as PDF.

Both are made from ``figures.Shown``: a count hidden on the page is hidden here too.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from vangnet.monitoring.charts import value_text
from vangnet.monitoring.figures import QuarterFigures, Shown
from vangnet.monitoring.survey import Experience

EXPERIENCE_KEY = "experience"


def indicator_csv(figures: QuarterFigures, item: Shown) -> str:
    """One indicator as CSV: what it counts and over what, then its table."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Indicator"), str(item.indicator.title)])
    writer.writerow([_("Network"), figures.network.name])
    writer.writerow([_("Period"), str(figures.quarter)])
    writer.writerow([_("Definition"), str(item.indicator.definition)])
    writer.writerow([_("Denominator"), str(item.indicator.denominator)])
    writer.writerow([_("Smallest count shown"), str(figures.threshold)])
    writer.writerow([])
    writer.writerows(item.rows())
    for label, value in item.indicator.notes:
        writer.writerow([str(label), str(value)])
    return out.getvalue()


def experience_rows(rows: list[Experience]) -> list[list[str]]:
    """The survey table as published: a share only from the threshold of answers up."""
    table = [[_("Statement"), _("Answers"), _("Agreeing")]]
    for row in rows:
        if row.shown:
            table.append([row.label, str(row.answers), f"{row.share}%"])
        else:
            table.append([row.label, f"< {row.threshold}", _("not shown")])
    return table


def experience_csv(figures: QuarterFigures, rows: list[Experience]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Indicator"), _("The older person's own experience")])
    writer.writerow([_("Network"), figures.network.name])
    writer.writerow([_("Period"), str(figures.quarter)])
    writer.writerow([_("Smallest count shown"), str(figures.threshold)])
    writer.writerow([])
    writer.writerows(experience_rows(rows))
    return out.getvalue()


def filename(figures: QuarterFigures, what: str, suffix: str) -> str:
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in figures.network.slug)
    return f"cijfers-{slug[:40] or 'netwerk'}-{figures.quarter}-{what}.{suffix}"


def _latin1(text: str) -> str:
    # The PDF's core fonts know Latin-1 only; anything else becomes a question mark.
    return (
        text.replace("\u2013", "-")
        .replace("\u2019", "'")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def _fitted(pdf: FPDF, text: str, width: float) -> str:
    """``text`` shortened with a full stop until it fits ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + ".") > width:
        text = text[:-1]
    return text + "."


def report_pdf(figures: QuarterFigures, experience: list[Experience] | None = None) -> bytes:
    """The quarterly report for the steering group: each indicator, its definition and table."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()

    def text(value: str, size: int = 10, style: str = "", height: float = 5.5) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, height, _latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    text(_("Figures of %(network)s") % {"network": figures.network.name}, 16, "B", 8)
    text(
        _("Period: %(quarter)s (%(start)s to %(end)s).")
        % {
            "quarter": figures.quarter.label,
            "start": figures.quarter.start.strftime("%d-%m-%Y"),
            "end": figures.quarter.end.strftime("%d-%m-%Y"),
        }
    )
    text(
        _(
            'Counts of people below %(threshold)s show as "< %(threshold)s"; counts marked x '
            "are hidden so that no small count can be worked out from the totals."
        )
        % {"threshold": figures.threshold},
        9,
    )
    text(_("Printed on %(day)s.") % {"day": timezone.localdate().strftime("%d-%m-%Y")}, 9)
    for item in figures.shown:
        pdf.ln(3)
        text(str(item.indicator.title), 13, "B", 7)
        text(str(item.indicator.definition), 9)
        text(_("Denominator: %(what)s") % {"what": item.indicator.denominator}, 9)
        rows = item.rows()
        if len(rows) > 1:
            first = 50.0
            rest = (pdf.epw - first) / max(1, len(rows[0]) - 1)
            for number, row in enumerate(rows):
                pdf.set_font("Helvetica", "B" if number in (0, len(rows) - 1) else "", 8)
                for column, value in enumerate(row):
                    width = first if column == 0 else rest
                    pdf.cell(width, 5, _fitted(pdf, _latin1(value), width - 1), border="B")
                pdf.ln(5)
        for label, note in item.indicator.notes:
            text(f"{label}: {note}", 9)
        trend = next((t for t in figures.trends if t.key == item.indicator.key), None)
        if trend is not None:
            values = ", ".join(
                f"{quarter} {value_text(value, trend.is_rate)}"
                for quarter, value in zip(trend.quarters, trend.values, strict=True)
            )
            text(_("Per quarter: %(values)s") % {"values": values}, 8)
    if experience:
        pdf.ln(3)
        text(_("The older person's own experience"), 13, "B", 7)
        for number, row in enumerate(experience_rows(experience)):
            pdf.set_font("Helvetica", "B" if number == 0 else "", 8)
            for column, value in enumerate(row):
                width = 110.0 if column == 0 else (pdf.epw - 110.0) / 2
                pdf.cell(width, 5, _fitted(pdf, _latin1(value), width - 1), border="B")
            pdf.ln(5)
    return bytes(pdf.output())
