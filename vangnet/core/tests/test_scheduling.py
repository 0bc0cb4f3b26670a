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

    monkeypatch.setattr(scheduling, "DAILY_JOBS", [bad, good])
    prefix = f"{__name__}.test_a_failing_job_does_not_stop_the_others.<locals>"
    assert scheduling.run_jobs() == {f"{prefix}.bad": -1, f"{prefix}.good": 3}
    assert calls == ["good"]


def test_the_immediate_backend_books_nothing(db: None) -> None:
    assert scheduling.ensure_scheduled() is None


def test_the_roof_registers_every_apps_daily_jobs_at_start_up() -> None:
    from vangnet.workplace.jobs import DAILY_JOBS

    assert scheduling.DAILY_JOBS == DAILY_JOBS
    assert len({scheduling.job_name(job) for job in DAILY_JOBS}) == len(DAILY_JOBS)
