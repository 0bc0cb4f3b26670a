"""The list door: many older people at once, by the one door's rules, logged in one insert.

Bob is in the care teams; Charlie is a stranger to all of them.
"""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import LIST_BATCH, clients_listed, clients_shown
from vangnet.clients.models import CareTeamMember, Client
from vangnet.clients.tests.factories import (
    ClientFactory,
    consent_for_care_team,
    person_for,
)
from vangnet.consent.models import DataCategory, Purpose

pytestmark = pytest.mark.django_db

PLAN = DataCategory.PLAN
CARE_PLAN = Purpose.CARE_PLAN


def _many(user: User, n: int, *, consent: bool = True) -> list[Client]:
    """``n`` older people with ``user`` in their care team, made in a few queries."""
    clients = ClientFactory.create_batch(n)
    person = person_for(user)
    CareTeamMember.objects.bulk_create(CareTeamMember(client=c, person=person) for c in clients)
    if consent:
        for client in clients:
            consent_for_care_team(client)
    return clients


def _ids(clients: list[Client]) -> list[int]:
    return [c.pk for c in clients]


def _logged_ids() -> list[int]:
    return sorted(row.client_id or 0 for row in AccessLogEntry.objects.all())


def _queries(run: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_it_shows_only_the_people_the_door_would_open(bob: User) -> None:
    shared = _many(bob, 3)
    unshared = _many(bob, 2, consent=False)
    stranger = ClientFactory.create()
    consent_for_care_team(stranger)
    visible = clients_shown(
        Actor(bob), _ids([*shared, *unshared, stranger]), category=PLAN, purpose=CARE_PLAN
    )
    assert visible == set(_ids(shared))


def test_it_logs_each_person_shown_once_with_what_and_why(bob: User) -> None:
    shared = _many(bob, 3)
    clients_shown(
        Actor(bob),
        [*_ids(shared), *_ids(shared)],
        category=PLAN,
        purpose=CARE_PLAN,
        objects=["my-list"],
        event=AuditEvent.SEARCH,
    )
    rows = list(AccessLogEntry.objects.order_by("client_id"))
    assert [r.client_id for r in rows] == sorted(_ids(shared))
    assert {(r.event, r.data_category, r.purpose, r.user_id) for r in rows} == {
        (AuditEvent.SEARCH, PLAN, CARE_PLAN, bob.pk)
    }
    assert all(r.objects_involved == ["my-list"] for r in rows)


def test_a_stranger_is_shown_nobody_and_nothing_is_logged(bob: User, charlie: User) -> None:
    shared = _many(bob, 4)
    person_for(charlie)
    assert clients_shown(Actor(charlie), _ids(shared), category=PLAN, purpose=CARE_PLAN) == set()
    assert clients_listed(Actor(charlie), Client.objects.all(), purpose=CARE_PLAN) == []
    assert not AccessLogEntry.objects.exists()


def test_masked_rows_are_all_logged_but_only_visible_ones_named(bob: User) -> None:
    shared = _many(bob, 2)
    unshared = _many(bob, 2, consent=False)
    everyone = _ids([*shared, *unshared])
    named = clients_shown(Actor(bob), everyone, category=PLAN, purpose=CARE_PLAN, masked=True)
    assert named == set(_ids(shared))
    assert _logged_ids() == sorted(everyone)


def test_a_list_of_500_people_is_decided_and_logged_in_a_constant_number_of_queries(
    bob: User,
) -> None:
    few = _ids(_many(bob, 5))
    many = [*few, *_ids(_many(bob, 495))]

    def show(ids: list[int]) -> None:
        assert len(clients_shown(Actor(bob), ids, category=PLAN, purpose=CARE_PLAN)) == len(ids)

    show(few)  # the first write to the log also creates its chain head
    with CaptureQueriesContext(connection) as captured:
        show(many)
    assert len(captured) == _queries(lambda: show(few))
    inserts = [q for q in captured if q["sql"].startswith('INSERT INTO "audit_accesslogentry"')]
    assert len(inserts) == 1  # one bulk insert for the whole list, not one per person
    assert AccessLogEntry.objects.count() == 510


def test_a_named_list_fills_up_past_people_it_may_not_show(bob: User) -> None:
    # Sorted by name, the first batch is all people without consent.
    hidden = _many(bob, LIST_BATCH + 5, consent=False)
    Client.objects.filter(pk__in=_ids(hidden)).update(family_name="Aa")
    shown = _many(bob, 7)
    listed = clients_listed(
        Actor(bob),
        Client.objects.order_by("family_name", "pk"),
        purpose=CARE_PLAN,
        category=PLAN,
        limit=5,
    )
    assert _ids(listed) == _ids(shown)[:5]
    assert _logged_ids() == _ids(listed)


def test_a_named_list_runs_the_same_queries_for_more_people(bob: User) -> None:
    _many(bob, 5)

    def listing() -> None:
        clients_listed(Actor(bob), Client.objects.order_by("pk"), purpose=CARE_PLAN, limit=40)

    listing()  # the first write to the log also creates its chain head
    before = _queries(listing)
    _many(bob, 300)
    assert _queries(listing) == before
