"""The engine speaks Dutch to Dutch screens."""

import pytest
from django.utils import translation

from vangnet.screening.engine import AnswerError, InstrumentError, load_instrument, score


def test_it_names_the_item_in_dutch() -> None:
    with translation.override("nl"), pytest.raises(AnswerError) as caught:
        score(load_instrument("prisma7"), {"1": "ja"})
    problems = [str(problem) for problem in caught.value.problems]
    assert problems[0] == 'vraag 1: onbekend antwoord "ja". Kies uit yes, no.'
    assert problems[1] == "vraag 2: er is geen antwoord gegeven."


def test_it_refuses_an_unknown_instrument_in_dutch() -> None:
    with translation.override("nl"), pytest.raises(InstrumentError, match="Er is geen ingebouwd"):
        load_instrument("katz")
