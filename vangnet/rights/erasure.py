"""The right to erasure, and erasure after the retention period."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose


def retention_years() -> int:
    return int(getattr(settings, "VANGNET_CLIENT_RETENTION_YEARS", 2))


def client_erase(*, actor: Actor, client: Client, reason: str) -> int:
    """Remove the older person and everything about them.

    The access log keeps its rows: they hold only the client's number, which
    after erasure points to nobody, so the log stays a pseudonymised trace.
    """
    client_id = client.pk
    with transaction.atomic():
        log_access(
            actor=actor,
            event=AuditEvent.DELETE,
            client_id=client_id,
            data_category=DataCategory.IDENTITY,
            purpose=Purpose.CARE_PLAN,
            objects=[f"client:{client_id}", "erased"],
            reason=reason,
        )
        client.delete()
    return client_id


def retention_due(today: date | None = None) -> list[Client]:
    """Older people whose every care relationship ended longer ago than the retention period."""
    day = today or timezone.localdate()
    limit = day.replace(year=day.year - retention_years())
    with_open = Client.objects.filter(
        Q(care_team__until__isnull=True) | Q(care_team__until__gte=limit)
    ).values("pk")
    return list(
        Client.objects.exclude(pk__in=with_open)
        .annotate(last_end=Max("care_team__until"))
        .filter(Q(last_end__lt=limit) | Q(last_end__isnull=True, registered_at__date__lt=limit))
        .order_by("pk")
    )
