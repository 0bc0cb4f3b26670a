"""The Open Referral HSDS 3.0 export has the schema's shape: required fields, types and enums."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from vangnet.directory.hsds import export_hsds, hsds_id, parse_schedule
from vangnet.directory.importing import Kind
from vangnet.directory.models import Network
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)

pytestmark = pytest.mark.django_db

# Required fields and nested arrays of the HSDS 3.0 schema files (openreferral/specification,
# branch 3.0, schema/*.json): what each object must carry, and what it may nest.
REQUIRED = {
    "organization": {"id", "name", "description"},
    "service": {"id", "name", "status"},
    "location": {"id", "location_type"},
    "address": {
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    },
    "contact": {"id"},
    "phone": {"id", "number"},
    "schedule": {"id"},
    "service_area": {"id"},
    "service_at_location": {"id"},
    "attribute": {"id", "link_type"},
    "taxonomy_term": {"id", "name", "description"},
    "organization_identifier": {"id", "identifier_type", "identifier"},
}
NESTED = {
    "organization": {
        "locations": "location",
        "contacts": "contact",
        "phones": "phone",
        "organization_identifiers": "organization_identifier",
    },
    "service": {
        "phones": "phone",
        "contacts": "contact",
        "schedules": "schedule",
        "service_areas": "service_area",
        "service_at_locations": "service_at_location",
        "attributes": "attribute",
    },
    "location": {"addresss": "address", "phones": "phone", "schedules": "schedule"},
    "contact": {"phones": "phone"},
    "service_at_location": {"location": "location"},
    "attribute": {"taxonomy_term": "taxonomy_term"},
}
ENUMS = {
    ("service", "status"): {"active", "inactive", "defunct", "temporarily closed"},
    ("location", "location_type"): {"physical", "postal", "virtual"},
    ("address", "address_type"): {"physical", "postal", "virtual"},
    ("schedule", "freq"): {"WEEKLY", "MONTHLY"},
}
NUMBERS = {("schedule", "interval")}


def check_shape(obj: dict[str, Any], kind: str, ids: set[str]) -> None:
    """Fail with a path when obj is not a valid HSDS 3.0 object of this kind."""
    missing = REQUIRED[kind] - set(obj)
    assert not missing, f"{kind} {obj.get('id')} lacks {missing}"
    for key, value in obj.items():
        if (kind, key) in ENUMS:
            assert value in ENUMS[(kind, key)], f"{kind}.{key} = {value!r}"
        elif (kind, key) in NUMBERS:
            assert isinstance(value, int | float), f"{kind}.{key} is not a number"
        elif key in NESTED.get(kind, {}):
            child = NESTED[kind][key]
            children = value if isinstance(value, list) else [value]
            for item in children:
                assert isinstance(item, dict), f"{kind}.{key} holds {item!r}"
                check_shape(item, child, ids)
        elif kind == "service" and key == "organization":
            check_shape(value, "organization", set())
        else:
            assert isinstance(value, str), f"{kind}.{key} should be a string, not {value!r}"
    assert obj["id"] not in ids, f"{kind} id {obj['id']} is used twice"
    ids.add(obj["id"])


def check_page(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    assert document["hsds_version"] == "3.0"
    contents: list[dict[str, Any]] = document["contents"]
    assert document["total_items"] == document["size"] == len(contents)
    assert document["empty"] is (not contents)
    assert document["first_page"] is document["last_page"] is True
    top_ids = [item["id"] for item in contents]
    assert len(top_ids) == len(set(top_ids))
    for item in contents:
        # Within one object every identifier is new; a location may recur in other services.
        check_shape(item, kind, set())
    # A round trip through JSON changes nothing: only plain JSON values.
    assert json.loads(json.dumps(document)) == document
    return contents


@pytest.fixture
def network() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create()
    org = OrganisationFactory.create(
        name="Welzijn Oude Kern",
        agb_code="01234567",
        office_hours="ma t/m vr 9.00-17.00",
        out_of_hours="Huisartsenpost: 0990-200 200",
        email="info@welzijn.example",
    )
    NetworkPartyFactory.create(network=network, organisation=org)
    person = PersonFactory.create(
        name="Fatima Bouzid", organisation=org, private_phone="06-11111111"
    )
    PersonFactory.create(
        name="Joost Prins", organisation=org, private_phone="06-22222222", show_private_contact=True
    )
    service = ServiceFactory.create(
        organisation=org,
        contact=person,
        needs=["loneliness", "mood"],
        waiting_days=7,
        schedule="dinsdag 10.00-12.00",
        referral_required=True,
        cost_type="wmo",
    )
    service.areas.set([neighbourhood])
    return network


def test_organizations_have_the_hsds_shape(network: Network) -> None:
    contents = check_page(export_hsds(Kind.ORGANISATIONS), "organization")
    org = contents[0]
    assert org["organization_identifiers"][0]["identifier"] == "01234567"
    address = org["locations"][0]["addresss"][0]
    assert address["country"] == "NL"
    assert address["postal_code"] == "9999 AA"
    assert {c["name"] for c in org["contacts"]} == {"Fatima Bouzid", "Joost Prins"}


def test_services_have_the_hsds_shape_with_needs_schedule_and_area(network: Network) -> None:
    service = check_page(export_hsds(Kind.SERVICES, network=network), "service")[0]
    assert service["status"] == "active"
    assert service["organization_id"] == service["organization"]["id"]
    assert {a["taxonomy_term"]["code"] for a in service["attributes"] if "taxonomy_term" in a} == {
        "loneliness",
        "mood",
    }
    waiting = [a for a in service["attributes"] if a["link_type"] == "waiting_time_days"]
    assert waiting[0]["value"] == "7"
    schedule = service["schedules"][0]
    assert schedule["byday"] == "TU"
    assert (schedule["opens_at"], schedule["closes_at"]) == ("10:00", "12:00")
    assert service["service_areas"][0]["name"] == "Oude Kern"
    assert service["contacts"][0]["name"] == "Fatima Bouzid"
    assert (
        service["service_at_locations"][0]["location_id"]
        == (service["service_at_locations"][0]["location"]["id"])
    )


def test_contacts_never_carry_private_details_without_consent(network: Network) -> None:
    text = json.dumps(export_hsds(Kind.PEOPLE))
    assert "06-11111111" not in text
    assert "06-22222222" in text
    check_page(export_hsds(Kind.PEOPLE), "contact")
    assert "06-11111111" not in json.dumps(export_hsds(Kind.ORGANISATIONS))
    assert "06-11111111" not in json.dumps(export_hsds(Kind.SERVICES))


def test_identifiers_are_stable_between_exports(network: Network) -> None:
    first = export_hsds(Kind.SERVICES)["contents"][0]["id"]
    assert first == export_hsds(Kind.SERVICES)["contents"][0]["id"]
    assert hsds_id("service", 1) != hsds_id("organization", 1)


@pytest.mark.parametrize(
    ("text", "byday", "opens", "closes"),
    [
        ("ma t/m vr 8.00-17.00", "MO,TU,WE,TH,FR", "08:00", "17:00"),
        ("Tuesdays 10:00 to 12:00", "TU", "10:00", "12:00"),
        ("di en do 9.00-12.00", "TU,TH", "09:00", "12:00"),
        ("ma, wo en vr 10.00 tot 12.00", "MO,WE,FR", "10:00", "12:00"),
    ],
)
def test_simple_opening_hours_become_weekly_schedules(
    text: str, byday: str, opens: str, closes: str
) -> None:
    parsed = parse_schedule(text)
    assert (parsed["byday"], parsed["opens_at"], parsed["closes_at"]) == (byday, opens, closes)
    assert parsed["freq"] == "WEEKLY"


def test_unclear_hours_keep_only_their_description() -> None:
    assert parse_schedule("op afspraak") == {}
    assert parse_schedule("dag en nacht") == {}


def test_the_command_writes_hsds_json(network: Network, tmp_path: Path) -> None:
    out = tmp_path / "services.json"
    call_command("export_directory", "--format", "hsds", "--kind", "services", "--out", str(out))
    check_page(json.loads(out.read_text()), "service")
