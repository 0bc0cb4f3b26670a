"""The profile chart: one step per change, most care at the top, up to today."""

from datetime import UTC, date, datetime

import pytest

from vangnet.screening.charts import LEFT, RIGHT, ROW_Y, profile_chart
from vangnet.screening.models import ProfileChange, RiskProfile


def _change(day: date, profile: RiskProfile) -> ProfileChange:
    return ProfileChange(
        profile=profile, changed_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    )


def test_no_history_draws_no_chart() -> None:
    assert profile_chart([], date(2026, 3, 1)) is None


def test_each_change_is_a_step_that_runs_on_to_today() -> None:
    changes = [
        _change(date(2026, 1, 1), RiskProfile.ROBUST),
        _change(date(2026, 2, 10), RiskProfile.COMPLEX),
        _change(date(2026, 3, 22), RiskProfile.FRAIL),
    ]
    chart = profile_chart(changes, date(2026, 4, 1))
    assert chart is not None
    assert [p.y for p in chart.points] == [ROW_Y[0], ROW_Y[2], ROW_Y[1]]
    assert chart.points[0].x == LEFT
    # 40 of 90 days and 80 of 90 days along the axis.
    assert chart.points[1].x == pytest.approx(LEFT + (RIGHT - LEFT) * 40 / 90, abs=0.1)
    assert chart.points[2].x == pytest.approx(LEFT + (RIGHT - LEFT) * 80 / 90, abs=0.1)
    assert chart.path.startswith(f"M {float(LEFT)} {ROW_Y[0]} H ")
    assert chart.path.endswith(f"H {float(RIGHT)}")
    assert [row.label for row in chart.rows] == ["Robust", "Frail", "Complex care needs"]
    assert ROW_Y[2] < ROW_Y[1] < ROW_Y[0]


def test_a_change_made_today_still_draws() -> None:
    chart = profile_chart([_change(date(2026, 4, 1), RiskProfile.FRAIL)], date(2026, 4, 1))
    assert chart is not None and chart.points[0].x == LEFT
