"""Service levels for signals: when a signal must have been picked up, and how much time is left.

- Urgent: within ``VANGNET_SIGNAL_SLA_URGENT_HOURS`` hours (default 8: the same working
  day), counted around the clock, because an urgent worry does not wait for Monday.
- Normal: by the end of the ``VANGNET_SIGNAL_SLA_NORMAL_WORKING_DAYS``-th working day
  (default 5) after the day it came in. Working days are Monday to Friday; a signal that
  comes in on a Saturday counts from Monday. Public holidays are not skipped.

A network's coordination point may set its own terms; empty fields use the settings.
All dates are local (``TIME_ZONE``), so "end of the day" is midnight in the Netherlands.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from vangnet.directory.models import Network

DEFAULT_URGENT_HOURS = 8
DEFAULT_NORMAL_WORKING_DAYS = 5


@dataclass(frozen=True)
class Terms:
    urgent_hours: int
    normal_working_days: int


def default_terms() -> Terms:
    return Terms(
        urgent_hours=int(
            getattr(settings, "VANGNET_SIGNAL_SLA_URGENT_HOURS", DEFAULT_URGENT_HOURS)
        ),
        normal_working_days=int(
            getattr(settings, "VANGNET_SIGNAL_SLA_NORMAL_WORKING_DAYS", DEFAULT_NORMAL_WORKING_DAYS)
        ),
    )


def terms_for(network: "Network") -> Terms:
    """The network's own terms where its coordination point set them, else the defaults."""
    from vangnet.detection.models import CoordinationPoint

    defaults = default_terms()
    point = CoordinationPoint.objects.filter(network=network).first()
    if point is None:
        return defaults
    return Terms(
        urgent_hours=point.sla_urgent_hours or defaults.urgent_hours,
        normal_working_days=point.sla_normal_working_days or defaults.normal_working_days,
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end`` is not later."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def due_at(received_at: datetime, urgent: bool, terms: Terms) -> datetime:
    """When a signal received at ``received_at`` must have been picked up."""
    if urgent:
        return received_at + timedelta(hours=terms.urgent_hours)
    local_day = timezone.localtime(received_at).date()
    last_day = add_working_days(local_day, terms.normal_working_days)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Timer:
    """Time left (or overdue) for one signal, ready to show."""

    overdue: bool
    soon: bool
    label: str


def _span(delta: timedelta, *, working_days: int | None) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        minutes = max(1, int(delta.total_seconds() // 60))
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    if hours < 24:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    if working_days is not None:
        return ngettext("%(count)d working day", "%(count)d working days", working_days) % {
            "count": working_days
        }
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def timer(due: datetime, now: datetime) -> Timer:
    """ "3 working days left", "5 hours left", or "overdue by 2 days"."""
    local_now = timezone.localtime(now).date()
    # The due moment is midnight after the last day, so the last day itself is the one before.
    local_due = timezone.localtime(due - timedelta(microseconds=1)).date()
    if due <= now:
        span = _span(now - due, working_days=None)
        return Timer(overdue=True, soon=False, label=_("Overdue by %(span)s") % {"span": span})
    left = due - now
    days_left = working_days_between(local_now, local_due)
    span = _span(left, working_days=max(days_left, 1))
    return Timer(
        overdue=False,
        soon=left <= timedelta(hours=24),
        label=_("%(span)s left") % {"span": span},
    )
