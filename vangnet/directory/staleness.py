"""Keeping the social map alive: stale entries, reminder mails and signed confirm links.

An entry is stale when nobody confirmed it for ``settings.VANGNET_STALE_AFTER_DAYS``.
Its owner gets one mail listing all their stale entries; each entry has its own signed
link that opens a page with a single "still correct" button, no login needed.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.directory.models import Organisation, Person, Service

logger = logging.getLogger(__name__)

CONFIRM_SALT = "vangnet.directory.confirm-entry"
# Long enough to survive a holiday; a fresh link comes with every reminder anyway.
CONFIRM_LINK_MAX_AGE = timedelta(days=30)

type Entry = Organisation | Person | Service
ENTRY_MODELS: dict[str, type[Organisation] | type[Person] | type[Service]] = {
    "organisation": Organisation,
    "person": Person,
    "service": Service,
}


class LinkInvalid(Exception):
    """The confirm link was altered, or its entry no longer exists."""


class LinkExpired(LinkInvalid):
    """The confirm link is genuine but too old."""


def stale_limit(now: datetime | None = None) -> datetime:
    """Entries last confirmed before this moment are stale."""
    return (now or timezone.now()) - timedelta(days=settings.VANGNET_STALE_AFTER_DAYS)


def entry_kind(entry: Entry) -> str:
    return entry._meta.model_name or ""


def confirm_token(entry: Entry, recipient: User) -> str:
    """A signed, expiring token naming the entry and whom the link was sent to."""
    payload = {"kind": entry_kind(entry), "id": entry.pk, "user": recipient.pk}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def confirm_url(entry: Entry, recipient: User) -> str:
    path = reverse("directory:confirm", args=[confirm_token(entry, recipient)])
    return f"{settings.SITE_URL}{path}"


def entry_from_token(token: str) -> tuple[Entry, User | None]:
    """The entry and recipient a confirm link stands for; raises LinkInvalid or LinkExpired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict):
        raise LinkInvalid
    model = ENTRY_MODELS.get(str(data.get("kind")))
    entry_id, user_id = data.get("id"), data.get("user")
    if model is None or not isinstance(entry_id, int):
        raise LinkInvalid
    entry = model.objects.filter(pk=entry_id).first()
    if entry is None:
        raise LinkInvalid
    recipient = None
    if isinstance(user_id, int):
        recipient = User.objects.filter(pk=user_id, is_active=True).first()
    return entry, recipient


@dataclass
class Reminder:
    recipient: User
    entries: list[Entry] = field(default_factory=list)


def reminders_due() -> list[Reminder]:
    """One reminder per person who keeps stale entries: the owner, or for a person's own
    entry without an owner, the person's account."""
    by_user: dict[int, Reminder] = {}
    querysets: list[QuerySet[Organisation] | QuerySet[Person] | QuerySet[Service]] = [
        Organisation.objects.stale().select_related("owner"),
        Person.objects.stale().select_related("owner", "user", "organisation"),
        Service.objects.stale().select_related("owner", "organisation"),
    ]
    for queryset in querysets:
        for entry in queryset.order_by("last_confirmed_at", "pk"):
            recipient = entry.owner
            if recipient is None and isinstance(entry, Person):
                recipient = entry.user
            if recipient is None or not recipient.is_active or not recipient.email:
                continue
            by_user.setdefault(recipient.pk, Reminder(recipient=recipient)).entries.append(entry)
    return sorted(by_user.values(), key=lambda r: r.recipient.email)


def send_stale_reminders() -> int:
    """Mail every owner of stale entries once; returns the number of mails sent."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for reminder in reminders_due():
            items = [
                {
                    "entry": entry,
                    "kind": entry._meta.verbose_name,
                    "url": confirm_url(entry, reminder.recipient),
                }
                for entry in reminder.entries
            ]
            body = render_to_string(
                "directory/email/stale_reminder.txt",
                {
                    "recipient": reminder.recipient,
                    "items": items,
                    "stale_after_days": settings.VANGNET_STALE_AFTER_DAYS,
                    "link_days": CONFIRM_LINK_MAX_AGE.days,
                    "site_url": settings.SITE_URL,
                },
            )
            subject = _("Is your information on the social map still correct?")
            message = EmailMessage(subject=subject, body=body, to=[reminder.recipient.email])
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                # One unreachable mailbox must not stop the others.
                logger.exception(
                    "Stale reminder to user %s could not be sent", reminder.recipient.pk
                )
                continue
            sent += 1
    return sent


def daily_job(now: datetime) -> int:
    """The stale-entry reminders as one of the daily jobs (vangnet.core.scheduling)."""
    return send_stale_reminders()
