"""Every change to the social map is kept as a version: who, what, when."""

from typing import Any

from django.db import models

from vangnet.accounts.models import User
from vangnet.directory.models import ChangeAction, ChangeRecord

IGNORED_FIELDS = {"id", "created_at", "updated_at", "search_vector"}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's own field values, many-to-many included, as plain JSON values."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in IGNORED_FIELDS:
            continue
        value = field.value_from_object(instance)
        plain = isinstance(value, str | int | float | bool | list | dict | type(None))
        data[field.name] = value if plain else str(value)
    if instance.pk:
        for m2m in instance._meta.many_to_many:
            data[m2m.name] = sorted(str(o) for o in m2m.value_from_object(instance))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [old, new]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record_change(
    *,
    instance: models.Model,
    action: ChangeAction,
    actor: User | None,
    changes: dict[str, list[Any]] | None = None,
) -> ChangeRecord:
    """Write one version row; call it inside the transaction that made the change."""
    return ChangeRecord.objects.create(
        entity=instance._meta.model_name or "",
        entity_id=instance.pk,
        entity_label=str(instance)[:250],
        action=action,
        changes=changes or {},
        changed_by=actor,
        changed_by_label=str(actor) if actor else "",
    )


def history_of(instance: models.Model) -> models.QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(entity=instance._meta.model_name, entity_id=instance.pk)
