"""A small network with a worked quarter (2026Q3), each figure counted by hand in the tests.

``build(copies=n)`` makes the same people and events ``n`` times, so a test can
compare the number of queries for a small and a larger network.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from vangnet.care.models import Evaluation, Meeting, MeetingStatus, Plan
from vangnet.casefinding.models import CaseFindingRun
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import ClientFactory
from vangnet.consent.models import Consent
from vangnet.detection.models import Signal
from vangnet.detection.tests.factories import SignalFactory
from vangnet.directory.models import Area, AreaLevel, Network, Organisation, OrganisationType, Tier
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
)
from vangnet.monitoring.quarters import Quarter
from vangnet.referrals.models import Category, Referral
from vangnet.screening.models import AdministrationMode, ProfileChange, RiskProfile, Screening

Q3 = Quarter(2026, 3)


def at(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12))


@dataclass
class World:
    network: Network
    north: Area
    south: Area
    practice: Organisation
    welfare: Organisation


def make_world() -> World:
    network: Network = NetworkFactory.create(name="Netwerk Testwijk", slug="test")
    north = Area.objects.create(code="BU0001", name="Noord", level=AreaLevel.NEIGHBOURHOOD)
    south = Area.objects.create(code="BU0002", name="Zuid", level=AreaLevel.NEIGHBOURHOOD)
    network.areas.set([north, south])
    practice: Organisation = OrganisationFactory.create(
        name="Huisartsenpraktijk Het Plein", type=OrganisationType.GP_PRACTICE
    )
    welfare: Organisation = OrganisationFactory.create(name="Welzijn Testwijk")
    NetworkPartyFactory.create(network=network, organisation=practice, tier=Tier.CORE_TEAM)
    NetworkPartyFactory.create(network=network, organisation=welfare, tier=Tier.CORE_TEAM)
    for reference, aged in (
        (date(2026, 1, 15), 40),
        (date(2026, 8, 1), 50),
        (date(2026, 11, 1), 99),
    ):
        CaseFindingRun.objects.create(
            organisation=practice,
            reference_date=reference,
            patients_total=aged * 5,
            patients_aged=aged,
            patients_excluded=0,
            patients_listed=aged // 2,
            result="",
        )
    return World(network, north, south, practice, welfare)


def _client(world: World, area: Area | None, *, registered: datetime, born: date) -> Client:
    client: Client = ClientFactory.create(
        network=world.network,
        neighbourhood=area,
        gp_practice=world.practice,
        registered_at=registered,
        date_of_birth=born,
    )
    return client


def _profile(cause: Screening, profile: str, on: datetime) -> None:
    ProfileChange.objects.create(client=cause.client, cause=cause, profile=profile, changed_at=on)


def _screening(client: Client, mode: str, on: datetime) -> Screening:
    return Screening.objects.create(
        client=client,
        instrument="gfi",
        instrument_version="1",
        definition="GFI",
        score=5,
        max_score=15,
        cutoff=4,
        positive=True,
        result={},
        response={},
        mode=mode,
        administered_by_name="Bob Jansen",
        completed_at=on,
    )


def _consent(client: Client, **dates: object) -> None:
    Consent.objects.create(
        client=client,
        categories=["identity"],
        purposes=["referral"],
        scope="care_team",
        given_by="client",
        method="spoken",
        **dates,
    )


def _referral(world: World, client: Client, sent: datetime, **extra: object) -> Referral:
    referral: Referral = Referral.objects.create(
        client=client,
        network=world.network,
        referring_organisation=world.practice,
        receiving_organisation=world.welfare,
        reason="Eenzaam sinds het overlijden van haar man.",
        categories=[Category.SOCIAL],
        sent_at=sent,
        first_contact_due_on=sent.date(),
        **extra,
    )
    return referral


def _plan(client: Client, evaluate_on: date | None) -> Plan:
    plan: Plan = Plan.objects.create(client=client, evaluate_on=evaluate_on)
    return plan


def _signal(world: World, **fields: object) -> Signal:
    signal: Signal = SignalFactory.create(network=world.network, **fields)
    return signal


def add_people(world: World) -> None:
    """Six older people, their traces and the quarter's events (the tests count them by hand)."""
    north, south = world.north, world.south
    may = at(2026, 5, 1)
    c1 = _client(world, north, registered=may, born=date(1940, 3, 14))
    c2 = _client(world, north, registered=may, born=date(1940, 3, 14))
    c3 = _client(world, south, registered=may, born=date(1940, 3, 14))
    c4 = _client(world, south, registered=may, born=date(1940, 3, 14))
    c5 = _client(world, None, registered=may, born=date(1955, 3, 14))
    _client(world, north, registered=at(2026, 10, 10), born=date(1940, 3, 14))

    _signal(world, client=c1, received_at=at(2026, 4, 20), due_at=at(2026, 4, 27))
    first = _screening(c1, AdministrationMode.PROFESSIONAL, at(2026, 5, 10))
    _profile(first, RiskProfile.FRAIL, at(2026, 6, 1))
    second = _screening(c2, AdministrationMode.PROFESSIONAL, at(2026, 7, 20))
    _profile(second, RiskProfile.ROBUST, at(2026, 7, 20))
    _profile(second, RiskProfile.COMPLEX, at(2026, 8, 1))
    third = _screening(c3, AdministrationMode.SELF, at(2026, 6, 15))
    _profile(third, RiskProfile.ROBUST, at(2026, 7, 1))
    fifth = _screening(c5, AdministrationMode.PROFESSIONAL, at(2026, 7, 10))
    _profile(fifth, RiskProfile.COMPLEX, at(2026, 10, 5))

    _consent(c1, given_on=date(2026, 5, 1))
    _consent(c3, given_on=date(2026, 6, 1), revoked_at=at(2026, 9, 15))
    _consent(c4, given_on=date(2026, 5, 1), valid_until=date(2026, 12, 31))
    _consent(c5, given_on=date(2026, 5, 1))

    # Signals of the quarter: one in time, two not; one of June 30 falls outside.
    _signal(
        world,
        subject_neighbourhood=north,
        received_at=at(2026, 7, 1),
        due_at=at(2026, 7, 8),
        picked_up_at=at(2026, 7, 3),
    )
    _signal(
        world,
        client=c2,
        received_at=at(2026, 8, 1),
        due_at=at(2026, 8, 8),
        picked_up_at=at(2026, 8, 12),
    )
    _signal(world, received_at=at(2026, 9, 1), due_at=at(2026, 9, 8))
    _signal(world, subject_neighbourhood=south, received_at=at(2026, 6, 30), due_at=at(2026, 7, 7))

    sent = _referral(
        world, c2, at(2026, 7, 5), feedback_at=at(2026, 7, 9), first_contact_on=date(2026, 7, 8)
    )
    _referral(world, c2, at(2026, 7, 6), origin=sent)
    _referral(world, c3, at(2026, 8, 10), first_contact_on=date(2026, 8, 20))
    _referral(world, c1, at(2026, 9, 1), feedback_at=at(2026, 9, 3))
    _referral(world, c1, at(2026, 9, 10), first_contact_on=date(2026, 9, 15))

    for starts, status in (
        (at(2026, 7, 14), MeetingStatus.HELD),
        (at(2026, 9, 8), MeetingStatus.HELD),
        (at(2026, 9, 22), MeetingStatus.PLANNED),
        (at(2026, 6, 9), MeetingStatus.HELD),
    ):
        Meeting.objects.create(network=world.network, starts_at=starts, status=status)

    Evaluation.objects.create(
        plan=_plan(c1, None), held_on=date(2026, 7, 30), due_on=date(2026, 8, 1)
    )
    Evaluation.objects.create(
        plan=_plan(c2, None), held_on=date(2026, 9, 10), due_on=date(2026, 9, 1)
    )
    _plan(c3, date(2026, 9, 20))
    _plan(c4, date(2027, 1, 10))


def build(copies: int = 1) -> World:
    world = make_world()
    for _copy in range(copies):
        add_people(world)
    return world
