import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from vangnet.directory.exporting import export_csv
from vangnet.directory.hsds import export_hsds
from vangnet.directory.importing import Kind
from vangnet.directory.models import Network


class Command(BaseCommand):
    help = (
        "Export organisations, people or services as CSV (the import's columns) or as "
        "Open Referral HSDS 3.0 JSON. Private contact details only where a person agreed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "hsds"], default="csv")
        parser.add_argument("--kind", required=True, choices=[k.value for k in Kind])
        parser.add_argument(
            "--out", required=True, help="The file to write; - for standard output."
        )
        parser.add_argument("--network", help="Only the organisations of this network (its slug).")
        parser.add_argument("--language", choices=["nl", "en"], default="nl")

    def handle(self, *args: Any, **options: Any) -> None:
        network = None
        if options["network"]:
            network = Network.objects.filter(slug=options["network"]).first()
            if network is None:
                raise CommandError(
                    f"There is no network with the short name {options['network']!r}."
                )
        kind = Kind(options["kind"])
        with translation.override(options["language"]):
            if options["format"] == "csv":
                content = export_csv(kind, network=network)
            else:
                document = export_hsds(kind, network=network)
                content = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
        if options["out"] == "-":
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            return
        Path(options["out"]).write_bytes(content)
        self.stderr.write(f"Wrote {options['out']} ({len(content):,} bytes).")
