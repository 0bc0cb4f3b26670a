"""The access log proves it is whole: keyed seals, a protected head and checkpoints outside.

Alice's team is the intruder here: someone with write access to the database
(a careless admin, a restored backup with changes, an attacker on the database
host) but not to the application server's key or checkpoint folder.
"""

import hashlib
import json
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit import dbtriggers
from vangnet.audit.checkpoints import (
    CheckpointKind,
    checkpoint_dir,
    checkpoint_head,
    checkpoint_record,
    checkpoints_read,
)
from vangnet.audit.keys import current_key, key_id_of
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import GENESIS_HASH, AccessLogEntry, AuditEvent, ChainHead
from vangnet.audit.retention import PurgeRefused, log_purge
from vangnet.audit.verification import verify_chain

pytestmark = pytest.mark.django_db


def _rows(user: User, n: int) -> list[AccessLogEntry]:
    return [
        log_access(actor=Actor(user), event=AuditEvent.READ, client_id=200 + i, purpose="care_plan")
        for i in range(n)
    ]


def _sql(sql: str, params: list[Any] | None = None) -> None:
    """Change the database behind the application's back (triggers dropped, as an owner could)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _move_head_back_to(entry: AccessLogEntry | None) -> None:
    last_id, last_hash = (entry.pk, entry.entry_hash) if entry else (0, GENESIS_HASH)
    _sql("UPDATE audit_chainhead SET last_id = %s, last_hash = %s", [last_id, last_hash])


def _verify_exit(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        call_command("auditlog", "verify")
    except SystemExit as exit_info:
        return int(exit_info.code or 0), capsys.readouterr().err
    return 0, capsys.readouterr().out


# The seal


def test_rows_are_sealed_with_the_key_not_a_plain_hash(bob: User) -> None:
    row = _rows(bob, 1)[0]
    plain = hashlib.sha256((row.previous_hash + row.canonical()).encode()).hexdigest()
    assert row.key_id == current_key().key_id
    assert row.entry_hash != plain
    assert row.entry_hash == current_key().seal(row.previous_hash + row.canonical())


def test_a_chain_rewritten_without_the_key_is_found(
    bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows(bob, 4)
    # The intruder edits a row and re-chains everything after it with a key of their own.
    forged_key = "an-intruder-key-that-is-long-enough-0000000000"
    previous = rows[1].previous_hash
    for row in AccessLogEntry.objects.filter(pk__gte=rows[1].pk).order_by("pk"):
        if row.pk == rows[1].pk:
            row.reason = "nothing to see"
        row.key_id = key_id_of(forged_key.encode())
        new_hash = hashlib.sha256((previous + row.canonical()).encode()).hexdigest()
        _sql(
            "UPDATE audit_accesslogentry SET reason = %s, key_id = %s, previous_hash = %s, "
            "entry_hash = %s WHERE id = %s",
            [row.reason, row.key_id, previous, new_hash, row.pk],
        )
        previous = new_hash
    _sql("UPDATE audit_chainhead SET last_hash = %s", [previous])
    code, text = _verify_exit(capsys)
    assert code == 1
    assert f"row {rows[1].pk}" in text and "does not hold" in text


def test_a_chain_rewritten_as_unkeyed_rows_is_found(bob: User) -> None:
    rows = _rows(bob, 3)
    previous = GENESIS_HASH
    for row in AccessLogEntry.objects.order_by("pk"):
        row.key_id = ""
        new_hash = hashlib.sha256((previous + row.canonical()).encode()).hexdigest()
        _sql(
            "UPDATE audit_accesslogentry SET key_id = '', previous_hash = %s, entry_hash = %s "
            "WHERE id = %s",
            [previous, new_hash, row.pk],
        )
        previous = new_hash
    _sql("UPDATE audit_chainhead SET last_hash = %s", [previous])
    report = verify_chain()
    assert not report.ok and report.first_bad_id == rows[0].pk
    assert "not sealed with the key" in report.problem


def test_rows_from_before_keying_are_accepted_up_to_the_recorded_start(bob: User) -> None:
    # Two rows as an older version wrote them: plain SHA-256, no key.
    previous = GENESIS_HASH
    for n in range(2):
        entry = AccessLogEntry(
            event=AuditEvent.READ,
            occurred_at=timezone.now(),
            client_id=n,
            access_point="web",
            previous_hash=previous,
        )
        entry.entry_hash = hashlib.sha256((previous + entry.canonical()).encode()).hexdigest()
        entry.save()
        previous = entry.entry_hash
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous, "last_id": entry.pk})
    assert not verify_chain().ok  # without the record of where keying began
    checkpoint_record(kind=CheckpointKind.KEYED_FROM, last_id=entry.pk, last_hash=previous)
    _rows(bob, 2)
    report = verify_chain()
    assert report.ok and report.checked == 4


def test_a_key_change_keeps_older_rows_verifiable(bob: User) -> None:
    old = "the-first-access-log-key-0123456789-abcdef"
    new = "the-second-access-log-key-0123456789-abcdef"
    with override_settings(VANGNET_AUDIT_KEY=old):
        _rows(bob, 2)
    with override_settings(VANGNET_AUDIT_KEY=new, VANGNET_AUDIT_OLD_KEYS=[old]):
        _rows(bob, 2)
        assert verify_chain().ok
    with override_settings(VANGNET_AUDIT_KEY=new):
        report = verify_chain()
        assert not report.ok and "does not hold" in report.problem


def test_a_key_file_is_made_once_readable_only_by_its_owner(tmp_path: Path, bob: User) -> None:
    key_file = tmp_path / "keys" / "audit.key"
    with override_settings(VANGNET_AUDIT_KEY="", VANGNET_AUDIT_KEY_FILE=str(key_file)):
        first = current_key()
        _rows(bob, 1)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with override_settings(VANGNET_AUDIT_KEY="", VANGNET_AUDIT_KEY_FILE=str(key_file)):
        assert current_key() == first
        assert verify_chain().ok


# Checkpoints


def test_a_checkpoint_is_a_signed_write_once_file(bob: User) -> None:
    rows = _rows(bob, 3)
    checkpoint = checkpoint_head()
    assert checkpoint.last_id == rows[-1].pk and checkpoint.last_hash == rows[-1].entry_hash
    (path,) = checkpoint_dir().glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert json.loads(path.read_text())["mac"] == checkpoint.mac
    found, problems = checkpoints_read()
    assert found == [checkpoint] and problems == []


def test_a_checkpoint_changed_by_hand_is_refused(bob: User) -> None:
    _rows(bob, 2)
    checkpoint_head()
    (path,) = checkpoint_dir().glob("*.json")
    data = json.loads(path.read_text())
    data["last_id"] = 1
    os.chmod(path, 0o644)
    path.write_text(json.dumps(data))
    report = verify_chain()
    assert not report.ok and "seal does not match" in report.problem


@pytest.mark.parametrize("content", ["", "{", "[]", '{"kind": "head"}', "\x00" * 10, "9" * 5000])
def test_an_unreadable_checkpoint_is_reported_not_a_crash(bob: User, content: str) -> None:
    _rows(bob, 1)
    checkpoint_dir().mkdir(parents=True, exist_ok=True)
    (checkpoint_dir() / "broken.json").write_text(content)
    report = verify_chain()
    assert not report.ok and "cannot be read" in report.problem


def test_the_checkpoint_is_mailed_to_the_privacy_officer(settings: object, bob: User) -> None:
    _rows(bob, 1)
    with override_settings(VANGNET_AUDIT_CHECKPOINT_EMAIL="privacy@example.org"):
        checkpoint = checkpoint_head()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["privacy@example.org"]
    assert checkpoint.mac in mail.outbox[0].body


def test_a_mailed_checkpoint_can_be_checked_against(tmp_path: Path, bob: User) -> None:
    rows = _rows(bob, 3)
    checkpoint = checkpoint_head()
    for path in checkpoint_dir().glob("*.json"):
        os.chmod(path, 0o644)
        path.unlink()  # the folder copy is lost; the privacy officer's copy remains
    copy = tmp_path / "from-mail.json"
    copy.write_text(checkpoint.to_json())
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [rows[-1].pk])
    _move_head_back_to(rows[-2])
    assert verify_chain().ok  # nothing in the folder tells
    report = verify_chain([copy])
    assert not report.ok and report.first_bad_id == rows[-1].pk


def test_the_daily_jobs_write_a_checkpoint(bob: User) -> None:
    from vangnet.core.scheduling import run_jobs

    _rows(bob, 2)
    results = run_jobs()
    assert results["vangnet.audit.jobs.checkpoint_daily"] == 1
    assert len(list(checkpoint_dir().glob("*-head-*.json"))) == 1


# A cut tail


def test_a_cut_tail_with_the_head_moved_back_is_found(
    bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows(bob, 6)
    checkpoint_head()
    _sql("DELETE FROM audit_accesslogentry WHERE id >= %s", [rows[3].pk])
    _move_head_back_to(rows[2])
    code, text = _verify_exit(capsys)
    assert code == 1
    assert f"recorded row {rows[-1].pk}" in text and "now ends at row" in text


def test_an_emptied_log_is_found(bob: User, capsys: pytest.CaptureFixture[str]) -> None:
    _rows(bob, 4)
    checkpoint_head()
    _sql("DELETE FROM audit_accesslogentry")
    _move_head_back_to(None)
    code, text = _verify_exit(capsys)
    assert code == 1 and "the log is now empty" in text


def test_rows_after_the_last_checkpoint_are_covered_by_the_head(bob: User) -> None:
    rows = _rows(bob, 4)
    checkpoint_head()
    more = _rows(bob, 2)
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [more[-1].pk])
    report = verify_chain()
    assert not report.ok and "earlier than its recorded head" in report.problem
    assert rows  # the checkpointed rows are still whole


def test_a_whole_log_verifies_against_its_checkpoints(
    bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _rows(bob, 2)
    checkpoint_head()
    _rows(bob, 2)
    checkpoint_head()
    _rows(bob, 1)
    code, text = _verify_exit(capsys)
    assert code == 0 and "5 rows checked against 2 checkpoints" in text


def test_without_checkpoints_verify_says_what_it_cannot_see(
    bob: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _rows(bob, 1)
    call_command("auditlog", "verify")
    assert "no checkpoints found" in capsys.readouterr().err


# The chain head in the database


def test_the_database_keeps_the_head_on_the_newest_row(bob: User) -> None:
    dbtriggers.install(connection)  # rolled back with this test's transaction
    rows = _rows(bob, 3)
    assert ChainHead.objects.get(pk=1).last_id == rows[-1].pk
    for sql, params in (
        (
            "UPDATE audit_chainhead SET last_id = %s, last_hash = %s",
            [rows[0].pk, rows[0].entry_hash],
        ),
        ("UPDATE audit_chainhead SET last_hash = %s", ["f" * 64]),
        ("UPDATE audit_chainhead SET last_id = 0, last_hash = %s", [GENESIS_HASH]),
        ("DELETE FROM audit_chainhead", []),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            _sql(sql, params)
    _rows(bob, 1)  # appending still moves it on
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE triggers are PostgreSQL's")
def test_the_database_refuses_truncate(bob: User) -> None:
    dbtriggers.install(connection)
    _rows(bob, 1)
    for table in ("audit_accesslogentry", "audit_chainhead"):
        with pytest.raises(DatabaseError), transaction.atomic():
            _sql(f"TRUNCATE {table}")
    assert AccessLogEntry.objects.count() == 1


# Retention


def test_a_purge_removes_old_rows_and_verification_still_passes(bob: User) -> None:
    dbtriggers.install(connection)
    _rows(bob, 3)
    checkpoint_head()  # of rows that the purge will remove
    new = _rows(bob, 2)
    plan = log_purge(before=new[0].occurred_at + timedelta(microseconds=1))
    # Everything before the cut-off goes, except the newest row, which the head points to.
    assert plan.last_id == new[0].pk
    remaining = list(AccessLogEntry.objects.order_by("pk").values_list("pk", flat=True))
    assert remaining[0] == new[1].pk and len(remaining) == 2  # the newest row and the purge's row
    assert verify_chain().ok
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("DELETE FROM audit_accesslogentry")  # the trigger is back


def test_a_purge_of_a_broken_log_removes_nothing(bob: User) -> None:
    rows = _rows(bob, 3)
    _sql("UPDATE audit_accesslogentry SET reason = 'x' WHERE id = %s", [rows[1].pk])
    with pytest.raises(PurgeRefused):
        log_purge(before=timezone.now() + timedelta(days=1))
    assert AccessLogEntry.objects.count() == 3


def test_rows_missing_at_the_start_without_a_purge_record_are_found(bob: User) -> None:
    rows = _rows(bob, 3)
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [rows[0].pk])
    report = verify_chain()
    assert not report.ok and report.first_bad_id == rows[1].pk
