"""PRISMA-7, scored by the published rules.

Rules: Raîche et al. 2008 (Arch Gerontol Geriatr 47:9-18): seven yes/no
questions, one point for each answer that signals risk, which is "yes" for
every question except question 6 ("can you count on someone close to you?"),
where "no" counts; positive at 3 or more. The article reports the cut-off and
its sensitivity (78.3%) and specificity (74.7%) but no worked example, so the
examples are built from the rules and worked out in each docstring.
"""

import pytest

from vangnet.screening.engine import Answer, Instrument, load_instrument, score

PRISMA7_RULES: dict[str, dict[str, int]] = {
    "1": {"yes": 1, "no": 0},  # older than 85
    "2": {"yes": 1, "no": 0},  # male
    "3": {"yes": 1, "no": 0},  # health problems limit activities
    "4": {"yes": 1, "no": 0},  # needs someone to help regularly
    "5": {"yes": 1, "no": 0},  # health problems keep you at home
    "6": {"yes": 0, "no": 1},  # can count on someone close: "no" counts
    "7": {"yes": 1, "no": 0},  # uses a stick, walker or wheelchair
}

NONE_COUNT: dict[str, Answer] = {
    "1": "no",
    "2": "no",
    "3": "no",
    "4": "no",
    "5": "no",
    "6": "yes",
    "7": "no",
}


@pytest.fixture
def prisma7() -> Instrument:
    return load_instrument("prisma7")


@pytest.mark.parametrize(
    ("link_id", "answer", "points"),
    [
        (link_id, answer, points)
        for link_id, rule in PRISMA7_RULES.items()
        for answer, points in rule.items()
    ],
)
def test_it_scores_every_answer_of_every_item_as_published(
    prisma7: Instrument, link_id: str, answer: str, points: int
) -> None:
    result = score(prisma7, {**NONE_COUNT, link_id: answer})
    assert result.item_points[link_id] == points
    assert result.score == points


def test_it_counts_no_for_item_6(prisma7: Instrument) -> None:
    everyone_says_yes = score(prisma7, dict.fromkeys(PRISMA7_RULES, "yes"))
    everyone_says_no = score(prisma7, dict.fromkeys(PRISMA7_RULES, "no"))
    assert (everyone_says_yes.score, everyone_says_no.score) == (6, 1)
    assert "6" not in everyone_says_yes.counted_items
    assert everyone_says_no.counted_items == ("6",)


def test_it_flags_an_87_year_old_woman_alone_with_a_walker(prisma7: Instrument) -> None:
    """Built from the rules: over 85 (1), woman (0), limited by health (1), no regular help
    needed (0), not housebound (0), nobody close to count on (1), uses a walker (1): 4."""
    result = score(
        prisma7, {"1": "yes", "2": "no", "3": "yes", "4": "no", "5": "no", "6": "no", "7": "yes"}
    )
    assert (result.score, result.max, result.cutoff, result.positive) == (4, 7, 3, True)
    assert result.subscales == {}


def test_it_does_not_flag_a_78_year_old_man_with_family_nearby(prisma7: Instrument) -> None:
    """Built from the rules: man (1), limited by health (1), everything else fine: 2."""
    result = score(prisma7, {**NONE_COUNT, "2": "yes", "3": "yes"})
    assert (result.score, result.positive) == (2, False)


@pytest.mark.parametrize(
    ("counting", "positive"),
    [(("1", "2"), False), (("1", "2", "6"), True), (("2", "6", "7", "4"), True)],
)
def test_it_is_positive_at_3_or_more(
    prisma7: Instrument, counting: tuple[str, ...], positive: bool
) -> None:
    answers = dict(NONE_COUNT)
    for link_id in counting:
        answers[link_id] = "no" if link_id == "6" else "yes"
    result = score(prisma7, answers)
    assert result.score == len(counting)
    assert result.positive is positive
