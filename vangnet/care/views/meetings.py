"""The MDO: plan a meeting, build its agenda, and record minutes and decisions per older person.

Meeting pages carry no client number: they show each agenda item only to whom
the older person's consent allows it (see ``vangnet.care.agenda``). Everything
about one older person in a meeting is on the client's own MDO page, behind
the door with purpose MDO.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.care import actions
from vangnet.care.agenda import (
    Viewer,
    agenda_candidates,
    agenda_rows,
    meeting_for,
    meetings_for,
    open_meetings_for,
)
from vangnet.care.forms import AgendaAddForm, DecisionForm, MeetingForm, MinutesForm
from vangnet.care.models import (
    AgendaReason,
    Invitation,
    Meeting,
    MeetingItem,
    MeetingStatus,
    mdo_domain,
)
from vangnet.care.views.common import door, int_param, safe_next
from vangnet.care.views.plan import action_form
from vangnet.clients.models import Client
from vangnet.consent.models import Purpose

MDO = Purpose.MDO


@login_required
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    viewer = Viewer.of(request.user)
    rows = list(
        meetings_for(viewer)
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-starts_at")[:100]
    )
    now = timezone.now()
    return render(
        request,
        "care/meeting_list.html",
        {
            "upcoming": sorted(
                (m for m in rows if m.starts_at >= now and m.status == MeetingStatus.PLANNED),
                key=lambda m: m.starts_at,
            ),
            "past": [
                m for m in rows if not (m.starts_at >= now and m.status == MeetingStatus.PLANNED)
            ],
            "can_plan": viewer.can_edit and viewer.person is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, meeting_id: int | None = None) -> HttpResponse:
    """Plan a new meeting, or change one (organiser or coordinator)."""
    viewer = Viewer.of(request.user)
    meeting = meeting_for(viewer, meeting_id) if meeting_id else None
    if meeting is not None and not viewer.may_manage(meeting):
        raise Http404
    person = viewer.person
    if meeting is None and not (viewer.can_edit and person is not None):
        raise Http404
    initial: dict[str, object] = {}
    if meeting is None and person is not None:
        network = person.coordinated_networks.first()
        initial = {"network": network, "participants": [person]}
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = actions.meeting_save(
            actor=Actor.from_request(request),
            meeting=meeting,
            data=form.meeting_data(),
            participants=form.cleaned_data["participants"],
        )
        messages.success(request, _("The meeting is saved."))
        if meeting is None:
            return redirect("care:meeting-agenda", meeting_id=saved.pk)
        return redirect("care:meeting", meeting_id=saved.pk)
    return render(
        request,
        "care/meeting_form.html",
        {"form": form, "meeting": meeting},
    )


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    viewer = Viewer.of(request.user)
    meeting = meeting_for(viewer, meeting_id)
    return render(
        request,
        "care/meeting_detail.html",
        {
            "meeting": meeting,
            "participants": [
                (p, mdo_domain(p)) for p in meeting.participants.select_related("organisation")
            ],
            "rows": agenda_rows(Actor.from_request(request), meeting, viewer.person),
            "can_manage": viewer.may_manage(meeting),
            "can_minute": viewer.may_minute(meeting),
            "statuses": MeetingStatus,
        },
    )


@login_required
@require_POST
def meeting_status(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    viewer = Viewer.of(request.user)
    meeting = meeting_for(viewer, meeting_id)
    status = request.POST.get("status", "")
    if not viewer.may_manage(meeting) or status not in MeetingStatus.values:
        raise Http404
    actions.meeting_set_status(
        actor=Actor.from_request(request), meeting=meeting, status=MeetingStatus(status)
    )
    messages.success(request, _("The meeting is updated."))
    return redirect("care:meeting", meeting_id=meeting.pk)


@login_required
def meeting_agenda(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Who could be discussed: the older people you may see for the MDO, analysis done or due."""
    viewer = Viewer.of(request.user)
    meeting = meeting_for(viewer, meeting_id)
    if not viewer.may_minute(meeting):
        raise Http404
    return render(
        request,
        "care/meeting_agenda.html",
        {
            "meeting": meeting,
            "candidates": agenda_candidates(Actor.from_request(request), meeting),
            "invitations": Invitation.choices,
        },
    )


# One older person in the MDO ----------------------------------------------------------------


def _decision_form(client: Client, data: object = None) -> DecisionForm:
    form = action_form(client, data, form_class=DecisionForm, prefix="decision")
    assert isinstance(form, DecisionForm)
    return form


def _items(client: Client) -> list[MeetingItem]:
    return list(
        MeetingItem.objects.filter(client=client)
        .select_related("meeting__network", "meeting__practice")
        .order_by("-meeting__starts_at")
    )


def _render_client_mdo(
    request: AuthenticatedHttpRequest,
    client: Client,
    item: MeetingItem | None,
    *,
    minutes_form: MinutesForm | None = None,
    decision_form: DecisionForm | None = None,
    add_form: AgendaAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    viewer = Viewer.of(request.user)
    items = _items(client)
    item = item or next((i for i in items if i.meeting.status == MeetingStatus.PLANNED), None)
    item = item or (items[0] if items else None)
    can_minute = item is not None and viewer.may_minute(item.meeting)
    if item is not None and can_minute:
        minutes_form = minutes_form or MinutesForm(
            prefix="minutes",
            initial={
                "minutes": item.minutes,
                "invited": item.invited,
                "plan_agreed": item.plan_agreed,
            },
        )
        decision_form = decision_form or _decision_form(client)
    open_meetings = open_meetings_for(viewer).exclude(items__client=client)
    if add_form is None and viewer.can_edit:
        add_form = AgendaAddForm(
            prefix="add", meetings=open_meetings, initial={"reason": AgendaReason.OTHER}
        )
    return render(
        request,
        "care/client_mdo.html",
        {
            "client": client,
            "items": items,
            "item": item,
            "decisions": list(
                item.decisions.select_related("owner_person__organisation", "owner_carer", "goal")
            )
            if item
            else [],
            "can_minute": can_minute,
            "minutes_form": minutes_form if can_minute else None,
            "decision_form": decision_form if can_minute else None,
            "add_form": add_form if open_meetings.exists() else None,
        },
        status=status,
    )


@login_required
def client_mdo(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """This older person in the MDO: their agenda items, the minutes, the decisions."""
    client = door(request, client_id, purpose=MDO, objects=["mdo"])
    item_id = int_param(request, "item")
    item = get_object_or_404(MeetingItem, pk=item_id, client=client) if item_id else None
    return _render_client_mdo(request, client, item)


@login_required
@require_POST
def client_mdo_add(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Put this older person on the agenda of a planned meeting you take part in."""
    client = door(request, client_id, purpose=MDO, objects=["mdo"])
    viewer = Viewer.of(request.user)
    form = AgendaAddForm(request.POST, prefix="add", meetings=open_meetings_for(viewer))
    if not form.is_valid():
        return _render_client_mdo(request, client, None, add_form=form, status=400)
    meeting: Meeting = form.cleaned_data["meeting"]
    if not viewer.may_minute(meeting):
        raise Http404
    actions.agenda_add(
        actor=Actor.from_request(request),
        client=client,
        meeting=meeting,
        reason=form.cleaned_data["reason"],
        invited=form.cleaned_data["invited"],
    )
    messages.success(request, _("The older person is on the agenda."))
    return redirect(safe_next(request, reverse("care:meeting", kwargs={"meeting_id": meeting.pk})))


def _item_for_write(request: AuthenticatedHttpRequest, client: Client, item_id: int) -> MeetingItem:
    item = get_object_or_404(
        MeetingItem.objects.select_related("meeting"), pk=item_id, client=client
    )
    if not Viewer.of(request.user).may_minute(item.meeting):
        raise Http404
    return item


@login_required
@require_POST
def item_remove(request: AuthenticatedHttpRequest, client_id: int, item_id: int) -> HttpResponse:
    client = door(request, client_id, purpose=MDO, objects=["mdo"])
    item = _item_for_write(request, client, item_id)
    meeting_id = item.meeting_id
    actions.agenda_remove(actor=Actor.from_request(request), client=client, item=item)
    messages.success(request, _("The older person is taken off the agenda."))
    return redirect("care:meeting", meeting_id=meeting_id)


@login_required
@require_POST
def item_minutes(request: AuthenticatedHttpRequest, client_id: int, item_id: int) -> HttpResponse:
    client = door(request, client_id, purpose=MDO, objects=["mdo"])
    item = _item_for_write(request, client, item_id)
    form = MinutesForm(request.POST, prefix="minutes")
    if not form.is_valid():
        return _render_client_mdo(request, client, item, minutes_form=form, status=400)
    actions.item_minutes_save(
        actor=Actor.from_request(request),
        client=client,
        item=item,
        minutes=form.cleaned_data["minutes"],
        invited=form.cleaned_data["invited"],
        plan_agreed=form.cleaned_data["plan_agreed"],
    )
    messages.success(request, _("The minutes are saved."))
    return redirect(f"{reverse('care:client-mdo', kwargs={'client_id': client.pk})}?item={item.pk}")


@login_required
@require_POST
def item_decision(request: AuthenticatedHttpRequest, client_id: int, item_id: int) -> HttpResponse:
    """A decision about this older person becomes an action with an owner in their plan."""
    client = door(request, client_id, purpose=MDO, objects=["mdo"])
    item = _item_for_write(request, client, item_id)
    form = _decision_form(client, request.POST)
    if not form.is_valid():
        return _render_client_mdo(request, client, item, decision_form=form, status=400)
    actions.decision_add(
        actor=Actor.from_request(request),
        client=client,
        item=item,
        data=form.action_data(),
        new_goal=form.cleaned_data.get("new_goal", ""),
    )
    messages.success(request, _("The decision is added to the plan as an action."))
    return redirect(f"{reverse('care:client-mdo', kwargs={'client_id': client.pk})}?item={item.pk}")
