"""Daily background jobs on Django's tasks framework.

Apps list their daily jobs in ``DAILY_JOBS`` as dotted paths to functions
``job(now: datetime) -> int`` (returning how many things they handled). One
task, ``run_daily_jobs``, runs them all each morning and books its own next run
with ``run_after``; ``vangnet daily --schedule`` books the first run and
``vangnet daily --now`` runs every job at once. A ``vangnet db_worker`` must run.
"""

import logging
from datetime import datetime, time, timedelta
from importlib import import_module
from typing import Any

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

logger = logging.getLogger(__name__)

DAILY_JOBS: list[str] = []

# Early enough to be read at the start of the working day.
RUN_AT = time(7, 0)


def _job(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def run_jobs(now: datetime | None = None) -> dict[str, int]:
    """Run every daily job; one failing job does not stop the others."""
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
    try:
        return run_jobs()
    finally:
        # Book the next run even after a failure, so one bad morning does not end the cycle.
        ensure_scheduled()


def next_run_at(now: datetime | None = None) -> datetime:
    local_now = timezone.localtime(now or timezone.now())
    day = local_now.date()
    if local_now.time() >= RUN_AT:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, RUN_AT))


def ensure_scheduled(now: datetime | None = None) -> datetime | None:
    """Make sure exactly one future run is waiting; None when the backend cannot defer."""
    backend = run_daily_jobs.get_backend()
    if not backend.supports_defer:
        return None
    when = next_run_at(now)
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(backend, DatabaseBackend):
        run_daily_jobs.using(run_after=when).enqueue()
        return when
    with transaction.atomic():
        waiting = list(
            DBTaskResult.objects.select_for_update()
            .filter(
                task_path=run_daily_jobs.module_path,
                backend_name=backend.alias,
                status=TaskResultStatus.READY,
            )
            .order_by("run_after", "enqueued_at")
        )
        if waiting:
            DBTaskResult.objects.filter(pk__in=[r.pk for r in waiting[1:]]).delete()
            first_run: datetime | None = waiting[0].run_after
            return first_run
        run_daily_jobs.using(run_after=when).enqueue()
    return when
