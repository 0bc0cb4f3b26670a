"""Removing access-log rows past the retention period, without breaking verification.

The application's database role cannot delete log rows; ``log_purge`` runs as
the tables' owner (``vangnet auditlog purge``). It first checks that the log is
whole, then records the last row to go in a signed ``retention`` checkpoint, so
verification accepts a log that starts after it, and removes the rows in one
transaction with the log's trigger suspended for that transaction only. The
purge itself is written to the log.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from vangnet.audit import dbtriggers
from vangnet.audit.checkpoints import CheckpointKind, checkpoint_record
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AccessLogEntry, AccessPoint, AuditEvent
from vangnet.audit.verification import verify_chain


class PurgeRefused(Exception):
    """The log is not whole, so nothing was removed."""


@dataclass(frozen=True)
class PurgePlan:
    rows: int
    last_id: int | None
    last_hash: str = ""


def log_purge_plan(*, before: datetime) -> PurgePlan:
    """The rows older than ``before``, up to but never including the newest row."""
    newest_id = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest_id is None:
        return PurgePlan(0, None)
    last = (
        AccessLogEntry.objects.filter(occurred_at__lt=before)
        .exclude(pk=newest_id)
        .order_by("-pk")
        .values("pk", "entry_hash")
        .first()
    )
    if last is None:
        return PurgePlan(0, None)
    count = AccessLogEntry.objects.filter(pk__lte=last["pk"]).count()
    return PurgePlan(count, last["pk"], last["entry_hash"])


def log_purge(*, before: datetime) -> PurgePlan:
    """Remove the rows older than ``before``; ``PurgeRefused`` when the log is not whole."""
    report = verify_chain()
    if not report.ok:
        raise PurgeRefused(f"row {report.first_bad_id}: {report.problem}")
    plan = log_purge_plan(before=before)
    if plan.last_id is None:
        return plan
    checkpoint_record(kind=CheckpointKind.RETENTION, last_id=plan.last_id, last_hash=plan.last_hash)
    with transaction.atomic():
        dbtriggers.log_triggers_suspend(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {dbtriggers.LOG} WHERE id <= %s", [plan.last_id])  # noqa: S608
        dbtriggers.log_triggers_resume(connection)
        log_access(
            actor=Actor.system(AccessPoint.CLI),
            event=AuditEvent.DELETE,
            client_id=None,
            purpose="retention",
            objects=[f"access-log:rows-up-to:{plan.last_id}"],
            reason=f"{plan.rows} rows older than {before:%Y-%m-%d} removed (retention period)",
        )
    return plan
