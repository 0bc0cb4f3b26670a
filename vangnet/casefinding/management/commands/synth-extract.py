"""``vangnet synth-extract --patients N --out DIR``: a seeded synthetic GP extract."""

from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vangnet.casefinding.management.commands.casefind import iso_date
from vangnet.casefinding.synth import generate_extract
from vangnet.core.params import number_argument

# Ten times the largest region measured; more would only fill the disk.
MAX_PATIENTS = 10_000_000


class Command(BaseCommand):
    help = (
        "Write a synthetic GP extract (patients, episodes, medications, exclusions) for "
        "trying out and measuring case-finding. The same seed and date give the same files."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--patients",
            type=number_argument(minimum=1, maximum=MAX_PATIENTS),
            required=True,
            help="Number of patients.",
        )
        parser.add_argument("--out", type=Path, required=True, help="Folder to write to.")
        parser.add_argument("--seed", type=number_argument(), default=2026, help="Random seed.")
        parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
        parser.add_argument(
            "--as-of",
            type=iso_date,
            default=None,
            help="The extraction date the data are made around (YYYY-MM-DD); default today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if int(options["patients"]) < 1:
            raise CommandError("--patients must be at least 1")
        as_of = options["as_of"]
        if isinstance(as_of, str):
            try:
                as_of = iso_date(as_of)
            except ArgumentTypeError as error:
                raise CommandError(str(error)) from error
        extract = generate_extract(
            patients=int(options["patients"]),
            out_dir=Path(options["out"]),
            seed=int(options["seed"]),
            file_format=options["format"],
            as_of=as_of,
        )
        self.stdout.write(
            f"{extract.patients} patients, {extract.episodes} episodes, "
            f"{extract.medications} medications, {extract.exclusions} exclusions "
            f"written to {extract.folder}"
        )
