from datetime import datetime

import pytest
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.casefinding.demo import DEMO_PATIENTS, build
from vangnet.casefinding.models import CaseFindingRun
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_the_demo_gp_finds_a_list_waiting(bob: User, practice: Organisation) -> None:
    ctx = DemoContext(now=timezone.make_aware(datetime(2026, 6, 30, 12)))
    ctx.shared["demo_people"] = {"gp": Person.objects.get(user=bob)}
    build(ctx)
    run = CaseFindingRun.objects.get()
    assert (run.organisation, run.uploaded_by, run.patients_total) == (practice, bob, DEMO_PATIENTS)
    assert 150 < run.patients_listed < 350
    assert run.ranked().height == run.patients_listed


def test_the_demo_makes_no_list_without_a_gp(db: None) -> None:
    build(DemoContext())
    assert not CaseFindingRun.objects.exists()
