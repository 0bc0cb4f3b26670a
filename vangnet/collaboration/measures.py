"""The collaboration graph's measures, all computed by networkx (docs/collaboration.md).

- *density*: the share of all possible pairs that have a tie at all;
- *reciprocity*: of the directed ties (referrals, signals), the share that also
  runs the other way;
- *degree centrality*: with how many others a node has a tie, as a share of all
  the others;
- *betweenness centrality*: the share of shortest paths between two other nodes
  that pass through this one (unweighted, normalised over the nodes with at
  least one tie; a node without ties scores 0);
- *broker*: betweenness of ``BROKER_FROM`` or more;
- *loosely tied*: a tie with one other node or none;
- *articulation point*: a node whose leaving splits the graph; the nodes it
  would cut off are those outside the largest part that remains.
"""

from dataclasses import dataclass

import networkx as nx

from vangnet.collaboration.traces import DIRECTED, Node, Traces

BROKER_FROM = 0.1
LOOSE_AT_MOST = 1


@dataclass(frozen=True)
class NodeMeasures:
    node: Node
    ties: int
    weight: int
    degree: float
    betweenness: float
    broker: bool
    loose: bool
    cuts_off: tuple[Node, ...]


@dataclass(frozen=True)
class Tie:
    a: Node
    b: Node
    weight: int
    a_to_b: int
    b_to_a: int
    undirected: int


@dataclass(frozen=True)
class Measures:
    nodes: tuple[NodeMeasures, ...]
    ties: tuple[Tie, ...]
    density: float
    reciprocity: float | None

    @property
    def brokers(self) -> list[NodeMeasures]:
        return [m for m in self.nodes if m.broker]

    @property
    def loose(self) -> list[NodeMeasures]:
        return [m for m in self.nodes if m.loose]

    @property
    def articulation(self) -> list[NodeMeasures]:
        return [m for m in self.nodes if m.cuts_off]


def graphs(traces: Traces) -> tuple["nx.Graph[int]", "nx.DiGraph[int]"]:
    """The undirected graph of all traces (weight: number of traces) and the directed one."""
    whole: nx.Graph[int] = nx.Graph()
    directed: nx.DiGraph[int] = nx.DiGraph()
    whole.add_nodes_from(traces.nodes)
    directed.add_nodes_from(traces.nodes)
    for (source, target), per_kind in traces.counts.items():
        total = sum(per_kind.values())
        if whole.has_edge(source, target):
            whole[source][target]["weight"] += total
        else:
            whole.add_edge(source, target, weight=total)
        one_way = sum(n for kind, n in per_kind.items() if kind in DIRECTED)
        if one_way:
            directed.add_edge(source, target, weight=one_way)
    return whole, directed


def _name(traces: Traces, key: int) -> tuple[str, int]:
    return (traces.nodes[key].name.lower(), key)


def measure(traces: Traces) -> Measures:
    """Every measure of the graph, nodes sorted by name."""
    whole, directed = graphs(traces)
    count = whole.number_of_nodes()
    density = nx.density(whole) if count > 1 else 0.0
    # Called on the whole graph, networkx answers one number.
    overall = nx.reciprocity(directed) if directed.number_of_edges() else None
    reciprocity = float(overall) if isinstance(overall, int | float) else None
    degree = nx.degree_centrality(whole) if count > 1 else dict.fromkeys(whole, 0.0)
    # Parties without any tie lie on no path; leaving them out keeps the scale about who works.
    tied = whole.subgraph([key for key in whole if whole.degree(key) > 0])
    betweenness = dict.fromkeys(whole, 0.0) | nx.betweenness_centrality(tied, normalized=True)
    cut: dict[int, tuple[Node, ...]] = {}
    for point in nx.articulation_points(whole):
        # Only the part of the graph the point belongs to can be split by its leaving.
        rest = whole.subgraph(nx.node_connected_component(whole, point) - {point})
        parts = sorted(
            nx.connected_components(rest),
            key=lambda part: (-len(part), min(_name(traces, k) for k in part)),
        )
        cut[point] = tuple(
            traces.nodes[k] for k in sorted(set().union(*parts[1:]), key=lambda k: _name(traces, k))
        )
    nodes = tuple(
        NodeMeasures(
            node=traces.nodes[key],
            ties=whole.degree(key),
            weight=int(whole.degree(key, weight="weight")),
            degree=degree[key],
            betweenness=betweenness[key],
            broker=betweenness[key] >= BROKER_FROM,
            loose=whole.degree(key) <= LOOSE_AT_MOST,
            cuts_off=cut.get(key, ()),
        )
        for key in sorted(whole, key=lambda k: _name(traces, k))
    )
    ties = []
    for a, b, data in whole.edges(data=True):
        first, second = sorted((a, b), key=lambda k: _name(traces, k))
        forward = traces.counts.get((first, second), {})
        backward = traces.counts.get((second, first), {})
        ties.append(
            Tie(
                a=traces.nodes[first],
                b=traces.nodes[second],
                weight=int(data["weight"]),
                a_to_b=sum(n for kind, n in forward.items() if kind in DIRECTED),
                b_to_a=sum(n for kind, n in backward.items() if kind in DIRECTED),
                undirected=sum(n for kind, n in forward.items() if kind not in DIRECTED)
                + sum(n for kind, n in backward.items() if kind not in DIRECTED),
            )
        )
    ties.sort(key=lambda t: (-t.weight, t.a.name.lower(), t.b.name.lower()))
    return Measures(nodes=nodes, ties=tuple(ties), density=density, reciprocity=reciprocity)


@dataclass(frozen=True)
class TieChange:
    a: Node
    b: Node
    before: int
    now: int

    @property
    def change(self) -> int:
        return self.now - self.before


def compare(now: Measures, before: Measures) -> tuple[list[TieChange], list[TieChange]]:
    """Ties that grew (or are new) and ties that faded (or ended) between two periods."""

    def weights(measures: Measures) -> dict[frozenset[int], tuple[Node, Node, int]]:
        return {frozenset((t.a.key, t.b.key)): (t.a, t.b, t.weight) for t in measures.ties}

    old, new = weights(before), weights(now)
    changes = []
    for pair in old.keys() | new.keys():
        a, b, _weight = new.get(pair) or old[pair]
        changes.append(TieChange(a, b, old.get(pair, (a, b, 0))[2], new.get(pair, (a, b, 0))[2]))
    grew = sorted((c for c in changes if c.change > 0), key=lambda c: (-c.change, c.a.name))
    faded = sorted((c for c in changes if c.change < 0), key=lambda c: (c.change, c.a.name))
    return grew, faded
