"""The results of a round: median and spread per working element, per layer, and the agenda.

A member's score on an element is the mean of their ratings on that element's
statements. Per element and layer the page shows the median of those scores and
the spread as the interquartile range: the first and third quartile, computed the
inclusive way (as a spreadsheet's QUARTILE.INC). A layer with fewer than
``LAYER_MINIMUM`` answers is not shown on its own, and nothing is shown before
``MINIMUM_ANSWERS`` members have answered.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from vangnet.directory.models import Tier
from vangnet.selfscan.elements import ELEMENT_ORDER, Element
from vangnet.selfscan.models import Rating, Remark, Response, Round

MINIMUM_ANSWERS = 5
LAYER_MINIMUM = 3
EVERYONE = "all"
AGENDA_SIZE = 3


@dataclass(frozen=True)
class Spread:
    count: int
    median: float
    low: float
    high: float


def spread_of(scores: list[float]) -> Spread:
    """Median and interquartile range of ``scores`` (at least one)."""
    if len(scores) == 1:
        only = scores[0]
        return Spread(count=1, median=only, low=only, high=only)
    low, _middle, high = statistics.quantiles(scores, n=4, method="inclusive")
    return Spread(
        count=len(scores), median=statistics.median(scores), low=round(low, 4), high=round(high, 4)
    )


@dataclass(frozen=True)
class ElementResult:
    element: str
    number: int
    label: str
    # Layer key (EVERYONE or a Tier value) → spread; layers with too few answers are absent.
    layers: dict[str, Spread]
    change: float | None
    remarks: list[str]

    @property
    def everyone(self) -> Spread:
        return self.layers[EVERYONE]


@dataclass(frozen=True)
class RoundResults:
    round: Round
    answers: int
    shown: bool
    layers: list[tuple[str, str]]
    elements: list[ElementResult]
    previous: Round | None

    @property
    def agenda(self) -> list[ElementResult]:
        """The lowest-scoring elements: by median, then first quartile, then element order."""
        ranked = sorted(self.elements, key=lambda e: (e.everyone.median, e.everyone.low, e.number))
        return ranked[:AGENDA_SIZE]


def member_scores(round_: Round) -> dict[str, dict[str, list[float]]]:
    """Element → layer → each member's mean rating on that element, in one query."""
    sums: dict[tuple[UUID, str], list[int]] = defaultdict(list)
    tiers: dict[UUID, str] = {}
    rows = Rating.objects.filter(response__round=round_).values_list(
        "response_id", "response__tier", "statement__element", "score"
    )
    for response_id, tier, element, score in rows:
        sums[(response_id, element)].append(score)
        tiers[response_id] = tier
    scores: dict[str, dict[str, list[float]]] = {e: defaultdict(list) for e in Element.values}
    for (response_id, element), ratings in sorted(sums.items(), key=lambda item: str(item[0])):
        mean = sum(ratings) / len(ratings)
        scores[element][EVERYONE].append(mean)
        scores[element][tiers[response_id]].append(mean)
    return scores


def _medians(round_: Round) -> dict[str, float]:
    scores = member_scores(round_)
    return {e: statistics.median(s[EVERYONE]) for e, s in scores.items() if s[EVERYONE]}


def previous_round(round_: Round) -> Round | None:
    """The latest earlier round of the same network whose results could be shown."""
    earlier = (
        Round.objects.filter(network_id=round_.network_id, opened_at__lt=round_.opened_at)
        .order_by("-opened_at", "-pk")
        .only("pk", "title", "opened_at", "network_id")
    )
    for candidate in earlier[:10]:
        if Response.objects.filter(round=candidate).count() >= MINIMUM_ANSWERS:
            return candidate
    return None


def layer_choices() -> list[tuple[str, str]]:
    from django.utils.translation import gettext

    return [(EVERYONE, gettext("Everyone")), *((t.value, str(t.label)) for t in Tier)]


def results_of(round_: Round) -> RoundResults:
    """Everything the results page shows for ``round_``; empty until enough members answered."""
    answers = Response.objects.filter(round=round_).count()
    if answers < MINIMUM_ANSWERS:
        return RoundResults(round_, answers, False, layer_choices(), [], None)
    scores = member_scores(round_)
    previous = previous_round(round_)
    before = _medians(previous) if previous else {}
    remarks: dict[str, list[str]] = defaultdict(list)
    for element, text in Remark.objects.filter(response__round=round_).values_list(
        "element", "text"
    ):
        remarks[element].append(text)
    elements = []
    for element in Element:
        layers = {
            layer: spread_of(values)
            for layer, values in scores[element.value].items()
            if values and (layer == EVERYONE or len(values) >= LAYER_MINIMUM)
        }
        if EVERYONE not in layers:
            continue
        median = layers[EVERYONE].median
        elements.append(
            ElementResult(
                element=element.value,
                number=ELEMENT_ORDER[element.value],
                label=str(element.label),
                layers=layers,
                change=round(median - before[element.value], 2)
                if element.value in before
                else None,
                # Sorted so the order says nothing about who wrote what.
                remarks=sorted(remarks[element.value], key=str.casefold),
            )
        )
    return RoundResults(round_, answers, True, layer_choices(), elements, previous)
