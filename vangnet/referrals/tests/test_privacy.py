"""Who sees a referral: the receiving organisation while it is open, the referrer, nobody else."""

from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry
from vangnet.clients.access import access_client
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.actions import consent_revoke
from vangnet.consent.models import DataCategory, Purpose
from vangnet.referrals import actions
from vangnet.referrals.models import Referral, ReferralEvent, Status
from vangnet.referrals.visibility import inbox_for
from vangnet.rights.export import client_export

from .factories import World, bring_to_first_contact, build_world, other_client_of, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(bob: User) -> World:
    return build_world(bob)


def _pages(world: World, referral: Referral) -> list[tuple[str, str]]:
    kw = {"client_id": world.client.pk}
    return [
        ("get", reverse("referrals:client", kwargs=kw)),
        ("get", reverse("referrals:refer", kwargs=kw)),
        ("post", reverse("referrals:step", kwargs={**kw, "referral_id": referral.pk})),
    ]


def test_it_refuses_a_stranger_with_404_and_writes_no_log_row(
    client: HttpClient, world: World, charlie: User
) -> None:
    referral = refer(world)
    person_for(charlie)
    log_in(client, charlie)
    for method, url in _pages(world, referral):
        data = {"action": "accept", f"r{referral.pk}-accept-version": "1"}
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, url
        assert world.client.family_name not in response.content.decode()
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert world.client.family_name not in inbox
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_anonymous_visitors_are_sent_to_log_in(client: HttpClient, world: World) -> None:
    referral = refer(world)
    for method, url in _pages(world, referral):
        response = client.post(url) if method == "post" else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_receiving_organisation_sees_it_while_it_is_open(world: World) -> None:
    referral = refer(world)
    door: dict[str, Any] = {"category": DataCategory.REFERRAL, "purpose": Purpose.REFERRAL}
    assert access_client(Actor(world.colleague), world.client.pk, **door) == world.client
    actions.referral_cancel(
        actor=Actor(world.gp), referral=referral, expected_version=1, reason="Verhuisd"
    )
    with pytest.raises(Http404):
        access_client(Actor(world.colleague), world.client.pk, **door)


def test_a_completed_referral_stays_open_until_the_follow_up_is_recorded(world: World) -> None:
    today = timezone.localdate()
    referral = bring_to_first_contact(world, refer(world), contacted_on=today)
    door: dict[str, Any] = {"category": DataCategory.REFERRAL, "purpose": Purpose.REFERRAL}
    worker = Actor(world.worker)
    referral = actions.referral_start(
        actor=worker, referral=referral, expected_version=referral.version
    )
    actions.referral_complete(
        actor=worker, referral=referral, expected_version=referral.version, feedback="Klaar."
    )
    assert access_client(worker, world.client.pk, **door)
    # Long after the follow-up date, the relationship has ended.
    Referral.objects.filter(pk=referral.pk).update(follow_up_due_on=today - timedelta(days=200))
    with pytest.raises(Http404):
        access_client(worker, world.client.pk, **door)


def test_revoking_the_consent_hides_the_referral_from_the_inbox(world: World) -> None:
    referral = refer(world)
    assert [r.pk for r in inbox_for(Actor(world.worker)).new] == [referral.pk]
    assert referral.consent is not None
    consent_revoke(actor=Actor(world.gp), consent=referral.consent)
    inbox = inbox_for(Actor(world.worker))
    assert (inbox.new, inbox.hidden) == ([], 1)


def test_the_inbox_logs_each_older_person_it_shows(world: World) -> None:
    refer(world)
    before = AccessLogEntry.objects.filter(user_id=world.worker.pk).count()
    inbox_for(Actor(world.worker))
    rows = AccessLogEntry.objects.filter(user_id=world.worker.pk).order_by("pk")[before:]
    assert [(r.client_id, r.data_category) for r in rows] == [
        (world.client.pk, DataCategory.REFERRAL)
    ]


def test_the_inbox_does_not_query_more_for_more_referrals(
    client: HttpClient, world: World, django_assert_max_num_queries: object
) -> None:
    refer(world)
    log_in(client, world.worker)
    url = reverse("referrals:inbox")
    with django_assert_max_num_queries(40) as few:  # type: ignore[operator]
        assert client.get(url).status_code == 200
    for _ in range(8):
        refer(world, client=other_client_of(world.gp, world.network))
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        page = client.get(url).content.decode()
    assert page.count("Sinds overlijden partner veel alleen") == 9


def test_a_read_only_account_cannot_take_a_step(client: HttpClient, world: World) -> None:
    from .factories import person_in

    viewer = make_user("ria@example.org", "Ria Bos", Role.READ_ONLY)
    person_in(viewer, world.welfare, "sociaal_werker")
    referral = refer(world)
    log_in(client, viewer)
    url = reverse(
        "referrals:step", kwargs={"client_id": world.client.pk, "referral_id": referral.pk}
    )
    response = client.post(url, {"action": "accept", f"r{referral.pk}-accept-version": "1"})
    assert response.status_code == 404
    # Reading is fine, and does not mark the referral as received.
    assert (
        client.get(reverse("referrals:client", kwargs={"client_id": world.client.pk})).status_code
        == 200
    )
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_the_older_persons_export_holds_their_referrals(world: World) -> None:
    referral = refer(world)
    section = client_export(world.client)["referrals"]
    assert [r["reason"] for r in section] == [referral.reason]
    assert section[0]["history"][0]["status"]


def test_erasing_the_older_person_removes_their_referrals(world: World, alice: User) -> None:
    from vangnet.rights.erasure import client_erase

    referral = refer(world)
    client_erase(actor=Actor(alice), client=Client.objects.get(pk=world.client.pk), reason="AVG")
    assert not Referral.objects.filter(pk=referral.pk).exists()
    assert not ReferralEvent.objects.filter(referral_id=referral.pk).exists()
