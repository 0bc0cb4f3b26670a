"""The pages about one older person: what they show, what they log, and whom they refuse."""

import json

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.models import CareTeamMember, Client, ContactPerson, InformalCarer
from vangnet.clients.tests.factories import a_bsn, client_shared_with, in_network, person_for
from vangnet.conftest import log_in
from vangnet.consent.models import Consent
from vangnet.directory.tests.factories import NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _urls(client: Client) -> list[str]:
    kw = {"client_id": client.pk}
    return [
        reverse(name, kwargs=kw)
        for name in (
            "clients:detail",
            "clients:edit",
            "clients:carer-add",
            "clients:representative",
            "clients:team-add",
            "clients:contact-person",
            "clients:consent",
            "clients:access-history",
            "rights:export",
        )
    ]


def test_every_client_page_writes_a_log_row_for_a_team_member(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    for url in _urls(older):
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        assert AccessLogEntry.objects.filter(client_id=older.pk).count() > before, url


def test_every_client_page_refuses_a_stranger(client: HttpClient, bob: User, charlie: User) -> None:
    older = client_shared_with(bob)
    person_for(charlie)
    log_in(client, charlie)
    for url in _urls(older):
        response = client.get(url)
        assert response.status_code == 404, url
        assert older.family_name not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    for url in _urls(older):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_registering_makes_the_professional_team_member_with_consent_for_themself(
    client: HttpClient, alice: User
) -> None:
    network = NetworkFactory.create()
    person_for(alice)
    log_in(client, alice)
    response = client.post(
        reverse("clients:register"),
        {
            "network": network.pk,
            "given_name": "Johanna",
            "family_name": "de Boer",
            "date_of_birth": "1938-05-02",
            "street": "Kerkstraat 3",
            "postcode": "9999ab",
            "city": "Testdorp",
            "phone": "",
            "living_situation": "alone",
            "gp_practice": "",
            "bsn": "",
            "agreed": "on",
            "given_by": "client",
            "method": "spoken",
        },
    )
    older = Client.objects.get(family_name="de Boer")
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:consent", kwargs={"client_id": older.pk})
    assert older.postcode == "9999 AB"
    assert CareTeamMember.objects.filter(client=older, person__user=alice).exists()
    consent = Consent.objects.get(client=older)
    assert consent.recipient_person == person_for(alice)
    assert AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.CREATE).exists()


def test_registering_without_agreement_keeps_what_was_typed(
    client: HttpClient, alice: User
) -> None:
    network = NetworkFactory.create()
    person_for(alice)
    log_in(client, alice)
    response = client.post(
        reverse("clients:register"),
        {
            "network": network.pk,
            "given_name": "Johanna",
            "family_name": "de Boer",
            "date_of_birth": "1938-05-02",
            "street": "Kerkstraat 3",
            "postcode": "12",
            "city": "Testdorp",
            "bsn": "123456789",
            "given_by": "client",
            "method": "spoken",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Client.objects.exists()
    assert 'value="de Boer"' in page
    assert "Vul een Nederlandse postcode in" in page
    assert "geen geldig BSN" in page


def test_the_bsn_is_masked_on_the_page(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    older.bsn = "111222333"
    older.save()
    log_in(client, bob)
    page = client.get(reverse("clients:detail", kwargs={"client_id": older.pk})).content.decode()
    assert "111222333" not in page and "*****2333" in page


def test_a_team_member_can_add_a_carer_and_the_contact_person(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    nurse = PersonFactory.create(name="Nina Verpleeg")
    log_in(client, bob)
    client.post(
        reverse("clients:carer-add", kwargs={"client_id": older.pk}),
        {"name": "Karin", "relation": "dochter", "phone": "0611111111", "email": "", "note": ""},
    )
    client.post(
        reverse("clients:team-add", kwargs={"client_id": older.pk}),
        {
            "person": nurse.pk,
            "role": "wijkverpleegkundige",
            "since": "2026-01-01",
            "is_contact_person": "on",
        },
    )
    assert InformalCarer.objects.get(client=older).relation == "dochter"
    assert older.current_contact_person().person == nurse  # type: ignore[union-attr]


def test_only_one_contact_person_at_a_time_with_history(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    first, second = PersonFactory.create(), PersonFactory.create()
    for person in (first, second):
        CareTeamMember.objects.create(client=older, person=person)
    log_in(client, bob)
    for person in (first, second):
        client.post(
            reverse("clients:contact-person", kwargs={"client_id": older.pk}), {"person": person.pk}
        )
    rows = ContactPerson.objects.filter(client=older).order_by("since", "pk")
    assert [r.person for r in rows] == [first, second]
    assert rows[0].until is not None and rows[1].until is None


def test_revoking_on_the_consent_page_ends_access_at_once(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    consent = Consent.objects.get(client=older)
    log_in(client, bob)
    response = client.post(
        reverse("clients:consent-revoke", kwargs={"client_id": older.pk, "consent_id": consent.pk}),
        {"note": "wil niet meer"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("clients:list")
    assert client.get(reverse("clients:detail", kwargs={"client_id": older.pk})).status_code == 404


def test_the_who_looked_page_lists_organisation_role_and_what(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    client.get(reverse("clients:detail", kwargs={"client_id": older.pk}))
    page = client.get(reverse("clients:access-history", kwargs={"client_id": older.pk}))
    text = page.content.decode()
    assert person_for(bob).organisation.name in text
    assert "Wijkverpleegkundige" in text and "bekeken" in text


def test_the_export_holds_everything_and_is_logged(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    InformalCarer.objects.create(client=older, name="Karin", relation="dochter")
    log_in(client, bob)
    response = client.get(reverse("rights:export", kwargs={"client_id": older.pk}) + "?format=json")
    data = json.loads(response.content)
    assert data["client"]["family_name"] == older.family_name
    assert data["carers"][0]["name"] == "Karin"
    assert data["consents"] and data["care_team"]
    assert AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.EXPORT).exists()
    pdf = client.get(reverse("rights:export", kwargs={"client_id": older.pk}) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_erasure_removes_the_client_and_keeps_a_pseudonymous_trace(
    client: HttpClient, alice: User
) -> None:
    older = client_shared_with(alice)
    older_id, name = older.pk, older.full_name
    log_in(client, alice)
    wrong = client.post(
        reverse("rights:erase", kwargs={"client_id": older_id}),
        {"confirm_name": "Iemand anders", "reason": "verzoek"},
    )
    assert wrong.status_code == 200 and Client.objects.filter(pk=older_id).exists()
    client.post(
        reverse("rights:erase", kwargs={"client_id": older_id}),
        {"confirm_name": name, "reason": "verzoek van de oudere"},
    )
    assert not Client.objects.filter(pk=older_id).exists()
    assert not Consent.objects.filter(client_id=older_id).exists()
    trace = AccessLogEntry.objects.filter(client_id=older_id)
    assert trace.filter(event=AuditEvent.DELETE).exists()
    assert all(older.family_name not in json.dumps(row.canonical()) for row in trace)


def test_only_a_coordinator_may_erase(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    assert client.get(reverse("rights:erase", kwargs={"client_id": older.pk})).status_code == 404


def test_emergency_access_by_bsn_and_birth_date(
    client: HttpClient, bob: User, charlie: User
) -> None:
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(bsn=a_bsn(3))
    in_network(charlie, older.network)
    log_in(client, charlie)
    response = client.post(
        reverse("clients:emergency"),
        {
            "bsn": a_bsn(3),
            "date_of_birth": older.date_of_birth.isoformat(),
            "reason": "Ligt op de grond, niemand bereikbaar",
        },
    )
    assert response["Location"] == reverse("clients:detail", kwargs={"client_id": older.pk})
    assert client.get(response["Location"]).status_code == 200
    rows = AccessLogEntry.objects.filter(user_id=charlie.pk)
    assert rows.filter(event=AuditEvent.SEARCH, break_glass=True).count() == 1
    # The dossier logs every kind of data it shows, each flagged as emergency access.
    reads = rows.filter(event=AuditEvent.READ)
    assert reads.filter(data_category="identity").count() == 1
    assert reads.count() > 1
    assert set(reads.values_list("break_glass", "reason")) == {
        (True, "Ligt op de grond, niemand bereikbaar")
    }


def test_emergency_access_with_no_match_refuses(client: HttpClient, charlie: User) -> None:
    in_network(charlie, NetworkFactory.create())
    log_in(client, charlie)
    response = client.post(
        reverse("clients:emergency"),
        {"bsn": a_bsn(4), "date_of_birth": "1930-01-01", "reason": "x"},
    )
    assert response.status_code == 200
    assert "Geen noodtoegang" in response.content.decode()
