"""The daily referral jobs (listed in ``vangnet.core.scheduling.DAILY_JOBS``).

Each takes the moment to act for, so a test or an operator can run it for any
day (``now`` 92 days later shows the three-month follow-up without waiting).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.consent.models import DataCategory, Purpose
from vangnet.referrals.models import EventKind, Referral, ReferralEvent
from vangnet.referrals.notifying import receivers_of, referral_notify

SYSTEM_LABEL = "Vangnet"


def _coordinator(referral: Referral) -> User | None:
    coordinator = referral.network.coordinator
    user = coordinator.user if coordinator is not None else None
    return user if user is not None and user.is_active else None


def escalate_overdue(now: datetime) -> int:
    """Flag referrals past their first-contact term to the network coordinator, once each."""
    today = timezone.localdate(now)
    handled = 0
    with transaction.atomic():
        overdue = list(
            Referral.objects.overdue_on(today)
            .filter(escalated_at__isnull=True)
            .select_for_update(of=("self",))
            .select_related("network__coordinator__user", "handler", "receiving_person__user")
            .order_by("pk")
        )
        for referral in overdue:
            Referral.objects.filter(pk=referral.pk).update(escalated_at=now)
            ReferralEvent.objects.create(
                referral=referral,
                kind=EventKind.ESCALATED,
                at=now,
                actor_label=SYSTEM_LABEL,
                note=_("No first contact by %(date)s.")
                % {"date": referral.first_contact_due_on.strftime("%d-%m-%Y")},
            )
            referral_notify(
                [_coordinator(referral)],
                _("A referral is past its term for first contact"),
                _(
                    "A referral in your network has had no first contact within the agreed "
                    "term. Please check with the receiving organisation."
                ),
                referral,
            )
            referral_notify(
                [referral.handler] if referral.handler else receivers_of(referral),
                _("Reminder: a referral is waiting for first contact"),
                _("The agreed term for first contact has passed. Please make contact soon."),
                referral,
            )
            handled += 1
        if overdue:
            log_accesses(
                actor=Actor.system(),
                event=AuditEvent.UPDATE,
                client_ids=[r.client_id for r in overdue],
                data_category=DataCategory.REFERRAL,
                purpose=Purpose.REFERRAL,
                objects=["referral-escalation"],
            )
    return handled


def remind_follow_ups(now: datetime) -> int:
    """Ask the social worker how the older person is doing, three months after the last talk."""
    today = timezone.localdate(now)
    handled = 0
    with transaction.atomic():
        due = list(
            Referral.objects.follow_up_due_on(today)
            .filter(follow_up_reminded_at__isnull=True)
            .select_for_update(of=("self",))
            .select_related("handler", "receiving_person__user")
            .order_by("pk")
        )
        for referral in due:
            Referral.objects.filter(pk=referral.pk).update(follow_up_reminded_at=now)
            ReferralEvent.objects.create(
                referral=referral,
                kind=EventKind.FOLLOW_UP_REMINDER,
                at=now,
                actor_label=SYSTEM_LABEL,
            )
            handler = referral.handler if referral.handler and referral.handler.is_active else None
            referral_notify(
                [handler] if handler else receivers_of(referral),
                _("Time to ask how it is going"),
                _(
                    "About three months ago you last spoke to an older person after a referral. "
                    "Ask them how they are doing, and record it in Vangnet."
                ),
                referral,
            )
            handled += 1
        if due:
            log_accesses(
                actor=Actor.system(),
                event=AuditEvent.UPDATE,
                client_ids=[r.client_id for r in due],
                data_category=DataCategory.REFERRAL,
                purpose=Purpose.REFERRAL,
                objects=["referral-follow-up-reminder"],
            )
    return handled
