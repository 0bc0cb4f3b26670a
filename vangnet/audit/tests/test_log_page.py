"""The coordinator's access log page: local times, purposes in words, filters kept when paging."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_access, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.conftest import log_in

pytestmark = pytest.mark.django_db


def test_it_shows_times_in_dutch_time_and_says_so(client: HttpClient, alice: User) -> None:
    # 10:15 UTC on 1 July is 12:15 in Amsterdam (summer time, UTC+2).
    moment = datetime(2026, 7, 1, 10, 15, 0, tzinfo=UTC)
    with mock.patch("vangnet.audit.log.timezone.now", return_value=moment):
        log_access(actor=Actor(alice), event=AuditEvent.READ, client_id=7)
    log_in(client, alice)
    page = client.get(reverse("audit:log")).content.decode()
    assert "2026-07-01 12:15:00" in page
    assert "Nederlandse tijd" in page
    assert "UTC" not in page


def test_it_shows_purposes_in_words(client: HttpClient, alice: User) -> None:
    log_access(actor=Actor(alice), event=AuditEvent.READ, client_id=7, purpose="early_detection")
    log_access(actor=Actor(alice), event=AuditEvent.READ, client_id=8, purpose="break_glass")
    log_in(client, alice)
    page = client.get(reverse("audit:log")).content.decode()
    assert "<td>Vroegsignalering</td>" in page and "early_detection" not in page
    assert "<td>Noodtoegang</td>" in page and "<td>break_glass</td>" not in page


def test_paging_keeps_every_filter(client: HttpClient, alice: User, bob: User) -> None:
    # 120 of Bob's emergency views of client 7: three pages of 50 under every filter.
    log_accesses(
        actor=Actor(bob),
        event=AuditEvent.READ,
        client_ids=[7] * 120,
        purpose="break_glass",
        break_glass=True,
    )
    log_accesses(actor=Actor(alice), event=AuditEvent.READ, client_ids=[8] * 60)
    log_in(client, alice)
    query = {"client": "7", "user": "Bob", "break_glass": "on"}
    first = client.get(reverse("audit:log"), query)
    assert "Pagina 1 van 3" in first.content.decode()
    older_link = first.context["page"].next_page_number()
    assert older_link == 2
    html = first.content.decode()
    assert 'href="?client=7&amp;user=Bob&amp;break_glass=on&amp;page=2"' in html
    second = client.get(reverse("audit:log"), {**query, "page": "2"})
    html = second.content.decode()
    assert "Pagina 2 van 3" in html
    assert 'href="?client=7&amp;user=Bob&amp;break_glass=on&amp;page=1"' in html
    assert 'href="?client=7&amp;user=Bob&amp;break_glass=on&amp;page=3"' in html
    assert all(row.client_id == 7 for row in second.context["page"])


def test_it_refuses_a_stranger(client: HttpClient, charlie: User) -> None:
    log_access(actor=Actor(charlie), event=AuditEvent.READ, client_id=7)
    log_in(client, charlie)
    assert client.get(reverse("audit:log")).status_code == 404
