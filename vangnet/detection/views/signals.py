"""Signals for logged-in professionals: record one, open one, pick it up, close it.

Every page about one signal goes through ``access_signal``; every page about one older
person has ``client_id`` in its URL and goes through ``access_client`` first.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import access_client, clients_shown, professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.detection import actions
from vangnet.detection.access import (
    SignalAccess,
    SignalRole,
    access_signal,
    coordinated_network_ids,
    known_to,
    log_signal_list,
    match_candidates,
    record_visible_to,
    roles_of,
)
from vangnet.detection.forms import (
    ClientSignalForm,
    CloseForm,
    LinkForm,
    NewPersonSignalForm,
    RegisterForm,
    UrgencyForm,
)
from vangnet.detection.inview import already_in_view
from vangnet.detection.matching import find_matches
from vangnet.detection.models import CloseReason, Signal, SignalStatus
from vangnet.detection.sla import timer
from vangnet.directory.models import Network

SIGNALS = DataCategory.SIGNALS
EARLY_DETECTION = Purpose.EARLY_DETECTION


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Signals for me: passed on to me, recorded by me, and the queue for coordinators."""
    user = request.user
    person = professional_of(user)
    received: list[Signal] = []
    if person is not None:
        received = list(
            Signal.objects.passed_on_to(person)
            .select_related("subject_neighbourhood")
            .order_by("due_at")
        )
    recorded = list(
        Signal.objects.filter(created_by=user)
        .select_related("subject_neighbourhood", "recipient__organisation")
        .order_by("-received_at")[:30]
    )
    log_signal_list(Actor.from_request(request), [*received, *recorded], "my-signals")
    coordinated = coordinated_network_ids(user)
    queue_open = Signal.objects.timed().for_networks(coordinated) if coordinated else None
    now = timezone.now()
    return render(
        request,
        "detection/overview.html",
        {
            "person": person,
            "received": [(s, timer(s.due_at, now) if s.is_timed else None) for s in received],
            "recorded": recorded,
            "coordinates": bool(coordinated),
            "queue_count": queue_open.count() if queue_open is not None else 0,
            "overdue_count": queue_open.overdue(now).count() if queue_open is not None else 0,
            "can_record": person is not None and user.can_edit,
        },
    )


def _require_professional(request: AuthenticatedHttpRequest) -> None:
    if professional_of(request.user) is None or not request.user.can_edit:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def new_person_signal(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Quick entry: a signal about an older person who may not be known in Vangnet yet."""
    _require_professional(request)
    networks = Network.objects.order_by("name")
    form = NewPersonSignalForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        network = form.cleaned_data.get("network") or networks.first()
        if network is None:
            raise Http404
        signal = actions.signal_record(
            actor=Actor.from_request(request), network=network, data=form.signal_data()
        )
        messages.success(request, _("The signal is sent to the coordination point."))
        return redirect("detection:signal", signal_id=signal.pk)
    return render(request, "detection/signal_form.html", {"form": form, "client": None})


@login_required
@require_http_methods(["GET", "POST"])
def client_signal_new(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Record a signal about an older person reached through the door."""
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=SIGNALS,
        purpose=EARLY_DETECTION,
        for_write=True,
        objects=["signal-form"],
    )
    form = ClientSignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signal = actions.signal_record(
            actor=Actor.from_request(request),
            network=client.network,
            client=client,
            data=form.signal_data(),
        )
        messages.success(request, _("The signal is sent to the coordination point."))
        return redirect("detection:signal", signal_id=signal.pk)
    return render(request, "detection/signal_form.html", {"form": form, "client": client})


@login_required
def client_signals(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The signals about one older person, for those whose consent covers signals."""
    actor = Actor.from_request(request)
    client = access_client(
        actor, client_id, category=SIGNALS, purpose=EARLY_DETECTION, objects=["signal-list"]
    )
    signals = list(
        Signal.objects.filter(client=client)
        .select_related("recipient__organisation", "created_by_person__organisation")
        .order_by("-received_at")
    )
    person = professional_of(request.user)
    coordinated = coordinated_network_ids(request.user)
    rows = [
        (s, person is not None and bool(roles_of(request.user, person, s, coordinated)))
        for s in signals
    ]
    return render(
        request,
        "detection/client_signals.html",
        {"client": client, "rows": rows, "can_record": request.user.can_edit},
    )


@login_required
def client_in_view(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Who already has this older person in view: before recording a signal or a home visit."""
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=SIGNALS,
        purpose=EARLY_DETECTION,
        objects=["in-view"],
    )
    in_view = already_in_view(
        client,
        viewer=professional_of(request.user),
        names_visible=record_visible_to(request.user, client, Purpose.CARE_PLAN),
    )
    return render(request, "detection/in_view.html", {"client": client, "in_view": in_view})


def _own_matches(actor: Actor, signal: Signal) -> list[Client]:
    """Registered older people the signal's author may already open, logged as a search."""
    user = actor.user
    if user is None:
        return []
    visible = clients_shown(
        actor,
        [s.pk for s in find_matches(signal)],
        category=DataCategory.IDENTITY,
        purpose=EARLY_DETECTION,
        event=AuditEvent.SEARCH,
        objects=[f"signal:{signal.pk}", "own-matches"],
    )
    return list(
        Client.objects.select_related("neighbourhood", "network")
        .filter(pk__in=visible)
        .order_by("family_name", "given_name", "pk")
    )


def _linked_summary(signal: Signal) -> dict[str, Any] | None:
    """What the coordination point sees of the older person a signal is linked to."""
    client = signal.client
    if client is None:
        return None
    return {
        "birth_year": client.date_of_birth.year,
        "neighbourhood": client.neighbourhood.name if client.neighbourhood else "",
        "known_to": known_to([client.pk]).get(client.pk, []),
    }


@login_required
def signal_detail(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """One signal, as the viewer's role allows (see ``vangnet.detection.access``)."""
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id)
    signal = access.signal
    context: dict[str, Any] = {
        "access": access,
        "signal": signal,
        "timer": timer(signal.due_at, timezone.now()) if signal.is_timed else None,
        "steps": list(signal.steps.all()),
        "close_form": CloseForm(),
    }
    if access.is_coordination:
        context.update(_coordination_context(actor, access))
    if signal.client is not None and access.record_visible:
        context["in_view"] = already_in_view(
            signal.client,
            viewer=professional_of(request.user),
            names_visible=record_visible_to(request.user, signal.client, Purpose.CARE_PLAN),
        )
    elif (
        access.is_creator
        and not access.is_coordination
        and signal.client is None
        and signal.is_open
    ):
        context["own_matches"] = _own_matches(actor, signal)
    return render(request, "detection/signal.html", context)


def _coordination_context(actor: Actor, access: SignalAccess) -> dict[str, Any]:
    signal = access.signal
    context: dict[str, Any] = {
        "urgency_form": UrgencyForm(initial={"urgency": signal.urgency}),
        "linked": _linked_summary(signal),
    }
    if signal.status == SignalStatus.IN_TRIAGE and signal.client_id is None:
        context["candidates"] = match_candidates(actor, signal)
        context["link_form"] = LinkForm()
    return context


@login_required
@require_POST
def pick_up(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=[SignalRole.RECIPIENT], objects=["pick-up"])
    try:
        actions.signal_pick_up(actor=actor, signal=access.signal)
        messages.success(request, _("You picked up the signal. Thank you."))
    except actions.TransitionError:
        messages.error(request, _("This signal cannot be picked up now."))
    return redirect("detection:signal", signal_id=signal_id)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """Close a signal with a reason: the coordination point, or the recipient."""
    actor = Actor.from_request(request)
    access = access_signal(
        actor,
        signal_id,
        roles=[SignalRole.COORDINATION, SignalRole.RECIPIENT],
        objects=["close"],
    )
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.signal_close(
                actor=actor,
                signal=access.signal,
                reason=CloseReason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The signal is closed."))
        except actions.TransitionError:
            messages.error(request, _("This signal is already closed."))
        if access.is_coordination:
            return redirect("detection:queue")
        return redirect("detection:overview")
    return render(request, "detection/close.html", {"access": access, "form": form})


def register_initial(signal: Signal) -> dict[str, Any]:
    """The registration form, filled in with what the signal says."""
    given, _sep, family = signal.subject_name.strip().partition(" ")
    return {
        "given_name": given,
        "family_name": family,
        "street": signal.subject_street,
        "postcode": signal.subject_postcode,
        "city": signal.subject_town,
        "date_of_birth": signal.subject_birth_date,
    }


@login_required
@require_http_methods(["GET", "POST"])
def register_after_contact(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """The recipient made contact and the older person agreed: register them."""
    actor = Actor.from_request(request)
    access = access_signal(
        actor, signal_id, roles=[SignalRole.RECIPIENT], objects=["register-form"]
    )
    signal = access.signal
    if signal.client_id is not None or not request.user.can_edit:
        raise Http404
    form = RegisterForm(request.POST or None, initial=register_initial(signal))
    if request.method == "POST" and form.is_valid():
        try:
            client = actions.signal_register_after_contact(
                actor=actor,
                signal=signal,
                data=form.client_data(),
                given_by=form.cleaned_data["given_by"],
                method=form.cleaned_data["method"],
                representative_name=form.cleaned_data["representative_name"],
            )
        except actions.TransitionError:
            messages.error(request, _("This signal cannot be registered now."))
            return redirect("detection:signal", signal_id=signal.pk)
        messages.success(
            request, _("The older person is registered and you are their contact person.")
        )
        return redirect("clients:consent", client_id=client.pk)
    return render(
        request,
        "detection/register.html",
        {"form": form, "signal": signal, "after_contact": True},
    )
