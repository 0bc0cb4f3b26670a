"""The coordination point: the triage queue and every triage step.

Only coordinators of the signal's network get past ``access_signal`` with the coordination
role; everyone else gets 404. Each step is an action that writes its own log row.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.clients.actions import NotAProfessional
from vangnet.detection import actions
from vangnet.detection.access import (
    SignalRole,
    access_signal,
    candidate_client_id,
    coordinated_network_ids,
    log_signal_list,
)
from vangnet.detection.forms import (
    CoordinationPointForm,
    FirstContactForm,
    LinkForm,
    RegisterWithContactForm,
    RouteForm,
    UrgencyForm,
)
from vangnet.detection.models import (
    UNTRIAGED_STATUSES,
    CoordinationPoint,
    Signal,
    SignalStatus,
    Urgency,
)
from vangnet.detection.routing import route_options
from vangnet.detection.sla import terms_for, timer
from vangnet.detection.views.signals import register_initial
from vangnet.directory.models import Network

COORDINATION = [SignalRole.COORDINATION]
FILTERS = {
    "open": (SignalStatus.NEW, SignalStatus.IN_TRIAGE, SignalStatus.ROUTED, SignalStatus.PICKED_UP),
    "new": UNTRIAGED_STATUSES,
    "routed": (SignalStatus.ROUTED,),
    "picked_up": (SignalStatus.PICKED_UP,),
}


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every open signal of the coordinator's networks, the most pressing first.

    Rows carry no names; the number of queries does not depend on the number of signals.
    """
    networks = coordinated_network_ids(request.user)
    if not networks:
        raise Http404
    shown = request.GET.get("show", "open")
    statuses = FILTERS.get(shown, FILTERS["open"])
    signals = list(
        Signal.objects.for_networks(networks)
        .filter(status__in=statuses)
        .select_related(
            "network", "subject_neighbourhood", "recipient__organisation", "created_by_person"
        )
        .order_by("due_at", "pk")
    )
    log_signal_list(Actor.from_request(request), signals, "signal-queue")
    now = timezone.now()
    rows = [(s, timer(s.due_at, now) if s.is_timed else None) for s in signals]
    return render(
        request,
        "detection/queue.html",
        {
            "rows": rows,
            "shown": shown if shown in FILTERS else "open",
            "overdue": sum(1 for _s, t in rows if t is not None and t.overdue),
            "networks": Network.objects.filter(pk__in=networks).order_by("name"),
        },
    )


@login_required
@require_POST
def start_triage(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=COORDINATION, objects=["start-triage"])
    try:
        actions.signal_start_triage(actor=actor, signal=access.signal)
    except actions.TransitionError:
        messages.error(request, _("Someone else already started triage on this signal."))
    return redirect("detection:signal", signal_id=signal_id)


@login_required
@require_POST
def set_urgency(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=COORDINATION, objects=["urgency"])
    form = UrgencyForm(request.POST)
    if form.is_valid():
        try:
            actions.signal_set_urgency(
                actor=actor, signal=access.signal, urgency=Urgency(form.cleaned_data["urgency"])
            )
            messages.success(request, _("The urgency is changed; the term is counted again."))
        except actions.TransitionError:
            messages.error(request, _("The urgency can only change during triage."))
    return redirect("detection:signal", signal_id=signal_id)


@login_required
@require_POST
def link(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """ "This is the same person": link the signal to a candidate the matching proposed."""
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=COORDINATION, objects=["link"])
    form = LinkForm(request.POST)
    client_id = (
        candidate_client_id(access.signal, form.cleaned_data["candidate"])
        if form.is_valid() and access.signal.client_id is None
        else None
    )
    if client_id is None:
        messages.error(request, _("This possible match is no longer there. Look again."))
        return redirect("detection:signal", signal_id=signal_id)
    try:
        actions.signal_link_client(actor=actor, signal=access.signal, client_id=client_id)
        messages.success(request, _("The signal is linked to the older person."))
    except actions.TransitionError:
        messages.error(request, _("Start triage first."))
    return redirect("detection:signal", signal_id=signal_id)


@login_required
@require_http_methods(["GET", "POST"])
def route(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """Pass on: to the contact person or GP of a known older person, or to a first contact."""
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=COORDINATION, objects=["route"])
    signal = access.signal
    if signal.status not in (SignalStatus.IN_TRIAGE, SignalStatus.ROUTED):
        messages.error(request, _("Start triage first."))
        return redirect("detection:signal", signal_id=signal_id)
    data = request.POST if request.method == "POST" else None
    context: dict[str, Any] = {"access": access, "signal": signal}
    if signal.client is not None:
        options = route_options(signal.client)
        form: RouteForm | FirstContactForm = RouteForm(
            data, options=[(o.key, o.label()) for o in options]
        )
        context["options"] = options
        if data is not None and form.is_valid():
            recipient = next(o.person for o in options if o.key == form.cleaned_data["target"])
            return _route_to(request, actor, signal, recipient)
    else:
        form = FirstContactForm(data, network=signal.network)
        if data is not None and form.is_valid():
            return _route_to(request, actor, signal, form.cleaned_data["person"])
    context["form"] = form
    return render(request, "detection/route.html", context)


def _route_to(
    request: AuthenticatedHttpRequest, actor: Actor, signal: Signal, recipient: Any
) -> HttpResponse:
    try:
        actions.signal_route(actor=actor, signal=signal, recipient=recipient)
    except actions.TransitionError:
        messages.error(request, _("This signal cannot be passed on now."))
        return redirect("detection:signal", signal_id=signal.pk)
    messages.success(request, _("The signal is passed on. They get a message in their inbox."))
    return redirect("detection:queue")


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedHttpRequest, signal_id: int) -> HttpResponse:
    """The older person agreed: register them and choose their first contact person."""
    actor = Actor.from_request(request)
    access = access_signal(actor, signal_id, roles=COORDINATION, objects=["register-form"])
    signal = access.signal
    if signal.client_id is not None or signal.status != SignalStatus.IN_TRIAGE:
        messages.error(request, _("Only a signal in triage about someone new can be registered."))
        return redirect("detection:signal", signal_id=signal_id)
    form = RegisterWithContactForm(
        request.POST or None, network=signal.network, initial=register_initial(signal)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.signal_register_client(
                actor=actor,
                signal=signal,
                data=form.client_data(),
                given_by=form.cleaned_data["given_by"],
                method=form.cleaned_data["method"],
                representative_name=form.cleaned_data["representative_name"],
                contact_person=form.cleaned_data["contact_person"],
            )
        except actions.TransitionError:
            messages.error(request, _("This signal cannot be registered now."))
            return redirect("detection:signal", signal_id=signal_id)
        except NotAProfessional:
            raise Http404 from None
        messages.success(
            request,
            _("The older person is registered. The contact person gets a message in their inbox."),
        )
        return redirect("detection:queue")
    return render(
        request,
        "detection/register.html",
        {"form": form, "signal": signal, "after_contact": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_settings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The coordination point's phone, hours, staff and terms."""
    network = get_object_or_404(Network, slug=slug)
    if network.pk not in coordinated_network_ids(request.user):
        raise Http404
    point = CoordinationPoint.objects.filter(network=network).first() or CoordinationPoint(
        network=network
    )
    form = CoordinationPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The coordination point is saved."))
        return redirect("detection:point", slug=network.slug)
    return render(
        request,
        "detection/point_form.html",
        {"form": form, "network": network, "terms": terms_for(network)},
    )
