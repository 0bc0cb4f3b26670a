"""Work across older people: a professional's open actions, and what is due for a contact person.

Both lists hold only older people the professional may see for the care plan
right now, and log one read per older person shown.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, QuerySet
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care.models import MeetingItem, MeetingStatus, Plan, PlanAction
from vangnet.care.models.plan import PlanActionQuerySet
from vangnet.clients.access import clients_counted, clients_shown, professional_of
from vangnet.clients.models import Client, ContactPerson
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import Person

# How far ahead "what must happen" looks.
HORIZON_DAYS = 14


@dataclass
class ClientActions:
    client: Client
    actions: list[PlanAction]


@dataclass
class MyActions:
    groups: list[ClientActions]
    hidden: int

    @property
    def count(self) -> int:
        return sum(len(g.actions) for g in self.groups)


def _open_actions_of(person: Person) -> PlanActionQuerySet:
    return PlanAction.objects.open().filter(owner_person=person)


def my_actions(actor: Actor) -> MyActions:
    """Open actions this professional owns, across all their older people, soonest first.

    Actions for older people they may not see (any more) are counted, not shown.
    """
    person = professional_of(actor.user)
    if person is None:
        return MyActions(groups=[], hidden=0)
    actions = list(
        _open_actions_of(person)
        .select_related("plan__client", "goal")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    visible = clients_shown(
        actor,
        {a.plan.client_id for a in actions},
        category=DataCategory.PLAN,
        purpose=Purpose.CARE_PLAN,
        objects=["my-actions"],
    )
    groups: dict[int, ClientActions] = {}
    for action in actions:
        client = action.plan.client
        if client.pk in visible:
            groups.setdefault(client.pk, ClientActions(client, [])).actions.append(action)
    shown = sum(len(g.actions) for g in groups.values())
    return MyActions(groups=list(groups.values()), hidden=len(actions) - shown)


@dataclass
class ClientTodo:
    """What must happen for one older person in the coming period."""

    client: Client
    plan: Plan | None
    actions: list[PlanAction] = field(default_factory=list)
    meetings: list[MeetingItem] = field(default_factory=list)
    evaluation_due: bool = False
    evaluation_overdue: bool = False

    @property
    def urgent(self) -> bool:
        today = timezone.localdate()
        return self.evaluation_overdue or any(a.is_overdue(today) for a in self.actions)

    @property
    def nothing_due(self) -> bool:
        return not (self.actions or self.meetings or self.evaluation_due)


def _contact_person_for(person: Person) -> QuerySet[ContactPerson, int]:
    return ContactPerson.objects.filter(person=person, until__isnull=True).values_list(
        "client_id", flat=True
    )


def contact_person_todo(actor: Actor, today: date | None = None) -> list[ClientTodo]:
    """For the contact person: per older person, actions and evaluations due, and MDO items."""
    person = professional_of(actor.user)
    if person is None:
        return []
    day = today or timezone.localdate()
    horizon = day + timedelta(days=HORIZON_DAYS)
    mine = _contact_person_for(person)
    visible = clients_shown(
        actor,
        list(mine),
        category=DataCategory.PLAN,
        purpose=Purpose.CARE_PLAN,
        objects=["my-clients"],
    )
    clients = list(
        Client.objects.filter(pk__in=visible)
        .select_related("care_plan")
        .order_by("family_name", "given_name", "pk")
    )
    todo = {c.pk: ClientTodo(client=c, plan=getattr(c, "care_plan", None)) for c in clients}
    for action in (
        PlanAction.objects.due_by(horizon)
        .filter(plan__client_id__in=visible)
        .select_related("owner_person__organisation", "owner_carer", "plan")
        .order_by("due_on", "pk")
    ):
        todo[action.plan.client_id].actions.append(action)
    for item in (
        MeetingItem.objects.filter(
            client_id__in=visible,
            meeting__status=MeetingStatus.PLANNED,
            meeting__starts_at__gte=timezone.now(),
        )
        .select_related("meeting__network", "meeting__practice")
        .order_by("meeting__starts_at")
    ):
        todo[item.client_id].meetings.append(item)
    for entry in todo.values():
        plan = entry.plan
        if plan is not None and plan.evaluate_on is not None:
            entry.evaluation_due = plan.evaluate_on <= horizon
            entry.evaluation_overdue = plan.evaluate_on < day
    return sorted(todo.values(), key=lambda t: (not t.urgent, t.nothing_due))


# --- Counts for the start page: the same rows as the lists above, never a name, not logged.


@dataclass(frozen=True)
class MyWorkCounts:
    """What the start page counts from these lists for one professional."""

    # Open actions on "My actions", and how many of them are past their date.
    actions_open: int
    actions_overdue: int
    # Older people on "My clients", and how many plans there are to evaluate by ``until``.
    contact_for: int
    evaluations_due: int


def my_work_counted(user: User, *, until: date, today: date | None = None) -> MyWorkCounts:
    """Counts of "My actions" and "My clients" for ``user``, by the same door rule; logs nothing.

    ``evaluations_due`` counts plans whose next evaluation is on or before ``until``,
    late ones included. A fixed number of queries however many rows.
    """
    person = professional_of(user)
    if person is None:
        return MyWorkCounts(0, 0, 0, 0)
    day = today or timezone.localdate()
    actions = list(_open_actions_of(person).values_list("plan__client_id", "due_on"))
    mine = list(_contact_person_for(person))
    due = list(
        Plan.objects.filter(
            client_id__in=_contact_person_for(person), evaluate_on__lte=until
        ).values_list("client_id", flat=True)
    )
    counts = clients_counted(
        user,
        {
            "actions": [client_id for client_id, _due in actions],
            "overdue": [client_id for client_id, due_on in actions if due_on and due_on < day],
            "mine": mine,
            "due": due,
        },
        category=DataCategory.PLAN,
        purpose=Purpose.CARE_PLAN,
    )
    return MyWorkCounts(
        actions_open=counts["actions"],
        actions_overdue=counts["overdue"],
        contact_for=counts["mine"],
        evaluations_due=counts["due"],
    )
