"""Two charts drawn on the server as SVG: who pays and who gains, and the tornado per party.

The charts are for sighted readers; the tables beside them carry the same figures
for everyone, so each SVG gets one summary as its accessible name.
"""

from dataclasses import dataclass
from decimal import Decimal

from vangnet.economics.engine import ZERO, Result, Tornado

WIDTH = 640
MARGIN = 10
# Each row: its label on one line, the bar below it, so long labels fit on a phone.
ROW = 50
LABEL_DROP = 14
BAR_DROP = 20
BAR = 20
TOP = 24


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    kind: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    y: float
    label_y: float
    rects: tuple[Rect, ...]
    marker_x: float | None = None

    @property
    def marker_left(self) -> float | None:
        return None if self.marker_x is None else round(self.marker_x - 1.5, 1)

    @property
    def marker_top(self) -> float:
        return self.y - 3


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    zero_x: float
    rows: tuple[Row, ...]


def _scale(largest: Decimal) -> tuple[float, float]:
    """The x of zero and the pixels per euro, for values from -largest to +largest."""
    span = float(largest) if largest > ZERO else 1.0
    half = (WIDTH - 2 * MARGIN) / 2
    return MARGIN + half, half / span


def who_pays_who_gains(result: Result) -> Chart:
    """Per party: its costs to the left of zero, its benefits to the right, its net as a line."""
    largest = max((max(p.pv_costs, p.pv_benefits) for p in result.parties), default=ZERO)
    zero, per_euro = _scale(largest)
    rows = []
    for i, party in enumerate(result.parties):
        top = TOP + i * ROW
        y = top + BAR_DROP
        cost = float(party.pv_costs) * per_euro
        gain = float(party.pv_benefits) * per_euro
        rows.append(
            Row(
                label=party.party,
                y=y,
                label_y=top + LABEL_DROP,
                rects=(
                    Rect(round(zero - cost, 1), y, round(cost, 1), BAR, "cost"),
                    Rect(round(zero, 1), y, round(gain, 1), BAR, "benefit"),
                ),
                marker_x=round(zero + float(party.net) * per_euro, 1),
            )
        )
    return Chart(WIDTH, TOP + len(rows) * ROW + MARGIN, round(zero, 1), tuple(rows))


def tornado_chart(tornado: Tornado) -> Chart:
    """Each variable's bar runs from the party's net at one end of its range to the other."""
    largest = max(
        (max(abs(bar.lowest), abs(bar.highest)) for bar in tornado.bars),
        default=abs(tornado.base),
    )
    largest = max(largest, abs(tornado.base))
    zero, per_euro = _scale(largest)
    rows = []
    for i, bar in enumerate(tornado.bars):
        top = TOP + i * ROW
        y = top + BAR_DROP
        left = zero + float(bar.lowest) * per_euro
        right = zero + float(bar.highest) * per_euro
        rows.append(
            Row(
                label=bar.variable.label,
                y=y,
                label_y=top + LABEL_DROP,
                rects=(
                    Rect(
                        round(left, 1),
                        y,
                        round(max(right - left, 1.0), 1),
                        BAR,
                        "risk" if bar.can_turn_negative else "safe",
                    ),
                ),
                marker_x=round(zero + float(tornado.base) * per_euro, 1),
            )
        )
    return Chart(WIDTH, TOP + len(rows) * ROW + MARGIN, round(zero, 1), tuple(rows))
