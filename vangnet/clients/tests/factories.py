"""Test data for older people, their care teams and consents."""

from datetime import date

import factory

from vangnet.accounts.models import User
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Discipline, Person
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
