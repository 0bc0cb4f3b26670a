"""Who may see a network's self-scan: its members; who may run it: its coordinator.

A round holds no personal data, but it is the network's own conversation: a
stranger learns nothing, not even that a round exists. Both doors answer "not
found" for missing and forbidden alike.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from vangnet.accounts.models import User
from vangnet.directory.models import Network
from vangnet.selfscan.membership import can_manage, tier_of
from vangnet.selfscan.models import Round


def access_network(user: User, slug: str, *, for_write: bool = False) -> Network:
    """The network, for a member (or, writing, for its coordinator); else Http404."""
    network = get_object_or_404(Network.objects.select_related("coordinator"), slug=slug)
    allowed = can_manage(user, network) if for_write else tier_of(user, network) is not None
    if not allowed:
        raise Http404
    return network


def access_round(user: User, round_id: int, *, for_write: bool = False) -> tuple[Round, str]:
    """The round and the member's layer in its network (or, writing, for its coordinator)."""
    round_ = get_object_or_404(Round.objects.select_related("network__coordinator"), pk=round_id)
    tier = tier_of(user, round_.network)
    if tier is None or (for_write and not can_manage(user, round_.network)):
        raise Http404
    return round_, tier
