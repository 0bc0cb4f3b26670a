"""The access log is append-only and hash-chained; tampering is found."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from vangnet.accounts.models import User
from vangnet.audit import dbtriggers
from vangnet.audit.log import Actor, log_access, log_accesses
from vangnet.audit.models import AccessLogEntry, AppendOnlyError, AuditEvent
from vangnet.audit.verification import verify_chain

pytestmark = pytest.mark.django_db


def _some_rows(user: User, n: int = 5) -> list[AccessLogEntry]:
    return [
        log_access(actor=Actor(user), event=AuditEvent.READ, client_id=100 + i, purpose="care_plan")
        for i in range(n)
    ]


def _raw_update(sql: str, params: list[str | int]) -> None:
    """Change a row behind the application's back, as an intruder with database rights would.

    The database triggers are not installed here (see vangnet/conftest.py), just as an
    intruder with owner rights could drop them; the hash chain must still tell.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_intact_log_verifies(bob: User) -> None:
    _some_rows(bob)
    report = verify_chain()
    assert report.ok and report.checked == 5


def test_rows_chain_to_each_other(bob: User) -> None:
    rows = _some_rows(bob, 3)
    assert rows[1].previous_hash == rows[0].entry_hash
    assert rows[2].previous_hash == rows[1].entry_hash


def test_the_orm_refuses_updates_and_deletes(bob: User) -> None:
    row = _some_rows(bob, 1)[0]
    saved = AccessLogEntry.objects.get(pk=row.pk)
    saved.reason = "changed"
    with pytest.raises(AppendOnlyError):
        saved.save()
    with pytest.raises(AppendOnlyError):
        saved.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()


def test_the_database_refuses_updates_and_deletes(bob: User) -> None:
    dbtriggers.install(connection)  # rolled back with this test's transaction
    row = _some_rows(bob, 1)[0]
    for sql in (
        "UPDATE audit_accesslogentry SET reason = 'x' WHERE id = %s",
        "DELETE FROM audit_accesslogentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert AccessLogEntry.objects.filter(pk=row.pk, reason="").exists()


def test_an_altered_row_is_named_as_the_first_bad_row(bob: User) -> None:
    rows = _some_rows(bob)
    _raw_update(
        "UPDATE audit_accesslogentry SET user_label = 'someone else' WHERE id = %s", [rows[2].pk]
    )
    report = verify_chain()
    assert not report.ok
    assert report.first_bad_id == rows[2].pk
    assert report.checked == 2


def test_a_removed_row_breaks_the_chain(bob: User) -> None:
    rows = _some_rows(bob)
    _raw_update("DELETE FROM audit_accesslogentry WHERE id = %s", [rows[1].pk])
    report = verify_chain()
    assert not report.ok and report.first_bad_id == rows[2].pk


def test_a_removed_last_row_is_found_too(bob: User) -> None:
    rows = _some_rows(bob)
    _raw_update("DELETE FROM audit_accesslogentry WHERE id = %s", [rows[-1].pk])
    assert not verify_chain().ok


def test_a_rehashed_row_still_breaks_the_chain_after_it(bob: User) -> None:
    rows = _some_rows(bob)
    forged = AccessLogEntry.objects.get(pk=rows[1].pk)
    forged.reason = "forged"
    new_hash = forged.compute_hash(forged.previous_hash)
    assert new_hash is not None
    _raw_update(
        "UPDATE audit_accesslogentry SET reason = %s, entry_hash = %s WHERE id = %s",
        ["forged", new_hash, rows[1].pk],
    )
    report = verify_chain()
    assert not report.ok and report.first_bad_id == rows[2].pk


def test_the_command_exits_0_when_intact(bob: User, capsys: pytest.CaptureFixture[str]) -> None:
    _some_rows(bob)
    call_command("auditlog", "verify")
    assert "intact" in capsys.readouterr().out


def test_the_command_exits_non_zero_and_names_the_row(
    bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _some_rows(bob)
    _raw_update("UPDATE audit_accesslogentry SET purpose = 'other' WHERE id = %s", [rows[3].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("auditlog", "verify")
    assert exit_info.value.code == 1
    assert f"row {rows[3].pk}" in capsys.readouterr().err


def test_many_rows_at_once_stay_in_one_chain(bob: User) -> None:
    log_accesses(actor=Actor(bob), event=AuditEvent.SEARCH, client_ids=[1, 2, 3])
    _some_rows(bob, 2)
    assert verify_chain().ok
    assert AccessLogEntry.objects.count() == 5


def test_a_row_records_who_what_when_and_why(bob: User) -> None:
    row = log_access(
        actor=Actor(bob, on_behalf_of=bob),
        event=AuditEvent.EXPORT,
        client_id=7,
        data_category="identity",
        purpose="care_plan",
        objects=["client:7", "export:pdf"],
    )
    saved = AccessLogEntry.objects.get(pk=row.pk)
    assert saved.user_id == bob.pk and saved.responsible_user_id == bob.pk
    assert saved.access_point == "web" and saved.objects_involved == ["client:7", "export:pdf"]
    assert saved.occurred_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
