"""Living, not printed: stale entries, the daily reminder mail and its signed links."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vangnet.accounts.models import User
from vangnet.core.scheduling import (
    ensure_scheduled,
    next_run_at,
    pending_runs,
    run_daily_jobs,
)
from vangnet.directory.models import ChangeAction, Organisation, Person, Service
from vangnet.directory.staleness import (
    CONFIRM_LINK_MAX_AGE,
    CONFIRM_SALT,
    confirm_token,
    reminders_due,
    send_stale_reminders,
)
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory, ServiceFactory
from vangnet.directory.versioning import history_of

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def test_an_entry_turns_stale_just_after_the_limit() -> None:
    limit = 183
    fresh = OrganisationFactory.create(last_confirmed_at=_days_ago(limit) + timedelta(minutes=5))
    stale = OrganisationFactory.create(last_confirmed_at=_days_ago(limit) - timedelta(minutes=5))
    assert fresh.is_stale is False
    assert stale.is_stale is True
    assert list(Organisation.objects.stale()) == [stale]
    assert list(Organisation.objects.current()) == [fresh]


@override_settings(VANGNET_STALE_AFTER_DAYS=10)
def test_the_limit_comes_from_the_settings() -> None:
    person = PersonFactory.create(last_confirmed_at=_days_ago(11))
    assert person.is_stale
    assert list(Person.objects.stale()) == [person]


def test_each_owner_gets_one_mail_listing_all_their_stale_entries(alice: User, bob: User) -> None:
    organisation = OrganisationFactory.create(
        name="Thuiszorg West", owner=bob, last_confirmed_at=_days_ago(200)
    )
    ServiceFactory.create(
        name="Boodschappenhulp",
        organisation=organisation,
        owner=bob,
        last_confirmed_at=_days_ago(300),
    )
    ServiceFactory.create(name="Nog actueel", organisation=organisation, owner=bob)
    OrganisationFactory.create(name="Van Alice", owner=alice, last_confirmed_at=_days_ago(190))
    OrganisationFactory.create(name="Van niemand", last_confirmed_at=_days_ago(400))

    assert send_stale_reminders() == 2

    assert len(mail.outbox) == 2
    to_bob = next(m for m in mail.outbox if m.to == [bob.email])
    assert to_bob.subject == "Klopt uw informatie op de sociale kaart nog?"
    assert "Thuiszorg West" in to_bob.body
    assert "Boodschappenhulp" in to_bob.body
    assert "Nog actueel" not in to_bob.body
    assert "Van Alice" not in to_bob.body
    assert to_bob.body.count("/map/confirm/") == 2
    assert "http://" in to_bob.body  # absolute links, to open from a mail program


def test_a_persons_own_entry_without_an_owner_goes_to_their_account(bob: User) -> None:
    PersonFactory.create(name="Bob Jansen", user=bob, last_confirmed_at=_days_ago(200))
    reminders = reminders_due()
    assert [r.recipient for r in reminders] == [bob]


def test_inactive_owners_get_no_mail(bob: User) -> None:
    bob.is_active = False
    bob.save()
    OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    assert send_stale_reminders() == 0
    assert mail.outbox == []


def _link(entry: Organisation | Person | Service, user: User) -> str:
    return reverse("directory:confirm", args=[confirm_token(entry, user)])


def test_the_link_opens_a_page_with_one_button_and_a_get_changes_nothing(
    client: Client, bob: User
) -> None:
    service = ServiceFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    before = service.last_confirmed_at
    response = client.get(_link(service, bob))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html
    assert "Klopt nog" in html
    service.refresh_from_db()
    assert service.last_confirmed_at == before
    assert not history_of(service).exists()


def test_the_button_confirms_without_a_login(client: Client, bob: User) -> None:
    service = ServiceFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(_link(service, bob))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = csrf_client.post(_link(service, bob), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    service.refresh_from_db()
    assert not service.is_stale
    version = history_of(service).get()
    assert version.action == ChangeAction.CONFIRM
    assert version.changed_by == bob


def test_a_tampered_link_is_refused(client: Client, bob: User, alice: User) -> None:
    organisation = OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    other = OrganisationFactory.create(owner=alice, last_confirmed_at=_days_ago(200))
    token = confirm_token(organisation, bob)
    value, _, signature = token.rpartition(":")
    forged = signing.dumps({"kind": "organisation", "id": other.pk, "user": bob.pk}, salt="x")
    for bad in [token[:-2] + "xx", forged, "nonsense", f"{value}:{signature[::-1]}"]:
        url = reverse("directory:confirm", args=[bad])
        assert client.post(url).status_code == 404, bad
    for entry in (organisation, other):
        entry.refresh_from_db()
        assert entry.is_stale


def test_an_expired_link_is_refused(client: Client, bob: User) -> None:
    organisation = OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    # Signed with a clock set to just before the link's lifetime began.
    too_old = timezone.now() - CONFIRM_LINK_MAX_AGE - timedelta(hours=1)
    signer.timestamp = lambda: signing.b62_encode(int(too_old.timestamp()))  # type: ignore[method-assign]
    old_token = signer.sign_object(
        {"kind": "organisation", "id": organisation.pk, "user": bob.pk}, compress=True
    )
    response = client.post(reverse("directory:confirm", args=[old_token]))
    assert response.status_code == 410
    assert "te oud" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.is_stale


def test_a_link_for_a_deleted_entry_is_refused(client: Client, bob: User) -> None:
    organisation = OrganisationFactory.create(owner=bob)
    url = _link(organisation, bob)
    organisation.delete()
    assert client.get(url).status_code == 404


def test_the_task_sends_the_reminders(bob: User) -> None:
    OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    result = run_daily_jobs.enqueue()
    assert result.return_value["vangnet.directory.staleness.daily_job"] == 1
    assert len(mail.outbox) == 1


def test_the_next_run_is_the_next_morning() -> None:
    evening = datetime(2026, 3, 10, 19, 30, tzinfo=AMSTERDAM)
    early = datetime(2026, 3, 10, 5, 0, tzinfo=AMSTERDAM)
    assert next_run_at(evening) == datetime(2026, 3, 11, 7, 0, tzinfo=AMSTERDAM)
    assert next_run_at(early) == datetime(2026, 3, 10, 7, 0, tzinfo=AMSTERDAM)
    assert next_run_at(datetime(2026, 3, 10, 7, 0, tzinfo=AMSTERDAM)).day == 11
    # Across the change to summer time the hour stays seven in the morning.
    assert next_run_at(datetime(2026, 3, 28, 20, 0, tzinfo=AMSTERDAM)).hour == 7


def test_the_immediate_backend_books_nothing() -> None:
    assert ensure_scheduled() is None


@override_settings(TASKS=DB_TASKS)
def test_scheduling_keeps_exactly_one_waiting_run() -> None:
    first = ensure_scheduled()
    second = ensure_scheduled()
    assert first is not None and first.created
    assert second is not None and not second.created
    waiting = pending_runs()
    assert waiting is not None
    assert waiting.count() == 1
    run = waiting.get()
    assert run.run_after == next_run_at()
    # Duplicates (two operators at once) are cleaned up.
    run_daily_jobs.using(run_after=next_run_at() + timedelta(days=1)).enqueue()
    third = ensure_scheduled()
    assert third is not None and third.removed_duplicates == 1
    assert waiting.count() == 1


@override_settings(TASKS=DB_TASKS)
def test_a_run_books_the_next_one(bob: User) -> None:
    OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    # What the worker does with a due run: call the task.
    assert run_daily_jobs.call()["vangnet.directory.staleness.daily_job"] == 1
    waiting = DBTaskResult.objects.filter(task_path=run_daily_jobs.module_path)
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()


def test_the_command_sends_at_once(bob: User) -> None:
    OrganisationFactory.create(owner=bob, last_confirmed_at=_days_ago(200))
    out = StringIO()
    call_command("stale_reminders", "--now", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    assert len(mail.outbox) == 1


@override_settings(TASKS=DB_TASKS)
def test_the_command_schedules_once() -> None:
    out = StringIO()
    call_command("stale_reminders", "--schedule", stdout=out)
    call_command("stale_reminders", stdout=out)
    assert "Booked" in out.getvalue()
    assert "Already booked" in out.getvalue()
    waiting = pending_runs()
    assert waiting is not None and waiting.count() == 1


def test_the_command_explains_when_the_backend_cannot_schedule() -> None:
    with pytest.raises(CommandError, match="cannot run tasks later"):
        call_command("stale_reminders", "--schedule", stdout=StringIO())
