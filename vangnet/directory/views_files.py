"""The social map as files: the poster, the import for coordinators and the exports."""

import json
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import Task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.decorators import public
from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.directory import tasks
from vangnet.directory.exporting import export_csv
from vangnet.directory.hsds import export_hsds
from vangnet.directory.importing import COLUMNS, MAX_BYTES, Kind, Problem, jobs
from vangnet.directory.importing.reading import CONTROL_RE
from vangnet.directory.models import ImportJob, Network
from vangnet.directory.poster import (
    Audience,
    Paper,
    PosterFormat,
    SiteAddressMissing,
    render_poster,
)
from vangnet.directory.poster.address import site_address

# After this long without the worker starting a step, the page says the worker may be down.
WORKER_NOTICE_AFTER = timedelta(seconds=10)


class PosterForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("For whom"),
        choices=[(a.value, a.label) for a in (Audience.PUBLIC, Audience.PROFESSIONAL)],
        widget=forms.RadioSelect,
        initial=Audience.PUBLIC.value,
    )
    size = forms.ChoiceField(
        label=gettext_lazy("Paper size"),
        choices=[
            (Paper.A4.value, gettext_lazy("A4, for a notice board")),
            (Paper.A3.value, gettext_lazy("A3, for a wall: best for a waiting room")),
        ],
        widget=forms.RadioSelect,
        initial=Paper.A4.value,
    )
    format = forms.ChoiceField(
        label=gettext_lazy("File"),
        choices=[
            (PosterFormat.PDF.value, gettext_lazy("PDF, for printing")),
            (PosterFormat.SVG.value, gettext_lazy("SVG, for a website")),
            (PosterFormat.PNG.value, gettext_lazy("PNG image, for a newsletter")),
        ],
        widget=forms.RadioSelect,
        initial=PosterFormat.PDF.value,
    )


def _poster_query(request: HttpRequest) -> dict[str, str]:
    """The choices in the address; older links without an audience get the who-does-what poster."""
    return {
        "audience": request.GET.get("audience", Audience.PROFESSIONAL.value).lower(),
        "size": request.GET.get("size", Paper.A4.value).upper(),
        "format": request.GET.get("format", "").lower(),
    }


@public
@require_GET
def poster(request: HttpRequest, slug: str) -> HttpResponse:
    """The network's poster page; with a format chosen, the poster itself. Open to anyone: it
    shows only what hangs on the wall."""
    network = get_object_or_404(Network, slug=slug)
    form = PosterForm(_poster_query(request)) if "format" in request.GET else PosterForm()
    try:
        site_address()
    except SiteAddressMissing as error:
        context: dict[str, object] = {"network": network, "form": None, "problem": str(error)}
        status = 409 if form.is_bound else 200
        return render(request, "directory/poster.html", context, status=status)
    if not form.is_bound or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(
            request,
            "directory/poster.html",
            {"network": network, "form": form, "problem": ""},
            status=status,
        )
    made = render_poster(
        network,
        fmt=PosterFormat(form.cleaned_data["format"]),
        paper=Paper(form.cleaned_data["size"]),
        audience=Audience(form.cleaned_data["audience"]),
    )
    response = HttpResponse(made.content, content_type=made.format.content_type)
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
        # The browser labels its own file button in its own language; vangnet.js puts ours over it.
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv",
                "data-choose": gettext_lazy("Choose a file"),
                "data-none": gettext_lazy("No file chosen yet."),
            }
        ),
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


def _import_job(request: AuthenticatedHttpRequest, pk: int) -> ImportJob:
    """The job, for its uploader or a coordinator; 404 for anyone else and for a missing job."""
    # The file itself stays in the database: a page polled every second must not fetch it.
    job = ImportJob.objects.defer("data").filter(pk=pk).first()
    if job is None or not (job.uploaded_by_id == request.user.pk or request.user.is_coordinator):
        raise Http404
    return job


def _enqueue(step: Task[[int], None], job_id: int, *, inline: bool) -> None:
    if inline:
        step.call(job_id)
    else:
        # The worker must find the job's new state, so hand it over once that is committed.
        transaction.on_commit(lambda: step.enqueue(job_id))


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one: upload a file; it is checked in the background and the page shows how far."""
    _coordinator_only(request)
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in Kind else {}
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial)
    chosen = request.FILES.get("file")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        job = jobs.import_job_create(
            actor=request.user,
            kind=Kind(form.cleaned_data["kind"]),
            filename=upload.name,
            data=data,
        )
        _enqueue(tasks.import_job_check, job.pk, inline=len(data) <= jobs.INLINE_BYTES)
        return redirect("directory:import_job", pk=job.pk)
    recent = ImportJob.objects.defer("data").filter(
        uploaded_by=request.user, created_at__gte=timezone.now() - jobs.KEEP_FOR
    )[:5]
    return render(
        request,
        "directory/import.html",
        {
            "form": form,
            "columns": _column_help(),
            "chosen_name": CONTROL_RE.sub("", chosen.name or "") if chosen else "",
            "recent": recent,
        },
    )


def _job_context(job: ImportJob) -> dict[str, object]:
    waiting = job.queued_at is not None and timezone.now() - job.queued_at > WORKER_NOTICE_AFTER
    return {
        "job": job,
        "kind_label": Kind(job.kind).label,
        "problems": [Problem(**p) for p in job.problems],
        "more_rows": max(0, job.row_count - jobs.PREVIEW_ROWS),
        "waiting_for_worker": waiting,
    }


@login_required
@require_GET
def import_job(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The job's page: its progress while it runs, then the problems, the preview or the result."""
    job = _import_job(request, pk)
    return render(request, "directory/import_job.html", _job_context(job))


@login_required
@require_GET
def import_job_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone, polled by the job's page; a finished step reloads the page."""
    job = _import_job(request, pk)
    if not job.is_running:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("directory:import_job", args=[job.pk])
        return response
    return render(request, "directory/includes/import_progress.html", _job_context(job))


@login_required
@require_POST
def import_job_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Step two: import the checked file, all rows or none, after checking it once more."""
    job = _import_job(request, pk)
    if not request.user.is_coordinator:
        raise Http404
    if not jobs.import_job_request_apply(actor=request.user, job=job):
        messages.error(request, _("This file cannot be imported: check it again first."))
        return redirect("directory:import_job", pk=job.pk)
    _enqueue(tasks.import_job_apply, job.pk, inline=job.row_count <= jobs.INLINE_ROWS)
    return redirect("directory:import_job", pk=job.pk)


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
