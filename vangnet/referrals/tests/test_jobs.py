"""The daily jobs: escalate referrals past their term, and ask how it goes after three months."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AccessPoint
from vangnet.core import scheduling
from vangnet.notifications.models import Notification
from vangnet.referrals import jobs
from vangnet.referrals.models import EventKind, FirstContactRule, Referral, ReferralEvent

from .factories import World, bring_to_first_contact, build_world, refer

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 2 March 2026, ten in the morning: the first contact is due that Friday, 6 March.
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)


@pytest.fixture
def world(bob: User, alice: User) -> World:
    return build_world(bob, alice)


def _morning(day: int) -> datetime:
    return datetime(2026, 3, day, 7, 0, tzinfo=AMS)


def test_a_referral_is_not_overdue_on_its_last_day(world: World) -> None:
    referral = refer(world, now=MONDAY)
    assert referral.first_contact_due_on.isoformat() == "2026-03-06"
    assert jobs.escalate_overdue(_morning(6)) == 0


def test_an_overdue_referral_is_escalated_to_the_coordinator_once(
    world: World, alice: User
) -> None:
    referral = refer(world, now=MONDAY)
    assert jobs.escalate_overdue(_morning(10)) == 1
    referral.refresh_from_db()
    assert referral.escalated_at == _morning(10)
    assert referral.is_overdue(timezone.localdate(_morning(10)))
    event = ReferralEvent.objects.get(referral=referral, kind=EventKind.ESCALATED)
    assert "06-03-2026" in event.note
    to_coordinator = Notification.objects.get(recipient=alice)
    assert world.client.family_name not in to_coordinator.subject + to_coordinator.body
    assert Notification.objects.filter(recipient=world.worker).count() == 2  # new, reminder
    row = AccessLogEntry.objects.filter(client_id=world.client.pk).latest("pk")
    assert (row.access_point, row.objects_involved) == (AccessPoint.TASK, ["referral-escalation"])
    assert jobs.escalate_overdue(_morning(11)) == 0
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_a_referral_with_first_contact_in_time_is_not_escalated(world: World) -> None:
    referral = refer(world, now=MONDAY)
    bring_to_first_contact(world, referral, contacted_on=MONDAY.date(), now=MONDAY)
    assert jobs.escalate_overdue(_morning(20)) == 0


def test_the_follow_up_reminder_comes_after_three_months(world: World) -> None:
    referral = bring_to_first_contact(
        world, refer(world, now=MONDAY), contacted_on=MONDAY.date(), now=MONDAY
    )
    assert referral.follow_up_due_on == MONDAY.date() + timedelta(days=91)
    assert jobs.remind_follow_ups(MONDAY + timedelta(days=90)) == 0
    later = MONDAY + timedelta(days=92)
    assert jobs.remind_follow_ups(later) == 1
    referral.refresh_from_db()
    assert referral.follow_up_reminded_at == later
    assert referral.follow_up_is_due()
    reminder = Notification.objects.filter(recipient=world.worker).latest("pk")
    assert reminder.url.endswith(f"#{referral.anchor}")
    assert jobs.remind_follow_ups(later + timedelta(days=1)) == 0


def test_the_follow_up_term_is_set_per_network(world: World) -> None:
    world.rules.follow_up_days = 60
    world.rules.save()
    referral = bring_to_first_contact(
        world, refer(world, now=MONDAY), contacted_on=MONDAY.date(), now=MONDAY
    )
    assert jobs.remind_follow_ups(MONDAY + timedelta(days=61)) == 1
    referral.refresh_from_db()
    assert referral.follow_up_reminded_at is not None


def test_the_first_contact_term_is_set_per_network(world: World) -> None:
    world.rules.first_contact_rule = FirstContactRule.WORKING_DAYS
    world.rules.first_contact_working_days = 2
    world.rules.save()
    referral = refer(world, now=MONDAY)
    assert referral.first_contact_due_on.isoformat() == "2026-03-04"
    assert jobs.escalate_overdue(_morning(5)) == 1


def test_both_jobs_run_from_the_daily_task(world: World) -> None:
    refer(world, now=MONDAY)
    done = scheduling.run_jobs(_morning(16))
    assert done["vangnet.referrals.jobs.escalate_overdue"] == 1
    assert done["vangnet.referrals.jobs.remind_follow_ups"] == 0
    assert Referral.objects.get().escalated_at is not None
