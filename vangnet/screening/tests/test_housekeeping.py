"""Unfinished questionnaires are removed after a week, and the removal is logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.core.scheduling import DAILY_JOBS, job_name
from vangnet.screening.jobs import drafts_expire
from vangnet.screening.models import ScreeningDraft
from vangnet.screening.tests.world import older_person_of, poh

pytestmark = pytest.mark.django_db


def test_drafts_untouched_for_a_week_are_removed(alice: User, bob: User) -> None:
    stale_person = older_person_of(poh(bob))
    fresh_person = older_person_of(bob, alice)
    stale = ScreeningDraft.objects.create(
        client=stale_person, started_by=bob, instrument="gfi", mode="self", answers={"1": "no"}
    )
    ScreeningDraft.objects.create(
        client=fresh_person, started_by=alice, instrument="tfi", mode="professional"
    )
    now = timezone.now()
    ScreeningDraft.objects.filter(pk=stale.pk).update(updated_at=now - timedelta(days=8))
    assert drafts_expire(now) == 1
    assert list(ScreeningDraft.objects.values_list("client_id", flat=True)) == [fresh_person.pk]
    removal = AccessLogEntry.objects.get(event=AuditEvent.DELETE)
    assert removal.client_id == stale_person.pk
    assert removal.user_id is None and removal.objects_involved == ["screening-draft:expired"]
    assert drafts_expire(now) == 0


def test_the_removal_runs_every_day() -> None:
    assert "vangnet.screening.jobs.drafts_expire" in {job_name(job) for job in DAILY_JOBS}
