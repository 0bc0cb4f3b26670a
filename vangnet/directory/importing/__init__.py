"""Import organisations, people and services from CSV or XLSX: check first, then all or none.

``check_file`` reads a file and lists every problem in plain language (row, column,
what is wrong, how to fix it) without writing anything. ``import_apply`` writes all
rows in one transaction, and only when the check found no problem. The columns are
documented in docs/poster-import-export.md and shown on the import page.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.directory.importing.checking import MODELS, CheckResult, ParsedRow, check_file
from vangnet.directory.importing.columns import (
    COLUMNS,
    FORMULA_START,
    MAX_BYTES,
    TYPE_DOMAIN,
    Column,
    Kind,
)
from vangnet.directory.importing.reading import Problem
from vangnet.directory.models import ChangeAction, Organisation, Service
from vangnet.directory.versioning import diff, record_change, snapshot


class ImportRefused(Exception):
    """The file has problems; nothing was written."""


@dataclass(frozen=True)
class ImportSummary:
    kind: Kind
    created: int


def import_apply(*, result: CheckResult, actor: User | None) -> ImportSummary:
    """Write every row of a checked file, or none: one transaction, a version row for each entry."""
    if result.problems or not result.rows:
        raise ImportRefused(_("The file has problems; nothing was imported."))
    model = MODELS[result.kind]
    now = timezone.now()
    with transaction.atomic():
        for row in result.rows:
            data = dict(row.data)
            data["owner"] = data.get("owner") or actor
            instance = model(**data, last_confirmed_at=now)
            # A last check by the model itself; any error here undoes the whole import.
            instance.full_clean(exclude=["owner"])
            instance.save()
            if row.areas and isinstance(instance, Organisation | Service):
                instance.areas.set(row.areas)
            record_change(
                instance=instance,
                action=ChangeAction.IMPORT,
                actor=actor,
                changes=diff({}, snapshot(instance)),
            )
    return ImportSummary(kind=result.kind, created=len(result.rows))


__all__ = [
    "COLUMNS",
    "FORMULA_START",
    "MAX_BYTES",
    "TYPE_DOMAIN",
    "CheckResult",
    "Column",
    "ImportRefused",
    "ImportSummary",
    "Kind",
    "ParsedRow",
    "Problem",
    "check_file",
    "import_apply",
]
