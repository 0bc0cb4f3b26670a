"""A practice uploads its extract and reads its list; nobody else can see it."""

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.casefinding.actions import casefinding_run_create
from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.models import CaseFindingRun
from vangnet.casefinding.synth import generate_extract
from vangnet.casefinding.tests.helpers import small_extract
from vangnet.conftest import log_in
from vangnet.directory.models import Organisation
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

REFERENCE = "2026-06-30"


def _zip(folder: Path, inside: str = "") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{inside}{path.name}")
    return SimpleUploadedFile("extract.zip", buffer.getvalue(), content_type="application/zip")


def _upload(client: Client, *files: SimpleUploadedFile, **fields: str) -> Any:
    data = {"extract": list(files), "reference_date": REFERENCE, **fields}
    return client.post(reverse("casefinding:index"), data)


@pytest.fixture
def run(tmp_path: Path, practice: Organisation, bob: User) -> CaseFindingRun:
    folder = small_extract(tmp_path / "extract")
    result = find_cases(folder, reference_date=date(2026, 6, 30), today=date(2026, 11, 27))
    return casefinding_run_create(practice=practice, actor=Actor(bob), result=result)


def test_a_practice_uploads_a_zip_and_reads_its_list(
    client: Client, bob: User, practice: Organisation, tmp_path: Path
) -> None:
    log_in(client, bob)
    folder = small_extract(tmp_path / "extract")
    response = _upload(client, _zip(folder, inside="export-2026/"))
    run = CaseFindingRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casefinding:run", kwargs={"run_id": run.pk})
    assert (run.organisation, run.uploaded_by, run.reference_date) == (
        practice,
        bob,
        date(2026, 6, 30),
    )
    assert (run.patients_total, run.patients_aged, run.patients_listed) == (4, 3, 3)
    assert Path(run.result.path).is_file()
    page = client.get(response["Location"]).content.decode()
    assert "p-cor" in page and "p-anna" in page and "p-dina" not in page
    assert "Geheugenproblemen of dementie" in page
    assert AccessLogEntry.objects.filter(event=AuditEvent.CREATE).count() == 1


def test_loose_files_are_accepted_too(
    client: Client, bob: User, practice: Organisation, tmp_path: Path
) -> None:
    log_in(client, bob)
    folder = small_extract(tmp_path / "extract")
    files = [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
        for path in sorted(folder.iterdir())
    ]
    response = _upload(client, *files)
    assert response.status_code == 302
    assert CaseFindingRun.objects.get().patients_listed == 3


def test_a_bad_extract_shows_the_report_and_stores_nothing(
    client: Client, bob: User, practice: Organisation, tmp_path: Path, settings: object
) -> None:
    log_in(client, bob)
    folder = small_extract(tmp_path / "extract", episodes=[("p-anna", "K86", "31-12-2020", "")])
    response = _upload(client, _zip(folder))
    assert response.status_code == 200
    page = response.content.decode()
    assert "episodes.csv" in page and "start_date" in page and "31-12-2020" in page
    assert "JJJJ-MM-DD" in page  # the fix, in Dutch
    assert not CaseFindingRun.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).glob("casefinding/**/*.parquet"))  # type: ignore[attr-defined]


def test_an_upload_without_extract_files_is_refused(
    client: Client, bob: User, practice: Organisation
) -> None:
    log_in(client, bob)
    note = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    response = _upload(client, note)
    assert response.status_code == 200
    assert "Geen bestanden van een extractie gevonden" in response.content.decode()
    assert not CaseFindingRun.objects.exists()


def test_a_zip_cannot_write_outside_its_folder(
    client: Client, bob: User, practice: Organisation, tmp_path: Path
) -> None:
    log_in(client, bob)
    folder = small_extract(tmp_path / "extract")
    upload = _zip(folder, inside="../../")
    response = _upload(client, upload)
    assert response.status_code == 302
    assert not (tmp_path.parent / "patients.csv").exists()


def test_the_download_is_a_csv_in_dutch(client: Client, bob: User, run: CaseFindingRun) -> None:
    log_in(client, bob)
    response = client.get(reverse("casefinding:download", kwargs={"run_id": run.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("practice_code,rank,patient_id,age")
    assert "Geheugenproblemen of dementie" in text
    assert len(lines) == 4
    assert AccessLogEntry.objects.filter(event=AuditEvent.EXPORT).count() == 1


def test_deleting_removes_the_list_and_its_file(
    client: Client,
    bob: User,
    run: CaseFindingRun,
    django_capture_on_commit_callbacks: Any,
) -> None:
    log_in(client, bob)
    path = Path(run.result.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("casefinding:delete", kwargs={"run_id": run.pk}))
    assert response.status_code == 302
    assert not CaseFindingRun.objects.exists()
    assert not path.exists()
    assert AccessLogEntry.objects.filter(event=AuditEvent.DELETE).count() == 1


@pytest.mark.parametrize("name", ["casefinding:run", "casefinding:download"])
def test_a_professional_of_another_practice_gets_404(
    client: Client,
    charlie: User,
    other_practice: Organisation,
    run: CaseFindingRun,
    name: str,
) -> None:
    log_in(client, charlie)
    assert client.get(reverse(name, kwargs={"run_id": run.pk})).status_code == 404


def test_a_professional_of_another_practice_cannot_delete(
    client: Client, charlie: User, other_practice: Organisation, run: CaseFindingRun
) -> None:
    log_in(client, charlie)
    response = client.post(reverse("casefinding:delete", kwargs={"run_id": run.pk}))
    assert response.status_code == 404
    assert CaseFindingRun.objects.filter(pk=run.pk).exists()


@pytest.mark.parametrize("name", ["casefinding:run", "casefinding:download"])
def test_a_coordinator_without_that_practice_gets_404(
    client: Client, alice: User, run: CaseFindingRun, name: str
) -> None:
    welfare = OrganisationFactory.create(name="Welzijn Vlietdal")
    PersonFactory.create(organisation=welfare, user=alice)
    log_in(client, alice)
    assert client.get(reverse(name, kwargs={"run_id": run.pk})).status_code == 404


@pytest.mark.parametrize("name", ["casefinding:run", "casefinding:download"])
def test_anonymous_is_sent_to_login(client: Client, run: CaseFindingRun, name: str) -> None:
    response = client.get(reverse(name, kwargs={"run_id": run.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_other_practice_sees_only_its_own_lists(
    client: Client, charlie: User, other_practice: Organisation, run: CaseFindingRun
) -> None:
    log_in(client, charlie)
    page = client.get(reverse("casefinding:index")).content.decode()
    assert reverse("casefinding:run", kwargs={"run_id": run.pk}) not in page
    assert "Huisartsenpraktijk Het Anker" in page


def test_someone_outside_a_practice_gets_an_explanation(client: Client, alice: User) -> None:
    log_in(client, alice)
    response = client.get(reverse("casefinding:index"))
    assert response.status_code == 403
    assert "huisartsenpraktijk" in response.content.decode()


def test_the_list_page_does_not_query_more_for_a_longer_list(
    client: Client,
    bob: User,
    practice: Organisation,
    tmp_path: Path,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    log_in(client, bob)
    runs = []
    for size in (40, 4000):
        folder = tmp_path / str(size)
        generate_extract(patients=size, out_dir=folder, seed=size, as_of=date(2026, 6, 30))
        result = find_cases(folder, reference_date=date(2026, 6, 30), today=date(2026, 11, 27))
        runs.append(casefinding_run_create(practice=practice, actor=Actor(bob), result=result))
    assert runs[0].patients_listed < 10 < 50 < runs[1].patients_listed
    # The same small number of queries, whatever the length of the list.
    for run in runs:
        with django_assert_max_num_queries(24):
            response = client.get(reverse("casefinding:run", kwargs={"run_id": run.pk}))
        assert response.status_code == 200
