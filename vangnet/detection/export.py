"""The signals about an older person, for the export under the AVG right of access.

The reporter's name and contact details are left out: they are someone else's personal data
(AVG article 15(4)). What kind of reporter it was (a neighbour, a volunteer) is included.
"""

from typing import Any

from vangnet.clients.models import Client
from vangnet.detection.models import Signal


def signals_export(client: Client) -> list[dict[str, Any]]:
    rows = Signal.objects.filter(client=client).select_related("recipient__organisation")
    return [
        {
            "received_at": s.received_at.isoformat(),
            "reported_by": str(s.get_reporter_kind_display()) if s.reporter_kind else "",
            "what_worries": s.category_labels(),
            "description": s.description,
            "urgency": str(s.get_urgency_display()),
            "status": str(s.get_status_display()),
            "passed_on_to": (
                f"{s.recipient.get_discipline_display()}, {s.recipient.organisation.name}"
                if s.recipient
                else ""
            ),
            "closed_at": s.closed_at.isoformat() if s.closed_at else None,
            "close_reason": str(s.get_close_reason_display()) if s.close_reason else "",
        }
        for s in rows.order_by("received_at", "pk")
    ]
