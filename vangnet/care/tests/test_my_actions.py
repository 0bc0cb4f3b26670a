"""'My actions': a professional's open actions across all their older people."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.care.models import ActionStatus, PlanAction
from vangnet.care.tests.factories import action_for
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in

pytestmark = pytest.mark.django_db


def test_my_actions_lists_open_actions_across_people_soonest_first(
    client: HttpClient, alice: User, bob: User
) -> None:
    today = timezone.localdate()
    first = client_shared_with(bob, alice)
    second = client_shared_with(bob, alice)
    action_for(alice, first, person_for(bob), due_on=today + timedelta(days=9), description="Later")
    action_for(
        alice, second, person_for(bob), due_on=today - timedelta(days=1), description="Eerst"
    )
    done = action_for(alice, first, person_for(bob), description="Al gedaan")
    PlanAction.objects.filter(pk=done.pk).update(status=ActionStatus.DONE)
    action_for(alice, first, person_for(alice), description="Van Alice")
    log_in(client, bob)
    page = client.get(reverse("care:my-actions")).content.decode()
    assert "Eerst" in page and "Later" in page
    assert "Al gedaan" not in page and "Van Alice" not in page
    assert page.index("Eerst") < page.index("Later")
    assert page.index(second.full_name) < page.index(first.full_name)
    assert "te laat" in page


def test_actions_for_people_i_may_no_longer_see_are_counted_not_named(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = client_shared_with(bob, alice)
    action_for(alice, older, person_for(bob), description="Huisbezoek")
    older.consents.update(revoked_at=timezone.now())
    before = AccessLogEntry.objects.count()
    log_in(client, bob)
    page = client.get(reverse("care:my-actions")).content.decode()
    assert "Huisbezoek" not in page and older.family_name not in page
    assert "1 actie is voor een oudere van wie u de gegevens nu niet kunt zien" in page
    assert AccessLogEntry.objects.count() == before


def test_an_action_is_marked_done_from_my_actions(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = client_shared_with(bob, alice)
    action = action_for(alice, older, person_for(bob), description="Huisbezoek")
    log_in(client, bob)
    response = client.post(
        reverse("care:action-status", kwargs={"client_id": older.pk, "action_id": action.pk}),
        {"status": "done", "next": reverse("care:my-actions")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("care:my-actions")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert "Huisbezoek" not in client.get(reverse("care:my-actions")).content.decode()


def test_the_next_page_after_marking_done_stays_on_this_site(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = client_shared_with(bob, alice)
    action = action_for(alice, older, person_for(bob))
    log_in(client, bob)
    response = client.post(
        reverse("care:action-status", kwargs={"client_id": older.pk, "action_id": action.pk}),
        {"status": "done", "next": "https://example.com/elders"},
    )
    assert response["Location"] == reverse("care:plan", kwargs={"client_id": older.pk})


def test_my_actions_runs_the_same_queries_for_more_people(
    client: HttpClient, alice: User, bob: User, django_assert_max_num_queries: Any
) -> None:
    log_in(client, bob)
    action_for(alice, client_shared_with(bob, alice), person_for(bob))
    with django_assert_max_num_queries(25):
        client.get(reverse("care:my-actions"))
    for _ in range(8):
        action_for(alice, client_shared_with(bob, alice), person_for(bob))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("care:my-actions")).status_code == 200
