from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vangnet.core.params import number_argument
from vangnet.workplace.demo import build_demo


class Command(BaseCommand):
    help = "Load the demo neighbourhood (only into an empty database) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=number_argument(), default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        from vangnet.directory.models import Network

        if Network.objects.filter(slug="demo").exists():
            self.stdout.write("The demo neighbourhood is already loaded.")
        else:
            try:
                ctx = build_demo(seed=options["seed"])
            except Exception as exc:
                raise CommandError(f"The demo could not be loaded: {exc}") from exc
            self.stdout.write(self.style.SUCCESS("The demo neighbourhood is loaded."))
            self.stdout.write("")
            self.stdout.write("Demo logins (for the demo only):")
            for login in ctx.logins:
                line = f"  {login.role:<22} {login.email:<36} {login.password}"
                self.stdout.write(line + (f"  {login.note}" if login.note else ""))
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL} in your browser.")
