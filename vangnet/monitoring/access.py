"""Who may read a network's figures: its coordinators, in the networks they work in.

The figures hold no personal data, but they are the network's own working picture:
a stranger learns nothing, not even that the network exists. ``access_network``
answers "not found" for a missing and a forbidden network alike.
"""

from django.http import Http404

from vangnet.accounts.models import User
from vangnet.clients.access import professional_of
from vangnet.clients.emergency import networks_of
from vangnet.directory.models import Network


def networks_visible(user: User) -> list[Network]:
    """The networks whose figures ``user`` may read: none unless they hold the coordinator role."""
    if not (user.is_authenticated and user.is_coordinator):
        return []
    person = professional_of(user)
    return [] if person is None else networks_of(person)


def access_network(user: User, slug: str) -> Network:
    """The network called ``slug``, for one of its coordinators; else Http404."""
    for network in networks_visible(user):
        if network.slug == slug:
            return network
    raise Http404
