"""Who is on which end of a referral, and which referrals someone may see.

``open_referral_client_ids`` is the care relationship an open referral gives the
people of the receiving organisation (registered as a relationship source at
start-up). Lists of referrals show an older person only through the list door:
a care relationship plus a consent that covers referral details.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.clients.access import clients_counted, clients_shown, professional_of
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import Person
from vangnet.referrals.lifecycle import Side
from vangnet.referrals.models import (
    ACTIVE_STATUSES,
    WAITING_FOR_CONTACT,
    Referral,
    ReferralSettings,
    Status,
)

# Sent referrals stay on the referrer's list this long after they ended.
RECENTLY_ENDED_DAYS = 60
LIST_LIMIT = 100


def open_referral_client_ids(person: Person) -> QuerySet[Referral, int]:
    """Older people referred to ``person``'s organisation by a referral that is still open."""
    return (
        Referral.objects.open_on(timezone.localdate())
        .filter(receiving_organisation_id=person.organisation_id)
        .values_list("client_id", flat=True)
    )


def sides_of(person: Person | None, referral: Referral) -> frozenset[Side]:
    if person is None:
        return frozenset()
    sides = set()
    if person.organisation_id == referral.referring_organisation_id:
        sides.add(Side.REFERRER)
    if person.organisation_id == referral.receiving_organisation_id:
        sides.add(Side.RECEIVER)
    return frozenset(sides)


def referrals_on_client_page(client: Client, person: Person | None) -> QuerySet[Referral]:
    """The referrals of one older person that ``person`` is a party to.

    Members of the older person's care team see every referral; the others only
    those their own organisation sent or received.
    """
    rows = Referral.objects.filter(client=client).select_related(
        "referring_organisation",
        "receiving_organisation",
        "service",
        "referrer",
        "handler",
        "receiving_person",
        "redirected_from__receiving_organisation",
    )
    if person is None:
        return rows.none()
    in_team = CareTeamMember.objects.active().filter(client=client, person=person).exists()
    if in_team:
        return rows
    return rows.filter(
        Q(referring_organisation_id=person.organisation_id)
        | Q(receiving_organisation_id=person.organisation_id)
    )


@dataclass
class Inbox:
    """A professional's referrals, sorted by what needs doing, and only those they may see."""

    person: Person | None
    new: list[Referral] = field(default_factory=list)
    waiting: list[Referral] = field(default_factory=list)
    running: list[Referral] = field(default_factory=list)
    follow_up: list[Referral] = field(default_factory=list)
    sent: list[Referral] = field(default_factory=list)
    hidden: int = 0

    @property
    def overdue(self) -> list[Referral]:
        today = timezone.localdate()
        return [r for r in [*self.new, *self.waiting] if r.is_overdue(today)]


def inbox_for(actor: Actor, *, now: datetime | None = None) -> Inbox:
    """What ``actor``'s organisation received and sent; every older person shown is logged."""
    person = professional_of(actor.user)
    inbox = Inbox(person=person)
    if person is None:
        return inbox
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    related = (
        "client",
        "referring_organisation",
        "receiving_organisation",
        "service",
        "handler",
        "referrer",
    )
    received = list(
        _received(person, today)
        .select_related(*related)
        .order_by("first_contact_due_on", "sent_at", "pk")[:LIST_LIMIT]
    )
    recent = moment - timedelta(days=RECENTLY_ENDED_DAYS)
    sent = list(
        Referral.objects.filter(referring_organisation_id=person.organisation_id)
        .filter(
            Q(status__in=ACTIVE_STATUSES)
            | Q(ended_at__gte=recent)
            | Q(completed_at__gte=recent)
            | Q(follow_up_recorded_at__gte=recent)
        )
        .select_related(*related)
        .order_by("-sent_at", "-pk")[:LIST_LIMIT]
    )
    placed = [(section, r) for r in received if (section := _section(r, today)) is not None]
    received_ids = {r.pk for r in received}
    sent = [r for r in sent if r.pk not in received_ids]
    visible = clients_shown(
        actor,
        {r.client_id for _section_name, r in placed} | {r.client_id for r in sent},
        category=DataCategory.REFERRAL,
        purpose=Purpose.REFERRAL,
        objects=["referral-inbox"],
    )
    sections = {
        "follow_up": inbox.follow_up,
        "new": inbox.new,
        "waiting": inbox.waiting,
        "running": inbox.running,
    }
    for section, referral in placed:
        if referral.client_id in visible:
            sections[section].append(referral)
        else:
            inbox.hidden += 1
    for referral in sent:
        if referral.client_id in visible:
            inbox.sent.append(referral)
        else:
            inbox.hidden += 1
    return inbox


def _received(person: Person, today: date) -> QuerySet[Referral]:
    """Open referrals received by ``person``'s organisation: the inbox's upper part."""
    return Referral.objects.open_on(today).filter(receiving_organisation_id=person.organisation_id)


@dataclass(frozen=True)
class InboxCounts:
    """How many referrals wait in each part of the inbox; ``receives`` says if there is an inbox."""

    receives: bool
    new: int = 0
    waiting: int = 0
    overdue: int = 0
    follow_up: int = 0

    @property
    def to_do(self) -> int:
        return self.new + self.waiting + self.follow_up


def inbox_counted(user: User, *, now: datetime | None = None) -> InboxCounts:
    """The inbox's received parts as counts, by the same rule as ``inbox_for``; logs nothing.

    Referrals of older people the inbox would hide are not counted. ``receives`` is
    true when the organisation ever received a referral or is a network's point of
    contact for referrals. A fixed number of queries however many referrals.
    """
    person = professional_of(user)
    if person is None:
        return InboxCounts(receives=False)
    today = timezone.localdate(now or timezone.now())
    groups: dict[str, list[int]] = {"new": [], "waiting": [], "overdue": [], "follow_up": []}
    received = _received(person, today).only(
        "client_id",
        "status",
        "first_contact_due_on",
        "follow_up_due_on",
        "follow_up_reminded_at",
        "follow_up_recorded_at",
    )
    for referral in received:
        section = _section(referral, today)
        if section in ("new", "waiting", "follow_up"):
            groups[section].append(referral.client_id)
        if section in ("new", "waiting") and referral.is_overdue(today):
            groups["overdue"].append(referral.client_id)
    receives = bool(received) or _is_receiver(person)
    counts = clients_counted(user, groups, category=DataCategory.REFERRAL, purpose=Purpose.REFERRAL)
    return InboxCounts(receives=receives, **counts)


def _is_receiver(person: Person) -> bool:
    organisation = person.organisation_id
    return (
        Referral.objects.filter(receiving_organisation_id=organisation).exists()
        or ReferralSettings.objects.filter(contact_organisation_id=organisation).exists()
    )


def _section(referral: Referral, today: date) -> str | None:
    """Where a received referral belongs in the inbox; None for completed ones not yet due."""
    if referral.follow_up_is_due(today):
        return "follow_up"
    if referral.status in (Status.SENT, Status.RECEIVED):
        return "new"
    if referral.status in WAITING_FOR_CONTACT:
        return "waiting"
    if referral.status in ACTIVE_STATUSES:
        return "running"
    return None
