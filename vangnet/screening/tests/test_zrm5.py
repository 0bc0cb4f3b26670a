"""The self-reliance quick scan over five life domains.

Levels 1-5 follow the Dutch Self-Sufficiency Matrix (Fassaert et al. 2014):
1 acute problems, 2 not self-reliant, 3 limited, 4 adequate, 5 fully
self-reliant. No total cut-off is published, so the scan reports each domain
and flags those at 1 or 2; the score counts the flagged domains and the
result is positive when any domain is flagged. The examples are built from
that rule.
"""

import pytest

from vangnet.screening.engine import Instrument, load_instrument, score

DOMAINS = ("housing", "finances", "health", "daytime_activities", "home_situation")


@pytest.fixture
def zrm5() -> Instrument:
    return load_instrument("zrm5")


def test_it_reports_each_domain_in_order(zrm5: Instrument) -> None:
    assert [item.subscale for item in zrm5.items] == list(DOMAINS)
    assert all((item.minimum, item.maximum) == (1, 5) for item in zrm5.items)


@pytest.mark.parametrize(
    ("level", "flagged"), [(1, True), (2, True), (3, False), (4, False), (5, False)]
)
def test_it_flags_a_domain_at_1_or_2(zrm5: Instrument, level: int, flagged: bool) -> None:
    result = score(zrm5, {"1": 4, "2": 4, "3": level, "4": 4, "5": 4})
    assert result.subscales["health"].score == level
    assert result.subscales["health"].flagged is flagged
    assert result.score == int(flagged)
    assert result.positive is flagged


def test_it_scores_a_widower_with_money_trouble_and_an_empty_week(zrm5: Instrument) -> None:
    """Built from the rule: housing 4, finances 2 (flag), health 3, daytime activities 1
    (flag), home situation 3. Two domains flagged; positive; no total cut-off."""
    result = score(zrm5, {"1": 4, "2": 2, "3": 3, "4": 1, "5": 3})
    assert (result.score, result.max, result.cutoff, result.positive) == (2, 5, None, True)
    assert {code: (sub.score, sub.flagged) for code, sub in result.subscales.items()} == {
        "housing": (4, False),
        "finances": (2, True),
        "health": (3, False),
        "daytime_activities": (1, True),
        "home_situation": (3, False),
    }
    assert result.counted_items == ("2", "4")


def test_it_is_negative_when_every_domain_is_at_3_or_more(zrm5: Instrument) -> None:
    result = score(zrm5, {"1": 3, "2": 5, "3": 3, "4": 4, "5": 5})
    assert (result.score, result.positive) == (0, False)
    assert not any(sub.flagged for sub in result.subscales.values())


def test_it_has_no_total_cut_off(zrm5: Instrument) -> None:
    assert zrm5.scoring.cutoff is None
    assert score(zrm5, {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}).as_dict()["cutoff"] is None
