"""The referrals section of an older person's AVG export (``EXPORT_SECTIONS``)."""

from typing import Any

from django.utils import timezone

from vangnet.clients.models import Client
from vangnet.referrals.models import Referral


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def referrals_export(client: Client) -> list[dict[str, Any]]:
    """Every referral of this older person, with its history, in plain data."""
    rows = (
        Referral.objects.filter(client=client)
        .select_related("referring_organisation", "receiving_organisation", "service")
        .prefetch_related("events")
        .order_by("sent_at", "pk")
    )
    return [
        {
            "from": r.referring_organisation.name,
            "to": r.receiver_label(),
            "reason": r.reason,
            "kinds_of_question": r.category_labels(),
            "contact_by": r.get_contact_preference_display(),
            "contact_note": r.contact_note,
            "status": r.get_status_display(),
            "sent_at": _plain(timezone.localtime(r.sent_at)),
            "first_contact_on": _plain(r.first_contact_on),
            "feedback_at_first_contact": r.first_contact_feedback,
            "feedback_at_completion": r.completion_feedback,
            "activities": r.theme_labels(),
            "follow_up": r.get_follow_up_outcome_display(),
            "follow_up_note": r.follow_up_note,
            "history": [
                {
                    "when": _plain(timezone.localtime(e.at)),
                    "what": e.get_kind_display(),
                    "status": e.get_to_status_display(),
                    "by": e.actor_label,
                    "note": e.note,
                }
                for e in r.events.all()
            ],
        }
        for r in rows
    ]
