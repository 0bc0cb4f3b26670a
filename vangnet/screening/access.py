"""Which of many older people an account may see, for lists that show names.

The same checks as the one door in ``vangnet.clients.access`` (a care
relationship plus a consent that covers the data and the purpose), done for a
whole list in a fixed number of queries. Emergency access does not open
lists: it opens one client's own pages.
"""

from collections.abc import Iterable

from vangnet.accounts.models import User
from vangnet.clients.access import consent_covers, professional_of, related_client_ids
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import Consent, DataCategory, Purpose


def visible_client_ids(
    user: User, client_ids: Iterable[int], *, category: DataCategory, purpose: Purpose
) -> set[int]:
    """The ids among ``client_ids`` whose ``category`` data ``user`` may see for ``purpose``."""
    person = professional_of(user)
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
