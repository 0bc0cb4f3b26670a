"""The self-scan on screen: the networks, a network's rounds, answering, and the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.selfscan import actions
from vangnet.selfscan.access import access_network, access_round
from vangnet.selfscan.charts import radar
from vangnet.selfscan.forms import AnswerForm, RoundOpenForm, StatementsForm
from vangnet.selfscan.membership import can_manage, networks_of
from vangnet.selfscan.models import Participation, Round
from vangnet.selfscan.results import EVERYONE, MINIMUM_ANSWERS, results_of


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The networks this member belongs to; with one, straight to it."""
    networks = networks_of(request.user)
    if len(networks) == 1:
        return redirect("selfscan:network", slug=networks[0].slug)
    return render(request, "selfscan/index.html", {"networks": networks})


@login_required
@require_http_methods(["GET", "POST"])
def network(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The network's rounds; its coordinator opens a new one here."""
    net = access_network(request.user, slug)
    manager = can_manage(request.user, net)
    form = RoundOpenForm(request.POST or None) if manager else None
    if request.method == "POST":
        net = access_network(request.user, slug, for_write=True)
        if form is not None and form.is_valid():
            round_ = actions.round_open(
                actor=Actor.from_request(request),
                network=net,
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
            )
            messages.success(request, _("The round is open. Every member got a message."))
            return redirect("selfscan:round", round_id=round_.pk)
    rounds = list(Round.objects.filter(network=net).order_by("-opened_at", "-pk"))
    answered = set(
        Participation.objects.filter(round__network=net, user=request.user).values_list(
            "round_id", flat=True
        )
    )
    return render(
        request,
        "selfscan/network.html",
        {
            "network": net,
            "rounds": [(r, r.pk in answered) for r in rounds],
            "form": form,
            "can_manage": manager,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statements(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The network's own statements, for new rounds."""
    net = access_network(request.user, slug, for_write=True)
    current = sorted(
        actions.statements_ensure(network=net), key=lambda s: (s.element, s.position, s.pk)
    )
    form = StatementsForm(request.POST or None, statements=current)
    if request.method == "POST" and form.is_valid():
        actions.statements_save(
            actor=Actor.from_request(request),
            network=net,
            changes=form.changes(),
            added=form.added(),
        )
        messages.success(request, _("The statements are saved. They apply to new rounds."))
        return redirect("selfscan:statements", slug=net.slug)
    return render(request, "selfscan/statements.html", {"network": net, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    """A member's answers to every statement of an open round, once."""
    round_, tier = access_round(request.user, round_id)
    if Participation.objects.filter(round=round_, user=request.user).exists():
        messages.info(request, _("You have already answered in this round. Thank you."))
        return redirect("selfscan:round", round_id=round_.pk)
    if not round_.is_open:
        messages.info(request, _("This round is closed; answering is no longer possible."))
        return redirect("selfscan:round", round_id=round_.pk)
    form = AnswerForm(request.POST or None, statements=list(round_.statements.all()))
    if request.method == "POST" and form.is_valid():
        try:
            actions.response_submit(
                round_=round_,
                user_id=request.user.pk,
                tier=tier,
                scores=form.scores(),
                remarks=form.remarks(),
            )
        except actions.AlreadyAnswered:
            messages.info(request, _("You have already answered in this round. Thank you."))
        except actions.RoundClosed:
            messages.info(request, _("This round is closed; answering is no longer possible."))
        else:
            messages.success(request, _("Thank you. Your answers are saved without your name."))
        return redirect("selfscan:round", round_id=round_.pk)
    return render(request, "selfscan/answer.html", {"round": round_, "form": form})


@login_required
@require_GET
def round_detail(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    """The round's results, once enough members answered."""
    round_, _tier = access_round(request.user, round_id)
    results = results_of(round_)
    shown_layers = [
        (key, label)
        for key, label in results.layers
        if any(key in element.layers for element in results.elements)
    ]
    labels = [str(element.number) for element in results.elements]
    charts = [
        {
            "key": key,
            "label": label,
            "radar": radar([e.layers[key] for e in results.elements], labels),
        }
        for key, label in shown_layers
        if all(key in e.layers for e in results.elements)
    ]
    return render(
        request,
        "selfscan/round.html",
        {
            "round": round_,
            "results": results,
            "charts": charts,
            "shown_layers": shown_layers,
            "everyone": EVERYONE,
            "minimum": MINIMUM_ANSWERS,
            "answered": Participation.objects.filter(round=round_, user=request.user).exists(),
            "can_manage": can_manage(request.user, round_.network),
        },
    )


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    round_, _tier = access_round(request.user, round_id, for_write=True)
    if round_.closed_at is None:
        actions.round_close(actor=Actor.from_request(request), round_=round_)
        messages.success(request, _("The round is closed."))
    return redirect("selfscan:round", round_id=round_.pk)
