"""Daily jobs (listed in ``vangnet.core.scheduling.DAILY_JOBS``).

- ``overdue_signal_reminders``: a reminder for every signal past its term, once a day.
- ``signal_retention``: removes closed signals that never led to a registered older person,
  ``VANGNET_SIGNAL_RETENTION_DAYS`` (default 183) after closing, and old rate-limit counts.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.consent.models import DataCategory, Purpose
from vangnet.detection import throttle
from vangnet.detection.access import coordination_staff
from vangnet.detection.models import Signal, SignalStatus
from vangnet.directory.models import Network
from vangnet.notifications.actions import notify

DEFAULT_RETENTION_DAYS = 183


def retention_days() -> int:
    return int(getattr(settings, "VANGNET_SIGNAL_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def overdue_signal_reminders(now: datetime) -> int:
    """Remind whoever holds an overdue signal; returns the number of messages sent.

    The recipient of a signal that was passed on gets one message per signal. The
    coordination point gets one message per network with the number of overdue signals.
    Running twice on one day sends nothing the second time.
    """
    today = timezone.localdate(now)
    overdue = list(
        Signal.objects.overdue(now)
        .exclude(last_reminded_on=today)
        .select_related("network", "recipient__user")
        .order_by("network_id", "due_at")
    )
    sent = 0
    per_network: dict[int, list[Signal]] = defaultdict(list)
    with transaction.atomic():
        for signal in overdue:
            per_network[signal.network_id].append(signal)
            recipient = signal.recipient.user if signal.recipient else None
            if signal.status == SignalStatus.ROUTED and recipient is not None:
                sent += len(
                    notify(
                        recipients=[recipient],
                        kind="signal_overdue",
                        subject=_("A signal passed on to you is past its term"),
                        body=_("Please pick it up, or tell the coordination point why not."),
                        url=reverse("detection:signal", kwargs={"signal_id": signal.pk}),
                    )
                )
        networks = Network.objects.in_bulk(list(per_network))
        for network_id, signals in per_network.items():
            count = len(signals)
            sent += len(
                notify(
                    recipients=coordination_staff(networks[network_id]),
                    kind="signal_overdue",
                    subject=ngettext(
                        "%(count)d signal is past its term",
                        "%(count)d signals are past their term",
                        count,
                    )
                    % {"count": count},
                    body=_("Open the triage queue to see which ones."),
                    url=reverse("detection:queue"),
                )
            )
        Signal.objects.filter(pk__in=[s.pk for s in overdue]).update(last_reminded_on=today)
    return sent


def signal_retention(now: datetime) -> int:
    """Remove closed signals that are not about a registered older person, after the term."""
    limit = now - timedelta(days=retention_days())
    with transaction.atomic():
        old = list(
            Signal.objects.filter(
                status=SignalStatus.CLOSED, client__isnull=True, closed_at__lt=limit
            ).values_list("pk", flat=True)
        )
        if old:
            log_access(
                actor=Actor.system(),
                event=AuditEvent.DELETE,
                client_id=None,
                data_category=DataCategory.SIGNALS,
                purpose=Purpose.EARLY_DETECTION,
                objects=[*(f"signal:{pk}" for pk in old), "retention"],
            )
            Signal.objects.filter(pk__in=old).delete()
        throttle.purge(now)
    return len(old)
