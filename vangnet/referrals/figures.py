"""Does the route work? Referral figures per network and per referring organisation.

No individual appears: the rows read here carry no name, and every figure based
on fewer than ``MIN_CELL`` referrals is suppressed. A redirect does not count as
a new referral: the older person's journey counts once, from the first sending
to the first contact anywhere in the chain.

Percentiles use linear interpolation between the closest ranks (Hyndman and
Fan's definition 7; the same as PostgreSQL's ``percentile_cont`` and the
default of NumPy and R): for sorted values x[0..n-1] and fraction p, take
position h = (n - 1) * p and return x[⌊h⌋] + (h - ⌊h⌋) * (x[⌊h⌋ + 1] - x[⌊h⌋]).
"""

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.directory.models import Network, Organisation
from vangnet.referrals.models import FollowUpOutcome, Referral

MIN_CELL = 5


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` percentile of ``values`` by linear interpolation (definition 7)."""
    if not values:
        raise ValueError("no values")
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must lie between 0 and 1")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


@dataclass(frozen=True)
class Journey:
    """One older person's referral, redirects included. Holds no personal details."""

    organisation_id: int
    sent_on: date
    accepted: bool
    days_to_first_contact: int | None
    in_time: bool | None
    feedback: bool
    outcome: str


@dataclass(frozen=True)
class Figures:
    """The figures for one group; ``None`` where a figure is suppressed or has no data."""

    label: str
    referrals: int
    suppressed: bool
    accepted_share: float | None = None
    with_first_contact: int | None = None
    median_days: float | None = None
    p90_days: float | None = None
    in_time_share: float | None = None
    feedback_share: float | None = None
    followed_up: int | None = None
    outcomes: list[tuple[str, int | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    network: Network
    since: date
    until: date
    total: Figures
    by_organisation: list[Figures]


class _Row(NamedTuple):
    pk: int
    origin_id: int | None
    referring_organisation_id: int
    sent_at: datetime
    first_contact_due_on: date
    accepted_at: datetime | None
    first_contact_on: date | None
    feedback_at: datetime | None
    follow_up_outcome: str
    follow_up_recorded_at: datetime | None


def journeys(network: Network, *, since: datetime) -> list[Journey]:
    """The journeys that started in the period, from one query over minimal columns."""
    rows = (
        Referral.objects.filter(network=network)
        .filter(Q(origin__isnull=True, sent_at__gte=since) | Q(origin__sent_at__gte=since))
        .order_by("pk")
        .values_list(*_Row._fields)
    )
    chains: dict[int, list[_Row]] = defaultdict(list)
    for values in rows:
        row = _Row(*values)
        chains[row.origin_id or row.pk].append(row)
    result = []
    for root_id, chain in chains.items():
        root = next((r for r in chain if r.pk == root_id), None)
        if root is None:
            continue  # The chain started before the period.
        sent_on = timezone.localdate(root.sent_at)
        contacts = [r.first_contact_on for r in chain if r.first_contact_on is not None]
        first_contact = min(contacts) if contacts else None
        recorded = [r for r in chain if r.follow_up_recorded_at is not None]
        latest = max(recorded, key=lambda r: r.follow_up_recorded_at or root.sent_at, default=None)
        result.append(
            Journey(
                organisation_id=root.referring_organisation_id,
                sent_on=sent_on,
                accepted=any(r.accepted_at is not None for r in chain),
                days_to_first_contact=(first_contact - sent_on).days if first_contact else None,
                in_time=(first_contact <= root.first_contact_due_on) if first_contact else None,
                feedback=any(r.feedback_at is not None for r in chain),
                outcome=latest.follow_up_outcome if latest else "",
            )
        )
    return result


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _outcome_cells(counts: dict[str, int]) -> list[tuple[str, int | None]]:
    """Outcome counts with small ones hidden, and one more hidden if a single one could be
    worked out from the total."""
    cells: dict[str, int | None] = {
        value: (None if 0 < counts.get(value, 0) < MIN_CELL else counts.get(value, 0))
        for value in FollowUpOutcome.values
    }
    hidden = [v for v, c in cells.items() if c is None]
    if len(hidden) == 1:
        shown = [(c, v) for v, c in cells.items() if c]
        if shown:
            cells[min(shown)[1]] = None
    labels = dict(FollowUpOutcome.choices)
    return [(str(labels[value]), cells[value]) for value in FollowUpOutcome.values]


def figures_for(label: str, group: Sequence[Journey]) -> Figures:
    """Figures for one group of journeys, suppressed below ``MIN_CELL`` referrals."""
    n = len(group)
    if n < MIN_CELL:
        return Figures(label=label, referrals=n, suppressed=True)
    contacted = [j for j in group if j.days_to_first_contact is not None]
    days = [float(j.days_to_first_contact or 0) for j in contacted]
    enough_contacts = len(days) >= MIN_CELL
    followed = [j.outcome for j in group if j.outcome]
    counts: dict[str, int] = defaultdict(int)
    for outcome in followed:
        counts[outcome] += 1
    enough_follow_ups = len(followed) >= MIN_CELL
    return Figures(
        label=label,
        referrals=n,
        suppressed=False,
        accepted_share=_share(sum(j.accepted for j in group), n),
        with_first_contact=len(days),
        median_days=percentile(days, 0.5) if enough_contacts else None,
        p90_days=percentile(days, 0.9) if enough_contacts else None,
        in_time_share=(
            _share(sum(bool(j.in_time) for j in contacted), len(contacted))
            if enough_contacts
            else None
        ),
        feedback_share=_share(sum(j.feedback for j in group), n),
        followed_up=len(followed) if enough_follow_ups else None,
        outcomes=_outcome_cells(counts) if enough_follow_ups else [],
    )


def network_report(network: Network, *, months: int, now: datetime | None = None) -> Report:
    """The network's figures over the last ``months``, in total and per referring organisation.

    Two queries, however many referrals there are. Organisations with fewer than
    ``MIN_CELL`` referrals are pooled into one unnamed row.
    """
    moment = now or timezone.now()
    since = moment - timedelta(days=round(months * 365.25 / 12))
    all_journeys = journeys(network, since=since)
    groups: dict[int, list[Journey]] = defaultdict(list)
    for journey in all_journeys:
        groups[journey.organisation_id].append(journey)
    names = dict(Organisation.objects.filter(pk__in=groups).values_list("pk", "name"))
    by_organisation = []
    pooled: list[Journey] = []
    for organisation_id, group in sorted(groups.items(), key=lambda g: names.get(g[0], "")):
        if len(group) < MIN_CELL:
            pooled.extend(group)
        else:
            by_organisation.append(figures_for(names.get(organisation_id, "?"), group))
    if pooled:
        by_organisation.append(
            figures_for(_("Other organisations (fewer than 5 referrals each)"), pooled)
        )
    return Report(
        network=network,
        since=timezone.localdate(since),
        until=timezone.localdate(moment),
        total=figures_for(network.name, all_journeys),
        by_organisation=by_organisation,
    )
