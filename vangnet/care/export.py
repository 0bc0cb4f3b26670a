"""The pathway, conversations, analyses, plan, evaluations and MDO items in the AVG export."""

from datetime import date, datetime
from typing import Any

from vangnet.care.models import (
    Analysis,
    Conversation,
    Evaluation,
    MeetingItem,
    Plan,
    StepEvent,
)
from vangnet.clients.models import Client


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def care_export(client: Client) -> list[dict[str, Any]]:
    """One record per item, each with its kind, in plain values."""
    records: list[dict[str, Any]] = [
        {
            "kind": "pathway_step",
            "step": e.step,
            "status": e.status,
            "date": _plain(e.occurred_on),
            "by": e.by_label,
            "what_happened": e.source,
            "note": e.note,
        }
        for e in StepEvent.objects.filter(client=client)
    ]
    for c in Conversation.objects.filter(client=client):
        records.append(
            {
                "kind": "conversation",
                "date": _plain(c.held_on),
                "by": c.held_by_label,
                "what_matters": c.what_matters,
                "goals": c.goals,
                "positive_health": {label: score for label, score in c.scores()},
                "carer_says": c.carer_says,
                "carer_needs": c.carer_needs,
            }
        )
    for a in Analysis.objects.filter(client=client).prefetch_related("findings"):
        records.append(
            {
                "kind": "analysis",
                "date": _plain(a.done_on),
                "by": a.done_by_label,
                "summary": a.summary,
                "findings": [
                    {
                        "domain": f.domain,
                        "text": f.text,
                        "butterfly": f.quarters,
                        "source": f.source,
                        "further_assessment": f.further_assessment,
                    }
                    for f in a.findings.all()
                ],
            }
        )
    plan = Plan.objects.filter(client=client).first()
    if plan is not None:
        latest = plan.versions.first()
        records.append(
            {
                "kind": "plan",
                "version": plan.version,
                "agreed_on": _plain(plan.agreed_on),
                "agreed_by": plan.agreed_by,
                "agreed_how": plan.agreed_how,
                "evaluate_on": _plain(plan.evaluate_on),
                "content": latest.snapshot if latest else {},
                "history": [
                    {"version": v.number, "at": _plain(v.made_at), "by": v.made_by_label}
                    for v in plan.versions.all()
                ],
            }
        )
        for ev in Evaluation.objects.filter(plan=plan).prefetch_related("reviews"):
            records.append(
                {
                    "kind": "evaluation",
                    "date": _plain(ev.held_on),
                    "by": ev.held_by_label,
                    "next": _plain(ev.next_on),
                    "goals": [
                        {"goal": r.goal_text, "result": r.outcome, "own_view": r.own_view}
                        for r in ev.reviews.all()
                    ],
                }
            )
    for item in MeetingItem.objects.filter(client=client).select_related("meeting"):
        records.append(
            {
                "kind": "mdo",
                "date": _plain(item.meeting.starts_at),
                "reason": item.reason,
                "minutes": item.minutes,
            }
        )
    return records
