"""How a service or organisation answers referrals in practice, for the social map.

Over the referrals sent through Vangnet in the last twelve months (365 days up to
today) to a service, or to an organisation:

- *picked up*: accepted, or a first contact recorded (whatever happened later);
  *not picked up*: ended as declined, redirected or cancelled before either.
  Referrals still waiting for an answer count in neither.
- *responds within*: the median number of working days (``workdays``) from the
  day of sending to the day of first contact, over the referrals with a first
  contact; with an even number the higher of the two middle values.

Nothing is said for fewer than ``MINIMUM_REFERRALS`` picked-up-or-not referrals,
so no single older person's referral can be read from the line. Only counts and
one median leave this module, never a referral.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median_high

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.directory.response_notes import ResponseNotes
from vangnet.referrals.models import AFTER_FIRST_CONTACT, ENDED_STATUSES, Referral, Status
from vangnet.referrals.workdays import working_days_between

PERIOD_DAYS = 365
MINIMUM_REFERRALS = 10


@dataclass
class ResponseFigures:
    picked_up: int = 0
    not_picked_up: int = 0
    contact_days: list[int] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.picked_up + self.not_picked_up

    @property
    def enough(self) -> bool:
        return self.counted >= MINIMUM_REFERRALS

    @property
    def median_working_days(self) -> int | None:
        return median_high(self.contact_days) if self.contact_days else None

    def add(
        self, status: str, sent_at: datetime, accepted_at: datetime | None, first: date | None
    ) -> None:
        if first is not None:
            self.contact_days.append(working_days_between(timezone.localdate(sent_at), first))
        if (
            accepted_at is not None
            or first is not None
            or status == Status.ACCEPTED
            or status in AFTER_FIRST_CONTACT
        ):
            self.picked_up += 1
        elif status in ENDED_STATUSES:
            self.not_picked_up += 1

    def line(self) -> str:
        """The figures in one line of plain words."""
        parts = []
        days = self.median_working_days
        if days == 0:
            parts.append(_("Usually responds on the day of referral"))
        elif days is not None:
            parts.append(
                ngettext(
                    "Usually responds within %(days)d working day",
                    "Usually responds within %(days)d working days",
                    days,
                )
                % {"days": days}
            )
        parts.append(
            ngettext(
                "%(picked)d of %(total)d referral picked up",
                "%(picked)d of %(total)d referrals picked up",
                self.counted,
            )
            % {"picked": self.picked_up, "total": self.counted}
        )
        return " · ".join(parts)


def response_figures(
    services: Collection[int], organisations: Collection[int], *, today: date | None = None
) -> tuple[dict[int, ResponseFigures], dict[int, ResponseFigures]]:
    """The figures per service and per organisation, all in one query."""
    by_service: dict[int, ResponseFigures] = defaultdict(ResponseFigures)
    by_organisation: dict[int, ResponseFigures] = defaultdict(ResponseFigures)
    if not services and not organisations:
        return {}, {}
    today = today or timezone.localdate()
    first_day = today - timedelta(days=PERIOD_DAYS - 1)
    since = datetime.combine(first_day, datetime.min.time(), timezone.get_current_timezone())
    rows = Referral.objects.filter(sent_at__gte=since).filter(
        Q(service_id__in=list(services)) | Q(receiving_organisation_id__in=list(organisations))
    )
    wanted_services, wanted_organisations = set(services), set(organisations)
    for service, organisation, status, sent_at, accepted_at, first in rows.values_list(
        "service_id",
        "receiving_organisation_id",
        "status",
        "sent_at",
        "accepted_at",
        "first_contact_on",
    ).order_by():
        if service in wanted_services:
            by_service[service].add(status, sent_at, accepted_at, first)
        if organisation in wanted_organisations:
            by_organisation[organisation].add(status, sent_at, accepted_at, first)
    return dict(by_service), dict(by_organisation)


def response_notes_for(services: Collection[int], organisations: Collection[int]) -> ResponseNotes:
    """The response lines for the social map: only where there are enough referrals."""
    by_service, by_organisation = response_figures(services, organisations)
    return ResponseNotes(
        services={pk: f.line() for pk, f in by_service.items() if f.enough},
        organisations={pk: f.line() for pk, f in by_organisation.items() if f.enough},
    )
