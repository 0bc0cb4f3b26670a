"""The scene most screening tests play in: a network, its coordinator, an older person and a POH."""

from datetime import datetime

from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import (
    ClientFactory,
    consent_for_care_team,
    in_care_team,
    person_for,
)
from vangnet.directory.models import Discipline, Network
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.screening.actions import Recorded, screening_record
from vangnet.screening.engine import Answer, load_instrument
from vangnet.screening.models import AdministrationMode
from vangnet.screening.tests.helpers import answers_counting


def network_coordinated_by(user: User) -> Network:
    """A network of its own (the factory shares one by default) with ``user`` as coordinator."""
    network: Network = NetworkFactory.create(
        slug=f"netwerk-{user.pk}", name=f"Netwerk van {user.full_name}"
    )
    network.coordinator = person_for(user, Discipline.NETWORK_COORDINATOR)
    network.save(update_fields=["coordinator"])
    return network


def older_person_of(
    *users: User, network: Network | None = None, categories: list[str] | None = None
) -> Client:
    """An older person in ``network`` whose care team holds ``users``, who agreed to share."""
    older: Client = ClientFactory.create(network=network or NetworkFactory.create())
    for user in users:
        in_care_team(older, user)
    consent_for_care_team(older, categories=categories)
    return older


def poh(user: User) -> User:
    person_for(user, Discipline.POH_ELDERLY)
    return user


def gfi_answers(points: int) -> dict[str, Answer]:
    """GFI answers that earn ``points``: the first items count, the rest do not."""
    instrument = load_instrument("gfi")
    return answers_counting(instrument, [str(n) for n in range(1, points + 1)])


def record(
    older: Client,
    by: User,
    code: str,
    answers: dict[str, Answer],
    *,
    when: datetime | None = None,
    mode: AdministrationMode = AdministrationMode.PROFESSIONAL,
) -> Recorded:
    """Save a screening straight through the action, as the screens do at the end."""
    return screening_record(
        actor=Actor(by),
        client=older,
        instrument=load_instrument(code),
        answers=answers,
        mode=mode,
        completed_at=when or timezone.now(),
    )


def scored(code: str, points: int) -> dict[str, Answer]:
    """Answers for ``code`` that earn ``points``, counting from the first item."""
    instrument = load_instrument(code)
    return answers_counting(instrument, [item.link_id for item in instrument.items[:points]])


def fill_in(
    http: HttpClient,
    older: Client,
    code: str,
    answers: dict[str, Answer],
    mode: AdministrationMode = AdministrationMode.PROFESSIONAL,
) -> None:
    """Start ``code`` and answer every question through the screens, one per page."""
    response = http.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": code, "mode": mode},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    for number in range(1, len(answers) + 1):
        response = http.post(
            reverse("screening:question", kwargs={"client_id": older.pk, "number": number}),
            {"answer": str(answers[str(number)]), "next": "1"},
        )
        assert response.status_code == 302, (number, response.content.decode()[:2000])
