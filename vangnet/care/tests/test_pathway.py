"""The six steps: no fixed order, revisits are new rows, history is never overwritten."""

from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.care import actions
from vangnet.care.models import (
    Analysis,
    Conversation,
    Finding,
    Goal,
    HistoryRowChanged,
    StepEvent,
    StepSource,
    StepStatus,
)
from vangnet.care.pathway import pathway_of
from vangnet.care.tests.factories import actor
from vangnet.clients.tests.factories import client_shared_with
from vangnet.conftest import log_in
from vangnet.directory.models import PathwayStep

pytestmark = pytest.mark.django_db


def test_recording_a_conversation_marks_step_two_done_and_copies_the_goals(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:conversation-new", kwargs={"client_id": older.pk}),
        {
            "held_on": "2026-03-02",
            "what_matters": "Dat ik in mijn eigen huis kan blijven.",
            "goals": "Zelf boodschappen doen\n- Niet meer vallen\n",
            "goals_to_plan": "on",
            "score_bodily": "6",
            "score_meaning": "",
            "carer_says": "Het wordt me te veel.",
        },
    )
    assert response.status_code == 302
    conversation = Conversation.objects.get(client=older)
    assert conversation.what_matters == "Dat ik in mijn eigen huis kan blijven."
    assert conversation.score_bodily == 6 and conversation.score_meaning is None
    event = StepEvent.objects.get(client=older)
    assert (event.step, event.status, event.occurred_on) == (
        PathwayStep.CONVERSATION,
        StepStatus.DONE,
        date(2026, 3, 2),
    )
    assert event.by_label == "Bob Jansen"
    assert list(Goal.objects.filter(plan__client=older).values_list("text", flat=True)) == [
        "Zelf boodschappen doen",
        "Niet meer vallen",
    ]
    assert AccessLogEntry.objects.filter(
        client_id=older.pk, event=AuditEvent.CREATE, data_category="plan"
    ).exists()


def test_a_score_outside_zero_to_ten_is_refused_and_the_text_is_kept(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:conversation-new", kwargs={"client_id": older.pk}),
        {"held_on": "2026-03-02", "what_matters": "Mijn tuin.", "score_mental": "11"},
    )
    assert response.status_code == 200
    assert not Conversation.objects.exists()
    page = response.content.decode()
    assert "Mijn tuin." in page
    assert "hoogstens 10" in page


def test_steps_have_no_fixed_order(bob: User) -> None:
    older = client_shared_with(bob)
    today = timezone.localdate()
    actions.step_record(
        actor=actor(bob),
        client=older,
        step=PathwayStep.ANALYSIS,
        status=StepStatus.DONE,
        occurred_on=today - timedelta(days=3),
    )
    actions.step_record(
        actor=actor(bob),
        client=older,
        step=PathwayStep.SIGNALLING,
        status=StepStatus.DONE,
        occurred_on=today,
    )
    path = pathway_of(older)
    assert path.done(PathwayStep.ANALYSIS) and path.done(PathwayStep.SIGNALLING)
    assert not path.done(PathwayStep.CONVERSATION)
    assert path.latest is not None and path.latest.step == PathwayStep.SIGNALLING


def test_a_step_done_again_is_a_revisit_and_the_first_row_stays(bob: User) -> None:
    older = client_shared_with(bob)
    first_day = timezone.localdate() - timedelta(days=40)
    actions.step_record(
        actor=actor(bob),
        client=older,
        step=PathwayStep.ANALYSIS,
        status=StepStatus.DONE,
        occurred_on=first_day,
    )
    first = StepEvent.objects.get(client=older)
    actions.step_record(
        actor=actor(bob),
        client=older,
        step=PathwayStep.ANALYSIS,
        status=StepStatus.BEGUN,
        occurred_on=timezone.localdate(),
        note="Gevallen; opnieuw kijken.",
    )
    first.refresh_from_db()
    assert first.status == StepStatus.DONE and first.occurred_on == first_day
    path = pathway_of(older)
    history = [m for m in path.history if m.step == PathwayStep.ANALYSIS]
    assert [m.is_revisit for m in history] == [False, True]
    state = next(s for s in path.steps if s.step == PathwayStep.ANALYSIS)
    assert state.status == StepStatus.BEGUN and state.revisited and state.times_done == 1


def test_history_rows_cannot_be_changed(bob: User) -> None:
    older = client_shared_with(bob)
    event = actions.step_record(
        actor=actor(bob),
        client=older,
        step=PathwayStep.SIGNALLING,
        status=StepStatus.DONE,
        occurred_on=timezone.localdate(),
    )
    event.note = "overschreven"
    with pytest.raises(HistoryRowChanged):
        event.save()
    assert StepEvent.objects.get(pk=event.pk).note == ""


def test_the_pathway_page_shows_steps_history_and_revisits(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    for status in (StepStatus.DONE, StepStatus.DONE):
        actions.step_record(
            actor=actor(bob),
            client=older,
            step=PathwayStep.SIGNALLING,
            status=status,
            occurred_on=timezone.localdate(),
            note="Signaal van de apotheek",
        )
    log_in(client, bob)
    response = client.get(reverse("care:pathway", kwargs={"client_id": older.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Traject van" in page and older.full_name in page
    assert page.count("Signaal van de apotheek") == 2
    assert "opnieuw gedaan" in page


def test_recording_a_step_by_hand(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:step-add", kwargs={"client_id": older.pk}),
        {"step": "1", "status": "done", "occurred_on": "2026-01-05", "note": "Buurvrouw belde"},
    )
    assert response.status_code == 302
    event = StepEvent.objects.get(client=older)
    assert event.source == StepSource.MANUAL and event.note == "Buurvrouw belde"


def _analysis_post(**extra: str) -> dict[str, str]:
    data = {"done_on": "2026-03-09", "summary": ""}
    for domain in (
        "physical",
        "cognitive",
        "psychological",
        "social",
        "housing",
        "finances",
        "daily_life",
    ):
        data[f"{domain}-source"] = "conversation"
    data.update(extra)
    return data


def test_the_analysis_keeps_findings_per_domain_and_butterfly_quarter(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:analysis-new", kwargs={"client_id": older.pk}),
        _analysis_post(
            **{
                "physical-text": "Twee keer gevallen.",
                "physical-quarters": "cure",
                "physical-source": "observation",
                "physical-further_assessment": "on",
                "physical-assessment_by_discipline": "fysiotherapeut",
                "housing-text": "Drempels in huis.",
                "housing-quarters": "housing",
            }
        ),
    )
    assert response.status_code == 302
    analysis = Analysis.objects.get(client=older)
    findings = {f.domain: f for f in Finding.objects.filter(analysis=analysis)}
    assert set(findings) == {"physical", "housing"}
    assert findings["physical"].quarters == ["cure"]
    assert findings["physical"].further_assessment
    assert findings["physical"].assessment_by_discipline == "fysiotherapeut"
    assert findings["housing"].source == "conversation"
    assert pathway_of(older).done(PathwayStep.ANALYSIS)
    page = client.get(reverse("care:analysis", kwargs={"client_id": older.pk})).content.decode()
    assert "Twee keer gevallen." in page and "Vlindermodel" in page


def test_further_assessment_needs_someone_to_do_it(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:analysis-new", kwargs={"client_id": older.pk}),
        _analysis_post(**{"social-text": "Eenzaam.", "social-further_assessment": "on"}),
    )
    assert response.status_code == 200
    assert not Analysis.objects.exists()
    page = response.content.decode()
    assert "Eenzaam." in page
    assert "Zeg wie het verdere onderzoek doet" in page


def test_an_empty_analysis_is_refused(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:analysis-new", kwargs={"client_id": older.pk}), _analysis_post()
    )
    assert response.status_code == 200
    assert not Analysis.objects.exists()
    assert not StepEvent.objects.exists()
