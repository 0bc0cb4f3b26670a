"""Importing in a real browser: the progress bar to the dry run, the import, and a refused file."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import override_settings
from playwright.sync_api import FilePayload, Page, expect

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory import tasks
from vangnet.directory.importing import jobs
from vangnet.directory.models import ImportJob, ImportJobStatus, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def organisations_csv(count: int) -> bytes:
    about = "Koffieochtenden, wandelgroepen en hulp bij formulieren voor ouderen in de wijk."
    rows = "".join(f"Organisatie nummer {n};welfare;Vlietdal;{about}\n" for n in range(count))
    return f"naam;type;plaats;beschrijving\n{rows}".encode()


@contextmanager
def polling_held(page: Page) -> Iterator[None]:
    """Hold the page's polling while the test does the worker's step in its own thread.

    On SQLite the server thread shares the test's database connection, so a poll in the
    middle of the step's transaction would run inside it.
    """
    page.route("**/progress/", lambda route: route.abort())
    try:
        yield
    finally:
        page.unroute("**/progress/")


def choose_file(page: Page, name: str, data: bytes) -> None:
    page.get_by_role("radio", name="Organisaties").check()
    payload: FilePayload = {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    page.get_by_label("Bestand").set_input_files(files=[payload])
    page.get_by_role("button", name="Bestand controleren").click()


@override_settings(TASKS=DB_TASKS)
def test_a_coordinator_watches_the_check_then_imports(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    data = organisations_csv(700)
    assert len(data) > jobs.INLINE_BYTES
    browser_log_in(page, str(live_server), alice)
    page.goto(f"{live_server}/map/import/")
    axe.check(page)
    choose_file(page, "organisaties.csv", data)

    # No worker runs in this test: the job waits, with a bar, until the test does its work.
    status = page.get_by_role("status")
    expect(status).to_contain_text("wacht op zijn beurt")
    job = ImportJob.objects.get()
    axe.check(page)

    # Half-way through the check; the page polls and shows it without a reload.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.CHECKING, queued_at=None, progress_done=350, progress_total=700
    )
    expect(status).to_contain_text("rij 350 van 700 (50%)")
    expect(page.locator("progress")).to_have_attribute("value", "50")
    axe.check(page)

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.QUEUED)
    with polling_held(page):
        tasks.import_job_check.call(job.pk)
    button = page.get_by_role("button", name="Alle 700 vermeldingen importeren")
    expect(button).to_be_visible()
    expect(page.locator("#import-preview")).to_contain_text("Organisatie nummer 0")
    axe.check(page)

    button.click()
    expect(page.get_by_role("status")).to_contain_text("Het importeren wacht op zijn beurt")
    assert Organisation.objects.count() == 0
    with polling_held(page):
        tasks.import_job_apply.call(job.pk)
    expect(page.locator("#import-summary")).to_have_text(
        re.compile(r"700 vermeldingen geïmporteerd uit organisaties\.csv")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Importeren klaar")
    axe.check(page)
    assert Organisation.objects.count() == 700


def test_a_corrupt_workbook_is_refused_in_dutch(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    browser_log_in(page, str(live_server), alice)
    page.goto(f"{live_server}/map/import/")
    choose_file(page, "lijst.xlsx", b"PK\x03\x04 geen echte werkmap")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("1 probleem: er is niets geïmporteerd")
    expect(page.locator("#import-problems")).to_contain_text(
        "Het bestand is beschadigd of is geen Excel-werkmap"
    )
    axe.check(page)
    # Back to the form for a corrected file, with the same kind chosen.
    page.get_by_role("link", name="Ander bestand controleren").click()
    expect(page.get_by_role("radio", name="Organisaties")).to_be_checked()
    assert Organisation.objects.count() == 0


def test_the_file_choice_is_in_dutch_whatever_the_browser_speaks(
    page: Page, live_server: object, axe: AxeChecker, alice: User
) -> None:
    browser_log_in(page, str(live_server), alice)
    page.goto(f"{live_server}/map/import/")
    expect(page.get_by_role("button", name="Kies een bestand")).to_be_visible()
    expect(page.get_by_text("Nog geen bestand gekozen.")).to_be_visible()
    axe.check(page)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Kies een bestand").click()
    payload: FilePayload = {"name": "organisaties.csv", "mimeType": "text/csv", "buffer": b"naam\n"}
    chooser.value.set_files(files=[payload])
    expect(page.get_by_text("organisaties.csv", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe.check(page)
