"""Every pair of statuses: allowed steps go through and leave a trace, all others are refused."""

from itertools import product
from typing import Any

import pytest
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.referrals import actions, lifecycle
from vangnet.referrals.actions import NotAParty, Target, TransitionRefused
from vangnet.referrals.models import EventKind, Referral, ReferralEvent, Status

from .factories import World, build_world, refer

pytestmark = pytest.mark.django_db

ALL_PAIRS = list(product(Status, Status))
ALLOWED = [(t.source, t.target) for t in lifecycle.TRANSITIONS]
REFUSED = [pair for pair in ALL_PAIRS if pair not in ALLOWED]
NEEDS_REASON = [(t.source, t.target) for t in lifecycle.TRANSITIONS if t.needs_reason]


@pytest.fixture
def world(bob: User, alice: User) -> World:
    return build_world(bob, alice)


def _in_status(world: World, status: Status) -> Referral:
    """A referral standing at ``status``, with the dates that status implies."""
    referral = refer(world)
    now = timezone.now()
    fields: dict[str, Any] = {"status": status}
    if status != Status.SENT:
        fields["received_at"] = now
    if status in (Status.ACCEPTED, Status.FIRST_CONTACT, Status.IN_PROGRESS, Status.COMPLETED):
        fields.update(accepted_at=now, handler=world.worker)
    if status in (Status.FIRST_CONTACT, Status.IN_PROGRESS, Status.COMPLETED):
        fields.update(first_contact_on=timezone.localdate(), follow_up_due_on=timezone.localdate())
    if status == Status.COMPLETED:
        fields["completed_at"] = now
    if status in (Status.DECLINED, Status.REDIRECTED, Status.CANCELLED):
        fields["ended_at"] = now
    Referral.objects.filter(pk=referral.pk).update(**fields)
    referral.refresh_from_db()
    return referral


def attempt(world: World, referral: Referral, to: Status, reason: str = "") -> Referral:
    """Try to move ``referral`` to ``to`` with the action a person would use for it."""
    actor = Actor(world.worker)
    common: dict[str, Any] = {
        "actor": actor,
        "referral": referral,
        "expected_version": referral.version,
    }
    step = lifecycle.find(referral.status, to)
    if step is not None and step.backward:
        return actions.referral_step_back(**common, to=to, reason=reason)
    match to:
        case Status.SENT | Status.RECEIVED:
            if to == Status.SENT:
                # Nothing sends an existing referral again; going back to it is a step back.
                return actions.referral_step_back(**common, to=to, reason=reason or "x")
            return actions.referral_receive(actor=actor, referral=referral)
        case Status.ACCEPTED:
            return actions.referral_accept(**common)
        case Status.FIRST_CONTACT:
            return actions.referral_record_first_contact(
                **common, contacted_on=timezone.localdate(), feedback="Gebeld."
            )
        case Status.IN_PROGRESS:
            return actions.referral_start(**common)
        case Status.COMPLETED:
            return actions.referral_complete(**common, feedback="Gaat naar de wandelgroep.")
        case Status.DECLINED:
            return actions.referral_decline(**common, note=reason)
        case Status.REDIRECTED:
            return actions.referral_redirect(
                **common,
                target=Target.for_service(world.other_service),
                reason=reason,
                agreed=True,
            )
        case Status.CANCELLED:
            return actions.referral_cancel(**common, reason=reason)
    raise AssertionError(to)


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=lambda s: str(s))
def test_every_allowed_transition_goes_through_with_history_and_log(
    world: World, source: Status, target: Status
) -> None:
    referral = _in_status(world, source)
    events_before = ReferralEvent.objects.filter(referral=referral).count()
    log_before = AccessLogEntry.objects.filter(client_id=world.client.pk).count()
    result = attempt(world, referral, target, reason="Verkeerd geklikt")
    referral.refresh_from_db()
    assert referral.status == target
    assert referral.version == 2
    event = ReferralEvent.objects.filter(referral=referral, kind=EventKind.STATUS).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == (source, target, world.worker)
    assert ReferralEvent.objects.filter(referral=referral).count() > events_before
    new_log = AccessLogEntry.objects.filter(client_id=world.client.pk).order_by("pk")[log_before:]
    assert any(
        row.event == AuditEvent.UPDATE and f"referral:{referral.pk}" in row.objects_involved
        for row in new_log
    )
    if target == Status.REDIRECTED:
        assert result.redirected_from_id == referral.pk
        assert result.status == Status.SENT


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=lambda s: str(s))
def test_every_other_transition_is_refused_and_changes_nothing(
    world: World, source: Status, target: Status
) -> None:
    referral = _in_status(world, source)
    events_before = ReferralEvent.objects.count()
    log_before = AccessLogEntry.objects.count()
    with pytest.raises(TransitionRefused):
        attempt(world, referral, target, reason="Toch maar")
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (source, 1)
    assert ReferralEvent.objects.count() == events_before
    assert AccessLogEntry.objects.count() == log_before


@pytest.mark.parametrize(("source", "target"), NEEDS_REASON, ids=lambda s: str(s))
def test_going_back_redirecting_and_cancelling_need_a_reason(
    world: World, source: Status, target: Status
) -> None:
    referral = _in_status(world, source)
    with pytest.raises(TransitionRefused, match=r"Say why|Zeg waarom"):
        attempt(world, referral, target, reason="  ")
    referral.refresh_from_db()
    assert referral.status == source


def test_the_table_covers_every_status_and_skips_nothing() -> None:
    forward = [Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.FIRST_CONTACT]
    forward += [Status.IN_PROGRESS, Status.COMPLETED]
    for earlier, later in product(range(len(forward)), repeat=2):
        step = lifecycle.find(forward[earlier], forward[later])
        if later == earlier + 1:
            assert step is not None and not step.backward
        elif later == earlier - 1 and earlier > 1:
            assert step is not None and step.backward and step.needs_reason
        else:
            assert step is None, (forward[earlier], forward[later])
    ended = {Status.DECLINED, Status.REDIRECTED, Status.CANCELLED}
    assert not [t for t in lifecycle.TRANSITIONS if t.source in ended]
    assert set(lifecycle.FHIR_STATUS) == set(Status)


def test_the_referrer_cannot_take_the_receivers_steps(world: World) -> None:
    referral = refer(world)
    actions.referral_receive(actor=Actor(world.worker), referral=referral)
    referral.refresh_from_db()
    with pytest.raises(NotAParty):
        actions.referral_accept(
            actor=Actor(world.gp), referral=referral, expected_version=referral.version
        )
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED


def test_the_referrer_may_cancel_with_a_reason_and_the_receiver_hears_of_it(
    world: World,
) -> None:
    referral = refer(world)
    actions.referral_cancel(
        actor=Actor(world.gp),
        referral=referral,
        expected_version=referral.version,
        reason="Dubbel verwezen",
    )
    referral.refresh_from_db()
    assert referral.status == Status.CANCELLED
    assert world.worker.notifications.filter(subject__icontains="cancel").exists() or (
        world.worker.notifications.filter(subject__icontains="geannuleerd").exists()
    )


def test_a_stranger_cannot_take_any_step(world: World, charlie: User) -> None:
    from vangnet.clients.tests.factories import person_for

    person_for(charlie)
    referral = refer(world)
    with pytest.raises(NotAParty):
        actions.referral_receive(actor=Actor(charlie), referral=referral)
    with pytest.raises(NotAParty):
        actions.referral_cancel(
            actor=Actor(charlie), referral=referral, expected_version=1, reason="weg"
        )
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_stepping_back_undoes_what_the_step_recorded(world: World) -> None:
    referral = _in_status(world, Status.ACCEPTED)
    back = actions.referral_step_back(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        to=Status.RECEIVED,
        reason="Hoort bij een collega",
    )
    assert (back.status, back.accepted_at, back.handler) == (Status.RECEIVED, None, None)
    assert back.events.latest("pk").note == "Hoort bij een collega"
