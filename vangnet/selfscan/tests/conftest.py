from dataclasses import dataclass

import pytest
from django.test import Client as HttpClient

from vangnet.accounts.models import Role, User
from vangnet.conftest import log_in, make_user
from vangnet.directory.models import Network, Organisation, Person, Tier
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
)


@dataclass
class Scan:
    """A network with one organisation per layer and a coordinator in the core team."""

    network: Network
    organisations: dict[str, Organisation]
    coordinator: User

    def member(self, name: str, tier: str = Tier.CORE_TEAM) -> User:
        email = name.split()[0].lower() + "@example.org"
        user = make_user(email, name, Role.PROFESSIONAL)
        PersonFactory(organisation=self.organisations[tier], user=user, name=name)
        return user


def as_user(user: User) -> HttpClient:
    http = HttpClient()
    log_in(http, user)
    return http


@pytest.fixture
def scan(alice: User) -> Scan:
    network: Network = NetworkFactory.create(name="Netwerk Vlietdal", slug="vlietdal")
    organisations: dict[str, Organisation] = {}
    for tier, name in (
        (Tier.STEERING_GROUP, "Gemeente Vlietdal"),
        (Tier.CORE_TEAM, "Welzijn Vlietdal"),
        (Tier.OUTER_SHELL, "Fysiotherapie Vlietdal"),
    ):
        organisation: Organisation = OrganisationFactory.create(name=name)
        NetworkPartyFactory(network=network, organisation=organisation, tier=tier)
        organisations[tier.value] = organisation
    person: Person = PersonFactory.create(
        organisation=organisations[Tier.CORE_TEAM], user=alice, name=alice.full_name
    )
    network.coordinator = person
    network.save(update_fields=["coordinator"])
    return Scan(network=network, organisations=organisations, coordinator=alice)
