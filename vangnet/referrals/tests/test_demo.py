"""The demo history: the same every time, a mix of statuses, figures that are not all hidden."""

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from vangnet.audit.log import Actor
from vangnet.clients.access import access_client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.demo import DemoContext
from vangnet.referrals import demo
from vangnet.referrals.figures import network_report
from vangnet.referrals.models import Referral, ReferralEvent, Status
from vangnet.referrals.visibility import inbox_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BEFORE = ("vangnet.directory.demo", "vangnet.directory.demo_accounts", "vangnet.clients.demo")

pytestmark = pytest.mark.django_db


def built(seed: int = 2026) -> DemoContext:
    from importlib import import_module

    ctx = DemoContext(seed=seed, now=NOW)
    for module in BEFORE:
        import_module(module).build(ctx)
    demo.build(ctx)
    return ctx


def fingerprint() -> list[tuple[Any, ...]]:
    with transaction.atomic():
        built()
        rows: list[tuple[Any, ...]] = list(
            Referral.objects.order_by("pk").values_list(
                "status", "reason", "sent_at", "first_contact_on", "follow_up_outcome"
            )
        )
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_builds_the_same_history() -> None:
    assert fingerprint() == fingerprint()


def test_the_history_is_realistic_and_the_figures_mean_something() -> None:
    ctx = built()
    statuses = Counter(Referral.objects.values_list("status", flat=True))
    assert 90 <= sum(statuses.values()) <= 120
    for status in (Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED):
        assert statuses[status] > 0, status
    assert statuses[Status.REDIRECTED] + statuses[Status.DECLINED] + statuses[Status.CANCELLED]
    assert all(r.sent_at <= NOW for r in Referral.objects.all())
    assert all(e.at <= NOW for e in ReferralEvent.objects.all())
    report = network_report(ctx.shared["network"], months=12, now=NOW)
    assert not report.total.suppressed
    assert report.total.median_days is not None and 1 <= report.total.median_days <= 10
    assert report.total.p90_days is not None and report.total.p90_days > report.total.median_days
    assert report.total.followed_up and report.total.followed_up >= 5
    assert sum(not f.suppressed for f in report.by_organisation) >= 3


def test_the_demo_logins_see_the_loop_from_both_ends() -> None:
    ctx = built()
    people = ctx.shared["demo_people"]
    worker = people["social_worker"].user
    inbox = inbox_for(Actor(worker), now=NOW)
    assert inbox.new and inbox.running
    referral = inbox.new[0]
    assert access_client(
        Actor(worker), referral.client_id, category=DataCategory.REFERRAL, purpose=Purpose.REFERRAL
    )
    gp = people["gp"].user
    answered = Referral.objects.filter(referrer_user=gp, feedback_at__isnull=False).first()
    assert answered is not None
    assert access_client(
        Actor(gp), answered.client_id, category=DataCategory.REFERRAL, purpose=Purpose.REFERRAL
    )


def test_a_service_has_enough_referrals_for_its_response_line() -> None:
    from vangnet.referrals.response_figures import response_figures

    built()
    services = set(Referral.objects.exclude(service=None).values_list("service_id", flat=True))
    by_service, _ = response_figures(services, [], today=NOW.date())
    assert any(f.enough for f in by_service.values())
