"""Referral pages. Pages about one older person fetch them through ``access_client`` first."""

from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import access_client, accessible_clients, decide, professional_of
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.params import number_param
from vangnet.directory.models import Network, Person
from vangnet.referrals import actions, lifecycle
from vangnet.referrals.actions import ReferralError
from vangnet.referrals.figures import network_report
from vangnet.referrals.forms import (
    CompleteForm,
    ContactForm,
    DeclineForm,
    FindForm,
    FirstContactForm,
    FollowUpForm,
    ReasonForm,
    RedirectForm,
    ReferralForm,
    SettingsForm,
    StartForm,
    StepForm,
)
from vangnet.referrals.lifecycle import Side
from vangnet.referrals.models import FollowUpOutcome, Referral, ReferralSettings, Status
from vangnet.referrals.visibility import inbox_for, referrals_on_client_page, sides_of

PERIODS = (3, 6, 12, 24)


def _referral_door(
    request: AuthenticatedHttpRequest, client_id: int, *, for_write: bool = False
) -> Client:
    return access_client(
        Actor.from_request(request),
        client_id,
        category=DataCategory.REFERRAL,
        purpose=Purpose.REFERRAL,
        for_write=for_write,
        event=AuditEvent.READ,
        objects=["referrals"],
    )


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What came in for my organisation and what we sent, sorted by what needs doing."""
    return render(
        request,
        "referrals/inbox.html",
        {
            "inbox": inbox_for(Actor.from_request(request)),
            "networks": Network.objects.order_by("name") if request.user.is_coordinator else [],
        },
    )


@login_required
def find(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The quick way in: find the older person, then refer."""
    form = FindForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found: list[Client] = []
    if query:
        found = accessible_clients(
            Actor.from_request(request), purpose=Purpose.CARE_PLAN, search=query, limit=20
        )
    return render(
        request,
        "referrals/find.html",
        {
            "form": form,
            "query": query,
            "found": found,
            "is_professional": professional_of(request.user) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def refer(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Refer in one minute, from the older person's page."""
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
        for_write=True,
        objects=["referral-form"],
    )
    form = ReferralForm(request.POST or None, network=client.network)
    if request.method == "POST" and form.is_valid():
        try:
            referral = actions.referral_create(
                actor=Actor.from_request(request),
                client=client,
                target=form.target(),
                reason=form.cleaned_data["reason"],
                categories=form.cleaned_data["categories"],
                contact_preference=form.cleaned_data["contact_preference"],
                contact_note=form.cleaned_data["contact_note"],
                agreed=form.cleaned_data["agreed"],
                representative_name=form.cleaned_data["representative_name"],
            )
        except ReferralError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The referral is sent. You will hear back by %(date)s at the latest.")
                % {"date": referral.first_contact_due_on.strftime("%d-%m-%Y")},
            )
            return redirect(f"{_client_url(client.pk)}#{referral.anchor}")
    return render(request, "referrals/refer.html", {"client": client, "form": form})


def _client_url(client_id: int) -> str:
    return reverse("referrals:client", kwargs={"client_id": client_id})


# The step forms: action name → (form, the status it leads to, or "" when not a status).
STEP_FORMS: dict[str, tuple[type[StepForm], str]] = {
    "accept": (StepForm, Status.ACCEPTED),
    "first_contact": (FirstContactForm, Status.FIRST_CONTACT),
    "start": (StartForm, Status.IN_PROGRESS),
    "complete": (CompleteForm, Status.COMPLETED),
    "decline": (DeclineForm, Status.DECLINED),
    "redirect": (RedirectForm, Status.REDIRECTED),
    "cancel": (ReasonForm, Status.CANCELLED),
    "back": (ReasonForm, ""),
    "follow_up": (FollowUpForm, ""),
    "contact": (ContactForm, ""),
}


@dataclass
class Panel:
    """One referral on the page, with the steps this person may take now."""

    referral: Referral
    sides: frozenset[Side]
    steps: dict[str, forms.Form] = field(default_factory=dict)
    back_to: str = ""

    @property
    def is_receiver(self) -> bool:
        return Side.RECEIVER in self.sides


def _available_steps(referral: Referral, sides: frozenset[Side], can_edit: bool) -> list[str]:
    if not can_edit or not sides:
        return []
    allowed = {t.target for t in lifecycle.next_steps(referral.status, sides) if not t.backward}
    names = [name for name, (_, target) in STEP_FORMS.items() if target and target in allowed]
    back = lifecycle.step_back(referral.status)
    if back is not None and back.sides & sides:
        names.append("back")
    if Side.RECEIVER in sides and referral.follow_up_is_due():
        names.insert(0, "follow_up")
    if Side.RECEIVER in sides and referral.can_record_contact():
        names.append("contact")
    return names


def _step_form(name: str, referral: Referral, data: Any = None) -> forms.Form:
    form_class = STEP_FORMS[name][0]
    kwargs: dict[str, Any] = {
        "prefix": f"r{referral.pk}-{name}",
        "initial": {"version": referral.version},
    }
    if form_class is RedirectForm:
        kwargs["network"] = referral.network
    return form_class(data, **kwargs)


def _panels(
    request: AuthenticatedHttpRequest,
    client: Client,
    person: Person | None,
    bound: tuple[int, str, forms.Form] | None = None,
) -> list[Panel]:
    referrals = list(
        referrals_on_client_page(client, person)
        .select_related("network")
        .prefetch_related("events")
    )
    panels = []
    for referral in referrals:
        sides = sides_of(person, referral)
        panel = Panel(referral=referral, sides=sides)
        for name in _available_steps(referral, sides, request.user.can_edit):
            if bound is not None and bound[0] == referral.pk and bound[1] == name:
                panel.steps[name] = bound[2]
            else:
                panel.steps[name] = _step_form(name, referral)
        back = lifecycle.step_back(referral.status)
        panel.back_to = str(Status(back.target).label) if back else ""
        panels.append(panel)
    return panels


def _render_client_page(
    request: AuthenticatedHttpRequest,
    client: Client,
    bound: tuple[int, str, forms.Form] | None = None,
) -> HttpResponse:
    """The referral page; beyond the agreed minimum only what the consent opens elsewhere.

    The agreement in Movisie, "Medisch en sociaal verbonden" (seed 004): the
    referrer sends "alleen de NAW-gegevens en in één regel de reden van verwijzing".
    So the receiving organisation sees name, address, phone and the one-line reason;
    the age and the main informal carer only when a consent also lets this person
    open the older person's own page (their details for the care plan).
    """
    person = professional_of(request.user)
    panels = _panels(request, client, person, bound)
    can_open_client = decide(
        request.user,
        client,
        category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
        for_write=False,
    ).allowed
    carer = None
    if can_open_client:
        carer = client.carers.filter(is_primary=True).first() or client.carers.first()
    return render(
        request,
        "referrals/client.html",
        {
            "client": client,
            "panels": panels,
            "shows_more": can_open_client,
            "carer": carer,
            "today": timezone.localdate(),
            "can_refer": decide(
                request.user,
                client,
                category=DataCategory.IDENTITY,
                purpose=Purpose.CARE_PLAN,
                for_write=True,
            ).allowed,
            "can_open_client": can_open_client,
        },
    )


@login_required
def client_referrals(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """The referrals of one older person: details, feedback, history and the next steps.

    Opening it as someone of the receiving organisation marks a sent referral as received.
    """
    client = _referral_door(request, client_id)
    person = professional_of(request.user)
    if person is not None and request.user.can_edit:
        for referral in referrals_on_client_page(client, person).filter(
            status=Status.SENT, receiving_organisation_id=person.organisation_id
        ):
            # Someone else may have opened it a moment earlier: then it is received already.
            with suppress(ReferralError):
                actions.referral_receive(actor=Actor.from_request(request), referral=referral)
    return _render_client_page(request, client)


def _handle(name: str, actor: Actor, referral: Referral, form: Any) -> Referral:
    data = form.cleaned_data
    version = data["version"]
    common: dict[str, Any] = {"actor": actor, "referral": referral, "expected_version": version}
    match name:
        case "accept":
            return actions.referral_accept(**common)
        case "first_contact":
            return actions.referral_record_first_contact(
                **common, contacted_on=data["contacted_on"], feedback=data["feedback"]
            )
        case "start":
            return actions.referral_start(**common, themes=data["themes"], note=data["note"])
        case "complete":
            return actions.referral_complete(
                **common, feedback=data["feedback"], themes=data["themes"]
            )
        case "decline":
            return actions.referral_decline(**common, note=data["note"])
        case "redirect":
            return actions.referral_redirect(
                **common, target=form.target(), reason=data["reason"], agreed=data["agreed"]
            )
        case "cancel":
            return actions.referral_cancel(**common, reason=data["reason"])
        case "back":
            back = lifecycle.step_back(referral.status)
            if back is None:
                raise actions.TransitionRefused(_("This referral cannot go back a step."))
            return actions.referral_step_back(**common, to=back.target, reason=data["reason"])
        case "follow_up":
            return actions.referral_record_follow_up(
                **common, outcome=data["outcome"], note=data["note"]
            )
        case "contact":
            return actions.referral_record_contact(
                **common, contacted_on=data["contacted_on"], note=data["note"]
            )
    raise Http404


@login_required
@require_POST
def referral_step(
    request: AuthenticatedHttpRequest, client_id: int, referral_id: int
) -> HttpResponse:
    """Take one step on a referral; a refused or late step says why on the page."""
    client = _referral_door(request, client_id, for_write=True)
    person = professional_of(request.user)
    referral = get_object_or_404(referrals_on_client_page(client, person), pk=referral_id)
    name = request.POST.get("action", "")
    if name not in STEP_FORMS:
        raise Http404
    form = _step_form(name, referral, request.POST)
    if not form.is_valid():
        return _render_client_page(request, client, bound=(referral.pk, name, form))
    try:
        result = _handle(name, Actor.from_request(request), referral, form)
    except ReferralError as error:
        messages.error(request, error.message)
        return redirect(f"{_client_url(client.pk)}#{referral.anchor}")
    messages.success(request, _step_done_message(name))
    return redirect(f"{_client_url(client.pk)}#{result.anchor}")


def _step_done_message(name: str) -> str:
    return {
        "accept": _("You have accepted the referral. Make contact before the date shown."),
        "first_contact": _("The first contact is recorded. The referrer has been told."),
        "start": _("Recorded: the support has started."),
        "complete": _("The referral is completed. The referrer has been told."),
        "decline": _("Recorded: the older person does not want this support."),
        "redirect": _("The referral is passed on. The referrer has been told."),
        "cancel": _("The referral is cancelled."),
        "back": _("The referral went back one step."),
        "follow_up": _("The follow-up is recorded. The referrer has been told."),
        "contact": _("The conversation is recorded. The follow-up counts from this date."),
    }[name]


@login_required
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Does the route work? Counts and waiting times, with no individual in them."""
    networks = list(Network.objects.order_by("name"))
    if not networks:
        return render(request, "referrals/figures.html", {"report": None, "networks": []})
    person = professional_of(request.user)
    default = next(
        (
            n
            for n in networks
            if person is not None
            and n.parties.filter(organisation_id=person.organisation_id).exists()
        ),
        networks[0],
    )
    slug = request.GET.get("network", default.slug)
    network = next((n for n in networks if n.slug == slug), default)
    months = number_param(request, "months", default=12, allowed=frozenset(PERIODS)) or 12
    report = network_report(network, months=months)
    return render(
        request,
        "referrals/figures.html",
        {
            "report": report,
            "outcome_rows": [report.total, *report.by_organisation],
            "outcome_labels": FollowUpOutcome.labels,
            "networks": networks,
            "network": network,
            "months": months,
            "periods": PERIODS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The coordinator sets the network's point of contact, the term and the follow-up."""
    if not request.user.is_coordinator:
        raise Http404
    network = get_object_or_404(Network, slug=slug)
    rules = ReferralSettings.for_network(network)
    form = SettingsForm(request.POST or None, instance=rules, network=network)
    if request.method == "POST" and form.is_valid():
        actions.settings_save(
            actor=Actor.from_request(request),
            rules=rules,
            data={name: form.cleaned_data[name] for name in SettingsForm.Meta.fields},
        )
        messages.success(request, _("The referral agreements are saved."))
        return redirect("referrals:settings", slug=network.slug)
    return render(request, "referrals/settings.html", {"network": network, "form": form})
