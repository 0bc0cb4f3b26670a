"""The shared plan: goals, actions, agreement, history, evaluation, and 'my plan' to print."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.care import actions
from vangnet.care.forms import (
    ActionForm,
    AgreementForm,
    EvaluationForm,
    GoalForm,
    GoalReviewForm,
)
from vangnet.care.models import (
    ActionStatus,
    AgreedBy,
    Evaluation,
    Goal,
    Plan,
    PlanAction,
)
from vangnet.care.myplan import my_plan, my_plan_pdf
from vangnet.care.versions import describe
from vangnet.care.views.common import care_team, door, int_param, safe_next
from vangnet.clients.access import professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import ConsentMethod

# A plan is looked at again after about three months unless agreed otherwise.
DEFAULT_EVALUATION_DAYS = 91


def _plan(client: Client) -> Plan | None:
    return Plan.objects.filter(client=client).first()


@login_required
def plan(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = door(request, client_id, objects=["plan"])
    current = _plan(client)
    goals: list[Goal] = []
    loose: list[PlanAction] = []
    finished: list[PlanAction] = []
    if current is not None:
        goals = list(current.goals.all())
        all_actions = list(
            current.actions.select_related("owner_person__organisation", "owner_carer", "goal")
        )
        for goal in goals:
            goal.open_actions = [  # type: ignore[attr-defined]
                a for a in all_actions if a.goal_id == goal.pk and a.status == ActionStatus.OPEN
            ]
        loose = [a for a in all_actions if a.goal_id is None and a.status == ActionStatus.OPEN]
        finished = [a for a in all_actions if a.status != ActionStatus.OPEN]
    return render(
        request,
        "care/plan.html",
        {
            "client": client,
            "plan": current,
            "goals": goals,
            "loose_actions": loose,
            "finished_actions": finished,
            "evaluation": (
                Evaluation.objects.filter(plan=current).prefetch_related("reviews").first()
                if current
                else None
            ),
            "contact": client.current_contact_person(),
            "today": timezone.localdate(),
            "can_edit": request.user.can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Add a goal, or change one with ?goal=<number>."""
    client = door(request, client_id, for_write=True, objects=["plan"])
    goal_id = int_param(request, "goal")
    goal = get_object_or_404(Goal, pk=goal_id, plan__client=client) if goal_id else None
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in GoalForm.Meta.fields}
        actions.goal_save(actor=Actor.from_request(request), client=client, goal=goal, data=data)
        messages.success(request, _("The goal is saved."))
        return redirect("care:plan", client_id=client.pk)
    return render(
        request,
        "care/form.html",
        {
            "client": client,
            "form": form,
            "title": _("Change goal") if goal else _("Add a goal"),
            "back": "care:plan",
        },
    )


def action_form(
    client: Client,
    data: object = None,
    instance: PlanAction | None = None,
    form_class: type[ActionForm] = ActionForm,
    **kw: object,
) -> ActionForm:
    current = _plan(client)
    goals = current.goals.filter(is_active=True) if current else Goal.objects.none()
    return form_class(
        data,
        instance=instance,
        goals=goals,
        team=care_team(client),
        carers=client.carers.all(),
        **kw,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Add an action, or change one with ?action=<number>."""
    client = door(request, client_id, for_write=True, objects=["plan"])
    action_id = int_param(request, "action")
    action = get_object_or_404(PlanAction, pk=action_id, plan__client=client) if action_id else None
    form = action_form(client, request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        actions.action_save(
            actor=Actor.from_request(request),
            client=client,
            action=action,
            data=form.action_data(),
        )
        messages.success(request, _("The action is saved."))
        return redirect("care:plan", client_id=client.pk)
    return render(
        request,
        "care/action_form.html",
        {
            "client": client,
            "form": form,
            "title": _("Change action") if action else _("Add an action"),
        },
    )


@login_required
@require_POST
def action_status(
    request: AuthenticatedHttpRequest, client_id: int, action_id: int
) -> HttpResponse:
    client = door(request, client_id, objects=["plan"])
    action = get_object_or_404(PlanAction, pk=action_id, plan__client=client)
    status = request.POST.get("status", "")
    if status not in ActionStatus.values:
        raise Http404
    actions.action_set_status(
        actor=Actor.from_request(request), client=client, action=action, status=ActionStatus(status)
    )
    messages.success(request, _("The action is updated."))
    fallback = reverse("care:plan", kwargs={"client_id": client.pk})
    return redirect(safe_next(request, fallback))


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The older person agrees with the plan as it stands, and when to look back."""
    client = door(request, client_id, for_write=True, objects=["plan"])
    current = _plan(client)
    today = timezone.localdate()
    form = AgreementForm(
        request.POST or None,
        initial={
            "agreed_on": today,
            "agreed_by": AgreedBy.CLIENT,
            "agreed_how": ConsentMethod.SPOKEN,
            "evaluate_on": (current.evaluate_on if current and current.evaluate_on else None)
            or today + timedelta(days=DEFAULT_EVALUATION_DAYS),
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.plan_agree(
            actor=Actor.from_request(request),
            client=client,
            agreed_on=form.cleaned_data["agreed_on"],
            agreed_by=form.cleaned_data["agreed_by"],
            agreed_how=form.cleaned_data["agreed_how"],
            note=form.cleaned_data["note"],
            evaluate_on=form.cleaned_data["evaluate_on"],
        )
        messages.success(request, _("The agreement is recorded."))
        return redirect("care:plan", client_id=client.pk)
    return render(
        request,
        "care/form.html",
        {
            "client": client,
            "form": form,
            "title": _("The older person agrees with the plan"),
            "back": "care:plan",
        },
    )


@login_required
def plan_history(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Every version of the plan: who changed what, when; and any version as it stood."""
    client = door(request, client_id, objects=["plan-history"])
    current = _plan(client)
    versions = list(current.versions.all()) if current else []
    number = int_param(request, "version")
    shown = next((v for v in versions if v.number == number), None) if number else None
    return render(
        request,
        "care/plan_history.html",
        {
            "client": client,
            "plan": current,
            "versions": [
                {"version": v, "changes": [describe(c) for c in v.changes]} for v in versions
            ],
            "shown": shown,
        },
    )


def _may_evaluate(request: AuthenticatedHttpRequest, client: Client) -> bool:
    """The contact person records the evaluation; a coordinator may stand in."""
    if request.user.is_coordinator:
        return True
    contact = client.current_contact_person()
    person = professional_of(request.user)
    return contact is not None and person is not None and contact.person_id == person.pk


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """On the evaluation date: per goal the result and the person's own view, and the next date."""
    client = door(request, client_id, objects=["evaluation"])
    current = _plan(client)
    goals = list(current.goals.filter(is_active=True)) if current else []
    allowed = _may_evaluate(request, client)
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    form = EvaluationForm(
        data,
        initial={"held_on": today, "next_on": today + timedelta(days=DEFAULT_EVALUATION_DAYS)},
    )
    reviews = [GoalReviewForm(data, goal=goal) for goal in goals]
    if request.method == "POST":
        if not allowed:
            raise Http404
        if current is not None and form.is_valid() and all(r.is_valid() for r in reviews):
            remaining = [r for r in reviews if r.cleaned_data["outcome"] in {"partly", "not"}]
            if remaining and not form.cleaned_data["next_on"]:
                form.add_error("next_on", _("Some goals remain: choose the next evaluation date."))
            else:
                actions.evaluation_record(
                    actor=Actor.from_request(request),
                    client=client,
                    held_on=form.cleaned_data["held_on"],
                    reviews=[
                        {
                            "goal": r.goal,
                            "outcome": r.cleaned_data["outcome"],
                            "own_view": r.cleaned_data["own_view"],
                        }
                        for r in reviews
                    ],
                    next_on=form.cleaned_data["next_on"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The evaluation is recorded."))
                return redirect("care:plan", client_id=client.pk)
    return render(
        request,
        "care/evaluation_form.html",
        {
            "client": client,
            "plan": current,
            "form": form,
            "reviews": reviews,
            "error_forms": [r for r in reviews if r.errors],
            "allowed": allowed,
            "contact": client.current_contact_person(),
            "earlier": list(Evaluation.objects.filter(plan=current).prefetch_related("reviews")[:5])
            if current
            else [],
        },
    )


@login_required
def my_plan_page(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """'My plan' in plain words and large type, for the older person and their carer."""
    client = door(request, client_id, objects=["my-plan"])
    return render(request, "care/my_plan.html", {"content": my_plan(client), "printing": False})


@login_required
def my_plan_print(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The same page, opened to print it; the access log records a print."""
    client = door(request, client_id, event=AuditEvent.PRINT, objects=["my-plan"])
    return render(request, "care/my_plan.html", {"content": my_plan(client), "printing": True})


@login_required
def my_plan_download(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = door(request, client_id, event=AuditEvent.PRINT, objects=["my-plan", "pdf"])
    response = HttpResponse(my_plan_pdf(my_plan(client)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mijn-plan-{client.pk}.pdf"'
    return response
