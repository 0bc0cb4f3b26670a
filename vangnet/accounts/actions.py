"""Changes to how a professional logs in; each writes its account event in the same transaction."""

from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.models import AccountEvent, AccountEventKind, User
from vangnet.accounts.request_info import client_ip, user_agent
from vangnet.accounts.twofactor import (
    AUTHENTICATOR_NAME,
    RECOVERY_CODE_COUNT,
    RECOVERY_DEVICE_NAME,
)

# Events older than this are removed: enough to spot a strange login, no longer.
ACCOUNT_EVENT_RETENTION = timedelta(days=90)


def account_event_record(
    *, user: User, kind: AccountEventKind, request: HttpRequest | None = None
) -> AccountEvent:
    """Write one account event, and drop this user's events past the retention period."""
    now = timezone.now()
    with transaction.atomic():
        AccountEvent.objects.filter(
            user=user, occurred_at__lt=now - ACCOUNT_EVENT_RETENTION
        ).delete()
        return AccountEvent.objects.create(
            user=user,
            kind=kind,
            occurred_at=now,
            ip_address=client_ip(request) if request is not None else None,
            user_agent=user_agent(request) if request is not None else "",
        )


def recovery_codes_renew(*, user: User, request: HttpRequest | None = None) -> list[str]:
    """Replace all recovery codes of ``user`` with new ones and return them, once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        account_event_record(
            user=user, kind=AccountEventKind.RECOVERY_CODES_CREATED, request=request
        )
    return codes


def authenticator_confirm(
    *, user: User, device: TOTPDevice, request: HttpRequest | None = None
) -> list[str]:
    """Make a just-verified authenticator the only one of ``user``; return new recovery codes.

    Any earlier authenticator stops working, and so do the old recovery codes:
    whoever set up a new app may have lost the old phone with its codes.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = AUTHENTICATOR_NAME
        device.save(update_fields=["confirmed", "name"])
        account_event_record(user=user, kind=AccountEventKind.AUTHENTICATOR_SET_UP, request=request)
        return recovery_codes_renew(user=user, request=request)


def second_factor_remove(*, user: User) -> None:
    """Remove the authenticator and recovery codes; at the next login, setting up starts again.

    For an administrator helping someone who lost both the phone and the codes.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        account_event_record(user=user, kind=AccountEventKind.SECOND_FACTOR_REMOVED)


def password_change(
    *,
    user: User,
    new_password: str,
    kind: AccountEventKind = AccountEventKind.PASSWORD_CHANGED,
    request: HttpRequest | None = None,
) -> None:
    """Set a new password (already checked against the password rules).

    Every other session of ``user`` ends, because Django ties sessions to the
    password hash.
    """
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        account_event_record(user=user, kind=kind, request=request)
