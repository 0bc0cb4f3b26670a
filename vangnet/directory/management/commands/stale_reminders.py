from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from vangnet.directory.staleness import send_stale_reminders


class Command(BaseCommand):
    help = (
        "Remind owners of stale social-map entries. --now sends the mails at once; --schedule "
        "(the default) books the daily run, which sends them every morning with the other "
        "daily jobs (same as 'vangnet daily --schedule')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Send the reminders at once.")
        parser.add_argument("--schedule", action="store_true", help="Book the daily run.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"Reminders sent: {send_stale_reminders()}")
        if options["schedule"] or not options["now"]:
            call_command("daily", "--schedule", stdout=self.stdout, stderr=self.stderr)
