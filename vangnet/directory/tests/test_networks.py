"""A network's structure, who does what, and the communication plan made from them."""

import pytest
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.models import (
    ChangeAction,
    ChangeRecord,
    Network,
    NetworkParty,
    PathwayStep,
    StepAssignment,
    Tier,
)
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    StepAssignmentFactory,
    area_tree,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create()
    network.areas.add(neighbourhood)
    return network


def test_a_coordinator_creates_a_network(client: Client, alice: User) -> None:
    municipality, _, _ = area_tree()
    coordinator = PersonFactory.create(name="Nora Coördinator")
    log_in(client, alice)
    response = client.post(
        reverse("directory:network_create"),
        {
            "name": "Netwerk Oost",
            "slug": "oost",
            "areas": [municipality.pk],
            "coordinator": coordinator.pk,
            "night_and_weekend": "Huisartsenpost 0900-1515",
        },
    )
    assert response["Location"] == reverse("directory:network_detail", args=["oost"])
    network = Network.objects.get(slug="oost")
    assert network.coordinator == coordinator
    assert ChangeRecord.objects.get(entity="network", entity_id=network.pk).changed_by == alice


def test_the_network_page_shows_its_structure_per_tier(
    client: Client, bob: User, network: Network
) -> None:
    pin = PersonFactory.create(name="Sara Schakel")
    NetworkPartyFactory.create(
        network=network,
        organisation=pin.organisation,
        tier=Tier.STEERING_GROUP,
        linking_pin=pin,
        activities="Stuurt het netwerk aan",
    )
    NetworkPartyFactory.create(network=network, tier=Tier.OUTER_SHELL)
    log_in(client, bob)
    html = client.get(reverse("directory:network_detail", args=[network.slug])).content.decode()
    assert "Stuurgroep" in html
    assert "Kernteam" in html
    assert "Schil" in html
    assert "Sara Schakel" in html
    assert "Geen verbindingspersoon" in html
    assert 'id="downloads"' in html


def test_a_coordinator_places_an_organisation_in_the_network(
    client: Client, alice: User, network: Network
) -> None:
    organisation = OrganisationFactory.create()
    pin = PersonFactory.create(organisation=organisation)
    log_in(client, alice)
    url = reverse("directory:party_create", args=[network.slug])
    data = {"organisation": organisation.pk, "tier": Tier.CORE_TEAM, "linking_pin": pin.pk}
    assert client.post(url, data).status_code == 302
    party = NetworkParty.objects.get(network=network, organisation=organisation)
    assert party.linking_pin == pin
    # A second place for the same organisation is refused, in Dutch.
    response = client.post(url, data)
    assert response.status_code == 200
    assert "heeft al een plaats in het netwerk" in response.content.decode()


def test_removing_a_party_stays_in_the_network_history(
    client: Client, alice: User, network: Network
) -> None:
    party = NetworkPartyFactory.create(network=network)
    label = str(party)
    log_in(client, alice)
    client.post(reverse("directory:party_delete", args=[network.slug, party.pk]))
    assert not NetworkParty.objects.filter(pk=party.pk).exists()
    html = client.get(reverse("directory:network_detail", args=[network.slug])).content.decode()
    assert label.split(" · ")[0] in html
    assert "verwijderd" in html


def test_a_coordinator_fills_in_who_does_a_step(
    client: Client, alice: User, network: Network
) -> None:
    organisation = OrganisationFactory.create(name="Huisartsenpraktijk Het Plein")
    nurse = PersonFactory.create(organisation=organisation, discipline="poh_ouderenzorg")
    log_in(client, alice)
    form = client.get(reverse("directory:assignment_create", args=[network.slug]) + "?step=1")
    assert '<option value="1" selected>' in form.content.decode()
    response = client.post(
        reverse("directory:assignment_create", args=[network.slug]),
        {
            "step": 1,
            "organisation": organisation.pk,
            "discipline": "poh_ouderenzorg",
            "person": nurse.pk,
            "responsibility": "lead",
            "when": "Bij elk huisbezoek",
            "office_hours": "ma-vr 8-17",
            "evenings": "Praktijklijn tot 20.00",
            "nights_weekends": "Huisartsenpost",
            "phone": "020-1234567",
        },
    )
    assert response["Location"].endswith("#step-1")
    assignment = StepAssignment.objects.get(network=network)
    assert assignment.person == nurse
    version = ChangeRecord.objects.get(entity="stepassignment", entity_id=assignment.pk)
    assert version.action == ChangeAction.CREATE


def test_a_person_from_another_organisation_is_refused(
    client: Client, alice: User, network: Network
) -> None:
    organisation = OrganisationFactory.create()
    stranger = PersonFactory.create()
    log_in(client, alice)
    response = client.post(
        reverse("directory:assignment_create", args=[network.slug]),
        {
            "step": 2,
            "organisation": organisation.pk,
            "person": stranger.pk,
            "responsibility": "lead",
        },
    )
    assert response.status_code == 200
    assert "werkt niet bij de gekozen organisatie" in response.content.decode()
    assert not StepAssignment.objects.exists()


def test_the_matrix_labels_gaps_and_overlaps_in_words(
    client: Client, bob: User, network: Network
) -> None:
    StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING)
    StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING)
    StepAssignmentFactory.create(network=network, step=PathwayStep.CONVERSATION)
    log_in(client, bob)
    html = client.get(reverse("directory:network_matrix", args=[network.slug])).content.decode()
    rows = {n: html.split(f'id="step-{n}"')[1].split("</tr>")[0] for n in range(1, 7)}
    assert "Overlap" in rows[1]
    assert "Gedekt" in rows[2]
    for n in (3, 4, 5, 6):
        assert "Gat" in rows[n]
    # Office hours, evenings, nights and weekends are all on the page.
    assert "Tot 20.00 via de praktijklijn" in rows[1]
    assert "Huisartsenpost: 0900-1234567" in rows[1]


def test_the_matrix_uses_a_fixed_number_of_queries(
    client: Client, bob: User, network: Network, django_assert_max_num_queries: object
) -> None:
    log_in(client, bob)
    url = reverse("directory:network_matrix", args=[network.slug])
    StepAssignmentFactory.create(network=network, person=PersonFactory.create())
    # Generous ceiling: the menu and notices have queries of their own.
    with django_assert_max_num_queries(25) as few:  # type: ignore[operator]
        client.get(url)
    for step in PathwayStep.values:
        for _ in range(4):
            StepAssignmentFactory.create(network=network, step=step, person=PersonFactory.create())
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        html = client.get(url).content.decode()
    assert html.count("Voert deze stap uit") == 25


def test_the_communication_plan_is_made_from_the_data(
    client: Client, bob: User, network: Network
) -> None:
    coordinator = PersonFactory.create(name="Nora Coördinator", work_phone="020-8889999")
    network.coordinator = coordinator
    network.save()
    pin = PersonFactory.create(name="Pim Verbinder")
    NetworkPartyFactory.create(
        network=network,
        organisation=pin.organisation,
        tier=Tier.CORE_TEAM,
        linking_pin=pin,
        activities="Huisbezoeken bij 75-plussers",
    )
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.CONTACT_PERSON,
        organisation=OrganisationFactory.create(name="Wijkverpleging Zuid"),
    )
    log_in(client, bob)
    html = client.get(reverse("directory:network_plan", args=[network.slug])).content.decode()
    assert "Communicatieplan" in html
    assert "Nora Coördinator" in html
    assert "020-8889999" in html
    assert "Pim Verbinder" in html
    assert "Huisbezoeken bij 75-plussers" in html
    assert "Wijkverpleging Zuid" in html
    assert "Kernteam" in html
    assert "Stap 5: Aanspreekpunt" in html
