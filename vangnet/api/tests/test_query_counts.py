"""The number of queries per answer does not grow with the number of entries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vangnet.api.tests.conftest import grow
from vangnet.directory.models import Network

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/networks",
    "/api/v1/networks/test/organisations",
    "/api/v1/networks/test/services",
    "/api/v1/networks/test/who-does-what",
    "/api/v1/networks/test/hsds",
    "/api/v1/networks/test/hsds?kind=organisations",
    "/api/v1/networks/test/hsds?kind=people",
]


def _counts(client: Client) -> dict[str, int]:
    counts = {}
    for path in PATHS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[path] = len(queries)
    return counts


def test_query_counts_stay_flat_as_the_map_grows(client: Client, network: Network) -> None:
    small = _counts(client)
    grow(network, 12)
    assert len(client.get("/api/v1/networks/test/organisations").json()) == 14
    assert _counts(client) == small
    assert max(small.values()) <= 10
