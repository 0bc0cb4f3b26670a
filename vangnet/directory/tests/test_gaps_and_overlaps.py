import pytest

from vangnet.directory.models import PathwayStep, Responsibility, StepAssignment
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    StepAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def test_every_step_is_a_gap_in_an_empty_network() -> None:
    network = NetworkFactory.create()
    assert network.gap_steps() == [1, 2, 3, 4, 5, 6]
    assert network.overlap_steps() == []


def test_a_step_with_only_a_contributor_is_not_a_gap() -> None:
    network = NetworkFactory.create()
    StepAssignmentFactory.create(
        network=network, step=PathwayStep.ANALYSIS, responsibility=Responsibility.CONTRIBUTES
    )
    assert PathwayStep.ANALYSIS not in network.gap_steps()
    assert network.gap_steps() == [1, 2, 4, 5, 6]


def test_two_organisations_leading_one_step_overlap() -> None:
    network = NetworkFactory.create()
    StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING)
    StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING)
    assert network.overlap_steps() == [PathwayStep.SIGNALLING]


def test_a_lead_and_a_contributor_do_not_overlap() -> None:
    network = NetworkFactory.create()
    StepAssignmentFactory.create(network=network, step=PathwayStep.PLAN)
    StepAssignmentFactory.create(
        network=network, step=PathwayStep.PLAN, responsibility=Responsibility.CONTRIBUTES
    )
    assert network.overlap_steps() == []


def test_one_organisation_leading_a_step_in_two_roles_does_not_overlap() -> None:
    network = NetworkFactory.create()
    practice = OrganisationFactory.create(name="Huisartsenpraktijk De Linde")
    StepAssignmentFactory.create(network=network, organisation=practice, discipline="huisarts")
    StepAssignmentFactory.create(
        network=network, organisation=practice, discipline="poh_ouderenzorg"
    )
    assert network.overlap_steps() == []


def test_other_networks_do_not_count() -> None:
    ours = NetworkFactory.create()
    theirs = NetworkFactory.create(slug="elders", name="Elders")
    StepAssignmentFactory.create(network=theirs, step=PathwayStep.CONTACT_PERSON)
    StepAssignmentFactory.create(network=theirs, step=PathwayStep.CONTACT_PERSON)
    assert PathwayStep.CONTACT_PERSON in ours.gap_steps()
    assert ours.overlap_steps() == []
    assert theirs.overlap_steps() == [PathwayStep.CONTACT_PERSON]


def test_the_queryset_methods_work_on_any_selection() -> None:
    network = NetworkFactory.create()
    StepAssignmentFactory.create(network=network, step=PathwayStep.CARRY_OUT)
    StepAssignmentFactory.create(network=network, step=PathwayStep.CARRY_OUT)
    StepAssignmentFactory.create(network=network, step=PathwayStep.CONVERSATION)
    everything = StepAssignment.objects.all()
    assert everything.gap_steps() == [1, 3, 4, 5]
    assert everything.overlap_steps() == [6]
    assert everything.filter(step=PathwayStep.CONVERSATION).overlap_steps() == []
