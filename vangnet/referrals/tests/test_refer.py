"""Refer in one minute: the form, the older person's agreement, and what one referral records."""

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import access_client
from vangnet.conftest import log_in
from vangnet.consent.models import Consent, DataCategory, Purpose, RecipientScope
from vangnet.notifications.models import Notification
from vangnet.referrals.actions import ConsentMissing, Target
from vangnet.referrals.models import Referral, ReferralEvent, Status
from vangnet.referrals.notifying import receivers_of

from .factories import World, build_world, refer

pytestmark = pytest.mark.django_db

AGREEMENT_NEEDED_NL = "Een warme verwijzing kan alleen als de oudere het goed vindt."


@pytest.fixture
def world(bob: User) -> World:
    return build_world(bob)


def _minimal_form(world: World, **extra: str) -> dict[str, str]:
    return {
        "to": "contact",
        "reason": "Sinds overlijden partner veel alleen, wil meer onder de mensen",
        "categories": "social",
        "agreed": "on",
        "contact_preference": "phone",
        **extra,
    }


def test_a_gp_refers_with_one_line_of_reason(client: HttpClient, world: World) -> None:
    log_in(client, world.gp)
    url = reverse("referrals:refer", kwargs={"client_id": world.client.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _minimal_form(world))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{referral.anchor}")
    assert (referral.status, referral.receiving_organisation) == (Status.SENT, world.welfare)
    assert referral.to_point_of_contact and referral.receiving_person == world.worker_person
    assert referral.referring_organisation == world.practice
    assert referral.reason.startswith("Sinds overlijden partner")


def test_the_form_refuses_without_the_older_persons_agreement(
    client: HttpClient, world: World
) -> None:
    log_in(client, world.gp)
    url = reverse("referrals:refer", kwargs={"client_id": world.client.pk})
    form = _minimal_form(world)
    del form["agreed"]
    consents_before = Consent.objects.count()
    response = client.post(url, form)
    page = response.content.decode()
    assert response.status_code == 200
    assert AGREEMENT_NEEDED_NL in page
    assert "Sinds overlijden partner veel alleen" in page  # what was typed stays
    assert not Referral.objects.exists()
    assert Consent.objects.count() == consents_before
    assert not AccessLogEntry.objects.filter(event=AuditEvent.CREATE).exists()


def test_the_action_refuses_without_agreement_too(world: World) -> None:
    with pytest.raises(ConsentMissing):
        refer(world, agreed=False)
    assert not Referral.objects.exists()


def test_agreeing_records_consent_for_the_receiver_and_for_hearing_back(world: World) -> None:
    referral = refer(world)
    assert referral.consent is not None
    given = referral.consent
    assert given.scope == RecipientScope.ORGANISATION
    assert given.recipient_organisation == world.welfare
    assert set(given.categories) == {DataCategory.IDENTITY, DataCategory.REFERRAL}
    assert given.purposes == [Purpose.REFERRAL]
    assert given.is_active and given.recorded_by == world.gp
    loop = Consent.objects.get(recipient_organisation=world.practice)
    assert (loop.categories, loop.purposes) == ([DataCategory.REFERRAL], [Purpose.REFERRAL])
    rows = AccessLogEntry.objects.filter(client_id=world.client.pk, event=AuditEvent.CREATE)
    objects = [o for row in rows for o in row.objects_involved]
    assert f"consent:{given.pk}" in objects and f"referral:{referral.pk}" in objects
    assert ReferralEvent.objects.get(referral=referral).to_status == Status.SENT


def test_the_referral_and_its_consent_are_one_atomic_action(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    consents_before = Consent.objects.count()
    log_before = AccessLogEntry.objects.count()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReferralEvent.objects, "create", broken)
    with pytest.raises(RuntimeError):
        refer(world)
    assert not Referral.objects.exists()
    assert Consent.objects.count() == consents_before
    assert AccessLogEntry.objects.count() == log_before


def test_the_receiver_is_told_without_any_detail_of_the_older_person(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        refer(world)
    notification = Notification.objects.get(recipient=world.worker)
    assert notification.url.startswith(f"/referrals/client/{world.client.pk}/")
    (email,) = mail.outbox
    for text in (notification.subject, notification.body, email.subject, email.body):
        for detail in (world.client.family_name, world.client.given_name, "overlijden"):
            assert detail not in text


def test_the_receiver_can_now_open_the_referral_but_not_the_rest(world: World) -> None:
    refer(world)
    actor = Actor(world.worker)
    opened = access_client(
        actor, world.client.pk, category=DataCategory.REFERRAL, purpose=Purpose.REFERRAL
    )
    assert opened == world.client
    from django.http import Http404

    with pytest.raises(Http404):
        access_client(
            actor, world.client.pk, category=DataCategory.SCREENING, purpose=Purpose.CARE_PLAN
        )


def test_referring_to_a_chosen_service_goes_to_its_organisation(
    client: HttpClient, world: World
) -> None:
    log_in(client, world.gp)
    url = reverse("referrals:refer", kwargs={"client_id": world.client.pk})
    page = client.get(url).content.decode()
    assert "Wijkteam-spreekuur" in page
    client.post(url, _minimal_form(world, to=f"service-{world.other_service.pk}"))
    referral = Referral.objects.get()
    assert (referral.receiving_organisation, referral.service) == (world.team, world.other_service)
    assert not referral.to_point_of_contact


def test_the_first_contact_term_skips_holidays(world: World) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # Thursday 23 April 2026 leaves one working day that week, so the Friday after;
    # King's Day, Monday 27 April, does not change that.
    referral = refer(world, now=datetime(2026, 4, 23, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert referral.first_contact_due_on.isoformat() == "2026-05-01"


def test_without_a_named_person_everyone_of_the_receiving_organisation_hears(
    world: World,
) -> None:
    from vangnet.accounts.models import Role
    from vangnet.conftest import make_user
    from vangnet.directory.models import Discipline

    from .factories import person_in

    coach = make_user("fleur@example.org", "Fleur Kok", Role.PROFESSIONAL)
    person_in(coach, world.team, Discipline.NEIGHBOURHOOD_COACH)
    coach_two = make_user("gijs@example.org", "Gijs Kok", Role.PROFESSIONAL)
    person_in(coach_two, world.team, Discipline.SOCIAL_WORKER)
    referral = refer(world, target=Target.for_service(world.other_service))
    assert referral.receiving_person is None
    assert set(receivers_of(referral)) == {coach, coach_two}
    assert Notification.objects.filter(recipient__in=[coach, coach_two]).count() == 2
    assert not Notification.objects.filter(recipient=world.worker).exists()
