"""The API describes itself in OpenAPI; the description lists every path, all read-only."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/networks",
    "/api/v1/networks/{slug}/organisations",
    "/api/v1/networks/{slug}/services",
    "/api/v1/networks/{slug}/who-does-what",
    "/api/v1/networks/{slug}/hsds",
}


def test_the_openapi_document_lists_every_path(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Vangnet"
    assert document["info"]["version"] == "1"
    assert set(document["paths"]) == PATHS
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path
        answers = operations["get"]["responses"]
        assert "200" in answers
        if "{slug}" in path:
            assert "404" in answers, path


def test_every_answer_has_a_named_schema(client: Client) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {
        "NetworkOut",
        "OrganisationOut",
        "ServiceOut",
        "PersonOut",
        "WhoDoesWhatOut",
        "StepOut",
        "HsdsPage",
        "NotFound",
    } <= set(schemas)
    person = schemas["PersonOut"]["properties"]
    assert "private_phone" in person and "work_phone" in person
