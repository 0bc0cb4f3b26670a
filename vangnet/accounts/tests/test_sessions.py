"""A login ends after 15 minutes without activity, and after 12 hours in any case."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.middleware import LOGIN_STARTED_SESSION_KEY
from vangnet.accounts.models import User
from vangnet.accounts.tests.helpers import app_code, enter_code, enter_password, give_authenticator
from vangnet.conftest import log_in

pytestmark = pytest.mark.django_db


def _start_login_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[LOGIN_STARTED_SESSION_KEY] = (timezone.now() - timedelta(hours=hours)).timestamp()
    session.save()


def test_the_inactivity_limit_is_fifteen_minutes_and_renewed_by_each_request() -> None:
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_idle_session_ends(client: Client, bob: User) -> None:
    log_in(client, bob)
    assert client.get(reverse("accounts:account")).status_code == 200
    expiry = Session.objects.get().expire_date
    assert timedelta(minutes=14) < expiry - timezone.now() <= timedelta(minutes=15)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_session_within_its_lifetime_goes_on(client: Client, bob: User) -> None:
    log_in(client, bob)
    client.get(reverse("accounts:account"))
    _start_login_hours_ago(client, 11.9)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_session_past_its_absolute_lifetime_is_logged_out(client: Client, bob: User) -> None:
    log_in(client, bob)
    client.get(reverse("accounts:account"))
    _start_login_hours_ago(client, 12.1)
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Faccounts%2F"
    login_page = client.get(response["Location"]).content.decode()
    assert "U bent uitgelogd, omdat u 12 uur was ingelogd." in login_page
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:login"))


def test_the_lifetime_counts_from_the_password_step(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    enter_password(client, bob.email)
    started = client.session[LOGIN_STARTED_SESSION_KEY]
    assert abs(started - timezone.now().timestamp()) < 60
    enter_code(client, app_code(device))
    assert client.session[LOGIN_STARTED_SESSION_KEY] == started


@pytest.mark.parametrize("hours", [1, 2])
def test_the_absolute_lifetime_follows_the_setting(
    client: Client, bob: User, settings: object, hours: int
) -> None:
    settings.SESSION_ABSOLUTE_SECONDS = hours * 3600  # type: ignore[attr-defined]
    log_in(client, bob)
    client.get(reverse("accounts:account"))
    _start_login_hours_ago(client, hours - 0.1)
    assert client.get(reverse("accounts:account")).status_code == 200
    _start_login_hours_ago(client, hours + 0.1)
    assert client.get(reverse("accounts:account")).status_code == 302
