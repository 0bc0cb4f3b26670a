"""The collaboration graph of a network, for organisations and, for its coordinator, people."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.collaboration.access import access_network_graph, coordinates, networks_for
from vangnet.collaboration.drawing import draw
from vangnet.collaboration.forms import PeriodForm, default_period
from vangnet.collaboration.measures import compare, measure
from vangnet.collaboration.traces import Level, network_traces


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "collaboration/index.html", {"networks": networks_for(request.user)})


@login_required
@require_GET
def graph(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _graph_page(request, slug, Level.ORGANISATIONS)


@login_required
@require_GET
def professionals(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _graph_page(request, slug, Level.PROFESSIONALS)


def _graph_page(request: AuthenticatedHttpRequest, slug: str, level: Level) -> HttpResponse:
    network = access_network_graph(request.user, slug, level)
    period = default_period()
    form = PeriodForm(
        request.GET if request.GET else None,
        initial={"start": period.start, "end": period.end},
    )
    if form.is_bound and form.is_valid():
        period = form.period()
    now = measure(network_traces(network, period, level))
    before_period = period.before()
    grew, faded = compare(now, measure(network_traces(network, before_period, level)))
    return render(
        request,
        "collaboration/graph.html",
        {
            "network": network,
            "level": level.value,
            "form": form,
            "period": period,
            "before": before_period,
            "measures": now,
            "drawing": draw(now),
            "grew": grew,
            "faded": faded,
            "is_coordinator": coordinates(request.user, network),
        },
    )
