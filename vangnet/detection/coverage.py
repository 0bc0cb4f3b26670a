"""Overlap and gap finding for early-detection activities, as pure functions on plain data.

The rules, in one place:

- Ages are whole years, both ends included; no upper age means "and older". 65-74 and
  75-84 touch but do not overlap; 65-75 and 75-84 overlap at 75.
- Periods are whole days, both ends included; no end date means "until further notice".
  A period ending on 31 December and one starting on 1 January touch but do not overlap;
  two periods that share even one day overlap.
- Areas overlap when one is the other, or lies within it (a neighbourhood lies within its
  district and its municipality). Two sibling neighbourhoods do not overlap.
- Two activities overlap when their ages, areas and periods all overlap.
- An activity reaches a neighbourhood when one of its areas is that neighbourhood or an area
  the neighbourhood lies within. A neighbourhood and age band form a gap when no activity
  running on the day in question reaches that neighbourhood for any age in the band.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# Stands in for "no upper age" when intervals are compared.
NO_UPPER_AGE = 10_000

type AgeRange = tuple[int, int | None]
type Parents = Mapping[int, int | None]

DEFAULT_AGE_BANDS: tuple[AgeRange, ...] = ((65, 74), (75, 84), (85, None))


@dataclass(frozen=True)
class ActivityScope:
    """Whom an activity aims at, where and when."""

    id: int
    age_from: int
    age_to: int | None
    area_ids: frozenset[int]
    starts_on: date
    ends_on: date | None

    def is_current(self, on: date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


def ages_overlap(a: AgeRange, b: AgeRange) -> bool:
    """Do two age ranges (both ends included, ``None`` as no upper age) share an age?"""
    a_from, a_to = a
    b_from, b_to = b
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Do two periods (both ends included, ``None`` as open-ended) share a day?"""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def lineage(area_id: int, parents: Parents) -> list[int]:
    """The area itself followed by every area it lies within, nearest first."""
    result = [area_id]
    seen = {area_id}
    node = parents.get(area_id)
    while node is not None and node not in seen:
        result.append(node)
        seen.add(node)
        node = parents.get(node)
    return result


def areas_overlap(a_ids: Iterable[int], b_ids: Iterable[int], parents: Parents) -> bool:
    """Does any area of one set equal, contain or lie within any area of the other?"""
    a_set, b_set = set(a_ids), set(b_ids)
    if a_set & b_set:
        return True
    return any(set(lineage(a, parents)) & b_set for a in a_set) or any(
        set(lineage(b, parents)) & a_set for b in b_set
    )


def scopes_overlap(a: ActivityScope, b: ActivityScope, parents: Parents) -> bool:
    return (
        ages_overlap((a.age_from, a.age_to), (b.age_from, b.age_to))
        and periods_overlap(a.starts_on, a.ends_on, b.starts_on, b.ends_on)
        and areas_overlap(a.area_ids, b.area_ids, parents)
    )


def find_overlaps(scopes: Sequence[ActivityScope], parents: Parents) -> list[tuple[int, int]]:
    """Every pair of activities aimed at the same people at the same time, smaller id first."""
    ordered = sorted(scopes, key=lambda s: s.id)
    pairs = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if scopes_overlap(first, second, parents):
                pairs.append((first.id, second.id))
    return pairs


def reaches_area(scope: ActivityScope, area_id: int, parents: Parents) -> bool:
    """Does the activity cover this area, directly or through an area it lies within?"""
    return any(node in scope.area_ids for node in lineage(area_id, parents))


class Reach(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


def band_reach(band: AgeRange, ranges: Iterable[AgeRange]) -> Reach:
    """How far a set of age ranges covers an age band: fully, partly or not at all."""
    low, high = band[0], NO_UPPER_AGE if band[1] is None else band[1]
    clipped = sorted(
        (max(low, start), min(high, NO_UPPER_AGE if end is None else end))
        for start, end in ranges
        if ages_overlap((start, end), band)
    )
    if not clipped:
        return Reach.NONE
    reached_to = low - 1
    for start, end in clipped:
        if start > reached_to + 1:
            return Reach.PARTIAL
        reached_to = max(reached_to, end)
    return Reach.FULL if reached_to >= high else Reach.PARTIAL


@dataclass(frozen=True)
class Cell:
    """One neighbourhood and age band: how far current activities reach it, and which do."""

    area_id: int
    band: AgeRange
    reach: Reach
    activity_ids: tuple[int, ...]


def coverage_grid(
    neighbourhood_ids: Sequence[int],
    scopes: Sequence[ActivityScope],
    parents: Parents,
    on: date,
    bands: Sequence[AgeRange] = DEFAULT_AGE_BANDS,
) -> list[Cell]:
    """Neighbourhoods x age bands, each with the activities running on ``on`` that reach it."""
    current = [s for s in scopes if s.is_current(on)]
    cells = []
    for area_id in neighbourhood_ids:
        here = [s for s in current if reaches_area(s, area_id, parents)]
        for band in bands:
            reaching = [s for s in here if ages_overlap((s.age_from, s.age_to), band)]
            cells.append(
                Cell(
                    area_id=area_id,
                    band=band,
                    reach=band_reach(band, [(s.age_from, s.age_to) for s in reaching]),
                    activity_ids=tuple(sorted(s.id for s in reaching)),
                )
            )
    return cells


def find_gaps(
    neighbourhood_ids: Sequence[int],
    scopes: Sequence[ActivityScope],
    parents: Parents,
    on: date,
    bands: Sequence[AgeRange] = DEFAULT_AGE_BANDS,
) -> list[tuple[int, AgeRange]]:
    """The neighbourhoods and age bands no activity running on ``on`` reaches at all."""
    return [
        (cell.area_id, cell.band)
        for cell in coverage_grid(neighbourhood_ids, scopes, parents, on, bands)
        if cell.reach is Reach.NONE
    ]


def band_label(band: AgeRange) -> str:
    return f"{band[0]}+" if band[1] is None else f"{band[0]}-{band[1]}"


def area_parents() -> dict[int, int | None]:
    """Every area's parent, in one query: the tree the finders walk."""
    from vangnet.directory.models import Area

    return dict(Area.objects.values_list("pk", "parent_id"))
