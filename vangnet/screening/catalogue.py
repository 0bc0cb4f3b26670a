"""The instruments offered on the screens, and how each may be administered."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.screening.engine import Instrument, Item, ItemType, load_instrument

# In the order a professional usually reaches for them.
OFFERED: tuple[str, ...] = ("gfi", "tfi", "prisma7", "zrm5", "imesa")

# The self-reliance scan is a professional's judgement, not a questionnaire for the older person;
# of the INTERMED-E-SA the professional enters the total the older person scored on paper.
PROFESSIONAL_ONLY: frozenset[str] = frozenset({"zrm5", "imesa"})

# Numeric items with this many possible answers or fewer get one button per number.
MAX_BUTTONS = 11

# The five levels of the Dutch Self-Sufficiency Matrix (Fassaert et al. 2014), for zrm5.
ZRM_LEVELS: dict[int, Promise] = {
    1: _("acute problems"),
    2: _("not self-reliant"),
    3: _("limited self-reliance"),
    4: _("adequately self-reliant"),
    5: _("fully self-reliant"),
}


def offered_instruments() -> list[Instrument]:
    return [load_instrument(code) for code in OFFERED]


def self_completable(code: str) -> bool:
    return code not in PROFESSIONAL_ONLY


def number_choices(instrument: Instrument, item: Item) -> list[tuple[int, str]] | None:
    """One (value, label) per possible number, or None when a typed number fits better."""
    if item.type is not ItemType.INTEGER or item.minimum is None or item.maximum is None:
        return None
    if item.maximum - item.minimum + 1 > MAX_BUTTONS:
        return None
    choices = []
    for value in range(item.minimum, item.maximum + 1):
        level = ZRM_LEVELS.get(value) if instrument.code == "zrm5" else None
        choices.append((value, f"{value}: {level}" if level else str(value)))
    return choices
