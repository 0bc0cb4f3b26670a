"""My account: password and second step change only after confirming who you are."""

import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import DjangoAssertNumQueries

from vangnet.accounts.actions import account_event_record, recovery_codes_renew
from vangnet.accounts.models import AccountEvent, AccountEventKind, User
from vangnet.accounts.reauth import REAUTH_SESSION_KEY
from vangnet.accounts.tests.helpers import app_code, enter_code, enter_password
from vangnet.accounts.twofactor import confirmed_authenticator, pending_authenticator
from vangnet.conftest import PASSWORD, current_code, log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantaarn-fiets-wolk-spinazie"


def _reauth(client: Client, *, code: str | None = None, password: str = PASSWORD) -> Any:
    url = reverse("accounts:reauth") + ("?code=1" if code is not None else "")
    data = {"password": password, **({"code": code} if code is not None else {})}
    return client.post(url, data)


def test_the_account_page_shows_roles_codes_and_recent_logins(client: Client, bob: User) -> None:
    log_in(client, bob)
    recovery_codes_renew(user=bob)
    account_event_record(user=bob, kind=AccountEventKind.LOGIN)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "<h1>Mijn account</h1>" in page
    assert "<dd>Professional</dd>" in page
    assert "U heeft nog 10 herstelcodes." in page
    assert "Ingelogd" in page


def test_the_account_page_needs_few_queries_however_long_the_history(
    client: Client, bob: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    log_in(client, bob)
    for _ in range(40):
        account_event_record(user=bob, kind=AccountEventKind.LOGIN)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("accounts:account")).content.decode()
    assert page.count("<td>Ingelogd</td>") == 10


def test_changing_the_password_asks_for_the_current_one_first(client: Client, bob: User) -> None:
    log_in(client, bob)
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:reauth") + "?next=%2Faccounts%2Fpassword%2F"


def test_a_wrong_current_password_is_refused(client: Client, bob: User) -> None:
    log_in(client, bob)
    response = _reauth(client, password="not-my-password")
    assert response.status_code == 200
    assert "Dit is niet uw huidige wachtwoord." in response.content.decode()
    assert client.get(reverse("accounts:password_change")).status_code == 302
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.PASSWORD_FAILED).exists()


def test_a_confirmed_password_is_remembered_for_a_few_minutes(client: Client, bob: User) -> None:
    log_in(client, bob)
    _reauth(client)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    session = client.session
    session[REAUTH_SESSION_KEY] = {"at": time.time() - 301, "with_code": False}
    session.save()
    assert client.get(reverse("accounts:password_change")).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-wacht", "Dit wachtwoord is te kort. Het moet minstens 12 tekens hebben."),
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("123456789012345", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_the_password_rules_refuse_weak_passwords(
    client: Client, bob: User, password: str, message: str
) -> None:
    log_in(client, bob)
    _reauth(client)
    response = client.post(
        reverse("accounts:password_change"),
        {"new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    bob.refresh_from_db()
    assert bob.check_password(PASSWORD)


def test_a_password_like_the_name_is_refused(bob: User) -> None:
    with pytest.raises(ValidationError):
        validate_password("BobJansen2026", user=bob)


def test_the_password_rules_need_twelve_characters_and_no_common_ones() -> None:
    with pytest.raises(ValidationError):
        validate_password("Abcdef12345")  # 11 characters
    with pytest.raises(ValidationError):
        validate_password("qwertyuiop123")  # on the list of common passwords
    validate_password(NEW_PASSWORD)


def test_a_new_password_works_and_keeps_this_session(client: Client, bob: User) -> None:
    log_in(client, bob)
    other_device = Client()
    log_in(other_device, bob)
    _reauth(client)
    response = client.post(
        reverse("accounts:password_change"),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:account")
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:account")).status_code == 200
    # Sessions elsewhere end with the old password.
    assert other_device.get(reverse("accounts:account")).status_code == 302
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.PASSWORD_CHANGED).exists()


def test_changing_the_second_step_needs_the_password_and_a_code(client: Client, bob: User) -> None:
    log_in(client, bob)
    response = client.get(reverse("accounts:setup"))
    assert response["Location"] == (
        reverse("accounts:reauth") + "?next=%2Faccounts%2Ftwo-factor%2Fsetup%2F&code=1"
    )
    # The password alone is not enough for this change.
    _reauth(client)
    assert client.get(reverse("accounts:setup")).status_code == 302
    response = client.post(reverse("accounts:reauth") + "?code=1", {"password": PASSWORD})
    assert "Dit veld is verplicht" in response.content.decode()


def test_a_wrong_code_does_not_confirm(client: Client, bob: User) -> None:
    log_in(client, bob)
    device = confirmed_authenticator(bob)
    assert device is not None
    wrong = f"{(int(current_code(device)) + 3) % 1_000_000:06d}"
    response = _reauth(client, code=wrong)
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("accounts:setup")).status_code == 302


def test_replacing_the_app_switches_to_the_new_key(client: Client, bob: User) -> None:
    log_in(client, bob)
    old = confirmed_authenticator(bob)
    assert old is not None
    old_codes = recovery_codes_renew(user=bob)
    _reauth(client, code=app_code(old))
    page = client.get(reverse("accounts:setup")).content.decode()
    assert "Uw authenticator-app vervangen" in page
    new = pending_authenticator(bob)
    assert new.key != old.key
    # Until the new app is confirmed, the old one still counts.
    assert confirmed_authenticator(bob) == old
    response = client.post(reverse("accounts:setup"), {"code": current_code(new)})
    assert response["Location"].startswith(reverse("accounts:recovery_codes"))
    assert list(TOTPDevice.objects.filter(user=bob)) == [new]
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    # The session stays logged in with the new app.
    assert client.get(reverse("accounts:account")).status_code == 200
    assert client.get(response["Location"]).content.decode().count("<li><code>") == 10


def test_a_recovery_code_can_confirm_a_change_when_the_phone_is_lost(
    client: Client, bob: User
) -> None:
    log_in(client, bob)
    codes = recovery_codes_renew(user=bob)
    _reauth(client, code=codes[0])
    assert client.get(reverse("accounts:setup")).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_new_recovery_codes_replace_the_old_ones(client: Client, bob: User) -> None:
    log_in(client, bob)
    device = confirmed_authenticator(bob)
    assert device is not None
    old_codes = recovery_codes_renew(user=bob)
    assert client.get(reverse("accounts:recovery_codes_new")).status_code == 302
    _reauth(client, code=app_code(device))
    assert (
        "U heeft nog 10 herstelcodes."
        in client.get(reverse("accounts:recovery_codes_new")).content.decode()
    )
    response = client.post(reverse("accounts:recovery_codes_new"))
    page = client.get(response["Location"]).content.decode()
    assert page.count("<li><code>") == 10
    assert not StaticToken.objects.filter(token__in=old_codes).exists()
    assert StaticToken.objects.filter(device__user=bob).count() == 10


def test_old_account_events_are_removed_after_ninety_days(bob: User) -> None:
    old = account_event_record(user=bob, kind=AccountEventKind.LOGIN)
    AccountEvent.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - timedelta(days=91))
    account_event_record(user=bob, kind=AccountEventKind.LOGIN)
    assert AccountEvent.objects.filter(user=bob).count() == 1


def test_a_login_through_the_pages_lands_in_the_history(client: Client, bob: User) -> None:
    log_in(Client(), bob)  # gives Bob an app
    device = confirmed_authenticator(bob)
    assert device is not None
    enter_password(client, bob.email)
    enter_code(client, app_code(device))
    page = client.get(reverse("accounts:account"), headers={"user-agent": "x"}).content.decode()
    assert "127.0.0.1" in page
