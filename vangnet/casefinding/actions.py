"""Writes for case-finding: storing and removing a practice's run, each with its audit row."""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.casefinding.engine import CaseFindingResult
from vangnet.casefinding.models import CaseFindingRun
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import Organisation


def _log(run: CaseFindingRun, actor: Actor, event: AuditEvent) -> None:
    log_access(
        actor=actor,
        event=event,
        client_id=None,
        data_category=DataCategory.SCREENING,
        purpose=Purpose.EARLY_DETECTION,
        objects=[f"casefinding.run:{run.pk}"],
    )


def casefinding_run_create(
    *,
    practice: Organisation,
    actor: Actor,
    result: CaseFindingResult,
    practice_code: str = "",
) -> CaseFindingRun:
    """Store the ranked list as a file under MEDIA_ROOT and the run as a row, at once."""
    buffer = io.BytesIO()
    result.ranked.write_parquet(buffer)
    counts = result.ranked["category"].value_counts()
    run = CaseFindingRun(
        organisation=practice,
        uploaded_by=actor.user,
        reference_date=result.reference_date,
        practice_code=practice_code,
        patients_total=result.patients_total,
        patients_aged=result.patients_aged,
        patients_excluded=result.patients_excluded,
        patients_listed=result.listed,
        category_counts={str(k): int(v) for k, v in counts.iter_rows()},
    )
    run.result.save("ranked.parquet", ContentFile(buffer.getvalue()), save=False)
    try:
        with transaction.atomic():
            run.save()
            _log(run, actor, AuditEvent.CREATE)
    except BaseException:
        # No row, so no file either.
        run.result.delete(save=False)
        raise
    return run


def casefinding_run_delete(*, run: CaseFindingRun, actor: Actor) -> None:
    """Remove the run and its list; the file goes once the removal is committed."""
    storage, name = run.result.storage, run.result.name
    with transaction.atomic():
        _log(run, actor, AuditEvent.DELETE)
        run.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
