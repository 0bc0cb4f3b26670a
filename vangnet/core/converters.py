"""The ``<id:...>`` path converter: a database id in an address, or no match at all.

Django's ``int`` converter takes any run of digits, so ``/clients/99999999999999999999/``
reaches the view and overflows the database's integer. ``id`` takes 1 to 19 ASCII
digits up to the largest bigint; anything else is simply not found (404).
"""

from vangnet.core.params import BIGINT_MAX


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGINT_MAX:
            raise ValueError("larger than any id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
