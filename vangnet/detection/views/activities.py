"""The registry of early-detection activities (the broker function), per network and area.

Anyone logged in may read it; the coordination point of the network keeps it up to date.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.accounts.models import User
from vangnet.detection.access import coordinated_network_ids
from vangnet.detection.forms import ActivityForm, network_area_choices
from vangnet.detection.models import EarlyDetectionActivity
from vangnet.detection.registry import overview
from vangnet.directory.models import Network


def can_manage(user: User, network: Network) -> bool:
    return network.pk in coordinated_network_ids(user)


@login_required
def activity_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = list(Network.objects.order_by("name"))
    if len(networks) == 1:
        return redirect("detection:activity-list", slug=networks[0].slug)
    return render(request, "detection/activity_index.html", {"networks": networks})


@login_required
def activity_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    today = timezone.localdate()
    return render(
        request,
        "detection/activities.html",
        {
            "network": network,
            "overview": overview(network, today),
            "today": today,
            "areas": network_area_choices(network),
            "can_manage": can_manage(request.user, network),
        },
    )


@login_required
def area_page(request: AuthenticatedHttpRequest, slug: str, area_id: int) -> HttpResponse:
    """One area, large and printable, to show in a meeting of the network."""
    network = get_object_or_404(Network, slug=slug)
    area = network_area_choices(network).filter(pk=area_id).first()
    if area is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "detection/area.html",
        {
            "network": network,
            "area": area,
            "overview": overview(network, today, area),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: AuthenticatedHttpRequest, slug: str, activity_id: int | None = None
) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not can_manage(request.user, network):
        raise Http404
    activity = (
        get_object_or_404(EarlyDetectionActivity, pk=activity_id, network=network)
        if activity_id
        else EarlyDetectionActivity(network=network)
    )
    form = ActivityForm(request.POST or None, instance=activity, network=network)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        form.save_m2m()
        messages.success(request, _("The activity is saved."))
        return redirect("detection:activity-list", slug=network.slug)
    return render(
        request,
        "detection/activity_form.html",
        {"form": form, "network": network, "activity": activity if activity_id else None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthenticatedHttpRequest, slug: str, activity_id: int) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    if not can_manage(request.user, network):
        raise Http404
    activity = get_object_or_404(EarlyDetectionActivity, pk=activity_id, network=network)
    if request.method == "POST":
        activity.delete()
        messages.success(request, _("The activity is removed from the registry."))
        return redirect("detection:activity-list", slug=network.slug)
    return render(
        request, "detection/activity_delete.html", {"network": network, "activity": activity}
    )
