"""Money, shares and years as the business-case screens show them."""

from decimal import Decimal

from django import template

from vangnet.economics.activity import shown_count
from vangnet.economics.report import euro as euro_text
from vangnet.economics.report import percent as percent_text
from vangnet.economics.report import ratio as ratio_text
from vangnet.economics.report import year_label

register = template.Library()


@register.filter
def euro(value: Decimal | None) -> str:
    return euro_text(value)


@register.filter
def percent(value: Decimal | None) -> str:
    return "-" if value is None else percent_text(value)


@register.filter
def ratio(value: Decimal | None) -> str:
    return ratio_text(value)


@register.filter
def payback(value: int | None) -> str:
    return year_label(value)


@register.filter
def is_negative(value: Decimal | None) -> bool:
    return value is not None and value < 0


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def shown(count: int | None, threshold: int) -> str:
    """A count as it may be shown: "< N" when it is small."""
    return "" if count is None else shown_count(count, threshold)
