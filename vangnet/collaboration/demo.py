"""Traces in the demo network that give its graph a clear broker and loosely tied parties.

Steunpunt Mantelzorg Vlietdal meets Welzijn Vlietdal in the neighbourhood's
MDOs, and each of a few small outer-shell organisations meets only the
Steunpunt: the Steunpunt becomes a broker, and those organisations are tied in
through it alone. One old tie between Welzijn Vlietdal and the Klussendienst,
from the year before, shows up as a tie that faded.
"""

from datetime import timedelta

from vangnet.care.models import Meeting, MeetingStatus
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Discipline, Network, Organisation, Person

BROKER = "Steunpunt Mantelzorg Vlietdal"
HUB = "Welzijn Vlietdal"
LEAVES = (
    "Vrijwilligerscentrale Vlietdal",
    "Klussendienst Vlietdal",
    "Thuisadministratie Vlietdal",
    "Buurthuis De Schakel",
)
FADED = ("Klussendienst Vlietdal", 420)


def _person(organisation: Organisation) -> Person:
    person = organisation.people.order_by("pk").first()
    if person is None:
        person = Person.objects.create(
            name=f"Contactpersoon {organisation.name}",
            discipline=Discipline.SOCIAL_WORKER,
            organisation=organisation,
        )
    return person


def _meeting(ctx: DemoContext, network: Network, people: list[Person], days_ago: int) -> None:
    meeting = Meeting.objects.create(
        network=network,
        starts_at=ctx.now - timedelta(days=days_ago),
        place="Wijkcentrum, zaal 2",
        organiser=people[0],
        status=MeetingStatus.HELD,
    )
    meeting.participants.set(people)


def build(ctx: DemoContext) -> None:
    network: Network | None = (
        ctx.shared.get("network") or Network.objects.filter(slug="demo").first()
    )
    if network is None:
        return
    names = (BROKER, HUB, *LEAVES)
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(network_parties__network=network, name__in=names)
    }
    if set(organisations) != set(names):
        return
    broker, hub = _person(organisations[BROKER]), _person(organisations[HUB])
    for days_ago in (20, 75, 130):
        _meeting(ctx, network, [broker, hub], days_ago)
    for number, name in enumerate(LEAVES):
        _meeting(ctx, network, [broker, _person(organisations[name])], 30 + 40 * number)
    leaf, days_ago = FADED
    _meeting(ctx, network, [hub, _person(organisations[leaf])], days_ago)
    ctx.shared["collaboration_broker"] = BROKER
