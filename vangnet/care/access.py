"""Seeing many older people at once (lists, agendas), by the same rules as the one door.

``vangnet.clients.access.access_client`` decides for one client and logs it.
Lists across clients (my actions, an MDO agenda) ask here which of a set of
clients a professional may see, in a fixed number of queries, and log the ones
they are shown. Emergency access never opens a list: it is for one person,
through the door.
"""

from collections.abc import Iterable

from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.clients import access as door
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import Person


def visible_client_ids(
    person: Person | None,
    client_ids: Iterable[int],
    *,
    purpose: Purpose,
    category: DataCategory = DataCategory.PLAN,
) -> set[int]:
    """Which of ``client_ids`` this professional may see the plan of for ``purpose``."""
    return door.visible_client_ids(person, client_ids, category=category, purpose=purpose)


def log_shown(
    actor: Actor,
    client_ids: Iterable[int],
    *,
    purpose: Purpose,
    objects: Iterable[str],
    category: DataCategory = DataCategory.PLAN,
) -> None:
    """One read row per older person shown on a list; nothing when nobody was shown."""
    ids = sorted(set(client_ids))
    if ids:
        log_accesses(
            actor=actor,
            event=AuditEvent.READ,
            client_ids=ids,
            data_category=category,
            purpose=purpose,
            objects=objects,
        )
