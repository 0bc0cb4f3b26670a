"""The shared plan keeps its history: every change is a version with who, what and when."""

from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.care import actions
from vangnet.care.models import (
    ActionStatus,
    Goal,
    HistoryRowChanged,
    OwnerKind,
    Plan,
    PlanAction,
    PlanVersion,
)
from vangnet.care.tests.factories import actor
from vangnet.clients.models import InformalCarer
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in
from vangnet.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_every_change_makes_a_new_version_with_who_and_what(bob: User) -> None:
    older = client_shared_with(bob)
    goal = actions.goal_save(
        actor=actor(bob), client=older, goal=None, data={"text": "Zelf boodschappen doen"}
    )
    action = actions.action_save(
        actor=actor(bob),
        client=older,
        action=None,
        data={
            "description": "Boodschappenhulp regelen",
            "goal": goal,
            "owner_kind": OwnerKind.PROFESSIONAL,
            "owner_person": person_for(bob),
            "due_on": date(2026, 6, 1),
        },
    )
    actions.action_save(
        actor=actor(bob),
        client=older,
        action=action,
        data={"due_on": date(2026, 6, 15)},
    )
    actions.plan_agree(
        actor=actor(bob),
        client=older,
        agreed_on=date(2026, 5, 20),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=date(2026, 8, 20),
    )
    plan = Plan.objects.get(client=older)
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert plan.version == 4 and plan.agreed_version == 4
    assert all(v.made_by == bob and v.made_by_label == "Bob Jansen" for v in versions)
    assert versions[0].changes[0]["kind"] == "goal"
    assert versions[2].changes == [
        {
            "kind": "action",
            "change": "changed",
            "label": "Boodschappenhulp regelen",
            "fields": {"due_on": ["2026-06-01", "2026-06-15"]},
        }
    ]
    # Each version holds the plan as it then stood.
    assert versions[1].snapshot["actions"][0]["due_on"] == "2026-06-01"
    assert versions[3].snapshot["evaluate_on"] == "2026-08-20"


def test_saving_without_a_change_makes_no_version(bob: User) -> None:
    older = client_shared_with(bob)
    goal = actions.goal_save(actor=actor(bob), client=older, goal=None, data={"text": "Wandelen"})
    actions.goal_save(actor=actor(bob), client=older, goal=goal, data={"text": "Wandelen"})
    assert PlanVersion.objects.count() == 1


def test_versions_cannot_be_changed(bob: User) -> None:
    older = client_shared_with(bob)
    actions.goal_save(actor=actor(bob), client=older, goal=None, data={"text": "Wandelen"})
    version = PlanVersion.objects.get()
    version.made_by_label = "Iemand anders"
    with pytest.raises(HistoryRowChanged):
        version.save()


def test_the_history_page_shows_who_changed_what_and_old_versions(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    goal = actions.goal_save(
        actor=actor(bob), client=older, goal=None, data={"text": "Elke dag naar buiten"}
    )
    actions.goal_save(
        actor=actor(bob), client=older, goal=goal, data={"text": "Drie keer per week naar buiten"}
    )
    log_in(client, bob)
    url = reverse("care:plan-history", kwargs={"client_id": older.pk})
    page = client.get(url).content.decode()
    assert "Doel gewijzigd" in page and "Doel toegevoegd" in page
    assert "Elke dag naar buiten" in page and "Drie keer per week naar buiten" in page
    assert "Bob Jansen" in page
    old = client.get(url + "?version=1").content.decode()
    assert "Het plan zoals het was in versie 1" in old


def test_a_change_after_the_agreement_is_flagged(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    actions.goal_save(actor=actor(bob), client=older, goal=None, data={"text": "Wandelen"})
    actions.plan_agree(
        actor=actor(bob),
        client=older,
        agreed_on=date(2026, 5, 20),
        agreed_by="client",
        agreed_how="written",
        note="",
        evaluate_on=date(2030, 8, 20),
    )
    assert not Plan.objects.get(client=older).changed_since_agreement
    actions.goal_save(actor=actor(bob), client=older, goal=None, data={"text": "Fietsen"})
    assert Plan.objects.get(client=older).changed_since_agreement
    log_in(client, bob)
    page = client.get(reverse("care:plan", kwargs={"client_id": older.pk})).content.decode()
    assert "sindsdien gewijzigd" in page


def test_an_action_for_a_professional_needs_someone_from_the_care_team(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    outsider = PersonFactory.create(name="Olga Buitenstaander")
    log_in(client, bob)
    url = reverse("care:action", kwargs={"client_id": older.pk})
    assert "Olga Buitenstaander" not in client.get(url).content.decode()
    response = client.post(
        url,
        {"description": "Huisbezoek", "owner_kind": "professional", "owner_person": outsider.pk},
    )
    assert response.status_code == 200
    assert not PlanAction.objects.exists()
    assert 'value="professional"' in response.content.decode()


def test_the_owner_can_be_the_carer_a_volunteer_or_the_person_themself(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    carer = InformalCarer.objects.create(client=older, name="Karin", relation="dochter")
    log_in(client, bob)
    url = reverse("care:action", kwargs={"client_id": older.pk})
    for data in (
        {"owner_kind": "carer", "owner_carer": carer.pk, "owner_name": "wordt gewist"},
        {"owner_kind": "volunteer", "owner_name": "Anneke (maatje)"},
        {"owner_kind": "self"},
    ):
        response = client.post(url, {"description": "Iets", **data})
        assert response.status_code == 302, response.content.decode()
    labels = [a.owner_label() for a in PlanAction.objects.order_by("pk")]
    assert labels == ["Karin", "Anneke (maatje)", "U zelf"]
    assert PlanAction.objects.get(owner_kind="carer").owner_name == ""


def test_a_volunteer_without_a_name_is_refused(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        reverse("care:action", kwargs={"client_id": older.pk}),
        {"description": "Bezoek", "owner_kind": "volunteer"},
    )
    assert response.status_code == 200
    assert "Typ de naam van de vrijwilliger." in response.content.decode()


def test_marking_an_action_done_is_a_new_version(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    action = actions.action_save(
        actor=actor(bob),
        client=older,
        action=None,
        data={"description": "Alarmknop", "owner_kind": "self"},
    )
    log_in(client, bob)
    response = client.post(
        reverse("care:action-status", kwargs={"client_id": older.pk, "action_id": action.pk}),
        {"status": "done"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_on is not None
    assert PlanVersion.objects.filter(plan__client=older).count() == 2


def test_a_goal_of_another_client_cannot_be_changed_through_this_one(
    client: HttpClient, bob: User
) -> None:
    mine = client_shared_with(bob)
    other = client_shared_with(bob)
    goal = actions.goal_save(actor=actor(bob), client=other, goal=None, data={"text": "Geheim"})
    log_in(client, bob)
    url = reverse("care:goal", kwargs={"client_id": mine.pk}) + f"?goal={goal.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Overschreven", "is_active": "on"}).status_code == 404
    assert Goal.objects.get(pk=goal.pk).text == "Geheim"
