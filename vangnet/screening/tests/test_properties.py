"""Properties that hold for any valid answers, checked with generated answer sets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.screening.engine import (
    Answer,
    Instrument,
    ItemType,
    builtin_codes,
    load_instrument,
    score,
    score_response,
    to_questionnaire_response,
)
from vangnet.screening.engine.model import SubscaleMethod

CODES = builtin_codes()


def answer_values(instrument: Instrument, link_id: str) -> list[Answer]:
    item = instrument.item(link_id)
    assert item is not None
    if item.type is ItemType.CHOICE:
        return list(item.option_codes)
    assert item.minimum is not None
    assert item.maximum is not None
    return list(range(item.minimum, item.maximum + 1))


@st.composite
def screenings(draw: st.DrawFn) -> tuple[Instrument, dict[str, Answer]]:
    instrument = load_instrument(draw(st.sampled_from(CODES)))
    answers = {
        item.link_id: draw(st.sampled_from(answer_values(instrument, item.link_id)))
        for item in instrument.items
    }
    return instrument, answers


@given(screenings())
@settings(max_examples=300)
def test_scores_stay_between_0_and_the_maximum(
    screening: tuple[Instrument, dict[str, Answer]],
) -> None:
    instrument, answers = screening
    result = score(instrument, answers)
    assert 0 <= result.score <= result.max == instrument.max_score
    assert result.score == sum(result.item_points.values())
    assert set(result.counted_items) == {k for k, v in result.item_points.items() if v > 0}
    for code, subscale in result.subscales.items():
        assert 0 <= subscale.score <= subscale.max, code


@given(screenings())
def test_sum_subscales_add_up_to_the_total(screening: tuple[Instrument, dict[str, Answer]]) -> None:
    instrument, answers = screening
    result = score(instrument, answers)
    sums = [s.code for s in instrument.scoring.subscales if s.method is SubscaleMethod.SUM]
    if sums:
        assert sum(result.subscales[code].score for code in sums) == result.score


@given(screenings(), st.data())
def test_a_counting_answer_never_lowers_the_score(
    screening: tuple[Instrument, dict[str, Answer]], data: st.DataObject
) -> None:
    """Changing one answer from one that earns fewer points to one that earns more
    never lowers the total, a subscale, or turns a positive result negative."""
    instrument, answers = screening
    item = data.draw(st.sampled_from(instrument.items))
    before = score(instrument, answers)
    current = before.item_points[item.link_id]
    higher = [
        value
        for value in answer_values(instrument, item.link_id)
        if item.points_for(value) > current
    ]
    if not higher:
        return
    after = score(instrument, {**answers, item.link_id: data.draw(st.sampled_from(higher))})
    assert after.score > before.score
    assert after.positive or not before.positive
    for code, subscale in after.subscales.items():
        if subscale.flagged is None:
            assert subscale.score >= before.subscales[code].score
        else:
            assert subscale.flagged or not before.subscales[code].flagged


@given(screenings())
@settings(max_examples=50)
def test_scoring_is_deterministic_and_survives_a_fhir_round_trip(
    screening: tuple[Instrument, dict[str, Answer]],
) -> None:
    instrument, answers = screening
    first = score(instrument, answers)
    assert score(instrument, dict(reversed(list(answers.items())))) == first
    assert score_response(instrument, to_questionnaire_response(instrument, answers)) == first


@pytest.mark.parametrize("code", CODES)
def test_positive_matches_the_cut_off_rule_at_every_score(code: str) -> None:
    instrument = load_instrument(code)
    items = list(instrument.items)
    for counting in range(len(items) + 1):
        answers: dict[str, Answer] = {}
        for index, item in enumerate(items):
            values = answer_values(instrument, item.link_id)
            wanted = item.max_points if index < counting else 0
            answers[item.link_id] = next(v for v in values if item.points_for(v) == wanted)
        result = score(instrument, answers)
        # Most items are worth one point; the INTERMED-E-SA's one item is worth its total.
        expected = sum(item.max_points for item in items[:counting])
        assert result.score == expected
        cutoff = instrument.scoring.cutoff
        assert result.positive is (expected >= cutoff if cutoff is not None else expected > 0)
