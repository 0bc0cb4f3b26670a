"""SamenOud's published rule where an INTERMED-E-SA is recorded, and the stand-in rule elsewhere.

The rule (Spoorenberg et al. 2013): complex care needs at an INTERMED-E-SA of
16 or more whatever the GFI; below 16, frail at a GFI of 5 or more, robust
below 5. Each case below is worked out by hand from those three sentences.
"""

from datetime import UTC, datetime

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.screening.engine import AnswerError, load_instrument, score
from vangnet.screening.models import ProfileChange, ProfileRuleName, RiskProfile, Screening
from vangnet.screening.profiles import (
    DEFAULT_PARAMETERS,
    ProfileDecision,
    ResultFacts,
    decide_profile,
    describe_reason,
    latest_results,
)
from vangnet.screening.tests.world import fill_in, gfi_answers, older_person_of, poh, record

MAR = datetime(2026, 3, 10, tzinfo=UTC)
SAMENOUD = ProfileRuleName.SAMENOUD
VANGNET = ProfileRuleName.VANGNET


def _decide(*results: tuple[str, int]) -> ProfileDecision:
    facts = [ResultFacts(code, points, MAR, n) for n, (code, points) in enumerate(results, 1)]
    return decide_profile(latest_results(facts), DEFAULT_PARAMETERS)


# --- the instrument --------------------------------------------------------------------------


@pytest.mark.parametrize(("total", "positive"), [(0, False), (15, False), (16, True), (60, True)])
def test_the_intermed_scores_the_total_entered_with_cutoff_16(total: int, positive: bool) -> None:
    result = score(load_instrument("imesa"), {"1": total})
    assert (result.score, result.max, result.cutoff, result.positive) == (total, 60, 16, positive)


@pytest.mark.parametrize("total", [-1, 61, "²", "1e3", "\x00", 10**30, "16.5", True])
def test_the_intermed_refuses_a_total_outside_0_to_60(total: object) -> None:
    with pytest.raises(AnswerError) as error:
        score(load_instrument("imesa"), {"1": total})
    assert [problem.link_id for problem in error.value.problems] == ["1"]


# --- the rule, at every boundary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("imesa", "gfi", "profile"),
    [
        # below 16 and GFI below 5: robust
        (0, 0, RiskProfile.ROBUST),
        (15, 4, RiskProfile.ROBUST),
        # below 16 and GFI 5 or more: frail
        (15, 5, RiskProfile.FRAIL),
        (0, 15, RiskProfile.FRAIL),
        # 16 or more: complex, whatever the GFI
        (16, 0, RiskProfile.COMPLEX),
        (16, 4, RiskProfile.COMPLEX),
        (16, 5, RiskProfile.COMPLEX),
        (60, 15, RiskProfile.COMPLEX),
    ],
)
def test_samenouds_rule_decides_where_an_intermed_is_recorded(
    imesa: int, gfi: int, profile: RiskProfile
) -> None:
    decision = _decide(("imesa", imesa), ("gfi", gfi))
    assert (decision.profile, decision.rule) == (profile, SAMENOUD)


def test_a_gfi_of_4_is_frail_by_the_stand_in_but_robust_by_samenoud() -> None:
    assert (_decide(("gfi", 4)).profile, _decide(("gfi", 4)).rule) == (RiskProfile.FRAIL, VANGNET)
    decision = _decide(("imesa", 15), ("gfi", 4))
    assert (decision.profile, decision.rule) == (RiskProfile.ROBUST, SAMENOUD)


def test_an_intermed_of_16_alone_is_complex_even_without_a_gfi() -> None:
    decision = _decide(("imesa", 16))
    assert (decision.profile, decision.rule) == (RiskProfile.COMPLEX, SAMENOUD)
    assert [r.as_dict()["threshold"] for r in decision.reasons] == [16]


def test_an_intermed_below_16_without_a_gfi_leaves_it_to_the_stand_in_rule() -> None:
    assert _decide(("imesa", 15)) == ProfileDecision(None, ())
    decision = _decide(("imesa", 15), ("tfi", 5))
    assert (decision.profile, decision.rule) == (RiskProfile.FRAIL, VANGNET)


def test_without_an_intermed_the_stand_in_rule_decides_and_says_so() -> None:
    decision = _decide(("gfi", 3))
    assert (decision.profile, decision.rule) == (RiskProfile.ROBUST, VANGNET)


def test_the_reasons_name_both_scores_and_thresholds() -> None:
    decision = _decide(("imesa", 15), ("gfi", 5))
    words = [describe_reason(reason.as_dict()) for reason in decision.reasons]
    assert words == [
        "INTERMED-E-SA score 15 is below 16.",
        "GFI score 5 is 5 or more.",
    ]


# --- through the screens ---------------------------------------------------------------------


def _question(older_id: int) -> str:
    return reverse("screening:question", kwargs={"client_id": older_id, "number": 1})


@pytest.mark.parametrize("typed", ["²", str(10**30), "-1", "61", "abc", "", "16,5", "1e3"])
def test_a_bad_total_on_the_form_is_a_form_error(client: HttpClient, bob: User, typed: str) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "imesa", "mode": "professional"},
    )
    response = client.post(_question(older.pk), {"answer": typed, "next": "1"})
    assert response.status_code == 200
    assert "Vraag 1: kies een getal van 0 tot en met 60." in response.content.decode()
    assert not Screening.objects.exists()


def test_a_nul_in_the_total_is_refused_before_the_form(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "imesa", "mode": "professional"},
    )
    # The site-wide guard answers 400 for a NUL anywhere in a form, never a 500.
    response = client.post(_question(older.pk), {"answer": "1\x002", "next": "1"})
    assert response.status_code == 400
    assert not Screening.objects.exists()


def test_the_older_person_does_not_enter_the_intermed_total(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    response = client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "imesa", "mode": "self"},
    )
    assert response.status_code == 200
    assert "INTERMED-E-SA" in response.content.decode()


def test_a_professional_enters_16_and_the_page_names_the_samenoud_rule(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    record(older, bob, "gfi", gfi_answers(2))
    assert ProfileChange.objects.get().rule_name == VANGNET
    log_in(client, bob)
    fill_in(client, older, "imesa", {"1": 16})
    client.post(reverse("screening:check", kwargs={"client_id": older.pk}))
    change = ProfileChange.objects.order_by("-pk").first()
    assert change is not None
    assert (change.profile, change.rule_name) == (RiskProfile.COMPLEX, SAMENOUD)
    assert change.rule["imesa_complex_from"] == 16
    page = client.get(reverse("screening:client", kwargs={"client_id": older.pk}))
    text = page.content.decode()
    assert "SamenOud-regel (INTERMED-E-SA en GFI)" in text
    assert "Vervangende regel van Vangnet (zonder INTERMED-E-SA)" in text
