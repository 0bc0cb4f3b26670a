"""Logging in takes two steps: the password, then a code from the authenticator app."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.actions import recovery_codes_renew
from vangnet.accounts.models import AccountEvent, AccountEventKind, User
from vangnet.accounts.tests.helpers import app_code, enter_code, enter_password, give_authenticator
from vangnet.accounts.twofactor import pending_authenticator
from vangnet.conftest import current_code, log_in

pytestmark = pytest.mark.django_db


def test_the_password_alone_leads_to_the_code_page(client: Client, bob: User) -> None:
    give_authenticator(bob)
    location = enter_password(client, bob.email)
    assert location == reverse("accounts:verify") + "?next=%2F"
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify") + "?next=%2Faccounts%2F"


def test_the_email_address_is_not_case_sensitive(client: Client, bob: User) -> None:
    give_authenticator(bob)
    assert enter_password(client, " Bob@Example.org").startswith(reverse("accounts:verify"))


def test_the_right_code_finishes_the_login(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    enter_password(client, bob.email)
    assert enter_code(client, app_code(device), next_url="/accounts/") == "/accounts/"
    assert client.get(reverse("accounts:account")).status_code == 200
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.LOGIN).count() == 1


def test_a_wrong_code_is_refused_and_noted(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    enter_password(client, bob.email)
    wrong = f"{(int(app_code(device)) + 500_000) % 1_000_000:06d}"
    response = client.post(reverse("accounts:verify"), {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("accounts:account")).status_code == 302
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.CODE_FAILED).exists()


def test_guessing_codes_is_slowed_down(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    enter_password(client, bob.email)
    client.post(
        reverse("accounts:verify"), {"code": "000000" if app_code(device) != "000000" else "111111"}
    )
    # Right after a wrong code even the right code waits: django-otp doubles the delay each time.
    response = client.post(reverse("accounts:verify"), {"code": app_code(device)})
    assert response.status_code == 200
    assert "Wacht een minuut" in response.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )
    assert enter_code(client, app_code(device)) == "/"


def test_a_code_cannot_be_used_twice(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    code = app_code(device)
    enter_password(client, bob.email)
    assert enter_code(client, code) == "/"
    client.post(reverse("accounts:logout"))
    other = Client()
    enter_password(other, bob.email)
    assert enter_code(other, code) == ""


def test_the_code_page_does_not_redirect_to_another_site(client: Client, bob: User) -> None:
    device = give_authenticator(bob)
    enter_password(client, bob.email)
    assert enter_code(client, app_code(device), next_url="https://evil.example/") == "/"


def test_a_wrong_password_stays_on_the_login_page_and_is_noted(client: Client, bob: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": bob.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.PASSWORD_FAILED).exists()


def test_log_out_ends_the_login(client: Client, bob: User) -> None:
    log_in(client, bob)
    assert client.get(reverse("accounts:account")).status_code == 200
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_first_login_starts_with_setting_up_the_app(client: Client, bob: User) -> None:
    assert enter_password(client, bob.email) == reverse("accounts:setup") + "?next=%2F"
    page = client.get(reverse("accounts:setup")).content.decode()
    device = pending_authenticator(bob)
    assert not device.confirmed
    assert "data:image/svg+xml" in page
    secret = page.split('class="secret-key"><code>')[1].split("</code>")[0]
    assert len(secret.replace(" ", "")) == 32
    response = client.post(
        reverse("accounts:setup") + "?next=/accounts/", {"code": app_code(device)}
    )
    assert response["Location"] == reverse("accounts:recovery_codes") + "?next=%2Faccounts%2F"
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response["Location"]).content.decode()
    assert codes_page.count("<li><code>") == 10
    assert StaticToken.objects.filter(device__user=bob).count() == 10
    assert client.get(reverse("accounts:account")).status_code == 200


def test_the_setup_page_shows_the_same_key_on_reload(client: Client, bob: User) -> None:
    enter_password(client, bob.email)
    first = client.get(reverse("accounts:setup")).content.decode()
    second = client.get(reverse("accounts:setup")).content.decode()
    assert first.split('class="secret-key">')[1][:60] == second.split('class="secret-key">')[1][:60]
    assert TOTPDevice.objects.filter(user=bob).count() == 1


def test_setup_refuses_a_wrong_code(client: Client, bob: User) -> None:
    enter_password(client, bob.email)
    client.get(reverse("accounts:setup"))
    device = pending_authenticator(bob)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:setup"), {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_password_alone_cannot_replace_an_existing_app(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.get(reverse("accounts:setup"))
    assert response["Location"].startswith(reverse("accounts:verify"))


def test_recovery_codes_are_shown_once(client: Client, bob: User) -> None:
    enter_password(client, bob.email)
    client.get(reverse("accounts:setup"))
    client.post(reverse("accounts:setup"), {"code": app_code(pending_authenticator(bob))})
    url = reverse("accounts:recovery_codes")
    assert client.get(url).content.decode().count("<li><code>") == 10
    again = client.get(url).content.decode()
    assert "<li><code>" not in again
    assert "nog 10 herstelcodes" in again


def test_a_recovery_code_works_once_instead_of_the_app(bob: User) -> None:
    give_authenticator(bob)
    token = recovery_codes_renew(user=bob)[0]
    typed = f"{token[:4]}-{token[4:].upper()}"

    fresh = Client()
    enter_password(fresh, bob.email)
    assert enter_code(fresh, typed) == "/"
    assert AccountEvent.objects.filter(
        user=bob, kind=AccountEventKind.LOGIN_WITH_RECOVERY_CODE
    ).exists()
    assert StaticToken.objects.filter(device__user=bob).count() == 9

    again = Client()
    enter_password(again, bob.email)
    assert enter_code(again, typed) == ""


def test_log_in_helper_passes_both_steps(client: Client, charlie: User) -> None:
    log_in(client, charlie)
    assert client.get(reverse("accounts:account")).status_code == 200
    assert TOTPDevice.objects.filter(user=charlie, confirmed=True).count() == 1
