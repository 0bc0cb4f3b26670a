"""Who may open an MDO, what its agenda shows to whom, and who could be put on it.

A meeting's own details (date, place, participants) are not about an older
person. Its agenda items are: each participant sees an item only when the
older person's consent covers their plan for the MDO and this participant has
a care relationship with them. Other items show as "no consent", without a name.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care.models import (
    AgendaReason,
    Meeting,
    MeetingItem,
    MeetingStatus,
    PlanAction,
    StepStatus,
)
from vangnet.clients.access import clients_listed, clients_shown, professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import PathwayStep, Person


@dataclass(frozen=True)
class Viewer:
    """Who looks at a meeting, worked out once per request."""

    user: User
    person: Person | None
    is_coordinator: bool
    can_edit: bool

    @classmethod
    def of(cls, user: User) -> "Viewer":
        return cls(
            user=user,
            person=professional_of(user),
            is_coordinator=user.is_coordinator,
            can_edit=user.can_edit,
        )

    def is_member(self, meeting: Meeting) -> bool:
        if self.person is None:
            return False
        if meeting.organiser_id == self.person.pk:
            return True
        return meeting.participants.filter(pk=self.person.pk).exists()

    def may_open(self, meeting: Meeting) -> bool:
        """Organiser, participants and coordinators open a meeting; others do not know it."""
        return self.is_coordinator or self.is_member(meeting)

    def may_manage(self, meeting: Meeting) -> bool:
        """Change details, participants and status: the organiser or a coordinator."""
        if not self.can_edit:
            return False
        organiser = self.person is not None and meeting.organiser_id == self.person.pk
        return self.is_coordinator or organiser

    def may_minute(self, meeting: Meeting) -> bool:
        """Write minutes and decisions: anyone who may open the meeting and may edit."""
        return self.can_edit and self.may_open(meeting)


def meeting_for(viewer: Viewer, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("network", "practice", "organiser__organisation")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or not viewer.may_open(meeting):
        raise Http404
    return meeting


def meetings_for(viewer: Viewer) -> QuerySet[Meeting]:
    """The meetings this viewer may open."""
    rows = Meeting.objects.select_related("network", "practice")
    if viewer.is_coordinator:
        return rows
    if viewer.person is None:
        return rows.none()
    person = viewer.person
    return rows.filter(Q(organiser=person) | Q(participants=person)).distinct()


def meetings_coming(viewer: Viewer, now: datetime | None = None) -> QuerySet[Meeting]:
    """The planned meetings from ``now`` on that this viewer may open: the list's "coming up"."""
    return meetings_for(viewer).filter(
        status=MeetingStatus.PLANNED, starts_at__gte=now or timezone.now()
    )


@dataclass
class AgendaRow:
    """An agenda item as one viewer may see it; ``item`` is None when consent does not allow."""

    position: int
    item: MeetingItem | None
    decisions: list[PlanAction] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.item is not None


def agenda_rows(actor: Actor, meeting: Meeting, person: Person | None) -> list[AgendaRow]:
    """The agenda for this viewer, logging a read for every older person shown."""
    items = list(meeting.items.select_related("client").order_by("position", "pk"))
    visible = clients_shown(
        actor,
        [i.client_id for i in items],
        category=DataCategory.PLAN,
        purpose=Purpose.MDO,
        objects=[f"meeting:{meeting.pk}"],
    )
    decisions: dict[int, list[PlanAction]] = {}
    shown = [i for i in items if i.client_id in visible]
    for action in PlanAction.objects.filter(mdo_item__in=shown).select_related(
        "owner_person__organisation", "owner_carer", "goal"
    ):
        if action.mdo_item_id is not None:
            decisions.setdefault(action.mdo_item_id, []).append(action)
    return [
        AgendaRow(
            position=number,
            item=item if item.client_id in visible else None,
            decisions=decisions.get(item.pk, []),
        )
        for number, item in enumerate(items, start=1)
    ]


@dataclass(frozen=True)
class Candidate:
    client: Client
    reason: AgendaReason


def agenda_candidates(actor: Actor, meeting: Meeting, limit: int = 100) -> list[Candidate]:
    """Older people the organiser could put on the agenda: analysis done, or evaluation due.

    Only people this viewer has a care relationship with and whose consent
    covers their plan for the MDO are listed (and logged), so building the
    agenda shows no one the viewer could not open anyway.
    """
    rows = Client.objects.exclude(mdo_items__meeting=meeting)
    if meeting.network_id:
        rows = rows.filter(network_id=meeting.network_id)
    elif meeting.practice_id:
        rows = rows.filter(gp_practice_id=meeting.practice_id)
    day = timezone.localdate(meeting.starts_at)
    soon = day + timedelta(days=7)
    done = Q(step_events__status=StepStatus.DONE)
    candidates = (
        rows.annotate(
            analysis_on=Max(
                "step_events__occurred_on", filter=done & Q(step_events__step=PathwayStep.ANALYSIS)
            ),
            plan_on=Max(
                "step_events__occurred_on", filter=done & Q(step_events__step=PathwayStep.PLAN)
            ),
            evaluate_on=Max("care_plan__evaluate_on"),
        )
        .filter(
            # An analysis with no plan after it yet, or an evaluation due within a week.
            Q(analysis_on__isnull=False, plan_on__isnull=True)
            | Q(analysis_on__isnull=False, plan_on__lt=F("analysis_on"))
            | Q(evaluate_on__lte=soon)
        )
        .order_by("family_name", "given_name", "pk")
    )
    shown = clients_listed(
        actor,
        candidates,
        category=DataCategory.PLAN,
        purpose=Purpose.MDO,
        objects=[f"meeting:{meeting.pk}", "agenda-candidates"],
        limit=limit,
    )
    return [Candidate(client, _reason(client)) for client in shown]


def _reason(client: Client) -> AgendaReason:
    """Why a candidate is proposed: an analysis with no plan after it, or else an evaluation.

    ``client`` carries the dates ``agenda_candidates`` annotated it with.
    """
    dates = vars(client)
    analysis_on: date | None = dates["analysis_on"]
    plan_on: date | None = dates["plan_on"]
    if analysis_on is not None and (plan_on is None or plan_on < analysis_on):
        return AgendaReason.ANALYSIS_DONE
    return AgendaReason.EVALUATION_DUE


def open_meetings_for(viewer: Viewer) -> QuerySet[Meeting]:
    """Planned meetings, from today on, that this viewer may put someone on."""
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        meetings_for(viewer)
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=today_start)
        .order_by("starts_at")
    )
