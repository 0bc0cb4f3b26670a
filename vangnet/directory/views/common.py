"""Pieces shared by the social-map views: who is looking, and readable history."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.directory.models import ChangeAction, ChangeRecord
from vangnet.directory.permissions import Viewer

PRIVATE_FIELDS = frozenset({"private_phone", "private_email"})
HISTORY_LIMIT = 50
VALUE_LIMIT = 120


def viewer_for(request: HttpRequest) -> Viewer:
    """The roles of whoever makes the request, read once and kept on the request."""
    cached = getattr(request, "_directory_viewer", None)
    if isinstance(cached, Viewer):
        return cached
    viewer = Viewer.of(getattr(request, "user", None))
    request._directory_viewer = viewer  # type: ignore[attr-defined]
    return viewer


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    show_values: bool


@dataclass(frozen=True)
class HistoryLine:
    record: ChangeRecord
    changes: list[FieldChange]


def _plain(value: Any, field: models.Field[Any, Any] | None) -> str:
    if value is None or value in ("", []):
        return "—"
    if field is not None and field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _model_of(record: ChangeRecord) -> type[models.Model] | None:
    try:
        return apps.get_model("directory", record.entity)
    except LookupError:
        return None


def history_lines(records: QuerySet[ChangeRecord], *, show_private: bool) -> list[HistoryLine]:
    """Versions as readable lines: field labels, and old and new values where they mean
    something to a reader (not for links to other rows, and never private numbers for
    someone who may not see them)."""
    lines: list[HistoryLine] = []
    for record in records.select_related("changed_by")[:HISTORY_LIMIT]:
        changes: list[FieldChange] = []
        model = _model_of(record)
        if model is not None and record.action in (ChangeAction.UPDATE, ChangeAction.IMPORT):
            for name, pair in sorted(record.changes.items()):
                old, new = [*list(pair), None, None][:2]
                try:
                    field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    field = None
                label = str(getattr(field, "verbose_name", name))
                relation = field is not None and (field.many_to_one or field.one_to_one)
                hidden = name in PRIVATE_FIELDS and not show_private
                concrete = field if isinstance(field, models.Field) else None
                changes.append(
                    FieldChange(
                        label=label,
                        old=_plain(old, concrete),
                        new=_plain(new, concrete),
                        show_values=not (relation or hidden),
                    )
                )
        lines.append(HistoryLine(record=record, changes=changes))
    return lines
