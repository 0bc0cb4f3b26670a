"""Steps 1 to 3: the pathway overview, the conversation and the multi-domain analysis."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.care import actions
from vangnet.care.forms import AnalysisForm, ConversationForm, StepForm, finding_forms
from vangnet.care.models import (
    Analysis,
    Conversation,
    HealthDimension,
    LifeDomain,
    Plan,
    Quarter,
    StepStatus,
)
from vangnet.care.pathway import pathway_of
from vangnet.care.views.common import care_team, door
from vangnet.core.params import number_param
from vangnet.directory.models import PathwayStep, Person


@login_required
def pathway(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Where the older person is in the six steps, and the history of every step."""
    client = door(request, client_id, objects=["pathway"])
    return render(
        request,
        "care/pathway.html",
        {
            "client": client,
            "pathway": pathway_of(client),
            "contact": client.current_contact_person(),
            "plan": Plan.objects.filter(client=client).first(),
            "conversation": Conversation.objects.filter(client=client).first(),
            "analysis": Analysis.objects.filter(client=client).first(),
            "can_edit": request.user.can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_add(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Record a step begun or done by hand: signalling, or a step done again."""
    client = door(request, client_id, for_write=True, objects=["pathway"])
    form = StepForm(
        request.POST or None,
        team=care_team(client),
        initial={
            "occurred_on": timezone.localdate(),
            "status": StepStatus.DONE,
            "step": number_param(request, "step", default=1, allowed=frozenset(PathwayStep.values)),
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.step_record(
            actor=Actor.from_request(request),
            client=client,
            step=form.cleaned_data["step"],
            status=StepStatus(form.cleaned_data["status"]),
            occurred_on=form.cleaned_data["occurred_on"],
            by_person=form.cleaned_data["by_person"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The step is added to the pathway."))
        return redirect("care:pathway", client_id=client.pk)
    return render(
        request,
        "care/form.html",
        {"client": client, "form": form, "title": _("Record a step"), "back": "care:pathway"},
    )


@login_required
def conversation(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = door(request, client_id, objects=["conversations"])
    return render(
        request,
        "care/conversation.html",
        {
            "client": client,
            "conversations": list(Conversation.objects.filter(client=client)),
            "dimensions": HealthDimension,
            "can_edit": request.user.can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Step 2: what matters to the older person, in their own words."""
    client = door(request, client_id, for_write=True, objects=["conversations"])
    form = ConversationForm(
        request.POST or None,
        initial={"held_on": timezone.localdate(), "goals_to_plan": True},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ConversationForm.Meta.fields}
        actions.conversation_record(
            actor=Actor.from_request(request),
            client=client,
            data=data,
            goals_to_plan=form.cleaned_data["goals_to_plan"],
        )
        messages.success(request, _("The conversation is saved."))
        return redirect("care:conversation", client_id=client.pk)
    return render(
        request,
        "care/conversation_form.html",
        {"client": client, "form": form, "carers": list(client.carers.all())},
    )


def _findings_by_domain(analysis: Analysis | None) -> list[tuple[str, list[object]]]:
    if analysis is None:
        return []
    findings = list(analysis.findings.select_related("assessment_by_person__organisation"))
    return [
        (str(domain.label), [f for f in findings if f.domain == domain]) for domain in LifeDomain
    ]


def _butterfly(analysis: Analysis | None) -> list[tuple[str, list[object]]]:
    if analysis is None:
        return []
    findings = list(analysis.findings.all())
    return [
        (str(quarter.label), [f for f in findings if quarter.value in (f.quarters or [])])
        for quarter in Quarter
    ]


@login_required
def analysis(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = door(request, client_id, objects=["analyses"])
    analyses = list(Analysis.objects.filter(client=client))
    latest = analyses[0] if analyses else None
    return render(
        request,
        "care/analysis.html",
        {
            "client": client,
            "latest": latest,
            "by_domain": _findings_by_domain(latest),
            "butterfly": _butterfly(latest),
            "earlier": analyses[1:],
            "can_edit": request.user.can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def analysis_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Step 3: findings per domain, placed in the butterfly model, with their source."""
    client = door(request, client_id, for_write=True, objects=["analyses"])
    people = Person.objects.select_related("organisation").order_by("name")
    data = request.POST if request.method == "POST" else None
    form = AnalysisForm(data, initial={"done_on": timezone.localdate()})
    findings = finding_forms(data, people)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in findings):
        kept = [f for f in (form_.finding() for form_ in findings) if f is not None]
        if kept:
            actions.analysis_record(
                actor=Actor.from_request(request),
                client=client,
                done_on=form.cleaned_data["done_on"],
                summary=form.cleaned_data["summary"],
                findings=kept,
            )
            messages.success(request, _("The analysis is saved."))
            return redirect("care:analysis", client_id=client.pk)
        form.add_error(None, _("Write down what was found in at least one domain."))
    return render(
        request,
        "care/analysis_form.html",
        {
            "client": client,
            "form": form,
            "findings": findings,
            "error_forms": [f for f in findings if f.errors],
        },
    )
