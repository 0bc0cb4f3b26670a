"""Rate limits for the public pages, counted per client IP address in the database.

The database (not a per-process cache) keeps the counts, so every worker process sees the
same numbers. The address is stored only as a keyed hash; the daily job removes counts older
than a day. Limits come from the settings, read at the moment of counting:

- ``VANGNET_SIGNAL_REPORTS_PER_HOUR`` (default 5): worries sent from one address per hour;
- ``VANGNET_SIGNAL_STATUS_CHECKS_PER_HOUR`` (default 20): reference codes tried per hour.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from vangnet.accounts.request_info import client_ip
from vangnet.detection.models import Throttle

REPORT = "report"
STATUS = "status"
WINDOW = timedelta(hours=1)
DEFAULT_LIMITS = {REPORT: 5, STATUS: 20}
SETTING_NAMES = {
    REPORT: "VANGNET_SIGNAL_REPORTS_PER_HOUR",
    STATUS: "VANGNET_SIGNAL_STATUS_CHECKS_PER_HOUR",
}


def limit_for(scope: str) -> int:
    return int(getattr(settings, SETTING_NAMES[scope], DEFAULT_LIMITS[scope]))


def address_key(request: HttpRequest) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(
        settings.SECRET_KEY.encode(), f"throttle:{address}".encode(), hashlib.sha256
    ).hexdigest()


def allow(request: HttpRequest, scope: str, now: datetime | None = None) -> bool:
    """Count one request; False (and nothing counted) when the address is over its limit.

    Each counted request takes one of the limit's numbered slots, and a slot is unique per
    address: two requests at the same moment cannot both take the last one, on PostgreSQL
    and SQLite alike, without any lock. A slot comes free when its request is an hour old.
    """
    moment = now or timezone.now()
    key = address_key(request)
    rows = Throttle.objects.filter(scope=scope, key=key)
    rows.filter(at__lte=moment - WINDOW).delete()
    taken = set(rows.values_list("slot", flat=True))
    for slot in range(limit_for(scope)):
        if slot in taken:
            continue
        try:
            with transaction.atomic():
                Throttle.objects.create(scope=scope, key=key, slot=slot, at=moment)
        except IntegrityError:
            continue  # Another request took this slot a moment ago.
        return True
    return False


def purge(now: datetime) -> int:
    deleted, _ = Throttle.objects.filter(at__lt=now - timedelta(days=1)).delete()
    return deleted
