"""Small steps several account tests share."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.models import User
from vangnet.conftest import PASSWORD, current_code


def give_authenticator(user: User) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return device


def enter_password(client: Client, email: str, password: str = PASSWORD) -> str:
    """Step one of logging in; returns where the login page sends the browser next."""
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return str(response["Location"])


def enter_code(client: Client, code: str, next_url: str = "") -> str:
    url = reverse("accounts:verify") + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"code": code})
    return str(response["Location"]) if response.status_code == 302 else ""


def app_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return current_code(device)
