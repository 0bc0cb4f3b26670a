"""Which of many older people an account may see, for lists that show names.

The same checks as the one door in ``vangnet.clients.access`` (a care
relationship plus a consent that covers the data and the purpose), done for a
whole list in a fixed number of queries. Emergency access does not open
lists: it opens one client's own pages.
"""

from collections.abc import Iterable

from vangnet.accounts.models import User
from vangnet.clients import access as door
from vangnet.clients.access import professional_of
from vangnet.consent.models import DataCategory, Purpose


def visible_client_ids(
    user: User, client_ids: Iterable[int], *, category: DataCategory, purpose: Purpose
) -> set[int]:
    """The ids among ``client_ids`` whose ``category`` data ``user`` may see for ``purpose``."""
    return door.visible_client_ids(
        professional_of(user), client_ids, category=category, purpose=purpose
    )
