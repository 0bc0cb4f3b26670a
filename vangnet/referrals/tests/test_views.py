"""The referral pages through the test client: the whole loop, forms that keep what was typed."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.conftest import log_in
from vangnet.referrals import jobs
from vangnet.referrals.models import FollowUpOutcome, Referral, ReferralSettings, Status

from .factories import World, build_world, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(bob: User, alice: User) -> World:
    return build_world(bob, alice)


def _page(world: World) -> str:
    return reverse("referrals:client", kwargs={"client_id": world.client.pk})


def _step(http: HttpClient, world: World, referral: Referral, name: str, **fields: str) -> object:
    referral.refresh_from_db()
    data = {"action": name, f"r{referral.pk}-{name}-version": str(referral.version)}
    data.update({f"r{referral.pk}-{name}-{key}": value for key, value in fields.items()})
    url = reverse(
        "referrals:step", kwargs={"client_id": world.client.pk, "referral_id": referral.pk}
    )
    return http.post(url, data)


def test_the_loop_closes_through_the_pages(world: World) -> None:
    gp, worker = HttpClient(), HttpClient()
    log_in(gp, world.gp)
    log_in(worker, world.worker)
    referral = refer(world)

    inbox = worker.get(reverse("referrals:inbox")).content.decode()
    assert world.client.full_name in inbox
    page = worker.get(_page(world)).content.decode()
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
    assert "Deze verwijzing accepteren" in page

    assert _step(worker, world, referral, "accept").status_code == 302  # type: ignore[attr-defined]
    today = timezone.localdate().isoformat()
    _step(
        worker,
        world,
        referral,
        "first_contact",
        contacted_on=today,
        feedback="Huisbezoek gehad; gaat naar de koffieochtend.",
    )
    referral.refresh_from_db()
    assert referral.status == Status.FIRST_CONTACT

    seen_by_gp = gp.get(_page(world)).content.decode()
    assert "Huisbezoek gehad; gaat naar de koffieochtend." in seen_by_gp
    assert "Binnen de termijn" in seen_by_gp
    assert world.gp.notifications.filter(url__contains=referral.anchor).count() == 2

    jobs.remind_follow_ups(timezone.now() + timedelta(days=92))
    follow_up = worker.get(_page(world)).content.decode()
    assert "Vraag hoe het gaat" in worker.get(reverse("referrals:inbox")).content.decode()
    assert "Hoe gaat het nu met de oudere?" in follow_up
    _step(
        worker, world, referral, "follow_up", outcome=FollowUpOutcome.BETTER, note="Gaat elke week."
    )
    referral.refresh_from_db()
    assert referral.follow_up_outcome == FollowUpOutcome.BETTER
    assert "Gaat elke week." in gp.get(_page(world)).content.decode()


def test_an_incomplete_step_form_shows_the_error_and_keeps_the_text(world: World) -> None:
    worker = HttpClient()
    log_in(worker, world.worker)
    referral = refer(world)
    worker.get(_page(world))
    _step(worker, world, referral, "accept")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _step(
        worker, world, referral, "first_contact", contacted_on=tomorrow, feedback="Gebeld."
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = worker.get(_page(world)).content.decode()
    assert "De datum van het eerste contact kan niet in de toekomst liggen." in page
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED
    response = _step(worker, world, referral, "cancel", reason="")
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Controleer wat u heeft ingevuld" in page


def test_the_page_of_a_client_writes_a_log_row_for_the_receiver(world: World) -> None:
    worker = HttpClient()
    log_in(worker, world.worker)
    refer(world)
    before = AccessLogEntry.objects.filter(user_id=world.worker.pk).count()
    assert worker.get(_page(world)).status_code == 200
    assert AccessLogEntry.objects.filter(user_id=world.worker.pk).count() > before


def test_the_coordinator_sets_the_networks_agreements(world: World, alice: User) -> None:
    coordinator = HttpClient()
    log_in(coordinator, alice)
    url = reverse("referrals:settings", kwargs={"slug": world.network.slug})
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(
        url,
        {
            "contact_organisation": world.team.pk,
            "contact_person": "",
            "first_contact_rule": "working_days",
            "first_contact_working_days": "3",
            "follow_up_days": "120",
        },
    )
    assert response.status_code == 302
    rules = ReferralSettings.objects.get(network=world.network)
    assert (rules.contact_organisation, rules.contact_person) == (world.team, None)
    assert (rules.first_contact_rule, rules.first_contact_working_days) == ("working_days", 3)
    assert rules.follow_up_days == 120


def test_the_point_of_contact_person_must_work_there(world: World, alice: User) -> None:
    coordinator = HttpClient()
    log_in(coordinator, alice)
    url = reverse("referrals:settings", kwargs={"slug": world.network.slug})
    response = coordinator.post(
        url,
        {
            "contact_organisation": world.team.pk,
            "contact_person": world.worker_person.pk,
            "first_contact_rule": "same_week",
            "first_contact_working_days": "5",
            "follow_up_days": "91",
        },
    )
    assert response.status_code == 200
    assert ReferralSettings.objects.get(network=world.network).contact_organisation == world.welfare


def test_only_a_coordinator_changes_the_agreements(world: World) -> None:
    worker = HttpClient()
    log_in(worker, world.worker)
    url = reverse("referrals:settings", kwargs={"slug": world.network.slug})
    assert worker.get(url).status_code == 404


def test_the_quick_form_finds_only_the_gps_own_older_people(world: World, charlie: User) -> None:
    gp = HttpClient()
    log_in(gp, world.gp)
    page = gp.get(reverse("referrals:find"), {"q": world.client.family_name}).content.decode()
    assert reverse("referrals:refer", kwargs={"client_id": world.client.pk}) in page
    from vangnet.clients.tests.factories import person_for

    person_for(charlie)
    stranger = HttpClient()
    log_in(stranger, charlie)
    page = stranger.get(reverse("referrals:find"), {"q": world.client.family_name}).content.decode()
    assert world.client.full_name not in page
    assert reverse("referrals:refer", kwargs={"client_id": world.client.pk}) not in page
