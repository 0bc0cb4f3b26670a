"""Evaluation on the due date by the contact person; overdue ones are flagged and reminded."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLogEntry
from vangnet.care import actions
from vangnet.care.jobs import remind_overdue_evaluations
from vangnet.care.models import Evaluation, Goal, GoalReview, Plan, StepEvent
from vangnet.care.tests.factories import actor
from vangnet.clients.actions import contact_person_set
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import client_shared_with, in_care_team, person_for
from vangnet.conftest import log_in, make_user
from vangnet.core.scheduling import DAILY_JOBS, job_name, run_jobs
from vangnet.directory.models import PathwayStep
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _plan_due(
    client: Client, user: User, due: date, goals: tuple[str, ...] = ("Wandelen",)
) -> Plan:
    for text in goals:
        actions.goal_save(actor=actor(user), client=client, goal=None, data={"text": text})
    return actions.plan_agree(
        actor=actor(user),
        client=client,
        agreed_on=due - timedelta(days=90),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=due,
    )


def test_overdue_evaluations_are_flagged(client: HttpClient, bob: User) -> None:
    late = client_shared_with(bob)
    on_time = client_shared_with(bob)
    today = timezone.localdate()
    _plan_due(late, bob, today - timedelta(days=1))
    _plan_due(on_time, bob, today)
    assert list(Plan.objects.evaluation_overdue().values_list("client_id", flat=True)) == [late.pk]
    log_in(client, bob)
    late_page = client.get(reverse("care:pathway", kwargs={"client_id": late.pk})).content.decode()
    on_time_page = client.get(
        reverse("care:pathway", kwargs={"client_id": on_time.pk})
    ).content.decode()
    assert "De evaluatie was gepland op" in late_page
    assert "De evaluatie was gepland op" not in on_time_page
    plan_page = client.get(reverse("care:plan", kwargs={"client_id": late.pk})).content.decode()
    assert "te laat" in plan_page


def test_the_daily_job_tells_the_contact_person_once_without_a_name(bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    _plan_due(older, bob, timezone.localdate() - timedelta(days=2))
    now = timezone.now()
    assert remind_overdue_evaluations(now) == 1
    assert remind_overdue_evaluations(now + timedelta(days=1)) == 0
    note = Notification.objects.get(recipient=bob)
    assert note.url == reverse("care:evaluation", kwargs={"client_id": older.pk})
    assert older.family_name not in note.subject + note.body
    assert older.given_name not in note.subject + note.body
    system_rows = AccessLogEntry.objects.filter(client_id=older.pk, user_id__isnull=True)
    assert [row.objects_involved for row in system_rows] == [["evaluation-reminder"]]


def test_a_new_due_date_that_passes_is_reminded_again(bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(older, bob, timezone.localdate() - timedelta(days=20))
    assert remind_overdue_evaluations(timezone.now()) == 1
    goal = Goal.objects.get(plan=plan)
    actions.evaluation_record(
        actor=actor(bob),
        client=older,
        held_on=timezone.localdate() - timedelta(days=10),
        reviews=[{"goal": goal, "outcome": "partly"}],
        next_on=timezone.localdate() - timedelta(days=1),
    )
    assert remind_overdue_evaluations(timezone.now()) == 1
    assert Notification.objects.filter(recipient=bob).count() == 2


def test_without_a_contact_person_nobody_is_reminded_yet(bob: User) -> None:
    older = client_shared_with(bob)
    _plan_due(older, bob, timezone.localdate() - timedelta(days=2))
    assert remind_overdue_evaluations(timezone.now()) == 0
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    assert remind_overdue_evaluations(timezone.now()) == 1


def test_the_daily_job_runs_with_the_other_daily_jobs(bob: User) -> None:
    assert "vangnet.care.jobs.remind_overdue_evaluations" in {job_name(job) for job in DAILY_JOBS}
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    _plan_due(older, bob, timezone.localdate() - timedelta(days=2))
    results = run_jobs(timezone.now())
    assert results["vangnet.care.jobs.remind_overdue_evaluations"] == 1


def _review_post(goals: list[Goal], outcomes: list[str], **extra: str) -> dict[str, str]:
    data = {"held_on": timezone.localdate().isoformat(), "note": ""}
    for goal, outcome in zip(goals, outcomes, strict=True):
        data[f"goal-{goal.pk}-outcome"] = outcome
        data[f"goal-{goal.pk}-own_view"] = f"Over {goal.text}: gaat goed"
    data.update(extra)
    return data


def test_the_contact_person_records_the_evaluation_per_goal(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(
        older, bob, timezone.localdate() - timedelta(days=3), goals=("Wandelen", "Koken", "Bridge")
    )
    goals = list(plan.goals.order_by("position"))
    next_on = timezone.localdate() + timedelta(days=60)
    log_in(client, bob)
    response = client.post(
        reverse("care:evaluation", kwargs={"client_id": older.pk}),
        _review_post(goals, ["achieved", "partly", "irrelevant"], next_on=next_on.isoformat()),
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(plan=plan)
    assert evaluation.was_late and evaluation.held_by == person_for(bob)
    reviews = {r.goal_text: r for r in GoalReview.objects.filter(evaluation=evaluation)}
    assert reviews["Wandelen"].outcome == "achieved"
    assert reviews["Koken"].own_view == "Over Koken: gaat goed"
    assert [g.text for g in Goal.objects.filter(plan=plan, is_active=True)] == ["Koken"]
    plan.refresh_from_db()
    assert plan.evaluate_on == next_on and not plan.is_overdue
    assert StepEvent.objects.filter(
        client=older, step=PathwayStep.CARRY_OUT, source="evaluation"
    ).exists()


def test_the_next_date_is_needed_while_goals_remain(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(older, bob, timezone.localdate())
    goals = list(plan.goals.all())
    log_in(client, bob)
    response = client.post(
        reverse("care:evaluation", kwargs={"client_id": older.pk}),
        _review_post(goals, ["not"], next_on=""),
    )
    assert response.status_code == 200
    assert "kies de datum van de volgende evaluatie" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_when_every_goal_is_closed_the_step_is_done(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(older, bob, timezone.localdate())
    log_in(client, bob)
    client.post(
        reverse("care:evaluation", kwargs={"client_id": older.pk}),
        _review_post(list(plan.goals.all()), ["achieved"], next_on=""),
    )
    last = StepEvent.objects.filter(client=older, step=PathwayStep.CARRY_OUT).last()
    assert last is not None and last.status == "done"


def test_another_team_member_cannot_record_the_evaluation(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(older, bob, timezone.localdate())
    colleague = make_user("cor@example.org", "Cor Collega", Role.PROFESSIONAL)
    in_care_team(older, colleague)
    log_in(client, colleague)
    url = reverse("care:evaluation", kwargs={"client_id": older.pk})
    page = client.get(url).content.decode()
    assert "Het aanspreekpunt (Bob Jansen) legt de evaluatie vast" in page
    response = client.post(url, _review_post(list(plan.goals.all()), ["achieved"], next_on=""))
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_a_coordinator_may_stand_in_for_the_contact_person(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = client_shared_with(bob, alice)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    plan = _plan_due(older, bob, timezone.localdate())
    log_in(client, alice)
    response = client.post(
        reverse("care:evaluation", kwargs={"client_id": older.pk}),
        _review_post(
            list(plan.goals.all()),
            ["partly"],
            next_on=(timezone.localdate() + timedelta(days=30)).isoformat(),
        ),
    )
    assert response.status_code == 302
    assert Evaluation.objects.get().held_by == person_for(alice)


def test_the_reminder_runs_from_a_fixed_moment(bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    _plan_due(older, bob, date(2030, 1, 10))
    before = timezone.make_aware(datetime(2030, 1, 10, 7, 0))
    after = timezone.make_aware(datetime(2030, 1, 11, 7, 0))
    assert remind_overdue_evaluations(before) == 0
    assert remind_overdue_evaluations(after) == 1
