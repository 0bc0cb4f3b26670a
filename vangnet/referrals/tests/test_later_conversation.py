"""The follow-up counts from the last talk: "Drie maanden na het laatste gesprek" (seed 004).

Dates worked out by hand: 2 March 2026 + 91 days is 1 June; 17 March + 91 days is 16 June.
"""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import log_in
from vangnet.referrals import actions, jobs
from vangnet.referrals.actions import ReferralError, TransitionRefused
from vangnet.referrals.models import EventKind, Referral, ReferralEvent

from .factories import World, bring_to_first_contact, build_world, refer

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)
LATER = datetime(2026, 3, 17, 11, 0, tzinfo=AMS)


@pytest.fixture
def world(bob: User, alice: User) -> World:
    return build_world(bob, alice)


def _in_contact(world: World) -> Referral:
    return bring_to_first_contact(
        world, refer(world, now=MONDAY), contacted_on=MONDAY.date(), now=MONDAY
    )


def _record(world: World, referral: Referral, day: date, now: datetime = LATER) -> Referral:
    return actions.referral_record_contact(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        contacted_on=day,
        note="Tweede gesprek, thuis.",
        now=now,
    )


def test_a_later_conversation_moves_the_follow_up(world: World) -> None:
    referral = _in_contact(world)
    assert referral.follow_up_due_on == date(2026, 6, 1)
    referral = _record(world, referral, date(2026, 3, 17))
    assert (referral.last_contact_on, referral.follow_up_due_on) == (
        date(2026, 3, 17),
        date(2026, 6, 16),
    )
    assert referral.first_contact_on == date(2026, 3, 2)
    event = ReferralEvent.objects.get(referral=referral, kind=EventKind.CONTACT)
    assert "17-03-2026" in event.note and "16-06-2026" in event.note
    row = AccessLogEntry.objects.filter(client_id=world.client.pk).latest("pk")
    assert sorted(row.objects_involved) == ["conversation", f"referral:{referral.pk}"]
    # No reminder on 1 June any more; it comes on 16 June.
    assert jobs.remind_follow_ups(datetime(2026, 6, 2, 7, 0, tzinfo=AMS)) == 0
    assert jobs.remind_follow_ups(datetime(2026, 6, 16, 7, 0, tzinfo=AMS)) == 1


def test_a_conversation_after_the_reminder_withdraws_it(world: World) -> None:
    referral = _in_contact(world)
    assert jobs.remind_follow_ups(datetime(2026, 6, 1, 7, 0, tzinfo=AMS)) == 1
    referral.refresh_from_db()
    assert referral.follow_up_is_due(date(2026, 6, 1))
    referral = _record(
        world, referral, date(2026, 6, 2), now=datetime(2026, 6, 2, 9, 0, tzinfo=AMS)
    )
    assert referral.follow_up_reminded_at is None
    assert referral.follow_up_due_on == date(2026, 9, 1)
    assert not referral.follow_up_is_due(date(2026, 6, 3))


def test_a_conversation_before_the_last_one_or_in_the_future_is_refused(world: World) -> None:
    referral = _in_contact(world)
    referral = _record(world, referral, date(2026, 3, 17))
    with pytest.raises(ReferralError, match="17-03-2026"):
        _record(world, referral, date(2026, 3, 10))
    with pytest.raises(ReferralError):
        _record(world, referral, date(2026, 3, 18))
    assert Referral.objects.get().follow_up_due_on == date(2026, 6, 16)


def test_no_later_conversation_before_the_first_contact(world: World) -> None:
    referral = refer(world, now=MONDAY)
    with pytest.raises(TransitionRefused):
        _record(world, referral, date(2026, 3, 2))


def test_the_referrer_cannot_record_a_conversation(world: World) -> None:
    referral = _in_contact(world)
    with pytest.raises(actions.NotAParty):
        actions.referral_record_contact(
            actor=Actor(world.gp),
            referral=referral,
            expected_version=referral.version,
            contacted_on=date(2026, 3, 17),
            now=LATER,
        )


def _post(http: HttpClient, world: World, referral: Referral, **fields: str) -> Any:
    referral.refresh_from_db()
    data = {"action": "contact", f"r{referral.pk}-contact-version": str(referral.version)}
    data.update({f"r{referral.pk}-contact-{key}": value for key, value in fields.items()})
    url = reverse(
        "referrals:step", kwargs={"client_id": world.client.pk, "referral_id": referral.pk}
    )
    return http.post(url, data)


def test_the_social_worker_records_a_conversation_on_the_page(world: World) -> None:
    referral = bring_to_first_contact(world, refer(world), contacted_on=timezone.localdate())
    worker = HttpClient()
    log_in(worker, world.worker)
    page = worker.get(reverse("referrals:client", kwargs={"client_id": world.client.pk}))
    assert "Een later gesprek vastleggen" in page.content.decode()
    for bad in ("", "31-02-2026", "²", "9" * 40):
        response = _post(worker, world, referral, contacted_on=bad)
        assert response.status_code == 200
    assert not ReferralEvent.objects.filter(kind=EventKind.CONTACT).exists()
    response = _post(
        worker, world, referral, contacted_on=timezone.localdate().isoformat(), note="Fijn"
    )
    assert response.status_code == 302
    assert ReferralEvent.objects.filter(kind=EventKind.CONTACT).count() == 1


def test_a_stranger_cannot_record_a_conversation(
    client: HttpClient, world: World, charlie: User
) -> None:
    referral = bring_to_first_contact(world, refer(world), contacted_on=timezone.localdate())
    person_for(charlie)
    log_in(client, charlie)
    response = _post(client, world, referral, contacted_on=timezone.localdate().isoformat())
    assert response.status_code == 404
    assert not ReferralEvent.objects.filter(kind=EventKind.CONTACT).exists()
