"""The demo neighbourhood: deterministic synthetic data, built by each app in turn."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from typing import Any

from django.db import transaction
from django.utils import timezone

# Each builder is ``build(ctx: DemoContext) -> None``; order matters.
BUILDERS: list[str] = [
    "vangnet.directory.demo.build",
    "vangnet.accounts.demo.build",
    "vangnet.clients.demo.build",
    "vangnet.detection.demo.build",
    "vangnet.care.demo.build",
    "vangnet.referrals.demo.build",
    "vangnet.screening.demo.build",
    "vangnet.casefinding.demo.build",
]

DEMO_PASSWORD = "vangnet-demo-2026"  # noqa: S105 (printed for the demo only)


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    note: str = ""


@dataclass
class DemoContext:
    seed: int = 2026
    now: datetime = field(default_factory=timezone.now)
    rng: random.Random = field(init=False)
    logins: list[DemoLogin] = field(default_factory=list)
    # Objects one builder leaves for the next, by name.
    shared: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def _builder(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def build_demo(*, seed: int = 2026, now: datetime | None = None) -> DemoContext:
    """Build the whole demo neighbourhood in one transaction."""
    ctx = DemoContext(seed=seed, now=now or timezone.now())
    with transaction.atomic():
        for dotted in BUILDERS:
            _builder(dotted)(ctx)
    return ctx
