"""Profiles change only when the rule says so; every change is kept and proposes follow-up."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.notifications.models import Notification
from vangnet.rights.erasure import client_erase
from vangnet.rights.export import client_export
from vangnet.screening.models import (
    AppendOnlyError,
    FollowUpKind,
    FollowUpTask,
    ProfileChange,
    ProfileRule,
    RiskProfile,
    Screening,
    ScreeningDraft,
    TaskStatus,
)
from vangnet.screening.tests.world import (
    gfi_answers,
    network_coordinated_by,
    older_person_of,
    poh,
    record,
    scored,
)

pytestmark = pytest.mark.django_db


def test_the_first_result_gives_a_profile_a_history_row_and_a_proposal(
    alice: User, bob: User
) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    recorded = record(older, bob, "gfi", gfi_answers(5))
    change = ProfileChange.objects.get(client=older)
    assert (change.profile, change.previous_profile) == (RiskProfile.FRAIL, "")
    assert change.cause == recorded.screening
    assert change.changed_by == bob
    assert change.rule["gfi_frail_from"] == 4
    assert change.basis == [
        {
            "code": "at_or_above",
            "instrument": "gfi",
            "score": 5,
            "threshold": 4,
            "screening_id": recorded.screening.pk,
        }
    ]
    task = FollowUpTask.objects.get(client=older)
    assert task.kind == FollowUpKind.SOCIAL_CASE_MANAGER
    assert task.status == TaskStatus.OPEN
    assert task.network == older.network
    assert task.profile_change == change


@pytest.mark.parametrize(
    ("points", "kind"),
    [(2, FollowUpKind.GROUP_ACTIVITIES), (6, FollowUpKind.SOCIAL_CASE_MANAGER)],
)
def test_each_profile_proposes_its_own_follow_up(bob: User, points: int, kind: str) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(points))
    assert FollowUpTask.objects.get(client=older).kind == kind


def test_complex_care_needs_propose_a_district_nurse(bob: User) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(6))
    record(older, bob, "zrm5", {"1": 1, "2": 2, "3": 4, "4": 5, "5": 3})
    assert ProfileChange.objects.filter(client=older).latest("pk").profile == RiskProfile.COMPLEX
    open_task = FollowUpTask.objects.get(client=older, status=TaskStatus.OPEN)
    assert open_task.kind == FollowUpKind.NURSE_CASE_MANAGER


def test_the_same_profile_again_adds_no_row_no_task_and_no_message(alice: User, bob: User) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    record(older, bob, "gfi", gfi_answers(5))
    before = Notification.objects.count()
    second = record(older, bob, "gfi", gfi_answers(7))
    third = record(older, bob, "tfi", scored("tfi", 9))
    assert second.change is None and second.task is None
    assert third.change is None and third.task is None
    assert ProfileChange.objects.filter(client=older).count() == 1
    assert FollowUpTask.objects.filter(client=older).count() == 1
    assert Notification.objects.count() == before
    assert Screening.objects.filter(client=older).count() == 3


def test_every_change_is_kept_with_the_result_that_caused_it(alice: User, bob: User) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    start = timezone.now() - timedelta(days=200)
    first = record(older, bob, "gfi", gfi_answers(2), when=start)
    second = record(older, bob, "gfi", gfi_answers(4), when=start + timedelta(days=60))
    third = record(older, bob, "gfi", gfi_answers(3), when=start + timedelta(days=120))
    history = list(ProfileChange.objects.filter(client=older).order_by("changed_at"))
    assert [(c.previous_profile, c.profile) for c in history] == [
        ("", RiskProfile.ROBUST),
        (RiskProfile.ROBUST, RiskProfile.FRAIL),
        (RiskProfile.FRAIL, RiskProfile.ROBUST),
    ]
    assert [c.cause for c in history] == [first.screening, second.screening, third.screening]
    assert [c.changed_at for c in history] == [
        first.screening.completed_at,
        second.screening.completed_at,
        third.screening.completed_at,
    ]
    # Only the newest proposal is open; earlier ones were replaced by the newer profile.
    statuses = list(
        FollowUpTask.objects.filter(client=older)
        .order_by("created_at")
        .values_list("kind", "status")
    )
    assert statuses == [
        (FollowUpKind.GROUP_ACTIVITIES, TaskStatus.SUPERSEDED),
        (FollowUpKind.SOCIAL_CASE_MANAGER, TaskStatus.SUPERSEDED),
        (FollowUpKind.GROUP_ACTIVITIES, TaskStatus.OPEN),
    ]


def test_history_and_results_cannot_be_changed(bob: User) -> None:
    older = older_person_of(poh(bob))
    recorded = record(older, bob, "gfi", gfi_answers(5))
    assert recorded.change is not None
    with pytest.raises(AppendOnlyError):
        recorded.change.save()
    with pytest.raises(AppendOnlyError):
        ProfileChange.objects.filter(client=older).update(profile=RiskProfile.ROBUST)
    with pytest.raises(AppendOnlyError):
        recorded.screening.save()
    with pytest.raises(AppendOnlyError):
        Screening.objects.filter(client=older).update(score=0)


def test_a_change_tells_the_coordinator_without_naming_anyone(
    alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    older = older_person_of(poh(bob), network=network_coordinated_by(alice))
    with django_capture_on_commit_callbacks(execute=True):
        record(older, bob, "gfi", gfi_answers(5))
    message = Notification.objects.get(recipient=alice)
    assert message.subject == "Nieuw risicoprofiel: er is een vervolgactie voorgesteld"
    assert message.url == "/screening/follow-up/"
    text = f"{message.subject} {message.body} {message.url}"
    for detail in (older.given_name, older.family_name, older.street, older.postcode, "5"):
        assert detail not in text
    assert not Notification.objects.filter(recipient=bob).exists()
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert older.family_name not in mail.outbox[0].body


def test_without_a_coordinator_on_the_map_the_task_still_waits(bob: User) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(5))
    assert FollowUpTask.objects.filter(client=older, status=TaskStatus.OPEN).count() == 1
    assert not Notification.objects.exists()


def test_results_older_than_the_window_no_longer_count(bob: User) -> None:
    older = older_person_of(poh(bob))
    now = timezone.now()
    record(older, bob, "gfi", gfi_answers(6), when=now - timedelta(days=400))
    record(older, bob, "zrm5", {"1": 1, "2": 1, "3": 4, "4": 4, "5": 4}, when=now)
    # The GFI is older than a year, so the scan alone decides nothing: the profile stays frail.
    assert [c.profile for c in ProfileChange.objects.filter(client=older)] == [RiskProfile.FRAIL]
    ProfileRule.objects.create(network=older.network, lookback_days=500)
    record(older, bob, "zrm5", {"1": 1, "2": 1, "3": 4, "4": 4, "5": 4}, when=now)
    assert ProfileChange.objects.filter(client=older).latest("pk").profile == RiskProfile.COMPLEX


def test_the_network_rule_decides_for_results_saved_after_it_changed(bob: User) -> None:
    older = older_person_of(poh(bob))
    ProfileRule.objects.create(network=older.network, gfi_frail_from=5)
    record(older, bob, "gfi", gfi_answers(4))
    change = ProfileChange.objects.get(client=older)
    assert change.profile == RiskProfile.ROBUST
    assert change.rule["gfi_frail_from"] == 5


def test_erasing_the_older_person_erases_the_screening_part(bob: User, alice: User) -> None:
    from vangnet.audit.log import Actor

    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(5))
    record(older, bob, "gfi", gfi_answers(1))
    ScreeningDraft.objects.create(client=older, started_by=bob, instrument="tfi", mode="self")
    client_erase(actor=Actor(alice), client=older, reason="test")
    for model in (Screening, ProfileChange, FollowUpTask, ScreeningDraft):
        assert not model.objects.exists(), model


def test_the_avg_export_holds_results_profiles_and_follow_up(bob: User) -> None:
    older = older_person_of(poh(bob))
    recorded = record(older, bob, "gfi", gfi_answers(5))
    section = client_export(older)["screening"]
    assert section["results"][0]["score"] == 5
    assert section["results"][0]["questionnaire_response"] == recorded.screening.response
    assert section["risk_profiles"][0]["profile"] == "frail"
    assert section["follow_up"][0]["follow_up"] == "social_case_manager"
    assert section["unfinished"] == []
