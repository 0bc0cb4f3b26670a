"""The demo screenings: a realistic spread over the older people who agreed to screening."""

from collections import Counter
from datetime import timedelta

import pytest

from vangnet.accounts.models import Role
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import (
    ClientFactory,
    consent_for_care_team,
    in_care_team,
    person_for,
)
from vangnet.conftest import make_user
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Discipline, Person
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.screening import demo
from vangnet.screening.engine import load_instrument, score_response
from vangnet.screening.models import (
    FollowUpTask,
    ProfileChange,
    RiskProfile,
    Screening,
    TaskStatus,
)

pytestmark = pytest.mark.django_db

ROLES = {
    "coordinator": (Role.COORDINATOR, Discipline.NETWORK_COORDINATOR),
    "gp": (Role.PROFESSIONAL, Discipline.GP),
    "poh": (Role.PROFESSIONAL, Discipline.POH_ELDERLY),
    "district_nurse": (Role.PROFESSIONAL, Discipline.DISTRICT_NURSE),
    "social_worker": (Role.PROFESSIONAL, Discipline.SOCIAL_WORKER),
}


def _context(count: int = 100) -> DemoContext:
    ctx = DemoContext(seed=7)
    people: dict[str, Person] = {}
    for key, (role, discipline) in ROLES.items():
        user = make_user(f"{key}@example.org", key.replace("_", " ").title(), role)
        people[key] = person_for(user, discipline)
    network = NetworkFactory.create()
    network.coordinator = people["coordinator"]
    network.save()
    focus = list(people.values())
    clients: list[Client] = []
    for n in range(count):
        older: Client = ClientFactory.create(network=network)
        in_care_team(older, focus[n % len(focus)].user)  # type: ignore[arg-type]
        if n % 5 == 4:
            consent_for_care_team(older, categories=[DataCategory.IDENTITY])
        else:
            consent_for_care_team(older)
        clients.append(older)
    ctx.shared.update(clients=clients, demo_people=people, network=network)
    return ctx


def test_the_demo_screens_forty_percent_with_consent_in_a_plausible_spread() -> None:
    ctx = _context()
    demo.build(ctx)
    screened = set(Screening.objects.values_list("client_id", flat=True))
    assert len(screened) == 40
    consenting = {
        c.pk
        for c in ctx.shared["clients"]
        if any(
            DataCategory.SCREENING in k.categories and Purpose.EARLY_DETECTION in k.purposes
            for k in c.consents.all()
        )
    }
    assert screened <= consenting
    instruments = Counter(Screening.objects.values_list("instrument", flat=True))
    assert set(instruments) == {"gfi", "tfi", "prisma7", "zrm5"}
    assert instruments["gfi"] == max(instruments.values())
    modes = set(Screening.objects.values_list("mode", flat=True))
    assert modes == {"professional", "self"}

    # Profiles: mostly robust, fewer frail, fewest complex; some shift over the year.
    current: dict[int, str] = {}
    for change in ProfileChange.objects.order_by("changed_at", "pk"):
        current[change.client_id] = change.profile
    spread = Counter(current.values())
    assert spread[RiskProfile.ROBUST] > spread[RiskProfile.FRAIL] > spread[RiskProfile.COMPLEX] > 0
    shifts = [
        change
        for change in ProfileChange.objects.exclude(previous_profile="").select_related("cause")
        if change.changed_at
        - Screening.objects.filter(client_id=change.client_id).earliest("completed_at").completed_at
        > timedelta(days=200)
    ]
    assert len(shifts) >= 3

    # A few recent follow-ups are open; older ones were handled by the coordinator.
    open_tasks = FollowUpTask.objects.open()
    assert 1 <= open_tasks.count() <= 10
    limit = ctx.now - timedelta(days=demo.OPEN_FOR_DAYS)
    assert not open_tasks.filter(created_at__lt=limit).exists()
    handled = FollowUpTask.objects.filter(status__in=[TaskStatus.DONE, TaskStatus.NOT_NEEDED])
    assert handled.count() > open_tasks.count()
    assert all(task.resolved_by is not None for task in handled)


def test_every_demo_result_scores_again_to_what_was_stored() -> None:
    ctx = _context(40)
    demo.build(ctx)
    screenings = list(Screening.objects.all())
    assert screenings
    for screening in screenings:
        again = score_response(load_instrument(screening.instrument), screening.response)
        assert again.as_dict() == screening.result
        assert screening.completed_at < ctx.now
