"""Test data for pathways, plans and meetings, made through the app's own actions."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.care import actions
from vangnet.care.models import Meeting, MeetingItem, OwnerKind, PlanAction
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import make_user
from vangnet.directory.models import Discipline, Person


def actor(user: User) -> Actor:
    return Actor(user=user)


def professional(email: str, name: str, discipline: str, role: Role = Role.PROFESSIONAL) -> User:
    user = make_user(email, name, role)
    person_for(user, discipline)
    return user


def analysed(client: Client, user: User, on: date | None = None) -> None:
    """Steps 2 and 3 done: a conversation with one goal, and an analysis."""
    day = on or timezone.localdate()
    actions.conversation_record(
        actor=actor(user),
        client=client,
        data={
            "held_on": day,
            "what_matters": "Thuis blijven wonen.",
            "goals": "Zelf boodschappen doen",
        },
        goals_to_plan=True,
    )
    actions.analysis_record(
        actor=actor(user),
        client=client,
        done_on=day,
        summary="",
        findings=[
            {
                "domain": "physical",
                "text": "Valt vaak.",
                "quarters": ["cure", "care"],
                "source": "observation",
            }
        ],
    )


def meeting(
    organiser: User, participants: list[User], client: Client, *, days_ahead: int = 7
) -> Meeting:
    return actions.meeting_save(
        actor=actor(organiser),
        meeting=None,
        data={
            "network": client.network,
            "starts_at": timezone.now() + timedelta(days=days_ahead),
            "place": "Zaal 1",
        },
        participants=[person_for(u) for u in participants],
    )


def on_agenda(organiser: User, client: Client, meeting: Meeting) -> MeetingItem:
    return actions.agenda_add(
        actor=actor(organiser),
        client=client,
        meeting=meeting,
        reason="analysis_done",
        invited="nobody",
    )


def action_for(
    user: User, client: Client, owner: Person, *, due_on: date | None = None, **extra: Any
) -> PlanAction:
    return actions.action_save(
        actor=actor(user),
        client=client,
        action=None,
        data={
            "description": extra.pop("description", "Medicijnen doorlopen"),
            "owner_kind": OwnerKind.PROFESSIONAL,
            "owner_person": owner,
            "due_on": due_on,
            **extra,
        },
    )


def gp_and_social_worker() -> tuple[User, User]:
    gp = professional("gp@example.org", "Greet Huisarts", Discipline.GP)
    social = professional("sw@example.org", "Sam Welzijn", Discipline.SOCIAL_WORKER)
    return gp, social
