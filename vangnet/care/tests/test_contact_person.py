"""One named contact person per older person at a time, with a history; and what is due for them."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.care import actions
from vangnet.care.pathway import pathway_of
from vangnet.care.tests.factories import action_for, actor, gp_and_social_worker, meeting, on_agenda
from vangnet.clients.actions import contact_person_set
from vangnet.clients.models import ContactPerson
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in
from vangnet.directory.models import PathwayStep
from vangnet.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_there_is_one_contact_person_at_a_time(bob: User) -> None:
    older = client_shared_with(bob)
    first = PersonFactory.create(name="Fenna Eerst")
    second = PersonFactory.create(name="Sietse Daarna")
    contact_person_set(actor=actor(bob), client=older, person=first)
    contact_person_set(actor=actor(bob), client=older, person=second)
    rows = list(ContactPerson.objects.filter(client=older).order_by("since", "pk"))
    assert [r.person for r in rows] == [first, second]
    assert rows[0].until is not None and rows[1].until is None
    assert older.current_contact_person() == rows[1]


def test_the_database_refuses_a_second_open_contact_person(bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=PersonFactory.create())
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPerson.objects.create(client=older, person=PersonFactory.create())
    assert ContactPerson.objects.filter(client=older, until__isnull=True).count() == 1


def test_choosing_the_same_contact_person_again_changes_nothing(bob: User) -> None:
    older = client_shared_with(bob)
    person = PersonFactory.create()
    contact_person_set(actor=actor(bob), client=older, person=person)
    contact_person_set(actor=actor(bob), client=older, person=person)
    assert ContactPerson.objects.filter(client=older).count() == 1


def test_each_contact_person_is_a_moment_in_the_pathway(bob: User) -> None:
    older = client_shared_with(bob)
    contact_person_set(actor=actor(bob), client=older, person=PersonFactory.create(name="Fenna"))
    contact_person_set(actor=actor(bob), client=older, person=PersonFactory.create(name="Sietse"))
    moments = [m for m in pathway_of(older).history if m.step == PathwayStep.CONTACT_PERSON]
    assert [m.note for m in moments] == ["Fenna", "Sietse"]
    assert [m.is_revisit for m in moments] == [False, True]


@pytest.fixture
def contact_world(alice: User, bob: User) -> dict[str, Any]:
    """Bob is the contact person of two older people; Alice organises an MDO for one."""
    person_for(alice)
    gp, social = gp_and_social_worker()
    today = timezone.localdate()
    late = client_shared_with(bob, alice)
    calm = client_shared_with(bob, alice)
    for older in (late, calm):
        contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
    actions.goal_save(actor=actor(bob), client=late, goal=None, data={"text": "Wandelen"})
    actions.plan_agree(
        actor=actor(bob),
        client=late,
        agreed_on=today - timedelta(days=100),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=today - timedelta(days=5),
    )
    action_for(
        bob,
        late,
        person_for(alice),
        due_on=today + timedelta(days=3),
        description="Rollator regelen",
    )
    action_for(
        bob, calm, person_for(alice), due_on=today + timedelta(days=60), description="Later pas"
    )
    mdo = meeting(alice, [gp, social], late)
    on_agenda(alice, late, mdo)
    return {"late": late, "calm": calm}


def test_the_contact_person_sees_what_is_due_for_their_people(
    client: HttpClient, bob: User, contact_world: dict[str, Any]
) -> None:
    log_in(client, bob)
    page = client.get(reverse("care:my-clients")).content.decode()
    late, calm = contact_world["late"], contact_world["calm"]
    assert late.full_name in page and calm.full_name in page
    assert "Evaluatie te laat sinds" in page
    assert "Rollator regelen" in page
    assert "Later pas" not in page
    assert "In het MDO op" in page
    # The one who needs attention comes first.
    assert page.index(late.full_name) < page.index(calm.full_name)
    logged = AccessLogEntry.objects.filter(user_id=bob.pk, objects_involved=["my-clients"])
    assert {e.client_id for e in logged} == {late.pk, calm.pk}


def test_a_former_contact_person_no_longer_sees_them(
    client: HttpClient, alice: User, bob: User, contact_world: dict[str, Any]
) -> None:
    late = contact_world["late"]
    contact_person_set(actor=actor(alice), client=late, person=person_for(alice))
    log_in(client, bob)
    page = client.get(reverse("care:my-clients")).content.decode()
    assert late.full_name not in page
    log_in(client, alice)
    assert late.full_name in client.get(reverse("care:my-clients")).content.decode()


def test_a_contact_person_without_consent_any_more_sees_nothing(
    client: HttpClient, bob: User, contact_world: dict[str, Any]
) -> None:
    late = contact_world["late"]
    late.consents.update(revoked_at=timezone.now())
    before = AccessLogEntry.objects.filter(client_id=late.pk).count()
    log_in(client, bob)
    page = client.get(reverse("care:my-clients")).content.decode()
    assert late.family_name not in page
    assert AccessLogEntry.objects.filter(client_id=late.pk).count() == before


def test_my_clients_runs_the_same_queries_for_more_people(
    client: HttpClient, bob: User, contact_world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    log_in(client, bob)
    with django_assert_max_num_queries(28):
        client.get(reverse("care:my-clients"))
    for _ in range(6):
        older = client_shared_with(bob)
        contact_person_set(actor=actor(bob), client=older, person=person_for(bob))
        action_for(bob, older, person_for(bob), due_on=timezone.localdate())
    with django_assert_max_num_queries(28):
        assert client.get(reverse("care:my-clients")).status_code == 200
