"""An instrument as the engine sees it: items, answer options and scoring rules.

Built once from a FHIR Questionnaire by ``loader`` and never changed after;
everything is a frozen dataclass so one loaded instrument can be shared.
"""

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Text:
    """Wording in Dutch (the definition's own language) and English."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.lower().startswith("en") else self.nl


class ItemType(StrEnum):
    CHOICE = "choice"
    INTEGER = "integer"


class SubscaleMethod(StrEnum):
    SUM = "sum"  # the subscale's score is the sum of its items' points
    VALUE = "value"  # the subscale is one numeric item; its score is the answer itself


class PositiveRule(StrEnum):
    AT_OR_ABOVE_CUTOFF = "score-at-or-above-cutoff"
    ANY_ITEM_COUNTS = "any-item-counts"


@dataclass(frozen=True, slots=True)
class AnswerOption:
    code: str
    display: Text
    points: int


@dataclass(frozen=True, slots=True)
class ScoreBand:
    """Numeric answers from ``low`` to ``high`` (inclusive) earn ``points``."""

    low: int
    high: int
    points: int

    def contains(self, value: int) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Item:
    link_id: str
    text: Text
    type: ItemType
    prefix: str | None = None
    options: tuple[AnswerOption, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    bands: tuple[ScoreBand, ...] = ()
    subscale: str | None = None
    scoring_note: str | None = None

    def option(self, code: str) -> AnswerOption | None:
        return next((option for option in self.options if option.code == code), None)

    @property
    def option_codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    @property
    def max_points(self) -> int:
        if self.type is ItemType.CHOICE:
            return max(option.points for option in self.options)
        return max(band.points for band in self.bands)

    def points_for(self, answer: str | int) -> int:
        """Points for an answer that ``scoring.check_answers`` has already accepted."""
        if self.type is ItemType.CHOICE:
            option = self.option(str(answer))
            if option is None:
                raise KeyError(answer)
            return option.points
        value = int(answer)
        for band in self.bands:
            if band.contains(value):
                return band.points
        raise KeyError(answer)


@dataclass(frozen=True, slots=True)
class Subscale:
    code: str
    method: SubscaleMethod
    label: Text


@dataclass(frozen=True, slots=True)
class Scoring:
    positive: PositiveRule
    cutoff: int | None = None
    subscales: tuple[Subscale, ...] = ()


@dataclass(frozen=True)
class Instrument:
    """One screening instrument, ready to score.

    ``code`` names the scoring (``gfi``, ``tfi``, ...): an organisation's own
    wording of a built-in instrument keeps the built-in code, so its results
    compare with everyone else's. ``definition_id`` and ``url`` name the
    Questionnaire the wording came from.
    """

    code: str
    definition_id: str
    url: str
    version: str
    title: Text
    description: str
    citations: tuple[str, ...]
    items: tuple[Item, ...]
    scoring: Scoring
    based_on: str | None = None
    source_json: str = field(default="{}", repr=False, compare=False)

    @property
    def canonical(self) -> str:
        return f"{self.url}|{self.version}"

    @property
    def max_score(self) -> int:
        return sum(item.max_points for item in self.items)

    def item(self, link_id: str) -> Item | None:
        return next((item for item in self.items if item.link_id == link_id), None)

    def subscale_items(self, code: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.subscale == code)

    def questionnaire(self) -> dict[str, Any]:
        """The FHIR Questionnaire this instrument was read from, as a fresh dict."""
        data: dict[str, Any] = json.loads(self.source_json)
        return data
