"""Tilburg Frailty Indicator part B, scored by the published rules.

Rules: Gobbens et al. 2010 (J Am Med Dir Assoc 11:344-355): 15 items, 0-15,
frail at 5 or more; physical (8), psychological (4) and social (3) subscales.
The article gives no worked example of one person's form, so the examples are
built from the published rules and worked out by hand in each docstring.
"""

import pytest

from vangnet.screening.engine import Answer, Instrument, load_instrument, score

from .helpers import answers_counting

# Item numbers 1-15 here are B11-B25 on the published form.
TFI_RULES: dict[str, dict[str, int]] = {
    "1": {"yes": 0, "no": 1},  # feels physically healthy: reversed, "no" counts
    "2": {"yes": 1, "no": 0},  # unintended weight loss
    "3": {"yes": 1, "no": 0},  # difficulty walking
    "4": {"yes": 1, "no": 0},  # balance
    "5": {"yes": 1, "no": 0},  # hearing
    "6": {"yes": 1, "no": 0},  # vision
    "7": {"yes": 1, "no": 0},  # strength in hands
    "8": {"yes": 1, "no": 0},  # physical tiredness
    "9": {"yes": 1, "sometimes": 0, "no": 0},  # memory: "sometimes" does not count
    "10": {"yes": 1, "sometimes": 1, "no": 0},  # felt down: "sometimes" counts
    "11": {"yes": 1, "sometimes": 1, "no": 0},  # nervous or anxious: "sometimes" counts
    "12": {"yes": 0, "no": 1},  # copes with problems: reversed
    "13": {"yes": 1, "no": 0},  # lives alone
    "14": {"yes": 1, "sometimes": 1, "no": 0},  # misses people: "sometimes" counts
    "15": {"yes": 0, "no": 1},  # enough support: reversed
}

ROBUST: dict[str, Answer] = {
    "1": "yes",
    "2": "no",
    "3": "no",
    "4": "no",
    "5": "no",
    "6": "no",
    "7": "no",
    "8": "no",
    "9": "no",
    "10": "no",
    "11": "no",
    "12": "yes",
    "13": "no",
    "14": "no",
    "15": "yes",
}


@pytest.fixture
def tfi() -> Instrument:
    return load_instrument("tfi")


@pytest.mark.parametrize(
    ("link_id", "answer", "points"),
    [
        (link_id, answer, points)
        for link_id, rule in TFI_RULES.items()
        for answer, points in rule.items()
    ],
)
def test_it_scores_every_answer_of_every_item_as_published(
    tfi: Instrument, link_id: str, answer: str, points: int
) -> None:
    result = score(tfi, {**ROBUST, link_id: answer})
    assert result.item_points[link_id] == points
    assert result.score == points


def test_it_offers_exactly_the_published_answers(tfi: Instrument) -> None:
    assert {item.link_id: set(item.option_codes) for item in tfi.items} == {
        link_id: set(rule) for link_id, rule in TFI_RULES.items()
    }


def test_it_numbers_the_items_as_on_the_published_form(tfi: Instrument) -> None:
    assert [item.prefix for item in tfi.items] == [f"B{number}" for number in range(11, 26)]


def test_it_scores_an_older_man_with_physical_and_social_frailty(tfi: Instrument) -> None:
    """Built from the published rules (no worked example is published).

    Does not feel physically healthy (1), no weight loss (0), trouble walking
    (1) and with balance (1), hears and sees well (0, 0), has strength in his hands (0),
    is tired (1); memory "sometimes" (0), sometimes down (1), not nervous (0),
    copes well (0); lives alone (1), sometimes misses people (1), gets enough
    support (0). Physical 4, psychological 1, social 2: total 7, frail.
    """
    result = score(
        tfi,
        {
            "1": "no",
            "2": "no",
            "3": "yes",
            "4": "yes",
            "5": "no",
            "6": "no",
            "7": "no",
            "8": "yes",
            "9": "sometimes",
            "10": "sometimes",
            "11": "no",
            "12": "yes",
            "13": "yes",
            "14": "sometimes",
            "15": "yes",
        },
    )
    assert (result.score, result.max, result.cutoff, result.positive) == (7, 15, 5, True)
    assert {code: (sub.score, sub.max) for code, sub in result.subscales.items()} == {
        "physical": (4, 8),
        "psychological": (1, 4),
        "social": (2, 3),
    }


def test_it_scores_a_woman_who_lives_alone_but_is_otherwise_well(tfi: Instrument) -> None:
    """Built from the published rules: lives alone (1), nothing else counts. Total 1: not frail."""
    result = score(tfi, {**ROBUST, "13": "yes"})
    assert (result.score, result.positive) == (1, False)
    assert result.counted_items == ("13",)


@pytest.mark.parametrize(("counting", "positive"), [(4, False), (5, True), (6, True)])
def test_it_calls_a_score_of_5_or_more_frail(
    tfi: Instrument, counting: int, positive: bool
) -> None:
    link_ids = [str(number) for number in range(1, counting + 1)]
    result = score(tfi, answers_counting(tfi, link_ids))
    assert result.score == counting
    assert result.positive is positive


def test_it_reaches_the_published_maximum_of_15(tfi: Instrument) -> None:
    result = score(tfi, answers_counting(tfi, [item.link_id for item in tfi.items]))
    assert (result.score, result.max) == (15, 15)
    assert {code: (sub.score, sub.max) for code, sub in result.subscales.items()} == {
        "physical": (8, 8),
        "psychological": (4, 4),
        "social": (3, 3),
    }
