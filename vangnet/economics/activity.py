"""What the network did in a period, counted per activity and per organisation, from Vangnet.

Only counts leave these queries: no name, no id of an older person. Each activity
is one grouped query, so the number of queries does not grow with the data.
Counts below a case's threshold are shown as "< N" (``shown_count``), and the
calculation then uses N itself, so a small group cannot be read back from the money.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.care.models import (
    Analysis,
    Conversation,
    Evaluation,
    Meeting,
    MeetingStatus,
    PlanVersion,
)
from vangnet.clients.models import ContactPerson
from vangnet.detection.models import Signal, SignalStatus
from vangnet.directory.models import Network
from vangnet.economics.models import CostCategory
from vangnet.referrals.models import Referral


@dataclass(frozen=True)
class Period:
    network: Network
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def before(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


type Rows = QuerySet[Any, Any]
type Counter = Callable[[Period], Rows]


def _signals(period: Period) -> Rows:
    return (
        Signal.objects.filter(
            network=period.network, received_at__gte=period.since, received_at__lt=period.before
        )
        .exclude(status=SignalStatus.NEW)
        .values(organisation=F("handled_by__person__organisation"))
    )


def _conversations(period: Period) -> Rows:
    return Conversation.objects.filter(
        client__network=period.network, held_on__gte=period.start, held_on__lte=period.end
    ).values(organisation=F("held_by__organisation"))


def _analyses(period: Period) -> Rows:
    return Analysis.objects.filter(
        client__network=period.network, done_on__gte=period.start, done_on__lte=period.end
    ).values(organisation=F("done_by__organisation"))


def _mdo_participants(period: Period) -> Rows:
    return Meeting.participants.through.objects.filter(
        meeting__network=period.network,
        meeting__status=MeetingStatus.HELD,
        meeting__starts_at__gte=period.since,
        meeting__starts_at__lt=period.before,
    ).values(organisation=F("person__organisation"))


def _plans(period: Period) -> Rows:
    return PlanVersion.objects.filter(
        number=1,
        plan__client__network=period.network,
        made_at__gte=period.since,
        made_at__lt=period.before,
    ).values(organisation=F("made_by__person__organisation"))


def _contact_persons(period: Period) -> Rows:
    return ContactPerson.objects.filter(
        client__network=period.network, since__gte=period.since, since__lt=period.before
    ).values(organisation=F("person__organisation"))


def _referrals_sent(period: Period) -> Rows:
    # A redirect is the same journey: only the first sending counts.
    return Referral.objects.filter(
        network=period.network,
        origin__isnull=True,
        sent_at__gte=period.since,
        sent_at__lt=period.before,
    ).values(organisation=F("referring_organisation"))


def _referrals_contacted(period: Period) -> Rows:
    return Referral.objects.filter(
        network=period.network,
        first_contact_on__gte=period.start,
        first_contact_on__lte=period.end,
    ).values(organisation=F("receiving_organisation"))


def _evaluations(period: Period) -> Rows:
    return Evaluation.objects.filter(
        plan__client__network=period.network, held_on__gte=period.start, held_on__lte=period.end
    ).values(organisation=F("held_by__organisation"))


@dataclass(frozen=True)
class Activity:
    key: str
    category: str
    label: str | Promise
    source: str | Promise
    default_minutes: Decimal
    counter: Counter


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "signals_triaged",
        CostCategory.STEP_1,
        _("Signals triaged"),
        _("Signals received in the period and triaged at the coordination point"),
        Decimal(15),
        _signals,
    ),
    Activity(
        "conversations",
        CostCategory.STEP_2,
        _("Conversations with older people"),
        _("Conversations recorded in the pathway, by the date they were held"),
        Decimal(60),
        _conversations,
    ),
    Activity(
        "analyses",
        CostCategory.STEP_3,
        _("Multi-domain analyses"),
        _("Analyses recorded in the pathway, by the date they were done"),
        Decimal(90),
        _analyses,
    ),
    Activity(
        "mdo_participants",
        CostCategory.STEP_4,
        _("Taking part in an MDO"),
        _("Participants of the network's MDOs held in the period, one per meeting"),
        Decimal(60),
        _mdo_participants,
    ),
    Activity(
        "plans",
        CostCategory.STEP_4,
        _("New care and support plans"),
        _("First versions of plans made in the period"),
        Decimal(30),
        _plans,
    ),
    Activity(
        "contact_persons",
        CostCategory.STEP_5,
        _("Contact persons chosen"),
        _("Contact persons who started in the period"),
        Decimal(30),
        _contact_persons,
    ),
    Activity(
        "referrals_sent",
        CostCategory.STEP_6,
        _("Referrals to social work sent"),
        _("Referrals sent in the period (a redirect counts once)"),
        Decimal(10),
        _referrals_sent,
    ),
    Activity(
        "referrals_contacted",
        CostCategory.STEP_6,
        _("First contacts after a referral"),
        _("First contacts made in the period by the receiving organisation"),
        Decimal(60),
        _referrals_contacted,
    ),
    Activity(
        "evaluations",
        CostCategory.STEP_6,
        _("Evaluations of plans"),
        _("Evaluations held in the period"),
        Decimal(45),
        _evaluations,
    ),
)
ACTIVITY_BY_KEY = {activity.key: activity for activity in ACTIVITIES}


@dataclass(frozen=True)
class Measured:
    """How often one activity happened in the period, per organisation (None: not known)."""

    activity: Activity
    by_organisation: dict[int | None, int]

    @property
    def total(self) -> int:
        return sum(self.by_organisation.values())


def measure(period: Period) -> list[Measured]:
    """Every activity's counts per organisation in ``period``: one query per activity."""
    result = []
    for activity in ACTIVITIES:
        rows = activity.counter(period).order_by().annotate(n=Count("*"))
        counts: dict[int | None, int] = {}
        for row in rows:
            organisation = row["organisation"]
            key = organisation if isinstance(organisation, int) else None
            counts[key] = counts.get(key, 0) + int(str(row["n"]))
        result.append(Measured(activity, counts))
    return result


def shown_count(count: int, threshold: int) -> str:
    """A count as it may be shown: "< N" below the threshold, except nothing at all."""
    if 0 < count < threshold:
        return f"< {threshold}"
    return str(count)


def counted(count: int, threshold: int) -> int:
    """The count the calculation uses: a small count is raised to the threshold."""
    return threshold if 0 < count < threshold else count
