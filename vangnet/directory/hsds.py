"""The social map as Open Referral HSDS 3.0 JSON.

Field names and required fields follow the HSDS 3.0 schema files of the Open Referral
specification (schema/organization.json, service.json, location.json, address.json,
contact.json, phone.json, schedule.json, service_area.json, service_at_location.json,
attribute.json, taxonomy_term.json, organization_identifier.json) and the paginated
list response of its API (components/schemas/Page in schema/openapi.json).

Identifiers are UUIDs derived from the site address and the row's number, so the same
entry keeps the same identifier in every export.
"""

import re
import uuid
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.directory.exporting import organisations_for
from vangnet.directory.importing import Kind
from vangnet.directory.models import (
    Area,
    CostType,
    Need,
    Network,
    Organisation,
    Person,
    Service,
)

HSDS_VERSION = "3.0"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_WORDS = {
    "ma": 0,
    "maandag": 0,
    "maandagen": 0,
    "maandags": 0,
    "mon": 0,
    "monday": 0,
    "mondays": 0,
    "di": 1,
    "dinsdag": 1,
    "dinsdagen": 1,
    "dinsdags": 1,
    "tue": 1,
    "tuesday": 1,
    "tuesdays": 1,
    "wo": 2,
    "woensdag": 2,
    "woensdagen": 2,
    "woensdags": 2,
    "wed": 2,
    "wednesday": 2,
    "wednesdays": 2,
    "do": 3,
    "donderdag": 3,
    "donderdagen": 3,
    "donderdags": 3,
    "thu": 3,
    "thursday": 3,
    "thursdays": 3,
    "vr": 4,
    "vrijdag": 4,
    "vrijdagen": 4,
    "vrijdags": 4,
    "fri": 4,
    "friday": 4,
    "fridays": 4,
    "za": 5,
    "zaterdag": 5,
    "zaterdagen": 5,
    "zaterdags": 5,
    "sat": 5,
    "saturday": 5,
    "saturdays": 5,
    "zo": 6,
    "zondag": 6,
    "zondagen": 6,
    "zondags": 6,
    "sun": 6,
    "sunday": 6,
    "sundays": 6,
}
TIME_RANGE_RE = re.compile(
    r"(\d{1,2})[:.](\d{2})\s*(?:uur\s*)?(?:-|\u2013|tot|to|till|until)\s*(\d{1,2})[:.](\d{2})"
)
DAY_RANGE_RE = re.compile(r"([a-z]+)\s*(?:-|\u2013|t/m|tot en met|to|through)\s*([a-z]+)")


def hsds_id(kind: str, pk: object) -> str:
    """A stable identifier for one row: the same entry gets the same UUID in every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/hsds/{kind}/{pk}"))


def parse_schedule(text: str) -> dict[str, Any]:
    """Weekly days and opening times from text like 'ma t/m vr 8.00-17.00', where it can tell."""
    lowered = text.lower()
    times = TIME_RANGE_RE.search(lowered)
    days: set[int] = set()
    for start, end in DAY_RANGE_RE.findall(lowered):
        if start in DAY_WORDS and end in DAY_WORDS:
            first, last = DAY_WORDS[start], DAY_WORDS[end]
            days.update(range(first, last + 1) if first <= last else [])
    for word in re.findall(r"[a-z]+", lowered):
        if word in DAY_WORDS:
            days.add(DAY_WORDS[word])
    if not times or not days:
        return {}
    opens = f"{int(times.group(1)):02d}:{times.group(2)}"
    closes = f"{int(times.group(3)):02d}:{times.group(4)}"
    return {
        "freq": "WEEKLY",
        "interval": 1,
        "byday": ",".join(WEEKDAYS[d] for d in sorted(days)),
        "opens_at": opens,
        "closes_at": closes,
    }


def _schedule(owner_kind: str, owner_pk: object, text: str, **links: str) -> dict[str, Any]:
    return {
        "id": hsds_id(f"{owner_kind}-schedule", owner_pk),
        **links,
        "description": text,
        **parse_schedule(text),
        # HSDS asks for times with a UTC offset; Dutch opening hours follow local time all year.
        "notes": _("Times are local Dutch time (Europe/Amsterdam)."),
    }


def _phone(owner_kind: str, owner_pk: object, number: str, **links: str) -> dict[str, Any]:
    return {
        "id": hsds_id(f"{owner_kind}-phone", f"{owner_pk}-{number}"),
        **links,
        "number": number,
        "type": "voice",
    }


def contact_json(person: Person, **links: str) -> dict[str, Any]:
    """A person as an HSDS contact; private details only when the person agreed to show them."""
    phones = [person.work_phone] if person.work_phone else []
    email = person.work_email
    if person.show_private_contact:
        phones += [person.private_phone] if person.private_phone else []
        email = email or person.private_email
    contact_id = hsds_id("contact", person.pk)
    return {
        "id": contact_id,
        "organization_id": hsds_id("organization", person.organisation_id),
        **links,
        "name": person.name,
        "title": str(person.get_discipline_display()),
        "email": email,
        "phones": [_phone("contact", person.pk, n, contact_id=contact_id) for n in phones],
    }


def location_json(org: Organisation) -> dict[str, Any] | None:
    if not (org.street or org.postcode or org.city):
        return None
    location_id = hsds_id("location", org.pk)
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": hsds_id("organization", org.pk),
        "name": org.name,
        "description": "",
        # "addresss" is how the HSDS 3.0 schema itself spells this array (schema/location.json).
        "addresss": [
            {
                "id": hsds_id("address", org.pk),
                "location_id": location_id,
                "address_1": org.street,
                "city": org.city,
                # The social map keeps no province; the field is required, so it stays empty.
                "state_province": "",
                "postal_code": org.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ],
        "phones": [],
        "schedules": [],
    }


def organization_json(org: Organisation, *, with_details: bool = True) -> dict[str, Any]:
    org_id = hsds_id("organization", org.pk)
    data: dict[str, Any] = {
        "id": org_id,
        "name": org.name,
        "description": org.description,
        "email": org.email,
        "website": org.website,
    }
    if not with_details:
        return data
    location = location_json(org)
    if location is not None and org.office_hours:
        location["schedules"] = [
            _schedule("location", org.pk, org.office_hours, location_id=location["id"])
        ]
    phones = (
        [_phone("organization", org.pk, org.phone, organization_id=org_id)] if org.phone else []
    )
    if org.out_of_hours:
        phones.append(
            {
                "id": hsds_id("organization-phone-night", org.pk),
                "organization_id": org_id,
                "number": org.out_of_hours[:30],
                "type": "voice",
                "description": org.out_of_hours,
            }
        )
    data.update(
        {
            "organization_identifiers": (
                [
                    {
                        "id": hsds_id("organization-agb", org.pk),
                        "organization_id": org_id,
                        "identifier_scheme": "NL-AGB",
                        "identifier_type": "AGB-code (Vektis)",
                        "identifier": org.agb_code,
                    }
                ]
                if org.agb_code
                else []
            ),
            "locations": [location] if location else [],
            "phones": phones,
            "contacts": [contact_json(p) for p in org.people.all()],
        }
    )
    return data


def _need_attribute(service: Service, need: str) -> dict[str, Any]:
    service_id = hsds_id("service", service.pk)
    term_id = hsds_id("taxonomy-term", need)
    label = str(dict(Need.choices).get(need, need))
    return {
        "id": hsds_id("attribute", f"{service.pk}-{need}"),
        "link_id": service_id,
        "link_type": "need",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "value": need,
        "taxonomy_term": {
            "id": term_id,
            "code": need,
            "name": label,
            "description": label,
            "taxonomy_id": hsds_id("taxonomy", "vangnet-needs"),
        },
    }


def _fees(service: Service) -> str:
    label = str(CostType(service.cost_type).label) if service.cost_type else ""
    return ". ".join(part for part in (label, service.cost_note) if part)


def service_json(service: Service) -> dict[str, Any]:
    service_id = hsds_id("service", service.pk)
    org = service.organisation
    application = service.how_to_access
    if service.referral_required:
        application = " ".join(part for part in (application, _("A referral is needed.")) if part)
    attributes = [_need_attribute(service, need) for need in service.needs or []]
    if service.waiting_days is not None:
        attributes.append(
            {
                "id": hsds_id("attribute", f"{service.pk}-waiting"),
                "link_id": service_id,
                "link_type": "waiting_time_days",
                "link_entity": "service",
                "taxonomy_term_id": hsds_id("taxonomy-term", "waiting_days"),
                "value": str(service.waiting_days),
            }
        )
    location = location_json(org)
    data: dict[str, Any] = {
        "id": service_id,
        "organization_id": hsds_id("organization", org.pk),
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": "active",
        "application_process": application,
        "fees_description": _fees(service),
        "eligibility_description": service.audience,
        "assured_date": service.last_confirmed_at.date().isoformat(),
        "organization": organization_json(org, with_details=False),
        "phones": (
            [_phone("service", service.pk, service.phone, service_id=service_id)]
            if service.phone
            else []
        ),
        "contacts": [contact_json(service.contact, service_id=service_id)]
        if service.contact
        else [],
        "schedules": (
            [_schedule("service", service.pk, service.schedule, service_id=service_id)]
            if service.schedule
            else []
        ),
        "service_areas": [
            {
                "id": hsds_id("service-area", f"{service.pk}-{area.pk}"),
                "service_id": service_id,
                "name": area.name,
                "description": _("CBS area code %(code)s") % {"code": area.code},
            }
            for area in service.areas.all()
        ],
        "service_at_locations": (
            [
                {
                    "id": hsds_id("service-at-location", service.pk),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }
            ]
            if location
            else []
        ),
        "attributes": attributes,
    }
    return data


def _page(contents: list[dict[str, Any]]) -> dict[str, Any]:
    """One page holding everything, in the shape of the HSDS API's paginated lists."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def export_hsds(kind: Kind, *, network: Network | None = None) -> dict[str, Any]:
    """The entries of one kind as HSDS 3.0: organizations, services, or contacts."""
    organisations = organisations_for(network)
    people = Person.objects.select_related("organisation").order_by("name", "pk")
    if kind is Kind.ORGANISATIONS:
        contents = [
            organization_json(org)
            for org in organisations.prefetch_related(Prefetch("people", queryset=people))
        ]
    elif kind is Kind.SERVICES:
        services = (
            Service.objects.filter(organisation__in=organisations)
            .select_related("organisation", "contact")
            .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("code")))
            .order_by("organisation__name", "name", "pk")
        )
        contents = [service_json(service) for service in services]
    else:
        contents = [contact_json(p) for p in people.filter(organisation__in=organisations)]
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        **_page(contents),
    }
