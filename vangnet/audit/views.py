"""The coordinator's view of the access log and the review of emergency access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.forms import LogFilterForm, ReviewForm
from vangnet.audit.models import AccessLogEntry, BreakGlassReview
from vangnet.core.params import number_param


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_coordinator:
        raise Http404


@login_required
def log_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = LogFilterForm(request.GET or None)
    rows = AccessLogEntry.objects.order_by("-pk")
    if form.is_valid():
        if form.cleaned_data["client"]:
            rows = rows.filter(client_id=form.cleaned_data["client"])
        if form.cleaned_data["user"]:
            rows = rows.filter(user_label__icontains=form.cleaned_data["user"])
        if form.cleaned_data["break_glass"]:
            rows = rows.filter(break_glass=True)
    page = Paginator(rows, 50).get_page(number_param(request, "page", default=1, minimum=1))
    return render(request, "audit/log.html", {"form": form, "page": page})


# How an attempt at emergency access ended, by the object its log row names.
REFUSALS = {
    "emergency-access:no-match": gettext_lazy("refused: no single older person matched"),
    "emergency-access:not-allowed": gettext_lazy("refused: this role may not use emergency access"),
    "emergency-access:limit": gettext_lazy("refused: the daily limit was reached"),
}


def _refusal(entry: AccessLogEntry) -> str:
    for name in entry.objects_involved:
        if name in REFUSALS:
            return str(REFUSALS[name])
    return str(_("refused"))


@login_required
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every attempt at emergency access: uses to review, and refusals, which name nobody."""
    _require_coordinator(request)
    entries = list(AccessLogEntry.objects.emergency_attempts()[:200])
    used = [e for e in entries if e.client_id is not None]
    reviews = {
        r.log_entry_id: r
        for r in BreakGlassReview.objects.filter(
            log_entry_id__in=[e.pk for e in used]
        ).select_related("reviewed_by")
    }
    rows = [(entry, reviews.get(entry.pk)) for entry in used]
    return render(
        request,
        "audit/review.html",
        {
            "open_rows": [(e, r) for e, r in rows if r is None],
            "done_rows": [(e, r) for e, r in rows if r is not None],
            "refused_rows": [(e, _refusal(e)) for e in entries if e.client_id is None],
            "form": ReviewForm(),
        },
    )


@login_required
@require_POST
def review_entry(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    _require_coordinator(request)
    used = AccessLogEntry.objects.filter(pk=entry_id, break_glass=True, client_id__isnull=False)
    if not used.exists():
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the emergency access was justified."))
        return redirect("audit:review")
    try:
        with transaction.atomic():
            BreakGlassReview.objects.create(
                log_entry_id=entry_id,
                reviewed_by=request.user,
                justified=form.cleaned_data["justified"],
                note=form.cleaned_data["note"],
            )
    except IntegrityError:
        messages.error(request, _("Someone else already reviewed this emergency access."))
    else:
        messages.success(request, _("Your review is saved."))
    return redirect("audit:review")
