"""``{% screen_help "clients.list" as help %}``: the help text of one screen, for the include."""

from django import template
from django.urls import reverse

from vangnet.guide.guides import GUIDES
from vangnet.guide.screens import help_for

register = template.Library()


@register.simple_tag
def screen_help(screen: str) -> dict[str, object] | None:
    found = help_for(screen)
    if found is None:
        return None
    guide = GUIDES[found.guide]
    return {
        "text": found.text,
        "guide_url": reverse("guide:role", kwargs={"slug": guide.slug}),
        "guide_label": guide.label,
    }
