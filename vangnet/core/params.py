"""Whole numbers read from a request or a command line, accepted only as plain ASCII digits.

``str.isdigit()`` and ``int()`` both accept far more than a person types: "²" passes
``isdigit()`` and then makes ``int()`` fail, "١٢" (Arabic-Indic digits) and " 12 " pass
``int()``, and a 30-digit number passes both and then overflows a database column. Every
number taken from ``request.GET``, ``request.POST`` or a command argument goes through
``whole_number`` instead: anything else than ASCII digits in range is simply no number.
"""

from argparse import ArgumentTypeError
from collections.abc import Callable

from django.http import HttpRequest, QueryDict

# The largest number a PostgreSQL bigint column holds; no id or count in Vangnet is larger.
BIGINT_MAX = 2**63 - 1
# Enough digits for BIGINT_MAX; longer text is refused before it is converted at all.
MAX_DIGITS = len(str(BIGINT_MAX))
ASCII_DIGITS = frozenset("0123456789")


def whole_number(value: object, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """The number written in ``value``, or None unless it is 1 to 19 ASCII digits in range.

    No sign, no spaces, no other digits than 0-9: "12" is 12; "-1", " 12", "²", "١٢",
    "1e3" and "12.0" are None. A number below ``minimum`` or above ``maximum`` is None too.
    """
    if not isinstance(value, str) or not 0 < len(value) <= MAX_DIGITS:
        return None
    if not ASCII_DIGITS.issuperset(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def number_param(
    source: HttpRequest | QueryDict,
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = BIGINT_MAX,
    allowed: frozenset[int] | None = None,
) -> int | None:
    """The number in one query parameter (``request.GET`` when given a request), or ``default``.

    ``allowed`` narrows the answer to a fixed set of numbers, such as the steps of the pathway.
    """
    values = source.GET if isinstance(source, HttpRequest) else source
    number = whole_number(values.get(name, ""), minimum=minimum, maximum=maximum)
    if number is None or (allowed is not None and number not in allowed):
        return default
    return number


def number_argument(*, minimum: int = 0, maximum: int = BIGINT_MAX) -> Callable[[str], int]:
    """An argparse ``type`` for a command option: a clear usage error instead of a traceback."""

    def parse(text: str) -> int:
        number = whole_number(text, minimum=minimum, maximum=maximum)
        if number is None:
            raise ArgumentTypeError(
                f"expected a whole number from {minimum} to {maximum}, got {text[:40]!r}"
            )
        return number

    return parse
