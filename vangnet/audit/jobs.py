"""The access log's daily job: a signed checkpoint of the chain head outside the database."""

from datetime import datetime

from vangnet.audit.checkpoints import checkpoint_head


def checkpoint_daily(now: datetime) -> int:
    """Write today's checkpoint (and mail it when an address is set); returns 1."""
    checkpoint_head()
    return 1
