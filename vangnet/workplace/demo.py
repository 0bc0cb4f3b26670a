"""Building the demo neighbourhood: each app's builder in turn, in one transaction."""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from vangnet.care.demo import build as care
from vangnet.casefinding.demo import build as casefinding
from vangnet.clients.demo import build as clients
from vangnet.collaboration.demo import build as collaboration
from vangnet.core.demo import DemoContext
from vangnet.detection.demo import build as detection
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.economics.demo import build as economics
from vangnet.monitoring.demo import build as monitoring
from vangnet.referrals.demo import build as referrals
from vangnet.screening.demo import build as screening
from vangnet.selfscan.demo import build as selfscan

# Order matters: each builder may use what the ones before it left in ``ctx.shared``.
BUILDERS: list[Callable[[DemoContext], None]] = [
    directory,
    accounts,
    clients,
    detection,
    care,
    referrals,
    screening,
    economics,
    collaboration,
    selfscan,
    monitoring,
    casefinding,
]


def build_demo(*, seed: int = 2026, now: datetime | None = None) -> DemoContext:
    """Build the whole demo neighbourhood in one transaction."""
    ctx = DemoContext(seed=seed, now=now or timezone.now())
    with transaction.atomic():
        for builder in BUILDERS:
            builder(ctx)
    return ctx
