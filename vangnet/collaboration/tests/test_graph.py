"""The graph's measures against a graph of five organisations worked out by hand (see world.py).

Undirected ties and their traces: Alpha-Beta 4, Beta-Gamma 1, Gamma-Delta 1, Gamma-Epsilon 1.

- density: 4 ties of 5 * 4 / 2 = 10 possible pairs = 0.4;
- reciprocity: directed ties Alpha->Beta, Beta->Alpha, Beta->Gamma; two of three
  run both ways = 2/3;
- degree centrality (ties / 4 others): Alpha 1/4, Beta 2/4, Gamma 3/4, Delta and
  Epsilon 1/4;
- betweenness (pairs whose only shortest path passes through, of the 6 pairs of
  the other four): Beta lies between Alpha and Gamma, Delta, Epsilon = 3/6;
  Gamma between Alpha or Beta and Delta or Epsilon (4) and Delta-Epsilon (1) =
  5/6; the others 0;
- brokers (betweenness 0.1 or more): Beta, Gamma;
- loosely tied (one tie or none): Alpha, Delta, Epsilon;
- articulation points: Beta (cuts off Alpha), Gamma (cuts off Delta and Epsilon).
"""

from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import coordinating, in_network
from vangnet.collaboration.measures import Measures, compare, measure
from vangnet.collaboration.tests.world import five, mdo, referral
from vangnet.collaboration.traces import Level, Period, network_traces
from vangnet.conftest import log_in
from vangnet.directory.tests.factories import NetworkFactory, StepAssignmentFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def _by_name(measures: Measures) -> dict[str, object]:
    return {m.node.name: m for m in measures.nodes}


def test_the_measures_match_the_hand_worked_graph() -> None:
    world = five(DAY)
    measures = measure(network_traces(world.network, PERIOD, Level.ORGANISATIONS))
    assert measures.density == pytest.approx(0.4)
    assert measures.reciprocity == pytest.approx(2 / 3)
    nodes = {m.node.name: m for m in measures.nodes}
    assert {n: m.degree for n, m in nodes.items()} == pytest.approx(
        {"Alpha": 0.25, "Beta": 0.5, "Gamma": 0.75, "Delta": 0.25, "Epsilon": 0.25}
    )
    assert {n: m.betweenness for n, m in nodes.items()} == pytest.approx(
        {"Alpha": 0.0, "Beta": 0.5, "Gamma": 5 / 6, "Delta": 0.0, "Epsilon": 0.0}
    )
    assert {n: m.weight for n, m in nodes.items()} == {
        "Alpha": 4,
        "Beta": 5,
        "Gamma": 3,
        "Delta": 1,
        "Epsilon": 1,
    }
    assert [m.node.name for m in measures.brokers] == ["Beta", "Gamma"]
    assert [m.node.name for m in measures.loose] == ["Alpha", "Delta", "Epsilon"]
    assert {m.node.name: [o.name for o in m.cuts_off] for m in measures.articulation} == {
        "Beta": ["Alpha"],
        "Gamma": ["Delta", "Epsilon"],
    }
    first = measures.ties[0]
    assert (first.a.name, first.b.name, first.weight, first.a_to_b, first.b_to_a) == (
        "Alpha",
        "Beta",
        4,
        3,
        1,
    )


def test_traces_outside_the_period_do_not_count() -> None:
    world = five(DAY)
    later = Period(date(2026, 7, 1), date(2026, 12, 31))
    measures = measure(network_traces(world.network, later, Level.ORGANISATIONS))
    # The five parties stand in the graph; only the care team, which has no end, still ties.
    assert len(measures.nodes) == 5
    assert [(t.a.name, t.b.name, t.weight) for t in measures.ties] == [("Epsilon", "Gamma", 1)]
    assert measures.density == pytest.approx(0.1)
    assert measures.reciprocity is None
    assert len(measures.loose) == 5


def test_the_professionals_graph_has_the_same_shape() -> None:
    world = five(DAY)
    measures = measure(network_traces(world.network, PERIOD, Level.PROFESSIONALS))
    assert [m.node.name for m in measures.brokers] == ["Beta-medewerker", "Gamma-medewerker"]
    assert measures.density == pytest.approx(0.4)


def test_two_periods_show_ties_that_grew_and_faded() -> None:
    world = five(DAY)
    p = world.people
    # Before: Alpha refers once to Beta, Delta and Epsilon meet twice.
    earlier = DAY - timedelta(days=181)
    referral(world.network, p["Alpha"], p["Beta"], earlier, accepted=False)
    mdo(world.network, [p["Delta"], p["Epsilon"]], earlier)
    mdo(world.network, [p["Delta"], p["Epsilon"]], earlier)
    now = measure(network_traces(world.network, PERIOD, Level.ORGANISATIONS))
    before = measure(network_traces(world.network, PERIOD.before(), Level.ORGANISATIONS))
    grew, faded = compare(now, before)
    assert [(c.a.name, c.b.name, c.before, c.now) for c in grew] == [
        ("Alpha", "Beta", 1, 4),
        ("Beta", "Gamma", 0, 1),
        ("Delta", "Gamma", 0, 1),
        ("Epsilon", "Gamma", 0, 1),
    ]
    assert [(c.a.name, c.b.name, c.before, c.now) for c in faded] == [("Delta", "Epsilon", 2, 0)]


def test_the_number_of_queries_does_not_grow_with_the_data(
    django_assert_num_queries: object,
) -> None:
    world = five(DAY)
    with django_assert_num_queries(6):  # type: ignore[operator]
        network_traces(world.network, PERIOD, Level.ORGANISATIONS)
    five(DAY + timedelta(days=1), network=world.network)
    five(DAY + timedelta(days=2), network=world.network)
    with django_assert_num_queries(6):  # type: ignore[operator]
        traces = network_traces(world.network, PERIOD, Level.ORGANISATIONS)
    assert len(traces.nodes) == 15


# --- who may see it ----------------------------------------------------------------------------


def test_the_coordinator_sees_both_graphs_and_the_brokers(client: HttpClient, alice: User) -> None:
    world = five(DAY)
    coordinating(alice, world.network)
    log_in(client, alice)
    query = {"start": "2026-01-01", "end": "2026-06-30"}
    page = client.get(reverse("collaboration:graph", args=[world.network.slug]), query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "<title" in text and "<desc" in text
    assert "Makelaars" in text
    people = client.get(reverse("collaboration:professionals", args=[world.network.slug]), query)
    assert people.status_code == 200
    assert "Gamma-medewerker" in people.content.decode()


def test_a_professional_of_the_network_sees_only_the_organisations(
    client: HttpClient, bob: User
) -> None:
    world = five(DAY)
    in_network(bob, world.network)
    log_in(client, bob)
    assert client.get(reverse("collaboration:graph", args=[world.network.slug])).status_code == 200
    refused = client.get(reverse("collaboration:professionals", args=[world.network.slug]))
    assert refused.status_code == 404


def test_a_coordinator_of_another_network_is_refused_the_professionals(
    client: HttpClient, alice: User
) -> None:
    world = five(DAY)
    other = five(DAY, network=NetworkFactory.create(slug="ander", name="Ander netwerk"))
    coordinating(alice, other.network)
    log_in(client, alice)
    url = reverse("collaboration:professionals", args=[world.network.slug])
    assert client.get(url).status_code == 404


def test_a_stranger_sees_nothing(client: HttpClient, charlie: User) -> None:
    world = five(DAY)
    log_in(client, charlie)
    for name in ("collaboration:graph", "collaboration:professionals"):
        assert client.get(reverse(name, args=[world.network.slug])).status_code == 404
    assert client.get(reverse("collaboration:graph", args=["no-such-network"])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"start": "²", "end": "2026-06-30"},
        {"start": "2026-01-01", "end": str(10**30)},
        {"start": "2026-06-30", "end": "2026-01-01"},
        {"start": "1900-01-01", "end": "1901-01-01"},
        {"start": "2000-01-01", "end": "2026-01-01"},
    ],
)
def test_a_bad_period_is_a_form_error_not_a_500(
    client: HttpClient, alice: User, query: dict[str, str]
) -> None:
    world = five(DAY)
    coordinating(alice, world.network)
    log_in(client, alice)
    page = client.get(reverse("collaboration:graph", args=[world.network.slug]), query)
    assert page.status_code == 200
    assert 'class="errorlist"' in page.content.decode()


def test_the_matrix_links_to_the_graph_and_flags_a_quiet_organisation(
    client: HttpClient, alice: User
) -> None:
    today = timezone.localdate()
    world = five(today - timedelta(days=10))
    quiet = five(today - timedelta(days=400), network=world.network)
    StepAssignmentFactory.create(network=world.network, organisation=world.orgs["Beta"], step=1)
    StepAssignmentFactory.create(network=world.network, organisation=quiet.orgs["Beta"], step=2)
    coordinating(alice, world.network)
    log_in(client, alice)
    page = client.get(reverse("directory:network_matrix", args=[world.network.slug]))
    text = page.content.decode()
    assert reverse("collaboration:graph", args=[world.network.slug]) in text
    assert text.count("Geen verwijzingen, signalen, MDO&#x27;s of gedeelde zorgteams") == 1
