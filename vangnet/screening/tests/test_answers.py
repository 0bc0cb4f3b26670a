"""Answers the engine refuses, each refusal naming the item."""

import pytest

from vangnet.screening.engine import AnswerError, check_answers, load_instrument, score

from .helpers import answers_counting


def test_it_names_a_missing_item() -> None:
    gfi = load_instrument("gfi")
    answers = answers_counting(gfi)
    del answers["7"]
    with pytest.raises(AnswerError) as caught:
        score(gfi, answers)
    assert caught.value.link_ids == ("7",)
    assert "item 7" in str(caught.value)


def test_it_names_every_missing_item_in_order() -> None:
    with pytest.raises(AnswerError) as caught:
        score(load_instrument("prisma7"), {"2": "yes", "5": "no"})
    assert caught.value.link_ids == ("1", "3", "4", "6", "7")


def test_it_treats_a_null_answer_as_missing() -> None:
    prisma7 = load_instrument("prisma7")
    with pytest.raises(AnswerError) as caught:
        score(prisma7, {**answers_counting(prisma7), "4": None})
    assert caught.value.link_ids == ("4",)


@pytest.mark.parametrize("answer", ["maybe", "", "ja", 1, True, ["yes"]])
def test_it_names_an_unknown_option(answer: object) -> None:
    tfi = load_instrument("tfi")
    with pytest.raises(AnswerError) as caught:
        score(tfi, {**answers_counting(tfi), "3": answer})
    assert caught.value.link_ids == ("3",)
    assert "item 3" in str(caught.value)
    assert "unknown answer" in str(caught.value)


def test_it_refuses_sometimes_where_the_form_has_no_sometimes() -> None:
    prisma7 = load_instrument("prisma7")
    with pytest.raises(AnswerError) as caught:
        score(prisma7, {**answers_counting(prisma7), "6": "sometimes"})
    assert "choose one of yes, no" in str(caught.value)


@pytest.mark.parametrize("mark", [-1, 11, 100])
def test_it_names_a_fitness_mark_out_of_range(mark: int) -> None:
    gfi = load_instrument("gfi")
    with pytest.raises(AnswerError) as caught:
        score(gfi, {**answers_counting(gfi), "5": mark})
    assert caught.value.link_ids == ("5",)
    assert "out of range" in str(caught.value)
    assert "0 to 10" in str(caught.value)


@pytest.mark.parametrize("level", [0, 6])
def test_it_names_a_domain_level_out_of_range(level: int) -> None:
    with pytest.raises(AnswerError) as caught:
        score(load_instrument("zrm5"), {"1": 3, "2": 3, "3": level, "4": 3, "5": 3})
    assert caught.value.link_ids == ("3",)


@pytest.mark.parametrize("mark", ["seven", 6.5, True, None, "6.0"])
def test_it_wants_a_whole_number_for_a_numeric_item(mark: object) -> None:
    gfi = load_instrument("gfi")
    with pytest.raises(AnswerError) as caught:
        score(gfi, {**answers_counting(gfi), "5": mark})
    assert caught.value.link_ids == ("5",)


def test_it_names_an_item_the_instrument_does_not_have() -> None:
    prisma7 = load_instrument("prisma7")
    with pytest.raises(AnswerError) as caught:
        score(prisma7, {**answers_counting(prisma7), "8": "yes", "0": "no"})
    assert caught.value.link_ids == ("0", "8")
    assert "no such item" in str(caught.value)


def test_it_reports_every_problem_at_once() -> None:
    gfi = load_instrument("gfi")
    answers = {**answers_counting(gfi), "2": "perhaps", "5": 12}
    del answers["14"]
    with pytest.raises(AnswerError) as caught:
        score(gfi, answers)
    assert caught.value.link_ids == ("2", "5", "14")


def test_it_accepts_answers_in_any_case_and_numbers_as_digits() -> None:
    gfi = load_instrument("gfi")
    answers = {**answers_counting(gfi), "1": " No ", "10": "SOMETIMES", "5": "6"}
    assert check_answers(gfi, answers) == {
        **answers_counting(gfi),
        "1": "no",
        "10": "sometimes",
        "5": 6,
    }
    assert score(gfi, answers).score == 2
