"""Writing the access log. Every access to client data calls ``log_access``.

Checking it is in ``vangnet.audit.verification``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.keys import current_key
from vangnet.audit.models import AccessLogEntry, AccessPoint, AuditEvent, ChainHead


@dataclass(frozen=True)
class Actor:
    """Who acts, through which access point, and on whose behalf."""

    user: User | None
    access_point: AccessPoint = AccessPoint.WEB
    on_behalf_of: User | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> "Actor":
        user = request.user if request.user.is_authenticated else None
        return cls(user=user if isinstance(user, User) else None)

    @classmethod
    def system(cls, access_point: AccessPoint = AccessPoint.TASK) -> "Actor":
        return cls(user=None, access_point=access_point)

    def labels(self) -> dict[str, object]:
        user = self.user
        person = getattr(user, "person", None) if user else None
        responsible = self.on_behalf_of or user
        return {
            "user_id": user.pk if user else None,
            "user_label": (f"{user.full_name} <{user.email}>" if user else "systeem")[:200],
            "role_label": str(person.get_discipline_display()) if person else "",
            "organisation_label": person.organisation.name if person else "",
            "responsible_user_id": responsible.pk if responsible else None,
            "responsible_user_label": (responsible.full_name if responsible else "")[:200],
        }


def _lock_chain_head() -> ChainHead:
    """Take the chain head for this transaction; concurrent appends wait here."""
    ChainHead.objects.get_or_create(pk=1)
    if connection.vendor == "sqlite":
        # SQLite locks on the first write, so write before reading the head.
        ChainHead.objects.filter(pk=1).update(last_hash=F("last_hash"))
    return ChainHead.objects.select_for_update().get(pk=1)


@dataclass(frozen=True)
class AccessRow:
    """One row to append: about whom, which kind of data, for what, and which objects."""

    client_id: int | None
    data_category: str = ""
    purpose: str = ""
    objects: Iterable[str] = ()
    break_glass: bool = False
    reason: str = ""


def log_access_rows(
    *, actor: Actor, event: AuditEvent, rows: Sequence[AccessRow]
) -> list[AccessLogEntry]:
    """Append ``rows`` in one go, each sealed with the current key and chained to the one before.

    The chain head moves to the last new row in the same transaction, so a page
    that shows several kinds of data logs each in one insert.
    """
    if not rows:
        return []
    labels = actor.labels()
    now = timezone.now()
    key = current_key()
    with transaction.atomic():
        head = _lock_chain_head()
        previous = head.last_hash
        entries = []
        for row in rows:
            entry = AccessLogEntry(
                event=event,
                occurred_at=now,
                client_id=row.client_id,
                access_point=actor.access_point,
                data_category=row.data_category,
                objects_involved=sorted(set(row.objects)),
                purpose=row.purpose,
                break_glass=row.break_glass,
                reason=row.reason[:500],
                previous_hash=previous,
                key_id=key.key_id,
                **labels,
            )
            entry.entry_hash = key.seal(previous + entry.canonical())
            previous = entry.entry_hash
            entries.append(entry)
        AccessLogEntry.objects.bulk_create(entries)
        ChainHead.objects.filter(pk=1).update(last_hash=previous, last_id=entries[-1].pk)
    return entries


def log_accesses(
    *,
    actor: Actor,
    event: AuditEvent,
    client_ids: Sequence[int | None],
    data_category: str = "",
    purpose: str = "",
    objects: Iterable[str] = (),
    break_glass: bool = False,
    reason: str = "",
) -> list[AccessLogEntry]:
    """Append one row per client (one row with no client when the list is empty)."""
    objects_list = sorted(set(objects))
    return log_access_rows(
        actor=actor,
        event=event,
        rows=[
            AccessRow(
                client_id=client_id,
                data_category=data_category,
                purpose=purpose,
                objects=objects_list,
                break_glass=break_glass,
                reason=reason,
            )
            for client_id in client_ids or [None]
        ],
    )


def log_access(
    *,
    actor: Actor,
    event: AuditEvent,
    client_id: int | None,
    data_category: str = "",
    purpose: str = "",
    objects: Iterable[str] = (),
    break_glass: bool = False,
    reason: str = "",
) -> AccessLogEntry:
    """Append one row to the access log, chained to the row before it."""
    return log_accesses(
        actor=actor,
        event=event,
        client_ids=[client_id],
        data_category=data_category,
        purpose=purpose,
        objects=objects,
        break_glass=break_glass,
        reason=reason,
    )[0]
