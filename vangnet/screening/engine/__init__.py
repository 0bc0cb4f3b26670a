"""The screening-instrument engine: load an instrument, score answers, write FHIR.

Free of requests, sessions and the database, so the command line, the screens
and the API all score through the same few functions::

    from vangnet.screening.engine import load_instrument, score

    result = score(load_instrument("gfi"), {"1": "yes", ..., "5": 7, ...})
    result.score, result.positive
"""

from .errors import AnswerError, AnswerProblem, InstrumentError
from .loader import (
    builtin_codes,
    load_instrument,
    load_instrument_file,
    parse_instrument,
    validate_questionnaire,
)
from .model import Instrument, Item, ItemType, Text
from .response import (
    answers_from_response,
    score_response,
    to_questionnaire_response,
    validate_questionnaire_response,
)
from .scoring import Answer, ScoreResult, SubscaleResult, check_answers, score

__all__ = [
    "Answer",
    "AnswerError",
    "AnswerProblem",
    "Instrument",
    "InstrumentError",
    "Item",
    "ItemType",
    "ScoreResult",
    "SubscaleResult",
    "Text",
    "answers_from_response",
    "builtin_codes",
    "check_answers",
    "load_instrument",
    "load_instrument_file",
    "parse_instrument",
    "score",
    "score_response",
    "to_questionnaire_response",
    "validate_questionnaire",
    "validate_questionnaire_response",
]
