"""Answers as a FHIR R4 QuestionnaireResponse, and back.

A screening is stored as the QuestionnaireResponse this module writes; scoring
a stored response reads the answers back out of it and scores them again, so
a stored result can always be checked against the rules it claims.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from . import extensions as ext
from .errors import AnswerError, AnswerProblem, InstrumentError
from .model import Instrument, ItemType
from .scoring import Answer, ScoreResult, check_answers, score


def to_questionnaire_response(
    instrument: Instrument,
    answers: Mapping[str, object],
    *,
    authored: datetime | None = None,
    subject: str | None = None,
    language: str = "nl",
) -> dict[str, Any]:
    """A completed QuestionnaireResponse (as JSON-ready data) for valid ``answers``.

    ``subject`` is a FHIR reference such as ``"Patient/123"``; ``authored``
    must be timezone-aware. The score travels along in Vangnet's
    screening-result extension, for readers that cannot score themselves.
    """
    if authored is not None and authored.utcoffset() is None:
        raise ValueError("authored must be a timezone-aware datetime")
    clean = check_answers(instrument, answers)
    result = score(instrument, clean)
    items = []
    for item in instrument.items:
        answer = clean[item.link_id]
        if item.type is ItemType.CHOICE:
            option = item.option(str(answer))
            assert option is not None
            value: dict[str, Any] = {
                "valueCoding": {
                    "system": ext.ANSWER_SYSTEM,
                    "code": option.code,
                    "display": option.display.get(language),
                }
            }
        else:
            value = {"valueInteger": int(answer)}
        items.append({"linkId": item.link_id, "text": item.text.get(language), "answer": [value]})
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": language,
        "extension": [_result_extension(result)],
        "questionnaire": instrument.canonical,
        "status": "completed",
    }
    if subject is not None:
        response["subject"] = {"reference": subject}
    if authored is not None:
        response["authored"] = authored.isoformat()
    response["item"] = items
    validate_questionnaire_response(response)
    return response


def validate_questionnaire_response(data: Mapping[str, Any]) -> None:
    """Raise ``InstrumentError`` unless ``data`` is a valid FHIR R4 QuestionnaireResponse."""
    if data.get("resourceType") != "QuestionnaireResponse":
        raise InstrumentError(_("This is not a FHIR QuestionnaireResponse."))
    try:
        QuestionnaireResponse.model_validate(dict(data))
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in exc.errors()[:5]
        )
        raise InstrumentError(
            _("Not a valid FHIR R4 QuestionnaireResponse (%(details)s).") % {"details": details}
        ) from exc


def answers_from_response(instrument: Instrument, response: Mapping[str, Any]) -> dict[str, Answer]:
    """The answers stored in a QuestionnaireResponse for ``instrument``.

    The response must name the instrument's Questionnaire (any version of the
    same url, or the built-in it is worded from); unanswered items are left
    out, so scoring them reports what is missing.
    """
    validate_questionnaire_response(response)
    named = str(response.get("questionnaire", "")).split("|", 1)[0]
    accepted = {instrument.url}
    if instrument.based_on is not None:
        accepted.add(f"{ext.QUESTIONNAIRE_BASE}{instrument.based_on}")
    if named not in accepted:
        raise InstrumentError(
            _("This response belongs to %(named)s, not to %(instrument)s.")
            % {"named": named or "?", "instrument": instrument.url}
        )
    answers: dict[str, Answer] = {}
    problems = []
    for entry in response.get("item", []):
        link_id = str(entry.get("linkId"))
        values = entry.get("answer", [])
        if not values:
            continue
        if len(values) > 1:
            problems.append(
                AnswerProblem(
                    link_id, _("item %(item)s: more than one answer.") % {"item": link_id}
                )
            )
            continue
        value = values[0]
        if "valueCoding" in value:
            answers[link_id] = str(value["valueCoding"].get("code", ""))
        elif "valueInteger" in value:
            answers[link_id] = int(value["valueInteger"])
        else:
            problems.append(
                AnswerProblem(
                    link_id,
                    _("item %(item)s: only coded and whole-number answers can be scored.")
                    % {"item": link_id},
                )
            )
    if problems:
        raise AnswerError(problems)
    return answers


def score_response(instrument: Instrument, response: Mapping[str, Any]) -> ScoreResult:
    """Score a stored QuestionnaireResponse again, by the instrument's rules."""
    return score(instrument, answers_from_response(instrument, response))


def _result_extension(result: ScoreResult) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"url": "instrument", "valueCode": result.instrument},
        {"url": "score", "valueInteger": result.score},
        {"url": "max", "valueInteger": result.max},
    ]
    if result.cutoff is not None:
        parts.append({"url": "cutoff", "valueInteger": result.cutoff})
    parts.append({"url": "positive", "valueBoolean": result.positive})
    for code, subscale in result.subscales.items():
        parts.append(
            {
                "url": "subscale",
                "extension": [
                    {"url": "code", "valueCode": code},
                    {"url": "score", "valueInteger": subscale.score},
                    {"url": "max", "valueInteger": subscale.max},
                ],
            }
        )
    return {"url": ext.RESULT, "extension": parts}
