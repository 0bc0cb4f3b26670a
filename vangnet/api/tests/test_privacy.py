"""The API shows no more than the public map: private details only for who agreed."""

import pytest
from django.test import Client

from vangnet.accounts.models import User
from vangnet.accounts.tests.helpers import enter_password, give_authenticator
from vangnet.api.tests.conftest import HIDDEN_EMAIL, HIDDEN_PHONE, SHOWN_PHONE
from vangnet.directory.models import Network, Person

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/networks",
    "/api/v1/networks/test/organisations",
    "/api/v1/networks/test/services",
    "/api/v1/networks/test/who-does-what",
    "/api/v1/networks/test/hsds",
    "/api/v1/networks/test/hsds?kind=organisations",
    "/api/v1/networks/test/hsds?kind=people",
]


def _person(rows: list[dict[str, object]], name: str) -> dict[str, object]:
    people = [p for org in rows for p in org["people"]]  # type: ignore[attr-defined]
    return next(p for p in people if p["name"] == name)


def test_private_details_stay_hidden_unless_the_person_agreed(
    client: Client, network: Network
) -> None:
    rows = client.get("/api/v1/networks/test/organisations").json()
    hidden = _person(rows, "Petra Privé")
    assert hidden["private_phone"] == ""
    assert hidden["private_email"] == ""
    assert hidden["work_phone"] == "0201234500"
    assert _person(rows, "Sjaak Open")["private_phone"] == SHOWN_PHONE
    for path in PATHS:
        body = client.get(path).content.decode()
        assert HIDDEN_PHONE not in body, path
        assert HIDDEN_EMAIL not in body, path


def test_private_details_appear_once_the_person_agrees(client: Client, network: Network) -> None:
    Person.objects.filter(name="Petra Privé").update(show_private_contact=True)
    rows = client.get("/api/v1/networks/test/organisations").json()
    assert _person(rows, "Petra Privé")["private_phone"] == HIDDEN_PHONE
    assert HIDDEN_PHONE in client.get("/api/v1/networks/test/hsds?kind=people").content.decode()


def test_a_half_logged_in_user_gets_the_same_public_data(
    client: Client, network: Network, bob: User
) -> None:
    anonymous = {path: client.get(path) for path in PATHS}
    assert all(r.status_code == 200 for r in anonymous.values())
    give_authenticator(bob)
    enter_password(client, bob.email)
    # The password alone does not open a page for professionals ...
    assert client.get("/map/organisations/").status_code == 302
    # ... but the API answers as it does for an anonymous visitor.
    for path, seen in anonymous.items():
        response = client.get(path)
        assert response.status_code == 200, path
        if "hsds" in path:  # the export carries the time it was made
            assert response.json()["contents"] == seen.json()["contents"], path
        else:
            assert response.json() == seen.json(), path
    assert client.get("/api/v1/openapi.json").status_code == 200
