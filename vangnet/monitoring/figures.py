"""A network's quarter as it may be shown: each indicator's table with its counts suppressed.

The page, the CSV files and the PDF report all read from here, so a count hidden on
one is hidden on all of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from vangnet.directory.models import Network
from vangnet.monitoring.indicators import Indicator, Label, Trend, indicators, rate, trends
from vangnet.monitoring.quarters import Quarter
from vangnet.monitoring.suppression import Suppressed, threshold

TREND_QUARTERS = 8


@dataclass(frozen=True)
class Line:
    label: Label
    counts: list[str]
    total: str | None
    share: str | None
    is_total: bool = False


@dataclass(frozen=True)
class Shown:
    """One indicator as published: header, lines of shown counts, its notes."""

    indicator: Indicator
    table: Suppressed

    @property
    def many_columns(self) -> bool:
        return len(self.indicator.columns) > 1

    @property
    def header(self) -> list[Label]:
        header: list[Label] = list(self.indicator.columns)
        if self.many_columns:
            header.append(_("Total"))
        if self.indicator.rate_column is not None:
            header.append(_("Share"))
        return header

    def lines(self) -> list[Line]:
        if not self.indicator.cells:
            return []
        grid = self.table.grid
        width = len(grid[0]) - 1
        labels = [*self.indicator.rows, _("Network total")]
        found = []
        for r, label in enumerate(labels):
            share = None
            if self.indicator.rate_column is not None:
                value = rate(self.table, r, self.indicator.rate_column)
                share = "x" if value is None else f"{value:.0f}%"
            found.append(
                Line(
                    label,
                    [self.table.text(r, c) for c in range(width)],
                    self.table.text(r, width) if self.many_columns else None,
                    share,
                    is_total=r == len(labels) - 1,
                )
            )
        return found

    def rows(self) -> list[list[str]]:
        """The table as plain text rows (for CSV and PDF), header first."""
        head = [_("Area"), *(str(label) for label in self.header)]
        body = [
            [
                str(line.label),
                *line.counts,
                *([line.total] if line.total is not None else []),
                *([line.share] if line.share is not None else []),
            ]
            for line in self.lines()
        ]
        return [head, *body]


@dataclass(frozen=True)
class QuarterFigures:
    network: Network
    quarter: Quarter
    threshold: int
    shown: list[Shown]
    trends: list[Trend]

    def by_key(self, key: str) -> Shown | None:
        return next((item for item in self.shown if item.indicator.key == key), None)


def figures_of(network: Network, quarter: Quarter, *, with_trends: bool = True) -> QuarterFigures:
    """Everything the coordinator's page, the CSV and the report show for one quarter."""
    limit = threshold()
    shown = [Shown(item, item.suppressed(limit)) for item in indicators(network, quarter, limit)]
    found = trends(network, quarter.back(TREND_QUARTERS), limit) if with_trends else []
    return QuarterFigures(network, quarter, limit, shown, found)
