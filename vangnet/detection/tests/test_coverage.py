"""Overlap and gap finding for early-detection activities: the pure rules and the queries."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vangnet.detection.coverage import (
    ActivityScope,
    Reach,
    ages_overlap,
    areas_overlap,
    band_reach,
    coverage_grid,
    find_gaps,
    find_overlaps,
    lineage,
    periods_overlap,
    reaches_area,
)
from vangnet.detection.models import EarlyDetectionActivity
from vangnet.detection.tests.factories import ActivityFactory
from vangnet.directory.models import Area, AreaLevel
from vangnet.directory.tests.factories import AreaFactory, NetworkFactory

# A municipality (1) with two districts (10, 20); neighbourhoods 11, 12 in 10 and 21 in 20.
PARENTS: dict[int, int | None] = {1: None, 10: 1, 20: 1, 11: 10, 12: 10, 21: 20}
ON = date(2026, 6, 1)


def scope(
    id: int,
    ages: tuple[int, int | None] = (75, None),
    areas: tuple[int, ...] = (1,),
    period: tuple[date, date | None] = (date(2026, 1, 1), None),
) -> ActivityScope:
    return ActivityScope(id, ages[0], ages[1], frozenset(areas), period[0], period[1])


class TestAges:
    def test_touching_bands_do_not_overlap(self) -> None:
        assert not ages_overlap((65, 74), (75, 84))
        assert not ages_overlap((75, 84), (65, 74))

    def test_sharing_one_age_overlaps(self) -> None:
        assert ages_overlap((65, 75), (75, 84))

    def test_no_upper_age_reaches_every_older_band(self) -> None:
        assert ages_overlap((75, None), (85, 120))
        assert ages_overlap((75, None), (90, None))
        assert not ages_overlap((75, None), (65, 74))

    def test_nested_bands_overlap(self) -> None:
        assert ages_overlap((65, 90), (75, 80))


class TestPeriods:
    def test_touching_periods_do_not_overlap(self) -> None:
        assert not periods_overlap(date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 1), None)

    def test_sharing_one_day_overlaps(self) -> None:
        assert periods_overlap(date(2025, 1, 1), date(2026, 1, 1), date(2026, 1, 1), None)

    def test_open_ended_periods_overlap_anything_later(self) -> None:
        assert periods_overlap(date(2020, 1, 1), None, date(2030, 1, 1), date(2030, 2, 1))
        assert periods_overlap(date(2020, 1, 1), None, date(2010, 1, 1), None)

    def test_an_open_ended_period_does_not_reach_back(self) -> None:
        assert not periods_overlap(date(2026, 1, 1), None, date(2025, 1, 1), date(2025, 12, 31))

    def test_one_day_periods(self) -> None:
        day = date(2026, 3, 3)
        assert periods_overlap(day, day, day, day)
        assert not periods_overlap(day, day, date(2026, 3, 4), date(2026, 3, 4))


class TestAreas:
    def test_lineage_walks_up_to_the_municipality(self) -> None:
        assert lineage(11, PARENTS) == [11, 10, 1]
        assert lineage(1, PARENTS) == [1]

    def test_lineage_stops_on_a_loop(self) -> None:
        assert lineage(5, {5: 6, 6: 5}) == [5, 6]

    def test_an_area_overlaps_its_ancestors_and_descendants(self) -> None:
        assert areas_overlap({11}, {10}, PARENTS)
        assert areas_overlap({1}, {21}, PARENTS)
        assert areas_overlap({10}, {11}, PARENTS)

    def test_siblings_and_cousins_do_not_overlap(self) -> None:
        assert not areas_overlap({11}, {12}, PARENTS)
        assert not areas_overlap({11}, {21}, PARENTS)
        assert not areas_overlap({10}, {20}, PARENTS)

    def test_any_shared_area_of_several_counts(self) -> None:
        assert areas_overlap({11, 20}, {21}, PARENTS)
        assert not areas_overlap({11, 12}, {20}, PARENTS)

    def test_reach_goes_down_but_not_up(self) -> None:
        assert reaches_area(scope(1, areas=(10,)), 11, PARENTS)
        assert not reaches_area(scope(1, areas=(11,)), 10, PARENTS)


class TestOverlaps:
    def test_two_activities_overlap_only_when_ages_areas_and_periods_all_do(self) -> None:
        base = scope(1, (75, None), (10,))
        assert find_overlaps([base, scope(2, (80, 90), (11,))], PARENTS) == [(1, 2)]
        assert find_overlaps([base, scope(2, (65, 74), (11,))], PARENTS) == []
        assert find_overlaps([base, scope(2, (80, 90), (20,))], PARENTS) == []
        ended = scope(2, (80, 90), (11,), (date(2024, 1, 1), date(2025, 12, 31)))
        assert find_overlaps([base, ended], PARENTS) == []

    def test_pairs_are_listed_once_with_the_smaller_id_first(self) -> None:
        found = find_overlaps([scope(3), scope(1), scope(2)], PARENTS)
        assert found == [(1, 2), (1, 3), (2, 3)]

    def test_an_activity_without_areas_overlaps_nothing(self) -> None:
        assert find_overlaps([scope(1, areas=()), scope(2)], PARENTS) == []


class TestGaps:
    def test_band_reach_full_partial_none(self) -> None:
        assert band_reach((65, 74), [(60, 80)]) is Reach.FULL
        assert band_reach((65, 74), [(65, 69), (70, 74)]) is Reach.FULL
        assert band_reach((65, 74), [(65, 69), (71, 74)]) is Reach.PARTIAL
        assert band_reach((65, 74), [(70, None)]) is Reach.PARTIAL
        assert band_reach((65, 74), [(75, None)]) is Reach.NONE
        assert band_reach((85, None), [(75, None)]) is Reach.FULL
        assert band_reach((85, None), [(75, 99)]) is Reach.PARTIAL
        assert band_reach((85, None), []) is Reach.NONE

    def test_a_gap_is_a_neighbourhood_and_band_nobody_reaches(self) -> None:
        scopes = [scope(1, (75, None), (1,)), scope(2, (65, 74), (10,))]
        gaps = find_gaps([11, 12, 21], scopes, PARENTS, ON)
        assert gaps == [(21, (65, 74))]

    def test_only_activities_running_that_day_count(self) -> None:
        future = scope(1, (65, None), (1,), (date(2027, 1, 1), None))
        ended = scope(2, (65, None), (1,), (date(2020, 1, 1), date(2026, 5, 31)))
        last_day = scope(3, (85, None), (1,), (date(2020, 1, 1), ON))
        gaps = find_gaps([11], [future, ended, last_day], PARENTS, ON)
        assert gaps == [(11, (65, 74)), (11, (75, 84))]

    def test_an_activity_on_a_neighbourhood_does_not_cover_its_sibling(self) -> None:
        gaps = find_gaps([11, 12], [scope(1, (65, None), (11,))], PARENTS, ON)
        assert {area for area, _band in gaps} == {12}

    def test_the_grid_names_the_activities_in_each_cell(self) -> None:
        cells = coverage_grid([11], [scope(7, (70, 80), (10,))], PARENTS, ON)
        assert [(c.band, c.reach, c.activity_ids) for c in cells] == [
            ((65, 74), Reach.PARTIAL, (7,)),
            ((75, 84), Reach.PARTIAL, (7,)),
            ((85, None), Reach.NONE, ()),
        ]


ages = st.tuples(st.integers(0, 110), st.one_of(st.none(), st.integers(0, 110))).map(
    lambda t: (t[0], None if t[1] is None else max(t[0], t[1]))
)
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))
periods = st.tuples(days, st.one_of(st.none(), days)).map(
    lambda t: (t[0], None if t[1] is None else max(t[0], t[1]))
)


@given(ages, ages)
def test_age_overlap_is_symmetric_and_agrees_with_counting(
    a: tuple[int, int | None], b: tuple[int, int | None]
) -> None:
    assert ages_overlap(a, b) == ages_overlap(b, a)
    top = 200
    set_a = set(range(a[0], (a[1] if a[1] is not None else top) + 1))
    set_b = set(range(b[0], (b[1] if b[1] is not None else top) + 1))
    assert ages_overlap(a, b) == bool(set_a & set_b)


@given(periods, periods)
def test_period_overlap_is_symmetric(
    a: tuple[date, date | None], b: tuple[date, date | None]
) -> None:
    assert periods_overlap(*a, *b) == periods_overlap(*b, *a)


@given(
    st.sets(st.sampled_from(list(PARENTS)), max_size=3),
    st.sets(st.sampled_from(list(PARENTS)), max_size=3),
)
def test_area_overlap_is_symmetric(a: set[int], b: set[int]) -> None:
    assert areas_overlap(a, b, PARENTS) == areas_overlap(b, a, PARENTS)


@pytest.mark.django_db
class TestQueries:
    def _areas(self) -> tuple[Area, Area, Area, Area]:
        municipality = AreaFactory.create(code="GM0999", level=AreaLevel.MUNICIPALITY)
        district = AreaFactory.create(
            code="WK099901", level=AreaLevel.DISTRICT, parent=municipality
        )
        north = AreaFactory.create(
            code="BU09990101", name="Noord", level=AreaLevel.NEIGHBOURHOOD, parent=district
        )
        south = AreaFactory.create(
            code="BU09990102", name="Zuid", level=AreaLevel.NEIGHBOURHOOD, parent=district
        )
        return municipality, district, north, south

    def test_overlapping_pairs_across_nested_areas(self) -> None:
        municipality, _district, north, south = self._areas()
        network = NetworkFactory.create()
        wide = ActivityFactory.create(network=network, areas=[municipality], age_from=75)
        local = ActivityFactory.create(network=network, areas=[north], age_from=80, age_to=90)
        ActivityFactory.create(network=network, areas=[south], age_from=65, age_to=74)
        ActivityFactory.create(
            network=network, areas=[north], age_from=75, ends_on=date(2025, 6, 30)
        )
        pairs = EarlyDetectionActivity.objects.filter(network=network).overlapping_pairs(ON)
        assert [(a.pk, b.pk) for a, b in pairs] == [(wide.pk, local.pk)]

    def test_current_includes_the_last_day_and_open_ends(self) -> None:
        ActivityFactory.create(name="open", starts_on=date(2026, 1, 1))
        ActivityFactory.create(name="last day", starts_on=date(2026, 1, 1), ends_on=ON)
        ActivityFactory.create(name="over", starts_on=date(2026, 1, 1), ends_on=date(2026, 5, 31))
        ActivityFactory.create(name="later", starts_on=date(2026, 6, 2))
        names = set(EarlyDetectionActivity.objects.current(ON).values_list("name", flat=True))
        assert names == {"open", "last day"}

    def test_gaps_query(self) -> None:
        _municipality, district, north, south = self._areas()
        network = NetworkFactory.create()
        ActivityFactory.create(network=network, areas=[district], age_from=75)
        ActivityFactory.create(network=network, areas=[north], age_from=65, age_to=74)
        gaps = EarlyDetectionActivity.objects.filter(network=network).gaps([north.pk, south.pk], ON)
        assert gaps == [(south.pk, (65, 74))]
