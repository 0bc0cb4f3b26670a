"""Organisations, people and services: list, detail, create, edit, delete, confirm."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.core.params import number_param
from vangnet.directory.actions import EntryInUse, entry_confirm, entry_delete, entry_save
from vangnet.directory.forms import OrganisationForm, PersonForm, ServiceForm
from vangnet.directory.models import Organisation, Person, Service
from vangnet.directory.permissions import Entry
from vangnet.directory.response_notes import response_notes
from vangnet.directory.staleness import stale_limit
from vangnet.directory.versioning import history_of
from vangnet.directory.views.common import history_lines, viewer_for

LIST_PAGE_SIZE = 50


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[Organisation] | type[Person] | type[Service]
    form_class: type[forms.ModelForm[Any]]
    plural: str | Promise
    add_label: str | Promise
    has_areas: bool
    belongs_to_organisation: bool

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"directory:{self.key}_{action}", args=args)

    @property
    def create_url(self) -> str:
        return self.url("create")


ORGANISATION = Kind(
    key="organisation",
    model=Organisation,
    form_class=OrganisationForm,
    plural=gettext_lazy("Organisations"),
    add_label=gettext_lazy("Add an organisation"),
    has_areas=True,
    belongs_to_organisation=False,
)
PERSON = Kind(
    key="person",
    model=Person,
    form_class=PersonForm,
    plural=gettext_lazy("People"),
    add_label=gettext_lazy("Add a person"),
    has_areas=False,
    belongs_to_organisation=True,
)
SERVICE = Kind(
    key="service",
    model=Service,
    form_class=ServiceForm,
    plural=gettext_lazy("Services"),
    add_label=gettext_lazy("Add a service"),
    has_areas=True,
    belongs_to_organisation=True,
)


def _get_entry(kind: Kind, pk: int) -> Entry:
    entry: Entry = get_object_or_404(kind.model, pk=pk)  # type: ignore[assignment]
    return entry


def _list_queryset(kind: Kind) -> QuerySet[Any]:
    if kind is PERSON:
        return Person.objects.select_related("organisation")
    if kind is SERVICE:
        return Service.objects.select_related("organisation", "contact")
    return Organisation.objects.all()


def _entry_list(request: AuthenticatedHttpRequest, kind: Kind) -> HttpResponse:
    entries = _list_queryset(kind)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        name_q = Q(name__icontains=text)
        if kind.belongs_to_organisation:
            name_q |= Q(organisation__name__icontains=text)
        entries = entries.filter(name_q)
    only_stale = request.GET.get("stale") == "1"
    if only_stale:
        entries = entries.filter(last_confirmed_at__lt=stale_limit())
    page = Paginator(entries.order_by("name", "pk"), LIST_PAGE_SIZE).get_page(
        number_param(request, "page", default=1, minimum=1)
    )
    return render(
        request,
        f"directory/{kind.key}_list.html",
        {
            "kind": kind,
            "page": page,
            "q": text,
            "only_stale": only_stale,
            "viewer": viewer_for(request),
        },
    )


def _form_kwargs(request: AuthenticatedHttpRequest, kind: Kind) -> dict[str, Any]:
    viewer = viewer_for(request)
    kwargs: dict[str, Any] = {"coordinator": viewer.is_coordinator}
    if kind.belongs_to_organisation:
        kwargs["allowed_organisations"] = viewer.organisations_for_new_entries()
    return kwargs


def _save_form(request: AuthenticatedHttpRequest, kind: Kind, form: forms.ModelForm[Any]) -> Entry:
    entry: Entry = form.save(commit=False)
    areas = list(form.cleaned_data["areas"]) if kind.has_areas else None
    return entry_save(entry=entry, actor=request.user, areas=areas)


def _entry_create(request: AuthenticatedHttpRequest, kind: Kind) -> HttpResponse:
    viewer = viewer_for(request)
    if not viewer.can_create:
        raise PermissionDenied
    kwargs = _form_kwargs(request, kind)
    if kwargs.get("allowed_organisations") == []:
        return render(
            request,
            "directory/no_organisation.html",
            {"kind": kind},
            status=403,
        )
    initial: dict[str, Any] = {}
    organisation_id = number_param(request, "organisation", minimum=1)
    if kind.belongs_to_organisation and organisation_id is not None:
        initial["organisation"] = organisation_id
    form = kind.form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        entry = _save_form(request, kind, form)
        messages.success(request, _("Saved: %(name)s.") % {"name": entry.name})
        return redirect(kind.url("detail", entry.pk))
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": kind.add_label, "cancel_url": kind.url("list")},
    )


def _entry_edit(request: AuthenticatedHttpRequest, kind: Kind, pk: int) -> HttpResponse:
    entry = _get_entry(kind, pk)
    if not viewer_for(request).can_edit(entry):
        raise PermissionDenied
    form = kind.form_class(request.POST or None, instance=entry, **_form_kwargs(request, kind))
    if request.method == "POST" and form.is_valid():
        entry = _save_form(request, kind, form)
        messages.success(request, _("Saved: %(name)s.") % {"name": entry.name})
        return redirect(kind.url("detail", entry.pk))
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("Change %(name)s") % {"name": entry.name},
            "cancel_url": kind.url("detail", entry.pk),
        },
    )


def _entry_delete(request: AuthenticatedHttpRequest, kind: Kind, pk: int) -> HttpResponse:
    entry = _get_entry(kind, pk)
    if not viewer_for(request).can_delete(entry):
        raise PermissionDenied
    if request.method == "POST":
        try:
            entry_delete(entry=entry, actor=request.user)
        except EntryInUse:
            messages.error(
                request,
                _("%(name)s cannot be deleted while people still work there.")
                % {"name": entry.name},
            )
            return redirect(kind.url("detail", entry.pk))
        messages.success(request, _("Deleted: %(name)s.") % {"name": entry.name})
        return redirect(kind.url("list"))
    return render(
        request,
        "directory/confirm_delete.html",
        {"entry": entry, "cancel_url": kind.url("detail", entry.pk)},
    )


def _entry_confirm(request: AuthenticatedHttpRequest, kind: Kind, pk: int) -> HttpResponse:
    entry = _get_entry(kind, pk)
    if not viewer_for(request).can_edit(entry):
        raise PermissionDenied
    entry_confirm(entry=entry, actor=request.user)
    messages.success(
        request, _("Thank you. %(name)s is confirmed as correct.") % {"name": entry.name}
    )
    return redirect(kind.url("detail", entry.pk))


def _detail_context(request: AuthenticatedHttpRequest, entry: Entry) -> dict[str, Any]:
    viewer = viewer_for(request)
    show_private = isinstance(entry, Person) and viewer.sees_private_contact(entry)
    return {
        "entry": entry,
        "viewer": viewer,
        "history": history_lines(
            history_of(entry), show_private=show_private or viewer.can_edit(entry)
        ),
    }


# Organisations


@login_required
@require_GET
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_list(request, ORGANISATION)


@login_required
@require_GET
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.prefetch_related("areas"), pk=pk)
    context = _detail_context(request, organisation)
    services = list(organisation.services.select_related("contact").order_by("name"))
    context.update(
        {
            "people": organisation.people.order_by("name"),
            "services": services,
            "responses": response_notes(
                services=[s.pk for s in services], organisations=[organisation.pk]
            ),
            "parties": organisation.network_parties.select_related("network"),
            "assignments": organisation.assignments.select_related("network", "person"),
        }
    )
    return render(request, "directory/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_create(request, ORGANISATION)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_edit(request, ORGANISATION, pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_delete(request, ORGANISATION, pk)


@login_required
@require_POST
def organisation_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_confirm(request, ORGANISATION, pk)


# People


@login_required
@require_GET
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_list(request, PERSON)


@login_required
@require_GET
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    context = _detail_context(request, person)
    context.update(
        {
            "services": person.services.select_related("organisation").order_by("name"),
            "linking_pin_for": person.linking_pin_for.select_related("network", "organisation"),
            "assignments": person.assignments.select_related("network", "organisation"),
            "coordinated_networks": person.coordinated_networks.order_by("name"),
        }
    )
    return render(request, "directory/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_create(request, PERSON)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_edit(request, PERSON, pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_delete(request, PERSON, pk)


@login_required
@require_POST
def person_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_confirm(request, PERSON, pk)


# Services


@login_required
@require_GET
def service_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_list(request, SERVICE)


@login_required
@require_GET
def service_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organisation", "contact").prefetch_related("areas"),
        pk=pk,
    )
    context = _detail_context(request, service)
    context["responses"] = response_notes(services=[service.pk])
    return render(request, "directory/service_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _entry_create(request, SERVICE)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_edit(request, SERVICE, pk)


@login_required
@require_http_methods(["GET", "POST"])
def service_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_delete(request, SERVICE, pk)


@login_required
@require_POST
def service_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _entry_confirm(request, SERVICE, pk)
