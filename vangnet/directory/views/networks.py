"""Networks: their structure, who does what in the pathway, and the communication plan."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.core.params import number_param
from vangnet.directory import actions
from vangnet.directory.forms import NetworkForm, NetworkPartyForm, StepAssignmentForm
from vangnet.directory.matrix_notes import matrix_notes
from vangnet.directory.models import (
    ChangeRecord,
    Network,
    NetworkParty,
    PathwayStep,
    Responsibility,
    StepAssignment,
    Tier,
)
from vangnet.directory.views.common import history_lines, viewer_for


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not viewer_for(request).is_coordinator:
        raise PermissionDenied


def _network(slug: str) -> Network:
    return get_object_or_404(
        Network.objects.select_related("coordinator", "coordinator__organisation"), slug=slug
    )


@dataclass
class StepRow:
    """One pathway step in the who-does-what matrix."""

    step: PathwayStep
    assignments: list[StepAssignment] = field(default_factory=list)
    gap: bool = False
    overlap: bool = False

    @property
    def leads(self) -> list[StepAssignment]:
        return [a for a in self.assignments if a.responsibility == Responsibility.LEAD]

    @property
    def contributors(self) -> list[StepAssignment]:
        return [a for a in self.assignments if a.responsibility != Responsibility.LEAD]


def step_rows(network: Network) -> list[StepRow]:
    """The six steps with their assignments, gaps and overlaps (three queries in all)."""
    assignments = StepAssignment.objects.filter(network=network)
    gaps = set(assignments.gap_steps())
    overlaps = set(assignments.overlap_steps())
    rows = {
        step: StepRow(step=PathwayStep(step), gap=step in gaps, overlap=step in overlaps)
        for step in PathwayStep.values
    }
    ordered = assignments.select_related("organisation", "person").order_by(
        "step", "responsibility", "organisation__name", "pk"
    )
    for assignment in ordered:
        rows[assignment.step].assignments.append(assignment)
    return list(rows.values())


@dataclass
class TierGroup:
    tier: Tier
    parties: list[NetworkParty] = field(default_factory=list)


def tier_groups(network: Network) -> list[TierGroup]:
    groups = {tier: TierGroup(tier=Tier(tier)) for tier in Tier.values}
    parties = NetworkParty.objects.filter(network=network).select_related(
        "organisation", "linking_pin", "linking_pin__organisation"
    )
    for party in parties.order_by("organisation__name"):
        groups[party.tier].parties.append(party)
    return list(groups.values())


def network_history(network: Network) -> Any:
    """Versions of the network and of its parties and pathway assignments, deleted ones
    included (their version rows still name the network)."""
    parties = list(NetworkParty.objects.filter(network=network).values_list("pk", flat=True))
    steps = list(StepAssignment.objects.filter(network=network).values_list("pk", flat=True))
    parts = ("networkparty", "stepassignment")
    return ChangeRecord.objects.filter(
        Q(entity="network", entity_id=network.pk)
        | Q(entity="networkparty", entity_id__in=parties)
        | Q(entity="stepassignment", entity_id__in=steps)
        | Q(entity__in=parts, changes__network__0=network.pk)
        | Q(entity__in=parts, changes__network__1=network.pk)
    )


@login_required
@require_GET
def network_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = Network.objects.prefetch_related("areas").select_related("coordinator")
    return render(
        request,
        "directory/network_list.html",
        {"networks": networks.order_by("name"), "viewer": viewer_for(request)},
    )


@login_required
@require_GET
def network_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    viewer = viewer_for(request)
    rows = step_rows(network)
    return render(
        request,
        "directory/network_detail.html",
        {
            "network": network,
            "areas": network.areas.order_by("code"),
            "tiers": tier_groups(network),
            "gaps": [r.step for r in rows if r.gap],
            "overlaps": [r.step for r in rows if r.overlap],
            "viewer": viewer,
            "history": history_lines(network_history(network), show_private=False),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = actions.network_save(
            network=form.save(commit=False),
            actor=request.user,
            areas=list(form.cleaned_data["areas"]),
        )
        messages.success(request, _("Saved: %(name)s.") % {"name": network.name})
        return redirect("directory:network_detail", slug=network.slug)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Add a network"),
            "cancel_url": reverse("directory:network_list"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        network = actions.network_save(
            network=form.save(commit=False),
            actor=request.user,
            areas=list(form.cleaned_data["areas"]),
        )
        messages.success(request, _("Saved: %(name)s.") % {"name": network.name})
        return redirect("directory:network_detail", slug=network.slug)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Change %(name)s") % {"name": network.name},
            "cancel_url": reverse("directory:network_detail", args=[slug]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    initial = {"tier": request.GET.get("tier", "")} if request.GET.get("tier") in Tier else {}
    party = NetworkParty(network=network)
    form = NetworkPartyForm(request.POST or None, instance=party, network=network, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.party_save(party=form.save(commit=False), actor=request.user)
        messages.success(request, _("The network's structure is saved."))
        return redirect(reverse("directory:network_detail", args=[slug]) + "#structure")
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Add a party to %(name)s") % {"name": network.name},
            "cancel_url": reverse("directory:network_detail", args=[slug]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    party = get_object_or_404(NetworkParty, network=network, pk=pk)
    form = NetworkPartyForm(request.POST or None, instance=party, network=network)
    if request.method == "POST" and form.is_valid():
        actions.party_save(party=form.save(commit=False), actor=request.user)
        messages.success(request, _("The network's structure is saved."))
        return redirect(reverse("directory:network_detail", args=[slug]) + "#structure")
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Change %(name)s") % {"name": party.organisation.name},
            "cancel_url": reverse("directory:network_detail", args=[slug]),
            "delete_url": reverse("directory:party_delete", args=[slug, party.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    party = get_object_or_404(
        NetworkParty.objects.select_related("organisation"), network=network, pk=pk
    )
    back = reverse("directory:network_detail", args=[slug])
    if request.method == "POST":
        actions.party_delete(party=party, actor=request.user)
        messages.success(
            request, _("Removed from the network: %(name)s.") % {"name": party.organisation.name}
        )
        return redirect(back + "#structure")
    return render(
        request,
        "directory/confirm_delete.html",
        {"entry": party, "cancel_url": back, "removing": True},
    )


@login_required
@require_GET
def network_matrix(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    return render(
        request,
        "directory/network_matrix.html",
        {
            "network": network,
            "rows": step_rows(network),
            "viewer": viewer_for(request),
            "notes": matrix_notes(network, request.user),
        },
    )


def _assignment_form_page(
    request: AuthenticatedHttpRequest,
    network: Network,
    assignment: StepAssignment,
    *,
    title: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    form = StepAssignmentForm(request.POST or None, instance=assignment, initial=initial)
    back = reverse("directory:network_matrix", args=[network.slug])
    if request.method == "POST" and form.is_valid():
        saved = actions.assignment_save(assignment=form.save(commit=False), actor=request.user)
        messages.success(request, _("Who does what is saved."))
        return redirect(f"{back}#step-{saved.step}")
    context: dict[str, Any] = {"form": form, "title": title, "cancel_url": back}
    if assignment.pk:
        context["delete_url"] = reverse(
            "directory:assignment_delete", args=[network.slug, assignment.pk]
        )
    return render(request, "directory/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    step = number_param(request, "step", allowed=frozenset(PathwayStep.values))
    initial = {"step": step} if step is not None else {}
    return _assignment_form_page(
        request,
        network,
        StepAssignment(network=network),
        title=_("Who does what in %(name)s") % {"name": network.name},
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    assignment = get_object_or_404(StepAssignment, network=network, pk=pk)
    return _assignment_form_page(
        request,
        network,
        assignment,
        title=_("Change who does what: %(label)s") % {"label": str(assignment)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    _require_coordinator(request)
    network = _network(slug)
    assignment = get_object_or_404(
        StepAssignment.objects.select_related("organisation"), network=network, pk=pk
    )
    back = reverse("directory:network_matrix", args=[slug])
    if request.method == "POST":
        actions.assignment_delete(assignment=assignment, actor=request.user)
        messages.success(request, _("Removed: %(label)s.") % {"label": str(assignment)})
        return redirect(f"{back}#step-{assignment.step}")
    return render(
        request,
        "directory/confirm_delete.html",
        {"entry": assignment, "cancel_url": back, "removing": True},
    )


@login_required
@require_GET
def communication_plan(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    tiers = tier_groups(network)
    linking_pins = [p for group in tiers for p in group.parties if p.linking_pin_id]
    activities = [p for group in tiers for p in group.parties if p.activities]
    rows = step_rows(network)
    return render(
        request,
        "directory/network_plan.html",
        {
            "network": network,
            "areas": network.areas.order_by("code"),
            "tiers": tiers,
            "linking_pins": linking_pins,
            "activities": activities,
            "rows": rows,
            "gaps": [r.step for r in rows if r.gap],
            "overlaps": [r.step for r in rows if r.overlap],
        },
    )
