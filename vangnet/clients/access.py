"""The one door to an older person's data.

A professional reaches a client only with an active care relationship and an
active consent that covers the kind of data and the purpose, or through
emergency access (break-the-glass) with a reason. Every granted access is
written to the access log. Missing and forbidden look the same: ``Http404``,
after the same queries.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_access, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.clients.emergency import (
    WARN_AFTER_FAILURES,
    EmergencyIdentity,
    allowed_networks,
    attempts_per_day,
    count_attempt,
    matching_client_ids,
    tell_about_failures,
    tell_about_use,
)
from vangnet.clients.models import BreakGlassDay, BreakGlassGrant, CareTeamMember, Client
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.directory.models import Network, Person

security_log = logging.getLogger("vangnet.security")

RelationshipSource = Callable[[Person], QuerySet[Any, int]]


def care_team_client_ids(person: Person) -> QuerySet[CareTeamMember, int]:
    return CareTeamMember.objects.active().filter(person=person).values_list("client_id", flat=True)


# Each source answers: which clients is this person in a care relationship with?
# It returns a queryset of client ids. Apps with their own kind of relationship (an
# open referral, a signal passed on) register theirs at start-up, in their AppConfig.ready().
RELATIONSHIP_SOURCES: list[RelationshipSource] = [care_team_client_ids]


def relationship_source_register(source: RelationshipSource) -> None:
    """Count ``source``'s clients as in a care relationship with the person (once)."""
    if source not in RELATIONSHIP_SOURCES:
        RELATIONSHIP_SOURCES.append(source)


BREAK_GLASS_MINUTES = 60
# How many candidates a named list reads at a time while it looks for visible people.
LIST_BATCH = 50


def professional_of(user: User | None) -> Person | None:
    """The social-map person behind an account; only active professionals have one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Person.objects.select_related("organisation").filter(user=user).first()


def relationship_filter(person: Person) -> Q:
    query = Q(pk__in=[])
    for source in RELATIONSHIP_SOURCES:
        query |= Q(pk__in=source(person))
    return query


def clients_related_to(person: Person) -> QuerySet[Client, int]:
    """The numbers of the older people ``person`` has a care relationship with now.

    A relationship alone opens nothing: what may be shown still needs a consent
    (the list door). Writes nothing; for counts and for deciding whether to offer work.
    """
    return Client.objects.filter(relationship_filter(person)).values_list("pk", flat=True)


def has_relationship(person: Person, client_id: int) -> bool:
    return clients_related_to(person).filter(pk=client_id).exists()


def clients_for_figures(network: Network) -> QuerySet[Client]:
    """The aggregate door: a network's older people, for figures that are only counted.

    A count per network, area and quarter names nobody and is published only
    after small-cell suppression, so it needs no care relationship and writes
    no access-log row. Callers filter, annotate and count this queryset; they
    never show, export or log a person from it. Who may see the figures (the
    network's coordinator) is checked by the caller.
    """
    return Client.objects.filter(network=network)


def consent_covers(
    consents: Iterable[Consent], *, person: Person, category: str, purpose: str, in_care_team: bool
) -> bool:
    return any(
        c.covers(person=person, category=category, purpose=purpose, in_care_team=in_care_team)
        for c in consents
    )


def _visible_ids(
    person: Person | None,
    client_ids: Iterable[int],
    *,
    category: str,
    purpose: str,
) -> set[int]:
    """Which of ``client_ids`` ``person`` may see ``category`` of for ``purpose``; writes nothing.

    The door's test (a care relationship now and an active consent that covers
    the data, the purpose and this professional) for many clients in three
    queries, however many there are.
    """
    wanted = set(client_ids)
    if person is None or not wanted:
        return set()
    related = set(
        Client.objects.filter(relationship_filter(person), pk__in=wanted).values_list(
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


@dataclass(frozen=True)
class _Grounds:
    """What the door's rule looks at for one professional and one client number."""

    person: Person
    can_edit: bool
    related: bool
    in_team: bool
    consents: list[Consent]
    grant: BreakGlassGrant | None

    def decide(self, *, category: str, purpose: str, for_write: bool) -> Decision:
        if for_write and not self.can_edit:
            return Decision(False)
        if self.related and consent_covers(
            self.consents,
            person=self.person,
            category=category,
            purpose=purpose,
            in_care_team=self.in_team,
        ):
            return Decision(True)
        if not for_write and self.grant is not None:
            return Decision(True, break_glass=True, reason=self.grant.reason)
        return Decision(False)


def _grounds(user: User, person: Person, client_id: int, *, with_grant: bool) -> _Grounds:
    """Read what the rule needs, with the same queries whether or not the number is anyone."""
    return _Grounds(
        person=person,
        can_edit=user.can_edit,
        related=has_relationship(person, client_id),
        in_team=CareTeamMember.objects.active().filter(client_id=client_id, person=person).exists(),
        consents=list(Consent.objects.active().filter(client_id=client_id)),
        grant=(
            BreakGlassGrant.objects.active().filter(client_id=client_id, user=user).first()
            if with_grant
            else None
        ),
    )


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
    grounds = _grounds(user, person, client_id, with_grant=not for_write)
    return grounds.decide(category=category, purpose=purpose, for_write=for_write)


@dataclass(frozen=True)
class Decisions:
    """The door's answer for one viewer and one client, for every kind of data and purpose.

    Read once (``decisions_for``) and asked many times, so a page that offers a
    link per part asks the database the same few questions however many parts
    it has. Each answer is the one ``decide`` would give.
    """

    grounds: _Grounds | None

    @property
    def person(self) -> Person | None:
        """The viewer's place on the social map; None for an account without one."""
        return self.grounds.person if self.grounds else None

    def get(self, category: str, purpose: str, *, for_write: bool = False) -> Decision:
        if self.grounds is None:
            return Decision(False)
        return self.grounds.decide(category=category, purpose=purpose, for_write=for_write)

    def allows(self, category: str, purpose: str, *, for_write: bool = False) -> bool:
        return self.get(category, purpose, for_write=for_write).allowed


def decisions_for(user: User, client: Client) -> Decisions:
    """Every answer of the door for ``user`` and ``client``, in a fixed number of queries."""
    person = professional_of(user)
    if person is None:
        return Decisions(None)
    return Decisions(_grounds(user, person, client.pk, with_grant=True))


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
    """The older people ``actor`` may see by name for ``purpose``, optionally found by words.

    Through the list door; with ``search`` the rows are logged as a search.
    """
    candidates = (
        Client.objects.matching(search)
        .select_related("neighbourhood")
        .order_by("family_name", "given_name", "pk")
    )
    return clients_listed(
        actor,
        candidates,
        purpose=purpose,
        event=AuditEvent.SEARCH if search else AuditEvent.READ,
        objects=["client-list"],
        limit=limit,
    )


def clients_shown(
    actor: Actor,
    client_ids: Iterable[int],
    *,
    category: DataCategory,
    purpose: Purpose,
    objects: Iterable[str] = (),
    event: AuditEvent = AuditEvent.READ,
    masked: bool = False,
) -> set[int]:
    """The list door: of ``client_ids``, those whose ``category`` ``actor`` may be shown.

    The same rule as ``access_client`` for a whole list, in a fixed number of
    queries however long it is. Writes one access-log row per older person
    shown, in one bulk insert: the visible ones, or, with ``masked``, every one
    of ``client_ids`` (for rows the caller shows without ``category``, such as a
    birth year and a neighbourhood, under a right it checked itself). Callers
    pass exactly the older people their page shows. Emergency access never
    opens a list.
    """
    wanted = sorted(set(client_ids))
    visible = _visible_ids(professional_of(actor.user), wanted, category=category, purpose=purpose)
    logged = wanted if masked else sorted(visible)
    if logged:
        log_accesses(
            actor=actor,
            event=event,
            client_ids=logged,
            data_category=category,
            purpose=purpose,
            objects=objects,
        )
    return visible


def clients_counted(
    user: User | None,
    groups: Mapping[str, Iterable[int]],
    *,
    category: DataCategory,
    purpose: Purpose,
) -> dict[str, int]:
    """For counts only: per group, how many rows ``user`` may be shown, by the list door's rule.

    Each group holds one client number per row (two referrals for the same
    person count twice). The rule is that of ``clients_shown``, so a count
    never includes a row the list it stands for would hide. It writes no
    access-log row: a number names nobody and shows nothing about anyone; the
    list behind it logs every person it shows when it is opened. Never use it
    to decide which people to show. Three queries however many rows.
    """
    rows = {name: list(ids) for name, ids in groups.items()}
    visible = _visible_ids(
        professional_of(user),
        {client_id for ids in rows.values() for client_id in ids},
        category=category,
        purpose=purpose,
    )
    return {name: sum(1 for client_id in ids if client_id in visible) for name, ids in rows.items()}


def clients_listed(
    actor: Actor,
    candidates: QuerySet[Client],
    *,
    purpose: Purpose,
    category: DataCategory = DataCategory.IDENTITY,
    objects: Iterable[str] = (),
    event: AuditEvent = AuditEvent.READ,
    limit: int = 50,
) -> list[Client]:
    """The list door for older people by name: the first ``limit`` of ``candidates`` that
    ``actor`` may see, in the candidates' order, each logged as ``clients_shown`` does.

    Candidates are narrowed to ``actor``'s care relationships in the database and
    then read in batches until ``limit`` visible people are found, so a person
    whose consent does not cover the list never takes the place of one it does.
    """
    person = professional_of(actor.user)
    if person is None or limit <= 0:
        return []
    related = candidates.filter(relationship_filter(person))
    batch_size = max(limit, LIST_BATCH)
    found: list[Client] = []
    offset = 0
    while len(found) < limit:
        batch = list(related[offset : offset + batch_size])
        visible = _visible_ids(person, [c.pk for c in batch], category=category, purpose=purpose)
        found += [c for c in batch if c.pk in visible]
        if len(batch) < batch_size:
            break
        offset += batch_size
    found = found[:limit]
    if found:
        log_accesses(
            actor=actor,
            event=event,
            client_ids=[c.pk for c in found],
            data_category=category,
            purpose=purpose,
            objects=objects,
        )
    return found


# What an attempt at emergency access did, in the access log's objects.
GRANTED = "emergency-access:granted"
REFUSED = "emergency-access:refused"
LIMIT = "emergency-access:limit"
NO_MATCH = "emergency-access:no-match"
NOT_ALLOWED = "emergency-access:not-allowed"


@dataclass(frozen=True)
class BreakGlassResult:
    """The older person emergency access opened, or None; and the attempts left today."""

    client: Client | None
    attempts_left: int


def break_the_glass(*, actor: Actor, identity: EmergencyIdentity, reason: str) -> BreakGlassResult:
    """One attempt at emergency access to one older person, for a short time.

    The attempt is counted first (``VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY`` a
    day; past the limit even a right attempt is refused), then matched in the
    networks whose rule lets in this professional's role: exactly one older
    person, or nobody. Granted or not, it is written to the access log, and
    the coordinators are told of every use and of repeated refusals, all in
    one transaction. A refusal does not say why: no match, a role that may not
    use it and the limit give the same answer.
    """
    user = actor.user
    person = professional_of(user)
    reason = reason.strip()
    if user is None or person is None or not reason:
        raise Http404
    limit = attempts_per_day()
    with transaction.atomic():
        tally = count_attempt(user, timezone.localdate())
        client: Client | None = None
        if tally.attempts > limit:
            outcome = [LIMIT]
        else:
            networks = allowed_networks(user, person)
            matches = matching_client_ids(networks, identity) if networks else []
            if len(matches) == 1:
                client = Client.objects.get(pk=matches[0])
                outcome = [GRANTED, f"client:{client.pk}"]
            else:
                outcome = [REFUSED, NO_MATCH if networks else NOT_ALLOWED]
        if client is not None:
            minutes = getattr(settings, "VANGNET_BREAK_GLASS_MINUTES", BREAK_GLASS_MINUTES)
            BreakGlassGrant.objects.create(
                client=client,
                user=user,
                reason=reason,
                expires_at=timezone.now() + timedelta(minutes=minutes),
            )
        else:
            BreakGlassDay.objects.filter(pk=tally.pk).update(failures=F("failures") + 1)
        log_access(
            actor=actor,
            event=AuditEvent.SEARCH,
            client_id=client.pk if client is not None else None,
            data_category=DataCategory.IDENTITY,
            purpose="break_glass",
            objects=outcome,
            break_glass=True,
            reason=reason,
        )
        if client is not None:
            tell_about_use(client)
        elif tally.attempts == limit + 1:
            tell_about_failures(person, limit_reached=True)
        elif tally.failures + 1 == WARN_AFTER_FAILURES:
            tell_about_failures(person, limit_reached=False)
    if client is None:
        security_log.warning("emergency access refused: user %s, %s", user.pk, outcome[-1])
    return BreakGlassResult(client=client, attempts_left=max(0, limit - tally.attempts))
