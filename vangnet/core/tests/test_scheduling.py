from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from vangnet.core import scheduling

AMS = ZoneInfo("Europe/Amsterdam")


def test_the_next_run_is_tomorrow_morning_after_seven() -> None:
    assert scheduling.next_run_at(datetime(2026, 3, 2, 8, 0, tzinfo=AMS)) == datetime(
        2026, 3, 3, 7, 0, tzinfo=AMS
    )


def test_the_next_run_is_this_morning_before_seven() -> None:
    assert scheduling.next_run_at(datetime(2026, 3, 2, 6, 59, tzinfo=AMS)) == datetime(
        2026, 3, 2, 7, 0, tzinfo=AMS
    )


def test_a_failing_job_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def good(now: datetime) -> int:
        calls.append("good")
        return 3

    def bad(now: datetime) -> int:
        raise RuntimeError("mail server down")

    import sys
    import types

    module = types.ModuleType("fake_jobs")
    module.good = good  # type: ignore[attr-defined]
    module.bad = bad  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_jobs", module)
    monkeypatch.setattr(scheduling, "DAILY_JOBS", ["fake_jobs.bad", "fake_jobs.good"])
    assert scheduling.run_jobs() == {"fake_jobs.bad": -1, "fake_jobs.good": 3}
    assert calls == ["good"]


def test_the_immediate_backend_books_nothing(db: None) -> None:
    assert scheduling.ensure_scheduled() is None


def test_every_daily_job_can_be_found() -> None:
    for dotted in scheduling.DAILY_JOBS:
        assert callable(scheduling._job(dotted)), dotted
