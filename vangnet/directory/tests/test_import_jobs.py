"""The import as a background job: stored, checked and applied by the worker, with progress."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vangnet.accounts.models import Role, User
from vangnet.conftest import log_in, make_user
from vangnet.core.scheduling import DAILY_JOBS, job_name, run_jobs
from vangnet.directory import tasks
from vangnet.directory.importing import Kind, check_file, import_apply, jobs
from vangnet.directory.models import ImportJob, ImportJobStatus, Organisation
from vangnet.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GOOD = "naam;type;plaats\nWelzijn Oude Kern;welfare;Vlietdal\nHet Anker;huisartsenpraktijk;\n"


def many_organisations(count: int) -> bytes:
    about = "Koffieochtenden, wandelgroepen en hulp bij formulieren voor ouderen in de wijk."
    rows = "".join(f"Organisatie nummer {n};welfare;Vlietdal;{about}\n" for n in range(count))
    return f"naam;type;plaats;beschrijving\n{rows}".encode()


def upload(
    client: Client, data: bytes, name: str = "organisaties.csv", kind: str = "organisations"
) -> Any:
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("directory:import"), {"kind": kind, "file": file}, follow=True)


def job_url(job: ImportJob, name: str = "import_job") -> str:
    return reverse(f"directory:{name}", args=[job.pk])


def test_it_checks_a_small_file_at_once_and_imports_it(client: Client, alice: User) -> None:
    log_in(client, alice)
    response = upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    assert response.redirect_chain == [(job_url(job), 302)]
    page = response.content.decode()
    assert job.status == ImportJobStatus.CHECKED and job.row_count == 2
    assert "Welzijn Oude Kern" in page and "<progress" not in page
    response = client.post(job_url(job, "import_job_apply"), follow=True)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and job.created_count == 2
    assert bytes(job.data) == b""
    assert "2 vermeldingen geïmporteerd" in response.content.decode()
    assert Organisation.objects.filter(owner=alice).count() == 2


@override_settings(TASKS=DB_TASKS)
def test_a_larger_file_waits_for_the_worker_with_a_progress_bar(
    client: Client, alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    data = many_organisations(700)
    assert len(data) > jobs.INLINE_BYTES
    log_in(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, data)
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.QUEUED
    assert DBTaskResult.objects.filter(task_path=tasks.import_job_check.module_path).count() == 1
    page = response.content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    assert "wacht op zijn beurt" in page and "achtergrondproces" not in page

    # No worker for a while: the page says so, and what to do.
    ImportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=1))
    fragment = client.get(job_url(job, "import_job_progress")).content.decode()
    assert "achtergrondproces" in fragment and "vangnet db_worker" in fragment

    # Half-way through the check, the bar and its text say how far.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.CHECKING, queued_at=None, progress_done=1000, progress_total=2000
    )
    fragment = client.get(job_url(job, "import_job_progress")).content.decode()
    assert 'value="50"' in fragment and "rij 1000 van 2000 (50%)" in fragment

    # What the worker does with the queued check.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.QUEUED)
    tasks.import_job_check.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.CHECKED
    assert (job.progress_done, job.progress_total, job.row_count) == (700, 700, 700)
    response = client.get(job_url(job, "import_job_progress"))
    assert response["HX-Redirect"] == job_url(job)
    page = client.get(job_url(job)).content.decode()
    assert "Alle 700 vermeldingen importeren" in page
    assert "En nog 675 rijen." in page

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(job_url(job, "import_job_apply"), follow=True).content.decode()
    assert "wacht op zijn beurt" in page
    assert Organisation.objects.count() == 0
    tasks.import_job_apply.call(job.pk)
    assert Organisation.objects.count() == 700
    assert "700 vermeldingen geïmporteerd" in client.get(job_url(job)).content.decode()


def test_the_progress_page_costs_the_same_for_any_file(
    client: Client, alice: User, django_assert_max_num_queries: Any
) -> None:
    job = jobs.import_job_create(
        actor=alice, kind=Kind.ORGANISATIONS, filename="a.csv", data=many_organisations(2000)
    )
    log_in(client, alice)
    with django_assert_max_num_queries(10):
        response = client.get(job_url(job, "import_job_progress"))
    assert response.status_code == 200


def test_the_check_reports_its_progress_every_hundred_rows() -> None:
    seen: list[tuple[int, int]] = []
    check_file(
        many_organisations(250),
        "a.csv",
        Kind.ORGANISATIONS,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(100, 250), (200, 250), (250, 250)]


def test_only_the_uploader_and_coordinators_see_a_job(
    client: Client, alice: User, bob: User, charlie: User
) -> None:
    log_in(client, alice)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    client.logout()
    for url in (job_url(job), job_url(job, "import_job_progress")):
        assert client.get(url).status_code == 302
    for stranger in (bob, charlie):
        log_in(client, stranger)
        assert client.get(job_url(job)).status_code == 404
        assert client.get(job_url(job, "import_job_progress")).status_code == 404
        assert client.post(job_url(job, "import_job_apply")).status_code == 404
        assert client.get(reverse("directory:import_job", args=[job.pk + 1])).status_code == 404
    assert Organisation.objects.count() == 0
    dave = make_user("dave@example.org", "Dave Visser", Role.COORDINATOR)
    log_in(client, dave)
    assert client.get(job_url(job)).status_code == 200


def test_a_nul_byte_stops_the_dry_run_so_the_apply_never_meets_it(
    client: Client, alice: User
) -> None:
    log_in(client, alice)
    page = upload(client, b"naam;type\nBuurt\x00huis;bak\x00kerij\n").content.decode()
    job = ImportJob.objects.get()
    assert job.problems[0]["row"] == 2 and job.problems[0]["column"] == "naam"
    assert "onzichtbaar stuurteken (NUL)" in page
    # Shown, and stored (PostgreSQL's JSON refuses NUL), with a stand-in for the character.
    assert "&#x27;bak\ufffdkerij&#x27; is geen bekende waarde" in page
    page = client.post(job_url(job, "import_job_apply"), follow=True).content.decode()
    assert "controleer het eerst opnieuw" in page
    assert Organisation.objects.count() == 0


def test_a_failing_apply_saves_nothing_and_says_so_in_dutch(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def apply_then_break(**kwargs: Any) -> Any:
        import_apply(**kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "import_apply", apply_then_break)
    log_in(client, alice)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    page = client.post(job_url(job, "import_job_apply"), follow=True).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert Organisation.objects.count() == 0
    assert "gestopt door een fout in Vangnet" in page and "disk full" not in page


def test_the_map_is_checked_again_right_before_the_import(client: Client, alice: User) -> None:
    log_in(client, alice)
    upload(client, GOOD.encode())
    job = ImportJob.objects.get()
    OrganisationFactory.create(name="Het Anker")
    page = client.post(job_url(job, "import_job_apply"), follow=True).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.CHECKED
    assert "staat al op de sociale kaart" in page
    assert Organisation.objects.count() == 1


def test_a_step_run_twice_does_its_work_once(alice: User) -> None:
    job = jobs.import_job_create(
        actor=alice, kind=Kind.ORGANISATIONS, filename="a.csv", data=GOOD.encode()
    )
    jobs.job_check(job.pk)
    jobs.job_check(job.pk)
    assert jobs.import_job_request_apply(actor=alice, job=job)
    assert not jobs.import_job_request_apply(actor=alice, job=job)
    jobs.job_apply(job.pk)
    jobs.job_apply(job.pk)
    assert Organisation.objects.count() == 2


def test_a_refused_corrupt_workbook_shows_the_dutch_reason(client: Client, alice: User) -> None:
    log_in(client, alice)
    response = upload(client, b"PK\x03\x04 geen echte werkmap", name="lijst.xlsx")
    assert response.status_code == 200
    page = response.content.decode()
    assert "beschadigd of is geen Excel-werkmap" in page
    assert "lijst.xlsx" in page
    assert Organisation.objects.count() == 0


def test_a_refused_upload_keeps_the_kind_and_names_the_file(client: Client, alice: User) -> None:
    log_in(client, alice)
    response = upload(client, b"%PDF-1.7", name="organisaties.pdf", kind="people")
    page = response.content.decode()
    assert "Kies een .csv- of .xlsx-bestand" in page
    assert "U koos organisaties.pdf" in page
    assert 'value="people" checked' in page.replace('checked=""', "checked") or (
        response.context["form"]["kind"].value() == "people"
    )
    assert not ImportJob.objects.exists()
    # The link back from a checked file keeps the kind too.
    response = client.get(reverse("directory:import") + "?kind=services")
    assert response.context["form"]["kind"].value() == "services"


def test_old_jobs_and_their_files_go_after_a_day(alice: User) -> None:
    assert "vangnet.directory.importing.jobs.expire_jobs" in {job_name(j) for j in DAILY_JOBS}
    old = jobs.import_job_create(
        actor=alice, kind=Kind.ORGANISATIONS, filename="oud.csv", data=GOOD.encode()
    )
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    fresh = jobs.import_job_create(
        actor=alice, kind=Kind.ORGANISATIONS, filename="nieuw.csv", data=GOOD.encode()
    )
    assert run_jobs()["vangnet.directory.importing.jobs.expire_jobs"] == 1
    assert list(ImportJob.objects.all()) == [fresh]
