from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from vangnet.core.params import number_argument
from vangnet.directory.models import Network
from vangnet.directory.poster import (
    DPI,
    Audience,
    Paper,
    PosterFormat,
    SiteAddressMissing,
    render_poster,
)


class Command(BaseCommand):
    help = (
        "Draw a network's poster as PDF, SVG or PNG: who does what (professional), "
        "or whom to call, for older people and carers (public)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("network", help="The network's short name (slug).")
        parser.add_argument(
            "--format", choices=[f.value for f in PosterFormat], default=PosterFormat.PDF.value
        )
        parser.add_argument("--size", choices=[p.value for p in Paper], default=Paper.A4.value)
        parser.add_argument(
            "--audience",
            choices=[a.value for a in Audience],
            default=Audience.PROFESSIONAL.value,
            help="professional: who does what at each step; "
            "public: whom to call, for older people and carers.",
        )
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
            try:
                poster = render_poster(
                    network,
                    fmt=PosterFormat(options["format"]),
                    paper=Paper(options["size"]),
                    audience=Audience(options["audience"]),
                    dpi=options["dpi"],
                )
            except SiteAddressMissing as error:
                # Exit status 2: the poster is refused, as the import refuses a file with problems.
                raise CommandError(str(error), returncode=2) from error
        out = Path(options["out"])
        out.write_bytes(poster.content)
        self.stdout.write(f"Wrote {out} ({len(poster.content):,} bytes).")
