"""The shapes of the API's answers; what is not in a schema never leaves the server."""

from datetime import date
from typing import Any

from ninja import Schema


class NotFound(Schema):
    detail: str


class AreaOut(Schema):
    code: str
    name: str
    level: str


class NetworkOut(Schema):
    slug: str
    name: str
    description: str
    areas: list[AreaOut]
    night_and_weekend: str


class PersonOut(Schema):
    """A person's work details; private ones only when the person agreed to show them."""

    name: str
    discipline: str
    discipline_label: str
    work_phone: str
    work_email: str
    working_days: list[str]
    private_phone: str
    private_email: str


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    type_label: str
    domain: str
    description: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    website: str
    office_hours: str
    out_of_hours: str
    areas: list[str]
    people: list[PersonOut]
    last_confirmed: date
    stale: bool


class OrganisationRef(Schema):
    id: int
    name: str


class ServiceOut(Schema):
    id: int
    name: str
    organisation: OrganisationRef
    description: str
    audience: str
    how_to_access: str
    needs: list[str]
    waiting_days: int | None
    referral_required: bool
    cost_type: str
    cost_note: str
    schedule: str
    phone: str
    email: str
    url: str
    contact: PersonOut | None
    areas: list[str]
    last_confirmed: date
    stale: bool


class AssignmentOut(Schema):
    organisation: OrganisationRef
    role: str
    role_label: str
    responsibility: str
    when: str
    office_hours: str
    evenings: str
    nights_weekends: str
    phone: str


class StepOut(Schema):
    number: int
    name: str
    gap: bool
    overlap: bool
    assignments: list[AssignmentOut]


class WhoDoesWhatOut(Schema):
    network: str
    steps: list[StepOut]


class HsdsPage(Schema):
    """One page of HSDS 3.0 entries; each entry follows the HSDS schema of its kind."""

    hsds_version: str
    generated_at: str
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]
