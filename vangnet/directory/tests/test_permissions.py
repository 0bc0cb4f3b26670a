"""Who may change the social map: coordinators everything, professionals their own."""

import pytest
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.conftest import log_in, make_user
from vangnet.directory.models import Organisation, Person
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    StepAssignmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dora(db: None) -> User:
    """Someone who may read the social map but change nothing."""
    return make_user("dora@example.org", "Dora Smit", Role.READ_ONLY)


def _edit_urls(organisation: Organisation, person: Person) -> list[str]:
    service = ServiceFactory.create(organisation=organisation)
    return [
        reverse("directory:organisation_edit", args=[organisation.pk]),
        reverse("directory:person_edit", args=[person.pk]),
        reverse("directory:service_edit", args=[service.pk]),
    ]


def test_anonymous_visitors_cannot_reach_edit_pages(client: Client) -> None:
    organisation = OrganisationFactory.create()
    person = PersonFactory.create(organisation=organisation)
    network = NetworkFactory.create()
    urls = [
        *_edit_urls(organisation, person),
        reverse("directory:organisation_create"),
        reverse("directory:organisation_delete", args=[organisation.pk]),
        reverse("directory:network_edit", args=[network.slug]),
        reverse("directory:assignment_create", args=[network.slug]),
        reverse("directory:party_create", args=[network.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    response = client.post(urls[0], {"name": "Overgenomen"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name != "Overgenomen"


def test_a_read_only_user_can_read_but_not_edit(client: Client, dora: User) -> None:
    organisation = OrganisationFactory.create(owner=dora)
    person = PersonFactory.create(organisation=organisation, user=dora)
    log_in(client, dora)
    assert (
        client.get(reverse("directory:organisation_detail", args=[organisation.pk])).status_code
        == 200
    )
    for url in _edit_urls(organisation, person):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("directory:organisation_create")).status_code == 403
    response = client.post(reverse("directory:organisation_confirm", args=[organisation.pk]))
    assert response.status_code == 403


def test_a_read_only_user_sees_no_edit_buttons(client: Client, dora: User) -> None:
    organisation = OrganisationFactory.create(owner=dora)
    log_in(client, dora)
    page = client.get(reverse("directory:organisation_detail", args=[organisation.pk]))
    assert (
        reverse("directory:organisation_edit", args=[organisation.pk]) not in page.content.decode()
    )


def test_a_professional_cannot_edit_someone_elses_entry(
    client: Client, bob: User, charlie: User
) -> None:
    organisation = OrganisationFactory.create(owner=charlie)
    person = PersonFactory.create(organisation=organisation, user=charlie)
    log_in(client, bob)
    for url in _edit_urls(organisation, person):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("directory:person_edit", args=[person.pk]),
        {"name": "Iemand anders", "discipline": "huisarts", "organisation": organisation.pk},
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.name != "Iemand anders"


def test_a_professional_edits_their_own_person_entry(client: Client, bob: User) -> None:
    person = PersonFactory.create(user=bob, name="Bob Jansen")
    log_in(client, bob)
    response = client.post(
        reverse("directory:person_edit", args=[person.pk]),
        {
            "name": "Bob Jansen",
            "discipline": "sociaal_werker",
            "organisation": person.organisation_id,
            "work_phone": "020-7654321",
            "work_email": "bob@welzijn.example",
            "working_days": ["mon", "wed"],
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.work_phone == "020-7654321"
    assert person.working_days == ["mon", "wed"]
    # The account link and the owner stay as the coordinator set them.
    assert person.user == bob


def test_a_professional_edits_an_entry_they_own(client: Client, bob: User) -> None:
    service = ServiceFactory.create(owner=bob, name="Koffie-inloop")
    log_in(client, bob)
    assert client.get(reverse("directory:service_edit", args=[service.pk])).status_code == 200


def test_a_professional_may_not_delete_even_their_own_entry(client: Client, bob: User) -> None:
    organisation = OrganisationFactory.create(owner=bob)
    log_in(client, bob)
    url = reverse("directory:organisation_delete", args=[organisation.pk])
    assert client.post(url).status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_coordinator_may_delete(client: Client, alice: User) -> None:
    organisation = OrganisationFactory.create()
    log_in(client, alice)
    response = client.post(reverse("directory:organisation_delete", args=[organisation.pk]))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_organisation_with_people_is_not_deleted(client: Client, alice: User) -> None:
    person = PersonFactory.create()
    log_in(client, alice)
    url = reverse("directory:organisation_delete", args=[person.organisation_id])
    response = client.post(url, follow=True)
    assert Organisation.objects.filter(pk=person.organisation_id).exists()
    assert "kan niet worden verwijderd" in response.content.decode()


def test_only_coordinators_change_a_network(client: Client, bob: User) -> None:
    network = NetworkFactory.create()
    assignment = StepAssignmentFactory.create(network=network)
    log_in(client, bob)
    urls = [
        reverse("directory:network_edit", args=[network.slug]),
        reverse("directory:party_create", args=[network.slug]),
        reverse("directory:assignment_create", args=[network.slug]),
        reverse("directory:assignment_edit", args=[network.slug, assignment.pk]),
        reverse("directory:assignment_delete", args=[network.slug, assignment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(urls[-1]).status_code == 403
    assert network.assignments.count() == 1
    # Reading is fine.
    assert client.get(reverse("directory:network_matrix", args=[network.slug])).status_code == 200


def test_a_professional_adds_services_only_to_their_own_organisation(
    client: Client, bob: User
) -> None:
    own = PersonFactory.create(user=bob).organisation
    other = OrganisationFactory.create(name="Andermans Zorg")
    log_in(client, bob)
    page = client.get(reverse("directory:service_create")).content.decode()
    assert own.name in page
    assert "Andermans Zorg" not in page
    response = client.post(
        reverse("directory:service_create"),
        {"organisation": other.pk, "name": "Stiekem", "description": "x", "cost_type": "free"},
    )
    assert response.status_code == 200
    assert not other.services.exists()


def test_a_professional_without_an_organisation_is_told_what_to_do(
    client: Client, charlie: User
) -> None:
    log_in(client, charlie)
    response = client.get(reverse("directory:person_create"))
    assert response.status_code == 403
    assert "netwerkcoördinator" in response.content.decode()
