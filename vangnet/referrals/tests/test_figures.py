"""The figures: percentiles on known data, shares, suppression of small cells, constant queries."""

import statistics
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.conftest import log_in
from vangnet.directory.models import Discipline, Organisation, OrganisationType
from vangnet.directory.tests.factories import OrganisationFactory
from vangnet.referrals import actions
from vangnet.referrals.actions import Target
from vangnet.referrals.figures import MIN_CELL, Journey, figures_for, network_report, percentile
from vangnet.referrals.models import FollowUpOutcome, Referral

from .factories import World, build_world, other_client_of, person_in, refer

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 6, 1, 10, 0, tzinfo=AMS)  # a Monday


def test_the_percentiles_interpolate_between_the_nearest_values() -> None:
    ten = [float(n) for n in range(1, 11)]
    assert percentile(ten, 0.5) == 5.5
    assert percentile(ten, 0.9) == pytest.approx(9.1)
    assert percentile([3.0], 0.9) == 3.0
    assert percentile([1.0, 2.0], 0.9) == pytest.approx(1.9)
    assert percentile([7.0, 1.0, 4.0, 2.0, 9.0], 0.5) == 4.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 30.0], 0.9) == pytest.approx(
        11.1
    )
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=200))
def test_the_percentiles_match_the_inclusive_method_of_the_standard_library(
    values: list[int],
) -> None:
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    assert percentile([float(v) for v in values], 0.9) == pytest.approx(deciles[8])
    assert percentile([float(v) for v in values], 0.5) == pytest.approx(statistics.median(values))


def _journey(days: int | None, **extra: Any) -> Journey:
    fields: dict[str, Any] = {
        "organisation_id": 1,
        "sent_on": date(2026, 6, 1),
        "accepted": days is not None,
        "days_to_first_contact": days,
        "in_time": None if days is None else days <= 7,
        "feedback": days is not None,
        "outcome": "",
    }
    fields.update(extra)
    return Journey(**fields)


def test_the_figures_of_a_group_on_known_data() -> None:
    group = [_journey(d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)] + [_journey(None)] * 2
    figures = figures_for("Praktijk", group)
    assert (figures.referrals, figures.suppressed) == (12, False)
    assert figures.accepted_share == pytest.approx(10 / 12)
    assert figures.median_days == 5.5
    assert figures.p90_days == pytest.approx(9.1)
    assert figures.in_time_share == pytest.approx(7 / 10)
    assert figures.feedback_share == pytest.approx(10 / 12)


def test_a_group_of_fewer_than_five_referrals_shows_nothing() -> None:
    figures = figures_for("Klein", [_journey(2)] * (MIN_CELL - 1))
    assert figures.suppressed
    assert figures.accepted_share is None and figures.median_days is None
    assert figures_for("Net genoeg", [_journey(2)] * MIN_CELL).suppressed is False


def test_waiting_times_need_five_first_contacts() -> None:
    group = [_journey(3)] * 4 + [_journey(None)] * 6
    figures = figures_for("Praktijk", group)
    assert not figures.suppressed
    assert (figures.median_days, figures.p90_days, figures.in_time_share) == (None, None, None)
    assert figures.with_first_contact == 4


def test_small_outcome_counts_are_hidden_and_cannot_be_worked_out() -> None:
    outcomes = ["better"] * 9 + ["same"] * 6 + ["worse"] * 2
    group = [_journey(3, outcome=o) for o in outcomes]
    cells = dict(figures_for("Praktijk", group).outcomes)
    labels = dict(FollowUpOutcome.choices)
    # "worse" (2) is hidden; then "same" (6) is hidden too, or 17 - 9 - 6 gives it away.
    assert cells[str(labels["worse"])] is None
    assert cells[str(labels["same"])] is None
    assert cells[str(labels["better"])] == 9
    assert cells[str(labels["stopped"])] == 0


def test_fewer_than_five_follow_ups_show_no_outcomes() -> None:
    group = [_journey(3, outcome="better")] * 4 + [_journey(3)] * 6
    figures = figures_for("Praktijk", group)
    assert (figures.followed_up, figures.outcomes) == (None, [])


def _history(world: World, days_to_contact: list[int | None], *, referrer: User) -> None:
    """One referral per entry, sent on START; first contact that many days later."""
    for days in days_to_contact:
        referral = refer(world, client=other_client_of(world.gp, world.network), now=START)
        Referral.objects.filter(pk=referral.pk).update(referrer_user=referrer)
        if days is None:
            continue
        worker = Actor(world.worker)
        moment = START + timedelta(days=days)
        referral = actions.referral_receive(actor=worker, referral=referral, now=START)
        referral = actions.referral_accept(
            actor=worker, referral=referral, expected_version=referral.version, now=START
        )
        actions.referral_record_first_contact(
            actor=worker,
            referral=referral,
            expected_version=referral.version,
            contacted_on=moment.date(),
            now=moment,
        )


@pytest.mark.django_db
def test_the_network_report_counts_journeys_and_pools_small_practices(bob: User) -> None:
    world = build_world(bob)
    _history(world, [1, 2, 3, 4, 6, 8, None], referrer=bob)
    small: Organisation = OrganisationFactory.create(
        name="Praktijk Klein", type=OrganisationType.GP_PRACTICE
    )
    other_gp = User.objects.create_user(email="hans@example.org", full_name="Hans Vos")
    person_in(other_gp, small, Discipline.GP)
    other_client = other_client_of(world.gp, world.network)
    actions.referral_create(
        actor=Actor(other_gp),
        client=other_client,
        target=Target.for_service(world.other_service),
        reason="Eenzaam",
        categories=["social"],
        contact_preference="phone",
        agreed=True,
        now=START,
    )
    report = network_report(world.network, months=12, now=START + timedelta(days=30))
    assert report.total.referrals == 8
    by_name = {f.label: f for f in report.by_organisation}
    plein = by_name["Huisartsenpraktijk Het Plein"]
    assert (plein.referrals, plein.median_days) == (7, 3.5)
    assert plein.p90_days == pytest.approx(7.0)
    assert plein.accepted_share == pytest.approx(6 / 7)
    assert "Praktijk Klein" not in by_name
    pooled = next(f for f in report.by_organisation if f.label.startswith("Andere organisaties"))
    assert (pooled.referrals, pooled.suppressed) == (1, True)


@pytest.mark.django_db
def test_a_passed_on_referral_counts_once_with_its_first_contact_at_the_next_place(
    bob: User,
) -> None:
    world = build_world(bob)
    worker = Actor(world.worker)
    referral = actions.referral_receive(actor=worker, referral=refer(world, now=START), now=START)
    successor = actions.referral_redirect(
        actor=worker,
        referral=referral,
        expected_version=referral.version,
        target=Target.for_service(world.other_service),
        reason="Past beter bij het wijkteam",
        agreed=True,
        now=START + timedelta(days=1),
    )
    Referral.objects.filter(pk=successor.pk).update(
        accepted_at=START + timedelta(days=2), first_contact_on=date(2026, 6, 5)
    )
    from vangnet.referrals.figures import journeys

    (journey,) = journeys(world.network, since=START - timedelta(days=1))
    assert journey.days_to_first_contact == 4
    assert journey.accepted


@pytest.mark.django_db
def test_the_report_queries_do_not_grow_with_the_number_of_referrals(
    bob: User, django_assert_max_num_queries: object
) -> None:
    world = build_world(bob)
    _history(world, [1, 2], referrer=bob)
    later = START + timedelta(days=30)
    with django_assert_max_num_queries(2) as few:  # type: ignore[operator]
        network_report(world.network, months=12, now=later)
    _history(world, [1, 2, 3, 4, 5, 6, 7, None, None], referrer=bob)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        report = network_report(world.network, months=12, now=later)
    assert report.total.referrals == 11


@pytest.mark.django_db
def test_the_figures_page_shows_no_older_person(client: HttpClient, bob: User) -> None:
    world = build_world(bob)
    _history(world, [1, 2, 3, 4, 5, 6], referrer=bob)
    log_in(client, world.worker)
    page = client.get(
        reverse("referrals:figures"), {"network": world.network.slug, "months": "24"}
    ).content.decode()
    assert "Huisartsenpraktijk Het Plein" in page
    assert world.client.family_name not in page
    for referral in Referral.objects.select_related("client"):
        assert referral.client.family_name not in page
        assert referral.reason not in page
