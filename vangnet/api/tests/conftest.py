"""A small network on the social map, with one person who agreed to show private details."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from vangnet.directory.models import AreaLevel, Discipline, Domain, Network, PathwayStep
from vangnet.directory.tests.factories import (
    AreaFactory,
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    StepAssignmentFactory,
    area_tree,
)

HIDDEN_PHONE = "0611112222"
HIDDEN_EMAIL = "verborgen@prive.example"
SHOWN_PHONE = "0633334444"


@pytest.fixture
def network(db: None) -> Network:
    municipality, _district, neighbourhood = area_tree()
    network: Network = NetworkFactory.create()
    network.areas.add(neighbourhood)
    elsewhere = AreaFactory.create(code="GM0888", name="Elders", level=AreaLevel.MUNICIPALITY)

    practice = OrganisationFactory.create(
        name="Huisartsenpraktijk De Linde", domain=Domain.MEDICAL, email="balie@linde.example"
    )
    practice.areas.add(municipality)
    welfare = OrganisationFactory.create(name="Welzijn Testdorp")
    NetworkPartyFactory.create(network=network, organisation=welfare)
    outsider = OrganisationFactory.create(name="Ver Weg Zorg")
    outsider.areas.add(elsewhere)

    PersonFactory.create(
        name="Petra Privé",
        organisation=welfare,
        private_phone=HIDDEN_PHONE,
        private_email=HIDDEN_EMAIL,
        show_private_contact=False,
    )
    shown = PersonFactory.create(
        name="Sjaak Open",
        discipline=Discipline.GP,
        organisation=practice,
        private_phone=SHOWN_PHONE,
        show_private_contact=True,
    )
    ServiceFactory.create(
        name="Spreekuur ouderen",
        organisation=practice,
        contact=shown,
        referral_required=True,
        waiting_days=5,
        cost_type="insured",
    ).areas.add(neighbourhood)
    ServiceFactory.create(name="Koffieochtend", organisation=welfare)
    ServiceFactory.create(name="Alleen elders", organisation=welfare).areas.add(elsewhere)
    ServiceFactory.create(name="Ver weg aanbod", organisation=outsider)
    old = ServiceFactory.create(name="Oude boodschappendienst", organisation=welfare)
    type(old).objects.filter(pk=old.pk).update(
        last_confirmed_at=timezone.now() - timedelta(days=3 * 365)
    )

    for org in (practice, welfare):
        StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING, organisation=org)
    StepAssignmentFactory.create(
        network=network, step=PathwayStep.CONVERSATION, organisation=welfare, phone="0207654321"
    )
    return network


def grow(network: Network, extra: int) -> None:
    """More entries of every kind in the same network, to show query counts stay flat."""
    for i in range(extra):
        org = OrganisationFactory.create(name=f"Extra {i}")
        NetworkPartyFactory.create(network=network, organisation=org)
        person = PersonFactory.create(organisation=org, private_phone=HIDDEN_PHONE)
        service = ServiceFactory.create(organisation=org, contact=person)
        service.areas.add(*network.areas.all())
        StepAssignmentFactory.create(network=network, step=PathwayStep.PLAN, organisation=org)


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [row["name"] for row in rows]
