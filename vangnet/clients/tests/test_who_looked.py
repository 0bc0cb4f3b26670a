"""Who looked: one line per person per day (Dutch time), with how often and what, newest first."""

from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.history import access_history_days
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in
from vangnet.directory.models import Discipline

pytestmark = pytest.mark.django_db


def _logged(user: User, client_id: int, at: datetime, event: str, data: str) -> None:
    with mock.patch("vangnet.audit.log.timezone.now", return_value=at):
        log_access(
            actor=Actor(user), event=AuditEvent(event), client_id=client_id, data_category=data
        )


def _history(bob: User, charlie: User) -> int:
    older = client_shared_with(bob)
    person_for(charlie, Discipline.SOCIAL_WORKER)
    rows: list[tuple[User, datetime, str, str]] = [
        (bob, datetime(2026, 6, 30, 9, 0, tzinfo=UTC), "read", "identity"),
        (bob, datetime(2026, 7, 1, 8, 0, tzinfo=UTC), "read", "identity"),
        (bob, datetime(2026, 7, 1, 8, 5, tzinfo=UTC), "read", "identity"),
        (bob, datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "update", "plan"),
        # 23:30 UTC on 1 July is 01:30 on 2 July in Amsterdam: it counts for 2 July.
        (charlie, datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "read", "signals"),
        (charlie, datetime(2026, 7, 2, 10, 0, tzinfo=UTC), "read", "signals"),
    ]
    for user, at, event, data in rows:
        _logged(user, older.pk, at, event, data)
    return older.pk


def test_it_groups_per_person_per_day_newest_day_first(bob: User, charlie: User) -> None:
    days = access_history_days(_history(bob, charlie))
    assert [d.day for d in days] == [date(2026, 7, 2), date(2026, 7, 1), date(2026, 6, 30)]
    second, first, last = days
    assert [(v.who, v.times) for v in second.visitors] == [("Charlie Bakker", 2)]
    assert second.visitors[0].what == ["bekeken: signalen en zorgen"]
    assert [(v.who, v.times) for v in first.visitors] == [("Bob Jansen", 3)]
    assert first.visitors[0].what == [
        "gewijzigd: zorg- en ondersteuningsplan",
        "bekeken: naam, adres en contactgegevens",
    ]
    assert [(v.who, v.times) for v in last.visitors] == [("Bob Jansen", 1)]


def test_it_reads_the_history_in_one_query(
    bob: User, charlie: User, django_assert_num_queries: Any
) -> None:
    client_id = _history(bob, charlie)
    with django_assert_num_queries(1):
        access_history_days(client_id)


def test_the_page_shows_one_line_per_person_per_day(
    client: HttpClient, bob: User, charlie: User
) -> None:
    client_id = _history(bob, charlie)
    log_in(client, bob)
    page = client.get(reverse("clients:access-history", kwargs={"client_id": client_id}))
    html = page.content.decode()
    assert "donderdag 2 juli 2026" in html and "woensdag 1 juli 2026" in html
    assert html.index("2 juli 2026") < html.index("1 juli 2026") < html.index("30 juni 2026")
    assert "3 keer" in html and "2 keer" in html
    assert html.count("Charlie Bakker") == 1


def test_the_who_looked_page_refuses_a_stranger(
    client: HttpClient, bob: User, charlie: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, charlie)
    url = reverse("clients:access-history", kwargs={"client_id": older.pk})
    assert client.get(url).status_code == 404
