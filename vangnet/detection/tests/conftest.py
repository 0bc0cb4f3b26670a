import pytest

from vangnet.accounts.models import User
from vangnet.detection.tests.factories import make_desk
from vangnet.directory.models import Network


@pytest.fixture
def desk(alice: User) -> Network:
    """A network whose coordination point Alice (a coordinator) staffs."""
    return make_desk(alice)
