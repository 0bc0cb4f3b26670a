from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vangnet.guide.guides import markdown_files


class Command(BaseCommand):
    help = (
        "Write the Dutch user guides per role as Markdown (the same text as the pages under "
        "/hulp/). --check only says whether the files in the folder are up to date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", default="docs/handleiding", help="The folder (default: docs/handleiding)."
        )
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; fail when a file differs."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["out"])
        files = markdown_files()
        if options["check"]:
            stale = [
                name
                for name, text in files.items()
                if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
            ]
            if stale:
                raise CommandError(f"Out of date: {', '.join(stale)}. Run: vangnet guides")
            self.stdout.write("The guides are up to date.")
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, "utf-8")
        self.stdout.write(f"Written: {len(files)} files in {folder}")
