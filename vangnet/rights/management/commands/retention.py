from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.rights.erasure import client_erase, retention_due, retention_years


class Command(BaseCommand):
    help = (
        "List older people whose care relationships all ended longer ago than the retention "
        "period; with --apply, erase them (each erasure is written to the access log)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        due = retention_due()
        years = retention_years()
        self.stdout.write(
            f"{len(due)} older people are past the retention period of {years} years."
        )
        for client in due:
            self.stdout.write(f"  client number {client.pk}")
        if options["apply"]:
            actor = Actor(user=None, access_point=AccessPoint.CLI)
            for client in due:
                client_erase(
                    actor=actor, client=client, reason=f"retention period of {years} years"
                )
            self.stdout.write(f"Erased {len(due)}.")
