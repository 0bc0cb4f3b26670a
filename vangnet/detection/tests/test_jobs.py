"""Daily jobs: reminders for overdue signals, and the retention of closed signals."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.tests.factories import ClientFactory, person_for
from vangnet.conftest import make_user
from vangnet.core.scheduling import DAILY_JOBS, job_name, run_jobs
from vangnet.detection.jobs import overdue_signal_reminders, signal_retention
from vangnet.detection.models import Signal, SignalStatus, Throttle, Urgency
from vangnet.detection.tests.factories import SignalFactory, aware
from vangnet.directory.models import Network
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db

MONDAY = aware(2026, 11, 30, 7, 0)


def test_the_daily_run_includes_the_signal_jobs() -> None:
    assert "vangnet.detection.jobs.overdue_signal_reminders" in {
        job_name(job) for job in DAILY_JOBS
    }
    assert "vangnet.detection.jobs.signal_retention" in {job_name(job) for job in DAILY_JOBS}
    results = run_jobs(MONDAY)
    assert results["vangnet.detection.jobs.overdue_signal_reminders"] == 0


def test_overdue_signals_remind_the_coordination_point_and_the_recipient(
    desk: Network, alice: User
) -> None:
    nurse = make_user("nina@example.org", "Nina Wijk", Role.PROFESSIONAL)
    nurse_person = person_for(nurse)
    last_week = aware(2026, 11, 20, 10, 0)
    SignalFactory.create(network=desk, received_at=last_week)  # due 28 Nov 00:00: overdue
    SignalFactory.create(
        network=desk,
        received_at=last_week,
        status=SignalStatus.ROUTED,
        recipient=nurse_person,
        subject_name="Truus Geheim",
    )
    SignalFactory.create(network=desk, received_at=aware(2026, 11, 27, 10, 0))  # still in time
    SignalFactory.create(
        network=desk, received_at=last_week, status=SignalStatus.PICKED_UP, recipient=nurse_person
    )
    sent = overdue_signal_reminders(MONDAY)
    assert sent == 2
    to_alice = Notification.objects.get(recipient=alice)
    assert "2" in to_alice.subject
    to_nurse = Notification.objects.get(recipient=nurse)
    assert to_nurse.kind == "signal_overdue" and "Truus" not in to_nurse.subject + to_nurse.body
    # A second run on the same day sends nothing more; the next day it reminds again.
    assert overdue_signal_reminders(MONDAY + timedelta(hours=3)) == 0
    assert overdue_signal_reminders(MONDAY + timedelta(days=1)) == 2


def test_an_urgent_signal_from_yesterday_is_overdue_this_morning(
    desk: Network, alice: User
) -> None:
    SignalFactory.create(
        network=desk, urgency=Urgency.URGENT, received_at=aware(2026, 11, 27, 15, 0)
    )
    assert overdue_signal_reminders(MONDAY) == 1


@override_settings(VANGNET_SIGNAL_RETENTION_DAYS=30)
def test_closed_signals_about_nobody_registered_are_removed_after_the_term(desk: Network) -> None:
    now = timezone.now()
    old = SignalFactory.create(
        network=desk,
        status=SignalStatus.CLOSED,
        close_reason="no_action",
        closed_at=now - timedelta(days=31),
    )
    recent = SignalFactory.create(
        network=desk,
        status=SignalStatus.CLOSED,
        close_reason="no_action",
        closed_at=now - timedelta(days=29),
    )
    linked = SignalFactory.create(
        network=desk,
        client=ClientFactory.create(network=desk),
        status=SignalStatus.CLOSED,
        close_reason="handled",
        closed_at=now - timedelta(days=300),
    )
    still_open = SignalFactory.create(network=desk, received_at=now - timedelta(days=300))
    Throttle.objects.create(scope="report", key="x" * 64, at=now - timedelta(days=2))
    Throttle.objects.create(scope="report", key="y" * 64, at=now - timedelta(hours=2))
    assert signal_retention(now) == 1
    assert set(Signal.objects.all()) == {recent, linked, still_open}
    assert Throttle.objects.count() == 1
    row = AccessLogEntry.objects.get(event=AuditEvent.DELETE)
    assert f"signal:{old.pk}" in row.objects_involved and row.client_id is None
