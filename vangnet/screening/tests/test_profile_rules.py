"""The default rule from results to a SamenOud profile, at each of its boundaries."""

from datetime import UTC, datetime

import pytest

from vangnet.screening.models import ProfileRule, RiskProfile
from vangnet.screening.profiles import (
    DEFAULT_PARAMETERS,
    ProfileDecision,
    ResultFacts,
    decide_profile,
    describe_reason,
    latest_results,
)

JAN = datetime(2026, 1, 10, tzinfo=UTC)
MAR = datetime(2026, 3, 10, tzinfo=UTC)


def _decide(*results: tuple[str, int], **parameters: int) -> ProfileDecision:
    facts = [ResultFacts(code, points, MAR, n) for n, (code, points) in enumerate(results, 1)]
    return decide_profile(latest_results(facts), {**DEFAULT_PARAMETERS, **parameters})


def test_the_defaults_in_code_match_the_model_defaults() -> None:
    assert ProfileRule().parameters() == DEFAULT_PARAMETERS


@pytest.mark.parametrize(
    ("code", "score", "profile"),
    [
        ("gfi", 0, RiskProfile.ROBUST),
        ("gfi", 3, RiskProfile.ROBUST),
        ("gfi", 4, RiskProfile.FRAIL),
        ("gfi", 15, RiskProfile.FRAIL),
        ("tfi", 4, RiskProfile.ROBUST),
        ("tfi", 5, RiskProfile.FRAIL),
        ("prisma7", 2, RiskProfile.ROBUST),
        ("prisma7", 3, RiskProfile.FRAIL),
    ],
)
def test_one_frailty_result_decides_robust_or_frail_at_its_cutoff(
    code: str, score: int, profile: RiskProfile
) -> None:
    assert _decide((code, score)).profile == profile


def test_a_self_reliance_scan_alone_gives_no_profile() -> None:
    decision = _decide(("zrm5", 5))
    assert decision.profile is None
    assert decision.reasons == ()


def test_prisma7_does_not_decide_when_there_is_a_gfi() -> None:
    assert _decide(("prisma7", 6), ("gfi", 2)).profile == RiskProfile.ROBUST


def test_the_most_recent_of_gfi_and_tfi_decides() -> None:
    earlier_gfi = ResultFacts("gfi", 6, JAN, 1)
    later_tfi = ResultFacts("tfi", 2, MAR, 2)
    both = latest_results([earlier_gfi, later_tfi])
    assert decide_profile(both, DEFAULT_PARAMETERS).profile == RiskProfile.ROBUST
    earlier_tfi = ResultFacts("tfi", 2, JAN, 1)
    later_gfi = ResultFacts("gfi", 6, MAR, 2)
    both = latest_results([earlier_tfi, later_gfi])
    assert decide_profile(both, DEFAULT_PARAMETERS).profile == RiskProfile.FRAIL


def test_the_latest_result_of_one_instrument_replaces_the_earlier_one() -> None:
    latest = latest_results([ResultFacts("gfi", 9, JAN, 1), ResultFacts("gfi", 1, MAR, 2)])
    assert latest["gfi"].score == 1
    # On the same moment the later row wins.
    latest = latest_results([ResultFacts("gfi", 9, MAR, 5), ResultFacts("gfi", 1, MAR, 4)])
    assert latest["gfi"].score == 9


@pytest.mark.parametrize(
    ("flagged", "profile"),
    [(0, RiskProfile.FRAIL), (1, RiskProfile.FRAIL), (2, RiskProfile.COMPLEX)],
)
def test_frail_with_two_domains_at_level_one_or_two_is_complex(
    flagged: int, profile: RiskProfile
) -> None:
    assert _decide(("gfi", 4), ("zrm5", flagged)).profile == profile


def test_a_robust_person_stays_robust_whatever_the_scan_says() -> None:
    assert _decide(("gfi", 3), ("zrm5", 5)).profile == RiskProfile.ROBUST


@pytest.mark.parametrize(
    ("gfi", "prisma", "profile"),
    [
        (8, 3, RiskProfile.COMPLEX),
        (7, 3, RiskProfile.FRAIL),
        (8, 2, RiskProfile.FRAIL),
        (15, 7, RiskProfile.COMPLEX),
    ],
)
def test_a_positive_prisma7_with_a_gfi_of_eight_or_more_is_complex(
    gfi: int, prisma: int, profile: RiskProfile
) -> None:
    assert _decide(("gfi", gfi), ("prisma7", prisma)).profile == profile


def test_a_network_can_move_the_boundaries() -> None:
    assert _decide(("gfi", 4), gfi_frail_from=5).profile == RiskProfile.ROBUST
    assert _decide(("gfi", 5), gfi_frail_from=5).profile == RiskProfile.FRAIL
    assert _decide(("gfi", 5), ("zrm5", 1), complex_zrm_domains=1).profile == RiskProfile.COMPLEX
    complex_later = {"complex_gfi_from": 10}
    assert _decide(("gfi", 9), ("prisma7", 4), **complex_later).profile == RiskProfile.FRAIL


def test_every_decision_carries_its_reasons_in_words() -> None:
    decision = _decide(("gfi", 9), ("prisma7", 4))
    assert [r.code for r in decision.reasons] == ["at_or_above", "prisma_positive", "gfi_complex"]
    words = [describe_reason(r.as_dict()) for r in decision.reasons]
    assert words == [
        "GFI score 9 is 4 or more.",
        "PRISMA-7 score 4 is positive (3 or more).",
        "GFI score 9 is 8 or more.",
    ]
    robust = _decide(("tfi", 2))
    assert describe_reason(robust.reasons[0].as_dict()) == "TFI score 2 is below 5."
