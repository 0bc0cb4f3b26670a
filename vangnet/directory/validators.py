"""Validators for Dutch codes used in the social map."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CBS_CODE_PATTERNS = {
    "municipality": re.compile(r"^GM\d{4}$"),
    "district": re.compile(r"^WK\d{6}$"),
    "neighbourhood": re.compile(r"^BU\d{8}$"),
}
POSTCODE_RE = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$")
AGB_RE = re.compile(r"^\d{8}$")


def validate_cbs_code(code: str, level: str) -> None:
    """CBS area codes: GM + 4 digits, WK + 6 digits, BU + 8 digits (CBS Wijk- en buurtkaart)."""
    pattern = CBS_CODE_PATTERNS[level]
    if not pattern.match(code):
        examples = {"municipality": "GM0363", "district": "WK036301", "neighbourhood": "BU03630101"}
        raise ValidationError(
            _("%(code)s is not a valid CBS code for this level; expected a code like %(example)s."),
            code="cbs_code",
            params={"code": code, "example": examples[level]},
        )


def normalise_postcode(value: str) -> str:
    """'1234ab' and '1234 AB' both become '1234 AB'."""
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value.strip().upper()


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, for example 1234 AB."),
            code="postcode",
        )


def validate_agb_code(value: str) -> None:
    """AGB codes (Vektis) are eight digits."""
    if value and not AGB_RE.match(value):
        raise ValidationError(
            _("An AGB code has exactly eight digits, for example 01234567."), code="agb"
        )
