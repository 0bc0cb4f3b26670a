"""Daily background jobs on Django's tasks framework.

Apps list their daily jobs in ``DAILY_JOBS`` as dotted paths to functions
``job(now: datetime) -> int`` (returning how many things they handled). One
task, ``run_daily_jobs``, runs them all each morning and books its own next run
with ``run_after`` (the django_tasks_db backend can defer; the immediate backend
used in tests cannot). ``vangnet daily --schedule`` books the first run and
``vangnet daily --now`` runs every job at once. A ``vangnet db_worker`` must run.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from importlib import import_module
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

DAILY_JOBS: list[str] = [
    "vangnet.directory.staleness.daily_job",
    "vangnet.directory.importing.jobs.expire_jobs",
    "vangnet.referrals.jobs.escalate_overdue",
    "vangnet.referrals.jobs.remind_follow_ups",
    "vangnet.screening.jobs.drafts_expire",
    "vangnet.care.jobs.remind_overdue_evaluations",
    "vangnet.detection.jobs.overdue_signal_reminders",
    "vangnet.detection.jobs.signal_retention",
]

# Early enough to be read at the start of the working day.
RUN_AT = time(7, 0)


def _job(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def run_jobs(now: datetime | None = None) -> dict[str, int]:
    """Run every daily job; one failing job does not stop the others (its count is -1)."""
    moment = now or timezone.now()
    results: dict[str, int] = {}
    for dotted in DAILY_JOBS:
        try:
            results[dotted] = int(_job(dotted)(moment))
        except Exception:
            logger.exception("Daily job %s failed", dotted)
            results[dotted] = -1
    return results


@task()
def run_daily_jobs() -> dict[str, int]:
    """Run today's jobs, then book tomorrow's run."""
    try:
        return run_jobs()
    finally:
        # Book the next run even after a failure, so one bad morning does not end the cycle.
        ensure_scheduled()


def next_run_at(now: datetime | None = None) -> datetime:
    """The next run time in the site's time zone, strictly after ``now``."""
    local_now = timezone.localtime(now or timezone.now())
    day = local_now.date()
    if local_now.time() >= RUN_AT:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, RUN_AT))


@dataclass(frozen=True)
class Schedule:
    run_after: datetime
    created: bool
    removed_duplicates: int = 0


def pending_runs() -> QuerySet[DBTaskResult[..., Any]] | None:
    """Waiting runs of the daily task, or None when the backend keeps no inspectable queue."""
    backend = run_daily_jobs.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        task_path=run_daily_jobs.module_path,
        backend_name=backend.alias,
        status=TaskResultStatus.READY,
    )


def ensure_scheduled(now: datetime | None = None) -> Schedule | None:
    """Make sure exactly one future run is waiting; None when the backend cannot defer."""
    if not run_daily_jobs.get_backend().supports_defer:
        return None
    when = next_run_at(now)
    pending = pending_runs()
    if pending is None:
        run_daily_jobs.using(run_after=when).enqueue()
        return Schedule(run_after=when, created=True)
    with transaction.atomic():
        waiting = list(pending.select_for_update().order_by("run_after", "enqueued_at"))
        if waiting:
            keep, extra = waiting[0], waiting[1:]
            if extra:
                DBTaskResult.objects.filter(pk__in=[r.pk for r in extra]).delete()
            return Schedule(run_after=keep.run_after, created=False, removed_duplicates=len(extra))
        run_daily_jobs.using(run_after=when).enqueue()
    return Schedule(run_after=when, created=True)
