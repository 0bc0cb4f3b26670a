from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vangnet.core.scheduling import ensure_scheduled, run_jobs


class Command(BaseCommand):
    help = (
        "The daily jobs (reminders, escalations, retention). --now runs them at once; "
        "--schedule (the default) makes sure exactly one daily run waits for the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run every daily job at once.")
        parser.add_argument("--schedule", action="store_true", help="Book the next daily run.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            for job, count in run_jobs().items():
                self.stdout.write(f"{job}: {count if count >= 0 else 'FAILED'}")
        if options["schedule"] or not options["now"]:
            booked = ensure_scheduled()
            if booked is None:
                raise CommandError(
                    "The task backend cannot run tasks later; configure django_tasks_db (TASKS) "
                    "and run 'vangnet db_worker' to run the daily jobs every morning."
                )
            when = timezone.localtime(booked.run_after).strftime("%Y-%m-%d %H:%M %Z")
            state = "Booked" if booked.created else "Already booked"
            self.stdout.write(f"{state}: the next daily run is at {when}.")
            if booked.removed_duplicates:
                self.stdout.write(f"Removed {booked.removed_duplicates} duplicate run(s).")
