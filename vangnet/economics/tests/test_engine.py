from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.economics.engine import (
    BenefitItem,
    CostItem,
    Scenario,
    Variable,
    apply,
    calculate,
    cents,
    monte_carlo,
    propose_split,
    tornado,
)

D = Decimal


def worked_example() -> Scenario:
    return Scenario(
        horizon_years=3,
        discount_rate=D("0.10"),
        costs=(
            CostItem("Gemeente", D(1000), frozenset({0, 1, 2})),
            CostItem("Huisarts", D(500), frozenset({0})),
        ),
        benefits=(BenefitItem("Verzekeraar", D(258), D(20), D("0.25"), D("0.5"), D("0.2")),),
    )


def test_it_reproduces_the_worked_example_to_the_cent() -> None:
    """The hand calculation, with r = 10% over three years (t = 0, 1, 2).

    Costs, discounted by 1 / 1.1^t:
      Gemeente, 1000 a year:  1000 + 1000 / 1.1 + 1000 / 1.21
                            = 1000 + 909.0909... + 826.4462... = 2735.5371... -> 2735.54
      Huisarts, 500 in year 0 only: 500.00

    Benefit of the insurer: 20 emergency visits fewer at 258, of which 25% would
    have happened anyway (deadweight), half credited to the network (attribution),
    declining 20% a year (drop-off):
      value(0) = 20 × 258 × (1 - 0.25) × 0.5           = 1935
      value(1) = 1935 × (1 - 0.2)   = 1548,   / 1.1  = 1407.2727...
      value(2) = 1935 × (1 - 0.2)^2 = 1238.4, / 1.21 = 1023.4710...
      present value = 1935 + 1407.2727... + 1023.4710... = 4365.7438... -> 4365.74

    The network: costs 3235.5371... -> 3235.54, benefits 4365.74,
    net 4365.7438... - 3235.5371... = 1130.2066... -> 1130.21.
    Benefit-cost ratio 4365.7438 / 3235.5371 = 1.349...; the network is paid
    back in year 0: its first year's benefit (1935) exceeds that year's costs (1500).
    """
    result = calculate(worked_example())
    gemeente, huisarts, verzekeraar = result.parties
    assert (cents(gemeente.pv_costs), cents(gemeente.net)) == (D("2735.54"), D("-2735.54"))
    assert (cents(huisarts.pv_costs), cents(huisarts.net)) == (D("500.00"), D("-500.00"))
    assert cents(verzekeraar.pv_benefits) == D("4365.74")
    assert verzekeraar.benefits_by_year == (
        D("1935.000000000000"),
        D("1407.272727272727"),
        D("1023.471074380165"),
    )
    assert cents(result.total.pv_costs) == D("3235.54")
    assert cents(result.total.pv_benefits) == D("4365.74")
    assert cents(result.total.net) == D("1130.21")
    assert f"{result.total.benefit_cost_ratio:.3f}" == "1.349"
    assert result.total.payback_year == 0
    assert gemeente.payback_year is None  # never paid back: it has no benefits
    assert verzekeraar.benefit_cost_ratio is None  # no costs


def test_it_proposes_a_split_that_leaves_every_party_at_zero_or_better() -> None:
    result = calculate(worked_example())
    proposal = propose_split(result)
    assert proposal.feasible
    assert {(t.payer, t.receiver, t.amount) for t in proposal.transfers} == {
        ("Verzekeraar", "Gemeente", D("2735.54")),
        ("Verzekeraar", "Huisarts", D("500.00")),
    }
    assert all(balance >= 0 for balance in proposal.balance.values())
    assert sum(proposal.received(p.party) for p in result.parties) == 0


def test_it_says_when_no_split_can_save_every_party() -> None:
    scenario = Scenario(
        1,
        D(0),
        costs=(CostItem("A", D(100), frozenset({0})),),
        benefits=(BenefitItem("B", D(10), D(3), D(0), D(1), D(0)),),
    )
    proposal = propose_split(calculate(scenario))
    assert not proposal.feasible
    assert proposal.shortfall == D(70)
    assert proposal.received("A") == D(30)


def test_it_pays_back_from_the_year_the_running_balance_stays_positive() -> None:
    scenario = Scenario(
        4,
        D(0),
        costs=(CostItem("A", D(100), frozenset({0, 2})),),
        benefits=(BenefitItem("A", D(1), D(60), D(0), D(1), D(0)),),
    )
    # Running: -40, +20, -20, +40: above zero for good from year 3.
    assert calculate(scenario).party("A").payback_year == 3


def test_it_varies_one_assumption_at_a_time_in_the_tornado() -> None:
    scenario = worked_example()
    variables = [
        Variable("attribution", "benefit", D("0.1"), D("0.9"), D("0.5"), "attribution", 0),
        Variable("costs", "party_costs", D("0.9"), D("1.1"), D(1), "Gemeente"),
    ]
    charts = {t.party: t for t in tornado(scenario, variables)}
    bar = charts["Verzekeraar"].bars[0]
    assert bar.variable.label == "attribution"
    assert cents(bar.at_low) == cents(D("4365.743801652892") / 5)
    assert not bar.can_turn_negative
    assert charts["Gemeente"].bars[0].can_turn_negative


def test_the_monte_carlo_run_repeats_with_the_same_seed() -> None:
    scenario = worked_example()
    variables = [Variable("q", "benefit", D(0), D(40), D(20), "quantity_per_year", 0)]
    first = monte_carlo(scenario, variables, samples=40, seed=7)
    again = monte_carlo(scenario, variables, samples=40, seed=7)
    assert first == again
    assert first.positive["Gemeente"] == 0
    assert 0 < first.positive["Verzekeraar"] <= 1


def test_apply_changes_every_row_priced_with_a_unit() -> None:
    scenario = Scenario(
        1,
        D(0),
        benefits=(
            BenefitItem("A", D(10), D(1), D(0), D(1), D(0), unit_key="x"),
            BenefitItem("B", D(10), D(1), D(0), D(1), D(0), unit_key="y"),
        ),
    )
    changed = apply(scenario, Variable("x", "unit_cost", D(1), D(2), D(1), "x"), D(2))
    assert [row.unit_cost for row in changed.benefits] == [D(20), D(10)]


# Properties.

shares = st.decimals(min_value=0, max_value=1, places=2)
amounts = st.decimals(min_value=0, max_value=10**7, places=2)
names = st.sampled_from(["Gemeente", "Verzekeraar", "Zorgkantoor", "Huisarts", "Welzijn"])


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    horizon = draw(st.integers(min_value=1, max_value=8))
    years = st.frozensets(st.integers(min_value=0, max_value=horizon - 1))
    costs = draw(st.lists(st.builds(CostItem, names, amounts, years), max_size=6))
    benefits = draw(
        st.lists(
            st.builds(BenefitItem, names, amounts, amounts, shares, shares, shares), max_size=6
        )
    )
    rate = draw(st.decimals(min_value=0, max_value=D("0.2"), places=4))
    return Scenario(horizon, rate, tuple(costs), tuple(benefits))


@settings(max_examples=80, deadline=None)
@given(scenarios())
def test_the_parties_nets_always_add_up_to_the_networks_net(scenario: Scenario) -> None:
    result = calculate(scenario)
    assert sum((p.net for p in result.parties), D(0)) == result.total.net
    assert sum((p.pv_costs for p in result.parties), D(0)) == result.total.pv_costs
    assert sum((p.pv_benefits for p in result.parties), D(0)) == result.total.pv_benefits


@settings(max_examples=80, deadline=None)
@given(
    st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
    st.integers(min_value=1, max_value=30),
    st.decimals(min_value=0, max_value=D("0.3"), places=4),
    st.decimals(min_value=0, max_value=D("0.3"), places=4),
)
def test_a_higher_discount_rate_never_raises_the_value_of_a_future_benefit(
    amount: Decimal, year: int, rate_a: Decimal, rate_b: Decimal
) -> None:
    low, high = sorted((rate_a, rate_b))
    benefit = BenefitItem("A", amount, D(1), D(0), D(1), D(0))

    def present_value(rate: Decimal) -> Decimal:
        return (
            calculate(Scenario(year + 1, rate, benefits=(benefit,)))
            .party("A")
            .benefits_by_year[year]
        )

    assert present_value(high) <= present_value(low)


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_a_feasible_split_leaves_no_party_below_zero(scenario: Scenario) -> None:
    result = calculate(scenario)
    proposal = propose_split(result)
    assert sum((proposal.received(p.party) for p in result.parties), D(0)) == 0
    if proposal.feasible:
        assert all(balance >= 0 for balance in proposal.balance.values())
