"""Who hears about a referral, and the message they get: a link, never a name or detail."""

from collections.abc import Iterable

from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.directory.models import Person
from vangnet.notifications.actions import notify
from vangnet.referrals.models import Referral


def referral_url(referral: Referral) -> str:
    url = reverse("referrals:client", kwargs={"client_id": referral.client_id})
    return f"{url}#{referral.anchor}"


def receivers_of(referral: Referral) -> list[User]:
    """Who hears about a new referral: the named person, or else everyone of the organisation."""
    named = referral.receiving_person
    if named is not None and named.user is not None and named.user.is_active:
        return [named.user]
    return [
        p.user
        for p in Person.objects.filter(
            organisation_id=referral.receiving_organisation_id,
            user__isnull=False,
            user__is_active=True,
        ).select_related("user")
        if p.user is not None
    ]


def referral_notify(
    users: Iterable[User | None], subject: str, body: str, referral: Referral
) -> None:
    """A message with a link only: never a name or detail of the older person."""
    notify(
        recipients=[u for u in users if u is not None],
        kind="referral",
        subject=subject,
        body=body,
        url=referral_url(referral),
    )


def referrer_users(referral: Referral) -> list[User | None]:
    return [referral.referrer_user]
