from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, BreakGlassReview
from vangnet.clients.access import break_the_glass
from vangnet.clients.emergency import EmergencyIdentity
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import a_bsn, client_shared_with, identity_of, in_network
from vangnet.conftest import log_in

pytestmark = pytest.mark.django_db


def test_emergency_access_lands_in_the_coordinators_review_list(
    client: HttpClient, alice: User, bob: User, charlie: User
) -> None:
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(bsn=a_bsn(1))
    older.refresh_from_db()
    in_network(charlie, older.network)
    break_the_glass(
        actor=Actor(charlie), identity=identity_of(older), reason="Buurvrouw belt: gevallen"
    )
    log_in(client, alice)
    page = client.get(reverse("audit:review")).content.decode()
    assert "Buurvrouw belt: gevallen" in page and "Charlie Bakker" in page
    entry_id = AccessLogEntry.objects.get(break_glass=True).pk
    assert reverse("audit:review-entry", kwargs={"entry_id": entry_id}) in page
    client.post(
        reverse("audit:review-entry", kwargs={"entry_id": entry_id}),
        {"justified": "1", "note": "besproken"},
    )
    review = BreakGlassReview.objects.get()
    assert review.justified and review.reviewed_by == alice
    second = client.post(
        reverse("audit:review-entry", kwargs={"entry_id": entry_id}),
        {"justified": "0"},
        follow=True,
    )
    assert "al beoordeeld" in second.content.decode()


def test_the_log_and_the_review_list_refuse_non_coordinators(client: HttpClient, bob: User) -> None:
    log_in(client, bob)
    assert client.get(reverse("audit:log")).status_code == 404
    assert client.get(reverse("audit:review")).status_code == 404


def test_refused_attempts_are_listed_without_an_older_person_and_cannot_be_reviewed(
    client: HttpClient, alice: User, bob: User, charlie: User
) -> None:
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(bsn=a_bsn(2))
    in_network(charlie, older.network)
    wrong = EmergencyIdentity(date_of_birth=date(1950, 1, 1), bsn=a_bsn(2))
    break_the_glass(actor=Actor(charlie), identity=wrong, reason="Alarmknop gaat af")
    log_in(client, alice)
    page = client.get(reverse("audit:review")).content.decode()
    assert "Geweigerde pogingen" in page
    assert "Alarmknop gaat af" in page and "Charlie Bakker" in page
    assert "geweigerd: niet precies één oudere gevonden" in page
    assert older.family_name not in page and a_bsn(2) not in page
    assert "Niets na te kijken." in page
    refused = AccessLogEntry.objects.get(break_glass=True)
    assert refused.client_id is None
    response = client.post(
        reverse("audit:review-entry", kwargs={"entry_id": refused.pk}), {"justified": "1"}
    )
    assert response.status_code == 404
    assert not BreakGlassReview.objects.exists()
