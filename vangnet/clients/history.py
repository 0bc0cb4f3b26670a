"""Who looked at an older person's data, read back from the access log for them."""

from typing import Any

from django.utils.translation import gettext as _

from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.consent.models import DataCategory


def access_history_rows(client_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Who looked at this person's data: organisation, role, what and when; newest first."""
    labels = dict(AuditEvent.choices)
    categories = dict(DataCategory.choices)
    rows = AccessLogEntry.objects.for_client(client_id).order_by("-occurred_at", "-pk")[:limit]
    return [
        {
            "when": row.occurred_at,
            "organisation": row.organisation_label or _("Vangnet (system)"),
            "role": row.role_label,
            "who": row.user_label.split(" <")[0],
            "what": str(labels.get(row.event, row.event)),
            "data": str(categories.get(row.data_category, row.data_category)),
            "break_glass": row.break_glass,
        }
        for row in rows
    ]
