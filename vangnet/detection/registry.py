"""The broker function: what a network's early-detection activities cover, per area.

Reads activities and areas in a fixed number of queries and hands the pure finders in
``vangnet.detection.coverage`` plain data.
"""

from dataclasses import dataclass, field
from datetime import date

from vangnet.detection.coverage import (
    DEFAULT_AGE_BANDS,
    AgeRange,
    Reach,
    area_parents,
    areas_overlap,
    coverage_grid,
    find_overlaps,
    lineage,
)
from vangnet.detection.models import EarlyDetectionActivity
from vangnet.directory.models import Area, AreaLevel, Network


def network_neighbourhoods(network: Network) -> list[Area]:
    """The neighbourhoods a network serves, also those within a district it serves."""
    parents = area_parents()
    own = {a.pk for a in network.areas.all()}
    ids = [
        pk
        for pk in Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).values_list("pk", flat=True)
        if own & set(lineage(pk, parents))
    ]
    return list(Area.objects.filter(pk__in=ids).order_by("code"))


@dataclass(frozen=True)
class CellView:
    band: AgeRange
    reach: Reach
    activities: list[EarlyDetectionActivity]

    @property
    def band_from(self) -> int:
        return self.band[0]

    @property
    def band_to(self) -> int | None:
        return self.band[1]


@dataclass(frozen=True)
class GridRow:
    area: Area
    cells: list[CellView] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    """Everything the registry pages show for a network, or for one area of it."""

    activities: list[EarlyDetectionActivity]
    overlaps: list[tuple[EarlyDetectionActivity, EarlyDetectionActivity]]
    rows: list[GridRow]
    gaps: list[tuple[Area, AgeRange]]
    bands: tuple[AgeRange, ...] = DEFAULT_AGE_BANDS


def overview(network: Network, on: date, area: Area | None = None) -> Overview:
    """Activities, overlapping pairs and the coverage grid; limited to ``area`` when given."""
    parents = area_parents()
    activities = list(
        EarlyDetectionActivity.objects.filter(network=network)
        .select_related("organisation", "contact_person__organisation")
        .prefetch_related("areas")
        .order_by("name", "pk")
    )
    neighbourhoods = network_neighbourhoods(network)
    if area is not None:
        activities = [
            a for a in activities if areas_overlap({area.pk}, a.scope().area_ids, parents)
        ]
        neighbourhoods = [n for n in neighbourhoods if area.pk in lineage(n.pk, parents)]
    by_id = {a.pk: a for a in activities}
    scopes = [a.scope() for a in activities]
    running = [s for s in scopes if s.ends_on is None or s.ends_on >= on]
    overlaps = [(by_id[a], by_id[b]) for a, b in find_overlaps(running, parents)]
    cells = coverage_grid([n.pk for n in neighbourhoods], scopes, parents, on)
    rows: list[GridRow] = []
    gaps: list[tuple[Area, AgeRange]] = []
    by_area = {n.pk: n for n in neighbourhoods}
    for cell in cells:
        neighbourhood = by_area[cell.area_id]
        if not rows or rows[-1].area.pk != cell.area_id:
            rows.append(GridRow(neighbourhood))
        rows[-1].cells.append(
            CellView(cell.band, cell.reach, [by_id[pk] for pk in cell.activity_ids])
        )
        if cell.reach is Reach.NONE:
            gaps.append((neighbourhood, cell.band))
    return Overview(activities=activities, overlaps=overlaps, rows=rows, gaps=gaps)
