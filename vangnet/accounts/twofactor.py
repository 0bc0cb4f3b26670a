"""The second login step: authenticator apps (TOTP) and single-use recovery codes."""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import segno
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.models import User

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"

_TOTP_CODE = re.compile(r"[0-9]{6}")
# django-otp's static tokens: eight characters of lower-case base32.
_RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


def is_verified(user: Any) -> bool:
    """Whether this request's user has passed the second step (set by django-otp's middleware)."""
    return getattr(user, "otp_device", None) is not None


def normalise_code(text: str) -> str:
    """Drop the spaces and dashes people type or copy along with a code."""
    return re.sub(r"[\s-]", "", text).lower()


def looks_like_code(code: str) -> bool:
    return bool(_TOTP_CODE.fullmatch(code) or _RECOVERY_CODE.fullmatch(code))


def confirmed_authenticator(user: User) -> TOTPDevice | None:
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    )
    return device


def pending_authenticator(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up; the same one on every reload of the page."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def recovery_codes_left(user: User) -> int:
    count: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return count


def grouped_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, as people type it into an authenticator app."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The authenticator's setup link as an SVG QR code, inline so no extra request is needed."""
    qr = segno.make(device.config_url, error="m", micro=False)
    uri: str = qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
    return uri


def format_recovery_code(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


@dataclass(frozen=True)
class SecondFactorCheck:
    """What came of a code: the device that accepted it, and whether the app is locked for now."""

    device: TOTPDevice | StaticDevice | None
    locked_until: datetime | None = None

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def check_code(user: User, code: str) -> SecondFactorCheck:
    """Check a code from the authenticator app or a recovery code; a recovery code is used up.

    django-otp refuses a code from a time step that was already used, and slows
    down guessing: each wrong code doubles the wait before the next try.
    """
    code = normalise_code(code)
    if _TOTP_CODE.fullmatch(code):
        devices: list[TOTPDevice | StaticDevice] = list(
            TOTPDevice.objects.filter(user=user, confirmed=True)
        )
    elif _RECOVERY_CODE.fullmatch(code):
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    else:
        return SecondFactorCheck(device=None)
    locked_until: datetime | None = None
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            continue
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return SecondFactorCheck(device=accepted)
    return SecondFactorCheck(device=None, locked_until=locked_until)
