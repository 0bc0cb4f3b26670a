"""Emergency access (break-the-glass): who may use it, how one older person is identified.

The attempt itself, with its count, log row and notifications, is
``vangnet.clients.access.break_the_glass``. This module holds the rules it
applies:

- a professional belongs to the networks their organisation is a party of, and
  to the networks they coordinate;
- each network's ``EmergencyAccessPolicy`` says which roles may use emergency
  access and what identifies an older person (BSN and date of birth, or
  surname, date of birth, postcode and house number, all exact);
- an identification matches exactly one older person in the allowed networks,
  or nobody: it is never a search that can be walked.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from vangnet.accounts.models import Role, User
from vangnet.clients.models import BreakGlassDay, Client, EmergencyAccessPolicy, IdentifyBy
from vangnet.directory.models import Network, Person
from vangnet.notifications.actions import notify

ATTEMPTS_PER_DAY = 5
# A coordinator hears of refused attempts at this count in a day, and again at the limit.
WARN_AFTER_FAILURES = 3

# "12", "12a", "12 A", "12-2", "12 bis": the number, then an optional addition; a digit as the
# addition needs a space or hyphen, so "123456" is no house number. ASCII only: "²" fails.
HOUSE_NUMBER = (
    r"([1-9][0-9]{0,4})"
    r"(?:\s*-?\s*([A-Z][A-Z0-9]{0,3})|\s*[-\s]\s*([0-9][A-Z0-9]{0,3}))?"
)
HOUSE_NUMBER_RE = re.compile(HOUSE_NUMBER, re.ASCII | re.IGNORECASE)
# The house number at the end of a street line such as "Kerkstraat 12a".
STREET_NUMBER_RE = re.compile(rf"\s{HOUSE_NUMBER}\s*$", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True)
class EmergencyIdentity:
    """What the professional typed. Empty parts are not used."""

    date_of_birth: date
    bsn: str = ""
    family_name: str = ""
    postcode: str = ""
    house_number: tuple[str, str] | None = None


def attempts_per_day() -> int:
    return int(getattr(settings, "VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY", ATTEMPTS_PER_DAY))


def parse_house_number(value: str) -> tuple[str, str] | None:
    """("12", "A") for "12a" or "12 A"; None when it is not a house number."""
    return _number_and_addition(HOUSE_NUMBER_RE.fullmatch(value.strip()))


def street_house_number(street: str) -> tuple[str, str] | None:
    return _number_and_addition(STREET_NUMBER_RE.search(street))


def _number_and_addition(found: re.Match[str] | None) -> tuple[str, str] | None:
    if found is None:
        return None
    return found[1], (found[2] or found[3] or "").upper()


def networks_of(person: Person) -> list[Network]:
    """The networks a professional works in: their organisation takes part, or they coordinate."""
    return list(
        Network.objects.filter(
            Q(parties__organisation_id=person.organisation_id) | Q(coordinator=person)
        )
        .select_related("coordinator__user")
        .distinct()
        .order_by("name")
    )


def allowed_networks(user: User, person: Person) -> dict[int, str]:
    """Network id → how someone is identified there, for the networks whose rule lets in this role.

    Only accounts with the professional or coordinator role take part at all.
    """
    if not (user.has_role(Role.PROFESSIONAL) or user.has_role(Role.COORDINATOR)):
        return {}
    networks = networks_of(person)
    stored = {
        policy.network_id: policy
        for policy in EmergencyAccessPolicy.objects.filter(network__in=networks)
    }
    result: dict[int, str] = {}
    for network in networks:
        policy = stored.get(network.pk) or EmergencyAccessPolicy(network=network)
        if policy.allows(person.discipline):
            result[network.pk] = policy.identify_by
    return result


def identification_modes(user: User, person: Person) -> set[str]:
    """Which details the form asks for; the default when the role may use it nowhere."""
    return set(allowed_networks(user, person).values()) or {IdentifyBy.BSN.value}


def matching_client_ids(networks: dict[int, str], identity: EmergencyIdentity) -> list[int]:
    """The older people in ``networks`` that match ``identity`` exactly; the caller wants one."""
    by_bsn = [pk for pk, mode in networks.items() if mode == IdentifyBy.BSN]
    by_address = [pk for pk, mode in networks.items() if mode == IdentifyBy.ADDRESS]
    query = Q(pk__in=[])
    if by_bsn and identity.bsn:
        query |= Q(network_id__in=by_bsn, bsn=identity.bsn)
    address_given = identity.family_name and identity.postcode and identity.house_number
    if by_address and address_given:
        query |= Q(
            network_id__in=by_address,
            family_name__iexact=identity.family_name,
            postcode__in=[identity.postcode, identity.postcode.replace(" ", "")],
        )
    rows = Client.objects.filter(query, date_of_birth=identity.date_of_birth).values_list(
        "pk", "network_id", "street"
    )[:20]
    return [
        pk
        for pk, network_id, street in rows
        if networks.get(network_id) == IdentifyBy.BSN
        or street_house_number(street) == identity.house_number
    ]


def count_attempt(user: User, day: date) -> BreakGlassDay:
    """Count one attempt and return the day's row, locked until the transaction ends.

    The UPDATE comes first: on PostgreSQL it takes the row lock, so a second
    attempt of the same person waits here and then counts on top of the first;
    on SQLite it takes the write lock before anything is read.
    """
    rows = BreakGlassDay.objects.filter(user=user, day=day)
    if not rows.update(attempts=F("attempts") + 1):
        try:
            with transaction.atomic():
                BreakGlassDay.objects.create(user=user, day=day, attempts=1)
        except IntegrityError:
            # Another attempt created the row a moment ago: count on top of it.
            rows.update(attempts=F("attempts") + 1)
    return rows.get()


def attempts_left(user: User, day: date) -> int:
    used = (
        BreakGlassDay.objects.filter(user=user, day=day).values_list("attempts", flat=True).first()
    )
    return max(0, attempts_per_day() - (used or 0))


def coordinators_of(networks: list[Network]) -> list[User]:
    """The active coordinator accounts of ``networks``; every coordinator when none has one.

    A warning about emergency access must reach someone, also in a network whose
    coordinator has no account yet.
    """
    users = [
        network.coordinator.user
        for network in networks
        if network.coordinator is not None and network.coordinator.user is not None
    ]
    found = [u for u in users if u.is_active and u.has_role(Role.COORDINATOR)]
    if found:
        return found
    return list(User.objects.filter(is_active=True, groups__name=Role.COORDINATOR.value).distinct())


def tell_about_use(client: Client) -> None:
    """Tell the coordinators of the older person's network that emergency access was used."""
    network = Network.objects.select_related("coordinator__user").get(pk=client.network_id)
    notify(
        recipients=coordinators_of([network]),
        kind="clients.emergency_access",
        subject=_("Emergency access was used"),
        body=_(
            "A professional opened emergency access to an older person's details. "
            "Check the reason with them and record whether it was justified."
        ),
        url=reverse("audit:review"),
    )


def tell_about_failures(person: Person, *, limit_reached: bool) -> None:
    """Tell the coordinators of the professional's networks about repeated refusals."""
    if limit_reached:
        subject = _("Emergency access: daily limit reached")
        body = _(
            "A professional has used all of today's attempts at emergency access and tried again. "
            "See who in the review list, and check with them."
        )
    else:
        subject = _("Emergency access: repeated refusals")
        body = _(
            "A professional was refused emergency access several times today. "
            "See who in the review list, and check with them."
        )
    notify(
        recipients=coordinators_of(networks_of(person)),
        kind="clients.emergency_access_refused",
        subject=subject,
        body=body,
        url=reverse("audit:review"),
    )


def networks_coordinated_by(user: User) -> list[Network]:
    """The networks whose emergency-access rule this account may change."""
    if not user.is_active or not user.is_coordinator:
        return []
    networks = Network.objects.order_by("name")
    if user.is_superuser:
        return list(networks)
    return list(networks.filter(coordinator__user=user))
