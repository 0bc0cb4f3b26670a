"""The coordinator's follow-up list and the network's profile rule."""

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.tests.factories import in_care_team, person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.models import DataCategory
from vangnet.screening.models import FollowUpTask, ProfileChange, ProfileRule, TaskStatus
from vangnet.screening.tests.world import (
    gfi_answers,
    network_coordinated_by,
    older_person_of,
    poh,
    record,
)

pytestmark = pytest.mark.django_db

TASKS = "/screening/follow-up/"


def test_the_coordinator_sees_names_only_where_the_door_opens(
    client: HttpClient, alice: User, bob: User
) -> None:
    network = network_coordinated_by(alice)
    known = older_person_of(poh(bob), alice, network=network)
    unknown = older_person_of(bob, network=network)
    identity_only = older_person_of(bob, network=network)
    in_care_team(identity_only, alice)
    identity_only.consents.update(categories=[DataCategory.IDENTITY])
    for older in (known, unknown, identity_only):
        record(older, bob, "gfi", gfi_answers(5))
    log_in(client, alice)
    before = AccessLogEntry.objects.count()
    page = client.get(TASKS).content.decode()
    assert known.full_name in page
    assert reverse("screening:client", kwargs={"client_id": known.pk}) in page
    for hidden in (unknown, identity_only):
        assert hidden.family_name not in page
        assert f"Oudere nr. {hidden.pk}" in page
        assert reverse("screening:client", kwargs={"client_id": hidden.pk}) not in page
    assert page.count("Een casemanager uit het sociaal domein regelen") == 3
    rows = AccessLogEntry.objects.order_by("pk")[before:]
    assert [(r.client_id, r.event, r.data_category) for r in rows] == [
        (known.pk, AuditEvent.READ, DataCategory.SCREENING)
    ]


def test_only_the_networks_own_coordinator_sees_its_follow_up(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    record(older, bob, "gfi", gfi_answers(5))
    task = FollowUpTask.objects.get()
    other = make_user("olga@example.org", "Olga Overkant", Role.COORDINATOR)
    network_coordinated_by(other)
    log_in(client, other)
    page = client.get(TASKS).content.decode()
    assert "Geen open vervolgacties." in page
    resolve = reverse("screening:task-resolve", kwargs={"task_id": task.pk})
    assert client.post(resolve, {"status": "done"}).status_code == 404
    assert FollowUpTask.objects.get().status == TaskStatus.OPEN


def test_a_professional_has_no_follow_up_list(client: HttpClient, bob: User) -> None:
    poh(bob)
    log_in(client, bob)
    assert client.get(TASKS).status_code == 404
    assert client.get(reverse("screening:rules")).status_code == 404


def test_the_coordinator_records_done_and_it_is_logged(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    record(older, bob, "gfi", gfi_answers(5))
    task = FollowUpTask.objects.get()
    log_in(client, alice)
    resolve = reverse("screening:task-resolve", kwargs={"task_id": task.pk})
    response = client.post(resolve, {"status": "done", "note": "Ouderenadviseur Els belt maandag"})
    assert response["Location"] == TASKS
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.resolved_by == alice and task.resolved_at is not None
    assert task.note == "Ouderenadviseur Els belt maandag"
    logged = AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.UPDATE).get()
    assert logged.objects_involved == [f"follow-up:{task.pk}"]
    assert logged.user_id == alice.pk
    # Handled follow-up moves to the second tab; resolving twice changes nothing.
    assert "Geen open vervolgacties." in client.get(TASKS).content.decode()
    assert (
        "Ouderenadviseur Els belt maandag" in client.get(f"{TASKS}?show=handled").content.decode()
    )
    client.post(resolve, {"status": "not_needed"})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_resolving_needs_done_or_not_needed(client: HttpClient, alice: User, bob: User) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    record(older, bob, "gfi", gfi_answers(5))
    task = FollowUpTask.objects.get()
    log_in(client, alice)
    resolve = reverse("screening:task-resolve", kwargs={"task_id": task.pk})
    client.post(resolve, {"status": "superseded"})
    assert FollowUpTask.objects.get().status == TaskStatus.OPEN
    assert not AccessLogEntry.objects.filter(event=AuditEvent.UPDATE).exists()
    assert client.get(resolve).status_code == 405


def test_the_coordinator_changes_the_rule_and_later_results_follow_it(
    client: HttpClient, alice: User, bob: User
) -> None:
    network = network_coordinated_by(alice)
    log_in(client, alice)
    rules = client.get(reverse("screening:rules")).content.decode()
    assert network.name in rules and "Dit netwerk gebruikt de standaardgetallen." in rules
    edit = reverse("screening:rule-edit", kwargs={"network_id": network.pk})
    values: dict[str, Any] = {**ProfileRule().parameters(), "gfi_frail_from": 5}
    assert client.post(edit, values)["Location"] == reverse("screening:rules")
    rule = ProfileRule.objects.get(network=network)
    assert rule.gfi_frail_from == 5 and rule.updated_by == alice
    older = older_person_of(poh(bob), network=network)
    record(older, bob, "gfi", gfi_answers(4))
    assert ProfileChange.objects.get(client=older).profile == "robust"


def test_the_rule_keeps_complex_above_frail(client: HttpClient, alice: User) -> None:
    network = network_coordinated_by(alice)
    log_in(client, alice)
    edit = reverse("screening:rule-edit", kwargs={"network_id": network.pk})
    values: dict[str, Any] = {**ProfileRule().parameters(), "complex_gfi_from": 3}
    response = client.post(edit, values)
    assert response.status_code == 200
    assert "Complexe zorgbehoeften kunnen niet beginnen onder de GFI-score" in (
        response.content.decode()
    )
    response = client.post(edit, {**ProfileRule().parameters(), "lookback_days": 5})
    assert response.status_code == 200
    assert not ProfileRule.objects.exists()


def test_a_coordinator_cannot_change_another_networks_rule(client: HttpClient, alice: User) -> None:
    network_coordinated_by(alice)
    other = make_user("olga@example.org", "Olga Overkant", Role.COORDINATOR)
    theirs = network_coordinated_by(other)
    log_in(client, alice)
    edit = reverse("screening:rule-edit", kwargs={"network_id": theirs.pk})
    assert client.get(edit).status_code == 404
    assert client.post(edit, ProfileRule().parameters()).status_code == 404
    assert not ProfileRule.objects.exists()


def test_a_coordinator_without_a_place_on_the_map_is_told_why(
    client: HttpClient, alice: User
) -> None:
    log_in(client, alice)
    page = client.get(TASKS).content.decode()
    assert "Uw account heeft nog geen plek op de sociale kaart" in page
    person_for(alice)
    page = client.get(TASKS).content.decode()
    assert "U bent op de sociale kaart nog geen coördinator van een netwerk." in page
