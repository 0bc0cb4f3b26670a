"""From a stored business case to its figures: the scenario, the result, the split, the ranges.

Every row of a case is read in a fixed number of queries (``load``); the rest is
arithmetic in ``vangnet.economics.engine``.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from vangnet.economics.engine import (
    ONE,
    ZERO,
    BenefitItem,
    Chances,
    CostItem,
    Proposal,
    Result,
    Scenario,
    Tornado,
    Variable,
    calculate,
    monte_carlo,
    propose_split,
    tornado,
)
from vangnet.economics.models import (
    BenefitLine,
    BusinessCase,
    CaseParty,
    CostLine,
    QualitativeBenefit,
    Timing,
)
from vangnet.economics.unitcosts import PricedUnit, priced_units

TORNADO_BARS = 8
# Monte Carlo runs behind the overview; the setting VANGNET_ECONOMICS_SAMPLES can change it.
SCREEN_SAMPLES = 300
RANGES_SECONDS = 24 * 3600


@dataclass
class CaseBook:
    """A case with all its rows, read once."""

    case: BusinessCase
    parties: list[CaseParty]
    cost_lines: list[CostLine]
    benefit_lines: list[BenefitLine]
    qualitative: list[QualitativeBenefit]
    units: dict[str, PricedUnit]
    party_by_id: dict[int, CaseParty] = field(init=False)

    def __post_init__(self) -> None:
        self.party_by_id = {party.pk: party for party in self.parties}

    def party_name(self, party_id: int) -> str:
        return self.party_by_id[party_id].name

    def cost_amount(self, line: CostLine) -> Decimal:
        return line.amount_per_year(self.party_by_id[line.party_id].hourly_rate)

    def unit_amount(self, line: BenefitLine) -> Decimal:
        priced = self.units.get(line.unit_key)
        return priced.amount if priced else ZERO

    def unit_label(self, key: str) -> str:
        priced = self.units.get(key)
        return priced.unit.name if priced else key

    @property
    def overridden(self) -> list[PricedUnit]:
        return [unit for unit in self.units.values() if unit.is_own]


def load(case: BusinessCase) -> CaseBook:
    """The case with its parties, lines and unit costs: five queries, whatever the size."""
    parties = list(CaseParty.objects.filter(case=case).select_related("organisation"))
    cost_lines = list(CostLine.objects.filter(case=case))
    benefit_lines = list(BenefitLine.objects.filter(case=case))
    qualitative = list(QualitativeBenefit.objects.filter(case=case).select_related("party"))
    overrides = {row.key: (row.amount, row.reason) for row in case.unit_cost_overrides.all()}
    return CaseBook(
        case=case,
        parties=parties,
        cost_lines=cost_lines,
        benefit_lines=benefit_lines,
        qualitative=qualitative,
        units=priced_units(case.price_year, overrides),
    )


def scenario_of(book: BusinessCase | CaseBook) -> Scenario:
    if isinstance(book, BusinessCase):
        book = load(book)
    case = book.case
    every = frozenset(range(case.horizon_years))
    costs = tuple(
        CostItem(
            party=book.party_name(line.party_id),
            amount_per_year=book.cost_amount(line),
            years=every if line.timing == Timing.EVERY_YEAR else frozenset({0}),
            label=line.description,
        )
        for line in book.cost_lines
    )
    benefits = tuple(
        BenefitItem(
            party=book.party_name(line.party_id),
            unit_cost=book.unit_amount(line),
            quantity_per_year=line.quantity_per_year,
            deadweight=line.deadweight,
            attribution=line.attribution,
            drop_off=line.drop_off,
            label=book.unit_label(line.unit_key),
            unit_key=line.unit_key,
        )
        for line in book.benefit_lines
    )
    return Scenario(
        horizon_years=case.horizon_years,
        discount_rate=case.discount_rate,
        costs=costs,
        benefits=benefits,
        parties=tuple(party.name for party in book.parties),
    )


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, ZERO), ONE)


def variables_of(book: CaseBook, scenario: Scenario) -> list[Variable]:
    """Every assumption and unit cost that can vary, over the case's (or the row's) range."""
    case = book.case
    result: list[Variable] = []
    share_fields = (
        ("deadweight", _("would have happened anyway")),
        ("attribution", _("share credited to the network")),
        ("drop_off", _("yearly decline")),
    )
    for index, (line, item) in enumerate(zip(book.benefit_lines, scenario.benefits, strict=True)):
        where = f"{item.label} ({item.party})"
        base = item.quantity_per_year
        low = (
            line.quantity_low
            if line.quantity_low is not None
            else base * (ONE - case.quantity_spread)
        )
        high = (
            line.quantity_high
            if line.quantity_high is not None
            else base * (ONE + case.quantity_spread)
        )
        result.append(
            Variable(
                f"{where}: {_('number per year')}",
                "benefit",
                low,
                high,
                base,
                "quantity_per_year",
                index,
            )
        )
        for name, label in share_fields:
            value: Decimal = getattr(item, name)
            result.append(
                Variable(
                    f"{where}: {label}",
                    "benefit",
                    _clamp(value - case.share_spread),
                    _clamp(value + case.share_spread),
                    value,
                    name,
                    index,
                )
            )
    for key in dict.fromkeys(item.unit_key for item in scenario.benefits):
        result.append(
            Variable(
                _("Unit cost: %(name)s") % {"name": book.unit_label(key)},
                "unit_cost",
                ONE - case.unit_cost_spread,
                ONE + case.unit_cost_spread,
                ONE,
                key,
            )
        )
    for party in dict.fromkeys(item.party for item in scenario.costs):
        result.append(
            Variable(
                _("Costs of %(party)s") % {"party": party},
                "party_costs",
                ONE - case.cost_spread,
                ONE + case.cost_spread,
                ONE,
                party,
            )
        )
    rate = case.discount_rate
    result.append(
        Variable(
            _("Discount rate"),
            "discount_rate",
            ZERO,
            max(Decimal("0.04"), rate + Decimal("0.02"))
            if rate >= Decimal("0.04")
            else Decimal("0.04"),
            rate,
        )
    )
    return result


@dataclass
class Figures:
    book: CaseBook
    scenario: Scenario
    result: Result
    proposal: Proposal
    tornadoes: list[Tornado] = field(default_factory=list)
    chances: Chances | None = None


def figures_of(
    case: BusinessCase,
    *,
    with_ranges: bool = False,
    samples: int | None = None,
    book: CaseBook | None = None,
) -> Figures:
    """All the figures of one case; the tornado and the Monte Carlo run only when asked."""
    book = book or load(case)
    scenario = scenario_of(book)
    result = calculate(scenario)
    figures = Figures(book, scenario, result, propose_split(result))
    if with_ranges:
        configured: int = getattr(settings, "VANGNET_ECONOMICS_SAMPLES", SCREEN_SAMPLES)
        draws = samples or configured
        variables = variables_of(book, scenario)
        # The same scenario always gives the same ranges: reuse them until something changes.
        key = (
            "economics:ranges:"
            + hashlib.sha256(
                repr((scenario, variables, draws, case.random_seed)).encode()
            ).hexdigest()
        )
        ranges = cache.get(key)
        if ranges is None:
            ranges = (
                [
                    Tornado(t.party, t.base, t.bars[:TORNADO_BARS])
                    for t in tornado(scenario, variables)
                ],
                monte_carlo(scenario, variables, samples=draws, seed=case.random_seed),
            )
            cache.set(key, ranges, RANGES_SECONDS)
        figures.tornadoes, figures.chances = ranges
    return figures
