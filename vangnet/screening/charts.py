"""A small step chart of one older person's risk profile over time, drawn on the server as SVG.

The chart is decoration for sighted readers; the table next to it carries the
same history for everyone, so the SVG gets one summary as its accessible name.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone

from vangnet.screening.models import PROFILE_RANK, ProfileChange, RiskProfile

WIDTH = 640
HEIGHT = 200
LEFT = 235  # room for "Complexe zorgbehoeften"
RIGHT = 620
# Most care at the top.
ROW_Y = {2: 40, 1: 95, 0: 150}
AXIS_Y = 188


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Row:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str


@dataclass(frozen=True, slots=True)
class ProfileChart:
    width: int
    height: int
    left: int
    right: int
    path: str
    points: tuple[Point, ...]
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]


def profile_chart(changes: Sequence[ProfileChange], today: date) -> ProfileChart | None:
    """The chart for ``changes`` (oldest first) up to ``today``; None without any change."""
    if not changes:
        return None
    days = [timezone.localdate(change.changed_at) for change in changes]
    start = days[0]
    span = max((today - start).days, 1)

    def x_of(day: date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - start).days / span, 1)

    points = tuple(
        Point(x_of(day), ROW_Y[PROFILE_RANK[change.profile]])
        for day, change in zip(days, changes, strict=True)
    )
    parts = [f"M {points[0].x} {points[0].y}"]
    for point in points[1:]:
        parts.append(f"H {point.x} V {point.y}")
    parts.append(f"H {x_of(today)}")
    rows = tuple(Row(ROW_Y[PROFILE_RANK[profile]], str(profile.label)) for profile in RiskProfile)
    ticks = (
        Tick(LEFT, formats.date_format(start, "j F Y"), "start"),
        Tick(RIGHT, formats.date_format(today, "j F Y"), "end"),
    )
    return ProfileChart(WIDTH, HEIGHT, LEFT, RIGHT, " ".join(parts), points, rows, ticks)
