"""Screening pages for one older person, and the coordinator's follow-up list and rule.

Pages about one client fetch the client through ``access_client`` with the
screening category and the early-detection purpose before anything else.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import access_client, clients_shown, professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.params import number_param
from vangnet.directory.models import Network
from vangnet.screening import actions
from vangnet.screening.catalogue import OFFERED, ZRM_LEVELS
from vangnet.screening.charts import profile_chart
from vangnet.screening.engine import AnswerError, Instrument, ItemType, load_instrument
from vangnet.screening.forms import AnswerForm, ProfileRuleForm, StartForm, TaskResolveForm
from vangnet.screening.models import (
    AdministrationMode,
    FollowUpTask,
    ProfileChange,
    ProfileRule,
    Screening,
    ScreeningDraft,
    TaskStatus,
)
from vangnet.screening.profiles import describe_reason, networks_coordinated_by

SCREENING = DataCategory.SCREENING
EARLY_DETECTION = Purpose.EARLY_DETECTION
TASKS_PER_PAGE = 40


def _door(
    request: AuthenticatedHttpRequest, client_id: int, *, for_write: bool, objects: list[str]
) -> Client:
    return access_client(
        Actor.from_request(request),
        client_id,
        category=SCREENING,
        purpose=EARLY_DETECTION,
        event=AuditEvent.READ,
        for_write=for_write,
        objects=objects,
    )


def _language() -> str:
    return (get_language() or "nl")[:2]


def _draft(request: AuthenticatedHttpRequest, client: Client) -> ScreeningDraft | None:
    return ScreeningDraft.objects.filter(client=client, started_by=request.user).first()


def _shown_answer(instrument: Instrument, link_id: str, answer: object, language: str) -> str:
    item = instrument.item(link_id)
    if item is None:
        return str(answer)
    if item.type is ItemType.CHOICE:
        option = item.option(str(answer))
        return option.display.get(language) if option else str(answer)
    level = ZRM_LEVELS.get(int(str(answer))) if instrument.code == "zrm5" else None
    return f"{answer}: {level}" if level else str(answer)


def _outcome(screening: Screening) -> str:
    if screening.cutoff is None:
        if not screening.positive:
            return _("No domain at level 1 or 2")
        return ngettext(
            "%(count)s domain at level 1 or 2",
            "%(count)s domains at level 1 or 2",
            screening.score,
        ) % {"count": screening.score}
    if screening.positive:
        return _("At or above the cut-off (%(cutoff)s)") % {"cutoff": screening.cutoff}
    return _("Below the cut-off (%(cutoff)s)") % {"cutoff": screening.cutoff}


def _subscale_rows(instrument: Instrument, screening: Screening, language: str) -> list[str]:
    labels = {s.code: s.label.get(language) for s in instrument.scoring.subscales}
    rows = []
    for code, values in screening.subscales.items():
        rows.append(
            _("%(label)s: %(score)s of %(max)s")
            % {"label": labels.get(code, code), "score": values["score"], "max": values["max"]}
        )
    return rows


# --- One older person ---------------------------------------------------------------------------


@login_required
def client_screening(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Results per instrument, the risk profile and its history, and the proposed follow-up."""
    client = _door(request, client_id, for_write=False, objects=["screening-results"])
    language = _language()
    screenings = list(Screening.objects.filter(client=client).order_by("-completed_at", "-pk"))
    groups = []
    for code in OFFERED:
        rows = [s for s in screenings if s.instrument == code]
        if not rows:
            continue
        instrument = load_instrument(code)
        groups.append(
            {
                "code": code,
                "title": instrument.title.get(language),
                "rows": [
                    {
                        "screening": s,
                        "outcome": _outcome(s),
                        "subscales": _subscale_rows(instrument, s, language),
                        "answers": s.answered_items(),
                    }
                    for s in rows
                ],
            }
        )
    changes = list(
        ProfileChange.objects.filter(client=client)
        .select_related("cause")
        .order_by("changed_at", "pk")
    )
    history = [
        {"change": change, "reasons": [describe_reason(r) for r in change.basis]}
        for change in reversed(changes)
    ]
    tasks = list(FollowUpTask.objects.filter(client=client).open())
    draft = _draft(request, client)
    return render(
        request,
        "screening/client.html",
        {
            "client": client,
            "groups": groups,
            "current": history[0] if history else None,
            "history": history,
            "chart": profile_chart(changes, timezone.localdate()),
            "open_tasks": tasks,
            "draft": draft,
            "draft_title": load_instrument(draft.instrument).title.get(language) if draft else "",
            "can_edit": request.user.can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Choose the questionnaire and who fills it in."""
    client = _door(request, client_id, for_write=True, objects=["screening-start"])
    language = _language()
    draft = _draft(request, client)
    form = StartForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        actions.draft_start(
            actor=Actor.from_request(request),
            client=client,
            instrument=load_instrument(form.cleaned_data["instrument"]),
            mode=AdministrationMode(form.cleaned_data["mode"]),
        )
        return redirect("screening:question", client_id=client.pk, number=1)
    draft_info = None
    if draft is not None:
        instrument = load_instrument(draft.instrument)
        draft_info = {
            "title": instrument.title.get(language),
            "answered": len(draft.answers),
            "total": len(instrument.items),
            "next": _first_unanswered(instrument, draft),
        }
    return render(
        request,
        "screening/start.html",
        {"client": client, "form": form, "draft": draft_info},
    )


def _first_unanswered(instrument: Instrument, draft: ScreeningDraft) -> int | None:
    for number, item in enumerate(instrument.items, start=1):
        if item.link_id not in draft.answers:
            return number
    return None


def _no_draft(request: AuthenticatedHttpRequest, client: Client) -> HttpResponse:
    return render(request, "screening/no_draft.html", {"client": client})


@login_required
@require_http_methods(["GET", "POST"])
def question(request: AuthenticatedHttpRequest, client_id: int, number: int) -> HttpResponse:
    """One question per screen, with back and next; every answer is kept in the draft."""
    client = _door(request, client_id, for_write=True, objects=["screening-question"])
    draft = _draft(request, client)
    if draft is None:
        return _no_draft(request, client)
    instrument = load_instrument(draft.instrument)
    total = len(instrument.items)
    if not 1 <= number <= total:
        raise Http404
    item = instrument.items[number - 1]
    language = _language()
    existing = draft.answers.get(item.link_id)
    form = AnswerForm(
        request.POST or None,
        initial={"answer": str(existing)} if existing is not None else None,
        instrument=instrument,
        item=item,
        number=number,
        language=language,
    )
    if request.method == "POST":
        going_back = "back" in request.POST
        if going_back and not request.POST.get("answer"):
            return redirect("screening:question", client_id=client.pk, number=max(number - 1, 1))
        if form.is_valid():
            actions.draft_answer(
                actor=Actor.from_request(request),
                client=client,
                draft=draft,
                link_id=item.link_id,
                answer=form.answer(),
            )
            if going_back:
                return redirect(
                    "screening:question", client_id=client.pk, number=max(number - 1, 1)
                )
            if number == total:
                return redirect("screening:check", client_id=client.pk)
            return redirect("screening:question", client_id=client.pk, number=number + 1)
    return render(
        request,
        "screening/question.html",
        {
            "client": client,
            "title": instrument.title.get(language),
            "form": form,
            "field": form["answer"],
            "number": number,
            "total": total,
            "prefix": item.prefix,
            "is_self": draft.mode == AdministrationMode.SELF,
            "is_last": number == total,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def check(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """All answers on one screen to check, then one button that saves them."""
    client = _door(request, client_id, for_write=True, objects=["screening-check"])
    draft = _draft(request, client)
    if draft is None:
        return _no_draft(request, client)
    instrument = load_instrument(draft.instrument)
    language = _language()
    errors: list[dict[str, Any]] = []
    if request.method == "POST":
        try:
            recorded = actions.screening_record(
                actor=Actor.from_request(request),
                client=client,
                instrument=instrument,
                answers=draft.answers,
                mode=AdministrationMode(draft.mode),
                language=language,
                draft=draft,
            )
        except AnswerError as exc:
            errors = _answer_errors(instrument, draft, exc)
        else:
            messages.success(request, _saved_message(recorded))
            return redirect("screening:client", client_id=client.pk)
    rows = []
    for number, item in enumerate(instrument.items, start=1):
        answer = draft.answers.get(item.link_id)
        rows.append(
            {
                "number": number,
                "text": item.text.get(language),
                "answer": (
                    _shown_answer(instrument, item.link_id, answer, language)
                    if answer is not None
                    else None
                ),
            }
        )
    missing = [row["number"] for row in rows if row["answer"] is None]
    return render(
        request,
        "screening/check.html",
        {
            "client": client,
            "title": instrument.title.get(language),
            "rows": rows,
            "missing": missing,
            "errors": errors,
            "is_self": draft.mode == AdministrationMode.SELF,
        },
    )


def _answer_errors(
    instrument: Instrument, draft: ScreeningDraft, exc: AnswerError
) -> list[dict[str, Any]]:
    numbers = {item.link_id: n for n, item in enumerate(instrument.items, start=1)}
    errors = []
    for problem in exc.problems:
        number = numbers.get(problem.link_id)
        if problem.link_id not in draft.answers and number is not None:
            text = _("Question %(number)s has no answer yet.") % {"number": number}
        else:
            text = str(problem)
        errors.append({"number": number, "text": text})
    return errors


def _saved_message(recorded: actions.Recorded) -> str:
    if recorded.change is None:
        return _("The screening is saved. The risk profile stays the same.")
    return _(
        "The screening is saved. The risk profile is now: %(profile)s. "
        "The coordinator receives a proposal for the follow-up."
    ) % {"profile": recorded.change.get_profile_display()}


@login_required
@require_POST
def discard(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = _door(request, client_id, for_write=True, objects=["screening-discard"])
    draft = _draft(request, client)
    if draft is not None:
        actions.draft_discard(actor=Actor.from_request(request), client=client, draft=draft)
        messages.success(request, _("The unfinished questionnaire is thrown away."))
    return redirect("screening:client", client_id=client.pk)


# --- The coordinator: follow-up and the network's rule ------------------------------------------


def _coordinator_networks(request: AuthenticatedHttpRequest) -> list[Network]:
    if not request.user.is_coordinator:
        raise Http404
    return networks_coordinated_by(request.user)


@login_required
def tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Proposed follow-up in the coordinator's networks; names only where the door allows."""
    networks = _coordinator_networks(request)
    show_closed = request.GET.get("show") == "handled"
    rows = FollowUpTask.objects.filter(network__in=networks).select_related("profile_change")
    if show_closed:
        rows = rows.exclude(status=TaskStatus.OPEN).order_by("-resolved_at", "-pk")
    else:
        rows = rows.open().order_by("created_at", "pk")
    page = Paginator(rows, TASKS_PER_PAGE).get_page(
        number_param(request, "page", default=1, minimum=1)
    )
    task_list = list(page.object_list)
    visible = clients_shown(
        Actor.from_request(request),
        {task.client_id for task in task_list},
        category=SCREENING,
        purpose=EARLY_DETECTION,
        objects=["follow-up-list"],
    )
    names = {
        row["pk"]: f"{row['given_name']} {row['family_name']}"
        for row in Client.objects.filter(pk__in=visible).values("pk", "given_name", "family_name")
    }
    return render(
        request,
        "screening/tasks.html",
        {
            "page": page,
            "rows": [{"task": task, "name": names.get(task.client_id)} for task in task_list],
            "networks": networks,
            "show_closed": show_closed,
            "has_person": professional_of(request.user) is not None,
            "resolve_form": TaskResolveForm(),
        },
    )


@login_required
@require_POST
def task_resolve(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    networks = _coordinator_networks(request)
    task = get_object_or_404(FollowUpTask, pk=task_id, network__in=networks)
    form = TaskResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose done or not needed."))
        return redirect("screening:tasks")
    try:
        actions.task_resolve(
            actor=Actor.from_request(request),
            task=task,
            status=TaskStatus(form.cleaned_data["status"]),
            note=form.cleaned_data["note"],
        )
    except actions.TaskAlreadyHandled:
        messages.info(request, _("This follow-up was already handled."))
    else:
        messages.success(request, _("The follow-up is recorded."))
    return redirect("screening:tasks")


@login_required
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = _coordinator_networks(request)
    return render(
        request,
        "screening/rules.html",
        {
            "rules": [_rule_rows(ProfileRule.for_network(network)) for network in networks],
            "has_person": professional_of(request.user) is not None,
        },
    )


def _rule_rows(rule: ProfileRule) -> dict[str, Any]:
    rows = []
    for name in ProfileRule.PARAMETERS:
        field = rule._meta.get_field(name)
        assert isinstance(field, models.Field)
        rows.append((field.verbose_name, getattr(rule, name)))
    return {"rule": rule, "rows": rows}


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthenticatedHttpRequest, network_id: int) -> HttpResponse:
    networks = _coordinator_networks(request)
    network = next((n for n in networks if n.pk == network_id), None)
    if network is None:
        raise Http404
    form = ProfileRuleForm(request.POST or None, instance=ProfileRule.for_network(network))
    if request.method == "POST" and form.is_valid():
        actions.rule_save(
            actor=Actor.from_request(request), network=network, data=form.cleaned_data
        )
        messages.success(request, _("The rule is saved. It applies to results saved from now on."))
        return redirect("screening:rules")
    return render(request, "screening/rule_form.html", {"network": network, "form": form})
