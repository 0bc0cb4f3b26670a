"""The demo neighbourhood's early detection: one overlap, one gap, open signals, some overdue."""

import pytest
from django.utils import timezone

from vangnet.core.demo import DemoContext
from vangnet.detection.models import EarlyDetectionActivity, Signal, SignalStatus
from vangnet.detection.registry import overview
from vangnet.directory.models import Network

pytestmark = pytest.mark.django_db


def _build() -> DemoContext:
    from vangnet.clients.demo import build as clients
    from vangnet.detection.demo import build as detection
    from vangnet.directory.demo import build as directory
    from vangnet.directory.demo_accounts import build as accounts

    ctx = DemoContext(seed=2026)
    for builder in (directory, accounts, clients, detection):
        builder(ctx)
    return ctx


def test_the_demo_has_exactly_one_overlap_and_one_gap() -> None:
    ctx = _build()
    network: Network = ctx.shared["network"]
    pairs = EarlyDetectionActivity.objects.filter(network=network).overlapping_pairs()
    assert len(pairs) == 1
    result = overview(network, timezone.localdate())
    assert [(area.name, band) for area, band in result.gaps] == [("Oosterpolder-Zuid", (65, 74))]
    assert result.overlaps == pairs


def test_the_demo_has_open_signals_from_everyone_some_overdue() -> None:
    ctx = _build()
    network: Network = ctx.shared["network"]
    signals = Signal.objects.filter(network=network)
    kinds = set(signals.open().values_list("reporter_kind", flat=True))
    assert {"volunteer", "courier", "neighbour", "professional"} <= kinds
    assert signals.overdue().count() >= 2
    assert signals.filter(status=SignalStatus.ROUTED).exists()
    assert signals.filter(status=SignalStatus.CLOSED).exists()
    routed = signals.get(status=SignalStatus.ROUTED)
    assert routed.recipient is not None and routed.recipient.user is not None
