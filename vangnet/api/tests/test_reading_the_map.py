"""Anyone can read a network's social map as JSON, without logging in."""

import pytest
from django.test import Client

from vangnet.api.tests.conftest import SHOWN_PHONE, names
from vangnet.directory.hsds import hsds_id
from vangnet.directory.models import Network

pytestmark = pytest.mark.django_db


def test_it_lists_the_networks_with_their_areas(client: Client, network: Network) -> None:
    response = client.get("/api/v1/networks")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == [
        {
            "slug": "test",
            "name": "Netwerk Testwijk",
            "description": "",
            "areas": [{"code": "BU09990101", "name": "Oude Kern", "level": "neighbourhood"}],
            "night_and_weekend": "Huisartsenpost: 0900-1234567",
        }
    ]


def test_it_lists_the_organisations_the_public_map_shows(client: Client, network: Network) -> None:
    rows = client.get("/api/v1/networks/test/organisations").json()
    assert names(rows) == ["Huisartsenpraktijk De Linde", "Welzijn Testdorp"]
    practice = rows[0]
    assert practice["domain"] == "medical"
    assert practice["email"] == "balie@linde.example"
    assert practice["areas"] == ["GM0999"]
    assert practice["stale"] is False
    assert practice["last_confirmed"] == network.created_at.date().isoformat()
    assert practice["people"][0]["name"] == "Sjaak Open"
    assert practice["people"][0]["working_days"] == ["mon", "tue", "thu"]


def test_it_lists_the_services_the_public_map_shows(client: Client, network: Network) -> None:
    rows = client.get("/api/v1/networks/test/services").json()
    assert names(rows) == ["Spreekuur ouderen", "Koffieochtend", "Oude boodschappendienst"]
    consult = rows[0]
    assert consult["organisation"]["name"] == "Huisartsenpraktijk De Linde"
    assert consult["needs"] == ["loneliness"]
    assert consult["waiting_days"] == 5
    assert consult["referral_required"] is True
    assert consult["cost_type"] == "insured"
    assert consult["areas"] == ["BU09990101"]
    assert consult["contact"]["name"] == "Sjaak Open"
    assert consult["contact"]["private_phone"] == SHOWN_PHONE
    assert [row["stale"] for row in rows] == [False, False, True]
    assert rows[1]["waiting_days"] is None
    assert rows[1]["contact"] is None


def test_it_shows_who_does_each_step_with_gaps_and_overlaps(
    client: Client, network: Network
) -> None:
    body = client.get("/api/v1/networks/test/who-does-what").json()
    assert body["network"] == "test"
    steps = body["steps"]
    assert [step["number"] for step in steps] == [1, 2, 3, 4, 5, 6]
    assert [step["gap"] for step in steps] == [False, False, True, True, True, True]
    assert [step["overlap"] for step in steps] == [True, False, False, False, False, False]
    signalling = steps[0]["assignments"]
    assert [a["organisation"]["name"] for a in signalling] == [
        "Huisartsenpraktijk De Linde",
        "Welzijn Testdorp",
    ]
    first = signalling[0]
    assert first["role"] == "poh_ouderenzorg"
    assert first["responsibility"] == "lead"
    assert first["when"] == "Bij elk huisbezoek aan iemand van 75 jaar of ouder"
    assert first["office_hours"] == "ma-vr 8.00-17.00"
    assert first["evenings"] == "Tot 20.00 via de praktijklijn"
    assert first["nights_weekends"] == "Huisartsenpost: 0900-1234567"
    assert steps[1]["assignments"][0]["phone"] == "0207654321"
    assert steps[2]["assignments"] == []


def test_it_gives_the_hsds_export_of_the_network(client: Client, network: Network) -> None:
    services = client.get("/api/v1/networks/test/hsds").json()
    assert services["hsds_version"] == "3.0"
    assert services["total_items"] == len(services["contents"]) > 0
    assert {s["name"] for s in services["contents"]} >= {"Spreekuur ouderen", "Koffieochtend"}
    organisations = client.get("/api/v1/networks/test/hsds?kind=organisations").json()
    assert {o["id"] for o in organisations["contents"]} == {
        hsds_id("organization", pk)
        for pk in network.assignments.values_list("organisation_id", flat=True)
    }
    contacts = client.get("/api/v1/networks/test/hsds?kind=people").json()
    assert "Sjaak Open" in {c["name"] for c in contacts["contents"]}
    assert client.get("/api/v1/networks/test/hsds?kind=clients").status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/networks/nowhere/organisations",
        "/api/v1/networks/nowhere/services",
        "/api/v1/networks/nowhere/who-does-what",
        "/api/v1/networks/nowhere/hsds",
    ],
)
def test_it_answers_an_unknown_network_with_a_json_404(
    client: Client, network: Network, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/networks",
        "/api/v1/networks/test/organisations",
        "/api/v1/networks/test/services",
        "/api/v1/networks/test/who-does-what",
        "/api/v1/networks/test/hsds",
    ],
)
def test_it_refuses_to_change_anything(
    client: Client, network: Network, method: str, path: str
) -> None:
    response = getattr(client, method)(path, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert Network.objects.get().name == "Netwerk Testwijk"


def test_there_is_no_interactive_docs_page(client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 404
