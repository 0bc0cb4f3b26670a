"""A referral as a FHIR R4 ServiceRequest and Task, validated by fhir.resources (R4B models)."""

import json

import pytest
from django.utils import timezone
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.referrals import actions
from vangnet.referrals.actions import Target
from vangnet.referrals.fhir import STATUS_SYSTEM, as_fhir
from vangnet.referrals.lifecycle import FHIR_STATUS
from vangnet.referrals.models import Referral, Status

from .factories import World, bring_to_first_contact, build_world, refer

pytestmark = pytest.mark.django_db

# The code lists of FHIR R4 (request-status and task-status value sets).
REQUEST_STATUSES = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"}
TASK_STATUSES = {
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
}


@pytest.fixture
def world(bob: User) -> World:
    return build_world(bob)


def test_every_status_maps_to_a_valid_pair() -> None:
    assert set(FHIR_STATUS) == set(Status)
    for request_status, task_status in FHIR_STATUS.values():
        assert request_status in REQUEST_STATUSES
        assert task_status in TASK_STATUSES


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_a_referral_in_any_status_renders_as_a_valid_pair(world: World, status: Status) -> None:
    referral = refer(world)
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    service_request, task = as_fhir(referral)
    parsed_request = ServiceRequest.model_validate(service_request)
    parsed_task = Task.model_validate(task)
    assert (parsed_request.status, parsed_task.status) == FHIR_STATUS[status]
    (coding,) = task["businessStatus"]["coding"]
    assert (coding["system"], coding["code"]) == (STATUS_SYSTEM, status.value)
    assert task["basedOn"] == [{"reference": f"ServiceRequest/{service_request['id']}"}]
    assert service_request["subject"] == {"reference": f"Patient/{world.client.pk}"}


def test_the_pair_carries_the_loop_but_no_name(world: World) -> None:
    referral = bring_to_first_contact(world, refer(world), contacted_on=timezone.localdate())
    referral = actions.referral_start(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        themes=["exercise", "nature"],
    )
    referral = actions.referral_complete(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        feedback="Wandelt nu twee keer per week mee.",
    )
    service_request, task = as_fhir(referral)
    Task.model_validate(task)
    ServiceRequest.model_validate(service_request)
    assert service_request["status"] == "completed" and task["status"] == "completed"
    outputs = {o["type"]["text"]: o for o in task["output"]}
    assert outputs["feedback-completion"]["valueString"] == "Wandelt nu twee keer per week mee."
    assert outputs["first-contact-date"]["valueDate"] == timezone.localdate().isoformat()
    themes = [o["valueCoding"]["code"] for o in task["output"] if "valueCoding" in o]
    assert themes == ["nature", "exercise"]
    assert task["restriction"]["period"]["end"] == referral.first_contact_due_on.isoformat()
    text = json.dumps([service_request, task], ensure_ascii=False)
    assert world.client.family_name not in text and world.client.given_name not in text


def test_a_passed_on_referral_replaces_the_earlier_request(world: World) -> None:
    referral = actions.referral_receive(actor=Actor(world.worker), referral=refer(world))
    successor = actions.referral_redirect(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        target=Target.for_service(world.other_service),
        reason="Past beter bij het wijkteam",
        agreed=True,
    )
    new_request, _task = as_fhir(successor)
    ServiceRequest.model_validate(new_request)
    assert new_request["replaces"] == [{"reference": f"ServiceRequest/referral-{referral.pk}"}]
    referral.refresh_from_db()
    old_request, old_task = as_fhir(referral)
    Task.model_validate(old_task)
    assert (old_request["status"], old_task["status"]) == ("revoked", "rejected")
    assert old_task["statusReason"] == {"text": "Past beter bij het wijkteam"}
