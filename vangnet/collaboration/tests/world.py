"""A network of five organisations whose graph is worked out by hand.

Alpha (core team) and Beta (core team) refer to each other, Beta passes a signal
on to Gamma (outer shell), Gamma meets Delta (outer shell) in an MDO and shares a
care team with Epsilon (steering group):

    Alpha ==== Beta ---- Gamma ---- Delta
                           |
                        Epsilon

Traces: Alpha -> Beta two referrals sent, one accepted (3); Beta -> Alpha one
referral sent (1); Beta -> Gamma one signal passed on (1); Gamma - Delta one MDO
(1); Gamma - Epsilon one shared care team (1).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from vangnet.care.models import Meeting, MeetingStatus
from vangnet.clients.models import CareTeamMember
from vangnet.clients.tests.factories import ClientFactory
from vangnet.detection.tests.factories import SignalFactory
from vangnet.directory.models import Network, Organisation, Person, Tier
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
)
from vangnet.referrals.models import Category, ContactPreference, Referral


@dataclass
class Five:
    network: Network
    orgs: dict[str, Organisation]
    people: dict[str, Person]


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def referral(
    network: Network, sender: Person, receiver: Person, on: date, *, accepted: bool
) -> Referral:
    return Referral.objects.create(
        client=ClientFactory.create(network=network),
        network=network,
        referring_organisation=sender.organisation,
        referrer=sender,
        receiving_organisation=receiver.organisation,
        receiving_person=receiver,
        reason="Hulp bij de administratie",
        categories=[Category.values[0]],
        contact_preference=ContactPreference.values[0],
        sent_at=moment(on),
        accepted_at=moment(on) + timedelta(hours=2) if accepted else None,
        first_contact_due_on=on + timedelta(days=5),
    )


def signal(network: Network, sender: Person, receiver: Person, on: date) -> None:
    SignalFactory.create(
        network=network, created_by_person=sender, recipient=receiver, routed_at=moment(on)
    )


def mdo(network: Network, people: list[Person], on: date) -> None:
    meeting = Meeting.objects.create(
        network=network, starts_at=moment(on), status=MeetingStatus.HELD
    )
    meeting.participants.set(people)


def care_team(network: Network, people: list[Person], on: date) -> None:
    older = ClientFactory.create(network=network)
    for person in people:
        CareTeamMember.objects.create(client=older, person=person, since=on)


def five(on: date, network: Network | None = None) -> Five:
    network = network or NetworkFactory.create()
    tiers = {
        "Alpha": Tier.CORE_TEAM,
        "Beta": Tier.CORE_TEAM,
        "Gamma": Tier.OUTER_SHELL,
        "Delta": Tier.OUTER_SHELL,
        "Epsilon": Tier.STEERING_GROUP,
    }
    orgs = {name: OrganisationFactory.create(name=name) for name in tiers}
    for name, tier in tiers.items():
        NetworkPartyFactory.create(network=network, organisation=orgs[name], tier=tier)
    people = {
        name: PersonFactory.create(name=f"{name}-medewerker", organisation=orgs[name])
        for name in tiers
    }
    p = people
    referral(network, p["Alpha"], p["Beta"], on, accepted=True)
    referral(network, p["Alpha"], p["Beta"], on, accepted=False)
    referral(network, p["Beta"], p["Alpha"], on, accepted=False)
    signal(network, p["Beta"], p["Gamma"], on)
    mdo(network, [p["Gamma"], p["Delta"]], on)
    care_team(network, [p["Gamma"], p["Epsilon"]], on)
    return Five(network, orgs, people)
