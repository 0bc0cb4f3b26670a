"""An import as a background job: the upload is stored, then checked and applied by the worker.

The web request only stores the file (``import_job_create``) and hands a step to the
worker; the page polls the job's progress. A small file is handled in the request
itself, so it still feels instant and needs no worker. Each step claims the job with
one conditional update, so a step that is run twice does its work once.
"""

import logging
from dataclasses import asdict
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.directory.importing import ImportRefused, import_apply
from vangnet.directory.importing.checking import CheckResult, check_file
from vangnet.directory.importing.columns import Kind
from vangnet.directory.importing.reading import CONTROL_RE, Problem
from vangnet.directory.models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

# Files up to this size are checked in the request; larger ones go to the worker.
INLINE_BYTES = 64 * 1024
# Checked files of up to this many entries are imported in the request.
INLINE_ROWS = 300
# The uploaded file and what was found in it are kept this long at most.
KEEP_FOR = timedelta(days=1)
PREVIEW_ROWS = 25


def _shown(text: str) -> str:
    """Text from the file, safe to store: PostgreSQL's JSON refuses NUL, and no one reads them."""
    return CONTROL_RE.sub("\ufffd", text)


def _problem_dicts(problems: list[Problem]) -> list[dict[str, object]]:
    return [
        {**asdict(p), "column": _shown(p.column), "message": _shown(p.message)} for p in problems
    ]


def _preview(result: CheckResult) -> dict[str, object]:
    columns = [c for c in result.columns if c.key != "last_confirmed"]
    return {
        "headers": [c.header for c in columns],
        "rows": [
            [row.number, *[_shown(row.cells.get(c.key, "")) for c in columns]]
            for row in result.rows[:PREVIEW_ROWS]
        ],
    }


class _Progress:
    """Writes how far the check is, outside any transaction, so the page can show it."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id

    def __call__(self, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=self.job_id).update(progress_done=done, progress_total=total)


def _fail(job_id: int, message: str) -> None:
    problem = Problem(
        None, "", message, _("Try again later. If it happens again, tell your administrator.")
    )
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJobStatus.FAILED,
        problems=_problem_dicts([problem]),
        data=b"",
        queued_at=None,
        finished_at=timezone.now(),
    )


def _check(job: ImportJob) -> CheckResult:
    return check_file(bytes(job.data), job.filename, Kind(job.kind), progress=_Progress(job.pk))


def import_job_create(*, actor: User, kind: Kind, filename: str, data: bytes) -> ImportJob:
    """Store an uploaded file as a job waiting to be checked; nothing is checked yet."""
    return ImportJob.objects.create(
        uploaded_by=actor,
        kind=kind.value,
        # The name is shown again; invisible characters in it would only get in the way.
        filename=CONTROL_RE.sub("", filename)[:255] or "import",
        language=translation.get_language() or "nl",
        data=data,
        queued_at=timezone.now(),
    )


def job_check(job_id: int) -> None:
    """Check the stored file: every problem, or a preview of what would be imported."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.CHECKING, queued_at=None, progress_done=0
    )
    job = ImportJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return
    with translation.override(job.language):
        try:
            result = _check(job)
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJobStatus.CHECKED,
                problems=_problem_dicts(result.problems),
                preview=_preview(result),
                row_count=len(result.rows),
                # A file with problems will not be imported: it need not be kept.
                data=b"" if result.problems else job.data,
                finished_at=timezone.now(),
            )
        except Exception:
            logger.exception("Checking import job %s failed", job_id)
            _fail(job_id, _("The check stopped because of an error in Vangnet."))


def import_job_request_apply(*, actor: User, job: ImportJob) -> bool:
    """Hand a checked job without problems to the importer; False when it is not ready."""
    return bool(
        ImportJob.objects.filter(
            pk=job.pk, status=ImportJobStatus.CHECKED, problems=[], row_count__gt=0
        ).update(
            status=ImportJobStatus.APPLYING,
            queued_at=timezone.now(),
            progress_done=0,
            finished_at=None,
        )
    )


def job_apply(job_id: int) -> None:
    """Check the file again against the social map as it is now, then write all rows or none."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status=ImportJobStatus.APPLYING, queued_at__isnull=False
    ).update(queued_at=None)
    job = ImportJob.objects.select_related("uploaded_by").filter(pk=job_id).first()
    if not claimed or job is None:
        return
    with translation.override(job.language):
        try:
            result = _check(job)
            if not result.ok:
                # The social map changed since the first check: show what is wrong now.
                ImportJob.objects.filter(pk=job_id).update(
                    status=ImportJobStatus.CHECKED,
                    problems=_problem_dicts(result.problems),
                    preview=_preview(result),
                    row_count=len(result.rows),
                    data=b"",
                    finished_at=timezone.now(),
                )
                return
            with transaction.atomic():
                summary = import_apply(result=result, actor=job.uploaded_by)
                ImportJob.objects.filter(pk=job_id).update(
                    status=ImportJobStatus.DONE,
                    created_count=summary.created,
                    data=b"",
                    finished_at=timezone.now(),
                )
        except ImportRefused:
            _fail(job_id, _("The file has problems; nothing was imported."))
        except Exception:
            logger.exception("Applying import job %s failed", job_id)
            _fail(
                job_id, _("The import stopped because of an error in Vangnet; nothing was saved.")
            )


def expire_jobs(now: datetime) -> int:
    """One of the daily jobs: remove imports, and the files in them, older than a day."""
    deleted, _by_model = ImportJob.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    return deleted
