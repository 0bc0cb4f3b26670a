import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from vangnet.audit.checkpoints import checkpoint_dir, checkpoint_head
from vangnet.audit.dbroles import app_role_grants
from vangnet.audit.retention import PurgeRefused, log_purge, log_purge_plan
from vangnet.audit.verification import verify_chain


def _date(text: str) -> datetime:
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()  # noqa: DTZ007 - a date, made aware below
    except ValueError as error:
        raise CommandError(f"Not a date in the form YYYY-MM-DD: {text!r}") from error
    return timezone.make_aware(datetime.combine(day, time.min))


class Command(BaseCommand):
    help = (
        "Work with the access log. 'verify' checks the seals, the chain and the checkpoints "
        "(exit 0 when whole, 1 when not); 'checkpoint' writes a signed checkpoint of the chain "
        "head; 'purge' removes rows past the retention period (run as the database owner); "
        "'grants ROLE' prints the SQL that limits the application's database role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "purge", "grants"])
        parser.add_argument("role", nargs="?", help="grants: the application's database role")
        parser.add_argument(
            "--checkpoint",
            action="append",
            type=Path,
            default=[],
            help="verify: also check against this checkpoint file (for example one from mail)",
        )
        parser.add_argument("--before", help="purge: remove rows older than this date")
        parser.add_argument("--apply", action="store_true", help="purge/grants: do it")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            self._verify(options["checkpoint"])
        elif action == "checkpoint":
            checkpoint = checkpoint_head()
            self.stdout.write(
                f"Checkpoint written to {checkpoint_dir()}: row {checkpoint.last_id}, "
                f"hash {checkpoint.last_hash}."
            )
        elif action == "purge":
            self._purge(options["before"], options["apply"])
        else:
            self._grants(options["role"], options["apply"])

    def _verify(self, extra: list[Path]) -> None:
        report = verify_chain(extra)
        for note in report.notes:
            self.stderr.write(f"Note: {note}.")
        if report.ok:
            self.stdout.write(
                f"The access log is intact: {report.checked} rows checked against "
                f"{report.checkpoints} checkpoints."
            )
            return
        where = f"row {report.first_bad_id}" if report.first_bad_id else "the log"
        self.stderr.write(
            f"The access log is NOT intact: {where} is the first problem ({report.problem}); "
            f"{report.checked} rows before it are intact."
        )
        sys.exit(1)

    def _purge(self, before_text: str | None, apply: bool) -> None:
        if before_text:
            before = _date(before_text)
        else:
            years = int(settings.VANGNET_AUDIT_RETENTION_YEARS)
            before = timezone.now() - timedelta(days=round(365.25 * years))
        if not apply:
            plan = log_purge_plan(before=before)
            self.stdout.write(
                f"{plan.rows} rows are older than {before:%Y-%m-%d}. "
                "Run again with --apply, as the database owner, to remove them."
            )
            return
        try:
            plan = log_purge(before=before)
        except PurgeRefused as error:
            self.stderr.write(f"Nothing was removed: the access log is not intact ({error}).")
            sys.exit(1)
        self.stdout.write(f"{plan.rows} rows older than {before:%Y-%m-%d} were removed.")

    def _grants(self, role: str | None, apply: bool) -> None:
        if not role:
            raise CommandError("Name the application's database role: auditlog grants ROLE")
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist only on PostgreSQL.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            owner = str(cursor.fetchone()[0])
        try:
            statements = app_role_grants(role, owner_role=owner)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not apply:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(f"Privileges of {role} set; the tables stay owned by {owner}.")
