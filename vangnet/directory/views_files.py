"""The social map as files: the poster, the import for coordinators and the exports."""

import base64
import hashlib
import json
import zlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.directory.exporting import export_csv
from vangnet.directory.hsds import export_hsds
from vangnet.directory.importing import (
    COLUMNS,
    MAX_BYTES,
    CheckResult,
    Kind,
    check_file,
)
from vangnet.directory.importing import (
    import_apply as apply_rows,
)
from vangnet.directory.models import Network
from vangnet.directory.poster import Paper, PosterFormat, render_poster

SESSION_KEY = "directory_import"
PREVIEW_ROWS = 25


@require_GET
def poster(request: HttpRequest, slug: str) -> HttpResponse:
    """The network's poster; open to anyone, as it shows only what hangs on the wall."""
    network = get_object_or_404(Network, slug=slug)
    try:
        fmt = PosterFormat(request.GET.get("format", PosterFormat.PDF.value).lower())
        paper = Paper(request.GET.get("size", Paper.A4.value).upper())
    except ValueError:
        return HttpResponseBadRequest(_("Choose format pdf, svg or png, and size A3 or A4."))
    made = render_poster(network, fmt=fmt, paper=paper)
    response = HttpResponse(made.content, content_type=fmt.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[(k.value, k.label) for k in Kind],
        widget=forms.RadioSelect,
        initial=Kind.ORGANISATIONS.value,
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx), at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB. Split it into smaller files.")
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


def _coordinator_only(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_coordinator:
        raise PermissionDenied


def _column_help() -> dict[str, list[dict[str, object]]]:
    return {
        kind.label: [
            {"header": c.header, "english": c.english, "required": c.required, "help": c.help}
            for c in COLUMNS[kind]
            if c.key != "last_confirmed"
        ]
        for kind in Kind
    }


def _preview(result: CheckResult) -> tuple[list[str], list[list[str]]]:
    headers = [column.header for column in result.columns if column.key != "last_confirmed"]
    keys = [column.key for column in result.columns if column.key != "last_confirmed"]
    rows = [[row.cells.get(key, "") for key in keys] for row in result.rows[:PREVIEW_ROWS]]
    return headers, rows


def _result_page(request: HttpRequest, result: CheckResult, *, token: str = "") -> HttpResponse:
    headers, rows = _preview(result)
    return render(
        request,
        "directory/import_result.html",
        {
            "result": result,
            "kind_label": result.kind.label,
            "preview_headers": headers,
            "preview_rows": rows,
            "more_rows": max(0, len(result.rows) - PREVIEW_ROWS),
            "token": token,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one: upload a file; see every problem, or a preview of what would be imported."""
    _coordinator_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        kind = Kind(form.cleaned_data["kind"])
        result = check_file(data, upload.name, kind)
        token = ""
        if result.ok:
            # Kept in the session until the coordinator applies it, then removed.
            token = hashlib.sha256(data).hexdigest()
            request.session[SESSION_KEY] = json.dumps(
                {
                    "token": token,
                    "kind": kind.value,
                    "name": upload.name,
                    "data": base64.b64encode(zlib.compress(data)).decode("ascii"),
                }
            )
        else:
            request.session.pop(SESSION_KEY, None)
        return _result_page(request, result, token=token)
    return render(request, "directory/import.html", {"form": form, "columns": _column_help()})


@login_required
@require_POST
def import_apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step two: write the checked file, all rows or none, after checking it once more."""
    _coordinator_only(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("Upload the file again: the checked file is no longer kept."))
        return redirect("directory:import")
    pending = json.loads(stored)
    if pending["token"] != request.POST.get("token"):
        messages.error(request, _("Upload the file again: it does not match the checked file."))
        return redirect("directory:import")
    data = zlib.decompress(base64.b64decode(pending["data"]))
    # The social map may have changed since the check; check again right before writing.
    result = check_file(data, pending["name"], Kind(pending["kind"]))
    if not result.ok:
        return _result_page(request, result)
    summary = apply_rows(result=result, acting_user=request.user)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        ngettext(
            "%(count)d entry imported from %(name)s.",
            "%(count)d entries imported from %(name)s.",
            summary.created,
        )
        % {"count": summary.created, "name": pending["name"]},
    )
    return redirect("directory:import")


@login_required
@require_GET
def export_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    networks = Network.objects.order_by("name")
    return render(
        request,
        "directory/export.html",
        {
            "kinds": [(k.value, k.label) for k in Kind],
            "networks": networks,
            "network_slug": request.GET.get("network", ""),
        },
    )


@login_required
@require_GET
def export_download(request: AuthenticatedHttpRequest, kind: str, fmt: str) -> HttpResponse:
    """One kind of entry as CSV or HSDS JSON; private details only where a person agreed."""
    try:
        chosen = Kind(kind)
    except ValueError as error:
        raise Http404 from error
    network = None
    if request.GET.get("network"):
        network = get_object_or_404(Network, slug=request.GET["network"])
    stamp = timezone.localdate().isoformat()
    suffix = f"-{network.slug}" if network else ""
    if fmt == "csv":
        response = HttpResponse(export_csv(chosen, network=network), content_type="text/csv")
        filename = f"{chosen.value}{suffix}-{stamp}.csv"
    elif fmt == "json":
        document = export_hsds(chosen, network=network)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json",
        )
        filename = f"hsds-{chosen.value}{suffix}-{stamp}.json"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
