"""How services answer referrals in practice: hand-worked figures, the minimum, constant queries."""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.models import Service
from vangnet.directory.response_notes import response_notes
from vangnet.directory.tests.factories import ServiceFactory
from vangnet.referrals.models import ContactPreference, Referral, Status
from vangnet.referrals.response_figures import response_figures

from .factories import World, build_world

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
FRIDAY = datetime(2026, 6, 5, 10, 0, tzinfo=AMS)
TODAY = date(2026, 6, 30)


def _referral(world: World, service: Service | None, sent_at: datetime, **fields: Any) -> Referral:
    return Referral(
        client=world.client,
        network=world.network,
        referring_organisation=world.practice,
        receiving_organisation=service.organisation if service else world.welfare,
        service=service,
        reason="Veel alleen",
        contact_preference=ContactPreference.PHONE,
        sent_at=sent_at,
        first_contact_due_on=sent_at.date() + timedelta(days=7),
        **fields,
    )


def _contacted(world: World, service: Service, sent_at: datetime, on: date) -> Referral:
    return _referral(
        world,
        service,
        sent_at,
        status=Status.FIRST_CONTACT,
        accepted_at=sent_at + timedelta(hours=2),
        first_contact_on=on,
    )


def _ten_for(world: World, service: Service, *, sent_at: datetime = FRIDAY) -> list[Referral]:
    """Eight first contacts, one accepted and waiting for contact, one declined."""
    sent_on = sent_at.date()
    # Working days after a Friday: Monday 1, Tuesday 2, Wednesday 3, Thursday 4, Friday 5.
    offsets = [3, 3, 4, 4, 4, 5, 6, 7]  # calendar days: Mon, Mon, Tue, Tue, Tue, Wed, Thu, Fri
    referrals = [_contacted(world, service, sent_at, sent_on + timedelta(days=d)) for d in offsets]
    referrals.append(
        _referral(
            world,
            service,
            sent_at,
            status=Status.ACCEPTED,
            accepted_at=sent_at + timedelta(hours=3),
        )
    )
    referrals.append(_referral(world, service, sent_at, status=Status.DECLINED, ended_at=sent_at))
    return referrals


@pytest.fixture
def world(alice: User) -> World:
    return build_world(alice)


@pytest.fixture
def service(world: World) -> Service:
    found: Service = ServiceFactory.create(organisation=world.welfare, name="Maatjesproject")
    return found


def test_ten_referrals_give_the_median_in_working_days_across_the_weekend(
    world: World, service: Service
) -> None:
    other: Service = ServiceFactory.create(organisation=world.welfare, name="Koffieochtend")
    Referral.objects.bulk_create(
        [
            *_ten_for(world, service),
            # Still waiting for an answer: counts in neither.
            _referral(world, service, FRIDAY, status=Status.RECEIVED),
            # Older than twelve months: left out.
            _contacted(world, service, FRIDAY - timedelta(days=400), date(2025, 5, 5)),
            # Another service of the same organisation, redirected before anyone accepted it.
            _referral(world, other, FRIDAY, status=Status.REDIRECTED, ended_at=FRIDAY),
        ]
    )

    by_service, by_organisation = response_figures([service.pk], [world.welfare.pk], today=TODAY)

    figures = by_service[service.pk]
    # Working days 1, 1, 2, 2, 2, 3, 4, 5: the middle two are 2 and 2 (calendar days: 4).
    assert sorted(figures.contact_days) == [1, 1, 2, 2, 2, 3, 4, 5]
    assert figures.median_working_days == 2
    assert (figures.picked_up, figures.counted, figures.enough) == (9, 10, True)
    organisation = by_organisation[world.welfare.pk]
    assert (organisation.picked_up, organisation.counted) == (9, 11)
    with override("nl"):
        assert (
            figures.line()
            == "Reageert meestal binnen 2 werkdagen · 9 van de 10 verwijzingen opgepakt"
        )
    with override("en"):
        assert (
            figures.line() == "Usually responds within 2 working days · 9 of 10 referrals picked up"
        )


def test_one_working_day_is_singular(world: World, service: Service) -> None:
    monday = FRIDAY + timedelta(days=3)
    Referral.objects.bulk_create(
        [_contacted(world, service, monday, monday.date() + timedelta(days=1)) for _ in range(10)]
    )
    figures = response_figures([service.pk], [], today=TODAY)[0][service.pk]
    with override("nl"):
        assert (
            figures.line()
            == "Reageert meestal binnen 1 werkdag · 10 van de 10 verwijzingen opgepakt"
        )


def _recent(world: World, service: Service) -> list[Referral]:
    sent_at = timezone.now() - timedelta(days=30)
    return _ten_for(world, service, sent_at=sent_at)


def test_the_service_page_shows_the_line_with_ten_referrals(
    client: HttpClient, alice: User, world: World, service: Service
) -> None:
    Referral.objects.bulk_create(_recent(world, service))
    log_in(client, alice)
    page = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()
    assert "9 van de 10 verwijzingen opgepakt" in page
    organisation_page = client.get(
        reverse("directory:organisation_detail", args=[world.welfare.pk])
    ).content.decode()
    assert organisation_page.count("9 van de 10 verwijzingen opgepakt") == 2  # itself, the service
    public = client.get(reverse("directory:public_map", args=[world.network.slug]))
    assert "9 van de 10 verwijzingen opgepakt" in public.content.decode()


def test_nine_referrals_say_nothing(
    client: HttpClient, alice: User, world: World, service: Service
) -> None:
    Referral.objects.bulk_create(_recent(world, service)[:9])
    assert response_notes(services=[service.pk], organisations=[world.welfare.pk]).services == {}
    log_in(client, alice)
    for page in (
        client.get(reverse("directory:service_detail", args=[service.pk])),
        client.get(reverse("directory:organisation_detail", args=[world.welfare.pk])),
        client.get(reverse("directory:public_map", args=[world.network.slug])),
        client.get(reverse("directory:search"), {"q": "Maatjesproject"}),
    ):
        text = page.content.decode()
        assert "verwijzingen opgepakt" not in text
        assert "Reageert meestal" not in text


def test_the_search_asks_once_for_all_services_shown(
    client: HttpClient, alice: User, world: World, django_assert_num_queries: Any
) -> None:
    log_in(client, alice)
    url = reverse("directory:search")
    first: Service = ServiceFactory.create(organisation=world.welfare, name="Buurtmaatje 1")
    Referral.objects.bulk_create(_recent(world, first))
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, {"q": "Buurtmaatje"})
    assert response.content.decode().count("verwijzingen opgepakt") == 1
    for n in range(2, 6):
        more: Service = ServiceFactory.create(organisation=world.welfare, name=f"Buurtmaatje {n}")
        Referral.objects.bulk_create(_recent(world, more) + _recent(world, more))
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, {"q": "Buurtmaatje"})
    assert response.content.decode().count("verwijzingen opgepakt") == 5
