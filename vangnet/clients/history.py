"""Who looked at an older person's data, read back from the access log for them."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.consent.models import DataCategory


def _who(user_label: str) -> str:
    # The log keeps "Name <email>"; the older person is shown the name only.
    return user_label.split(" <")[0]


def access_history_rows(client_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Who looked at this person's data: organisation, role, what and when; newest first."""
    labels = dict(AuditEvent.choices)
    categories = dict(DataCategory.choices)
    rows = AccessLogEntry.objects.for_client(client_id).order_by("-occurred_at", "-pk")[:limit]
    return [
        {
            "when": row.occurred_at,
            "organisation": row.organisation_label or _("Vangnet (system)"),
            "role": row.role_label,
            "who": _who(row.user_label),
            "what": str(labels.get(row.event, row.event)),
            "data": str(categories.get(row.data_category, row.data_category)),
            "break_glass": row.break_glass,
        }
        for row in rows
    ]


@dataclass
class Visitor:
    """One person's accesses on one day: how often, and what they did with which data."""

    who: str
    organisation: str
    role: str
    times: int = 0
    what: list[str] = field(default_factory=list)
    break_glass: bool = False


@dataclass
class Day:
    day: date
    visitors: list[Visitor]


def access_history_days(client_id: int, *, limit: int = 1000) -> list[Day]:
    """Who looked at this person's data, one line per person per day (Dutch time), newest first.

    The database counts per day, person, action and kind of data; ``limit`` bounds
    those counts, so a long history costs one query of bounded size.
    """
    events = dict(AuditEvent.choices)
    categories = dict(DataCategory.choices)
    counts = (
        AccessLogEntry.objects.for_client(client_id)
        .annotate(day=TruncDate("occurred_at", tzinfo=timezone.get_current_timezone()))
        .values(
            "day",
            "user_id",
            "user_label",
            "organisation_label",
            "role_label",
            "event",
            "data_category",
            "break_glass",
        )
        .annotate(times=Count("pk"), last=Max("pk"))
        .order_by("-day", "-last")[:limit]
    )
    days: dict[date, dict[tuple[object, ...], Visitor]] = {}
    for row in counts:
        key = (row["user_id"], row["user_label"], row["organisation_label"], row["role_label"])
        visitor = days.setdefault(row["day"], {}).setdefault(
            key,
            Visitor(
                who=_who(row["user_label"]),
                organisation=row["organisation_label"] or _("Vangnet (system)"),
                role=row["role_label"],
            ),
        )
        visitor.times += row["times"]
        visitor.break_glass = visitor.break_glass or row["break_glass"]
        action = str(events.get(row["event"], row["event"]))
        data = row["data_category"]
        what = f"{action}: {str(categories[data]).lower()}" if data in categories else action
        if what not in visitor.what:
            visitor.what.append(what)
    return [Day(day=day, visitors=list(visitors.values())) for day, visitors in days.items()]
