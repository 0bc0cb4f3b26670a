"""Finding people and services: the search for professionals, the public map for citizens."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from vangnet.accounts.decorators import public
from vangnet.directory.forms import SearchForm
from vangnet.directory.models import Domain, Network, Organisation, Person, Service
from vangnet.directory.response_notes import response_notes
from vangnet.directory.search import (
    Criteria,
    network_organisation_ids,
    related_area_ids,
    search_people,
    search_services,
    services_serving_q,
)
from vangnet.directory.views.common import viewer_for

RESULT_LIMIT = 50


@public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search people and services; visitors without a login go to the public map."""
    if not request.user.is_authenticated:
        return redirect("directory:public_index")
    form = SearchForm(request.GET or None)
    criteria = Criteria()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            text=data["q"],
            discipline=data["discipline"],
            need=data["need"],
            area=form.selected_area(),
            network=data["network"],
        )
    people: list[Person] = []
    services: list[Service] = []
    if not criteria.is_empty:
        people = list(search_people(criteria)[: RESULT_LIMIT + 1])
        services = list(search_services(criteria)[: RESULT_LIMIT + 1])
    context = {
        "form": form,
        "searched": not criteria.is_empty,
        "people": people[:RESULT_LIMIT],
        "services": services[:RESULT_LIMIT],
        "more_people": len(people) > RESULT_LIMIT,
        "more_services": len(services) > RESULT_LIMIT,
        "limit": RESULT_LIMIT,
        "viewer": viewer_for(request),
        "responses": response_notes(services=[s.pk for s in services[:RESULT_LIMIT]]),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "directory/includes/search_results.html", context)
    return render(request, "directory/search.html", context)


@public
@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The public maps of all networks; with one network, straight to its map."""
    networks = list(Network.objects.order_by("name"))
    if len(networks) == 1:
        return redirect("directory:public_map", slug=networks[0].slug)
    return render(request, "directory/public_index.html", {"networks": networks})


@dataclass
class DomainGroup:
    domain: Domain
    organisations: list[Organisation] = field(default_factory=list)


@public
@require_GET
def public_map(request: HttpRequest, slug: str) -> HttpResponse:
    """A network's social map for citizens: no login, work contact details only, private
    ones only for people who agreed."""
    network = get_object_or_404(Network.objects.select_related("coordinator"), slug=slug)
    area_ids = related_area_ids(list(network.areas.all()))
    listed = Service.areas.through.objects.values("service_id")
    services = (
        Service.objects.filter(services_serving_q(area_ids) | ~Q(pk__in=listed))
        .select_related("contact")
        .order_by("name")
    )
    organisations = (
        network_organisation_ids(network)
        .prefetch_related(Prefetch("services", queryset=services))
        .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("name")))
        .order_by("name")
    )
    groups = {domain: DomainGroup(domain=Domain(domain)) for domain in Domain.values}
    shown = list(organisations)
    for organisation in shown:
        groups[organisation.domain].organisations.append(organisation)
    context: dict[str, Any] = {
        "network": network,
        "areas": network.areas.order_by("code"),
        "groups": [g for g in groups.values() if g.organisations],
        # Counts over at least ten referrals each: no older person can be read from them.
        "responses": response_notes(
            services=[s.pk for o in shown for s in o.services.all()],
            organisations=[o.pk for o in shown],
        ),
    }
    return render(request, "directory/public_map.html", context)
