"""Groningen Frailty Indicator, scored by the published rules.

Rules: Steverink et al. 2001 (the GFI scoring form) and Schuurmans et al. 2004
(15 items, 0-15, frail at 4 or more; four domains). Neither publication prints
a worked example of one person's form, so the examples below are built from
the published rules, and the expected totals are worked out by hand in each
test's docstring.
"""

import pytest

from vangnet.screening.engine import Answer, Instrument, load_instrument, score

from .helpers import answers_counting

# The published rule for every item, written out independently of the data file:
# answer -> points. Item 5 is the fitness mark (0-10) and is tested separately.
GFI_RULES: dict[str, dict[str, int]] = {
    # Daily activities: "no" means the person cannot do it without help from another person.
    "1": {"yes": 0, "no": 1},
    "2": {"yes": 0, "no": 1},
    "3": {"yes": 0, "no": 1},
    "4": {"yes": 0, "no": 1},
    # Vision, hearing, unintended weight loss, 4 or more medicines: "yes" counts.
    "6": {"yes": 1, "no": 0},
    "7": {"yes": 1, "no": 0},
    "8": {"yes": 1, "no": 0},
    "9": {"yes": 1, "no": 0},
    # Memory: only "yes" counts; "sometimes" counts 0.
    "10": {"yes": 1, "sometimes": 0, "no": 0},
    # Emptiness, missing people, feeling abandoned, down, nervous: "yes" and "sometimes" count.
    "11": {"yes": 1, "sometimes": 1, "no": 0},
    "12": {"yes": 1, "sometimes": 1, "no": 0},
    "13": {"yes": 1, "sometimes": 1, "no": 0},
    "14": {"yes": 1, "sometimes": 1, "no": 0},
    "15": {"yes": 1, "sometimes": 1, "no": 0},
}

ROBUST: dict[str, Answer] = {
    "1": "yes",
    "2": "yes",
    "3": "yes",
    "4": "yes",
    "5": 8,
    "6": "no",
    "7": "no",
    "8": "no",
    "9": "no",
    "10": "no",
    "11": "no",
    "12": "no",
    "13": "no",
    "14": "no",
    "15": "no",
}


@pytest.fixture
def gfi() -> Instrument:
    return load_instrument("gfi")


@pytest.mark.parametrize(
    ("link_id", "answer", "points"),
    [
        (link_id, answer, points)
        for link_id, rule in GFI_RULES.items()
        for answer, points in rule.items()
    ],
)
def test_it_scores_every_answer_of_every_item_as_published(
    gfi: Instrument, link_id: str, answer: str, points: int
) -> None:
    result = score(gfi, {**ROBUST, link_id: answer})
    assert result.item_points[link_id] == points
    assert result.score == points


def test_it_offers_exactly_the_published_answers(gfi: Instrument) -> None:
    offered = {item.link_id: set(item.option_codes) for item in gfi.items if item.link_id != "5"}
    assert offered == {link_id: set(rule) for link_id, rule in GFI_RULES.items()}


@pytest.mark.parametrize(("mark", "points"), [(0, 1), (3, 1), (6, 1), (7, 0), (10, 0)])
def test_it_counts_a_fitness_mark_of_6_or_less(gfi: Instrument, mark: int, points: int) -> None:
    result = score(gfi, {**ROBUST, "5": mark})
    assert result.item_points["5"] == points
    assert result.score == points


def test_it_does_not_count_sometimes_for_memory_but_does_for_loneliness(gfi: Instrument) -> None:
    memory = score(gfi, {**ROBUST, "10": "sometimes"})
    emptiness = score(gfi, {**ROBUST, "11": "sometimes"})
    assert (memory.score, emptiness.score) == (0, 1)


def test_it_scores_a_frail_woman_living_alone(gfi: Instrument) -> None:
    """Built from the published rules (no worked example is published).

    Needs help with shopping (1 point) and walking outside (1); dresses and uses
    the toilet alone (0, 0); fitness mark 5 (1); sees well (0), hard of hearing
    (1), no weight loss (0), takes 6 medicines (1); memory "sometimes" (0);
    sometimes feels empty (1), misses people (1), does not feel abandoned (0),
    sometimes down (1), not nervous (0). Total 8 of 15: frail.
    """
    result = score(
        gfi,
        {
            "1": "no",
            "2": "no",
            "3": "yes",
            "4": "yes",
            "5": 5,
            "6": "no",
            "7": "yes",
            "8": "no",
            "9": "yes",
            "10": "sometimes",
            "11": "sometimes",
            "12": "yes",
            "13": "no",
            "14": "sometimes",
            "15": "no",
        },
    )
    assert result.score == 8
    assert result.max == 15
    assert result.cutoff == 4
    assert result.positive is True
    assert result.counted_items == ("1", "2", "5", "7", "9", "11", "12", "14")
    assert {code: sub.score for code, sub in result.subscales.items()} == {
        "physical": 5,
        "cognitive": 0,
        "social": 2,
        "psychological": 1,
    }


def test_it_scores_a_robust_man(gfi: Instrument) -> None:
    """Built from the published rules: only his fitness mark of 6 counts. Total 1: not frail."""
    result = score(gfi, {**ROBUST, "5": 6})
    assert result.score == 1
    assert result.positive is False
    assert result.counted_items == ("5",)


@pytest.mark.parametrize(("counting", "positive"), [(3, False), (4, True), (5, True)])
def test_it_calls_a_score_of_4_or_more_frail(
    gfi: Instrument, counting: int, positive: bool
) -> None:
    link_ids = [str(number) for number in range(1, counting + 1)]
    result = score(gfi, answers_counting(gfi, link_ids))
    assert result.score == counting
    assert result.positive is positive


def test_it_reaches_the_published_maximum_of_15(gfi: Instrument) -> None:
    result = score(gfi, answers_counting(gfi, [item.link_id for item in gfi.items]))
    assert (result.score, result.max) == (15, 15)
    assert {code: (sub.score, sub.max) for code, sub in result.subscales.items()} == {
        "physical": (9, 9),
        "cognitive": (1, 1),
        "social": (3, 3),
        "psychological": (2, 2),
    }
