"""The plan's history: each change is a numbered version with the whole plan and what changed."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from vangnet.audit.log import Actor
from vangnet.care.models import (
    ActionStatus,
    AgreedBy,
    LifeDomain,
    OwnerKind,
    Plan,
    PlanVersion,
)
from vangnet.consent.models import ConsentMethod


def snapshot(plan: Plan) -> dict[str, Any]:
    """The plan as it stands, as plain JSON values."""
    goals = [
        {"id": g.pk, "text": g.text, "domain": g.domain, "active": g.is_active}
        for g in plan.goals.order_by("position", "pk")
    ]
    actions = [
        {
            "id": a.pk,
            "description": a.description,
            "goal": a.goal_id,
            "owner_kind": a.owner_kind,
            "owner": a.owner_label(),
            "due_on": a.due_on.isoformat() if a.due_on else None,
            "status": a.status,
        }
        for a in plan.actions.select_related("owner_person__organisation", "owner_carer").order_by(
            "pk"
        )
    ]
    return {
        "goals": goals,
        "actions": actions,
        "agreement": {
            "agreed_on": plan.agreed_on.isoformat() if plan.agreed_on else None,
            "agreed_by": plan.agreed_by,
            "agreed_how": plan.agreed_how,
            "note": plan.agreement_note,
        },
        "evaluate_on": plan.evaluate_on.isoformat() if plan.evaluate_on else None,
    }


def _rows_diff(kind: str, label_key: str, before: list[Any], after: list[Any]) -> list[Any]:
    old = {row["id"]: row for row in before}
    new = {row["id"]: row for row in after}
    changes = []
    for row_id, row in new.items():
        if row_id not in old:
            changes.append({"kind": kind, "change": "added", "label": row[label_key], "fields": {}})
            continue
        fields = {
            k: [old[row_id].get(k), v]
            for k, v in row.items()
            if k != "id" and old[row_id].get(k) != v
        }
        if fields:
            label = old[row_id][label_key]
            changes.append({"kind": kind, "change": "changed", "label": label, "fields": fields})
    for row_id, row in old.items():
        if row_id not in new:
            changes.append(
                {"kind": kind, "change": "removed", "label": row[label_key], "fields": {}}
            )
    return changes


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed between two snapshots, goal by goal and action by action."""
    changes = _rows_diff("goal", "text", before.get("goals", []), after.get("goals", []))
    changes += _rows_diff(
        "action", "description", before.get("actions", []), after.get("actions", [])
    )
    old_agreement, new_agreement = before.get("agreement", {}), after.get("agreement", {})
    agreement_fields = {
        k: [old_agreement.get(k), v] for k, v in new_agreement.items() if old_agreement.get(k) != v
    }
    if agreement_fields:
        changes.append(
            {"kind": "agreement", "change": "changed", "label": "", "fields": agreement_fields}
        )
    if before.get("evaluate_on") != after.get("evaluate_on"):
        changes.append(
            {
                "kind": "evaluation",
                "change": "changed",
                "label": "",
                "fields": {"evaluate_on": [before.get("evaluate_on"), after.get("evaluate_on")]},
            }
        )
    return changes


def record_version(*, plan: Plan, actor: Actor, before: dict[str, Any]) -> PlanVersion | None:
    """Keep the plan as it now stands as a new version, if anything changed since ``before``."""
    after = snapshot(plan)
    changes = diff(before, after)
    if not changes:
        return None
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    user = actor.user
    return PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        made_by=user,
        made_by_label=(user.full_name if user else _("Vangnet (system)"))[:200],
        changes=changes,
        snapshot=after,
    )


FIELD_LABELS = {
    "text": lambda: _("text"),
    "domain": lambda: _("domain"),
    "active": lambda: _("still a goal"),
    "description": lambda: _("what will happen"),
    "goal": lambda: _("goal"),
    "owner_kind": lambda: _("who does it"),
    "owner": lambda: _("who"),
    "due_on": lambda: _("when"),
    "status": lambda: _("status"),
    "agreed_on": lambda: _("agreed on"),
    "agreed_by": lambda: _("agreed by"),
    "agreed_how": lambda: _("how"),
    "note": lambda: _("note"),
    "evaluate_on": lambda: _("next evaluation"),
}

VALUE_LABELS: dict[str, dict[str, Any]] = {
    "domain": dict(LifeDomain.choices),
    "owner_kind": dict(OwnerKind.choices),
    "status": dict(ActionStatus.choices),
    "agreed_by": dict(AgreedBy.choices),
    "agreed_how": dict(ConsentMethod.choices),
}

HEADINGS = {
    ("goal", "added"): lambda: _("Goal added"),
    ("goal", "changed"): lambda: _("Goal changed"),
    ("goal", "removed"): lambda: _("Goal removed"),
    ("action", "added"): lambda: _("Action added"),
    ("action", "changed"): lambda: _("Action changed"),
    ("action", "removed"): lambda: _("Action removed"),
    ("agreement", "changed"): lambda: _("Agreement with the plan recorded"),
    ("evaluation", "changed"): lambda: _("Evaluation date changed"),
}


def _value(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field in VALUE_LABELS:
        return str(VALUE_LABELS[field].get(value, value))
    if field in {"due_on", "agreed_on", "evaluate_on"}:
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def describe(change: dict[str, Any]) -> dict[str, Any]:
    """A change in words: a heading, what it is about, and each field from old to new."""
    heading = HEADINGS.get((change.get("kind", ""), change.get("change", "")))
    fields = [
        {
            "field": FIELD_LABELS[name]() if name in FIELD_LABELS else name,
            "old": _value(name, values[0]),
            "new": _value(name, values[1]),
        }
        for name, values in change.get("fields", {}).items()
        if name != "goal"
    ]
    return {
        "heading": heading() if heading else change.get("kind", ""),
        "label": change.get("label", ""),
        "fields": fields,
    }
