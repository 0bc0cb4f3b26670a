from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _few_monte_carlo_samples(settings: Any) -> None:
    """Few Monte Carlo samples behind the overview: the tests check its shape, not its spread."""
    settings.VANGNET_ECONOMICS_SAMPLES = 20
