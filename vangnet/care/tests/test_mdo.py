"""The MDO: consent decides what each participant sees; decisions become plan actions."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.care import actions
from vangnet.care.models import (
    Meeting,
    MeetingItem,
    PlanAction,
    PlanVersion,
    StepEvent,
    StepStatus,
)
from vangnet.care.tests.factories import (
    actor,
    analysed,
    gp_and_social_worker,
    meeting,
    on_agenda,
)
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import (
    ClientFactory,
    client_shared_with,
    consent_for_care_team,
    in_care_team,
    person_for,
)
from vangnet.conftest import log_in
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Discipline, PathwayStep

pytestmark = pytest.mark.django_db


def _named(family_name: str, *users: User, purposes: list[str] | None = None) -> Client:
    older: Client = ClientFactory.create(given_name="Truus", family_name=family_name)
    for user in users:
        in_care_team(older, user)
    consent_for_care_team(older, purposes=purposes)
    return older


@pytest.fixture
def world(alice: User) -> dict[str, Any]:
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp, social = gp_and_social_worker()
    shared = _named("Zonnebloem", alice, gp, social)
    # Shared with the care team for the plan, but for the MDO only with Alice.
    private = _named(
        "Klaproos", alice, gp, social, purposes=[Purpose.CARE_PLAN, Purpose.EARLY_DETECTION]
    )
    Consent.objects.create(
        client=private,
        categories=[DataCategory.IDENTITY, DataCategory.PLAN],
        purposes=[Purpose.MDO],
        scope=RecipientScope.PERSON,
        recipient_person=person_for(alice),
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.SPOKEN,
    )
    mdo = meeting(alice, [gp, social], shared)
    for older in (shared, private):
        on_agenda(alice, older, mdo)
    return {"gp": gp, "social": social, "shared": shared, "private": private, "meeting": mdo}


def test_a_participant_without_mdo_consent_sees_no_consent_and_no_name(
    client: HttpClient, world: dict[str, Any]
) -> None:
    gp: User = world["gp"]
    log_in(client, gp)
    response = client.get(reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Truus Zonnebloem" in page
    assert "Klaproos" not in page
    assert page.count("Geen toestemming") == 1
    rows = AccessLogEntry.objects.filter(user_id=gp.pk)
    assert set(rows.values_list("client_id", flat=True)) == {world["shared"].pk}
    assert set(rows.values_list("purpose", flat=True)) == {Purpose.MDO}
    # Nor can the participant open that older person's MDO page.
    private_page = reverse("care:client-mdo", kwargs={"client_id": world["private"].pk})
    assert client.get(private_page).status_code == 404


def test_the_organiser_with_consent_sees_both(
    client: HttpClient, alice: User, world: dict[str, Any]
) -> None:
    log_in(client, alice)
    page = client.get(
        reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk})
    ).content.decode()
    assert "Truus Zonnebloem" in page and "Truus Klaproos" in page
    assert "Geen toestemming" not in page


def test_a_participant_outside_the_care_team_sees_no_consent(
    client: HttpClient, alice: User, world: dict[str, Any]
) -> None:
    social: User = world["social"]
    stranger_to_her = _named("Pinksterbloem", alice)
    on_agenda(alice, stranger_to_her, world["meeting"])
    log_in(client, social)
    page = client.get(
        reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk})
    ).content.decode()
    assert "Pinksterbloem" not in page and "Klaproos" not in page
    assert page.count("Geen toestemming") == 2


def test_someone_outside_the_meeting_cannot_open_it(
    client: HttpClient, bob: User, charlie: User, world: dict[str, Any]
) -> None:
    person_for(bob)
    person_for(charlie)
    meeting_id = world["meeting"].pk
    for user in (bob, charlie):
        log_in(client, user)
        for name in ("care:meeting", "care:meeting-agenda", "care:meeting-edit"):
            response = client.get(reverse(name, kwargs={"meeting_id": meeting_id}))
            assert response.status_code == 404, name
        response = client.post(
            reverse("care:meeting-status", kwargs={"meeting_id": meeting_id}), {"status": "held"}
        )
        assert response.status_code == 404
        listing = client.get(reverse("care:meetings")).content.decode()
        assert reverse("care:meeting", kwargs={"meeting_id": meeting_id}) not in listing
    assert Meeting.objects.get(pk=meeting_id).status == "planned"
    assert not AccessLogEntry.objects.filter(user_id__in=[bob.pk, charlie.pk]).exists()


def test_the_agenda_lists_only_people_the_organiser_may_see_for_the_mdo(
    client: HttpClient, alice: User, bob: User
) -> None:
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp, social = gp_and_social_worker()
    ready = _named("Gereed", alice)
    no_mdo = _named("Zondermdo", alice, purposes=[Purpose.CARE_PLAN])
    not_mine = _named("Nietvanmij", bob)
    planned = _named("Algepland", alice)
    due = _named("Evaluatie", alice)
    listed = _named("Alopdeagenda", alice)
    for older in (ready, no_mdo, planned, listed):
        analysed(older, alice, on=timezone.localdate() - timedelta(days=10))
    analysed(not_mine, bob)
    actions.step_record(
        actor=actor(alice),
        client=planned,
        step=PathwayStep.PLAN,
        status=StepStatus.DONE,
        occurred_on=timezone.localdate() - timedelta(days=2),
    )
    actions.plan_agree(
        actor=actor(alice),
        client=due,
        agreed_on=timezone.localdate() - timedelta(days=80),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=timezone.localdate() + timedelta(days=3),
    )
    mdo = meeting(alice, [gp, social], ready)
    on_agenda(alice, listed, mdo)
    before = AccessLogEntry.objects.count()
    log_in(client, alice)
    page = client.get(
        reverse("care:meeting-agenda", kwargs={"meeting_id": mdo.pk})
    ).content.decode()
    assert "Truus Gereed" in page and "Truus Evaluatie" in page
    for hidden in ("Zondermdo", "Nietvanmij", "Algepland", "Alopdeagenda"):
        assert hidden not in page, hidden
    logged = AccessLogEntry.objects.order_by("pk")[before:]
    assert {e.client_id for e in logged} == {ready.pk, due.pk}


def test_putting_a_candidate_on_the_agenda(client: HttpClient, alice: User) -> None:
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp, social = gp_and_social_worker()
    ready = _named("Gereed", alice)
    analysed(ready, alice)
    mdo = meeting(alice, [gp, social], ready)
    log_in(client, alice)
    agenda = reverse("care:meeting-agenda", kwargs={"meeting_id": mdo.pk})
    response = client.post(
        reverse("care:client-mdo-add", kwargs={"client_id": ready.pk}),
        {
            "add-meeting": mdo.pk,
            "add-reason": "analysis_done",
            "add-invited": "both",
            "next": agenda,
        },
    )
    assert response.status_code == 302 and response["Location"] == agenda
    item = MeetingItem.objects.get(meeting=mdo, client=ready)
    assert item.invited == "both" and item.reason == "analysis_done"


def test_decisions_become_plan_actions_with_owners(
    client: HttpClient, world: dict[str, Any]
) -> None:
    gp: User = world["gp"]
    shared: Client = world["shared"]
    item = MeetingItem.objects.get(client=shared)
    log_in(client, gp)
    response = client.post(
        reverse("care:item-decision", kwargs={"client_id": shared.pk, "item_id": item.pk}),
        {
            "decision-description": "Kennismaken met de buurtkamer",
            "decision-new_goal": "Ik wil vaker onder de mensen zijn",
            "decision-owner_kind": "professional",
            "decision-owner_person": person_for(world["social"]).pk,
            "decision-due_on": "2026-07-01",
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get(plan__client=shared)
    assert action.mdo_item == item
    assert action.owner_person == person_for(world["social"])
    assert action.goal is not None and action.goal.text == "Ik wil vaker onder de mensen zijn"
    assert PlanVersion.objects.filter(plan__client=shared).count() == 1
    assert AccessLogEntry.objects.filter(
        client_id=shared.pk, user_id=gp.pk, event="create", purpose=Purpose.MDO
    ).exists()
    page = client.get(
        reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk})
    ).content.decode()
    assert "Kennismaken met de buurtkamer" in page


def test_a_decision_without_an_owner_is_refused_and_kept(
    client: HttpClient, world: dict[str, Any]
) -> None:
    shared: Client = world["shared"]
    item = MeetingItem.objects.get(client=shared)
    log_in(client, world["gp"])
    response = client.post(
        reverse("care:item-decision", kwargs={"client_id": shared.pk, "item_id": item.pk}),
        {"decision-description": "Huisbezoek plannen", "decision-owner_kind": "professional"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Huisbezoek plannen" in page and "Kies de professional die dit doet." in page
    assert not PlanAction.objects.exists()


def test_making_the_plan_in_the_mdo_completes_step_four_once(
    client: HttpClient, world: dict[str, Any]
) -> None:
    shared: Client = world["shared"]
    item = MeetingItem.objects.get(client=shared)
    log_in(client, world["gp"])
    url = reverse("care:item-minutes", kwargs={"client_id": shared.pk, "item_id": item.pk})
    for _ in range(2):
        response = client.post(
            url,
            {
                "minutes-minutes": "Besproken.",
                "minutes-invited": "client",
                "minutes-plan_agreed": "on",
            },
        )
        assert response.status_code == 302
    events = StepEvent.objects.filter(client=shared, step=PathwayStep.PLAN)
    assert events.count() == 1
    assert events[0].occurred_on == timezone.localdate(world["meeting"].starts_at)
    item.refresh_from_db()
    assert item.minutes == "Besproken." and item.invited == "client"


def test_minutes_are_written_only_by_people_in_the_meeting(
    client: HttpClient, bob: User, world: dict[str, Any]
) -> None:
    shared: Client = world["shared"]
    in_care_team(shared, bob)
    item = MeetingItem.objects.get(client=shared)
    log_in(client, bob)
    response = client.post(
        reverse("care:item-minutes", kwargs={"client_id": shared.pk, "item_id": item.pk}),
        {"minutes-minutes": "Niet van mij", "minutes-invited": "nobody"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.minutes == ""


def test_participants_come_from_both_domains(client: HttpClient, alice: User) -> None:
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp, social = gp_and_social_worker()
    older = client_shared_with(alice)
    log_in(client, alice)
    data = {
        "network": older.network.pk,
        "starts_at": "2030-05-04T10:00",
        "place": "Zaal 2",
        "participants": [person_for(gp).pk],
    }
    response = client.post(reverse("care:meeting-new"), data)
    assert response.status_code == 200
    assert "Nodig ook iemand uit het domein sociaal uit." in response.content.decode()
    data["participants"] = [person_for(gp).pk, person_for(social).pk]
    response = client.post(reverse("care:meeting-new"), data)
    created = Meeting.objects.get()
    assert response.status_code == 302
    assert created.organiser == person_for(alice)
    assert set(created.participants.all()) == {person_for(gp), person_for(social)}


def test_the_meeting_page_does_not_run_more_queries_for_a_longer_agenda(
    client: HttpClient,
    alice: User,
    world: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    url = reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk})
    log_in(client, alice)
    client.get(url)
    for i in range(8):
        on_agenda(alice, _named(f"Extra{i}", alice, world["gp"]), world["meeting"])
    with django_assert_max_num_queries(29):
        assert client.get(url).status_code == 200


def test_the_meeting_page_queries_with_a_short_agenda(
    client: HttpClient, alice: User, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    log_in(client, alice)
    with django_assert_max_num_queries(29):
        client.get(reverse("care:meeting", kwargs={"meeting_id": world["meeting"].pk}))
