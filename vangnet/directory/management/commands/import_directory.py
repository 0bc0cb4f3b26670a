import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from vangnet.accounts.models import User
from vangnet.directory.importing import Kind, check_file, import_apply


class Command(BaseCommand):
    help = (
        "Check a CSV or XLSX file of organisations, people or services and, with --apply, "
        "import all its rows or none. Exits with status 2, listing the problems, if there are any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .csv or .xlsx file.")
        parser.add_argument("--kind", required=True, choices=[k.value for k in Kind])
        parser.add_argument(
            "--apply", action="store_true", help="Write the rows; without it, only check."
        )
        parser.add_argument(
            "--user", help="Email address of the user recorded as importer and default owner."
        )
        parser.add_argument("--language", choices=["nl", "en"], default="nl")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = None
        if options["user"]:
            user = User.objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"No user with the email address {options['user']}.")
        with translation.override(options["language"]):
            result = check_file(path.read_bytes(), path.name, Kind(options["kind"]))
            if result.problems or not result.rows:
                for problem in result.problems:
                    where = (
                        f"rij {problem.row}"
                        if options["language"] == "nl"
                        else f"row {problem.row}"
                    )
                    place = ", ".join(
                        p for p in (where if problem.row else "", problem.column) if p
                    )
                    self.stderr.write(f"{place or '-'}: {problem.message} {problem.fix}")
                sys.exit(2)
            if not options["apply"]:
                self.stdout.write(
                    f"{len(result.rows)} rows checked; no problems. "
                    "Run again with --apply to import them."
                )
                return
            summary = import_apply(result=result, actor=user)
        self.stdout.write(self.style.SUCCESS(f"{summary.created} {summary.kind.value} imported."))
