"""The public, read-only API of the social map: what the public map shows, as JSON.

Nothing here needs a login and nothing here is more than the public map shows: work
contact details, and a person's private ones only when that person agreed to show them.
"""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI

from vangnet.api.schemas import (
    HsdsPage,
    NetworkOut,
    NotFound,
    OrganisationOut,
    ServiceOut,
    WhoDoesWhatOut,
)
from vangnet.directory.hsds import export_hsds
from vangnet.directory.importing import Kind
from vangnet.directory.models import (
    Area,
    Network,
    Organisation,
    PathwayStep,
    Person,
    Service,
    StepAssignment,
)
from vangnet.directory.search import network_organisation_ids, related_area_ids, services_serving_q

# A network's map holds tens of entries; this only stops one answer growing without bound.
MAX_ENTRIES = 1000

# docs_url=None: the interactive page loads scripts from a CDN, which the Content Security
# Policy and installs without internet forbid. The OpenAPI description is enough.
api = NinjaAPI(
    title="Vangnet",
    version="1",
    description="The social map of neighbourhood networks for frail older people, read-only.",
    urls_namespace="api",
    docs_url=None,
)

NOT_FOUND: dict[int | str, Any] = {404: NotFound}


def _network(slug: str) -> Network:
    return get_object_or_404(Network, slug=slug)


def _areas() -> Prefetch[Any]:
    return Prefetch("areas", queryset=Area.objects.order_by("code"))


def person_out(person: Person) -> dict[str, Any]:
    shown = person.show_private_contact
    return {
        "name": person.name,
        "discipline": person.discipline,
        "discipline_label": str(person.get_discipline_display()),
        "work_phone": person.work_phone,
        "work_email": person.work_email,
        "working_days": list(person.working_days or []),
        "private_phone": person.private_phone if shown else "",
        "private_email": person.private_email if shown else "",
    }


def organisation_out(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "type": org.type,
        "type_label": str(org.get_type_display()),
        "domain": org.domain,
        "description": org.description,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "office_hours": org.office_hours,
        "out_of_hours": org.out_of_hours,
        "areas": [area.code for area in org.areas.all()],
        "people": [person_out(p) for p in org.people.all()],
        "last_confirmed": org.last_confirmed_at.date(),
        "stale": org.is_stale,
    }


def service_out(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "name": service.name,
        "organisation": {"id": service.organisation_id, "name": service.organisation.name},
        "description": service.description,
        "audience": service.audience,
        "how_to_access": service.how_to_access,
        "needs": list(service.needs or []),
        "waiting_days": service.waiting_days,
        "referral_required": service.referral_required,
        "cost_type": service.cost_type,
        "cost_note": service.cost_note,
        "schedule": service.schedule,
        "phone": service.phone,
        "email": service.email,
        "url": service.url,
        "contact": person_out(service.contact) if service.contact else None,
        "areas": [area.code for area in service.areas.all()],
        "last_confirmed": service.last_confirmed_at.date(),
        "stale": service.is_stale,
    }


def map_organisations(network: Network) -> QuerySet[Organisation]:
    """The organisations on a network's public map, chosen as the public map chooses them."""
    return network_organisation_ids(network).order_by("name", "pk")


def map_services(network: Network) -> QuerySet[Service]:
    """The services on a network's public map: those of its organisations that serve its
    areas, or that list no area of their own (as the public map shows them)."""
    area_ids = related_area_ids(list(network.areas.all()))
    listed = Service.areas.through.objects.values("service_id")
    return Service.objects.filter(
        Q(organisation__in=network_organisation_ids(network, area_ids)),
        services_serving_q(area_ids) | ~Q(pk__in=listed),
    ).order_by("organisation__name", "name", "pk")


@api.get("/networks", response=list[NetworkOut], summary="All networks")
def networks(request: HttpRequest) -> list[dict[str, Any]]:
    rows = Network.objects.prefetch_related(_areas()).order_by("name")[:MAX_ENTRIES]
    return [
        {
            "slug": n.slug,
            "name": n.name,
            "description": n.description,
            "areas": [{"code": a.code, "name": a.name, "level": a.level} for a in n.areas.all()],
            "night_and_weekend": n.night_and_weekend,
        }
        for n in rows
    ]


@api.get(
    "/networks/{slug}/organisations",
    response={200: list[OrganisationOut], **NOT_FOUND},
    summary="Organisations on a network's map",
)
def organisations(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    rows = map_organisations(_network(slug)).prefetch_related(
        _areas(), Prefetch("people", queryset=Person.objects.order_by("name", "pk"))
    )
    return [organisation_out(org) for org in rows[:MAX_ENTRIES]]


@api.get(
    "/networks/{slug}/services",
    response={200: list[ServiceOut], **NOT_FOUND},
    summary="Services on a network's map",
)
def services(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    rows = (
        map_services(_network(slug))
        .select_related("organisation", "contact")
        .prefetch_related(_areas())
    )
    return [service_out(service) for service in rows[:MAX_ENTRIES]]


@api.get(
    "/networks/{slug}/who-does-what",
    response={200: WhoDoesWhatOut, **NOT_FOUND},
    summary="Who does each step of the care pathway",
)
def who_does_what(request: HttpRequest, slug: str) -> dict[str, Any]:
    network = _network(slug)
    gaps = set(network.gap_steps())
    overlaps = set(network.overlap_steps())
    by_step: dict[int, list[dict[str, Any]]] = {step: [] for step in PathwayStep.values}
    rows = (
        StepAssignment.objects.filter(network=network)
        .select_related("organisation")
        .order_by("step", "organisation__name", "pk")
    )
    for row in rows[:MAX_ENTRIES]:
        by_step[row.step].append(
            {
                "organisation": {"id": row.organisation_id, "name": row.organisation.name},
                "role": row.discipline,
                "role_label": str(row.get_discipline_display()) if row.discipline else "",
                "responsibility": row.responsibility,
                "when": row.when,
                "office_hours": row.office_hours,
                "evenings": row.evenings,
                "nights_weekends": row.nights_weekends,
                "phone": row.phone,
            }
        )
    return {
        "network": network.slug,
        "steps": [
            {
                "number": step.value,
                "name": str(step.label),
                "gap": step.value in gaps,
                "overlap": step.value in overlaps,
                "assignments": by_step[step.value],
            }
            for step in PathwayStep
        ],
    }


@api.get(
    "/networks/{slug}/hsds",
    response={200: HsdsPage, **NOT_FOUND},
    summary="The network's entries as Open Referral HSDS 3.0",
)
def hsds(request: HttpRequest, slug: str, kind: Kind = Kind.SERVICES) -> dict[str, Any]:
    """HSDS 3.0 organizations, services or contacts (kind=organisations, services, people)."""
    return export_hsds(kind, network=_network(slug))
