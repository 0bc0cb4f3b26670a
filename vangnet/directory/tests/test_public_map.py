"""The public social map per network: no login, nothing private without consent."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vangnet.directory.models import Area, AreaLevel, Domain, Network
from vangnet.directory.tests.factories import (
    AreaFactory,
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create(night_and_weekend="Huisartsenpost: 0900-1234567")
    network.areas.add(neighbourhood)
    return network


def _page(client: Client, network: Network) -> str:
    response = client.get(reverse("directory:public_map", args=[network.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_can_open_it_without_logging_in(client: Client, network: Network) -> None:
    html = _page(client, network)
    assert "Huisartsenpost: 0900-1234567" in html
    assert "112" in html


def test_it_lists_organisations_serving_the_area_and_their_services(
    client: Client, network: Network
) -> None:
    municipality = Area.objects.get(code="GM0999")
    elsewhere = AreaFactory.create(code="GM0888", name="Andere gemeente")
    welfare = OrganisationFactory.create(name="Welzijn Gemeentebreed", office_hours="ma-vr 9-17")
    welfare.areas.add(municipality)
    ServiceFactory.create(organisation=welfare, name="Boodschappenmaatje", schedule="Dinsdag")
    far = OrganisationFactory.create(name="Ver Weg Zorg")
    far.areas.add(elsewhere)
    party = OrganisationFactory.create(name="Partner Zonder Gebied", domain=Domain.MEDICAL)
    NetworkPartyFactory.create(network=network, organisation=party)
    html = _page(client, network)
    assert "Welzijn Gemeentebreed" in html
    assert "Boodschappenmaatje" in html
    assert "ma-vr 9-17" in html
    assert "Partner Zonder Gebied" in html
    assert "Ver Weg Zorg" not in html


def test_a_service_for_another_neighbourhood_is_left_out(client: Client, network: Network) -> None:
    municipality = Area.objects.get(code="GM0999")
    district = AreaFactory.create(
        code="WK099909", name="Elders", level=AreaLevel.DISTRICT, parent=municipality
    )
    other = AreaFactory.create(
        code="BU09990909", name="Verweg", level=AreaLevel.NEIGHBOURHOOD, parent=district
    )
    welfare = OrganisationFactory.create(name="Welzijn")
    welfare.areas.add(municipality)
    ServiceFactory.create(organisation=welfare, name="Alleen in Verweg").areas.add(other)
    ServiceFactory.create(organisation=welfare, name="Overal")
    html = _page(client, network)
    assert "Overal" in html
    assert "Alleen in Verweg" not in html


def test_private_details_only_for_people_who_agreed(client: Client, network: Network) -> None:
    organisation = OrganisationFactory.create()
    organisation.areas.add(network.areas.get())
    PersonFactory.create(
        organisation=organisation,
        name="Geheim Nummer",
        work_phone="020-1010101",
        private_phone="06-99999999",
        private_email="prive@example.org",
        show_private_contact=False,
    )
    PersonFactory.create(
        organisation=organisation,
        name="Open Nummer",
        private_phone="06-55555555",
        show_private_contact=True,
    )
    html = _page(client, network)
    assert "Geheim Nummer" in html
    assert "020-1010101" in html
    assert "06-99999999" not in html
    assert "prive@example.org" not in html
    assert "06-55555555" in html


def test_the_public_index_lists_every_network(client: Client, network: Network) -> None:
    NetworkFactory.create(slug="tweede", name="Tweede Netwerk")
    html = client.get(reverse("directory:public_index")).content.decode()
    assert reverse("directory:public_map", args=["tweede"]) in html
    assert reverse("directory:public_map", args=[network.slug]) in html


def _add_organisation(network: Network) -> None:
    organisation = OrganisationFactory.create(phone="0990-123456")
    organisation.areas.add(network.areas.get())
    contact = PersonFactory.create(organisation=organisation)
    # Reached only through the organisation's number: the card shows that number.
    PersonFactory.create(organisation=organisation, work_phone="", work_email="")
    ServiceFactory.create(organisation=organisation, contact=contact, needs=["loneliness"])
    ServiceFactory.create(organisation=organisation).areas.add(network.areas.get())


def test_the_public_map_runs_as_many_queries_for_sixteen_organisations_as_for_one(
    client: Client, network: Network
) -> None:
    url = reverse("directory:public_map", args=[network.slug])
    _add_organisation(network)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(15):
        _add_organisation(network)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count('<li class="card">') == 16
    assert html.count("0990-123456") >= 32
    assert len(many.captured_queries) == len(one.captured_queries)
