"""Which status may follow which, who may make the step, and how each maps to FHIR R4.

The table is the only place a transition is allowed: forward one step at a time
(no skipping), back one step only with a reason, and the three ways out
(declined, redirected, cancelled) from the states where they make sense.
"""

from dataclasses import dataclass
from enum import StrEnum

from vangnet.referrals.models import Status


class Side(StrEnum):
    """Which end of the referral someone is on, by their organisation."""

    REFERRER = "referrer"
    RECEIVER = "receiver"


REFERRER = frozenset({Side.REFERRER})
RECEIVER = frozenset({Side.RECEIVER})
EITHER = frozenset({Side.REFERRER, Side.RECEIVER})


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    sides: frozenset[Side]
    needs_reason: bool = False
    backward: bool = False


S = Status
TRANSITIONS: tuple[Transition, ...] = (
    # Forward, one step at a time.
    Transition(S.SENT, S.RECEIVED, RECEIVER),
    Transition(S.RECEIVED, S.ACCEPTED, RECEIVER),
    Transition(S.ACCEPTED, S.FIRST_CONTACT, RECEIVER),
    Transition(S.FIRST_CONTACT, S.IN_PROGRESS, RECEIVER),
    Transition(S.IN_PROGRESS, S.COMPLETED, RECEIVER),
    # Back one step, only with a reason.
    Transition(S.ACCEPTED, S.RECEIVED, RECEIVER, needs_reason=True, backward=True),
    Transition(S.FIRST_CONTACT, S.ACCEPTED, RECEIVER, needs_reason=True, backward=True),
    Transition(S.IN_PROGRESS, S.FIRST_CONTACT, RECEIVER, needs_reason=True, backward=True),
    Transition(S.COMPLETED, S.IN_PROGRESS, RECEIVER, needs_reason=True, backward=True),
    # Another organisation fits better: only once the referral was read.
    Transition(S.RECEIVED, S.REDIRECTED, RECEIVER, needs_reason=True),
    Transition(S.ACCEPTED, S.REDIRECTED, RECEIVER, needs_reason=True),
    Transition(S.FIRST_CONTACT, S.REDIRECTED, RECEIVER, needs_reason=True),
    # The older person does not want it (after all): only someone who spoke to them says so.
    Transition(S.ACCEPTED, S.DECLINED, RECEIVER),
    Transition(S.FIRST_CONTACT, S.DECLINED, RECEIVER),
    Transition(S.IN_PROGRESS, S.DECLINED, RECEIVER),
    # Stopped for another reason (moved, admitted, died, sent by mistake).
    Transition(S.SENT, S.CANCELLED, EITHER, needs_reason=True),
    Transition(S.RECEIVED, S.CANCELLED, EITHER, needs_reason=True),
    Transition(S.ACCEPTED, S.CANCELLED, EITHER, needs_reason=True),
    Transition(S.FIRST_CONTACT, S.CANCELLED, EITHER, needs_reason=True),
    Transition(S.IN_PROGRESS, S.CANCELLED, EITHER, needs_reason=True),
)
del S

TABLE: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    return TABLE.get((source, target))


def next_steps(source: str, sides: frozenset[Side] | set[Side]) -> list[Transition]:
    """The transitions someone on ``sides`` may take from ``source``, in table order."""
    return [t for t in TRANSITIONS if t.source == source and t.sides & set(sides)]


def step_back(source: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.backward), None)


# FHIR R4: each Vangnet status as the pair (ServiceRequest.status, Task.status).
# ServiceRequest says whether the request still stands; Task says where the work is.
# The exact Vangnet status travels along as Task.businessStatus.
FHIR_STATUS: dict[Status, tuple[str, str]] = {
    Status.SENT: ("active", "requested"),
    Status.RECEIVED: ("active", "received"),
    Status.ACCEPTED: ("active", "accepted"),
    Status.FIRST_CONTACT: ("active", "in-progress"),
    Status.IN_PROGRESS: ("active", "in-progress"),
    Status.COMPLETED: ("completed", "completed"),
    # The older person withdrew: the request is revoked, the work not done.
    Status.DECLINED: ("revoked", "cancelled"),
    # The receiver turned it down in favour of another organisation (a new request replaces it).
    Status.REDIRECTED: ("revoked", "rejected"),
    Status.CANCELLED: ("revoked", "cancelled"),
}
