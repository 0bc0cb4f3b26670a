"""A small referral world: a GP practice, a welfare organisation as point of contact, people."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import ClientFactory, client_shared_with
from vangnet.conftest import make_user
from vangnet.directory.models import (
    Discipline,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Service,
    Tier,
)
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
)
from vangnet.referrals import actions
from vangnet.referrals.actions import Target
from vangnet.referrals.models import Category, ContactPreference, Referral, ReferralSettings


@dataclass
class World:
    network: Network
    practice: Organisation
    welfare: Organisation
    team: Organisation
    gp: User
    worker: User
    colleague: User
    worker_person: Person
    client: Client
    rules: ReferralSettings
    other_service: Service


def person_in(user: User, organisation: Organisation, discipline: str) -> Person:
    person: Person = PersonFactory.create(
        name=user.full_name, user=user, organisation=organisation, discipline=discipline
    )
    return person


def build_world(gp: User, coordinator: User | None = None) -> World:
    """``gp`` refers from a practice; two social workers receive at Welzijn Testdorp."""
    network: Network = NetworkFactory.create()
    practice: Organisation = OrganisationFactory.create(
        name="Huisartsenpraktijk Het Plein", type=OrganisationType.GP_PRACTICE
    )
    welfare: Organisation = OrganisationFactory.create(name="Welzijn Testdorp")
    team: Organisation = OrganisationFactory.create(
        name="Sociaal Wijkteam Noord", type=OrganisationType.NEIGHBOURHOOD_TEAM
    )
    for organisation in (practice, welfare, team):
        NetworkPartyFactory.create(network=network, organisation=organisation, tier=Tier.CORE_TEAM)
    person_in(gp, practice, Discipline.GP)
    worker = make_user("dana@example.org", "Dana Smit", Role.PROFESSIONAL)
    worker_person = person_in(worker, welfare, Discipline.SOCIAL_WORKER)
    colleague = make_user("erik@example.org", "Erik Mulder", Role.PROFESSIONAL)
    person_in(colleague, welfare, Discipline.WELFARE_COACH)
    if coordinator is not None:
        network.coordinator = person_in(coordinator, welfare, Discipline.NETWORK_COORDINATOR)
        network.save(update_fields=["coordinator"])
    rules = ReferralSettings.objects.create(
        network=network, contact_organisation=welfare, contact_person=worker_person
    )
    other_service: Service = ServiceFactory.create(organisation=team, name="Wijkteam-spreekuur")
    client = client_shared_with(gp)
    Client.objects.filter(pk=client.pk).update(network=network)
    client.refresh_from_db()
    return World(
        network=network,
        practice=practice,
        welfare=welfare,
        team=team,
        gp=gp,
        worker=worker,
        colleague=colleague,
        worker_person=worker_person,
        client=client,
        rules=rules,
        other_service=other_service,
    )


def refer(world: World, *, now: datetime | None = None, **overrides: Any) -> Referral:
    """A referral from the GP to the point of contact, made the way the form makes it."""
    target = Target.point_of_contact_of(world.rules)
    assert target is not None
    kwargs: dict[str, Any] = {
        "actor": Actor(world.gp),
        "client": world.client,
        "target": target,
        "reason": "Sinds overlijden partner veel alleen",
        "categories": [Category.SOCIAL],
        "contact_preference": ContactPreference.PHONE,
        "agreed": True,
        "now": now,
    }
    kwargs.update(overrides)
    return actions.referral_create(**kwargs)


def bring_to_first_contact(
    world: World, referral: Referral, *, contacted_on: date, now: datetime | None = None
) -> Referral:
    worker = Actor(world.worker)
    referral = actions.referral_receive(actor=worker, referral=referral, now=now)
    referral = actions.referral_accept(
        actor=worker, referral=referral, expected_version=referral.version, now=now
    )
    return actions.referral_record_first_contact(
        actor=worker,
        referral=referral,
        expected_version=referral.version,
        contacted_on=contacted_on,
        feedback="Huisbezoek gehad; gaat naar de koffieochtend.",
        now=now,
    )


def other_client_of(gp: User, network: Network) -> Client:
    client = client_shared_with(gp)
    Client.objects.filter(pk=client.pk).update(network=network)
    client.refresh_from_db()
    return client


__all__ = ["ClientFactory", "World", "bring_to_first_contact", "build_world", "refer"]
