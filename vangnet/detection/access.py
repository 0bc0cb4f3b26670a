"""The door to signals, and what the coordination point may learn about possible matches.

Who may open a signal, and what they see of it:

- **The coordination point** (a coordinator who is the network's coordinator or on the
  staff of its coordination point) reads every signal of that network in full: it was sent
  there to be triaged. It does *not* read the record of an older person the signal may be
  about: candidate matches show only the birth year, the neighbourhood and the
  organisations that know the person. A coordinator who has access to that record through
  the door anyway (care relationship and consent) gets a link to it, as anyone would.
- **The recipient** of a signal that was passed on reads the signal while it is open: it is
  theirs to act on. Being the recipient of an open signal is a care relationship (see
  ``signal_client_ids``), but consent still applies: the name and address of a registered
  older person are shown only when a consent covers the recipient.
- **The professional who recorded it** reads their own signal and follows its status.

Anyone else gets ``Http404``, as for a signal that does not exist. Every granted read writes
one access-log row, with the older person's number when the signal is linked to one.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import clients_shown, decide, professional_of
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.detection.matching import Score, find_matches
from vangnet.detection.models import RECIPIENT_STATUSES, CoordinationPoint, Signal
from vangnet.directory.models import Network, Person

SIGNALS = DataCategory.SIGNALS
EARLY_DETECTION = Purpose.EARLY_DETECTION


def signal_client_ids(person: Person) -> QuerySet[Signal, int]:
    """Relationship source: the older people of open signals passed on to ``person``."""
    return (
        Signal.objects.passed_on_to(person)
        .filter(client__isnull=False)
        .values_list("client_id", flat=True)
    )


def coordinated_network_ids(user: User | None) -> set[int]:
    """The networks whose signals this account triages at the coordination point."""
    if user is None or not user.is_authenticated or not user.has_role(Role.COORDINATOR):
        return set()
    person = professional_of(user)
    if person is None:
        return set()
    own = Network.objects.filter(coordinator=person).values_list("pk", flat=True)
    staffed = CoordinationPoint.objects.filter(staff=person).values_list("network_id", flat=True)
    return set(own) | set(staffed)


def coordination_staff(network: Network) -> list[User]:
    """The active coordinator accounts of a network's coordination point."""
    people = Q(person__coordinated_networks=network) | Q(
        person__coordination_points__network=network
    )
    return list(
        User.objects.filter(people, is_active=True, groups__name=Role.COORDINATOR.value)
        .distinct()
        .order_by("pk")
    )


class SignalRole(StrEnum):
    COORDINATION = "coordination"
    RECIPIENT = "recipient"
    CREATOR = "creator"


def roles_of(user: User, person: Person, signal: Signal, coordinated: set[int]) -> list[SignalRole]:
    """Every reason this account has to see the signal, strongest first."""
    roles = []
    if signal.network_id in coordinated:
        roles.append(SignalRole.COORDINATION)
    if signal.recipient_id == person.pk and signal.status in RECIPIENT_STATUSES:
        roles.append(SignalRole.RECIPIENT)
    if signal.created_by_id == user.pk:
        roles.append(SignalRole.CREATOR)
    return roles


@dataclass(frozen=True)
class SignalAccess:
    """A signal as one viewer may see it."""

    signal: Signal
    # The role the signal was opened in (logged), and every role the viewer holds.
    role: SignalRole
    roles: tuple[SignalRole, ...]
    # The name and address as reported; for a registered older person only within consent.
    identity_visible: bool
    # The viewer may open the older person's record through the door.
    record_visible: bool

    @property
    def is_coordination(self) -> bool:
        return SignalRole.COORDINATION in self.roles

    @property
    def is_recipient(self) -> bool:
        return SignalRole.RECIPIENT in self.roles

    @property
    def is_creator(self) -> bool:
        return SignalRole.CREATOR in self.roles


def record_visible_to(user: User, client: Client | None, purpose: Purpose) -> bool:
    """Would the door let ``user`` see who ``client`` is? Writes nothing."""
    if client is None:
        return False
    decision = decide(
        user, client, category=DataCategory.IDENTITY, purpose=purpose, for_write=False
    )
    return decision.allowed


def access_signal(
    actor: Actor,
    signal_id: int,
    *,
    roles: Collection[SignalRole] = tuple(SignalRole),
    event: AuditEvent = AuditEvent.READ,
    objects: Iterable[str] = (),
) -> SignalAccess:
    """Fetch one signal for ``actor`` in one of ``roles`` and log the read, or raise ``Http404``."""
    user = actor.user
    person = professional_of(user)
    signal = (
        Signal.objects.select_related(
            "network",
            "client",
            "client__neighbourhood",
            "subject_neighbourhood",
            "recipient__organisation",
            "created_by_person__organisation",
        )
        .filter(pk=signal_id)
        .first()
    )
    if user is None or person is None or signal is None:
        raise Http404
    held = roles_of(user, person, signal, coordinated_network_ids(user))
    role = next((r for r in held if r in roles), None)
    if role is None:
        raise Http404
    record_visible = record_visible_to(user, signal.client, EARLY_DETECTION)
    # Only a recipient needs consent to see whom the signal is about: the coordination
    # point triages what was reported, and the author wrote it.
    identity_visible = held != [SignalRole.RECIPIENT] or signal.client_id is None or record_visible
    log_access(
        actor=actor,
        event=event,
        client_id=signal.client_id,
        data_category=SIGNALS,
        purpose=EARLY_DETECTION,
        objects=[f"signal:{signal.pk}", f"as:{role.value}", *objects],
    )
    return SignalAccess(signal, role, tuple(held), identity_visible, record_visible)


def log_signal_list(actor: Actor, signals: Iterable[Signal], where: str) -> None:
    """One log row per older person behind the listed signals, through the list door.

    Signal lists show no names: each row is shown under the signal's own right
    (its author, its recipient, the coordination point), so every one is logged.
    """
    clients_shown(
        actor,
        {s.client_id for s in signals if s.client_id is not None},
        category=SIGNALS,
        purpose=EARLY_DETECTION,
        objects=[where],
        masked=True,
    )


@dataclass(frozen=True)
class Candidate:
    """A possible match as the coordination point sees it: never a name or an address.

    ``name`` and ``client_id`` are filled only when the coordinator may open the record
    through the door anyway.
    """

    ref: int
    birth_year: int
    neighbourhood: str
    known_to: tuple[str, ...]
    reasons: tuple[str, ...]
    strong: bool
    name: str = ""
    client_id: int | None = None


REASON_LABELS = {
    "name": lambda: _("surname"),
    "first_name": lambda: _("first name"),
    "postcode_number": lambda: _("postcode and house number"),
    "street_number": lambda: _("street and house number"),
    "birth_date": lambda: _("date of birth"),
    "age": lambda: _("age fits"),
}


def known_to(client_ids: list[int]) -> dict[int, list[str]]:
    """Per older person: the organisations of the active care team and the GP practice."""
    result: dict[int, set[str]] = {pk: set() for pk in client_ids}
    for client_id, name in (
        CareTeamMember.objects.active()
        .filter(client_id__in=client_ids)
        .values_list("client_id", "person__organisation__name")
    ):
        result[client_id].add(name)
    for client_id, name in Client.objects.filter(
        pk__in=client_ids, gp_practice__isnull=False
    ).values_list("pk", "gp_practice__name"):
        result[client_id].add(name)
    return {pk: sorted(names) for pk, names in result.items()}


def match_candidates(actor: Actor, signal: Signal) -> list[Candidate]:
    """Possible matches for a signal, shown minimally, each logged as a search.

    Only for the coordination point of the signal's network (the caller has checked this
    through ``access_signal``). Each candidate shown writes one "search" row for that older
    person, so the person can later see that the coordination point looked for them.
    """
    user = actor.user
    if user is None:
        return []
    scores: list[Score] = find_matches(signal)
    if not scores:
        return []
    ids = [s.pk for s in scores]
    clients = {c.pk: c for c in Client.objects.select_related("neighbourhood").filter(pk__in=ids)}
    organisations = known_to(ids)
    # Every candidate is shown minimally and logged as a search; names only where the door allows.
    named = clients_shown(
        actor,
        ids,
        category=DataCategory.IDENTITY,
        purpose=EARLY_DETECTION,
        event=AuditEvent.SEARCH,
        objects=[f"signal:{signal.pk}", "match-candidates"],
        masked=True,
    )
    candidates = []
    for position, found in enumerate(scores, start=1):
        client = clients[found.pk]
        visible = client.pk in named
        candidates.append(
            Candidate(
                ref=position,
                birth_year=client.date_of_birth.year,
                neighbourhood=client.neighbourhood.name if client.neighbourhood else "",
                known_to=tuple(organisations.get(client.pk, [])),
                reasons=tuple(str(REASON_LABELS[r]()) for r in found.reasons),
                strong=found.strong,
                name=client.full_name if visible else "",
                client_id=client.pk if visible else None,
            )
        )
    return candidates


def candidate_client_id(signal: Signal, ref: int) -> int | None:
    """The older person behind candidate number ``ref``, recomputed on the server.

    The page never carries client numbers of candidates, so a coordinator cannot link a
    signal to an older person that matching did not propose.
    """
    scores = find_matches(signal)
    if 1 <= ref <= len(scores):
        return scores[ref - 1].pk
    return None
