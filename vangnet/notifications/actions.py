"""Sending notifications. Keep subjects and bodies free of names and other personal details."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from vangnet.accounts.models import User
from vangnet.notifications.models import Notification
from vangnet.notifications.tasks import email_notification


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Put a message in each recipient's inbox and, after commit, email it by the worker."""
    created = [
        Notification.objects.create(
            recipient=user, kind=kind, subject=subject[:200], body=body, url=url
        )
        for user in {u.pk: u for u in recipients if u.is_active}.values()
    ]
    if email:
        for notification in created:
            transaction.on_commit(partial(email_notification.enqueue, notification.pk))
    return created


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    from django.utils import timezone

    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())
