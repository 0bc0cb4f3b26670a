"""The coordinator's figures: the quarter on screen, a CSV per indicator, the PDF report."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.monitoring.access import access_network, networks_visible
from vangnet.monitoring.charts import trend_chart
from vangnet.monitoring.downloads import (
    EXPERIENCE_KEY,
    experience_csv,
    filename,
    indicator_csv,
    report_pdf,
)
from vangnet.monitoring.figures import TREND_QUARTERS, QuarterFigures, figures_of
from vangnet.monitoring.quarters import Quarter, QuarterError, current_quarter, parse_quarter
from vangnet.monitoring.survey import experience_of


def _quarter(request: AuthenticatedHttpRequest) -> tuple[Quarter, str, str]:
    """The quarter asked for (else the current one), what was typed, and an error if any."""
    typed = request.GET.get("quarter", "")[:20].replace("\x00", "")
    if not typed:
        return current_quarter(), "", ""
    try:
        return parse_quarter(typed), typed, ""
    except QuarterError as error:
        return current_quarter(), typed, str(error)


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = networks_visible(request.user)
    if len(networks) == 1:
        return redirect("monitoring:figures", slug=networks[0].slug)
    return render(request, "monitoring/index.html", {"networks": networks})


@login_required
@require_GET
def figures(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = access_network(request.user, slug)
    quarter, typed, error = _quarter(request)
    found = figures_of(network, quarter)
    charts = {trend.key: (trend, trend_chart(trend)) for trend in found.trends}
    choices = current_quarter().back(TREND_QUARTERS)[::-1]
    return render(
        request,
        "monitoring/figures.html",
        {
            "figures": found,
            "items": [(item, *charts[item.indicator.key]) for item in found.shown],
            "choices": choices,
            "typed": typed,
            "error": error,
            "experience": experience_of(network, str(found.quarter)),
        },
        status=400 if error else 200,
    )


def _download(data: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _figures_for_export(request: AuthenticatedHttpRequest, slug: str) -> QuarterFigures:
    network = access_network(request.user, slug)
    quarter, _typed, error = _quarter(request)
    if error:
        raise Http404
    return figures_of(network, quarter)


@login_required
@require_GET
def indicator_csv_view(request: AuthenticatedHttpRequest, slug: str, key: str) -> HttpResponse:
    found = _figures_for_export(request, slug)
    if key == EXPERIENCE_KEY:
        rows = experience_of(found.network, str(found.quarter))
        return _download(
            experience_csv(found, rows), "text/csv; charset=utf-8", filename(found, key, "csv")
        )
    item = found.by_key(key)
    if item is None:
        raise Http404
    return _download(
        indicator_csv(found, item), "text/csv; charset=utf-8", filename(found, key, "csv")
    )


@login_required
@require_GET
def report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    found = _figures_for_export(request, slug)
    experience = experience_of(found.network, str(found.quarter))
    return _download(
        report_pdf(found, experience), "application/pdf", filename(found, "rapport", "pdf")
    )
