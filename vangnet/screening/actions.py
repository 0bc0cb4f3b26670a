"""Writes about screenings, profiles and follow-up. Each is atomic and logs its own access."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import Network, Person
from vangnet.notifications.actions import notify
from vangnet.screening.catalogue import PROFESSIONAL_ONLY
from vangnet.screening.engine import (
    Answer,
    Instrument,
    check_answers,
    score,
    to_questionnaire_response,
    validate_questionnaire_response,
)
from vangnet.screening.models import (
    FOLLOW_UP,
    AdministrationMode,
    FollowUpTask,
    ProfileChange,
    ProfileRule,
    ProfileRuleName,
    Screening,
    ScreeningDraft,
    TaskStatus,
)
from vangnet.screening.profiles import (
    SAMENOUD_THRESHOLDS,
    ResultFacts,
    coordinators_of,
    decide_profile,
    latest_results,
)

SCREENING = DataCategory.SCREENING
EARLY_DETECTION = Purpose.EARLY_DETECTION


def _log(actor: Actor, event: AuditEvent, client_id: int, objects: list[str]) -> None:
    log_access(
        actor=actor,
        event=event,
        client_id=client_id,
        data_category=SCREENING,
        purpose=EARLY_DETECTION,
        objects=objects,
    )


# --- Drafts: answers on their way to a saved screening -----------------------------------------


def draft_start(
    *, actor: Actor, client: Client, instrument: Instrument, mode: AdministrationMode
) -> ScreeningDraft:
    """Start (or start over) this professional's screening of this older person."""
    if actor.user is None:
        raise ValueError("a draft belongs to a logged-in professional")
    with transaction.atomic():
        ScreeningDraft.objects.filter(client=client, started_by=actor.user).delete()
        draft = ScreeningDraft.objects.create(
            client=client, started_by=actor.user, instrument=instrument.code, mode=mode
        )
        _log(actor, AuditEvent.CREATE, client.pk, [f"screening-draft:{draft.pk}"])
    return draft


def draft_answer(
    *, actor: Actor, client: Client, draft: ScreeningDraft, link_id: str, answer: Answer
) -> ScreeningDraft:
    """Keep one answer; the whole form is checked again when it is saved."""
    with transaction.atomic():
        draft.answers = {**draft.answers, link_id: answer}
        draft.save(update_fields=["answers", "updated_at"])
        _log(actor, AuditEvent.UPDATE, client.pk, [f"screening-draft:{draft.pk}"])
    return draft


def draft_discard(*, actor: Actor, client: Client, draft: ScreeningDraft) -> None:
    with transaction.atomic():
        draft_id = draft.pk
        draft.delete()
        _log(actor, AuditEvent.DELETE, client.pk, [f"screening-draft:{draft_id}"])


# --- Saving a screening, and the profile that follows from it ----------------------------------


@dataclass(frozen=True)
class Recorded:
    screening: Screening
    change: ProfileChange | None
    task: FollowUpTask | None


def screening_record(
    *,
    actor: Actor,
    client: Client,
    instrument: Instrument,
    answers: Mapping[str, object],
    mode: AdministrationMode,
    completed_at: datetime | None = None,
    language: str = "nl",
    draft: ScreeningDraft | None = None,
    notify_coordinators: bool = True,
) -> Recorded:
    """Score and store one completed instrument, then update the older person's risk profile.

    Raises ``AnswerError`` (naming the items) when the answers are incomplete
    or wrong; nothing is stored then. A changed profile adds a history row,
    closes the follow-up proposed for the old profile, proposes the follow-up
    for the new one and tells the network's coordinator, all in one
    transaction with one access-log row.
    """
    when = completed_at or timezone.now()
    clean = check_answers(instrument, answers)
    result = score(instrument, clean)
    response = _response(
        instrument, clean, client=client, mode=mode, actor=actor, when=when, language=language
    )
    user = actor.user
    person = Person.objects.filter(user=user).first() if user is not None else None
    with transaction.atomic():
        screening = Screening.objects.create(
            client=client,
            instrument=result.instrument,
            instrument_version=result.version,
            definition=result.definition,
            score=result.score,
            max_score=result.max,
            cutoff=result.cutoff,
            positive=result.positive,
            result=result.as_dict(),
            response=response,
            mode=mode,
            administered_by=user,
            administered_by_name=user.full_name if user is not None else "",
            administered_by_discipline=person.discipline if person else "",
            completed_at=when,
        )
        if draft is not None:
            draft.delete()
        change, task = _profile_update(
            actor=actor, client=client, cause=screening, notify_coordinators=notify_coordinators
        )
        objects = [f"screening:{screening.pk}"]
        if change is not None:
            objects.append(f"profile-change:{change.pk}")
        if task is not None:
            objects.append(f"follow-up:{task.pk}")
        _log(actor, AuditEvent.CREATE, client.pk, objects)
    return Recorded(screening, change, task)


def _response(
    instrument: Instrument,
    answers: Mapping[str, Answer],
    *,
    client: Client,
    mode: AdministrationMode,
    actor: Actor,
    when: datetime,
    language: str,
) -> dict[str, Any]:
    """The QuestionnaireResponse, with who wrote it down and who gave the answers."""
    patient = {"reference": f"Patient/{client.pk}"}
    response = to_questionnaire_response(
        instrument, answers, authored=when, subject=patient["reference"], language=language
    )
    user = actor.user
    person = Person.objects.filter(user=user).first() if user is not None else None
    practitioner: dict[str, str] = {"display": user.full_name if user is not None else "Vangnet"}
    if person is not None:
        practitioner = {"reference": f"Practitioner/{person.pk}", **practitioner}
    if mode == AdministrationMode.SELF:
        response["author"] = patient
        response["source"] = patient
    else:
        response["author"] = practitioner
        # The answers come from the older person, except on a scan the professional scores.
        response["source"] = practitioner if instrument.code in PROFESSIONAL_ONLY else patient
    validate_questionnaire_response(response)
    return response


def current_profile(client: Client) -> ProfileChange | None:
    return ProfileChange.objects.filter(client=client).order_by("-changed_at", "-pk").first()


def _profile_update(
    *, actor: Actor, client: Client, cause: Screening, notify_coordinators: bool
) -> tuple[ProfileChange | None, FollowUpTask | None]:
    parameters = ProfileRule.for_network(client.network).parameters()
    since = cause.completed_at - timedelta(days=parameters["lookback_days"])
    results = Screening.objects.filter(
        client=client, completed_at__gte=since, completed_at__lte=cause.completed_at
    ).only("pk", "instrument", "score", "completed_at")
    decision = decide_profile(latest_results(ResultFacts.of(s) for s in results), parameters)
    current = current_profile(client)
    previous = current.profile if current is not None else ""
    if decision.profile is None or decision.profile == previous:
        return None, None
    change = ProfileChange.objects.create(
        client=client,
        profile=decision.profile,
        previous_profile=previous,
        cause=cause,
        basis=[reason.as_dict() for reason in decision.reasons],
        rule_name=decision.rule,
        rule=(
            parameters | SAMENOUD_THRESHOLDS
            if decision.rule == ProfileRuleName.SAMENOUD
            else parameters
        ),
        changed_at=cause.completed_at,
        changed_by=actor.user,
    )
    FollowUpTask.objects.filter(client=client).open().update(
        status=TaskStatus.SUPERSEDED, resolved_at=cause.completed_at
    )
    task = FollowUpTask.objects.create(
        client=client,
        network=client.network,
        profile_change=change,
        kind=FOLLOW_UP[decision.profile],
        created_at=cause.completed_at,
    )
    if notify_coordinators:
        # The message names nobody: the link leads to the list, behind the door.
        with translation.override(settings.LANGUAGE_CODE):
            notify(
                recipients=coordinators_of(client.network),
                kind="screening.profile",
                subject=_("New risk profile: a follow-up is proposed"),
                body=_(
                    "A screening changed the risk profile of an older person in your network. "
                    "The proposed follow-up is on your list."
                ),
                url=reverse("screening:tasks"),
            )
    return change, task


# --- Follow-up and the network's rule ----------------------------------------------------------


class TaskAlreadyHandled(Exception):
    """The follow-up was already done, declined or replaced."""


def task_resolve(
    *,
    actor: Actor,
    task: FollowUpTask,
    status: TaskStatus,
    note: str = "",
    when: datetime | None = None,
) -> FollowUpTask:
    """Mark a proposed follow-up as done or not needed."""
    if status not in (TaskStatus.DONE, TaskStatus.NOT_NEEDED):
        raise ValueError(f"a follow-up is resolved as done or not needed, not {status}")
    with transaction.atomic():
        locked = FollowUpTask.objects.select_for_update().get(pk=task.pk)
        if not locked.is_open:
            raise TaskAlreadyHandled
        locked.status = status
        locked.note = note.strip()[:300]
        locked.resolved_at = when or timezone.now()
        locked.resolved_by = actor.user
        locked.save(update_fields=["status", "note", "resolved_at", "resolved_by"])
        _log(actor, AuditEvent.UPDATE, locked.client_id, [f"follow-up:{locked.pk}"])
    return locked


def rule_save(*, actor: Actor, network: Network, data: Mapping[str, int]) -> ProfileRule:
    """Store the network's profile rule; it applies to results saved from now on."""
    values = {name: int(data[name]) for name in ProfileRule.PARAMETERS}
    with transaction.atomic():
        rule, _created = ProfileRule.objects.update_or_create(
            network=network, defaults={**values, "updated_by": actor.user}
        )
    return rule
