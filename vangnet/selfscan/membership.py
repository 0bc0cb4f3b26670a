"""Who belongs to a network for the self-scan, and in which layer.

A member is an active account linked to a person on the social map whose
organisation is a party of the network; the layer is that party's place
(steering group, core team, outer shell). The network's coordinator always
belongs: in their organisation's layer, or the core team when their
organisation is not a party.
"""

from dataclasses import dataclass

from django.db.models import Q

from vangnet.accounts.models import User
from vangnet.directory.models import Network, NetworkParty, Person, Tier


@dataclass(frozen=True)
class Member:
    user: User
    tier: str


def _person(user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def members_of(network: Network) -> list[Member]:
    """Every member of ``network`` with their layer, in two queries."""
    tiers = dict(
        NetworkParty.objects.filter(network=network).values_list("organisation_id", "tier")
    )
    people = (
        Person.objects.filter(
            Q(organisation_id__in=tiers) | Q(coordinated_networks=network),
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
        .distinct()
        .order_by("pk")
    )
    members = []
    for person in people:
        assert person.user is not None
        tier = tiers.get(person.organisation_id, Tier.CORE_TEAM.value)
        members.append(Member(user=person.user, tier=tier))
    return members


def tier_of(user: User, network: Network) -> str | None:
    """The layer ``user`` answers in, or None when they are no member of ``network``."""
    person = _person(user)
    if person is None or not user.is_active:
        return None
    party = NetworkParty.objects.filter(network=network, organisation_id=person.organisation_id)
    tier = party.values_list("tier", flat=True).first()
    if tier is not None:
        return str(tier)
    if network.coordinator_id == person.pk:
        return Tier.CORE_TEAM.value
    return None


def networks_of(user: User) -> list[Network]:
    """The networks ``user`` is a member of, by name."""
    person = _person(user)
    if person is None:
        return []
    return list(
        Network.objects.filter(
            Q(parties__organisation_id=person.organisation_id) | Q(coordinator=person)
        )
        .distinct()
        .order_by("name")
    )


def can_manage(user: User, network: Network) -> bool:
    """The network's coordinator, or a coordinator account that is a member of it."""
    if not (user.is_authenticated and user.is_coordinator):
        return False
    person = _person(user)
    if person is None:
        return False
    return network.coordinator_id == person.pk or tier_of(user, network) is not None
