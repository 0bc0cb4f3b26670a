from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The tests read the engine's messages in English; test_dutch_messages checks the Dutch."""
    with translation.override("en"):
        yield
