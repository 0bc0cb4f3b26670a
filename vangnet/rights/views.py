"""The older person's rights on screen: download everything, be erased."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import access_client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.rights.erasure import client_erase
from vangnet.rights.export import client_export, export_pdf
from vangnet.rights.forms import EraseForm

IDENTITY = DataCategory.IDENTITY
CARE_PLAN = Purpose.CARE_PLAN


@login_required
def export(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Everything about one older person (AVG right of access), as JSON or as a PDF."""
    fmt = request.GET.get("format", "json")
    if fmt not in {"json", "pdf"}:
        raise Http404
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=IDENTITY,
        purpose=CARE_PLAN,
        event=AuditEvent.EXPORT,
        objects=[f"export:{fmt}"],
    )
    data = client_export(client)
    filename = f"vangnet-gegevens-{client.pk}.{fmt}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
    else:
        response = HttpResponse(export_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    """Erase an older person (AVG right to erasure); only a coordinator, with confirmation."""
    if not request.user.is_coordinator:
        raise Http404
    client = access_client(
        Actor.from_request(request),
        client_id,
        category=IDENTITY,
        purpose=CARE_PLAN,
        for_write=True,
        event=AuditEvent.READ,
    )
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm_name"].strip().lower() != client.full_name.lower():
            form.add_error("confirm_name", _("The name does not match. Nothing was erased."))
        else:
            client_erase(
                actor=Actor.from_request(request),
                client=client,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("All data of this older person is erased."))
            return redirect("clients:list")
    return render(request, "rights/erase.html", {"client": client, "form": form})
