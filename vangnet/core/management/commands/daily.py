from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vangnet.core.scheduling import ensure_scheduled, run_jobs


class Command(BaseCommand):
    help = "Run the daily jobs now (--now) or book the daily run for the worker (--schedule)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run every daily job at once.")
        parser.add_argument("--schedule", action="store_true", help="Book the next daily run.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            for job, count in run_jobs().items():
                self.stdout.write(f"{job}: {count if count >= 0 else 'FAILED'}")
        if options["schedule"] or not options["now"]:
            when = ensure_scheduled()
            if when is None:
                self.stdout.write("This task backend cannot run tasks later; nothing booked.")
            else:
                self.stdout.write(f"The daily jobs run next at {when:%Y-%m-%d %H:%M %Z}.")
