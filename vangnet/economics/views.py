"""The business case on screen: the list, the four phases, the overview, the reports."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.directory.models import Organisation
from vangnet.economics import actions
from vangnet.economics.access import access_case, can_change, cases_visible
from vangnet.economics.activity import ACTIVITY_BY_KEY, shown_count
from vangnet.economics.calculation import Figures, figures_of, load
from vangnet.economics.charts import tornado_chart, who_pays_who_gains
from vangnet.economics.forms import (
    AgreementForm,
    BenefitLineFormSet,
    CaseCreateForm,
    CaseSettingsForm,
    ConversationForm,
    CopyForm,
    CostLineFormSet,
    DecisionFormSet,
    PartyFormSet,
    QualitativeFormSet,
    RateFormSet,
    UnitCostForm,
)
from vangnet.economics.models import (
    BenefitLine,
    BusinessCase,
    CaseParty,
    CostLine,
    Phase,
    QualitativeBenefit,
)
from vangnet.economics.report import report_pdf, report_xlsx, safe_filename

PHASE_URLS = {
    Phase.CONVERSATION: "economics:conversation",
    Phase.CALCULATION: "economics:calculation",
    Phase.BENEFITS: "economics:benefits",
    Phase.DECISION: "economics:decision",
}


def _actor(request: AuthenticatedHttpRequest) -> Actor:
    return Actor.from_request(request)


def _after_save(
    request: AuthenticatedHttpRequest, case: BusinessCase, phase: Phase
) -> HttpResponse:
    messages.success(request, _("Saved."))
    if "next" in request.POST and phase < Phase.DECISION:
        return redirect(PHASE_URLS[Phase(phase + 1)], case_id=case.pk)
    if "next" in request.POST:
        return redirect("economics:overview", case_id=case.pk)
    return redirect(PHASE_URLS[phase], case_id=case.pk)


def phase_links(case: BusinessCase) -> list[dict[str, Any]]:
    return [
        {"number": int(phase), "label": phase.label, "url": reverse(name, args=[case.pk])}
        for phase, name in PHASE_URLS.items()
    ]


def _phase_context(
    case: BusinessCase,
    phase: Phase,
    *,
    forms: list[Any],
    formsets: list[Any],
    **extra: Any,
) -> dict[str, Any]:
    every_form = [*forms, *(form for formset in formsets for form in formset.forms)]
    return {
        "case": case,
        "phase": int(phase),
        "phase_links": phase_links(case),
        "forms": every_form,
        "formsets": formsets,
        "has_errors": any(form.errors for form in every_form)
        or any(formset.non_form_errors() for formset in formsets),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The business cases this person may see; a coordinator starts a new one here."""
    cases = cases_visible(request.user).order_by("-created_at", "-pk")
    form = None
    if can_change(request.user):
        initial = {"period_end": timezone.localdate(), "horizon_years": 5}
        form = CaseCreateForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            case = actions.case_create(
                actor=_actor(request),
                network=data["network"],
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                horizon_years=data["horizon_years"],
            )
            return redirect("economics:conversation", case_id=case.pk)
    elif request.method == "POST":
        raise Http404
    return render(request, "economics/index.html", {"cases": list(cases), "form": form})


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Who pays, who gains, the ledger, the tornado, the chances and the rated gains."""
    case = access_case(request.user, case_id)
    figures = figures_of(case, with_ranges=True)
    others = (
        BusinessCase.objects.filter(network_id=case.network_id)
        .exclude(pk=case.pk)
        .order_by("-created_at")
    )
    return render(
        request,
        "economics/overview.html",
        {
            **_figures_context(figures),
            "case": case,
            "phase_links": phase_links(case) if can_change(request.user) else [],
            "can_change": can_change(request.user),
            "others": list(others),
            "copy_form": CopyForm(
                initial={"title": _("%(title)s (scenario)") % {"title": case.title}}
            ),
        },
    )


def _figures_context(figures: Figures) -> dict[str, Any]:
    book = figures.book
    chances = figures.chances.positive if figures.chances else {}
    qualitative_by_party: dict[str, list[QualitativeBenefit]] = {}
    for row in book.qualitative:
        qualitative_by_party.setdefault(book.party_name(row.party_id), []).append(row)
    parties = [
        {
            "result": result,
            "chance": chances.get(result.party),
            "qualitative": qualitative_by_party.get(result.party, []),
            "proposal": figures.proposal.received(result.party),
            "after": figures.proposal.balance.get(result.party),
        }
        for result in figures.result.parties
    ]
    return {
        "figures": figures,
        "book": book,
        "parties": parties,
        "chart": who_pays_who_gains(figures.result),
        "tornadoes": [(t, tornado_chart(t)) for t in figures.tornadoes],
        "cost_rows": [
            {
                "line": line,
                "party": book.party_name(line.party_id),
                "amount": book.cost_amount(line),
                "measured": None
                if line.measured_count is None
                else shown_count(line.measured_count, book.case.count_threshold),
            }
            for line in book.cost_lines
        ],
        "benefit_rows": [
            {
                "line": line,
                "party": book.party_name(line.party_id),
                "unit": book.units.get(line.unit_key),
                "first_year": line.quantity_per_year
                * book.unit_amount(line)
                * (1 - line.deadweight)
                * line.attribution,
            }
            for line in book.benefit_lines
        ],
    }


def _organisations(case: BusinessCase) -> list[Organisation]:
    """The organisations of the case's network, the ones a party may stand for."""
    return list(
        Organisation.objects.filter(network_parties__network_id=case.network_id).order_by("name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Phase 1: who sits at the table, what each wants, where the network starts."""
    case = access_case(request.user, case_id, for_write=True)
    data = request.POST if request.method == "POST" else None
    form = ConversationForm(data, instance=case, prefix="case")
    parties = PartyFormSet(
        data,
        queryset=CaseParty.objects.filter(case=case).select_related("organisation"),
        prefix="parties",
        form_kwargs={"organisations": _organisations(case)},
    )
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        actions.phase_save(
            actor=_actor(request),
            case=case,
            phase=Phase.CONVERSATION,
            forms=[form],
            formsets=[parties],
        )
        return _after_save(request, case, Phase.CONVERSATION)
    return render(
        request,
        "economics/conversation.html",
        _phase_context(
            case, Phase.CONVERSATION, forms=[form], formsets=[parties], form=form, formset=parties
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def calculation(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Phase 2: hours and money per party per step, prefilled from what Vangnet counted."""
    case = access_case(request.user, case_id, for_write=True)
    data = request.POST if request.method == "POST" else None
    settings_form = CaseSettingsForm(data, instance=case, prefix="case")
    parties = list(CaseParty.objects.filter(case=case))
    rates = RateFormSet(data, queryset=CaseParty.objects.filter(case=case), prefix="rates")
    lines = CostLineFormSet(
        data,
        queryset=CostLine.objects.filter(case=case),
        prefix="costs",
        form_kwargs={"parties": parties},
    )
    if (
        request.method == "POST"
        and settings_form.is_valid()
        and rates.is_valid()
        and lines.is_valid()
    ):
        actions.phase_save(
            actor=_actor(request),
            case=case,
            phase=Phase.CALCULATION,
            forms=[settings_form],
            formsets=[rates, lines],
        )
        return _after_save(request, case, Phase.CALCULATION)
    return render(
        request,
        "economics/calculation.html",
        _phase_context(
            case,
            Phase.CALCULATION,
            forms=[settings_form],
            formsets=[rates, lines],
            form=settings_form,
            rates=rates,
            formset=lines,
            activities=ACTIVITY_BY_KEY,
        ),
    )


@login_required
@require_POST
def prefill(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_write=True)
    elsewhere = actions.activity_prefill(actor=_actor(request), case=case)
    messages.success(request, _("The counts from Vangnet are filled in."))
    if elsewhere:
        messages.info(
            request,
            _("Some work was done by organisations that are not at the table: %(list)s.")
            % {
                "list": ", ".join(
                    f"{ACTIVITY_BY_KEY[key].label}: {shown_count(count, case.count_threshold)}"
                    for key, count in elsewhere.items()
                )
            },
        )
    return redirect("economics:calculation", case_id=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def benefits(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Phase 3: avoided events with who gains, the assumptions, and the gains nobody can count."""
    case = access_case(request.user, case_id, for_write=True)
    data = request.POST if request.method == "POST" else None
    book = load(case)
    current = {u.unit.key: (u.amount, u.own_reason) for u in book.units.values() if u.is_own}
    lines = BenefitLineFormSet(
        data,
        queryset=BenefitLine.objects.filter(case=case),
        prefix="benefits",
        form_kwargs={"parties": book.parties},
    )
    gains = QualitativeFormSet(
        data,
        queryset=QualitativeBenefit.objects.filter(case=case),
        prefix="gains",
        form_kwargs={"parties": book.parties},
    )
    units = UnitCostForm(data, current=current, prefix="units")
    if request.method == "POST" and lines.is_valid() and gains.is_valid() and units.is_valid():
        actions.phase_save(
            actor=_actor(request),
            case=case,
            phase=Phase.BENEFITS,
            formsets=[lines, gains],
            unit_costs=units.overrides(),
        )
        return _after_save(request, case, Phase.BENEFITS)
    return render(
        request,
        "economics/benefits.html",
        _phase_context(
            case,
            Phase.BENEFITS,
            forms=[units],
            formsets=[lines, gains],
            formset=lines,
            gains=gains,
            units=units,
            priced=book.units,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Phase 4: per party, taking part or not, its contribution, and the split of the burden."""
    case = access_case(request.user, case_id, for_write=True)
    data = request.POST if request.method == "POST" else None
    decisions = DecisionFormSet(
        data, queryset=CaseParty.objects.filter(case=case), prefix="decisions"
    )
    if request.method == "POST" and decisions.is_valid():
        actions.phase_save(
            actor=_actor(request), case=case, phase=Phase.DECISION, formsets=[decisions]
        )
        return _after_save(request, case, Phase.DECISION)
    figures = figures_of(case)
    agreement_form = AgreementForm(
        instance=case, initial={"agreed_on": case.agreed_on or timezone.localdate()}
    )
    return render(
        request,
        "economics/decision.html",
        _phase_context(
            case,
            Phase.DECISION,
            forms=[],
            formsets=[decisions],
            formset=decisions,
            agreement_form=agreement_form,
            **_figures_context(figures),
        ),
    )


@login_required
@require_POST
def proposal(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_write=True)
    actions.proposal_accept(actor=_actor(request), case=case)
    messages.success(request, _("The proposed split is filled in. You can still change it."))
    return redirect("economics:decision", case_id=case.pk)


@login_required
@require_POST
def agreement(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id, for_write=True)
    form = AgreementForm(request.POST, instance=case)
    if form.is_valid():
        actions.agreement_record(
            actor=_actor(request),
            case=case,
            agreed_on=form.cleaned_data["agreed_on"],
            note=form.cleaned_data["agreement_note"],
        )
        messages.success(request, _("The agreement of the table is recorded."))
        return redirect("economics:overview", case_id=case.pk)
    case.refresh_from_db()
    decisions = DecisionFormSet(queryset=CaseParty.objects.filter(case=case), prefix="decisions")
    return render(
        request,
        "economics/decision.html",
        _phase_context(
            case,
            Phase.DECISION,
            forms=[form],
            formsets=[],
            formset=decisions,
            agreement_form=form,
            **_figures_context(figures_of(case)),
        ),
    )


@login_required
@require_POST
def copy(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """A scenario: the same case under a new name, to change assumptions and compare."""
    case = access_case(request.user, case_id, for_write=True)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the copy a name."))
        return redirect("economics:overview", case_id=case.pk)
    new = actions.case_copy(actor=_actor(request), case=case, title=form.cleaned_data["title"])
    messages.success(request, _("The copy is made. Change its assumptions and compare."))
    return redirect("economics:overview", case_id=new.pk)


@login_required
@require_GET
def compare(request: AuthenticatedHttpRequest, case_id: int, other_id: int) -> HttpResponse:
    """Two cases side by side, party by party."""
    case = access_case(request.user, case_id)
    other = access_case(request.user, other_id)
    left, right = figures_of(case), figures_of(other)
    names = list(
        dict.fromkeys(
            [p.party for p in left.result.parties] + [p.party for p in right.result.parties]
        )
    )
    rows = []
    for name in names:
        a = next((p for p in left.result.parties if p.party == name), None)
        b = next((p for p in right.result.parties if p.party == name), None)
        rows.append(
            {
                "party": name,
                "left": a,
                "right": b,
                "difference": (b.net if b else 0) - (a.net if a else 0),
            }
        )
    return render(
        request,
        "economics/compare.html",
        {
            "case": case,
            "other": other,
            "left": left,
            "right": right,
            "rows": rows,
            "difference": right.result.total.net - left.result.total.net,
        },
    )


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def report_pdf_view(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    data = report_pdf(figures_of(case))
    actions.case_export_log(actor=_actor(request), case=case, format_name="pdf")
    return _download(data, "application/pdf", safe_filename(case.title, "pdf"))


@login_required
@require_GET
def report_xlsx_view(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access_case(request.user, case_id)
    data = report_xlsx(figures_of(case))
    actions.case_export_log(actor=_actor(request), case=case, format_name="xlsx")
    return _download(
        data,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        safe_filename(case.title, "xlsx"),
    )
