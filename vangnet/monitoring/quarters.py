"""Quarters of a year, written as 2026Q3, and the moments that bound them."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

PATTERN = re.compile(r"(\d{4})\s*[Qq]\s*([1-4])", re.ASCII)
FIRST_YEAR = 2000
LAST_YEAR = 2100


class QuarterError(ValueError):
    """The text is not a quarter in the form 2026Q3; the message says so in one sentence."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def before(self) -> datetime:
        """The first moment after the quarter."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def back(self, count: int) -> list["Quarter"]:
        """This quarter and the ``count - 1`` before it, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.append(quarters[-1].previous())
        return quarters[::-1]


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def current_quarter() -> Quarter:
    return quarter_of(timezone.localdate())


def parse_quarter(text: str) -> Quarter:
    """``2026Q3`` as a quarter; QuarterError for anything else (only ASCII digits count)."""
    found = PATTERN.fullmatch(text.strip())
    if found is None:
        raise QuarterError(_("Give a quarter as year and quarter number, for example 2026Q3."))
    year = int(found[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise QuarterError(
            _("Give a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return Quarter(year, int(found[2]))
