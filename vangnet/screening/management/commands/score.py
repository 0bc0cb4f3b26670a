"""``vangnet score INSTRUMENT --answers FILE.json``: score one completed instrument.

Prints exactly one JSON object on standard output. Any problem with the
answers or the files exits with status 2 and a message on standard error that
names the item concerned. Messages are in English: this is a machine contract.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from vangnet.screening.engine import (
    AnswerError,
    Instrument,
    InstrumentError,
    builtin_codes,
    load_instrument,
    load_instrument_file,
    score,
)
from vangnet.screening.engine.jsonfile import JsonFileError, read_json_file, read_json_stream

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Score a screening instrument (gfi, tfi, prisma7, zrm5, imesa) from a JSON file of answers "
        "that "
        'maps item numbers to answers: {"1": "yes", "5": 7, ...}. Prints one JSON object.'
    )
    # Pure computation: no database and no system checks needed.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", help=f"one of {', '.join(builtin_codes())}")
        parser.add_argument(
            "--answers",
            required=True,
            metavar="FILE.json",
            help="JSON object mapping item numbers to answers; '-' reads standard input",
        )
        parser.add_argument(
            "--definition",
            metavar="QUESTIONNAIRE.json",
            help="an organisation's own wording of the instrument (FHIR Questionnaire)",
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        instrument = self._instrument(options["instrument"], options["definition"])
        answers = self._answers(options["answers"])
        try:
            result = score(instrument, answers)
        except AnswerError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))

    def _instrument(self, code: str, definition: str | None) -> Instrument:
        try:
            if definition is None:
                return load_instrument(code)
            instrument = load_instrument_file(definition)
        except InstrumentError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        if instrument.code != code:
            raise CommandError(
                f"{definition} defines {instrument.code}, not {code}.", returncode=USAGE_ERROR
            )
        return instrument

    def _answers(self, source: str) -> dict[str, object]:
        try:
            if source == "-":
                answers = read_json_stream(sys.stdin.buffer, "standard input")
            else:
                answers = read_json_file(Path(source))
        except JsonFileError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        if not isinstance(answers, dict):
            raise CommandError(
                f'{source}: expected a JSON object such as {{"1": "yes"}}.', returncode=USAGE_ERROR
            )
        return {str(key): value for key, value in answers.items()}
