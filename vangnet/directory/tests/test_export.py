"""Exporting the social map as CSV: the import's columns, never a private detail without consent."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.exporting import export_csv
from vangnet.directory.importing import Kind, check_file, import_apply
from vangnet.directory.models import Network, Organisation
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)

pytestmark = pytest.mark.django_db


def rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def social_map() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create()
    org = OrganisationFactory.create(name="Welzijn Oude Kern", phone="+31 990 123 456")
    org.areas.set([neighbourhood])
    NetworkPartyFactory.create(network=network, organisation=org)
    PersonFactory.create(
        name="Fatima Bouzid",
        organisation=org,
        private_phone="06-11111111",
        private_email="fatima@thuis.example",
        show_private_contact=False,
    )
    PersonFactory.create(
        name="Joost Prins",
        organisation=org,
        discipline="vrijwilliger",
        private_phone="06-22222222",
        show_private_contact=True,
    )
    ServiceFactory.create(
        organisation=org, name="=Maatje", needs=["loneliness", "falls"], waiting_days=14
    )
    OrganisationFactory.create(name="Buiten het netwerk")
    return network


def test_people_never_carry_private_details_unless_they_agreed(social_map: Network) -> None:
    people = {row["naam"]: row for row in rows(export_csv(Kind.PEOPLE))}
    assert people["Fatima Bouzid"]["privételefoon"] == ""
    assert people["Fatima Bouzid"]["privé e-mail"] == ""
    assert people["Fatima Bouzid"]["privé tonen"] == "nee"
    assert people["Joost Prins"]["privételefoon"] == "06-22222222"
    assert b"06-11111111" not in export_csv(Kind.PEOPLE)
    assert b"fatima@thuis.example" not in export_csv(Kind.PEOPLE)


def test_services_and_organisations_export_in_the_import_columns(social_map: Network) -> None:
    services = rows(export_csv(Kind.SERVICES))
    assert services[0]["naam"] == "'=Maatje"
    assert services[0]["helpt bij"] == "loneliness, falls"
    assert services[0]["wachttijd dagen"] == "14"
    organisations = {row["naam"]: row for row in rows(export_csv(Kind.ORGANISATIONS))}
    assert organisations["Welzijn Oude Kern"]["gebieden"] == "BU09990101"
    assert organisations["Welzijn Oude Kern"]["telefoon"] == "'+31 990 123 456"
    only_network = rows(export_csv(Kind.ORGANISATIONS, network=social_map))
    assert [row["naam"] for row in only_network] == ["Welzijn Oude Kern"]


def test_an_export_imports_again_unchanged(social_map: Network, alice: User) -> None:
    organisations = export_csv(Kind.ORGANISATIONS)
    people = export_csv(Kind.PEOPLE)
    services = export_csv(Kind.SERVICES)
    # The old entries step aside under another name, so the files land as new entries.
    for org in Organisation.objects.all():
        org.name = f"{org.name} (oud)"
        org.save(update_fields=["name"])
    for kind, content in (
        (Kind.ORGANISATIONS, organisations),
        (Kind.PEOPLE, people),
        (Kind.SERVICES, services),
    ):
        result = check_file(content, f"{kind}.csv", kind)
        assert result.problems == []
        import_apply(result=result, actor=alice)
    new = Organisation.objects.get(name="Welzijn Oude Kern")
    assert new.phone == "+31 990 123 456"
    assert [a.code for a in new.areas.all()] == ["BU09990101"]
    assert new.people.get(name="Joost Prins").private_phone == "06-22222222"
    assert new.people.get(name="Fatima Bouzid").private_phone == ""
    service = new.services.get()
    assert service.name == "=Maatje"
    assert service.needs == ["loneliness", "falls"]


def test_the_downloads_need_a_login(client: Client, social_map: Network, bob: User) -> None:
    url = reverse("directory:export_download", args=["people", "csv"])
    assert client.get(url).status_code == 302
    log_in(client, bob)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert b"06-11111111" not in response.content
    assert client.get(reverse("directory:export")).status_code == 200
    unknown = reverse("directory:export_download", args=["cats", "csv"])
    assert client.get(unknown).status_code == 404


def test_the_download_query_count_does_not_grow(
    client: Client, social_map: Network, bob: User, django_assert_max_num_queries: object
) -> None:
    org = Organisation.objects.get(name="Welzijn Oude Kern")
    for _ in range(15):
        ServiceFactory.create(organisation=org)
        PersonFactory.create(organisation=org)
    log_in(client, bob)
    for kind in Kind:
        for fmt in ("csv", "json"):
            url = reverse("directory:export_download", args=[kind.value, fmt])
            with django_assert_max_num_queries(12):  # type: ignore[operator]
                assert client.get(url).status_code == 200


def test_the_command_writes_csv(social_map: Network, tmp_path: Path) -> None:
    out = tmp_path / "services.csv"
    call_command("export_directory", "--format", "csv", "--kind", "services", "--out", str(out))
    assert rows(out.read_bytes())[0]["organisatie"] == "Welzijn Oude Kern"
