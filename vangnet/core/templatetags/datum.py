"""One way to write a date on every screen: "3 november 2026", "3 november 2026, 14:05".

Use ``{{ value|datum }}`` for the date, ``{{ value|datum:"time" }}`` to add the time and
``{{ value|datum:"weekday" }}`` (or ``"weekday time"``) to start with the day of the week.
Month and day names follow the active language; times are local (the site's time zone).
Machine-readable dates (``<time datetime>``, file names, exports) keep ``|date``.
"""

from datetime import date, datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()

_OPTIONS = frozenset({"time", "weekday"})


def format_datum(value: date | datetime, options: str = "") -> str:
    """The date (and when asked the time) written out as people read it, in the active language."""
    wanted = set(options.split())
    if not wanted <= _OPTIONS:
        raise ValueError(f"Unknown datum options: {sorted(wanted - _OPTIONS)}")
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = "j F Y"
    if "weekday" in wanted:
        pattern = "l " + pattern
    if "time" in wanted and isinstance(value, datetime):
        pattern += ", H:i"
    return dateformat.format(value, pattern)


@register.filter(expects_localtime=False)
def datum(value: object, options: str = "") -> str:
    if not isinstance(value, date):
        return ""
    return format_datum(value, options)
