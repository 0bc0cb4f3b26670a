"""The shipped Dutch unit costs and price index, and a case's own amounts in their place.

The figures and their sources are in ``data/unit_costs.json`` and ``data/price_index.json``;
each file says where its figures come from and that they are to be confirmed against
the source's own tables. A shipped amount is indexed from its price year to the case's
year; a network's own amount is taken as given, in prices of the case's year.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class UnitCost:
    key: str
    name_nl: str
    name_en: str
    unit_nl: str
    unit_en: str
    amount: Decimal
    price_year: int
    payer: str
    source: dict[str, Any]

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    @property
    def unit(self) -> str:
        return self.unit_en if (get_language() or "nl").startswith("en") else self.unit_nl

    @property
    def citation(self) -> str:
        source = self.source
        return (
            f"{source['publisher']}, {source['title']}, {source['edition']} "
            f"(prijspeil {source['price_level']}), {source['table']}"
        )


@dataclass(frozen=True)
class PriceIndex:
    base_year: int
    figures: dict[int, Decimal]
    source: dict[str, Any]

    @property
    def citation(self) -> str:
        s = self.source
        return f"{s['publisher']}, {s['title']} ({s['table']}), {s['series']}"

    def year_used(self, year: int) -> int:
        """The year whose figure stands in for ``year``: itself, or the nearest one known."""
        known = sorted(self.figures)
        return min(max(year, known[0]), known[-1])

    def factor(self, from_year: int, to_year: int) -> Decimal:
        return self.figures[self.year_used(to_year)] / self.figures[self.year_used(from_year)]


@cache
def unit_costs() -> dict[str, UnitCost]:
    raw = json.loads((DATA / "unit_costs.json").read_text(encoding="utf-8"))
    return {
        row["key"]: UnitCost(
            key=row["key"],
            name_nl=row["name"]["nl"],
            name_en=row["name"]["en"],
            unit_nl=row["unit"]["nl"],
            unit_en=row["unit"]["en"],
            amount=Decimal(row["amount"]),
            price_year=int(row["price_year"]),
            payer=row["payer"],
            source=row["source"],
        )
        for row in raw["units"]
    }


@cache
def price_index() -> PriceIndex:
    raw = json.loads((DATA / "price_index.json").read_text(encoding="utf-8"))
    return PriceIndex(
        base_year=int(raw["base_year"]),
        figures={int(year): Decimal(value) for year, value in raw["index"].items()},
        source=raw["source"],
    )


@dataclass(frozen=True)
class PricedUnit:
    """A unit cost as one case uses it: indexed, or the network's own amount with its reason."""

    unit: UnitCost
    amount: Decimal
    shipped_indexed: Decimal
    index_year: int
    own_reason: str = ""

    @property
    def is_own(self) -> bool:
        return bool(self.own_reason)


def priced_units(year: int, overrides: dict[str, tuple[Decimal, str]]) -> dict[str, PricedUnit]:
    """Every unit cost in prices of ``year``, with the case's own amounts (amount, reason)."""
    index = price_index()
    result = {}
    for key, unit in unit_costs().items():
        indexed = unit.amount * index.factor(unit.price_year, year)
        own = overrides.get(key)
        result[key] = PricedUnit(
            unit=unit,
            amount=own[0] if own else indexed,
            shipped_indexed=indexed,
            index_year=index.year_used(year),
            own_reason=own[1] if own else "",
        )
    return result
