"""Who may see a network's collaboration graph.

The graph holds only counts about organisations and professionals, never about
an older person. The organisations' graph is for the people of the network's
parties and its coordinator; the professionals' graph only for the network's own
coordinator. Both answer "not found" for a missing network and a refusal alike.
"""

from django.http import Http404

from vangnet.accounts.models import User
from vangnet.clients.access import professional_of
from vangnet.collaboration.traces import Level
from vangnet.directory.models import Network, NetworkParty


def coordinates(user: User, network: Network) -> bool:
    """Whether ``user`` is this network's coordinator on the social map, with the role."""
    person = network.coordinator
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_coordinator
        and person is not None
        and person.user_id == user.pk
    )


def access_network_graph(user: User, slug: str, level: Level) -> Network:
    """The network whose graph at ``level`` ``user`` may see; Http404 otherwise."""
    network = Network.objects.select_related("coordinator").filter(slug=slug).first()
    if network is None or not user.is_authenticated:
        raise Http404
    if coordinates(user, network):
        return network
    if level is Level.PROFESSIONALS:
        raise Http404
    person = professional_of(user)
    if (
        person is None
        or not NetworkParty.objects.filter(
            network=network, organisation_id=person.organisation_id
        ).exists()
    ):
        raise Http404
    return network


def networks_for(user: User) -> list[Network]:
    """The networks whose graph ``user`` may open, coordinated ones first."""
    if not user.is_authenticated:
        return []
    own = list(Network.objects.filter(coordinator__user=user).order_by("name"))
    if not user.is_coordinator:
        own = []
    person = professional_of(user)
    member = (
        list(
            Network.objects.filter(parties__organisation_id=person.organisation_id)
            .exclude(pk__in=[n.pk for n in own])
            .distinct()
            .order_by("name")
        )
        if person is not None
        else []
    )
    return own + member
