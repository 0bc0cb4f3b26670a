"""The traces of collaboration Vangnet holds for a network, read in a fixed number of queries.

Four kinds of trace tie two organisations (or two professionals):

- a referral sent, and again when it is accepted: from the referring to the
  receiving side (directed);
- a signal passed on: from the professional who recorded it to the one it was
  passed on to (directed);
- an MDO both attended: every pair of participants of a held meeting (undirected);
- a shared care team: every pair of professionals in one older person's care
  team at some time in the period (undirected).

Only counts per pair leave this module; which older person a trace was about is
used to find pairs and then dropped.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from itertools import combinations

from django.utils import timezone

from vangnet.care.models import Meeting, MeetingStatus
from vangnet.clients.models import CareTeamMember
from vangnet.detection.models import Signal
from vangnet.directory.models import Network, NetworkParty, Organisation, Person
from vangnet.referrals.models import Referral


class TraceKind(StrEnum):
    REFERRAL_SENT = "referral_sent"
    REFERRAL_ACCEPTED = "referral_accepted"
    SIGNAL_ROUTED = "signal_routed"
    JOINT_MDO = "joint_mdo"
    CARE_TEAM = "care_team"


DIRECTED = frozenset(
    {TraceKind.REFERRAL_SENT, TraceKind.REFERRAL_ACCEPTED, TraceKind.SIGNAL_ROUTED}
)


class Level(StrEnum):
    ORGANISATIONS = "organisations"
    PROFESSIONALS = "professionals"


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` up to and including ``end``."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        end = date.fromordinal(self.start.toordinal() - 1)
        return Period(date.fromordinal(end.toordinal() - self.days + 1), end)

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(date.fromordinal(self.end.toordinal() + 1), time.min, tzinfo=zone),
        )


@dataclass(frozen=True, slots=True)
class Node:
    key: int
    name: str
    # the network's tier of the organisation ("core", "shell", "steering") or "" when not a party
    tier: str
    organisation: str = ""


@dataclass
class Traces:
    """Counts per ordered pair and kind; an undirected trace is stored once, smaller key first."""

    level: Level
    period: Period
    nodes: dict[int, Node]
    counts: dict[tuple[int, int], dict[TraceKind, int]] = field(default_factory=dict)

    def add(self, kind: TraceKind, source: int | None, target: int | None) -> None:
        if source is None or target is None or source == target:
            return
        if kind not in DIRECTED and source > target:
            source, target = target, source
        per_kind = self.counts.setdefault((source, target), defaultdict(int))
        per_kind[kind] += 1


def _pairs(groups: dict[int, set[int]]) -> Iterable[tuple[int, int]]:
    for members in groups.values():
        yield from combinations(sorted(members), 2)


def network_traces(network: Network, period: Period, level: Level) -> Traces:
    """The network's traces in ``period`` at the level of organisations or professionals."""
    start, end = period.bounds()
    people = level is Level.PROFESSIONALS
    suffix = "" if people else "__organisation"
    tiers = dict(
        NetworkParty.objects.filter(network=network).values_list("organisation_id", "tier")
    )
    found: list[tuple[TraceKind, int | None, int | None]] = []

    referral_from = "referrer" if people else "referring_organisation"
    referral_to = "receiving_person" if people else "receiving_organisation"
    for row in Referral.objects.filter(network=network, sent_at__gte=start, sent_at__lt=end).values(
        referral_from, referral_to, "accepted_at"
    ):
        found.append((TraceKind.REFERRAL_SENT, row[referral_from], row[referral_to]))
        if row["accepted_at"] is not None and row["accepted_at"] < end:
            found.append((TraceKind.REFERRAL_ACCEPTED, row[referral_from], row[referral_to]))

    for source, target in Signal.objects.filter(
        network=network, routed_at__gte=start, routed_at__lt=end
    ).values_list(f"created_by_person{suffix}", f"recipient{suffix}"):
        found.append((TraceKind.SIGNAL_ROUTED, source, target))

    attended: dict[int, set[int]] = defaultdict(set)
    for meeting, member in Meeting.participants.through.objects.filter(
        meeting__network=network,
        meeting__status=MeetingStatus.HELD,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
    ).values_list("meeting_id", f"person{suffix}"):
        attended[meeting].add(member)
    found += [(TraceKind.JOINT_MDO, a, b) for a, b in _pairs(attended)]

    teams: dict[int, set[int]] = defaultdict(set)
    for older, member in (
        CareTeamMember.objects.filter(client__network=network, since__lte=period.end)
        .exclude(until__lt=period.start)
        .values_list("client_id", f"person{suffix}")
    ):
        teams[older].add(member)
    found += [(TraceKind.CARE_TEAM, a, b) for a, b in _pairs(teams)]

    keys = {key for _, a, b in found for key in (a, b) if key is not None}
    if people:
        nodes = {
            p.pk: Node(p.pk, p.name, tiers.get(p.organisation_id, ""), p.organisation.name)
            for p in Person.objects.filter(pk__in=keys).select_related("organisation")
        }
    else:
        keys |= set(tiers)
        nodes = {
            pk: Node(pk, name, tiers.get(pk, ""))
            for pk, name in Organisation.objects.filter(pk__in=keys).values_list("pk", "name")
        }
    traces = Traces(level=level, period=period, nodes=nodes)
    for kind, source, target in found:
        traces.add(kind, source, target)
    return traces
