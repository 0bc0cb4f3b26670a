"""Writes about signals. Each is atomic, moves the signal one step and writes its log row.

The steps: new -> in triage -> passed on (routed) -> picked up -> closed (with a reason).
A signal can be closed from any open step. Who may take a step is checked by the views
through ``vangnet.detection.access``; the actions check that the step fits the status.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients import actions as client_actions
from vangnet.clients.access import professional_of
from vangnet.clients.actions import NotAProfessional
from vangnet.clients.models import Client
from vangnet.consent.actions import ConsentTerms, consent_record
from vangnet.consent.models import (
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.detection.models import (
    OPEN_STATUSES,
    CloseReason,
    Signal,
    SignalStatus,
    SignalStep,
    Source,
    Urgency,
    new_reference,
)
from vangnet.detection.sla import due_at, terms_for
from vangnet.directory.models import Network, Person, PostcodeArea
from vangnet.directory.validators import normalise_postcode
from vangnet.notifications.actions import notify


class TransitionError(Exception):
    """The signal is not in a status that allows this step (someone else may have acted)."""


def _require(signal: Signal, *statuses: str) -> None:
    if signal.status not in statuses:
        raise TransitionError(signal.status)


def _locked(signal: Signal) -> Signal:
    """Re-read the signal under a row lock so two coordinators cannot take the same step."""
    return Signal.objects.select_for_update().get(pk=signal.pk)


def _by_label(actor: Actor) -> str:
    person = professional_of(actor.user)
    if person is None:
        return str(_("Reporter, through the worry form")) if actor.user is None else ""
    return f"{person.get_discipline_display()}, {person.organisation.name}"[:250]


def _record(
    actor: Actor,
    signal: Signal,
    *,
    event: AuditEvent = AuditEvent.UPDATE,
    status: str | None = None,
    note: str = "",
    objects: tuple[str, ...] = (),
) -> None:
    """The visible step on the signal (when the status changes) and the access-log row."""
    if status is not None:
        SignalStep.objects.create(
            signal=signal,
            status=status,
            by=actor.user,
            by_label=_by_label(actor),
            note=note[:300],
        )
    log_access(
        actor=actor,
        event=event,
        client_id=signal.client_id,
        data_category=DataCategory.SIGNALS,
        purpose=Purpose.EARLY_DETECTION,
        objects=[
            f"signal:{signal.pk}",
            *([f"status:{status}"] if status else []),
            *objects,
        ],
    )


def _unique_reference() -> str:
    for _attempt in range(8):
        code = new_reference()
        if not Signal.objects.filter(reference=code).exists():
            return code
    raise RuntimeError("Could not find a free reference code")  # 30^10 codes: not in practice


def _prepare(signal: Signal, now: datetime) -> None:
    if signal.subject_postcode:
        signal.subject_postcode = normalise_postcode(signal.subject_postcode)
        if signal.subject_neighbourhood_id is None:
            signal.subject_neighbourhood = PostcodeArea.neighbourhood_for(signal.subject_postcode)
    signal.received_at = now
    signal.due_at = due_at(now, signal.urgency == Urgency.URGENT, terms_for(signal.network))
    signal.reference = _unique_reference()
    signal.full_clean()


def signal_report(*, network: Network, data: dict[str, Any], now: datetime | None = None) -> Signal:
    """A worry from anyone, through the public form; nobody is logged in."""
    actor = Actor(user=None)
    with transaction.atomic():
        signal = Signal(network=network, source=Source.PUBLIC, **data)
        _prepare(signal, now or timezone.now())
        signal.save()
        _record(
            actor,
            signal,
            event=AuditEvent.CREATE,
            status=SignalStatus.NEW,
            objects=("worry-form",),
        )
    return signal


def signal_record(
    *,
    actor: Actor,
    network: Network,
    data: dict[str, Any],
    client: Client | None = None,
    now: datetime | None = None,
) -> Signal:
    """A signal from a logged-in professional, about a known older person or someone new.

    For a known older person (fetched through the door by the caller) nothing about who
    they are is copied into the signal: the link to the record is enough.
    """
    person = professional_of(actor.user)
    if person is None:
        raise NotAProfessional
    with transaction.atomic():
        signal = Signal(
            network=network,
            source=Source.PROFESSIONAL,
            reporter_kind="professional",
            created_by=actor.user,
            created_by_person=person,
            client=client,
            **data,
        )
        if client is not None:
            signal.subject_neighbourhood = client.neighbourhood
        _prepare(signal, now or timezone.now())
        signal.save()
        _record(actor, signal, event=AuditEvent.CREATE, status=SignalStatus.NEW)
    return signal


def signal_start_triage(*, actor: Actor, signal: Signal) -> Signal:
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.NEW)
        signal.status = SignalStatus.IN_TRIAGE
        signal.handled_by = actor.user
        signal.save(update_fields=["status", "handled_by"])
        _record(actor, signal, status=SignalStatus.IN_TRIAGE)
    return signal


def signal_set_urgency(*, actor: Actor, signal: Signal, urgency: Urgency) -> Signal:
    """Change the urgency during triage; the term is counted again from when it came in."""
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.NEW, SignalStatus.IN_TRIAGE)
        if signal.urgency != urgency:
            signal.urgency = urgency
            signal.due_at = due_at(
                signal.received_at, urgency == Urgency.URGENT, terms_for(signal.network)
            )
            signal.save(update_fields=["urgency", "due_at"])
            _record(actor, signal, objects=(f"urgency:{urgency}",))
    return signal


def signal_link_client(*, actor: Actor, signal: Signal, client_id: int) -> Signal:
    """Record that the signal is about this registered older person (a proposed match)."""
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.IN_TRIAGE)
        client = Client.objects.select_related("neighbourhood").get(pk=client_id)
        signal.client = client
        signal.subject_neighbourhood = signal.subject_neighbourhood or client.neighbourhood
        signal.save(update_fields=["client", "subject_neighbourhood"])
        _record(actor, signal, objects=("linked",))
    return signal


def signal_route(*, actor: Actor, signal: Signal, recipient: Person) -> Signal:
    """Pass the signal on to the one who should act; they get a message in their inbox."""
    if recipient.user is None or not recipient.user.is_active:
        raise TransitionError("recipient-without-account")
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.IN_TRIAGE, SignalStatus.ROUTED)
        signal.recipient = recipient
        signal.routed_at = timezone.now()
        signal.status = SignalStatus.ROUTED
        signal.save(update_fields=["recipient", "routed_at", "status"])
        _record(
            actor,
            signal,
            status=SignalStatus.ROUTED,
            note=f"{recipient.get_discipline_display()}, {recipient.organisation.name}",
            objects=(f"person:{recipient.pk}",),
        )
        notify(
            recipients=[recipient.user],
            kind="signal_routed",
            subject=_("A signal has been passed on to you"),
            body=_(
                "The coordination point passed on a worry about an older person to you. "
                "Please open it in Vangnet and pick it up before %(due)s."
            )
            % {"due": timezone.localtime(signal.due_at).strftime("%d-%m-%Y %H:%M")},
            url=reverse("detection:signal", kwargs={"signal_id": signal.pk}),
        )
    return signal


def _agreement(
    *, given_by: GivenBy, method: ConsentMethod, representative_name: str
) -> dict[str, Any]:
    return {
        "given_by": given_by,
        "method": method,
        "representative_name": representative_name,
    }


def signal_register_client(
    *,
    actor: Actor,
    signal: Signal,
    data: dict[str, Any],
    given_by: GivenBy,
    method: ConsentMethod,
    representative_name: str,
    contact_person: Person,
) -> Client:
    """The older person agreed: register them, give them a first contact person, pass it on.

    Registration works as everywhere in Vangnet (``client_register``): the registering
    coordinator joins the care team with consent for themself only. The agreement recorded
    here also covers the first contact person: they may see who the person is and the signal,
    for early detection and the care plan.
    """
    agreement = _agreement(
        given_by=given_by, method=method, representative_name=representative_name
    )
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.IN_TRIAGE)
        if signal.client_id is not None:
            raise TransitionError("already-linked")
        client = client_actions.client_register(
            actor=actor, network=signal.network, data=data, **agreement
        )
        registrar = professional_of(actor.user)
        if registrar is not None and registrar.pk == contact_person.pk:
            client_actions.contact_person_set(actor=actor, client=client, person=contact_person)
        else:
            client_actions.care_team_add(
                actor=actor,
                client=client,
                person=contact_person,
                role="",
                since=timezone.localdate(),
                is_contact_person=True,
            )
            consent_record(
                actor=actor,
                client_id=client.pk,
                terms=ConsentTerms(
                    scope=RecipientScope.PERSON,
                    recipient_person=contact_person,
                    categories=[DataCategory.IDENTITY, DataCategory.SIGNALS],
                    purposes=[Purpose.EARLY_DETECTION, Purpose.CARE_PLAN],
                    given_on=timezone.localdate(),
                    **agreement,
                ),
                purpose=Purpose.EARLY_DETECTION,
            )
        signal.client = client
        signal.subject_neighbourhood = client.neighbourhood
        signal.save(update_fields=["client", "subject_neighbourhood"])
        _record(actor, signal, objects=("registered",))
        signal_route(actor=actor, signal=signal, recipient=contact_person)
    return client


def signal_register_after_contact(
    *,
    actor: Actor,
    signal: Signal,
    data: dict[str, Any],
    given_by: GivenBy,
    method: ConsentMethod,
    representative_name: str,
) -> Client:
    """The recipient made contact and the older person agreed: register them, pick it up.

    The recipient registers (and so joins the care team with consent for themself) and
    becomes the contact person.
    """
    person = professional_of(actor.user)
    if person is None:
        raise NotAProfessional
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.ROUTED, SignalStatus.PICKED_UP)
        if signal.client_id is not None or signal.recipient_id != person.pk:
            raise TransitionError("not-for-registration")
        client = client_actions.client_register(
            actor=actor,
            network=signal.network,
            data=data,
            **_agreement(given_by=given_by, method=method, representative_name=representative_name),
        )
        client_actions.contact_person_set(actor=actor, client=client, person=person)
        signal.client = client
        signal.subject_neighbourhood = client.neighbourhood
        fields = ["client", "subject_neighbourhood"]
        status = None
        if signal.status == SignalStatus.ROUTED:
            signal.status = status = SignalStatus.PICKED_UP
            signal.picked_up_at = timezone.now()
            fields += ["status", "picked_up_at"]
        signal.save(update_fields=fields)
        _record(actor, signal, status=status, objects=("registered",))
        if status is not None:
            _tell_the_professional_reporter(signal, actor)
    return client


def _tell_the_professional_reporter(signal: Signal, actor: Actor) -> None:
    """Close the loop: a professional who recorded the signal hears that it was picked up."""
    creator = signal.created_by
    if creator is None or (actor.user is not None and creator.pk == actor.user.pk):
        return
    notify(
        recipients=[creator],
        kind="signal_picked_up",
        subject=_("A signal you recorded has been picked up"),
        body=_("Someone in the network is now acting on the signal you recorded."),
        url=reverse("detection:signal", kwargs={"signal_id": signal.pk}),
    )


def signal_pick_up(*, actor: Actor, signal: Signal) -> Signal:
    """The recipient confirms they act on the signal; the service-level timer stops."""
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, SignalStatus.ROUTED)
        signal.status = SignalStatus.PICKED_UP
        signal.picked_up_at = timezone.now()
        signal.save(update_fields=["status", "picked_up_at"])
        _record(actor, signal, status=SignalStatus.PICKED_UP)
        _tell_the_professional_reporter(signal, actor)
    return signal


def signal_close(*, actor: Actor, signal: Signal, reason: CloseReason, note: str = "") -> Signal:
    """Close with a reason. The reporter's name and contact details are removed now."""
    with transaction.atomic():
        signal = _locked(signal)
        _require(signal, *OPEN_STATUSES)
        signal.status = SignalStatus.CLOSED
        signal.closed_at = timezone.now()
        signal.close_reason = reason
        signal.close_note = note[:300]
        signal.reporter_name = ""
        signal.reporter_contact = ""
        signal.save(
            update_fields=[
                "status",
                "closed_at",
                "close_reason",
                "close_note",
                "reporter_name",
                "reporter_contact",
            ]
        )
        _record(actor, signal, status=SignalStatus.CLOSED, note=str(reason.label))
    return signal
