"""The receiving organisation sees the agreed minimum unless the consent names more.

Movisie (seed 004), WELzijn voor Elkaar Houten: the referrer sends "alleen de
NAWgegevens en in één regel de reden van verwijzing".
"""

from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.clients.models import Client, InformalCarer
from vangnet.conftest import log_in
from vangnet.consent.actions import ConsentTerms, consent_record
from vangnet.consent.models import (
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)

from .factories import World, build_world, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(bob: User, alice: User) -> World:
    world = build_world(bob, alice)
    Client.objects.filter(pk=world.client.pk).update(
        phone="030-1234567", date_of_birth=date(1940, 1, 15)
    )
    world.client.refresh_from_db()
    InformalCarer.objects.create(
        client=world.client,
        name="Karin Mantelzorg",
        relation="dochter",
        phone="06-87654321",
        is_primary=True,
    )
    refer(world, reason="Veel alleen sinds de verhuizing")
    return world


def _page(world: World) -> str:
    worker = HttpClient()
    log_in(worker, world.worker)
    url = reverse("referrals:client", kwargs={"client_id": world.client.pk})
    response = worker.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_receiver_sees_name_address_phone_and_the_reason_only(world: World) -> None:
    page = _page(world)
    client = world.client
    for shown in (client.full_name, client.street, client.postcode, "030-1234567"):
        assert shown in page
    assert "Veel alleen sinds de verhuizing" in page
    assert "Karin Mantelzorg" not in page
    assert "06-87654321" not in page
    assert f"{client.age} jaar" not in page
    assert "niets meer" in page


def test_with_a_wider_consent_the_receiver_sees_age_and_the_main_carer(world: World) -> None:
    consent_record(
        actor=Actor(world.gp),
        client_id=world.client.pk,
        terms=ConsentTerms(
            categories=[DataCategory.IDENTITY],
            purposes=[Purpose.CARE_PLAN],
            scope=RecipientScope.ORGANISATION,
            recipient_organisation=world.welfare,
            given_by=GivenBy.CLIENT,
            method=ConsentMethod.SPOKEN,
        ),
    )
    page = _page(world)
    assert "Karin Mantelzorg" in page and "06-87654321" in page
    assert f"{world.client.age} jaar" in page
    assert "niets meer" not in page


def test_the_referrer_in_the_care_team_still_sees_the_carer(world: World) -> None:
    gp = HttpClient()
    log_in(gp, world.gp)
    url = reverse("referrals:client", kwargs={"client_id": world.client.pk})
    assert "Karin Mantelzorg" in gp.get(url).content.decode()
