from pathlib import Path
from typing import Any

import pytest

from vangnet.accounts.models import User
from vangnet.directory.models import Discipline, Domain, Organisation, OrganisationType
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory


def practice_with(user: User, name: str) -> Organisation:
    practice: Organisation = OrganisationFactory.create(
        name=name, type=OrganisationType.GP_PRACTICE, domain=Domain.MEDICAL
    )
    PersonFactory.create(organisation=practice, user=user, discipline=Discipline.GP)
    return practice


@pytest.fixture
def practice(bob: User) -> Organisation:
    """Bob is a GP at Huisartsenpraktijk De Linde."""
    return practice_with(bob, "Huisartsenpraktijk De Linde")


@pytest.fixture
def other_practice(charlie: User) -> Organisation:
    """Charlie is a GP at another practice."""
    return practice_with(charlie, "Huisartsenpraktijk Het Anker")


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stored lists go to a folder of this test alone."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root
    return root
