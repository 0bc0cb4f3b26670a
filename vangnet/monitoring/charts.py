"""Trend charts drawn on the server as SVG: one bar per quarter for an indicator's network figure.

The chart is for sighted readers; the table beneath it carries the same figures for
everyone, and the SVG names itself with a title and a description.
"""

from dataclasses import dataclass

from vangnet.monitoring.indicators import Trend

WIDTH = 640
HEIGHT = 220
LEFT = 44
BOTTOM = 30
TOP = 16


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    hidden: bool


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    base_y: float
    top_value: str
    bars: list[Bar]


def value_text(value: float | None, is_rate: bool) -> str:
    if value is None:
        return "x"
    return f"{value:.0f}%" if is_rate else f"{value:.0f}"


def trend_chart(trend: Trend) -> TrendChart:
    """Bars scaled to the largest shown value (100 for shares); a hidden value gets no bar."""
    shown = [value for value in trend.values if value is not None]
    largest = 100.0 if trend.is_rate else max([*shown, 1.0])
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / max(1, len(trend.values))
    bars = []
    for index, (quarter, value) in enumerate(zip(trend.quarters, trend.values, strict=True)):
        height = 0.0 if value is None else plot_height * value / largest
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=str(quarter),
                value=value_text(value, trend.is_rate),
                hidden=value is None,
            )
        )
    return TrendChart(WIDTH, HEIGHT, TOP + plot_height, value_text(largest, trend.is_rate), bars)
