"""Export the social map as CSV, in the columns the import reads, so a file can go out and back in.

A person's private phone and email are written only when that person agreed to show
them (``show_private_contact``); otherwise those cells stay empty.
"""

import csv
import io
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from vangnet.directory.importing import COLUMNS, FORMULA_START, Kind
from vangnet.directory.models import Area, Network, Organisation, Person, Service


def _guard(value: object) -> str:
    """Text for a cell; a leading ' stops Excel running it as a formula (the import drops it)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def _areas(areas: Iterable[Area]) -> str:
    return ", ".join(sorted(area.code for area in areas))


def _owner(entry: Organisation | Person | Service) -> str:
    return entry.owner.email if entry.owner else ""


def organisations_for(network: Network | None) -> QuerySet[Organisation]:
    """Every organisation, or those taking part in one network (as a party or at a step)."""
    organisations = Organisation.objects.all()
    if network is not None:
        organisations = organisations.filter(
            Q(network_parties__network=network) | Q(assignments__network=network)
        ).distinct()
    return organisations.order_by("name", "pk")


def _organisation_rows(network: Network | None) -> Iterable[dict[str, str]]:
    queryset = organisations_for(network).select_related("owner").prefetch_related("areas")
    for org in queryset:
        yield {
            "name": org.name,
            "type": org.type,
            "domain": org.domain,
            "agb_code": org.agb_code,
            "street": org.street,
            "postcode": org.postcode,
            "city": org.city,
            "phone": org.phone,
            "email": org.email,
            "website": org.website,
            "office_hours": org.office_hours,
            "out_of_hours": org.out_of_hours,
            "description": org.description,
            "areas": _areas(org.areas.all()),
            "owner": _owner(org),
            "last_confirmed": org.last_confirmed_at.date().isoformat(),
        }


def _person_rows(network: Network | None) -> Iterable[dict[str, str]]:
    queryset = (
        Person.objects.filter(organisation__in=organisations_for(network))
        .select_related("organisation", "owner")
        .order_by("organisation__name", "name", "pk")
    )
    for person in queryset:
        shown = person.show_private_contact
        yield {
            "name": person.name,
            "discipline": person.discipline,
            "organisation": person.organisation.name,
            "work_phone": person.work_phone,
            "work_email": person.work_email,
            "working_days": ", ".join(person.working_days or []),
            "private_phone": person.private_phone if shown else "",
            "private_email": person.private_email if shown else "",
            "show_private_contact": _yes_no(shown),
            "owner": _owner(person),
            "last_confirmed": person.last_confirmed_at.date().isoformat(),
        }


def _service_rows(network: Network | None) -> Iterable[dict[str, str]]:
    queryset = (
        Service.objects.filter(organisation__in=organisations_for(network))
        .select_related("organisation", "contact", "owner")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("code")))
        .order_by("organisation__name", "name", "pk")
    )
    for service in queryset:
        yield {
            "name": service.name,
            "organisation": service.organisation.name,
            "description": service.description,
            "audience": service.audience,
            "how_to_access": service.how_to_access,
            "referral_required": _yes_no(service.referral_required),
            "cost_type": service.cost_type,
            "cost_note": service.cost_note,
            "waiting_days": "" if service.waiting_days is None else str(service.waiting_days),
            "needs": ", ".join(service.needs or []),
            "contact": service.contact.name if service.contact else "",
            "phone": service.phone,
            "email": service.email,
            "url": service.url,
            "schedule": service.schedule,
            "areas": _areas(service.areas.all()),
            "owner": _owner(service),
            "last_confirmed": service.last_confirmed_at.date().isoformat(),
        }


ROWS = {
    Kind.ORGANISATIONS: _organisation_rows,
    Kind.PEOPLE: _person_rows,
    Kind.SERVICES: _service_rows,
}


def export_csv(kind: Kind, *, network: Network | None = None) -> bytes:
    """One kind of entry as CSV: UTF-8 with a byte-order mark and semicolons, for Dutch Excel."""
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in ROWS[kind](network):
        writer.writerow([_guard(row.get(column.key, "")) for column in columns])
    return out.getvalue().encode("utf-8-sig")
