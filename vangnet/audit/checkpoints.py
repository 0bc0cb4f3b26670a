"""Signed checkpoints: copies of the chain head kept outside the database.

A hash chain shows a changed or removed row in the middle, but not a cut tail:
whoever deletes the newest rows and moves the chain head back leaves a shorter
chain that is still whole. Like the signed tree heads of Certificate
Transparency, a checkpoint records the newest row's id and hash at a moment,
sealed with the access-log key, in a write-once file in
``VANGNET_AUDIT_CHECKPOINT_DIR`` (and, when ``VANGNET_AUDIT_CHECKPOINT_EMAIL``
is set, by mail to the privacy officer). Verification then demands that every
recorded row is still there with the same hash.

Three kinds:

- ``head``: the chain head at a moment (written daily, and on demand);
- ``keyed-from``: the last row written before the log was keyed; rows without
  a key are accepted only up to it;
- ``retention``: the last row removed by ``vangnet auditlog purge``; the log
  may lawfully start after it.
"""

import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from vangnet.audit.keys import current_key, known_key
from vangnet.audit.models import GENESIS_HASH, ChainHead


class CheckpointKind(StrEnum):
    HEAD = "head"
    KEYED_FROM = "keyed-from"
    RETENTION = "retention"


@dataclass(frozen=True)
class Checkpoint:
    kind: str
    written_at: str
    last_id: int
    last_hash: str
    key_id: str = ""
    mac: str = ""

    def signed_text(self) -> str:
        fields = asdict(self)
        fields.pop("mac")
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, indent=2) + "\n"

    @property
    def written(self) -> datetime:
        return datetime.fromisoformat(self.written_at)


def checkpoint_dir() -> Path:
    return Path(str(settings.VANGNET_AUDIT_CHECKPOINT_DIR))


def _sign(checkpoint: Checkpoint) -> Checkpoint:
    key = current_key()
    unsigned = replace(checkpoint, key_id=key.key_id, mac="")
    return replace(unsigned, mac=key.seal(unsigned.signed_text()))


def _write_once(checkpoint: Checkpoint) -> Path:
    """Create the checkpoint's file; it is never opened for writing again."""
    folder = checkpoint_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = checkpoint.written.strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}-{checkpoint.kind}-{checkpoint.last_id}.json"
    # O_EXCL: an existing file is never overwritten; mode 0444: read-only from the start.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(checkpoint.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    return path


def checkpoint_record(*, kind: CheckpointKind, last_id: int, last_hash: str) -> Checkpoint:
    """Sign and store one checkpoint; mail a copy when a privacy officer's address is set."""
    written_at = timezone.now().astimezone(UTC).isoformat()
    checkpoint = _sign(Checkpoint(str(kind), written_at, last_id, last_hash))
    _write_once(checkpoint)
    recipient = str(getattr(settings, "VANGNET_AUDIT_CHECKPOINT_EMAIL", "") or "")
    if recipient:
        send_mail(
            subject=f"Vangnet access log checkpoint {checkpoint.kind} {checkpoint.last_id}",
            message=(
                "Keep this message. It lets the access log be checked against what it "
                "held at this moment (vangnet auditlog verify --checkpoint FILE).\n\n"
                + checkpoint.to_json()
            ),
            from_email=None,
            recipient_list=[recipient],
        )
    return checkpoint


def checkpoint_head() -> Checkpoint:
    """A checkpoint of the chain head as the database holds it now."""
    head = ChainHead.objects.filter(pk=1).first()
    last_id, last_hash = (head.last_id, head.last_hash) if head else (0, GENESIS_HASH)
    return checkpoint_record(kind=CheckpointKind.HEAD, last_id=last_id, last_hash=last_hash)


@dataclass(frozen=True)
class CheckpointProblem:
    source: str
    problem: str


def checkpoint_parse(text: str) -> Checkpoint:
    """One checkpoint from its JSON text; ``ValueError`` when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    try:
        checkpoint = Checkpoint(
            kind=str(data["kind"]),
            written_at=str(data["written_at"]),
            last_id=int(data["last_id"]),
            last_hash=str(data["last_hash"]),
            key_id=str(data["key_id"]),
            mac=str(data["mac"]),
        )
        checkpoint.written  # noqa: B018 - a bad time fails here
    except (KeyError, TypeError) as error:
        raise ValueError(f"a field is missing or wrong: {error}") from error
    if checkpoint.kind not in set(CheckpointKind):
        raise ValueError(f"unknown kind {checkpoint.kind!r}")
    return checkpoint


def checkpoint_problem(checkpoint: Checkpoint) -> str:
    """Why this checkpoint cannot be trusted, or an empty string when its seal is right."""
    key = known_key(checkpoint.key_id)
    if key is None:
        return f"it is sealed with key {checkpoint.key_id}, which this server does not hold"
    if key.seal(checkpoint.signed_text()) != checkpoint.mac:
        return "its seal does not match its content: it was changed or forged"
    return ""


def checkpoints_read(
    extra: list[Path] | None = None,
) -> tuple[list[Checkpoint], list[CheckpointProblem]]:
    """Every checkpoint in the folder (and in ``extra`` files), and what is wrong with any."""
    folder = checkpoint_dir()
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    paths += extra or []
    found: list[Checkpoint] = []
    problems: list[CheckpointProblem] = []
    for path in paths:
        try:
            checkpoint = checkpoint_parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
            problems.append(CheckpointProblem(str(path), f"it cannot be read: {error}"))
            continue
        problem = checkpoint_problem(checkpoint)
        if problem:
            problems.append(CheckpointProblem(str(path), problem))
        else:
            found.append(checkpoint)
    return found, problems
