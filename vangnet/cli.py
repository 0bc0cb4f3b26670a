"""The ``vangnet`` console script: every Django management command plus Vangnet's own.

A command run against a database that was never set up (or not brought up to
date) ends with one sentence saying to run ``vangnet migrate``, not a traceback.
"""

import os
import sys
from pathlib import Path

# The command that sets the database up shows its own errors as they are.
SETS_UP_THE_DATABASE = {"migrate"}

EMPTY = {
    "nl": "De database is nog leeg of niet bijgewerkt: voer eerst `vangnet migrate` uit.",
    "en": "The database is empty or not up to date: run `vangnet migrate` first.",
}
DEMO_HINT = {
    "nl": 'De demo staat in {path}: gebruik `make vangnet ARGS="..."` '
    "of zet VANGNET_DATA_DIR={path} voor het commando.",
    "en": 'The demo keeps its data in {path}: use `make vangnet ARGS="..."` '
    "or put VANGNET_DATA_DIR={path} before the command.",
}
# SQLSTATE codes of PostgreSQL for a missing table and a missing column.
UNDEFINED = {"42P01", "42703"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.config.settings.base")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["vangnet", *args])
    except (OperationalError, ProgrammingError) as error:
        command = next((a for a in args if not a.startswith("-")), "")
        if command in SETS_UP_THE_DATABASE or not is_unmigrated(error):
            raise
        sys.stderr.write(empty_database_message() + "\n")
        sys.exit(2)


def is_unmigrated(error: Exception) -> bool:
    """Whether a database error means a table or column is missing: migrations not run."""
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in UNDEFINED or getattr(cause, "pgcode", None) in UNDEFINED:
        return True
    text = str(error)
    return text.startswith(("no such table", "no such column")) or (
        ("relation" in text or "column" in text) and "does not exist" in text
    )


def language() -> str:
    """Dutch when the terminal's language is Dutch, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def empty_database_message() -> str:
    """The sentence for an empty database, with where the demo is when it is elsewhere."""
    from django.conf import settings

    lang = language()
    message = EMPTY[lang]
    demo = Path("data") / "demo"
    data_dir = Path(getattr(settings, "DATA_DIR", "data")).resolve()
    embedded = "DATABASE_URL" not in os.environ
    if embedded and (demo / "vangnet.sqlite3").exists() and data_dir != demo.resolve():
        message += "\n" + DEMO_HINT[lang].format(path=demo)
    return message


if __name__ == "__main__":
    main()
