"""The calculation of a business case: present values per party, exactly, in Decimal.

A benefit row is worth, in year t (t = 0 is the first year, up to horizon - 1)::

    value(t) = quantity × unit cost × (1 − deadweight) × attribution × (1 − drop-off)^t

where deadweight is the share that would have happened anyway, attribution the
share credited to the network, and drop-off the yearly decline. A cost row counts
its yearly amount in the years it names. Both are discounted to the first year::

    present value = Σ_t amount(t) / (1 + r)^t

The discount factor 1 / (1 + r)^t is computed once per year with sixty digits.
Every discounted amount of one row in one year is rounded to twelve decimals
(``QUANT``) before anything is added, and sums run with sixty digits, so each sum
is exact whatever the order: the parties' nets add up to the network's net to the
last digit. Money is rounded to cents only for display (``cents``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

PRECISION = 60
QUANT = Decimal("1e-12")
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
# The Dutch rate for social cost-benefit analysis (MKBA), in force since 2021.
MKBA_DISCOUNT_RATE = Decimal("0.0225")


def _context() -> Context:
    return Context(prec=PRECISION)


def cents(amount: Decimal) -> Decimal:
    """``amount`` rounded to whole cents, half away from zero, as money is shown."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostItem:
    """A yearly cost of one party, counted in the years named (0 is the first year)."""

    party: str
    amount_per_year: Decimal
    years: frozenset[int]
    label: str = ""


@dataclass(frozen=True)
class BenefitItem:
    """An avoided or shifted event that saves one party money every year."""

    party: str
    unit_cost: Decimal
    quantity_per_year: Decimal
    deadweight: Decimal
    attribution: Decimal
    drop_off: Decimal
    label: str = ""
    # Which unit cost the row prices with, so a sensitivity can vary it everywhere at once.
    unit_key: str = ""

    def value(self, year: int) -> Decimal:
        """The undiscounted value in ``year``, unrounded (sixty digits)."""
        with localcontext(_context()):
            return (
                self.quantity_per_year
                * self.unit_cost
                * (ONE - self.deadweight)
                * self.attribution
                * (ONE - self.drop_off) ** year
            )


@dataclass(frozen=True)
class Scenario:
    horizon_years: int
    discount_rate: Decimal
    costs: tuple[CostItem, ...] = ()
    benefits: tuple[BenefitItem, ...] = ()
    # Parties to show even when no row names them; their order is the order shown.
    parties: tuple[str, ...] = ()

    def party_names(self) -> list[str]:
        names = list(dict.fromkeys(self.parties))
        for party in [*(c.party for c in self.costs), *(b.party for b in self.benefits)]:
            if party not in names:
                names.append(party)
        return names


def discount_factors(rate: Decimal, horizon: int) -> tuple[Decimal, ...]:
    """``1 / (1 + rate)^t`` for each year t of the horizon, with sixty digits."""
    with localcontext(_context()):
        return tuple(ONE / (ONE + rate) ** year for year in range(horizon))


def discounted(amount: Decimal, rate: Decimal, year: int) -> Decimal:
    """``amount / (1 + rate)^year``, rounded to ``QUANT``: the unit every sum is made of."""
    with localcontext(_context()):
        return (amount * discount_factors(rate, year + 1)[year]).quantize(QUANT)


@dataclass(frozen=True)
class PartyResult:
    """One party's (or, with an empty name, the whole network's) present values."""

    party: str
    costs_by_year: tuple[Decimal, ...]
    benefits_by_year: tuple[Decimal, ...]

    @property
    def pv_costs(self) -> Decimal:
        return _sum(self.costs_by_year)

    @property
    def pv_benefits(self) -> Decimal:
        return _sum(self.benefits_by_year)

    @property
    def net(self) -> Decimal:
        with localcontext(_context()):
            return self.pv_benefits - self.pv_costs

    @property
    def benefit_cost_ratio(self) -> Decimal | None:
        """Benefits per euro of cost; None when the party has no costs."""
        if self.pv_costs == ZERO:
            return None
        with localcontext(_context()):
            return self.pv_benefits / self.pv_costs

    @property
    def payback_year(self) -> int | None:
        """The first year (0-based) from which the discounted running balance stays at zero or up.

        None when the party has no costs, or when the balance is still negative at the end.
        """
        if self.pv_costs == ZERO:
            return None
        running = ZERO
        payback: int | None = None
        with localcontext(_context()):
            for year, (cost, benefit) in enumerate(
                zip(self.costs_by_year, self.benefits_by_year, strict=True)
            ):
                running += benefit - cost
                if running < ZERO:
                    payback = None
                elif payback is None:
                    payback = year
        return payback


def _sum(values: Iterable[Decimal]) -> Decimal:
    with localcontext(_context()):
        return sum(values, ZERO)


@dataclass(frozen=True)
class Result:
    horizon_years: int
    discount_rate: Decimal
    parties: tuple[PartyResult, ...]
    total: PartyResult

    def party(self, name: str) -> PartyResult:
        for result in self.parties:
            if result.party == name:
                return result
        raise KeyError(name)


def row_costs(item: CostItem, factors: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """The discounted cost of one row in each year (``factors`` from ``discount_factors``)."""
    with localcontext(_context()):
        return tuple(
            (item.amount_per_year * factor).quantize(QUANT) if year in item.years else ZERO
            for year, factor in enumerate(factors)
        )


def row_benefits(item: BenefitItem, factors: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """The discounted benefit of one row in each year (``factors`` from ``discount_factors``)."""
    with localcontext(_context()):
        first = item.quantity_per_year * item.unit_cost * (ONE - item.deadweight) * item.attribution
        keep = ONE - item.drop_off
        result = []
        remaining = ONE
        for factor in factors:
            result.append((first * remaining * factor).quantize(QUANT))
            remaining *= keep
        return tuple(result)


def calculate(scenario: Scenario) -> Result:
    """Present values of costs and benefits per party and for the network as a whole."""
    horizon, rate = scenario.horizon_years, scenario.discount_rate
    names = scenario.party_names()
    with localcontext(_context()):
        factors = discount_factors(rate, horizon)
        costs = {name: [ZERO] * horizon for name in names}
        benefits = {name: [ZERO] * horizon for name in names}
        for cost in scenario.costs:
            row = costs[cost.party]
            for year in cost.years:
                row[year] += (cost.amount_per_year * factors[year]).quantize(QUANT)
        for benefit in scenario.benefits:
            row = benefits[benefit.party]
            for year, value in enumerate(row_benefits(benefit, factors)):
                row[year] += value
        parties = tuple(
            PartyResult(name, tuple(costs[name]), tuple(benefits[name])) for name in names
        )
        total = PartyResult(
            "",
            tuple(sum((costs[name][year] for name in names), ZERO) for year in range(horizon)),
            tuple(sum((benefits[name][year] for name in names), ZERO) for year in range(horizon)),
        )
    return Result(horizon, rate, parties, total)


# Sensitivity: one assumption at a time over its range (the tornado), all at once (Monte Carlo).


@dataclass(frozen=True)
class Variable:
    """One assumption that may vary, with its range and the value the case uses.

    ``kind`` says what it changes: ``"benefit"`` (field ``name`` of benefit row
    ``index``, as an absolute value), ``"unit_cost"`` (every row priced with unit
    ``name``, as a factor on its price), ``"party_costs"`` (every cost of party
    ``name``, as a factor) or ``"discount_rate"`` (as an absolute value).
    """

    label: str
    kind: str
    low: Decimal
    high: Decimal
    base: Decimal
    name: str = ""
    index: int = 0


def apply(scenario: Scenario, variable: Variable, value: Decimal) -> Scenario:
    """``scenario`` with ``variable`` set to ``value``."""
    with localcontext(_context()):
        match variable.kind:
            case "benefit":
                rows = list(scenario.benefits)
                changes: dict[str, Any] = {variable.name: value}
                rows[variable.index] = replace(rows[variable.index], **changes)
                return replace(scenario, benefits=tuple(rows))
            case "unit_cost":
                return replace(
                    scenario,
                    benefits=tuple(
                        replace(row, unit_cost=row.unit_cost * value)
                        if row.unit_key == variable.name
                        else row
                        for row in scenario.benefits
                    ),
                )
            case "party_costs":
                return replace(
                    scenario,
                    costs=tuple(
                        replace(row, amount_per_year=row.amount_per_year * value)
                        if row.party == variable.name
                        else row
                        for row in scenario.costs
                    ),
                )
            case "discount_rate":
                return replace(scenario, discount_rate=value)
    raise ValueError(f"unknown kind of variable: {variable.kind}")


def apply_all(scenario: Scenario, values: Sequence[tuple[Variable, Decimal]]) -> Scenario:
    """``scenario`` with every variable set at once; each row is copied only once."""
    benefit_changes: dict[int, dict[str, Any]] = {}
    unit_factors: dict[str, Decimal] = {}
    party_factors: dict[str, Decimal] = {}
    rate = scenario.discount_rate
    for variable, value in values:
        match variable.kind:
            case "benefit":
                benefit_changes.setdefault(variable.index, {})[variable.name] = value
            case "unit_cost":
                unit_factors[variable.name] = value
            case "party_costs":
                party_factors[variable.name] = value
            case "discount_rate":
                rate = value
            case _:
                raise ValueError(f"unknown kind of variable: {variable.kind}")
    with localcontext(_context()):
        benefits = []
        for index, row in enumerate(scenario.benefits):
            changes = dict(benefit_changes.get(index, {}))
            if row.unit_key in unit_factors:
                changes["unit_cost"] = row.unit_cost * unit_factors[row.unit_key]
            benefits.append(replace(row, **changes) if changes else row)
        costs = [
            replace(row, amount_per_year=row.amount_per_year * party_factors[row.party])
            if row.party in party_factors
            else row
            for row in scenario.costs
        ]
    return replace(scenario, discount_rate=rate, costs=tuple(costs), benefits=tuple(benefits))


@dataclass(frozen=True)
class Bar:
    """One bar of a party's tornado: its net with the variable at the low and the high end."""

    variable: Variable
    at_low: Decimal
    at_high: Decimal

    @property
    def swing(self) -> Decimal:
        return abs(self.at_high - self.at_low)

    @property
    def lowest(self) -> Decimal:
        return min(self.at_low, self.at_high)

    @property
    def highest(self) -> Decimal:
        return max(self.at_low, self.at_high)

    @property
    def can_turn_negative(self) -> bool:
        return self.lowest < ZERO


@dataclass(frozen=True)
class Tornado:
    party: str
    base: Decimal
    bars: tuple[Bar, ...]


def tornado(scenario: Scenario, variables: Sequence[Variable]) -> list[Tornado]:
    """Per party, each variable's effect on its net, the largest swing first."""
    base = calculate(scenario)
    ends = [
        (
            variable,
            calculate(apply(scenario, variable, variable.low)),
            calculate(apply(scenario, variable, variable.high)),
        )
        for variable in variables
    ]
    result = []
    for party in base.parties:
        bars = [
            Bar(variable, low.party(party.party).net, high.party(party.party).net)
            for variable, low, high in ends
        ]
        bars.sort(key=lambda bar: (-bar.swing, bar.variable.label))
        result.append(Tornado(party.party, party.net, tuple(bars)))
    return result


@dataclass(frozen=True)
class Chances:
    """Per party the share of Monte Carlo runs in which its balance came out positive."""

    samples: int
    seed: int
    positive: dict[str, Decimal] = field(default_factory=dict)


def monte_carlo(
    scenario: Scenario, variables: Sequence[Variable], *, samples: int, seed: int
) -> Chances:
    """Draw every variable at once from a triangle over its range, peaked at its base value.

    Seeded, so the same case gives the same chances every time.
    """
    import random

    rng = random.Random(seed)  # noqa: S311 - a simulation, not a secret
    names = scenario.party_names()
    hits = dict.fromkeys(names, 0)
    moving = [variable for variable in variables if variable.low != variable.high]
    for _ in range(samples):
        drawn = [
            (
                variable,
                Decimal(
                    repr(
                        rng.triangular(
                            float(variable.low), float(variable.high), float(variable.base)
                        )
                    )
                ).quantize(Decimal("1e-9")),
            )
            for variable in moving
        ]
        for party in calculate(apply_all(scenario, drawn)).parties:
            if party.net > ZERO:
                hits[party.party] += 1
    return Chances(
        samples=samples,
        seed=seed,
        positive={
            name: (Decimal(hits[name]) / Decimal(samples) if samples else ZERO) for name in names
        },
    )


# The split of the burden: who invests, who cashes in, and what would even it out.


@dataclass(frozen=True)
class Transfer:
    payer: str
    receiver: str
    amount: Decimal


@dataclass(frozen=True)
class Proposal:
    """Transfers (present values, in cents) that leave every party at zero or better.

    When the network as a whole loses money no transfer can do that: ``feasible``
    is False, the gainers pass on all they gain and ``shortfall`` is what is missing.
    """

    transfers: tuple[Transfer, ...]
    balance: dict[str, Decimal]
    feasible: bool
    shortfall: Decimal

    def received(self, party: str) -> Decimal:
        """What ``party`` receives (positive) or pays (negative) in all."""
        return _sum(t.amount for t in self.transfers if t.receiver == party) - _sum(
            t.amount for t in self.transfers if t.payer == party
        )


def _shares(total: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """``total`` (whole cents) split over ``weights`` in whole cents, none above its weight.

    Each share is rounded down first; the cents left over go one by one to whoever has
    the most room left under its own weight, so the shares add up to ``total`` exactly.
    """
    weight_sum = _sum(weights.values())
    if weight_sum == ZERO or total == ZERO:
        return dict.fromkeys(weights, ZERO)
    with localcontext(_context()):
        shares = {
            name: (total * weight / weight_sum).quantize(CENT, rounding=ROUND_FLOOR)
            for name, weight in weights.items()
        }
        rest = total - _sum(shares.values())
        while rest > ZERO:
            roomiest = max(weights, key=lambda name: (weights[name] - shares[name], name))
            shares[roomiest] += CENT
            rest -= CENT
    return shares


def _match(pays: dict[str, Decimal], gets: dict[str, Decimal]) -> list[Transfer]:
    """Pair payers with receivers in order until both sides are used up (equal sums, in cents)."""
    payers = [name for name, amount in pays.items() if amount > ZERO]
    receivers = [name for name, amount in gets.items() if amount > ZERO]
    left_to_pay = {name: pays[name] for name in payers}
    left_to_get = {name: gets[name] for name in receivers}
    transfers: list[Transfer] = []
    i = j = 0
    while i < len(payers) and j < len(receivers):
        payer, receiver = payers[i], receivers[j]
        amount = min(left_to_pay[payer], left_to_get[receiver])
        transfers.append(Transfer(payer, receiver, amount))
        left_to_pay[payer] -= amount
        left_to_get[receiver] -= amount
        if left_to_pay[payer] == ZERO:
            i += 1
        if left_to_get[receiver] == ZERO:
            j += 1
    return transfers


def propose_split(result: Result) -> Proposal:
    """Who pays whom: gainers cover the losers' deficits in proportion to what they gain.

    Deficits are rounded up to the cent, so every party ends at zero or better. When
    the gains do not cover the deficits, the gainers pass on all they gain and each
    losing party gets a share in proportion to its deficit.
    """
    order = sorted(result.parties, key=lambda p: (-abs(p.net), p.party))
    deficits = {
        p.party: (-p.net).quantize(CENT, rounding=ROUND_CEILING) for p in order if p.net < ZERO
    }
    surpluses = {p.party: p.net for p in order if p.net > ZERO}
    need = _sum(deficits.values())
    available = _sum(v.quantize(CENT, rounding=ROUND_FLOOR) for v in surpluses.values())
    feasible = available >= need
    moved = need if feasible else available
    pays = _shares(moved, surpluses)
    gets = deficits if feasible else _shares(moved, deficits)
    proposal = Proposal(
        transfers=tuple(_match(pays, gets)),
        balance={},
        feasible=feasible,
        shortfall=ZERO if feasible else need - available,
    )
    with localcontext(_context()):
        balance = {p.party: p.net + proposal.received(p.party) for p in result.parties}
    return replace(proposal, balance=balance)
