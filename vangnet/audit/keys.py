"""The secret key that seals the access log, kept outside the database.

Each log row's hash is an HMAC-SHA256 under this key, so someone who can write
to the database but not read the server's environment or data folder cannot
rewrite the chain. The key comes from ``VANGNET_AUDIT_KEY`` (the same on every
web server and worker), or from the key file ``VANGNET_AUDIT_KEY_FILE``, made
once with mode 0600 when it does not exist yet. Keys that sealed older rows stay
readable through ``VANGNET_AUDIT_OLD_KEYS`` after a key change.

Every row and checkpoint names its key by ``key_id``: a short hash of the key,
which says which key to check with but reveals nothing of the key itself.
"""

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_KEY_LENGTH = 32


@dataclass(frozen=True)
class AuditKey:
    key_id: str
    secret: bytes = b""

    def seal(self, message: str) -> str:
        """The HMAC-SHA256 of ``message`` under this key, as 64 hex digits."""
        return hmac.new(self.secret, message.encode(), hashlib.sha256).hexdigest()


def key_id_of(secret: bytes) -> str:
    return hashlib.sha256(b"vangnet-audit-key-id:" + secret).hexdigest()[:16]


def key_checked(text: str, source: str) -> bytes:
    text = text.strip()
    if len(text) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"The access-log key from {source} is shorter than {MIN_KEY_LENGTH} characters."
        )
    return text.encode()


def _from_file(path: Path) -> bytes:
    """The key in ``path``; made at first use, so every later start reads the same key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first; read theirs
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
    return key_checked(path.read_text(), str(path))


_cache: dict[tuple[str, str, tuple[str, ...]], tuple[AuditKey, dict[str, AuditKey]]] = {}


def _load() -> tuple[AuditKey, dict[str, AuditKey]]:
    configured = str(getattr(settings, "VANGNET_AUDIT_KEY", "") or "")
    key_file = str(getattr(settings, "VANGNET_AUDIT_KEY_FILE", "") or "")
    old = tuple(str(k) for k in getattr(settings, "VANGNET_AUDIT_OLD_KEYS", ()) or ())
    cache_key = (configured, key_file, old)
    if cache_key not in _cache:
        if configured:
            secret = key_checked(configured, "VANGNET_AUDIT_KEY")
        elif key_file:
            secret = _from_file(Path(key_file))
        else:
            raise ImproperlyConfigured("Set VANGNET_AUDIT_KEY or VANGNET_AUDIT_KEY_FILE.")
        current = AuditKey(key_id_of(secret), secret)
        known = {current.key_id: current}
        for text in old:
            old_secret = key_checked(text, "VANGNET_AUDIT_OLD_KEYS")
            known.setdefault(key_id_of(old_secret), AuditKey(key_id_of(old_secret), old_secret))
        _cache[cache_key] = (current, known)
    return _cache[cache_key]


def current_key() -> AuditKey:
    """The key new rows and checkpoints are sealed with."""
    return _load()[0]


def known_key(key_id: str) -> AuditKey | None:
    """The current or an older key by its id; ``None`` when this server does not hold it."""
    return _load()[1].get(key_id)
