"""``vangnet casefind EXTRACT_DIR --out ranked.csv``: the ranked list from a GP extract."""

from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.casefinding.engine import find_cases, write_ranked_csv
from vangnet.casefinding.report import ExtractInvalid

# Exit status for an extract that does not pass validation.
INVALID_EXTRACT = 2


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text}") from error


class Command(BaseCommand):
    help = (
        "Compute the electronic frailty index for everyone in a GP extract and write, per "
        "practice, the people aged 75 and over ranked from most to least frail."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("extract_dir", type=Path, help="Folder with the extract files.")
        parser.add_argument("--out", type=Path, required=True, help="CSV file to write.")
        parser.add_argument(
            "--reference-date",
            type=iso_date,
            default=None,
            help="Date at which ages and windows are taken (YYYY-MM-DD); default today.",
        )
        parser.add_argument("--practice", default=None, help="Only this practice code.")

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command() passes keyword options as given, without the parser's types.
        extract_dir = Path(options["extract_dir"])
        out = Path(options["out"])
        if not extract_dir.is_dir():
            raise CommandError(
                _("%(path)s is not a folder.") % {"path": extract_dir}, returncode=INVALID_EXTRACT
            )
        if not out.parent.is_dir():
            raise CommandError(_("The folder for %(path)s does not exist.") % {"path": out})
        today = timezone.localdate()
        reference_date = options["reference_date"] or today
        if isinstance(reference_date, str):
            try:
                reference_date = iso_date(reference_date)
            except ArgumentTypeError as error:
                raise CommandError(str(error)) from error
        try:
            result = find_cases(
                extract_dir,
                reference_date=reference_date,
                today=today,
                practice=options["practice"],
            )
        except ExtractInvalid as invalid:
            raise CommandError(invalid.report.as_text(), returncode=INVALID_EXTRACT) from None
        write_ranked_csv(result.ranked, out, language=translation.get_language() or "nl")
        self.stdout.write(
            _(
                "%(listed)s of %(aged)s people aged 75 or over are on the list "
                "(%(excluded)s left out: screened recently or in care), at %(date)s. "
                "Written to %(path)s."
            )
            % {
                "listed": result.listed,
                "aged": result.patients_aged,
                "excluded": result.patients_excluded,
                "date": reference_date.isoformat(),
                "path": out,
            }
        )
