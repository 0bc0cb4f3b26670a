"""The demo network's graph has a broker and loosely tied organisations."""

import pytest

from vangnet.collaboration.demo import BROKER, LEAVES
from vangnet.collaboration.demo import build as collaboration
from vangnet.collaboration.forms import default_period
from vangnet.collaboration.measures import measure
from vangnet.collaboration.traces import Level, network_traces
from vangnet.core.demo import DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.models import Network

pytestmark = pytest.mark.django_db


def test_the_demo_graph_has_a_broker_and_loosely_tied_organisations() -> None:
    ctx = DemoContext()
    directory(ctx)
    collaboration(ctx)
    network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    measures = measure(network_traces(network, default_period(), Level.ORGANISATIONS))
    assert BROKER in [m.node.name for m in measures.brokers]
    assert set(LEAVES) <= {m.node.name for m in measures.loose}
    assert BROKER in [m.node.name for m in measures.articulation]
