"""The demo neighbourhood: the same each time, realistic in size, one gap, one overlap."""

from datetime import UTC, datetime

import pytest
from django.db import transaction

from vangnet.core.demo import DemoContext
from vangnet.directory import demo
from vangnet.directory.models import (
    Area,
    AreaLevel,
    Network,
    NetworkParty,
    Organisation,
    PathwayStep,
    Person,
    PostcodeArea,
    Responsibility,
    Service,
    StepAssignment,
    Tier,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def built(seed: int = 2026) -> DemoContext:
    ctx = DemoContext(seed=seed, now=NOW)
    demo.build(ctx)
    return ctx


def fingerprint(seed: int) -> tuple[list[str], ...]:
    """What a person would notice: every name, in the order the builder made them."""
    with transaction.atomic():
        built(seed)
        result = (
            list(Organisation.objects.order_by("pk").values_list("name", "street", "postcode")),
            list(Person.objects.order_by("pk").values_list("name", "discipline", "work_phone")),
            list(Service.objects.order_by("pk").values_list("name", "waiting_days")),
            list(Person.objects.filter(user__isnull=False).values_list("name", flat=True)),
        )
        transaction.set_rollback(True)
    return result  # type: ignore[return-value]


def test_the_same_seed_builds_the_same_neighbourhood() -> None:
    first = fingerprint(2026)
    assert first == fingerprint(2026)
    assert first[1] != fingerprint(7)[1]


def test_the_counts_are_realistic() -> None:
    ctx = built()
    assert 35 <= Organisation.objects.count() <= 45
    assert 110 <= Person.objects.count() <= 130
    assert 75 <= Service.objects.count() <= 85
    assert Area.objects.filter(level=AreaLevel.MUNICIPALITY).get().code == "GM9901"
    assert Area.objects.filter(level=AreaLevel.DISTRICT).count() == 3
    neighbourhoods = list(Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD))
    assert all(n.code.startswith("BU9901") for n in neighbourhoods)
    assert ctx.shared["neighbourhoods"] == neighbourhoods
    for area in neighbourhoods:
        pc4s = ctx.shared["postcodes"][area.code]
        assert pc4s
        assert sorted(pc4s) == sorted(area.postcodes.values_list("postcode", flat=True))
    assert PostcodeArea.neighbourhood_for("9904 AB") == Area.objects.get(code="BU99010201")


def test_every_area_code_and_entry_passes_the_model_checks() -> None:
    built()
    for area in Area.objects.all():
        area.full_clean()
    for model in (Organisation, Person, Service):
        for entry in model.objects.all():
            entry.full_clean()


def test_services_carry_needs_and_waiting_times() -> None:
    built()
    services = list(Service.objects.all())
    assert all(service.needs for service in services)
    assert sum(1 for s in services if s.waiting_days is not None) >= 40


def test_the_network_has_exactly_one_gap_and_one_overlap() -> None:
    ctx = built()
    network = Network.objects.get(slug="demo")
    assert ctx.shared["network"] == network
    covered = set(StepAssignment.objects.filter(network=network).values_list("step", flat=True))
    gaps = [step for step in PathwayStep.values if step not in covered]
    assert gaps == [PathwayStep.CARRY_OUT]
    overlaps = []
    for step in PathwayStep.values:
        leads = set(
            StepAssignment.objects.filter(
                network=network, step=step, responsibility=Responsibility.LEAD
            ).values_list("organisation", flat=True)
        )
        if len(leads) > 1:
            overlaps.append(step)
    assert overlaps == [PathwayStep.SIGNALLING]


def test_the_network_has_a_structure_and_a_coordinator() -> None:
    ctx = built()
    network = Network.objects.get(slug="demo")
    tiers = set(NetworkParty.objects.filter(network=network).values_list("tier", flat=True))
    assert tiers == set(Tier.values)
    assert not NetworkParty.objects.filter(network=network, linking_pin__isnull=True).exists()
    assert network.coordinator == ctx.shared["demo_people"]["coordinator"]
    assert network.night_and_weekend
    assert set(network.areas.all()) == set(ctx.shared["neighbourhoods"])


def test_the_demo_people_are_who_the_other_builders_expect() -> None:
    ctx = built()
    people = ctx.shared["demo_people"]
    assert set(people) == {
        "coordinator",
        "gp",
        "poh",
        "district_nurse",
        "social_worker",
        "read_only",
        "outsider",
    }
    assert len({p.pk for p in people.values()}) == 7
    assert people["gp"].discipline == "huisarts"
    assert people["district_nurse"].discipline == "wijkverpleegkundige"
    network = ctx.shared["network"]
    outsider_org = people["outsider"].organisation
    assert not NetworkParty.objects.filter(network=network, organisation=outsider_org).exists()
    assert not StepAssignment.objects.filter(network=network, organisation=outsider_org).exists()
    for key in ("gp", "poh", "district_nurse", "social_worker", "coordinator"):
        assert NetworkParty.objects.filter(
            network=network, organisation=people[key].organisation
        ).exists()
    # Accounts for them are made by another builder; none may exist yet.
    assert all(p.user_id is None for p in people.values())


def test_some_entries_are_stale_and_each_has_an_owner() -> None:
    built()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: NOW)
        stale = [
            *Organisation.objects.stale(),
            *Person.objects.stale(),
            *Service.objects.stale(),
        ]
    assert 3 <= len(stale) <= 15
    assert all(entry.owner is not None for entry in stale)
