"""Screenings as FHIR R4 QuestionnaireResponses, and scoring them again."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from vangnet.screening.engine import (
    AnswerError,
    InstrumentError,
    answers_from_response,
    builtin_codes,
    load_instrument,
    score,
    score_response,
    to_questionnaire_response,
)

from .helpers import answers_counting

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_it_writes_a_valid_completed_response() -> None:
    gfi = load_instrument("gfi")
    answers = answers_counting(gfi, ["1", "5", "10", "12"])
    authored = datetime(2025, 3, 4, 10, 30, tzinfo=AMSTERDAM)
    response = to_questionnaire_response(gfi, answers, authored=authored, subject="Patient/42")
    parsed = QuestionnaireResponse.model_validate(response)
    assert parsed.status == "completed"
    assert parsed.questionnaire == "https://vangnet.nl/fhir/Questionnaire/gfi|1.0.0"
    assert response["subject"] == {"reference": "Patient/42"}
    assert response["authored"] == "2025-03-04T10:30:00+01:00"
    assert [item["linkId"] for item in response["item"]] == [str(n) for n in range(1, 16)]
    fitness = response["item"][4]
    assert fitness["answer"] == [{"valueInteger": 0}]
    memory = response["item"][9]["answer"][0]["valueCoding"]
    assert (memory["code"], memory["display"]) == ("yes", "ja")


def test_it_writes_english_displays_on_request() -> None:
    prisma7 = load_instrument("prisma7")
    response = to_questionnaire_response(prisma7, answers_counting(prisma7), language="en")
    first = response["item"][0]
    assert first["text"] == "Are you older than 85?"
    assert first["answer"][0]["valueCoding"]["display"] == "no"


def test_it_carries_the_score_in_the_response() -> None:
    tfi = load_instrument("tfi")
    response = to_questionnaire_response(tfi, answers_counting(tfi, ["1", "2", "3", "13", "15"]))
    (result,) = response["extension"]
    parts = {part["url"]: part for part in result["extension"] if part["url"] != "subscale"}
    assert parts["score"]["valueInteger"] == 5
    assert parts["positive"]["valueBoolean"] is True
    assert parts["cutoff"]["valueInteger"] == 5


@pytest.mark.parametrize("code", ["gfi", "tfi", "prisma7", "zrm5"])
def test_scoring_a_stored_response_gives_the_same_result(code: str) -> None:
    instrument = load_instrument(code)
    answers = answers_counting(instrument, [item.link_id for item in instrument.items][::2])
    response = to_questionnaire_response(instrument, answers, authored=datetime.now(UTC))
    assert answers_from_response(instrument, response) == answers
    assert score_response(instrument, response) == score(instrument, answers)


def test_it_refuses_a_response_for_another_instrument() -> None:
    gfi, tfi = load_instrument("gfi"), load_instrument("tfi")
    response = to_questionnaire_response(tfi, answers_counting(tfi))
    with pytest.raises(InstrumentError, match="Questionnaire/tfi"):
        score_response(gfi, response)


def test_it_refuses_a_response_that_is_not_valid_fhir() -> None:
    gfi = load_instrument("gfi")
    response = to_questionnaire_response(gfi, answers_counting(gfi))
    response["unexpected"] = True
    with pytest.raises(InstrumentError, match="Not a valid FHIR R4 QuestionnaireResponse"):
        score_response(gfi, response)


def test_it_names_an_unanswered_item_in_a_stored_response() -> None:
    prisma7 = load_instrument("prisma7")
    response = to_questionnaire_response(prisma7, answers_counting(prisma7))
    del response["item"][2]["answer"]
    with pytest.raises(AnswerError) as caught:
        score_response(prisma7, response)
    assert caught.value.link_ids == ("3",)


def test_it_refuses_answers_it_cannot_score_before_writing_anything() -> None:
    gfi = load_instrument("gfi")
    with pytest.raises(AnswerError):
        to_questionnaire_response(gfi, {"1": "yes"})


def test_it_wants_an_aware_authored_time() -> None:
    gfi = load_instrument("gfi")
    with pytest.raises(ValueError, match="timezone-aware"):
        to_questionnaire_response(gfi, answers_counting(gfi), authored=datetime(2025, 1, 1))


def test_every_builtin_instrument_round_trips() -> None:
    for code in builtin_codes():
        instrument = load_instrument(code)
        response = to_questionnaire_response(instrument, answers_counting(instrument))
        QuestionnaireResponse.model_validate(response)
