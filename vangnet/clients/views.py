"""Pages about one older person. Every page fetches the client through ``access_client``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients import actions
from vangnet.clients import emergency as emergency_rules
from vangnet.clients.access import (
    access_client,
    accessible_clients,
    break_the_glass,
    decide,
    professional_of,
)
from vangnet.clients.dossier import IDENTITY_WRITE, TIMELINE_LIMIT, dossier_open
from vangnet.clients.forms import (
    CarerForm,
    CareTeamForm,
    ClientForm,
    ConsentForm,
    ContactPersonForm,
    EmergencyForm,
    EmergencyPolicyForm,
    RegistrationForm,
    RepresentativeForm,
    RevokeForm,
)
from vangnet.clients.history import access_history_days
from vangnet.clients.models import CareTeamMember, Client, EmergencyAccessPolicy, InformalCarer
from vangnet.consent import actions as consent_actions
from vangnet.consent.models import Consent, DataCategory, Purpose

IDENTITY = DataCategory.IDENTITY
CARE_PLAN = Purpose.CARE_PLAN


def _client_for_write(request: AuthenticatedHttpRequest, client_id: int) -> Client:
    """The client for a page that changes their details; the read is logged, the write later."""
    return access_client(
        Actor.from_request(request),
        client_id,
        category=IDENTITY,
        purpose=CARE_PLAN,
        for_write=True,
        event=AuditEvent.READ,
    )


@login_required
def client_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    clients = accessible_clients(Actor.from_request(request), purpose=CARE_PLAN, search=query)
    return render(
        request,
        "clients/list.html",
        {
            "clients": clients,
            "query": query,
            "is_professional": professional_of(request.user) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    if professional_of(request.user) is None or not request.user.can_edit:
        raise Http404
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = actions.client_register(
            actor=Actor.from_request(request),
            network=form.cleaned_data["network"],
            data=form.client_data(),
            given_by=form.cleaned_data["given_by"],
            method=form.cleaned_data["method"],
            representative_name=form.cleaned_data["representative_name"],
        )
        messages.success(request, _("The older person is registered. Now go through consent."))
        return redirect("clients:consent", client_id=client.pk)
    return render(request, "clients/register.html", {"form": form})


@login_required
def client_detail(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The older person's dossier at a glance: where they are, and what the viewer may see."""
    dossier = dossier_open(Actor.from_request(request), client_id)
    return render(
        request,
        "clients/detail.html",
        {
            "client": dossier.client,
            "dossier": dossier,
            "can_write": dossier.viewer.may(IDENTITY_WRITE),
            "timeline_limit": TIMELINE_LIMIT,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = _client_for_write(request, client_id)
    form = ClientForm(request.POST or None, instance=Client.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ClientForm.Meta.fields}
        actions.client_update(actor=Actor.from_request(request), client=client, data=data)
        messages.success(request, _("The details are saved."))
        return redirect("clients:detail", client_id=client.pk)
    return render(
        request, "clients/form.html", {"form": form, "client": client, "title": _("Change details")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def carer_edit(
    request: AuthenticatedHttpRequest, client_id: int, carer_id: int | None = None
) -> HttpResponse:
    client = _client_for_write(request, client_id)
    carer = get_object_or_404(InformalCarer, pk=carer_id, client=client) if carer_id else None
    form = CarerForm(request.POST or None, instance=carer)
    if request.method == "POST" and "remove" in request.POST and carer is not None:
        actions.carer_remove(actor=Actor.from_request(request), client=client, carer=carer)
        messages.success(request, _("The informal carer is removed."))
        return redirect("clients:detail", client_id=client.pk)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CarerForm.Meta.fields}
        actions.carer_save(actor=Actor.from_request(request), client=client, carer=carer, data=data)
        messages.success(request, _("The informal carer is saved."))
        return redirect("clients:detail", client_id=client.pk)
    title = _("Change informal carer") if carer else _("Add informal carer")
    return render(
        request,
        "clients/form.html",
        {"form": form, "client": client, "title": title, "removable": carer is not None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def representative_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = _client_for_write(request, client_id)
    form = RepresentativeForm(
        request.POST or None, instance=getattr(client, "representative", None)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in RepresentativeForm.Meta.fields}
        actions.representative_save(actor=Actor.from_request(request), client=client, data=data)
        messages.success(request, _("The legal representative is saved."))
        return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "clients/form.html",
        {"form": form, "client": client, "title": _("Legal representative")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_team_add(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = _client_for_write(request, client_id)
    form = CareTeamForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actions.care_team_add(
            actor=Actor.from_request(request),
            client=client,
            person=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
            since=form.cleaned_data["since"],
            until=form.cleaned_data["until"],
            is_contact_person=form.cleaned_data["is_contact_person"],
        )
        messages.success(request, _("The care team is updated."))
        return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "clients/form.html",
        {"form": form, "client": client, "title": _("Add to the care team")},
    )


@login_required
@require_POST
def care_team_end(
    request: AuthenticatedHttpRequest, client_id: int, member_id: int
) -> HttpResponse:
    client = _client_for_write(request, client_id)
    member = get_object_or_404(CareTeamMember, pk=member_id, client=client)
    actions.care_team_end(
        actor=Actor.from_request(request),
        client=client,
        member=member,
        until=timezone.localdate(),
    )
    messages.success(
        request, _("%(name)s is no longer in the care team.") % {"name": member.person.name}
    )
    return redirect("clients:detail", client_id=client.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_edit(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = _client_for_write(request, client_id)
    team = [
        m.person
        for m in CareTeamMember.objects.active().filter(client=client).select_related("person")
    ]
    form = ContactPersonForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        actions.contact_person_set(
            actor=Actor.from_request(request), client=client, person=form.cleaned_data["person"]
        )
        messages.success(request, _("The contact person is changed."))
        return redirect("clients:detail", client_id=client.pk)
    return render(
        request,
        "clients/form.html",
        {"form": form, "client": client, "title": _("Choose the contact person")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The consent conversation: what may be shared, with whom, for what, until when."""
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=IDENTITY,
        purpose=CARE_PLAN,
        for_write=request.method == "POST",
    )
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        consent_actions.consent_record(
            actor=Actor.from_request(request), client_id=client.pk, terms=form.terms()
        )
        messages.success(request, _("The consent is recorded."))
        return redirect("clients:consent", client_id=client.pk)
    consents = client.consents.select_related("recipient_organisation", "recipient_person")
    return render(
        request,
        "clients/consent.html",
        {"client": client, "form": form, "consents": consents, "revoke_form": RevokeForm()},
    )


@login_required
@require_POST
def consent_revoke(
    request: AuthenticatedHttpRequest, client_id: int, consent_id: int
) -> HttpResponse:
    client = _client_for_write(request, client_id)
    record = get_object_or_404(Consent, pk=consent_id, client=client)
    form = RevokeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    consent_actions.consent_revoke(actor=Actor.from_request(request), consent=record, note=note)
    messages.success(request, _("The consent is revoked. It no longer applies from now on."))
    # Revoking may end one's own access; then the consent page is no longer there to return to.
    still = decide(request.user, client, category=IDENTITY, purpose=CARE_PLAN, for_write=True)
    if not still.allowed:
        return redirect("clients:list")
    return redirect("clients:consent", client_id=client.pk)


@login_required
def access_history(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Who looked at my data: for the older person, printable."""
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=IDENTITY,
        purpose=CARE_PLAN,
        objects=["access-history"],
    )
    return render(
        request,
        "clients/access_history.html",
        {"client": client, "days": access_history_days(client.pk)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def emergency(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Break-the-glass: identify one older person exactly, by the network's rule, with a reason."""
    person = professional_of(request.user)
    if person is None:
        raise Http404
    form = EmergencyForm(
        request.POST or None, modes=emergency_rules.identification_modes(request.user, person)
    )
    if request.method == "POST" and form.is_valid():
        result = break_the_glass(
            actor=Actor.from_request(request),
            identity=form.identity(),
            reason=form.cleaned_data["reason"],
        )
        if result.client is not None:
            messages.warning(
                request,
                _("Emergency access is open for one hour. Your coordinator will review it."),
            )
            return redirect("clients:detail", client_id=result.client.pk)
        # One answer for no match, a role that may not use it and the daily limit.
        form.add_error(
            None,
            _(
                "No emergency access. The details must match exactly one older person in your "
                "networks, your role must be allowed to use emergency access, and you have a "
                "few attempts a day. Check the details, or call your coordinator."
            ),
        )
    return render(
        request,
        "clients/emergency.html",
        {
            "form": form,
            "attempts_left": emergency_rules.attempts_left(request.user, timezone.localdate()),
            "attempts_per_day": emergency_rules.attempts_per_day(),
            "can_set_rules": bool(emergency_rules.networks_coordinated_by(request.user)),
        },
    )


@login_required
def emergency_rules_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's networks and who in each may use emergency access."""
    if not request.user.is_coordinator:
        raise Http404
    networks = emergency_rules.networks_coordinated_by(request.user)
    stored = {p.network_id: p for p in EmergencyAccessPolicy.objects.filter(network__in=networks)}
    rows = [(n, stored.get(n.pk) or EmergencyAccessPolicy(network=n)) for n in networks]
    return render(request, "clients/emergency_rules.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def emergency_rules_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = next(
        (n for n in emergency_rules.networks_coordinated_by(request.user) if n.slug == slug), None
    )
    if network is None:
        raise Http404
    policy = EmergencyAccessPolicy.for_network(network)
    form = EmergencyPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        actions.emergency_policy_save(
            actor=Actor.from_request(request),
            policy=policy,
            disciplines=form.cleaned_data["disciplines"],
            identify_by=form.cleaned_data["identify_by"],
        )
        messages.success(request, _("The emergency access rule is saved."))
        return redirect("clients:emergency-rules")
    return render(request, "clients/emergency_rule_form.html", {"form": form, "network": network})
