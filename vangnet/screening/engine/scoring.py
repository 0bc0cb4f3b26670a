"""Scoring answers by an instrument's published rules.

Answers map item numbers ("1", "2", ...) to an answer code in English lower
case ("yes", "no", "sometimes") or, for a numeric item, a whole number.
Scoring is a pure function of the instrument and the answers: the same input
always gives the same result, and nothing is read from or written to the
database.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from vangnet.core.params import BIGINT_MAX, whole_number

from .errors import AnswerError, AnswerProblem
from .model import Instrument, Item, ItemType, PositiveRule, SubscaleMethod

Answer = str | int
# Longer answers or item numbers are cut short in a message.
MAX_SHOWN = 60


@dataclass(frozen=True, slots=True)
class SubscaleResult:
    code: str
    score: int
    max: int
    flagged: bool | None = None  # only for subscales that report a single value

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"score": self.score, "max": self.max}
        if self.flagged is not None:
            data["flagged"] = self.flagged
        return data


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """The outcome of one screening.

    ``item_points`` holds the points every item earned; ``counted_items`` are
    the items that earned at least one point, in item order.
    """

    instrument: str
    version: str
    definition: str
    score: int
    max: int
    cutoff: int | None
    positive: bool
    subscales: Mapping[str, SubscaleResult]
    item_points: Mapping[str, int]
    counted_items: tuple[str, ...]
    answers: Mapping[str, Answer]

    def as_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data; the ``vangnet score`` command prints this."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "definition": self.definition,
            "score": self.score,
            "max": self.max,
            "cutoff": self.cutoff,
            "positive": self.positive,
            "subscales": {code: result.as_dict() for code, result in self.subscales.items()},
            "items": {
                link_id: {"answer": self.answers[link_id], "points": points}
                for link_id, points in self.item_points.items()
            },
            "counted": list(self.counted_items),
        }


def check_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, Answer]:
    """The answers in their canonical form, or ``AnswerError`` naming every item that is wrong.

    Choice answers are matched without regard to case or surrounding spaces; a
    numeric answer may be a whole number or a string of digits.
    """
    problems: list[AnswerProblem] = []
    clean: dict[str, Answer] = {}
    for item in instrument.items:
        if item.link_id not in answers or answers[item.link_id] is None:
            problems.append(
                AnswerProblem(
                    item.link_id, _("item %(item)s: no answer given.") % {"item": item.link_id}
                )
            )
            continue
        answer = _check_answer(item, answers[item.link_id])
        if isinstance(answer, AnswerProblem):
            problems.append(answer)
        else:
            clean[item.link_id] = answer
    known = {item.link_id for item in instrument.items}
    for link_id in sorted((str(key) for key in answers if str(key) not in known), key=_natural):
        problems.append(
            AnswerProblem(
                link_id,
                _("item %(item)s: %(instrument)s has no such item (it has items 1 to %(count)s).")
                % {
                    "item": _clipped(link_id),
                    "instrument": instrument.code,
                    "count": len(instrument.items),
                },
            )
        )
    if problems:
        raise AnswerError(problems)
    return clean


def score(instrument: Instrument, answers: Mapping[str, object]) -> ScoreResult:
    """Score ``answers`` by the instrument's published rules.

    Every item must be answered: the published cut-offs assume a complete
    form, so a missing answer is an error rather than a zero.
    """
    clean = check_answers(instrument, answers)
    points = {item.link_id: item.points_for(clean[item.link_id]) for item in instrument.items}
    total = sum(points.values())
    rule = instrument.scoring
    if rule.positive is PositiveRule.AT_OR_ABOVE_CUTOFF:
        assert rule.cutoff is not None  # the loader guarantees it
        positive = total >= rule.cutoff
    else:
        positive = total > 0
    subscales: dict[str, SubscaleResult] = {}
    for subscale in rule.subscales:
        members = instrument.subscale_items(subscale.code)
        if subscale.method is SubscaleMethod.VALUE:
            item = members[0]
            assert item.maximum is not None  # numeric items always have a range
            subscales[subscale.code] = SubscaleResult(
                code=subscale.code,
                score=int(clean[item.link_id]),
                max=item.maximum,
                flagged=points[item.link_id] > 0,
            )
        else:
            subscales[subscale.code] = SubscaleResult(
                code=subscale.code,
                score=sum(points[item.link_id] for item in members),
                max=sum(item.max_points for item in members),
            )
    return ScoreResult(
        instrument=instrument.code,
        version=instrument.version,
        definition=instrument.canonical,
        score=total,
        max=instrument.max_score,
        cutoff=rule.cutoff,
        positive=positive,
        subscales=subscales,
        item_points=points,
        counted_items=tuple(link_id for link_id, earned in points.items() if earned > 0),
        answers=clean,
    )


def _check_answer(item: Item, answer: object) -> Answer | AnswerProblem:
    if item.type is ItemType.CHOICE:
        code = answer.strip().lower() if isinstance(answer, str) else None
        if code is None or item.option(code) is None:
            return AnswerProblem(
                item.link_id,
                _("item %(item)s: unknown answer %(answer)s; choose one of %(options)s.")
                % {
                    "item": item.link_id,
                    "answer": _shown(answer),
                    "options": ", ".join(item.option_codes),
                },
            )
        return code
    number = _whole_number(answer)
    if number is None:
        return AnswerProblem(
            item.link_id,
            _("item %(item)s: %(answer)s is not a whole number.")
            % {"item": item.link_id, "answer": _shown(answer)},
        )
    assert item.minimum is not None
    assert item.maximum is not None
    if not item.minimum <= number <= item.maximum:
        return AnswerProblem(
            item.link_id,
            _("item %(item)s: %(answer)s is out of range; give a number from %(low)s to %(high)s.")
            % {
                "item": item.link_id,
                "answer": _shown(number),
                "low": item.minimum,
                "high": item.maximum,
            },
        )
    return number


def _whole_number(answer: object) -> int | None:
    # bool is an int in Python, but true/false is never a valid numeric answer.
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return answer
    if isinstance(answer, float) and answer.is_integer():
        return int(answer)
    if isinstance(answer, str):
        # Plain ASCII digits only: "²" and "١٢" are digits to str.isdigit(), not to a form.
        text = answer.strip()
        negative = text.startswith("-")
        number = whole_number(text.removeprefix("-"))
        if number is not None:
            return -number if negative else number
    return None


def _shown(answer: object) -> str:
    """The answer as it was given, short enough for a message, whatever it is."""
    if isinstance(answer, int) and not isinstance(answer, bool) and abs(answer) > BIGINT_MAX:
        # Python will not even turn an int of more than 4300 digits into text.
        return _("a number too large to use")
    try:
        text = json.dumps(answer, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(answer).__name__
    return _clipped(text)


def _clipped(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _natural(link_id: str) -> tuple[int, int, str]:
    number = whole_number(link_id)
    return (0, number, "") if number is not None else (1, 0, link_id)
