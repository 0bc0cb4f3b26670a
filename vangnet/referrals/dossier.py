"""The referrals' part of the older person's dossier: where each referral stands, and its steps.

Registered in ``ReferralsConfig.ready()``; the dossier builds it only for a
viewer whose consent covers referral details for referring, as the referral
page does, and shows the same referrals that page shows this viewer (all of
them to the care team, otherwise those of the viewer's own organisation).
Referring itself needs only the name and address, so that link is offered
either way.
"""

from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vangnet.clients.dossier import (
    IDENTITY_WRITE,
    DossierSection,
    Event,
    Line,
    Link,
    Need,
    Part,
    Viewer,
    client_url,
    day_of,
)
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.referrals.models import (
    ACTIVE_STATUSES,
    WAITING_FOR_CONTACT,
    EventKind,
    ReferralEvent,
    Status,
)
from vangnet.referrals.visibility import referrals_on_client_page

REFERRAL_READ = Need(DataCategory.REFERRAL, Purpose.REFERRAL)
# Active referrals named one by one in the summary; the rest are counted.
NAMED = 3


def referrals_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """Open referrals and their status in short; every referral and step in the timeline."""
    visible = referrals_on_client_page(client, viewer.person)
    today = timezone.localdate()
    counts = visible.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        late=Count("pk", filter=Q(status__in=WAITING_FOR_CONTACT, first_contact_due_on__lt=today)),
    )
    rows = list(visible.order_by("-sent_at", "-pk")[:limit])
    url = client_url("referrals:client", client)
    lines = [
        Line(
            _("To %(receiver)s: %(status)s")
            % {"receiver": r.receiver_label(), "status": r.get_status_display().lower()}
        )
        for r in [r for r in rows if r.is_active][:NAMED]
    ]
    if not counts["total"]:
        lines.append(Line(_("No referrals you can see.")))
    else:
        lines.append(
            Line(
                ngettext(
                    "%(total)s referral in all, %(active)s still running.",
                    "%(total)s referrals in all, %(active)s still running.",
                    counts["total"],
                )
                % {"total": counts["total"], "active": counts["active"]}
            )
        )
    if counts["late"]:
        lines.append(
            Line(
                ngettext(
                    "First contact is late for %(count)s referral.",
                    "First contact is late for %(count)s referrals.",
                    counts["late"],
                )
                % {"count": counts["late"]},
                warn=True,
            )
        )
    by_id = {r.pk: r for r in rows}
    steps = (
        ReferralEvent.objects.filter(referral_id__in=by_id)
        .exclude(kind=EventKind.FOLLOW_UP_REMINDER)
        .order_by("-at", "-pk")[:limit]
    )
    events = []
    for step in steps:
        referral = by_id[step.referral_id]
        if step.kind == EventKind.STATUS and step.to_status == Status.SENT:
            title = _("Referred to %(receiver)s") % {"receiver": referral.receiver_label()}
            detail = ", ".join(referral.category_labels())
        elif step.kind == EventKind.STATUS:
            title = _("Referral to %(receiver)s: %(status)s") % {
                "receiver": referral.receiver_label(),
                "status": str(Status(step.to_status).label).lower(),
            }
            detail = step.actor_label
        else:
            title = _("Referral to %(receiver)s: %(what)s") % {
                "receiver": referral.receiver_label(),
                "what": str(EventKind(step.kind).label).lower(),
            }
            detail = step.actor_label
        events.append(
            Event(
                on=day_of(step.at),
                at=step.at,
                title=title,
                detail=detail,
                need=REFERRAL_READ,
                url=f"{url}#{referral.anchor}",
            )
        )
    return Part(
        lines=lines,
        links=[Link(_("Referrals and feedback"), url, REFERRAL_READ)],
        events=events,
    )


def referral_start(client: Client, viewer: Viewer) -> Sequence[Link]:
    """Referring needs the name and address only, not earlier referrals."""
    return [Link(_("Refer to social work"), client_url("referrals:refer", client), IDENTITY_WRITE)]


SECTION = DossierSection(
    key="referrals",
    title=gettext_lazy("Referrals"),
    order=30,
    need=REFERRAL_READ,
    not_shared=gettext_lazy(
        "The referrals are not shared with you. "
        "Ask the older person or the contact person for consent."
    ),
    build=referrals_part,
    start=referral_start,
)
