"""Small template helpers for the social-map pages."""

import re

from django import template

from vangnet.directory.models import Person
from vangnet.directory.permissions import Entry, Viewer

register = template.Library()


@register.filter
def can_edit(viewer: Viewer, entry: Entry) -> bool:
    return viewer.can_edit(entry)


@register.filter
def can_delete(viewer: Viewer, entry: Entry) -> bool:
    return viewer.can_delete(entry)


@register.filter
def sees_private(viewer: Viewer, person: Person) -> bool:
    return viewer.sees_private_contact(person)


@register.filter
def tel_href(number: str) -> str:
    """A tel: link target: digits and a leading plus only."""
    cleaned = re.sub(r"[^\d+]", "", number or "")
    return f"tel:{cleaned}" if cleaned else ""


@register.filter
def line_for(lines: dict[int, str], pk: int) -> str:
    """The line a mapping gives for ``pk``; empty when it gives none."""
    return lines.get(pk, "")
