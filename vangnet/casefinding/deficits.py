"""The frailty index definition: the eFI's 36 deficits, their ICPC-2/ATC mapping and cut-offs.

Everything here comes from ``data/efi_deficits.json``, which names its sources per deficit.
"""

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from math import floor
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).resolve().parent / "data" / "efi_deficits.json"

# ICPC-2: a chapter letter and a two-digit rubric (01-99), optionally a Dutch NHG subcode.
ICPC_PATTERN = r"^[ABDFHKLNPRSTUWXYZ](0[1-9]|[1-9][0-9])(\.[0-9]{1,2})?$"
# ATC at substance level (7 characters), the level a prescription is recorded at.
ATC_PATTERN = r"^[ABCDGHJLMNPRSV][0-9]{2}[A-Z]{2}[0-9]{2}$"
# An ATC prefix in the mapping may stop at any level: A10, B03A, C01DA or a full code.
ATC_PREFIX_PATTERN = r"^[ABCDGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$"

POLYPHARMACY = "polypharmacy"


class FrailtyCategory(models.TextChoices):
    """The eFI's four categories of the index."""

    FIT = "fit", _("Fit")
    MILD = "mild", _("Mild frailty")
    MODERATE = "moderate", _("Moderate frailty")
    SEVERE = "severe", _("Severe frailty")


@dataclass(frozen=True)
class Deficit:
    key: str
    name_en: str
    name_nl: str
    icpc: tuple[str, ...]
    atc: tuple[str, ...]
    basis: str
    sources: tuple[str, ...]
    note: str

    def name(self, language: str) -> str:
        return self.name_nl if language.startswith("nl") else self.name_en


@dataclass(frozen=True)
class FrailtyIndex:
    """The whole definition: deficits in the data file's order, cut-offs and windows."""

    deficits: tuple[Deficit, ...]
    cutoffs: tuple[Fraction, Fraction, Fraction]
    polypharmacy_min: int
    polypharmacy_window_days: int
    polypharmacy_not_counted: tuple[str, ...]
    medication_window_days: int
    sources: dict[str, str]

    @property
    def size(self) -> int:
        return len(self.deficits)

    def bit(self, key: str) -> int:
        """The deficit's bit in a patient's deficit mask."""
        for index, deficit in enumerate(self.deficits):
            if deficit.key == key:
                return 1 << index
        raise KeyError(key)

    def max_count(self, category: FrailtyCategory) -> int:
        """The highest deficit count that still falls in ``category`` (exact, no floats)."""
        fit, mild, moderate = self.cutoffs
        limits = {
            FrailtyCategory.FIT: fit,
            FrailtyCategory.MILD: mild,
            FrailtyCategory.MODERATE: moderate,
        }
        if category == FrailtyCategory.SEVERE:
            return self.size
        return floor(limits[category] * self.size)

    def category_for(self, count: int) -> FrailtyCategory:
        for category in (FrailtyCategory.FIT, FrailtyCategory.MILD, FrailtyCategory.MODERATE):
            if count <= self.max_count(category):
                return category
        return FrailtyCategory.SEVERE

    def present(self, mask: int) -> list[Deficit]:
        """The deficits whose bits are set in ``mask``, in the data file's order."""
        return [d for index, d in enumerate(self.deficits) if mask >> index & 1]


def _check(definition: FrailtyIndex) -> None:
    keys = [d.key for d in definition.deficits]
    if len(keys) != 36 or len(set(keys)) != 36:
        raise ValueError("The eFI has 36 distinct deficits")
    if POLYPHARMACY not in keys:
        raise ValueError("The polypharmacy deficit is missing")
    for deficit in definition.deficits:
        unknown = [s for s in deficit.sources if s not in definition.sources]
        if unknown or not deficit.sources:
            raise ValueError(f"{deficit.key}: unknown or missing sources {unknown}")
        if deficit.basis not in {"direct", "judgement"}:
            raise ValueError(f"{deficit.key}: basis must be direct or judgement")
        for code in deficit.icpc:
            if not re.match(ICPC_PATTERN, code):
                raise ValueError(f"{deficit.key}: {code} is not an ICPC-2 code")
        for code in deficit.atc:
            if not re.match(ATC_PREFIX_PATTERN, code):
                raise ValueError(f"{deficit.key}: {code} is not an ATC code")
    if not definition.cutoffs[0] < definition.cutoffs[1] < definition.cutoffs[2]:
        raise ValueError("Cut-offs must rise")


@cache
def frailty_index() -> FrailtyIndex:
    """The definition from the data file, checked once per process."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    deficits = tuple(
        Deficit(
            key=item["key"],
            name_en=item["name_en"],
            name_nl=item["name_nl"],
            icpc=tuple(item["icpc"]),
            atc=tuple(item["atc"]),
            basis=item["basis"],
            sources=tuple(item["sources"]),
            note=item["note"],
        )
        for item in raw["deficits"]
    )
    cutoffs = raw["cutoffs"]
    poly = raw["polypharmacy"]
    definition = FrailtyIndex(
        deficits=deficits,
        cutoffs=(
            Fraction(cutoffs["fit"]),
            Fraction(cutoffs["mild"]),
            Fraction(cutoffs["moderate"]),
        ),
        polypharmacy_min=int(poly["min_distinct_medicines"]),
        polypharmacy_window_days=int(poly["window_days"]),
        polypharmacy_not_counted=tuple(poly["not_counted_atc_prefixes"]),
        medication_window_days=int(raw["medication_window_days"]),
        sources=dict(raw["sources"]),
    )
    _check(definition)
    return definition
