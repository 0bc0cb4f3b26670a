from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _few_monte_carlo_samples(settings: Any) -> None:
    """The overview's Monte Carlo run with few samples: the tests check its shape, not its spread."""
    settings.VANGNET_ECONOMICS_SAMPLES = 20
