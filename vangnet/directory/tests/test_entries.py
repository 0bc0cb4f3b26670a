"""Organisations, people and services: pages, writes through actions, and their versions."""

import pytest
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.models import ChangeAction, ChangeRecord, Organisation, Person
from vangnet.directory.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)
from vangnet.directory.versioning import history_of

pytestmark = pytest.mark.django_db


def _organisation_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Welzijn Oude Kern",
        "type": "welfare",
        "domain": "social",
        "postcode": "9999ab",
        "city": "Testdorp",
        "phone": "020-1112233",
        "office_hours": "ma-vr 9.00-17.00",
        "out_of_hours": "Huisartsenpost 0900-1234567",
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_an_organisation_and_a_version_is_kept(
    client: Client, alice: User
) -> None:
    _, _, neighbourhood = area_tree()
    log_in(client, alice)
    response = client.post(
        reverse("directory:organisation_create"),
        _organisation_data(areas=[neighbourhood.pk]),
    )
    organisation = Organisation.objects.get(name="Welzijn Oude Kern")
    assert response["Location"] == reverse("directory:organisation_detail", args=[organisation.pk])
    assert organisation.postcode == "9999 AB"
    assert list(organisation.areas.all()) == [neighbourhood]
    assert organisation.owner == alice
    version = history_of(organisation).get()
    assert version.action == ChangeAction.CREATE
    assert version.changed_by == alice
    assert version.changes["name"] == [None, "Welzijn Oude Kern"]


def test_an_edit_records_only_what_changed(client: Client, alice: User) -> None:
    organisation = OrganisationFactory.create(name="Thuiszorg Noord", phone="020-0000000")
    log_in(client, alice)
    data = _organisation_data(name="Thuiszorg Noord", phone="020-9999999")
    client.post(reverse("directory:organisation_edit", args=[organisation.pk]), data)
    version = history_of(organisation).get(action=ChangeAction.UPDATE)
    assert version.changes["phone"] == ["020-0000000", "020-9999999"]
    assert "name" not in version.changes
    assert version.changed_by == alice


def test_saving_without_changes_leaves_no_empty_version(client: Client, alice: User) -> None:
    log_in(client, alice)
    data = _organisation_data(owner=alice.pk)
    client.post(reverse("directory:organisation_create"), data)
    organisation = Organisation.objects.get(name=data["name"])
    client.post(reverse("directory:organisation_edit", args=[organisation.pk]), data)
    assert history_of(organisation).count() == 1
    assert not history_of(organisation).filter(action=ChangeAction.UPDATE).exists()


def test_the_history_shows_on_the_entry_page(client: Client, alice: User) -> None:
    organisation = OrganisationFactory.create(name="Buurthuis De Brug", phone="020-0000000")
    log_in(client, alice)
    client.post(
        reverse("directory:organisation_edit", args=[organisation.pk]),
        _organisation_data(name="Buurthuis De Brug", phone="020-5555555"),
    )
    page = client.get(reverse("directory:organisation_detail", args=[organisation.pk]))
    html = page.content.decode()
    assert "Geschiedenis" in html
    assert "gewijzigd" in html
    assert "Alice de Vries" in html
    assert "020-5555555" in html


def test_errors_are_dutch_and_keep_what_was_typed(client: Client, alice: User) -> None:
    log_in(client, alice)
    response = client.post(
        reverse("directory:organisation_create"),
        _organisation_data(postcode="12345", agb_code="12", name="Mijn typewerk"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een Nederlandse postcode in" in html
    assert "acht cijfers" in html
    assert 'value="Mijn typewerk"' in html
    assert not Organisation.objects.filter(name="Mijn typewerk").exists()
    response = client.post(reverse("directory:organisation_create"), {"name": ""})
    assert "Dit veld is verplicht." in response.content.decode()


def test_adding_a_person_to_an_organisation(client: Client, alice: User) -> None:
    organisation = OrganisationFactory.create()
    log_in(client, alice)
    form = client.get(reverse("directory:person_create") + f"?organisation={organisation.pk}")
    assert f'<option value="{organisation.pk}" selected>' in form.content.decode()
    response = client.post(
        reverse("directory:person_create"),
        {
            "name": "Fatima el Amrani",
            "discipline": "sociaal_werker",
            "organisation": organisation.pk,
            "work_phone": "020-3334455",
            "working_days": ["mon", "tue"],
        },
    )
    person = Person.objects.get(name="Fatima el Amrani")
    assert response.status_code == 302
    assert person.working_days == ["mon", "tue"]
    assert history_of(person).get().action == ChangeAction.CREATE


def test_deleting_keeps_a_version(client: Client, alice: User) -> None:
    service = ServiceFactory.create(name="Maaltijdservice")
    pk = service.pk
    log_in(client, alice)
    client.post(reverse("directory:service_delete", args=[pk]))
    version = ChangeRecord.objects.get(entity="service", entity_id=pk)
    assert version.action == ChangeAction.DELETE
    assert version.changes["name"] == ["Maaltijdservice", None]


def test_confirming_from_the_page_records_a_confirm_version(client: Client, alice: User) -> None:
    person = PersonFactory.create()
    before = person.last_confirmed_at
    log_in(client, alice)
    client.post(reverse("directory:person_confirm", args=[person.pk]))
    person.refresh_from_db()
    assert person.last_confirmed_at > before
    assert history_of(person).get().action == ChangeAction.CONFIRM


def test_every_entry_shows_when_it_was_last_confirmed(client: Client, bob: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(days=400)
    organisation = OrganisationFactory.create(last_confirmed_at=old)
    person = PersonFactory.create(organisation=organisation)
    service = ServiceFactory.create(organisation=organisation, last_confirmed_at=old)
    log_in(client, bob)
    for url, stale in [
        (reverse("directory:organisation_detail", args=[organisation.pk]), True),
        (reverse("directory:person_detail", args=[person.pk]), False),
        (reverse("directory:service_detail", args=[service.pk]), True),
    ]:
        html = client.get(url).content.decode()
        assert "Laatst bevestigd" in html, url
        assert ("Mogelijk verouderd" in html.split("<h2")[0]) is stale, url


def test_private_contact_details_show_for_professionals_only(client: Client, bob: User) -> None:
    from vangnet.accounts.models import Role
    from vangnet.conftest import make_user

    person = PersonFactory.create(private_phone="06-12345678", show_private_contact=False)
    url = reverse("directory:person_detail", args=[person.pk])
    log_in(client, bob)
    assert "06-12345678" in client.get(url).content.decode()
    reader = make_user("erik@example.org", "Erik", Role.READ_ONLY)
    log_in(client, reader)
    assert "06-12345678" not in client.get(url).content.decode()


def test_private_numbers_in_the_history_are_hidden_from_readers(
    client: Client, alice: User
) -> None:
    from vangnet.accounts.models import Role
    from vangnet.conftest import make_user

    person = PersonFactory.create(private_phone="06-11111111")
    log_in(client, alice)
    client.post(
        reverse("directory:person_edit", args=[person.pk]),
        {
            "name": person.name,
            "discipline": person.discipline,
            "organisation": person.organisation_id,
            "private_phone": "06-22222222",
        },
    )
    reader = make_user("erik@example.org", "Erik", Role.READ_ONLY)
    log_in(client, reader)
    html = client.get(reverse("directory:person_detail", args=[person.pk])).content.decode()
    assert "Privételefoon" in html
    assert "06-11111111" not in html
    assert "06-22222222" not in html


def test_lists_show_entries_and_filter_stale_ones(client: Client, bob: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    OrganisationFactory.create(name="Actueel")
    OrganisationFactory.create(
        name="Oud nieuws", last_confirmed_at=timezone.now() - timedelta(days=300)
    )
    log_in(client, bob)
    html = client.get(reverse("directory:organisation_list")).content.decode()
    assert "Actueel" in html
    assert "Oud nieuws" in html
    html = client.get(reverse("directory:organisation_list") + "?stale=1").content.decode()
    assert "Actueel" not in html
    assert "Oud nieuws" in html


def test_list_pages_use_a_fixed_number_of_queries(
    client: Client, bob: User, django_assert_max_num_queries: object
) -> None:
    ServiceFactory.create()
    PersonFactory.create()
    log_in(client, bob)
    names = ("organisation_list", "person_list", "service_list")
    baseline = {}
    for name in names:
        # Generous ceiling: the menu and notices have queries of their own.
        with django_assert_max_num_queries(25) as few:  # type: ignore[operator]
            client.get(reverse(f"directory:{name}"))
        baseline[name] = len(few.captured_queries)
    for _ in range(30):
        ServiceFactory.create()
        PersonFactory.create()
    for name in names:
        with django_assert_max_num_queries(baseline[name]):  # type: ignore[operator]
            assert client.get(reverse(f"directory:{name}")).status_code == 200
