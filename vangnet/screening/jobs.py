"""Daily housekeeping: unfinished questionnaires do not linger."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.consent.models import DataCategory, Purpose
from vangnet.screening.models import ScreeningDraft

DRAFT_DAYS = 7


def drafts_expire(now: datetime) -> int:
    """Remove drafts untouched for a week (``VANGNET_SCREENING_DRAFT_DAYS``); logged per client."""
    days = int(getattr(settings, "VANGNET_SCREENING_DRAFT_DAYS", DRAFT_DAYS))
    stale = list(
        ScreeningDraft.objects.filter(updated_at__lt=now - timedelta(days=days)).values_list(
            "pk", "client_id"
        )
    )
    if not stale:
        return 0
    with transaction.atomic():
        ScreeningDraft.objects.filter(pk__in=[pk for pk, _client in stale]).delete()
        log_accesses(
            actor=Actor.system(),
            event=AuditEvent.DELETE,
            client_ids=sorted({client_id for _pk, client_id in stale}),
            data_category=DataCategory.SCREENING,
            purpose=Purpose.EARLY_DETECTION,
            objects=["screening-draft:expired"],
        )
    return len(stale)
