"""Showing referral figures: shares as percentages, days with one decimal, hidden as a dash."""

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{round(value * 100)}%"


@register.filter
def days(value: float | None) -> str:
    if value is None:
        return _("— (fewer than 5)")
    return number_format(round(value, 1), decimal_pos=1)


@register.filter
def as_list(value: Any) -> list[Any]:
    return [value]
