"""The demo: people at every step, two past MDOs with decisions, one planned, late evaluations."""

import pytest
from django.utils import timezone

from vangnet.care.demo import build as build_care
from vangnet.care.models import Meeting, MeetingStatus, Plan, PlanAction, StepEvent
from vangnet.care.pathway import pathway_of
from vangnet.clients.demo import build as build_clients
from vangnet.core.demo import DemoContext
from vangnet.directory.models import PathwayStep

pytestmark = pytest.mark.django_db


def test_the_care_builder_runs_after_the_older_people() -> None:
    from vangnet.workplace.demo import BUILDERS

    assert BUILDERS.index(build_care) > BUILDERS.index(build_clients)


def test_the_demo_has_every_step_meetings_and_overdue_evaluations() -> None:
    from vangnet.directory.demo import build as build_directory
    from vangnet.directory.demo_accounts import build as build_accounts

    ctx = DemoContext()
    for build in (build_directory, build_accounts, build_clients, build_care):
        build(ctx)
    steps = set(StepEvent.objects.values_list("step", flat=True))
    assert {1, 2, 3, 4, 6} <= steps
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [m.status for m in meetings] == [
        MeetingStatus.HELD,
        MeetingStatus.HELD,
        MeetingStatus.PLANNED,
    ]
    for held in meetings[:2]:
        assert PlanAction.objects.filter(mdo_item__meeting=held).count() >= 6
    assert meetings[2].starts_at > timezone.now() and meetings[2].items.count() == 5
    assert Plan.objects.evaluation_overdue().count() >= 4
    revisited = [
        p
        for p in Plan.objects.select_related("client")
        if any(s.revisited and s.step == PathwayStep.ANALYSIS for s in pathway_of(p.client).steps)
    ]
    assert len(revisited) == 3
