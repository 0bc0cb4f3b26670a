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
from vangnet.clients.access import consent_covers, related_client_ids
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.directory.models import Person


def visible_client_ids(
    person: Person | None,
    client_ids: Iterable[int],
    *,
    purpose: Purpose,
    category: DataCategory = DataCategory.PLAN,
) -> set[int]:
    """Which of ``client_ids`` this professional may see ``category`` of for ``purpose``.

    The same test as the door: a care relationship now, and an active consent
    that covers the data, the purpose and this professional. Writes nothing.
    """
    wanted = set(client_ids)
    if person is None or not wanted:
        return set()
    related = set(
        Client.objects.filter(related_client_ids(person), pk__in=wanted).values_list(
            "pk", flat=True
        )
    )
    if not related:
        return set()
    in_team = set(
        CareTeamMember.objects.active()
        .filter(client_id__in=related, person=person)
        .values_list("client_id", flat=True)
    )
    consents: dict[int, list[Consent]] = {}
    for consent in Consent.objects.active().filter(client_id__in=related):
        consents.setdefault(consent.client_id, []).append(consent)
    return {
        client_id
        for client_id in related
        if consent_covers(
            consents.get(client_id, []),
            person=person,
            category=category,
            purpose=purpose,
            in_care_team=client_id in in_team,
        )
    }


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
