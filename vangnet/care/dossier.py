"""The plan's part of the older person's dossier: the six steps, the plan, the MDO, evaluations.

Registered in ``CareConfig.ready()``; the dossier builds it only for a viewer
whose consent covers the plan (``DataCategory.PLAN`` for the care plan). MDO
entries need the MDO purpose as well, as the MDO pages do.
"""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vangnet.care.models import (
    ActionStatus,
    AgendaReason,
    Analysis,
    Conversation,
    Evaluation,
    MeetingItem,
    MeetingStatus,
    Plan,
    PlanVersion,
    StepSource,
)
from vangnet.care.pathway import Pathway, pathway_of
from vangnet.clients.dossier import (
    DossierSection,
    Event,
    Fact,
    Line,
    Link,
    Need,
    Part,
    Steps,
    Viewer,
    client_url,
    day_of,
)
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose

PLAN_READ = Need(DataCategory.PLAN, Purpose.CARE_PLAN)
PLAN_WRITE = Need(DataCategory.PLAN, Purpose.CARE_PLAN, for_write=True)
MDO_READ = Need(DataCategory.PLAN, Purpose.MDO)

# Moments of the pathway that no other timeline entry tells.
OWN_MOMENTS = (StepSource.MANUAL, StepSource.AGREEMENT)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _steps(pathway: Pathway) -> Steps:
    latest = pathway.latest
    return Steps(
        current=latest.step if latest else None,
        states={state.step: state.status for state in pathway.steps if state.status},
    )


def _plan_lines(plan: Plan | None) -> list[Line]:
    if plan is None:
        return [Line(_("No plan yet."), warn=True)]
    today = timezone.localdate()
    counts = plan.actions.aggregate(
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
        late=Count("pk", filter=Q(status=ActionStatus.OPEN, due_on__lt=today)),
    )
    lines = [
        Line(
            _("Plan version %(version)s, agreed on %(day)s.")
            % {"version": plan.version, "day": _day(plan.agreed_on)}
            if plan.agreed_on
            else _("Plan version %(version)s, not agreed yet.") % {"version": plan.version},
            warn=plan.agreed_on is None,
        )
    ]
    if plan.changed_since_agreement:
        lines.append(Line(_("The plan changed after the older person agreed."), warn=True))
    lines.append(
        Line(
            ngettext("%(count)s open action.", "%(count)s open actions.", counts["open"])
            % {"count": counts["open"]}
        )
    )
    if counts["late"]:
        lines.append(
            Line(
                ngettext(
                    "%(count)s action is past its date.",
                    "%(count)s actions are past their date.",
                    counts["late"],
                )
                % {"count": counts["late"]},
                warn=True,
            )
        )
    return lines


def _evaluation_fact(plan: Plan | None) -> Fact:
    label = _("Next evaluation")
    if plan is None or plan.evaluate_on is None:
        return Fact(label, _("not planned"))
    if plan.is_overdue:
        return Fact(label, _("%(day)s (overdue)") % {"day": _day(plan.evaluate_on)}, "tag tag-warn")
    return Fact(label, _day(plan.evaluate_on))


def _next_mdo(client: Client) -> Line | None:
    item = (
        MeetingItem.objects.filter(
            client=client,
            meeting__status=MeetingStatus.PLANNED,
            meeting__starts_at__gte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
        .first()
    )
    if item is None:
        return None
    return Line(
        _("On the agenda of the MDO on %(day)s.")
        % {"day": _day(timezone.localdate(item.meeting.starts_at))},
        need=MDO_READ,
    )


def plan_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """Where the older person is in the six steps, the plan in short, and what happened."""
    pathway = pathway_of(client)
    plan = Plan.objects.filter(client=client).first()
    lines = _plan_lines(plan)
    if viewer.may(MDO_READ) and (mdo := _next_mdo(client)) is not None:
        lines.append(mdo)
    return Part(
        lines=lines,
        facts=[_evaluation_fact(plan)],
        steps=_steps(pathway),
        links=[
            Link(_("Pathway and plan"), client_url("care:pathway", client), PLAN_READ),
            Link(_("Open the plan"), client_url("care:plan", client), PLAN_READ),
            Link(_("This person in the MDO"), client_url("care:client-mdo", client), MDO_READ),
            Link(_("Record the evaluation"), client_url("care:evaluation", client), PLAN_READ),
            Link(_("My plan (to print)"), client_url("care:my-plan", client), PLAN_READ),
        ],
        events=_events(client, pathway, limit),
    )


def _events(client: Client, pathway: Pathway, limit: int) -> list[Event]:
    events = [
        Event(
            on=moment.on,
            at=moment.at,
            title=_("Step %(number)s, %(step)s: %(status)s")
            % {
                "number": moment.step,
                "step": moment.step_label,
                "status": moment.status_label.lower(),
            },
            detail=moment.note or moment.source_label,
            need=PLAN_READ,
            url=client_url("care:pathway", client),
        )
        for moment in pathway.history[-limit:]
        if moment.source in OWN_MOMENTS
    ]
    events += [
        Event(
            on=row.held_on,
            at=row.recorded_at,
            title=_("Conversation with the older person"),
            detail=_("Held by %(name)s") % {"name": row.held_by_label} if row.held_by_label else "",
            need=PLAN_READ,
            url=client_url("care:conversation", client),
        )
        for row in Conversation.objects.filter(client=client).only(
            "held_on", "recorded_at", "held_by_label"
        )[:limit]
    ]
    events += [
        Event(
            on=row.done_on,
            at=row.recorded_at,
            title=_("Multi-domain analysis"),
            detail=_("Done by %(name)s") % {"name": row.done_by_label} if row.done_by_label else "",
            need=PLAN_READ,
            url=client_url("care:analysis", client),
        )
        for row in Analysis.objects.filter(client=client).only(
            "done_on", "recorded_at", "done_by_label"
        )[:limit]
    ]
    events += [
        Event(
            on=day_of(row.made_at),
            at=row.made_at,
            title=_("Plan version %(number)s") % {"number": row.number},
            detail=_("Changed by %(name)s") % {"name": row.made_by_label}
            if row.made_by_label
            else "",
            need=PLAN_READ,
            url=client_url("care:plan-history", client) + f"?version={row.number}",
        )
        for row in PlanVersion.objects.filter(plan__client=client).only(
            "number", "made_at", "made_by_label"
        )[:limit]
    ]
    events += [
        Event(
            on=row.held_on,
            at=row.recorded_at,
            title=_("Evaluation of the plan"),
            detail=(
                _("Next evaluation: %(day)s") % {"day": _day(row.next_on)}
                if row.next_on
                else _("No next evaluation")
            ),
            need=PLAN_READ,
            url=client_url("care:evaluation", client),
        )
        for row in Evaluation.objects.filter(plan__client=client)[:limit]
    ]
    events += [
        Event(
            on=timezone.localdate(item.meeting.starts_at),
            at=item.meeting.starts_at,
            title=_("MDO of %(day)s") % {"day": _day(timezone.localdate(item.meeting.starts_at))},
            detail=_("The plan was made in this meeting")
            if item.plan_agreed
            else str(AgendaReason(item.reason).label),
            need=MDO_READ,
            url=client_url("care:client-mdo", client) + f"?item={item.pk}",
        )
        for item in MeetingItem.objects.filter(
            client=client, meeting__starts_at__lte=timezone.now()
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")[:limit]
    ]
    return events


SECTION = DossierSection(
    key="plan",
    title=gettext_lazy("Plan"),
    order=10,
    need=PLAN_READ,
    not_shared=gettext_lazy(
        "The plan is not shared with you. Ask the older person or the contact person for consent."
    ),
    build=plan_part,
    facts=(gettext_lazy("Next evaluation"),),
    shows_steps=True,
)
