"""Test data for older people, their care teams and consents."""

from datetime import date

import factory

from vangnet.accounts.models import User
from vangnet.clients.emergency import EmergencyIdentity
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Discipline, Network, NetworkParty, Person, Tier
from vangnet.directory.tests.factories import NetworkFactory, PersonFactory


class ClientFactory(factory.django.DjangoModelFactory[Client]):
    class Meta:
        model = Client

    given_name = "Maria"
    family_name = factory.Sequence(lambda n: f"Visser-{n}")
    date_of_birth = date(1940, 3, 14)
    street = "Lindelaan 12"
    postcode = "9999 AB"
    city = "Testdorp"
    phone = "0612345678"
    network = factory.SubFactory(NetworkFactory)


def person_for(user: User, discipline: str = Discipline.DISTRICT_NURSE) -> Person:
    """Give an account its place on the social map."""
    existing = Person.objects.filter(user=user).first()
    if existing:
        return existing
    person: Person = PersonFactory.create(name=user.full_name, user=user, discipline=discipline)
    return person


def in_care_team(client: Client, user: User) -> CareTeamMember:
    member: CareTeamMember = CareTeamMember.objects.create(
        client=client, person=person_for(user), role="wijkverpleegkundige"
    )
    return member


def consent_for_care_team(
    client: Client,
    categories: list[str] | None = None,
    purposes: list[str] | None = None,
) -> Consent:
    consent: Consent = Consent.objects.create(
        client=client,
        categories=categories or list(DataCategory.values),
        purposes=purposes or list(Purpose.values),
        scope=RecipientScope.CARE_TEAM,
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.SPOKEN,
    )
    return consent


def client_shared_with(*users: User) -> Client:
    """An older person whose care team holds ``users`` and who agreed to share everything."""
    client: Client = ClientFactory.create()
    for user in users:
        in_care_team(client, user)
    consent_for_care_team(client)
    return client


def a_bsn(seed: int) -> str:
    """A made-up number that passes the eleven-test, different for each seed."""
    base = 10_000_000 + seed * 97
    while True:
        digits = f"{base:08d}"
        check = sum((9 - i) * int(d) for i, d in enumerate(digits)) % 11
        if check < 10:
            return f"{digits}{check}"
        base += 1


def in_network(user: User, network: Network, discipline: str = Discipline.DISTRICT_NURSE) -> Person:
    """Give an account a place on the social map, at an organisation taking part in ``network``."""
    person = person_for(user, discipline)
    NetworkParty.objects.get_or_create(
        network=network, organisation=person.organisation, defaults={"tier": Tier.CORE_TEAM}
    )
    return person


def coordinating(user: User, network: Network) -> Person:
    """Make ``user`` the coordinator of ``network`` on the social map."""
    person = person_for(user, Discipline.NETWORK_COORDINATOR)
    network.coordinator = person
    network.save(update_fields=["coordinator"])
    return person


def identity_of(client: Client) -> EmergencyIdentity:
    """What a professional types to find ``client`` by BSN and date of birth."""
    return EmergencyIdentity(date_of_birth=client.date_of_birth, bsn=client.bsn)
