"""Checking that the access log is whole: every row sealed, chained and still there.

``verify_chain`` recomputes every row's seal in order and compares the chain
with the chain head and with every signed checkpoint (``checkpoints``). It finds
a changed, inserted or removed row, a row sealed without the key, a tail cut
off (even with the chain head moved back), and an emptied table.
"""

from dataclasses import dataclass, field
from pathlib import Path

from vangnet.audit.checkpoints import Checkpoint, CheckpointKind, checkpoints_read
from vangnet.audit.models import GENESIS_HASH, AccessLogEntry, ChainHead


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""
    checkpoints: int = 0
    notes: list[str] = field(default_factory=list)


def _when(checkpoint: Checkpoint) -> str:
    return checkpoint.written.strftime("%Y-%m-%d %H:%M UTC")


def verify_chain(extra_checkpoints: list[Path] | None = None) -> ChainReport:
    """Recompute the chain; report the first row, or the first checkpoint, that does not fit."""
    checkpoints, checkpoint_problems = checkpoints_read(extra_checkpoints)
    if checkpoint_problems:
        bad = checkpoint_problems[0]
        return ChainReport(False, 0, None, f"checkpoint {bad.source}: {bad.problem}")
    retention = max(
        (c for c in checkpoints if c.kind == CheckpointKind.RETENTION),
        key=lambda c: c.last_id,
        default=None,
    )
    purged_up_to = retention.last_id if retention else 0
    keyed_from = max(
        (c for c in checkpoints if c.kind == CheckpointKind.KEYED_FROM),
        key=lambda c: c.last_id,
        default=None,
    )
    heads: dict[int, list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        if checkpoint.kind == CheckpointKind.HEAD and checkpoint.last_id > purged_up_to:
            heads.setdefault(checkpoint.last_id, []).append(checkpoint)

    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    # After a retention purge the log lawfully starts right after the last removed row.
    lawful_start = (retention.last_id, retention.last_hash) if retention else None
    for entry in AccessLogEntry.objects.order_by("pk").iterator(chunk_size=2000):
        if checked == 0 and lawful_start and (entry.pk > lawful_start[0]):
            previous = lawful_start[1]
        if entry.previous_hash != previous:
            return ChainReport(
                False, checked, entry.pk, "its previous hash does not match the row before it"
            )
        if not entry.key_id and (keyed_from is None or entry.pk > keyed_from.last_id):
            return ChainReport(False, checked, entry.pk, "it is not sealed with the key")
        expected = entry.compute_hash(previous)
        if expected is None:
            return ChainReport(
                False,
                checked,
                entry.pk,
                f"it is sealed with key {entry.key_id}, which this server does not hold",
            )
        if expected != entry.entry_hash:
            return ChainReport(False, checked, entry.pk, "its content does not match its seal")
        if (
            keyed_from
            and entry.pk == keyed_from.last_id
            and entry.entry_hash != keyed_from.last_hash
        ):
            return ChainReport(
                False, checked, entry.pk, "it differs from the checkpoint made when keying began"
            )
        for checkpoint in heads.pop(entry.pk, []):
            if checkpoint.last_hash != entry.entry_hash:
                return ChainReport(
                    False,
                    checked,
                    entry.pk,
                    f"it differs from the checkpoint of {_when(checkpoint)}",
                )
        previous = entry.entry_hash
        checked += 1
        last_id = entry.pk

    missing = [c for found in heads.values() for c in found if c.last_hash != GENESIS_HASH]
    if missing:
        newest = max(missing, key=lambda c: c.last_id)
        where = f"the log now ends at row {last_id}" if checked else "the log is now empty"
        return ChainReport(
            False,
            checked,
            newest.last_id,
            f"the checkpoint of {_when(newest)} recorded row {newest.last_id}, but that row is "
            f"missing and {where}: rows were removed",
            len(checkpoints),
        )
    head = ChainHead.objects.filter(pk=1).first()
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_hash != previous:
        return ChainReport(
            False,
            checked,
            last_id or None,
            "the chain ends earlier than its recorded head: rows were removed",
            len(checkpoints),
        )
    notes = []
    if not any(c.kind == CheckpointKind.HEAD for c in checkpoints):
        notes.append(
            "no checkpoints found: a cut-off end of the log cannot be detected until "
            "'vangnet auditlog checkpoint' has run (the daily jobs run it)"
        )
    return ChainReport(True, checked, checkpoints=len(checkpoints), notes=notes)
