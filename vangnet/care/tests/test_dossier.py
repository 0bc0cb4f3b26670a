"""The plan's part of the dossier: the steps, the plan in short, the MDO only with its purpose."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care import actions
from vangnet.care.dossier import MDO_READ, plan_part
from vangnet.care.models import StepStatus
from vangnet.care.tests.factories import action_for, analysed, meeting, on_agenda
from vangnet.clients.access import decisions_for
from vangnet.clients.dossier import TIMELINE_LIMIT, Viewer, dossier_open
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.consent.models import Consent, Purpose

pytestmark = pytest.mark.django_db


def _viewer(user: User, older: Client) -> Viewer:
    decisions = decisions_for(user, older)
    return Viewer(user=user, person=decisions.person, decisions=decisions)


def test_the_latest_moment_is_the_current_step(bob: User) -> None:
    older = client_shared_with(bob)
    analysed(older, bob, on=timezone.localdate() - timedelta(days=3))
    part = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    assert part.steps is not None
    assert part.steps.current == 3
    assert dict(part.steps.states) == {2: "done", 3: "done"}


def test_an_older_person_without_a_plan_says_so(bob: User) -> None:
    older = client_shared_with(bob)
    with translation.override("nl"):
        part = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    assert [line.text for line in part.lines] == ["Nog geen plan."]
    assert [(f.label, f.value) for f in part.facts] == [("Volgende evaluatie", "niet gepland")]
    assert part.steps is not None and part.steps.current is None
    assert part.events == []


def test_late_actions_and_an_overdue_evaluation_stand_out(bob: User) -> None:
    older = client_shared_with(bob)
    today = timezone.localdate()
    action_for(bob, older, person_for(bob), due_on=today - timedelta(days=1))
    action_for(bob, older, person_for(bob), due_on=today + timedelta(days=5))
    actions.plan_agree(
        actor=Actor(bob),
        client=older,
        agreed_on=today - timedelta(days=100),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=today - timedelta(days=8),
    )
    with translation.override("nl"):
        part = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    texts = {line.text: line.warn for line in part.lines}
    assert texts["2 acties staan open."] is False
    assert texts["1 actie is over de datum."] is True
    (fact,) = part.facts
    assert fact.value.endswith("(te laat)") and fact.tone == "tag tag-warn"
    titles = [e.title for e in part.events]
    assert (
        titles.count("Plan versie 3") == 1 and "Stap 6, Uitvoeren en evalueren: begonnen" in titles
    )


def test_mdo_entries_need_the_mdo_purpose(bob: User) -> None:
    older = client_shared_with(bob)
    held = meeting(bob, [bob], older, days_ahead=-2)
    on_agenda(bob, older, held)
    on_agenda(bob, older, meeting(bob, [bob], older, days_ahead=5))
    with_mdo = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    assert [e.need for e in with_mdo.events] == [MDO_READ]
    assert any(line.need == MDO_READ for line in with_mdo.lines)

    Consent.objects.filter(client=older).update(purposes=[Purpose.CARE_PLAN])
    without = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    assert not any(line.need == MDO_READ for line in without.lines)
    shown = dossier_open(Actor(bob), older.pk)
    (plan,) = [s for s in shown.sections if s.key == "plan"]
    assert plan.shared
    assert not [link for link in plan.links if "/mdo/" in link.url]
    assert not [e for e in shown.timeline if e.need == MDO_READ]


def test_an_evaluation_and_a_step_recorded_by_hand_are_in_the_timeline(bob: User) -> None:
    older = client_shared_with(bob)
    today = timezone.localdate()
    actions.step_record(
        actor=Actor(bob),
        client=older,
        step=1,
        status=StepStatus.DONE,
        occurred_on=today - timedelta(days=20),
        by_person=None,
        note="Buurvrouw belde de huisarts",
    )
    actions.evaluation_record(
        actor=Actor(bob),
        client=older,
        held_on=today - timedelta(days=1),
        reviews=[],
        next_on=today + timedelta(days=90),
    )
    with translation.override("nl"):
        part = plan_part(older, _viewer(bob, older), limit=TIMELINE_LIMIT)
    events = {e.title: e for e in part.events}
    assert events["Stap 1, Signaleren: gedaan"].detail == "Buurvrouw belde de huisarts"
    evaluation = events["Evaluatie van het plan"]
    assert evaluation.on == today - timedelta(days=1)
    assert evaluation.detail.startswith("Volgende evaluatie: ")
    assert evaluation.url == f"/care/clients/{older.pk}/evaluation/"
