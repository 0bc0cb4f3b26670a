import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vangnet.audit.log import verify_chain


class Command(BaseCommand):
    help = "Work with the access log. 'verify' checks the hash chain: exit 0 when intact."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.ok:
            self.stdout.write(f"The access log is intact: {report.checked} rows checked.")
            return
        self.stderr.write(
            f"The access log is NOT intact: row {report.first_bad_id} is the first bad row "
            f"({report.problem}); {report.checked} rows before it are intact."
        )
        sys.exit(1)
