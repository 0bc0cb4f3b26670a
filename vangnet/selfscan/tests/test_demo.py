import pytest

from vangnet.core.demo import DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.selfscan.demo import build
from vangnet.selfscan.models import Round
from vangnet.selfscan.results import MINIMUM_ANSWERS, results_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_round_with_results_and_an_open_round() -> None:
    ctx = DemoContext()
    for builder in (directory, accounts, build):
        builder(ctx)
    finished, open_ = sorted(Round.objects.all(), key=lambda r: r.opened_at)
    assert not finished.is_open and open_.is_open
    results = results_of(finished)
    assert results.shown and results.answers >= MINIMUM_ANSWERS
    assert len(results.agenda) == 3
    assert not open_.responses.exists()


def test_the_demo_builds_nothing_without_a_network(db: None) -> None:
    build(DemoContext())
    assert not Round.objects.exists()
