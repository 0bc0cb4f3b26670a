"""Every write to the social map, each atomic and each leaving a version behind."""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.directory.models import (
    ChangeAction,
    Network,
    NetworkParty,
    Organisation,
    Person,
    Service,
    StepAssignment,
)
from vangnet.directory.versioning import diff, record_change, snapshot

type Entry = Organisation | Person | Service


class EntryInUse(Exception):
    """The entry cannot be deleted while other entries depend on it."""


def _save_with_version[M: models.Model](
    *,
    instance: M,
    actor: User | None,
    save: Callable[[M], None],
) -> M:
    """Save through ``save`` and record what changed, in one transaction."""
    creating = instance.pk is None
    with transaction.atomic():
        before: dict[str, Any] = {}
        if not creating:
            stored = type(instance)._default_manager.get(pk=instance.pk)
            before = snapshot(stored)
        save(instance)
        after = snapshot(instance)
        changes = diff(before, after)
        if creating or changes:
            record_change(
                instance=instance,
                action=ChangeAction.CREATE if creating else ChangeAction.UPDATE,
                actor=actor,
                changes=changes,
            )
    return instance


def _delete_with_version(*, instance: models.Model, actor: User | None) -> None:
    with transaction.atomic():
        record_change(
            instance=instance,
            action=ChangeAction.DELETE,
            actor=actor,
            changes=diff(snapshot(instance), {}),
        )
        try:
            instance.delete()
        except ProtectedError as exc:
            raise EntryInUse(str(exc)) from exc


def entry_save[M: models.Model](
    *,
    entry: M,
    actor: User,
    areas: list[Any] | None = None,
) -> M:
    """Create or change an organisation, person or service (and its areas served).

    Whoever adds an entry becomes its owner unless an owner was chosen, so someone is
    always asked to keep it current.
    """

    def save(instance: M) -> None:
        if instance.pk is None and getattr(instance, "owner_id", "absent") is None:
            instance.owner = actor  # type: ignore[attr-defined]
        instance.save()
        if areas is not None:
            instance.areas.set(areas)  # type: ignore[attr-defined]

    return _save_with_version(instance=entry, actor=actor, save=save)


def entry_delete(*, entry: Entry, actor: User) -> None:
    """Delete an entry; raises EntryInUse when people still work at an organisation."""
    _delete_with_version(instance=entry, actor=actor)


def entry_confirm(*, entry: Entry, actor: User | None) -> Entry:
    """Mark an entry as still correct today."""
    with transaction.atomic():
        previous = entry.last_confirmed_at
        entry.last_confirmed_at = timezone.now()
        entry.save(update_fields=["last_confirmed_at", "updated_at"])
        record_change(
            instance=entry,
            action=ChangeAction.CONFIRM,
            actor=actor,
            changes={
                "last_confirmed_at": [previous.isoformat(), entry.last_confirmed_at.isoformat()]
            },
        )
    return entry


def network_save(*, network: Network, actor: User, areas: list[Any]) -> Network:
    def save(instance: Network) -> None:
        instance.save()
        instance.areas.set(areas)

    return _save_with_version(instance=network, actor=actor, save=save)


def party_save(*, party: NetworkParty, actor: User) -> NetworkParty:
    """Give an organisation its place in a network, or change it."""
    return _save_with_version(instance=party, actor=actor, save=_plain_save)


def party_delete(*, party: NetworkParty, actor: User) -> None:
    _delete_with_version(instance=party, actor=actor)


def assignment_save(*, assignment: StepAssignment, actor: User) -> StepAssignment:
    """Record who does a pathway step, or change it."""
    return _save_with_version(instance=assignment, actor=actor, save=_plain_save)


def assignment_delete(*, assignment: StepAssignment, actor: User) -> None:
    _delete_with_version(instance=assignment, actor=actor)


def _plain_save(instance: models.Model) -> None:
    instance.save()
