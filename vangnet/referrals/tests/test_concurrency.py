"""Two people accept the same referral at once: one wins, the other is told so in plain Dutch."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.conftest import log_in
from vangnet.referrals import actions
from vangnet.referrals.actions import ReferralConflict
from vangnet.referrals.models import EventKind, Referral, ReferralEvent, Status

from .factories import World, build_world, refer

DUTCH_MESSAGE = "Iemand anders heeft deze verwijzing net al geaccepteerd."


def _received(world: World) -> Referral:
    referral = refer(world)
    return actions.referral_receive(actor=Actor(world.worker), referral=referral)


@pytest.mark.django_db
def test_a_stale_second_acceptance_is_refused_with_a_clear_message(bob: User) -> None:
    world = build_world(bob)
    referral = _received(world)
    seen_by_dana = Referral.objects.get(pk=referral.pk)
    seen_by_erik = Referral.objects.get(pk=referral.pk)
    actions.referral_accept(
        actor=Actor(world.worker), referral=seen_by_dana, expected_version=seen_by_dana.version
    )
    with translation.override("nl"), pytest.raises(ReferralConflict) as refused:
        actions.referral_accept(
            actor=Actor(world.colleague),
            referral=seen_by_erik,
            expected_version=seen_by_erik.version,
        )
    assert refused.value.message == DUTCH_MESSAGE
    referral.refresh_from_db()
    assert (referral.status, referral.handler, referral.version) == (
        Status.ACCEPTED,
        world.worker,
        3,
    )
    accepted = ReferralEvent.objects.filter(referral=referral, to_status=Status.ACCEPTED)
    assert accepted.count() == 1


@pytest.mark.django_db
def test_the_guarded_write_refuses_a_row_that_moved_on(bob: User) -> None:
    """Where the row lock does nothing, the write itself checks status and version."""
    world = build_world(bob)
    referral = _received(world)
    stale = Referral.objects.get(pk=referral.pk)
    actions.referral_accept(
        actor=Actor(world.worker), referral=referral, expected_version=referral.version
    )
    with pytest.raises(ReferralConflict):
        actions._apply(
            actor=Actor(world.colleague),
            current=stale,
            target=Status.ACCEPTED,
            note="",
            moment=stale.sent_at,
        )
    assert ReferralEvent.objects.filter(referral=referral, to_status=Status.ACCEPTED).count() == 1


@pytest.mark.django_db
def test_two_browsers_with_the_same_page_get_one_acceptance_and_one_message(bob: User) -> None:
    world = build_world(bob)
    referral = _received(world)
    url = reverse(
        "referrals:step", kwargs={"client_id": world.client.pk, "referral_id": referral.pk}
    )
    form = {"action": "accept", f"r{referral.pk}-accept-version": str(referral.version)}
    dana, erik = HttpClient(), HttpClient()
    log_in(dana, world.worker)
    log_in(erik, world.colleague)
    assert dana.post(url, form).status_code == 302
    page = erik.post(url, form, follow=True).content.decode()
    assert DUTCH_MESSAGE in page
    referral.refresh_from_db()
    assert referral.handler == world.worker


@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_at_the_same_moment_on_postgresql(bob: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite is covered by the version check above")
    world = build_world(bob)
    referral = _received(world)
    version = referral.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def accept(user: User) -> None:
        try:
            copy = Referral.objects.get(pk=referral.pk)
            start.wait(timeout=30)
            with translation.override("nl"):
                actions.referral_accept(actor=Actor(user), referral=copy, expected_version=version)
            outcomes[user.email] = "accepted"
        except ReferralConflict as conflict:
            outcomes[user.email] = conflict.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (world.worker, world.colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == sorted(["accepted", DUTCH_MESSAGE])
    referral.refresh_from_db()
    winner = next(email for email, result in outcomes.items() if result == "accepted")
    assert referral.status == Status.ACCEPTED
    assert referral.handler is not None and referral.handler.email == winner
    assert referral.version == version + 1
    assert (
        ReferralEvent.objects.filter(
            referral=referral, kind=EventKind.STATUS, to_status=Status.ACCEPTED
        ).count()
        == 1
    )
