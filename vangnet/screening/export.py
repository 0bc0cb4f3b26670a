"""The screening part of an older person's AVG export: results, profile history, follow-up."""

from typing import Any

from vangnet.clients.models import Client
from vangnet.screening.models import FollowUpTask, ProfileChange, Screening, ScreeningDraft


def screening_export(client: Client) -> dict[str, Any]:
    """Everything the screening part of Vangnet holds about ``client``, as plain data."""
    return {
        "results": [
            {
                "instrument": s.instrument,
                "version": s.instrument_version,
                "completed_at": s.completed_at.isoformat(),
                "score": s.score,
                "max": s.max_score,
                "cutoff": s.cutoff,
                "positive": s.positive,
                "subscales": s.subscales,
                "how": s.mode,
                "administered_by": s.administered_by_name,
                "discipline": s.administered_by_discipline,
                "questionnaire_response": s.response,
            }
            for s in Screening.objects.filter(client=client).order_by("completed_at", "pk")
        ],
        "risk_profiles": [
            {
                "profile": c.profile,
                "previous_profile": c.previous_profile,
                "changed_at": c.changed_at.isoformat(),
                "reasons": c.basis,
                "rule_name": c.rule_name,
                "rule": c.rule,
            }
            for c in ProfileChange.objects.filter(client=client).order_by("changed_at", "pk")
        ],
        "follow_up": [
            {
                "follow_up": t.kind,
                "status": t.status,
                "proposed_at": t.created_at.isoformat(),
                "handled_at": t.resolved_at.isoformat() if t.resolved_at else None,
                "note": t.note,
            }
            for t in FollowUpTask.objects.filter(client=client).order_by("created_at", "pk")
        ],
        "unfinished": [
            {
                "instrument": d.instrument,
                "started_at": d.started_at.isoformat(),
                "answers": d.answers,
            }
            for d in ScreeningDraft.objects.filter(client=client).order_by("started_at", "pk")
        ],
    }
