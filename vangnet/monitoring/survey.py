"""The experience survey: its statements, its one-use codes and the brake on guessing.

A code is eight letters and digits from an alphabet without look-alikes (32^8
possibilities). Only its SHA-256 hash is stored, with the network and quarter; the
row is deleted in the same transaction that stores the answers, so a used code and
an unknown code look the same to whoever types one.
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import Network
from vangnet.monitoring.models import SurveyAnswer, SurveyCode
from vangnet.monitoring.quarters import current_quarter
from vangnet.monitoring.suppression import threshold

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
DONT_KNOW = 0
# Attempts per address in one window before the code form refuses for a while.
ATTEMPTS = 10
WINDOW_SECONDS = 15 * 60

STATEMENTS = [
    ("contact", _("I know who my contact person is.")),
    ("listened", _("People listened to me.")),
    ("matters", _("My plan is about what matters to me.")),
    ("next_steps", _("I know what happens next.")),
    ("fitting", _("The help I get fits me.")),
    ("overall", _("All in all I am happy with the help.")),
]
KEYS = [key for key, _label in STATEMENTS]


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalised(text: str) -> str:
    """What was typed, in capitals, without spaces or dashes."""
    return "".join(text.split()).replace("-", "").upper()


def shown(code: str) -> str:
    """A code as printed: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def digest(code: str) -> str:
    return hashlib.sha256(normalised(code).encode()).hexdigest()


def issue_code(network: Network) -> str:
    """A fresh code for ``network`` and this quarter; returned once and never stored."""
    while True:
        code = new_code()
        _row, created = SurveyCode.objects.get_or_create(
            digest=digest(code),
            defaults={"network": network, "quarter": str(current_quarter())},
        )
        if created:
            return code


def record_answers(network_id: int, quarter: str, scores: dict[str, int | None]) -> None:
    SurveyAnswer.objects.create(network_id=network_id, quarter=quarter, **scores)


def redeem(code: str, scores: dict[str, int | None]) -> bool:
    """Store the answers and delete the code, both or neither; False for any code not valid."""
    with transaction.atomic():
        row = SurveyCode.objects.select_for_update().filter(digest=digest(code)).first()
        if row is None:
            return False
        if SurveyCode.objects.filter(pk=row.pk).delete()[0] != 1:
            return False
        record_answers(row.network_id, row.quarter, scores)
    return True


def too_many_attempts(address: str) -> bool:
    """Count one attempt from ``address``; True once it passes the limit for this window."""
    key = f"survey-attempts:{hashlib.sha256(address.encode()).hexdigest()}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > ATTEMPTS


AGREE = (4, 5)


@dataclass(frozen=True)
class Experience:
    """One statement in a quarter: how many gave a score (not "don't know"), how many agreed."""

    key: str
    label: str
    answers: int
    agreeing: int
    threshold: int

    @property
    def shown(self) -> bool:
        return self.answers >= self.threshold

    @property
    def share(self) -> int | None:
        """Whole percent agreeing; None when too few answered to show it."""
        if not self.shown:
            return None
        return round(100 * self.agreeing / self.answers)


def experience_of(network: Network, quarter: str) -> list[Experience]:
    """Per statement the share agreeing (4 or 5) among those who gave a score, in one query."""
    counts: dict[str, Any] = {}
    for key in KEYS:
        counts[f"{key}_answers"] = Count("pk", filter=Q(**{f"{key}__gte": 1}))
        counts[f"{key}_agreeing"] = Count("pk", filter=Q(**{f"{key}__in": AGREE}))
    found = SurveyAnswer.objects.filter(network=network, quarter=quarter).aggregate(**counts)
    limit = threshold()
    return [
        Experience(key, str(label), found[f"{key}_answers"], found[f"{key}_agreeing"], limit)
        for key, label in STATEMENTS
    ]
