import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.notifications.actions import notify
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_notify_fills_the_inbox_and_emails_after_commit(bob: User) -> None:
    notify(
        recipients=[bob, bob],
        kind="test",
        subject="Nieuw signaal",
        body="Kijk even",
        url="/clients/",
    )
    assert Notification.objects.filter(recipient=bob).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [bob.email]
    assert "/clients/" in mail.outbox[0].body
    assert Notification.objects.get().emailed_at is not None


def test_the_inbox_shows_only_my_messages_and_opening_marks_read(
    client: HttpClient, bob: User, charlie: User
) -> None:
    mine = notify(recipients=[bob], kind="t", subject="Voor Bob", url="/clients/", email=False)[0]
    notify(recipients=[charlie], kind="t", subject="Voor Charlie", email=False)
    log_in(client, bob)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Voor Bob" in page and "Voor Charlie" not in page
    response = client.post(reverse("notifications:open", kwargs={"notification_id": mine.pk}))
    assert response["Location"] == "/clients/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_opening_someone_elses_message_does_nothing(
    client: HttpClient, bob: User, charlie: User
) -> None:
    theirs = notify(recipients=[charlie], kind="t", subject="x", url="/clients/", email=False)[0]
    log_in(client, bob)
    response = client.post(reverse("notifications:open", kwargs={"notification_id": theirs.pk}))
    assert response["Location"] == reverse("notifications:inbox")
    theirs.refresh_from_db()
    assert theirs.read_at is None
