"""``vangnet report NETWORK --quarter 2026Q3 --out FILE.pdf``: the quarterly report as PDF.

Bad input ends with one sentence and exit code 2, never a traceback.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from vangnet.directory.models import Network
from vangnet.monitoring.downloads import report_pdf
from vangnet.monitoring.figures import figures_of
from vangnet.monitoring.quarters import QuarterError, parse_quarter


class Command(BaseCommand):
    help = "Write a network's quarterly figures as a PDF report for the steering group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="the network's short name (slug)")
        parser.add_argument("--quarter", required=True, help="for example 2026Q3")
        parser.add_argument("--out", required=True, help="the PDF file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = parse_quarter(options["quarter"])
        except QuarterError as error:
            raise CommandError(str(error), returncode=2) from error
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            message = _("There is no network with the short name %(name)s.")
            raise CommandError(message % {"name": options["network"]}, returncode=2)
        out = Path(options["out"])
        data = report_pdf(figures_of(network, quarter))
        try:
            out.write_bytes(data)
        except OSError as error:
            message = _("The file %(file)s cannot be written: %(why)s.")
            raise CommandError(
                message % {"file": out, "why": error.strerror}, returncode=2
            ) from error
        self.stdout.write(f"{out} ({len(data)} bytes)")
