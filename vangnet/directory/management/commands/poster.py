from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from vangnet.core.params import number_argument
from vangnet.directory.models import Network
from vangnet.directory.poster import DPI, Paper, PosterFormat, render_poster


class Command(BaseCommand):
    help = "Draw a network's who-does-what poster as PDF, SVG or PNG."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="The network's short name (slug).")
        parser.add_argument(
            "--format", choices=[f.value for f in PosterFormat], default=PosterFormat.PDF.value
        )
        parser.add_argument("--size", choices=[p.value for p in Paper], default=Paper.A4.value)
        parser.add_argument("--out", required=True, help="The file to write.")
        parser.add_argument("--language", choices=["nl", "en"], default="nl")
        parser.add_argument(
            "--dpi", type=number_argument(), default=DPI, help="Resolution of a PNG poster."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            raise CommandError(f"There is no network with the short name {options['network']!r}.")
        if not 72 <= options["dpi"] <= 600:
            raise CommandError("Choose a resolution between 72 and 600 dpi.")
        with translation.override(options["language"]):
            poster = render_poster(
                network,
                fmt=PosterFormat(options["format"]),
                paper=Paper(options["size"]),
                dpi=options["dpi"],
            )
        out = Path(options["out"])
        out.write_bytes(poster.content)
        self.stdout.write(f"Wrote {out} ({len(poster.content):,} bytes).")
