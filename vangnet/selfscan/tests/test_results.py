"""Medians, quartiles, the change since the last round and the agenda, worked out by hand."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.directory.models import Tier
from vangnet.selfscan import actions
from vangnet.selfscan.elements import Element
from vangnet.selfscan.models import Round, RoundStatement, Statement
from vangnet.selfscan.results import EVERYONE, Spread, results_of, spread_of
from vangnet.selfscan.tests.conftest import Scan

pytestmark = pytest.mark.django_db


def two_statements_each(scan: Scan) -> None:
    for element in Element:
        for position in (1, 2):
            Statement.objects.create(
                network=scan.network,
                element=element,
                text=f"{element.label} {position}",
                position=position,
            )


def open_round(scan: Scan, title: str) -> Round:
    return actions.round_open(
        actor=Actor(user=scan.coordinator),
        network=scan.network,
        title=title,
        closes_on=timezone.localdate() + timedelta(days=14),
    )


def answer(round_: Round, user: User, tier: str, per_element: dict[str, tuple[int, int]]) -> None:
    scores = {}
    for element, pair in per_element.items():
        asked = RoundStatement.objects.filter(round=round_, element=element).order_by("position")
        for statement, score in zip(asked, pair, strict=True):
            scores[statement.pk] = score
    actions.response_submit(
        round_=round_, user_id=user.pk, tier=tier, scores=scores, remarks={"needs": "Meer tijd."}
    )


def same_for_all(know: tuple[int, int]) -> dict[str, tuple[int, int]]:
    return {
        Element.KNOW: know,
        Element.LINES: (4, 4),
        Element.KNOWLEDGE: (2, 2),
        Element.RESPONSIBILITY: (3, 3),
        Element.NEEDS: (1, 1),
    }


def test_spread_uses_inclusive_quartiles() -> None:
    # Sorted 1.5 2 3 3 4.5 5: Q1 at position 1.25 → 2 + 0.25 × 1; Q3 at 3.75 → 3 + 0.75 × 1.5.
    assert spread_of([3.0, 1.5, 5.0, 2.0, 4.5, 3.0]) == Spread(6, 3.0, 2.25, 4.125)
    assert spread_of([4.0]) == Spread(1, 4.0, 4.0, 4.0)


def test_results_per_layer_change_and_agenda_match_the_hand_worked_round(scan: Scan) -> None:
    two_statements_each(scan)
    core = [scan.coordinator, scan.member("Bob Jansen"), scan.member("Carla Smit")]
    steering = [scan.member(n, Tier.STEERING_GROUP) for n in ("Dirk Mol", "Eva Bos")]
    shell = scan.member("Frank de Wit", Tier.OUTER_SHELL)

    earlier = open_round(scan, "Najaar")
    for user in [*core, *steering]:
        tier = Tier.CORE_TEAM if user in core else Tier.STEERING_GROUP
        answer(earlier, user, tier, {e: (3, 3) for e in Element.values})
    Round.objects.filter(pk=earlier.pk).update(
        opened_at=earlier.opened_at - timedelta(days=180), closed_at=timezone.now()
    )

    now = open_round(scan, "Voorjaar")
    know = [(5, 4), (3, 3), (4, 2)]  # core: means 4.5, 3, 3
    for user, pair in zip(core, know, strict=True):
        answer(now, user, Tier.CORE_TEAM, same_for_all(pair))
    for user, pair in zip(steering, [(2, 2), (1, 2)], strict=True):  # means 2, 1.5
        answer(now, user, Tier.STEERING_GROUP, same_for_all(pair))
    answer(now, shell, Tier.OUTER_SHELL, same_for_all((5, 5)))

    results = results_of(now)
    assert results.shown and results.answers == 6
    by_element = {e.element: e for e in results.elements}
    know_result = by_element[Element.KNOW]
    assert know_result.layers[EVERYONE] == Spread(6, 3.0, 2.25, 4.125)
    # Core 3, 3, 4.5: Q1 at 0.5 → 3; Q3 at 1.5 → 3 + 0.5 × 1.5.
    assert know_result.layers[Tier.CORE_TEAM] == Spread(3, 3.0, 3.0, 3.75)
    # Two steering-group answers and one from the outer shell are too few to show apart.
    assert set(know_result.layers) == {EVERYONE, Tier.CORE_TEAM}
    assert {e: r.change for e, r in by_element.items()} == {
        "know": 0.0,
        "lines": 1.0,
        "knowledge": -1.0,
        "responsibility": 0.0,
        "needs": -2.0,
    }
    assert results.previous == earlier
    # Needs 1, knowledge 2, then know and responsibility both 3: know has the lower Q1.
    assert [e.element for e in results.agenda] == ["needs", "knowledge", "know"]
    assert by_element[Element.NEEDS].remarks == ["Meer tijd."] * 6


def test_results_take_the_same_number_of_queries_for_more_answers(scan: Scan) -> None:
    two_statements_each(scan)
    round_ = open_round(scan, "Voorjaar")
    people = [scan.member(f"Lid{n} Test") for n in range(10)]

    def counted() -> int:
        with CaptureQueriesContext(connection) as queries:
            results_of(Round.objects.get(pk=round_.pk))
        return len(queries)

    for user in people[:5]:
        answer(round_, user, Tier.CORE_TEAM, same_for_all((3, 4)))
    five = counted()
    for user in people[5:]:
        answer(round_, user, Tier.CORE_TEAM, same_for_all((3, 4)))
    assert counted() == five
