"""Screening pages go through the door: strangers and missing consent get 404 and leave no trace."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.models import DataCategory
from vangnet.screening.models import ScreeningDraft
from vangnet.screening.tests.world import gfi_answers, older_person_of, poh, record

pytestmark = pytest.mark.django_db

GET_PAGES = ("screening:client", "screening:start", "screening:check")


def _get_urls(older: Client) -> list[str]:
    kw = {"client_id": older.pk}
    return [
        *(reverse(name, kwargs=kw) for name in GET_PAGES),
        reverse("screening:question", kwargs={**kw, "number": 1}),
    ]


def _post_urls(older: Client) -> list[tuple[str, dict[str, str]]]:
    kw = {"client_id": older.pk}
    return [
        (reverse("screening:start", kwargs=kw), {"instrument": "gfi", "mode": "professional"}),
        (reverse("screening:question", kwargs={**kw, "number": 1}), {"answer": "no"}),
        (reverse("screening:check", kwargs=kw), {}),
        (reverse("screening:discard", kwargs=kw), {}),
    ]


def test_every_screening_page_writes_a_log_row_for_a_team_member(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    for url in _get_urls(older):
        before = AccessLogEntry.objects.filter(client_id=older.pk).count()
        response = client.get(url)
        assert response.status_code == 200, url
        rows = AccessLogEntry.objects.filter(client_id=older.pk).order_by("pk")[before:]
        assert [row.data_category for row in rows] == [DataCategory.SCREENING], url
    assert (
        client.get(reverse("screening:discard", kwargs={"client_id": older.pk})).status_code == 405
    )


def test_every_screening_page_refuses_a_stranger_and_logs_nothing(
    client: HttpClient, bob: User, charlie: User
) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(5))
    ScreeningDraft.objects.create(client=older, started_by=bob, instrument="gfi", mode="self")
    person_for(charlie)
    log_in(client, charlie)
    before = AccessLogEntry.objects.count()
    for url in _get_urls(older):
        response = client.get(url)
        assert response.status_code == 404, url
        assert older.family_name not in response.content.decode()
    for url, data in _post_urls(older):
        assert client.post(url, data).status_code == 404, url
    assert AccessLogEntry.objects.count() == before
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()
    assert not ScreeningDraft.objects.filter(started_by=charlie).exists()


def test_consent_for_identity_only_keeps_the_screening_pages_closed(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob), categories=[DataCategory.IDENTITY])
    log_in(client, bob)
    assert client.get(reverse("clients:detail", kwargs={"client_id": older.pk})).status_code == 200
    for url in _get_urls(older):
        assert client.get(url).status_code == 404, url
    for url, data in _post_urls(older):
        assert client.post(url, data).status_code == 404, url
    assert not AccessLogEntry.objects.filter(
        client_id=older.pk, data_category=DataCategory.SCREENING
    ).exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    urls = [
        *_get_urls(older),
        reverse("screening:tasks"),
        reverse("screening:rules"),
        reverse("screening:rule-edit", kwargs={"network_id": older.network_id}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_a_read_only_team_member_sees_results_but_cannot_administer(
    client: HttpClient, bob: User
) -> None:
    reader = make_user("rita@example.org", "Rita Lezer", Role.READ_ONLY)
    older = older_person_of(poh(bob), reader)
    record(older, bob, "gfi", gfi_answers(5))
    log_in(client, reader)
    page = client.get(reverse("screening:client", kwargs={"client_id": older.pk}))
    assert page.status_code == 200
    assert "Vragenlijst afnemen" not in page.content.decode()
    assert client.get(reverse("screening:start", kwargs={"client_id": older.pk})).status_code == 404


def test_the_results_page_shows_the_history_and_logs_a_read(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(2))
    record(older, bob, "gfi", gfi_answers(6))
    record(older, bob, "prisma7", {str(n): "no" for n in range(1, 8)})
    log_in(client, bob)
    before = AccessLogEntry.objects.count()
    page = client.get(reverse("screening:client", kwargs={"client_id": older.pk}))
    text = page.content.decode()
    assert "Groningen Frailty Indicator (GFI)" in text and "PRISMA-7" in text
    assert "6 van 15" in text and "2 van 15" in text
    assert "Op of boven de afkapwaarde (4)" in text
    assert "Kwetsbaar" in text and "Robuust" in text
    assert "GFI-score 6 is 4 of meer." in text
    assert '<svg viewBox="0 0 640 200" role="img"' in text
    assert "Een casemanager uit het sociaal domein regelen" in text
    read = AccessLogEntry.objects.order_by("pk")[before:]
    assert [(r.event, r.data_category, r.client_id) for r in read] == [
        (AuditEvent.READ, DataCategory.SCREENING, older.pk)
    ]
    assert "screening-results" in read[0].objects_involved


def test_nobody_continues_someone_elses_unfinished_questionnaire(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = older_person_of(poh(bob), alice)
    ScreeningDraft.objects.create(
        client=older, started_by=bob, instrument="gfi", mode="professional", answers={"1": "no"}
    )
    log_in(client, alice)
    page = client.get(reverse("screening:question", kwargs={"client_id": older.pk, "number": 2}))
    assert "Geen vragenlijst bezig" in page.content.decode()
    client.post(reverse("screening:discard", kwargs={"client_id": older.pk}))
    assert ScreeningDraft.objects.filter(started_by=bob).exists()
