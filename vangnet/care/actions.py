"""Writes about the pathway, the plan and the MDO.

Each is atomic and writes its own access-log row. The caller has already
fetched ``client`` through ``access_client(..., for_write=True)``; rows passed in
(a goal, an action, an agenda item) must belong to that client.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.care.models import (
    CLOSING_OUTCOMES,
    ActionStatus,
    Analysis,
    Conversation,
    Evaluation,
    Finding,
    Goal,
    GoalReview,
    Meeting,
    MeetingItem,
    MeetingStatus,
    OwnerKind,
    Plan,
    PlanAction,
    StepEvent,
    StepSource,
    StepStatus,
)
from vangnet.care.versions import record_version, snapshot
from vangnet.clients.access import professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import PathwayStep, Person

PLAN = DataCategory.PLAN


def _log(
    actor: Actor,
    client: Client,
    event: AuditEvent,
    objects: Iterable[str],
    purpose: Purpose = Purpose.CARE_PLAN,
) -> None:
    log_access(
        actor=actor,
        event=event,
        client_id=client.pk,
        data_category=PLAN,
        purpose=purpose,
        objects=[f"client:{client.pk}", *objects],
    )


def _actor_person(actor: Actor) -> Person | None:
    return professional_of(actor.user)


def _label(person: Person | None, actor: Actor) -> str:
    if person is not None:
        return person.name
    return actor.user.full_name if actor.user else ""


def _step(
    *,
    actor: Actor,
    client: Client,
    step: int,
    status: StepStatus,
    on: date,
    source: StepSource,
    by: Person | None = None,
    note: str = "",
) -> StepEvent:
    person = by or _actor_person(actor)
    return StepEvent.objects.create(
        client=client,
        step=step,
        status=status,
        occurred_on=on,
        by_person=person,
        by_label=_label(person, actor)[:200],
        source=source,
        note=note[:300],
        recorded_by=actor.user,
    )


def plan_for(client: Client) -> Plan:
    """The client's plan, made empty the first time it is needed."""
    plan, _created = Plan.objects.get_or_create(client=client)
    return plan


def _locked_plan(client: Client) -> Plan:
    """The plan, locked for this transaction so two changes get two version numbers."""
    plan_for(client)
    return Plan.objects.select_for_update().get(client=client)


# Steps 1 to 3 -------------------------------------------------------------------------------


def step_record(
    *,
    actor: Actor,
    client: Client,
    step: int,
    status: StepStatus,
    occurred_on: date,
    by_person: Person | None = None,
    note: str = "",
) -> StepEvent:
    """Add a moment to the pathway; earlier moments stay as they are (a revisit is a new row)."""
    with transaction.atomic():
        event = _step(
            actor=actor,
            client=client,
            step=step,
            status=status,
            on=occurred_on,
            source=StepSource.MANUAL,
            by=by_person,
            note=note,
        )
        _log(actor, client, AuditEvent.CREATE, [f"step-event:{event.pk}"])
    return event


def conversation_record(
    *, actor: Actor, client: Client, data: dict[str, Any], goals_to_plan: bool = False
) -> Conversation:
    """Step 2: keep the conversation, mark the step done, and optionally copy the goals."""
    person = _actor_person(actor)
    with transaction.atomic():
        conversation = Conversation(
            client=client,
            held_by=person,
            held_by_label=_label(person, actor)[:200],
            recorded_by=actor.user,
            **data,
        )
        conversation.full_clean()
        conversation.save()
        _step(
            actor=actor,
            client=client,
            step=PathwayStep.CONVERSATION,
            status=StepStatus.DONE,
            on=conversation.held_on,
            source=StepSource.CONVERSATION,
        )
        objects = [f"conversation:{conversation.pk}"]
        if goals_to_plan and conversation.goal_lines():
            plan = _locked_plan(client)
            before = snapshot(plan)
            known = {g.text.strip().lower() for g in plan.goals.filter(is_active=True)}
            position = plan.goals.count()
            for line in conversation.goal_lines():
                if line.lower() not in known:
                    position += 1
                    Goal.objects.create(plan=plan, text=line, position=position)
                    known.add(line.lower())
            version = record_version(plan=plan, actor=actor, before=before)
            if version is not None:
                objects.append(f"plan-version:{version.pk}")
        _log(actor, client, AuditEvent.CREATE, objects)
    return conversation


def analysis_record(
    *,
    actor: Actor,
    client: Client,
    done_on: date,
    summary: str,
    findings: list[dict[str, Any]],
) -> Analysis:
    """Step 3: keep the findings per domain and butterfly quarter, and mark the step done."""
    person = _actor_person(actor)
    with transaction.atomic():
        analysis = Analysis.objects.create(
            client=client,
            done_on=done_on,
            done_by=person,
            done_by_label=_label(person, actor)[:200],
            summary=summary,
            recorded_by=actor.user,
        )
        for values in findings:
            finding = Finding(analysis=analysis, **values)
            finding.full_clean()
            finding.save()
        _step(
            actor=actor,
            client=client,
            step=PathwayStep.ANALYSIS,
            status=StepStatus.DONE,
            on=done_on,
            source=StepSource.ANALYSIS,
        )
        _log(actor, client, AuditEvent.CREATE, [f"analysis:{analysis.pk}"])
    return analysis


# The plan -----------------------------------------------------------------------------------


def goal_save(*, actor: Actor, client: Client, goal: Goal | None, data: dict[str, Any]) -> Goal:
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        created = goal is None
        if goal is None:
            goal = Goal(plan=plan, position=plan.goals.count() + 1)
        for name, value in data.items():
            setattr(goal, name, value)
        if not goal.is_active and goal.closed_on is None:
            goal.closed_on = timezone.localdate()
        if goal.is_active:
            goal.closed_on = None
        goal.full_clean()
        goal.save()
        record_version(plan=plan, actor=actor, before=before)
        _log(
            actor, client, AuditEvent.CREATE if created else AuditEvent.UPDATE, [f"goal:{goal.pk}"]
        )
    return goal


def _apply_action(
    plan: Plan, action: PlanAction | None, data: dict[str, Any], actor: Actor
) -> PlanAction:
    action = action or PlanAction(plan=plan, created_by=actor.user)
    for name, value in data.items():
        setattr(action, name, value)
    # Only the owner field that fits the kind of owner is kept.
    if action.owner_kind not in {OwnerKind.PROFESSIONAL, OwnerKind.VOLUNTEER}:
        action.owner_person = None
    if action.owner_kind != OwnerKind.CARER:
        action.owner_carer = None
    if action.owner_kind in {OwnerKind.PROFESSIONAL, OwnerKind.SELF} or action.owner_carer:
        action.owner_name = ""
    action.full_clean()
    action.save()
    return action


def action_save(
    *,
    actor: Actor,
    client: Client,
    action: PlanAction | None,
    data: dict[str, Any],
) -> PlanAction:
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        created = action is None
        action = _apply_action(plan, action, data, actor)
        record_version(plan=plan, actor=actor, before=before)
        _log(
            actor,
            client,
            AuditEvent.CREATE if created else AuditEvent.UPDATE,
            [f"plan-action:{action.pk}"],
        )
    return action


def action_set_status(
    *, actor: Actor, client: Client, action: PlanAction, status: ActionStatus
) -> PlanAction:
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        action.status = status
        action.done_on = timezone.localdate() if status == ActionStatus.DONE else None
        action.save(update_fields=["status", "done_on"])
        record_version(plan=plan, actor=actor, before=before)
        _log(actor, client, AuditEvent.UPDATE, [f"plan-action:{action.pk}"])
    return action


def plan_agree(
    *,
    actor: Actor,
    client: Client,
    agreed_on: date,
    agreed_by: str,
    agreed_how: str,
    note: str,
    evaluate_on: date | None,
) -> Plan:
    """Record that the older person agrees with the plan as it now stands, and when to evaluate."""
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        plan.agreed_on = agreed_on
        plan.agreed_by = agreed_by
        plan.agreed_how = agreed_how
        plan.agreement_note = note[:300]
        plan.evaluate_on = evaluate_on
        plan.save()
        record_version(plan=plan, actor=actor, before=before)
        plan.agreed_version = plan.version
        plan.save(update_fields=["agreed_version"])
        _step(
            actor=actor,
            client=client,
            step=PathwayStep.CARRY_OUT,
            status=StepStatus.BEGUN,
            on=agreed_on,
            source=StepSource.AGREEMENT,
        )
        _log(actor, client, AuditEvent.UPDATE, [f"plan:{plan.pk}", "agreement"])
    return plan


# Evaluation ---------------------------------------------------------------------------------


def evaluation_record(
    *,
    actor: Actor,
    client: Client,
    held_on: date,
    reviews: list[dict[str, Any]],
    next_on: date | None,
    note: str = "",
) -> Evaluation:
    """Step 6: per goal achieved, partly, not or no longer relevant, and the next date.

    Achieved goals and goals no longer relevant are closed; the others stay.
    """
    person = _actor_person(actor)
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        evaluation = Evaluation.objects.create(
            plan=plan,
            held_on=held_on,
            due_on=plan.evaluate_on,
            held_by=person,
            held_by_label=_label(person, actor)[:200],
            next_on=next_on,
            note=note,
            recorded_by=actor.user,
        )
        for review in reviews:
            goal: Goal = review["goal"]
            if goal.plan_id != plan.pk:
                raise ValueError("This goal belongs to another plan.")
            GoalReview.objects.create(
                evaluation=evaluation,
                goal=goal,
                goal_text=goal.text,
                outcome=review["outcome"],
                own_view=review.get("own_view", ""),
            )
            if review["outcome"] in CLOSING_OUTCOMES and goal.is_active:
                goal.is_active = False
                goal.closed_on = held_on
                goal.save(update_fields=["is_active", "closed_on"])
        plan.evaluate_on = next_on
        plan.overdue_reminded_for = None
        plan.save(update_fields=["evaluate_on", "overdue_reminded_for", "updated_at"])
        record_version(plan=plan, actor=actor, before=before)
        open_goals = plan.goals.filter(is_active=True).exists()
        _step(
            actor=actor,
            client=client,
            step=PathwayStep.CARRY_OUT,
            status=StepStatus.BEGUN if open_goals else StepStatus.DONE,
            on=held_on,
            source=StepSource.EVALUATION,
        )
        _log(actor, client, AuditEvent.CREATE, [f"evaluation:{evaluation.pk}"])
    return evaluation


# The MDO ------------------------------------------------------------------------------------


def meeting_save(
    *,
    actor: Actor,
    meeting: Meeting | None,
    data: dict[str, Any],
    participants: Iterable[Person],
) -> Meeting:
    """Plan a meeting or change its details. It holds no details about older people itself."""
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(organiser=_actor_person(actor), created_by=actor.user)
        for name, value in data.items():
            setattr(meeting, name, value)
        meeting.full_clean()
        meeting.save()
        meeting.participants.set(list(participants))
    return meeting


def meeting_set_status(*, actor: Actor, meeting: Meeting, status: MeetingStatus) -> Meeting:
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting


def agenda_add(
    *, actor: Actor, client: Client, meeting: Meeting, reason: str, invited: str
) -> MeetingItem:
    with transaction.atomic():
        item, created = MeetingItem.objects.get_or_create(
            meeting=meeting,
            client=client,
            defaults={
                "reason": reason,
                "invited": invited,
                "added_by": actor.user,
                "position": meeting.items.count() + 1,
            },
        )
        if created:
            _log(
                actor,
                client,
                AuditEvent.CREATE,
                [f"mdo-item:{item.pk}", f"meeting:{meeting.pk}"],
                purpose=Purpose.MDO,
            )
    return item


def agenda_remove(*, actor: Actor, client: Client, item: MeetingItem) -> None:
    with transaction.atomic():
        item_id, meeting_id = item.pk, item.meeting_id
        item.delete()
        _log(
            actor,
            client,
            AuditEvent.DELETE,
            [f"mdo-item:{item_id}", f"meeting:{meeting_id}"],
            purpose=Purpose.MDO,
        )


def item_minutes_save(
    *,
    actor: Actor,
    client: Client,
    item: MeetingItem,
    minutes: str,
    invited: str,
    plan_agreed: bool,
) -> MeetingItem:
    """The minutes about one older person; making the plan here completes step 4."""
    with transaction.atomic():
        newly_agreed = plan_agreed and not item.plan_agreed
        item.minutes = minutes
        item.invited = invited
        item.plan_agreed = plan_agreed
        item.discussed_at = item.discussed_at or timezone.now()
        item.save(update_fields=["minutes", "invited", "plan_agreed", "discussed_at"])
        if newly_agreed:
            _step(
                actor=actor,
                client=client,
                step=PathwayStep.PLAN,
                status=StepStatus.DONE,
                on=timezone.localdate(item.meeting.starts_at),
                source=StepSource.MDO,
            )
        _log(
            actor,
            client,
            AuditEvent.UPDATE,
            [f"mdo-item:{item.pk}", "minutes"],
            purpose=Purpose.MDO,
        )
    return item


def decision_add(
    *,
    actor: Actor,
    client: Client,
    item: MeetingItem,
    data: dict[str, Any],
    new_goal: str = "",
) -> PlanAction:
    """A decision of the MDO about one older person becomes an action in their plan."""
    with transaction.atomic():
        plan = _locked_plan(client)
        before = snapshot(plan)
        values = dict(data)
        if new_goal.strip():
            values["goal"] = Goal.objects.create(
                plan=plan, text=new_goal.strip(), position=plan.goals.count() + 1
            )
        values["mdo_item"] = item
        action = _apply_action(plan, None, values, actor)
        item.discussed_at = item.discussed_at or timezone.now()
        item.save(update_fields=["discussed_at"])
        record_version(plan=plan, actor=actor, before=before)
        _log(
            actor,
            client,
            AuditEvent.CREATE,
            [f"plan-action:{action.pk}", f"mdo-item:{item.pk}"],
            purpose=Purpose.MDO,
        )
    return action
