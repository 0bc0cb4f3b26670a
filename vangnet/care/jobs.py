"""Daily job: tell the contact person when an evaluation is past its date."""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AuditEvent
from vangnet.care.models import Plan
from vangnet.clients.models import ContactPerson
from vangnet.consent.models import DataCategory, Purpose
from vangnet.notifications.actions import notify


def remind_overdue_evaluations(now: datetime) -> int:
    """Notify each contact person once per missed evaluation date; returns how many were sent.

    The message names no one: it links to the evaluation page, behind the door.
    A plan without a contact person with an account waits until it has one.
    """
    today = timezone.localdate(now)
    plans = list(
        Plan.objects.evaluation_overdue(today)
        .exclude(overdue_reminded_for=F("evaluate_on"))
        .order_by("pk")
    )
    contacts = {
        row.client_id: row.person.user
        for row in ContactPerson.objects.filter(
            client_id__in=[p.client_id for p in plans], until__isnull=True
        ).select_related("person__user")
    }
    sent: list[Plan] = []
    with transaction.atomic():
        for plan in plans:
            user = contacts.get(plan.client_id)
            if user is None or not user.is_active:
                continue
            notify(
                recipients=[user],
                kind="care.evaluation_overdue",
                subject=_("An evaluation is past its date"),
                body=_(
                    "You are the contact person for an older person whose plan should have "
                    "been evaluated. Open the link to record the evaluation."
                ),
                url=reverse("care:evaluation", kwargs={"client_id": plan.client_id}),
            )
            plan.overdue_reminded_for = plan.evaluate_on
            plan.save(update_fields=["overdue_reminded_for"])
            sent.append(plan)
        if sent:
            log_accesses(
                actor=Actor.system(),
                event=AuditEvent.READ,
                client_ids=[p.client_id for p in sent],
                data_category=DataCategory.PLAN,
                purpose=Purpose.CARE_PLAN,
                objects=["evaluation-reminder"],
            )
    return len(sent)
