"""An administrator helps someone who lost both the phone and the recovery codes."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.actions import recovery_codes_renew
from vangnet.accounts.models import AccountEvent, AccountEventKind, User
from vangnet.accounts.tests.helpers import enter_password, give_authenticator
from vangnet.conftest import log_in

pytestmark = pytest.mark.django_db


def test_the_command_removes_the_app_and_the_codes(client: Client, bob: User) -> None:
    give_authenticator(bob)
    recovery_codes_renew(user=bob)
    log_in(client, bob)
    call_command("reset_second_factor", "Bob@Example.org")
    assert not TOTPDevice.objects.filter(user=bob).exists()
    assert not StaticDevice.objects.filter(user=bob).exists()
    assert AccountEvent.objects.filter(
        user=bob, kind=AccountEventKind.SECOND_FACTOR_REMOVED
    ).exists()
    # A session that passed the old second step no longer counts as past it.
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:setup"))
    assert enter_password(Client(), bob.email).startswith(reverse("accounts:setup"))


def test_the_command_says_so_for_an_unknown_address(db: None) -> None:
    with pytest.raises(CommandError, match="No account"):
        call_command("reset_second_factor", "nobody@example.org")
