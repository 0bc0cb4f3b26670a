"""Guessing passwords locks the login for a while; a good login clears the count."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _try(client: Client, email: str, password: str) -> int:
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code


def test_the_login_locks_after_the_failure_limit(client: Client, bob: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        assert _try(client, bob.email, "wrong-password-guess") == 200
    response = client.post(
        reverse("accounts:login"), {"username": bob.email, "password": "wrong-password-guess"}
    )
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in response.content.decode()
    # Locked: even the right password is refused now.
    assert _try(client, bob.email, PASSWORD) == 429


def test_other_spellings_of_the_address_share_one_count(client: Client, bob: User) -> None:
    spellings = ["bob@example.org", "Bob@example.org", "BOB@EXAMPLE.ORG", " bob@Example.org"]
    for spelling in spellings:
        assert _try(client, spelling, "wrong-password-guess") == 200
    assert _try(client, "bob@example.ORG", "wrong-password-guess") == 429


def test_a_good_login_resets_the_count(client: Client, bob: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _try(client, bob.email, "wrong-password-guess")
    assert _try(client, bob.email, PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username=bob.email).exists()
    client.post(reverse("accounts:logout"))
    for _ in range(limit - 1):
        assert _try(client, bob.email, "wrong-password-guess") == 200
    assert _try(client, bob.email, PASSWORD) == 302


def test_a_lockout_of_one_person_leaves_others_alone(
    client: Client, bob: User, charlie: User
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, bob.email, "wrong-password-guess")
    assert _try(client, charlie.email, PASSWORD) == 302
