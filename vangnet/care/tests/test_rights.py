"""The older person's rights reach the pathway and plan: in the export, and gone on erasure."""

import pytest

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care.models import Analysis, Conversation, Goal, MeetingItem, Plan, StepEvent
from vangnet.care.tests.factories import (
    action_for,
    analysed,
    gp_and_social_worker,
    meeting,
    on_agenda,
)
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.rights.erasure import client_erase
from vangnet.rights.export import client_export, export_pdf

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_pathway_conversation_analysis_and_plan(
    alice: User, bob: User
) -> None:
    older = client_shared_with(bob, alice)
    analysed(older, bob)
    action_for(bob, older, person_for(bob), description="Boodschappenhulp regelen")
    data = client_export(older)
    kinds = {record["kind"] for record in data["care"]}
    assert {"pathway_step", "conversation", "analysis", "plan"} <= kinds
    conversation = next(r for r in data["care"] if r["kind"] == "conversation")
    assert conversation["what_matters"] == "Thuis blijven wonen."
    plan = next(r for r in data["care"] if r["kind"] == "plan")
    assert plan["content"]["actions"][0]["description"] == "Boodschappenhulp regelen"
    assert export_pdf(data).startswith(b"%PDF")


def test_erasure_removes_everything_of_the_pathway_and_plan(alice: User, bob: User) -> None:
    person_for(alice)
    gp, social = gp_and_social_worker()
    older = client_shared_with(bob, alice)
    analysed(older, bob)
    action_for(bob, older, person_for(bob))
    on_agenda(alice, older, meeting(alice, [gp, social], older))
    client_erase(actor=Actor(user=alice), client=older, reason="Verzoek van de oudere")
    for model in (StepEvent, Conversation, Analysis, Plan, Goal, MeetingItem):
        assert not model.objects.exists(), model.__name__
