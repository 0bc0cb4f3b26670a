"""Case-finding pages for a GP practice: upload an extract, read the ranked list, download it.

Runs are fetched only through ``access_run``; every look at a list is logged.
"""

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, overload

import polars as pl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.casefinding.access import access_run, practice_of
from vangnet.casefinding.actions import casefinding_run_create, casefinding_run_delete
from vangnet.casefinding.deficits import FrailtyCategory, frailty_index
from vangnet.casefinding.engine import find_cases, ranked_for_people
from vangnet.casefinding.forms import UploadForm
from vangnet.casefinding.models import CaseFindingRun
from vangnet.casefinding.report import ExtractInvalid, ValidationReport
from vangnet.casefinding.uploads import unpack_upload
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.params import number_param
from vangnet.directory.models import Organisation

RUNS_SHOWN = 20
ROWS_PER_PAGE = 50
SEX_LABELS = {"M": gettext_lazy("man"), "V": gettext_lazy("woman"), "O": gettext_lazy("other")}


class _Rows(Sequence[dict[str, Any]]):
    """The ranked list as the paginator needs it: only the rows of one page become dicts."""

    def __init__(self, frame: pl.DataFrame, language: str) -> None:
        self.frame = frame
        self.language = language

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        fi = frailty_index()
        rows = self.frame[index].to_dicts()
        for row in rows:
            row["deficit_names"] = [d.name(self.language) for d in fi.present(row["deficit_mask"])]
            row["category_label"] = FrailtyCategory(row["category"]).label
            row["sex_label"] = SEX_LABELS.get(row["sex"], row["sex"])
        return rows


def _log_view(request: AuthenticatedHttpRequest, run: CaseFindingRun, event: AuditEvent) -> None:
    log_access(
        actor=Actor.from_request(request),
        event=event,
        client_id=None,
        data_category=DataCategory.SCREENING,
        purpose=Purpose.EARLY_DETECTION,
        objects=[f"casefinding.run:{run.pk}"],
    )


def _process(
    request: AuthenticatedHttpRequest, form: UploadForm, practice: Organisation
) -> CaseFindingRun:
    code = form.cleaned_data["practice_code"].strip()
    with tempfile.TemporaryDirectory(prefix="vangnet-casefinding-") as folder:
        unpack_upload(form.cleaned_data["extract"], Path(folder))
        result = find_cases(
            Path(folder),
            reference_date=form.cleaned_data["reference_date"],
            today=timezone.localdate(),
            practice=code or None,
        )
    return casefinding_run_create(
        practice=practice, actor=Actor.from_request(request), result=result, practice_code=code
    )


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    practice = practice_of(request.user)
    if practice is None:
        return render(request, "casefinding/not_a_practice.html", status=403)
    can_upload = request.user.can_edit
    report: ValidationReport | None = None
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                run = _process(request, form, practice)
            except ValidationError as error:
                form.add_error("extract", error)
            except ExtractInvalid as invalid:
                report = invalid.report
            else:
                messages.success(request, _("The list is ready."))
                return redirect("casefinding:run", run_id=run.pk)
    else:
        form = UploadForm()
    runs = CaseFindingRun.objects.of_practice(practice).select_related("uploaded_by")[:RUNS_SHOWN]
    context = {
        "practice": practice,
        "form": form,
        "report": report,
        "runs": runs,
        "can_upload": can_upload,
    }
    return render(request, "casefinding/index.html", context)


@login_required
@require_GET
def run_detail(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id)
    _log_view(request, run, AuditEvent.READ)
    rows = _Rows(run.ranked(), get_language() or "nl")
    paginator: Paginator[dict[str, Any]] = Paginator(rows, ROWS_PER_PAGE)
    page = paginator.get_page(number_param(request, "page", default=1, minimum=1))
    context = {"run": run, "page": page, "can_delete": request.user.can_edit}
    return render(request, "casefinding/run.html", context)


@login_required
@require_GET
def run_download(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id)
    _log_view(request, run, AuditEvent.EXPORT)
    frame = ranked_for_people(run.ranked(), language=get_language() or "nl")
    # The byte order mark lets spreadsheet programs read the file as UTF-8.
    body = frame.write_csv(include_bom=True)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"vangnet-casefinding-{run.reference_date.isoformat()}-{run.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def run_delete(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id, for_write=True)
    casefinding_run_delete(run=run, actor=Actor.from_request(request))
    messages.success(request, _("The list has been deleted."))
    return redirect("casefinding:index")
