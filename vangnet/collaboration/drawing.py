"""The graph as SVG coordinates: the network's layers as rings, the core team inside.

Positions come from networkx's shell layout (one shell per layer); the template
draws them. Nothing here measures the graph.
"""

from dataclasses import dataclass

import networkx as nx

from vangnet.collaboration.measures import Measures

SIZE = 640
CENTRE = SIZE / 2
# core team, outer shell, everyone else (steering group only, or not a party)
RINGS = (("core",), ("shell",), ("steering", ""))
RADII = (0.3, 0.62, 0.92)


@dataclass(frozen=True)
class DrawnNode:
    key: int
    name: str
    x: float
    y: float
    r: float
    tier: str
    broker: bool
    loose: bool


@dataclass(frozen=True)
class DrawnTie:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


@dataclass(frozen=True)
class Drawing:
    size: int
    nodes: list[DrawnNode]
    ties: list[DrawnTie]
    rings: list[tuple[str, float, float]]

    @property
    def centre(self) -> float:
        return self.size / 2


def draw(measures: Measures) -> Drawing:
    """Where each node and tie goes, and the radius of each layer's ring that has nodes."""
    shells: list[list[int]] = []
    radii: list[float] = []
    rings: list[tuple[str, float, float]] = []
    for tiers, radius in zip(RINGS, RADII, strict=True):
        keys = [m.node.key for m in measures.nodes if m.node.tier in tiers]
        if keys:
            shells.append(keys)
            radii.append(radius)
            ring = round(radius * (CENTRE - 70), 1)
            rings.append((tiers[0], ring, round(CENTRE - ring - 6, 1)))
    graph: nx.Graph[int] = nx.Graph()
    for shell in shells:
        graph.add_nodes_from(shell)
    if not shells:
        return Drawing(SIZE, [], [], [])
    # A single node in the innermost shell would sit in the centre; keep it on its ring.
    layout = nx.shell_layout(graph, nlist=shells)
    positions: dict[int, tuple[float, float]] = {}
    for shell, radius in zip(shells, radii, strict=True):
        for key in shell:
            x, y = layout[key]
            length = (x * x + y * y) ** 0.5 or 1.0
            scale = radius * (CENTRE - 70) / length
            positions[key] = (CENTRE + x * scale, CENTRE + y * scale)
            if len(shell) == 1 and not (x or y):
                positions[key] = (CENTRE, CENTRE - radius * (CENTRE - 70))
    heaviest = max((t.weight for t in measures.ties), default=1)
    nodes = [
        DrawnNode(
            key=m.node.key,
            name=m.node.name,
            x=round(positions[m.node.key][0], 1),
            y=round(positions[m.node.key][1], 1),
            r=round(8 + 10 * m.degree, 1),
            tier=m.node.tier or "other",
            broker=m.broker,
            loose=m.loose,
        )
        for m in measures.nodes
    ]
    ties = [
        DrawnTie(
            x1=round(positions[t.a.key][0], 1),
            y1=round(positions[t.a.key][1], 1),
            x2=round(positions[t.b.key][0], 1),
            y2=round(positions[t.b.key][1], 1),
            width=round(1 + 5 * t.weight / heaviest, 1),
        )
        for t in measures.ties
    ]
    return Drawing(SIZE, nodes, ties, rings)
