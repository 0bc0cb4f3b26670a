"""A referral as a FHIR R4 ServiceRequest (the request) plus a Task (the work on it).

The pair follows the FHIR workflow pattern for referrals: the ServiceRequest
holds what is asked and why; the Task carries who does it, where it stands, the
term for first contact and the feedback. The older person appears as a reference
only (``Patient/<number>``), never by name. Status mapping: ``lifecycle.FHIR_STATUS``.
"""

from typing import Any

from django.utils import timezone

from vangnet.referrals.lifecycle import FHIR_STATUS
from vangnet.referrals.models import Category, ContactPreference, Referral, Status, Theme

BASE = "https://vangnet.nl/fhir"
STATUS_SYSTEM = f"{BASE}/CodeSystem/referral-status"
CATEGORY_SYSTEM = f"{BASE}/CodeSystem/referral-category"
THEME_SYSTEM = f"{BASE}/CodeSystem/referral-theme"
SNOMED = "http://snomed.info/sct"
# SNOMED CT 3457005 "Patient referral": the example category of FHIR R4's ServiceRequest.
PATIENT_REFERRAL = {"system": SNOMED, "code": "3457005", "display": "Patient referral"}


def _instant(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _organisation(pk: int, name: str) -> dict[str, str]:
    return {"reference": f"Organization/{pk}", "display": name}


def service_request_id(referral: Referral) -> str:
    return f"referral-{referral.pk}"


def as_service_request(referral: Referral) -> dict[str, Any]:
    request_status, _task_status = FHIR_STATUS[Status(referral.status)]
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": service_request_id(referral),
        "status": request_status,
        "intent": "order",
        "category": [{"coding": [PATIENT_REFERRAL]}],
        "code": {
            "coding": [
                {"system": CATEGORY_SYSTEM, "code": code, "display": str(Category(code).label)}
                for code in referral.categories
                if code in Category.values
            ],
        },
        "subject": {"reference": f"Patient/{referral.client_id}"},
        "authoredOn": _instant(referral.sent_at),
        "requester": _organisation(
            referral.referring_organisation_id, referral.referring_organisation.name
        ),
        "performer": [
            _organisation(referral.receiving_organisation_id, referral.receiving_organisation.name)
        ],
        "reasonCode": [{"text": referral.reason}],
        "patientInstruction": str(ContactPreference(referral.contact_preference).label)
        + (f". {referral.contact_note}" if referral.contact_note else ""),
    }
    if referral.consent_id:
        resource["supportingInfo"] = [{"reference": f"Consent/{referral.consent_id}"}]
    if referral.redirected_from_id:
        resource["replaces"] = [
            {"reference": f"ServiceRequest/referral-{referral.redirected_from_id}"}
        ]
    return resource


def as_task(referral: Referral) -> dict[str, Any]:
    _request_status, task_status = FHIR_STATUS[Status(referral.status)]
    request_ref = {"reference": f"ServiceRequest/{service_request_id(referral)}"}
    last_event = referral.events.order_by("-at", "-pk").first()
    resource: dict[str, Any] = {
        "resourceType": "Task",
        "id": f"referral-task-{referral.pk}",
        "status": task_status,
        "businessStatus": {
            "coding": [
                {
                    "system": STATUS_SYSTEM,
                    "code": referral.status,
                    "display": str(Status(referral.status).label),
                }
            ]
        },
        "intent": "order",
        "basedOn": [request_ref],
        "focus": request_ref,
        "for": {"reference": f"Patient/{referral.client_id}"},
        "authoredOn": _instant(referral.sent_at),
        "lastModified": _instant(last_event.at if last_event else referral.sent_at),
        "requester": _organisation(
            referral.referring_organisation_id, referral.referring_organisation.name
        ),
        "owner": _organisation(
            referral.receiving_organisation_id, referral.receiving_organisation.name
        ),
        # The agreed term: first contact by the end of this day.
        "restriction": {"period": {"end": referral.first_contact_due_on.isoformat()}},
    }
    if referral.accepted_at:
        period = {"start": _instant(referral.accepted_at)}
        if referral.completed_at:
            period["end"] = _instant(referral.completed_at)
        resource["executionPeriod"] = period
    if referral.status in (Status.DECLINED, Status.REDIRECTED, Status.CANCELLED) and last_event:
        resource["statusReason"] = {"text": last_event.note or str(Status(referral.status).label)}
    outputs = []
    if referral.first_contact_on:
        outputs.append(
            {
                "type": {"text": "first-contact-date"},
                "valueDate": referral.first_contact_on.isoformat(),
            }
        )
    for kind, text in (
        ("feedback-first-contact", referral.first_contact_feedback),
        ("feedback-completion", referral.completion_feedback),
    ):
        if text:
            outputs.append({"type": {"text": kind}, "valueString": text})
    for theme in referral.themes or []:
        outputs.append(
            {
                "type": {"text": "activity-theme"},
                "valueCoding": {
                    "system": THEME_SYSTEM,
                    "code": theme,
                    "display": str(Theme(theme).label),
                },
            }
        )
    if referral.follow_up_outcome:
        outputs.append(
            {
                "type": {"text": "follow-up-outcome"},
                "valueString": referral.get_follow_up_outcome_display()
                + (f". {referral.follow_up_note}" if referral.follow_up_note else ""),
            }
        )
    if outputs:
        resource["output"] = outputs
    return resource


def as_fhir(referral: Referral) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ServiceRequest and the Task for one referral, as plain FHIR R4 JSON objects."""
    return as_service_request(referral), as_task(referral)
