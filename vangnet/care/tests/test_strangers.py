"""Every page about one older person goes through the door: strangers get 404 and no log row."""

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLogEntry
from vangnet.care.models import Conversation, MeetingItem, PlanAction
from vangnet.care.tests.factories import (
    action_for,
    analysed,
    gp_and_social_worker,
    meeting,
    on_agenda,
)
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import client_shared_with, in_care_team, person_for
from vangnet.conftest import log_in, make_user

pytestmark = pytest.mark.django_db

PAGES = (
    "care:pathway",
    "care:step-add",
    "care:conversation",
    "care:conversation-new",
    "care:analysis",
    "care:analysis-new",
    "care:plan",
    "care:goal",
    "care:action",
    "care:agreement",
    "care:plan-history",
    "care:evaluation",
    "care:my-plan",
    "care:my-plan-print",
    "care:my-plan-pdf",
    "care:client-mdo",
)


@pytest.fixture
def world(alice: User, bob: User, charlie: User) -> dict[str, Any]:
    person_for(alice)
    person_for(charlie)
    gp, social = gp_and_social_worker()
    older = client_shared_with(bob, alice)
    Client.objects.filter(pk=older.pk).update(given_name="Wilhelmina", family_name="Zwaluwstaart")
    analysed(older, bob)
    action = action_for(bob, older, person_for(bob), description="Geheime actie")
    mdo = meeting(alice, [gp, social], older)
    item = on_agenda(alice, older, mdo)
    return {"client": older, "action": action, "item": item, "meeting": mdo}


def _posts(world: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    kw = {"client_id": world["client"].pk}
    item = {**kw, "item_id": world["item"].pk}
    return [
        (
            reverse("care:action-status", kwargs={**kw, "action_id": world["action"].pk}),
            {"status": "done"},
        ),
        (reverse("care:client-mdo-add", kwargs=kw), {"add-meeting": world["meeting"].pk}),
        (
            reverse("care:item-minutes", kwargs=item),
            {"minutes-minutes": "x", "minutes-invited": "nobody"},
        ),
        (reverse("care:item-decision", kwargs=item), {"decision-description": "x"}),
        (reverse("care:item-remove", kwargs=item), {}),
        (
            reverse("care:conversation-new", kwargs=kw),
            {"held_on": "2026-01-01", "what_matters": "x"},
        ),
    ]


def test_every_page_refuses_a_stranger_and_logs_nothing(
    client: HttpClient, charlie: User, world: dict[str, Any]
) -> None:
    older: Client = world["client"]
    log_in(client, charlie)
    for name in PAGES:
        response = client.get(reverse(name, kwargs={"client_id": older.pk}))
        assert response.status_code == 404, name
        assert b"Zwaluwstaart" not in response.content
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 404, url
    for name in ("care:my-actions", "care:my-clients", "care:meetings"):
        page = client.get(reverse(name)).content.decode()
        assert "Zwaluwstaart" not in page and "Geheime actie" not in page, name
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()
    assert PlanAction.objects.get(pk=world["action"].pk).status == "open"
    assert MeetingItem.objects.filter(pk=world["item"].pk).exists()
    assert Conversation.objects.filter(client=older).count() == 1


def test_every_page_writes_a_log_row_for_a_team_member(
    client: HttpClient, bob: User, world: dict[str, Any]
) -> None:
    older: Client = world["client"]
    log_in(client, bob)
    for name in PAGES:
        before = AccessLogEntry.objects.filter(client_id=older.pk).count()
        response = client.get(reverse(name, kwargs={"client_id": older.pk}))
        assert response.status_code == 200, name
        after = AccessLogEntry.objects.filter(client_id=older.pk).count()
        assert after > before, name


def test_anonymous_visitors_are_sent_to_log_in(client: HttpClient, world: dict[str, Any]) -> None:
    older: Client = world["client"]
    for name in PAGES:
        response = client.get(reverse(name, kwargs={"client_id": older.pk}))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name in ("care:my-actions", "care:my-clients", "care:meetings", "care:meeting-new"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name


def test_a_read_only_account_reads_but_does_not_write(
    client: HttpClient, world: dict[str, Any]
) -> None:
    older: Client = world["client"]
    reader = make_user("lezer@example.org", "Lotte Lezer", Role.READ_ONLY)
    in_care_team(older, reader)
    log_in(client, reader)
    assert client.get(reverse("care:plan", kwargs={"client_id": older.pk})).status_code == 200
    for name in ("care:conversation-new", "care:analysis-new", "care:goal", "care:agreement"):
        assert client.get(reverse(name, kwargs={"client_id": older.pk})).status_code == 404, name
    for url, data in _posts(world):
        assert client.post(url, data).status_code == 404, url
    assert client.get(reverse("care:meeting-new")).status_code == 404
    assert Conversation.objects.filter(client=older).count() == 1
