"""What every app's demo builder shares: the seed, the clock, the logins, objects to pass on.

The builders run in turn from ``vangnet.workplace.demo``.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

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
