from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from vangnet.monitoring.indicators import Indicator, indicators, median, percentile
from vangnet.monitoring.tests.world import Q3, add_people, build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


# Areas, then the areas table's last row for people without a known area.
ROWS = ["Noord", "Zuid", "Other or unknown area"]


def by_key(limit: int = 3) -> dict[str, Indicator]:
    world = build()
    return {figure.key: figure for figure in indicators(world.network, Q3, limit)}


def test_it_counts_older_people_in_view_by_their_last_profile() -> None:
    figure = by_key()["profiles"]

    assert [str(row) for row in figure.rows] == ROWS
    # robust, frail, complex, none: c1 frail and c2 complex (robust before) in Noord;
    # c3 robust and c4 none in Zuid; c5's profile came after the quarter; c6 came later.
    assert figure.cells == [[0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 0, 1]]


def test_it_counts_how_older_people_came_in_by_their_earliest_trace() -> None:
    figure = by_key()["came_in"]

    # signal, referral, screening, questionnaire, direct
    assert figure.cells == [[1, 1, 0, 0, 0], [0, 0, 0, 1, 1], [0, 0, 1, 0, 0]]


def test_it_counts_a_consent_valid_on_the_last_day_of_the_quarter() -> None:
    figure = by_key()["consent"]

    # c3's consent was withdrawn in September; c2 never gave one.
    assert figure.cells == [[1, 1], [1, 1], [1, 0]]


def test_screening_coverage_uses_the_latest_run_before_the_quarter_ends() -> None:
    figure = by_key()["coverage"]

    assert figure.rows == ["Huisartsenpraktijk Het Plein"]
    # c1, c2 and c3 are 75+ and screened; c5 was screened but is 71; the August run has 50.
    assert figure.cells == [[3, 47]]


def test_it_counts_signals_picked_up_within_the_service_level() -> None:
    figure = by_key()["signals"]

    assert figure.cells == [[1, 1], [0, 0], [0, 1]]


def test_it_counts_referrals_once_and_the_closed_loop() -> None:
    figure = by_key()["referrals"]

    # Noord: c2's (redirected once) and c1's two; Zuid: c3's.
    assert figure.cells == [[2, 1], [0, 1], [0, 0]]
    # First contacts after 3, 10 and 5 days.
    assert [value for _label, value in figure.notes] == ["5", "10"]


def test_days_to_first_contact_stay_hidden_below_the_threshold() -> None:
    figure = by_key(limit=10)["referrals"]

    assert [str(value) for _label, value in figure.notes] == ["too few first contacts to show"]


def test_it_counts_mdos_held_in_the_quarter() -> None:
    figure = by_key()["meetings"]

    assert figure.cells == [[2]]
    assert not figure.about_people


def test_it_counts_evaluations_due_in_the_quarter_held_on_time() -> None:
    figure = by_key()["evaluations"]

    # c1 on time, c2 late (Noord); c3's plan still waits past its date (Zuid).
    assert figure.cells == [[1, 1], [0, 1], [0, 0]]


def test_percentiles_by_nearest_rank() -> None:
    assert median([3, 10, 5]) == 5
    assert median([1, 2, 3, 10]) == 2.5
    assert percentile([3, 10, 5], 0.9) == 10
    assert percentile(list(range(1, 21)), 0.9) == 18


def test_the_number_of_queries_does_not_grow_with_the_network(
    django_assert_num_queries: Any,
) -> None:
    world = build()
    with django_assert_num_queries(9):
        indicators(world.network, Q3, 10)
    for _more in range(4):
        add_people(world)
    with django_assert_num_queries(9):
        figures = indicators(world.network, Q3, 10)
    assert sum(map(sum, figures[0].cells)) == 25
