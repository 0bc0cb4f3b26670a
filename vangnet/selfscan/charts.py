"""The radar chart of a round, drawn on the server as SVG.

Five axes, one per working element, scaled 0 to 5 from the centre. The band is
the spread (first to third quartile), the line the median. The table beside the
chart carries the same figures for everyone who cannot see it.
"""

import math
from dataclasses import dataclass

from vangnet.selfscan.results import Spread

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 110
LABEL_RADIUS = 132
MAXIMUM = 5


def _point(axis: int, axes: int, value: float, radius: float = RADIUS) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * axis / axes
    distance = radius * value / MAXIMUM
    return round(CENTRE + distance * math.cos(angle), 1), round(
        CENTRE + distance * math.sin(angle), 1
    )


def _points(values: list[float]) -> str:
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, len(values), v) for i, v in enumerate(values))
    )


def _ring(values: list[float]) -> str:
    """An SVG path from a closed polygon, for use with the even-odd fill rule."""
    return (
        "M"
        + " L".join(
            f"{x},{y}" for x, y in (_point(i, len(values), v) for i, v in enumerate(values))
        )
        + " Z"
    )


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Radar:
    size: int
    grid: list[str]
    axes: list[tuple[float, float]]
    labels: list[Label]
    band: str
    median: str
    dots: list[tuple[float, float]]


def radar(spreads: list[Spread], labels: list[str]) -> Radar:
    """The chart for one layer: ``spreads`` and ``labels`` in element order."""
    count = len(spreads)
    grid = [_points([level] * count) for level in range(1, MAXIMUM + 1)]
    axes = [_point(i, count, MAXIMUM) for i in range(count)]
    placed = [
        Label(*_point(i, count, MAXIMUM, LABEL_RADIUS), text=label)
        for i, label in enumerate(labels)
    ]
    band = _ring([s.high for s in spreads]) + " " + _ring([s.low for s in spreads])
    medians = [s.median for s in spreads]
    dots = [_point(i, count, value) for i, value in enumerate(medians)]
    return Radar(
        size=SIZE,
        grid=grid,
        axes=axes,
        labels=placed,
        band=band,
        median=_points(medians),
        dots=dots,
    )
