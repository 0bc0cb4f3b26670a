"""The one door to an older person's data.

A professional reaches a client only with an active care relationship and an
active consent that covers the kind of data and the purpose, or through
emergency access (break-the-glass) with a reason. Every granted access is
written to the access log. Missing and forbidden look the same: ``Http404``,
after the same queries.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor, log_access, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.clients.models import BreakGlassGrant, CareTeamMember, Client
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.directory.models import Person

security_log = logging.getLogger("vangnet.security")

# Each source answers: which clients is this person in a care relationship with?
# It returns a queryset of client ids. Apps with their own relationships
# (open referrals, signals) add theirs here.
RELATIONSHIP_SOURCES: list[str] = [
    "vangnet.clients.access.care_team_client_ids",
    "vangnet.referrals.visibility.open_referral_client_ids",
    "vangnet.detection.access.signal_client_ids",
]

BREAK_GLASS_MINUTES = 60


def care_team_client_ids(person: Person) -> QuerySet[CareTeamMember, int]:
    return CareTeamMember.objects.active().filter(person=person).values_list("client_id", flat=True)


def _sources() -> list[Callable[[Person], QuerySet[Any, int]]]:
    result = []
    for dotted in RELATIONSHIP_SOURCES:
        module, _, name = dotted.rpartition(".")
        result.append(getattr(import_module(module), name))
    return result


def professional_of(user: User | None) -> Person | None:
    """The social-map person behind an account; only active professionals have one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Person.objects.select_related("organisation").filter(user=user).first()


def related_client_ids(person: Person) -> Q:
    query = Q(pk__in=[])
    for source in _sources():
        query |= Q(pk__in=source(person))
    return query


def has_relationship(person: Person, client_id: int) -> bool:
    return Client.objects.filter(related_client_ids(person), pk=client_id).exists()


def consent_covers(
    consents: Iterable[Consent], *, person: Person, category: str, purpose: str, in_care_team: bool
) -> bool:
    return any(
        c.covers(person=person, category=category, purpose=purpose, in_care_team=in_care_team)
        for c in consents
    )


def visible_client_ids(
    person: Person | None,
    client_ids: Iterable[int],
    *,
    category: str,
    purpose: str,
) -> set[int]:
    """Which of ``client_ids`` ``person`` may see ``category`` of for ``purpose``, for lists.

    The door's test (a care relationship now and an active consent that covers
    the data, the purpose and this professional) for many clients in a fixed
    number of queries. Writes nothing: callers log what they show. Emergency
    access never opens a list.
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


@dataclass(frozen=True)
class Decision:
    allowed: bool
    break_glass: bool = False
    reason: str = ""


def decide(user: User, client: Client, *, category: str, purpose: str, for_write: bool) -> Decision:
    """Whether ``user`` may reach this data of ``client`` now. Writes nothing."""
    return _decide_on_id(user, client.pk, category=category, purpose=purpose, for_write=for_write)


def _decide_on_id(
    user: User, client_id: int, *, category: str, purpose: str, for_write: bool
) -> Decision:
    """The door's rule on a client number, which may point to nobody.

    Every query runs whatever the answer (relationship, care team, consents,
    emergency access), so a missing client takes as long as a forbidden one.
    """
    person = professional_of(user)
    if person is None:
        return Decision(False)
    if for_write and not user.can_edit:
        return Decision(False)
    related = has_relationship(person, client_id)
    in_team = CareTeamMember.objects.active().filter(client_id=client_id, person=person).exists()
    consents = list(Consent.objects.active().filter(client_id=client_id))
    grant = (
        None
        if for_write
        else BreakGlassGrant.objects.active().filter(client_id=client_id, user=user).first()
    )
    if related and consent_covers(
        consents, person=person, category=category, purpose=purpose, in_care_team=in_team
    ):
        return Decision(True)
    if grant is not None:
        return Decision(True, break_glass=True, reason=grant.reason)
    return Decision(False)


def access_client(
    actor: Actor,
    client_id: int,
    *,
    category: DataCategory,
    purpose: Purpose,
    event: AuditEvent = AuditEvent.READ,
    for_write: bool = False,
    objects: Iterable[str] = (),
) -> Client:
    """Fetch one client for ``actor`` and log the access, or raise ``Http404``.

    Missing and forbidden run the same queries: the rule is decided on the
    number, whether or not it points to anyone.
    """
    user = actor.user
    if user is None:
        raise Http404
    client = (
        Client.objects.select_related("network", "neighbourhood", "gp_practice")
        .filter(pk=client_id)
        .first()
    )
    decision = _decide_on_id(
        user, client_id, category=category, purpose=purpose, for_write=for_write
    )
    if client is None or not decision.allowed:
        security_log.info("refused: user %s, client %s, %s", user.pk, client_id, category)
        raise Http404
    log_access(
        actor=actor,
        event=event,
        client_id=client.pk,
        data_category=category,
        purpose=purpose,
        objects=[f"client:{client.pk}", *objects],
        break_glass=decision.break_glass,
        reason=decision.reason,
    )
    return client


def accessible_clients(
    actor: Actor,
    *,
    purpose: Purpose,
    search: str = "",
    limit: int = 50,
) -> list[Client]:
    """The clients whose identity ``actor`` may see for ``purpose``, logged per client.

    With ``search`` the rows are logged as a search, otherwise as a read.
    """
    person = professional_of(actor.user)
    if person is None:
        return []
    candidates = Client.objects.filter(related_client_ids(person)).select_related("neighbourhood")
    if search:
        for word in search.split():
            candidates = candidates.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(postcode__icontains=word)
                | Q(street__icontains=word)
            )
    candidate_list = list(candidates.order_by("family_name", "given_name", "pk")[: limit * 2])
    visible = visible_client_ids(
        person,
        [c.pk for c in candidate_list],
        category=DataCategory.IDENTITY,
        purpose=purpose,
    )
    allowed = [c for c in candidate_list if c.pk in visible][:limit]
    if allowed:
        log_accesses(
            actor=actor,
            event=AuditEvent.SEARCH if search else AuditEvent.READ,
            client_ids=[c.pk for c in allowed],
            data_category=DataCategory.IDENTITY,
            purpose=purpose,
            objects=["client-list"],
        )
    return allowed


def break_the_glass(*, actor: Actor, client_id: int, reason: str) -> Client:
    """Open emergency access for one hour; flagged in the log for the coordinator's review."""
    user = actor.user
    reason = reason.strip()
    if user is None or professional_of(user) is None or not reason:
        raise Http404
    if not (user.has_role(Role.PROFESSIONAL) or user.has_role(Role.COORDINATOR)):
        raise Http404
    with transaction.atomic():
        client = Client.objects.filter(pk=client_id).first()
        if client is None:
            raise Http404
        minutes = getattr(settings, "VANGNET_BREAK_GLASS_MINUTES", BREAK_GLASS_MINUTES)
        BreakGlassGrant.objects.create(
            client=client,
            user=user,
            reason=reason,
            expires_at=timezone.now() + timedelta(minutes=minutes),
        )
        log_access(
            actor=actor,
            event=AuditEvent.READ,
            client_id=client.pk,
            data_category=DataCategory.IDENTITY,
            purpose="break_glass",
            objects=[f"client:{client.pk}"],
            break_glass=True,
            reason=reason,
        )
    return client
