import pytest

from vangnet.core.demo import DemoContext
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.monitoring.demo import ANSWERS
from vangnet.monitoring.demo import build as survey
from vangnet.monitoring.quarters import quarter_of
from vangnet.monitoring.survey import experience_of
from vangnet.workplace.demo import BUILDERS

pytestmark = pytest.mark.django_db


def test_the_demo_shows_survey_figures_for_two_quarters() -> None:
    network = NetworkFactory.create(slug="demo")
    ctx = DemoContext()
    ctx.shared["network"] = network

    survey(ctx)

    current = quarter_of(ctx.today)
    for quarter, count in ((current, ANSWERS[0]), (current.previous(), ANSWERS[1])):
        rows = experience_of(network, str(quarter))
        assert all(row.shown for row in rows)
        assert max(row.answers for row in rows) <= count


def test_the_survey_builder_runs_before_case_finding_which_stays_last() -> None:
    names = [builder.__module__ for builder in BUILDERS]

    assert names[-1] == "vangnet.casefinding.demo"
    assert names[-2] == "vangnet.monitoring.demo"
