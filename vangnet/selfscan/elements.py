"""The five working elements of collaboration in a network and the default statements.

The elements are RIVM's (seed report on integrated care networks for older people);
the statements in ``data/statements.json`` are Vangnet's own words for what each
element brings and how a network makes it happen.
"""

import json
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data" / "statements.json"


class Element(models.TextChoices):
    KNOW = "know", _("Knowing and understanding each other")
    LINES = "lines", _("Short lines")
    KNOWLEDGE = "knowledge", _("Sharing knowledge and expertise")
    RESPONSIBILITY = "responsibility", _("Joint responsibility")
    NEEDS = "needs", _("Needs of older people and carers at the centre")


ELEMENT_ORDER = {value: number for number, value in enumerate(Element.values, 1)}


@cache
def default_statements() -> dict[str, list[str]]:
    """Element → the default statements, in order, as shipped with Vangnet."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    elements: dict[str, list[str]] = data["elements"]
    return {element: list(elements[element]) for element in Element.values}
