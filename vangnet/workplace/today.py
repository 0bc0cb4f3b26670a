"""The start page: per role, today's work as counts, each card linking to the list it counts.

A card is shown only when its viewer can open the list behind it, and its number
comes from the same query as that list: rows the viewer's role covers (the
coordination point's queue, emergency access to review) are counted directly;
rows a list shows only within consent are counted through the door's
``clients_counted``, which applies the same rule and logs nothing, as a number
names nobody. The number of queries does not grow with the data.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.care.agenda import Viewer, meetings_coming
from vangnet.care.worklists import my_work_counted
from vangnet.casefinding.access import practice_of
from vangnet.casefinding.deficits import FrailtyCategory
from vangnet.casefinding.models import CaseFindingRun
from vangnet.clients.access import clients_counted, clients_related_to, professional_of
from vangnet.consent.models import DataCategory, Purpose
from vangnet.detection.access import coordinated_network_ids
from vangnet.detection.models import Signal
from vangnet.directory.models import Person
from vangnet.notifications.models import Notification
from vangnet.referrals.visibility import InboxCounts, inbox_counted
from vangnet.screening.models import FollowUpTask
from vangnet.screening.profiles import networks_coordinated_by

# The frailty categories a practice approaches first.
TO_APPROACH = (FrailtyCategory.MODERATE, FrailtyCategory.SEVERE)


@dataclass(frozen=True)
class Card:
    """One piece of today's work: a title, a number, one line of text, the list it counts."""

    key: str
    title: str
    count: int | None
    text: str
    url: str


@dataclass
class Today:
    """Everything the start page shows one logged-in person."""

    coordination: list[Card] = field(default_factory=list)
    work: list[Card] = field(default_factory=list)
    read_only: bool = False
    # No care relationships and no role that brings work: the honest text instead of cards.
    outsider: bool = False
    on_social_map: bool = False
    can_record_signal: bool = False

    @property
    def cards(self) -> list[Card]:
        return [*self.coordination, *self.work]


def end_of_week(day: date) -> date:
    """The Sunday of ``day``'s week: "this week" on the start page."""
    return day + timedelta(days=6 - day.weekday())


def today_for(user: User, *, now: datetime | None = None) -> Today:
    """Today's work for ``user``: the cards of every role they hold, in a fixed order."""
    moment = now or timezone.now()
    # Every role check below reads the account's groups; read them once.
    prefetch_related_objects([user], "groups")
    person = professional_of(user)
    is_coordinator = user.is_coordinator
    can_edit = user.can_edit
    today = Today(
        read_only=not can_edit,
        on_social_map=person is not None,
        can_record_signal=person is not None and can_edit,
    )
    if is_coordinator:
        today.coordination = _coordination_cards(user, moment)
    referrals = inbox_counted(user, now=moment)
    if referrals.receives:
        today.work.append(_referrals_card(referrals))
    practice_card = _casefinding_card(user)
    if practice_card is not None:
        today.work.append(practice_card)
    if person is not None and (today.cards or not can_edit or clients_related_to(person).exists()):
        today.work += _own_cards(
            user, person, can_edit=can_edit, coordinator=is_coordinator, moment=moment
        )
    elif not today.cards:
        today.outsider = True
        return today
    today.work.append(_inbox_card(user))
    return today


def _coordination_cards(user: User, moment: datetime) -> list[Card]:
    cards = []
    networks = coordinated_network_ids(user)
    if networks:
        queue = reverse("detection:queue")
        counts = Signal.objects.for_networks(networks).queue_counts(moment)
        cards += [
            Card(
                "signals-new",
                _("New signals"),
                counts["untriaged"],
                _("Worries that came in and still have to be passed on."),
                f"{queue}?show=new",
            ),
            Card(
                "signals-overdue",
                _("Signals past their term"),
                counts["overdue"],
                _("Not passed on or picked up in time. Do these first."),
                queue,
            ),
        ]
    tasks = FollowUpTask.objects.open().filter(network__in=networks_coordinated_by(user))
    cards.append(
        Card(
            "follow-ups",
            _("Proposed follow-up"),
            tasks.count(),
            _("A screening changed someone's risk profile. Arrange what comes next."),
            reverse("screening:tasks"),
        )
    )
    cards.append(
        Card(
            "emergency-review",
            _("Emergency access to review"),
            AccessLogEntry.objects.emergency_uses_unreviewed().count(),
            _("Someone opened a file in an emergency. Check whether that was needed."),
            reverse("audit:review"),
        )
    )
    cards.append(
        Card(
            "meetings",
            _("Coming MDOs"),
            meetings_coming(Viewer.of(user), moment).count(),
            _("Multidisciplinary meetings planned from today on."),
            reverse("care:meetings"),
        )
    )
    return cards


def _referrals_card(counts: InboxCounts) -> Card:
    return Card(
        "referrals",
        _("Referrals waiting"),
        counts.to_do,
        _(
            "New: %(new)d. Waiting for first contact: %(waiting)d. Late: %(overdue)d. "
            "Ask how it goes: %(follow_up)d."
        )
        % {
            "new": counts.new,
            "waiting": counts.waiting,
            "overdue": counts.overdue,
            "follow_up": counts.follow_up,
        },
        reverse("referrals:inbox"),
    )


def _casefinding_card(user: User) -> Card | None:
    practice = practice_of(user)
    if practice is None:
        return None
    run = CaseFindingRun.objects.of_practice(practice).first()
    url = reverse("casefinding:index")
    if run is None:
        return Card(
            "casefinding",
            _("Case-finding"),
            None,
            _("No list yet. Upload an extract from your GP system to make one."),
            url,
        )
    to_approach = sum(int(run.category_counts.get(c.value, 0)) for c in TO_APPROACH)
    return Card(
        "casefinding",
        _("People to approach"),
        to_approach,
        _("Moderate or severe frailty, on the list of %(date)s.")
        % {"date": formats.date_format(timezone.localtime(run.created_at), "j F Y")},
        url,
    )


def _own_cards(
    user: User, person: Person, *, can_edit: bool, coordinator: bool, moment: datetime
) -> list[Card]:
    """What lands on this professional's own desk."""
    cards = []
    day = timezone.localdate(moment)
    work = my_work_counted(user, until=end_of_week(day), today=day)
    if can_edit:
        cards.append(
            Card(
                "actions",
                _("My actions"),
                work.actions_open,
                ngettext(
                    "%(count)d of them is past its date.",
                    "%(count)d of them are past their date.",
                    work.actions_overdue,
                )
                % {"count": work.actions_overdue}
                if work.actions_overdue
                else _("Nothing is past its date."),
                reverse("care:my-actions"),
            )
        )
    if work.contact_for:
        cards.append(
            Card(
                "evaluations",
                _("Evaluations this week"),
                work.evaluations_due,
                _("Plans of your older people to evaluate by Sunday, late ones included."),
                reverse("care:my-clients"),
            )
        )
    cards.append(
        Card(
            "signals-mine",
            _("Signals for me"),
            Signal.objects.passed_on_to(person).count(),
            _("Worries the coordination point passed on to you."),
            reverse("detection:overview"),
        )
    )
    cards.append(
        Card(
            "clients",
            _("Older people"),
            _clients_visible(user, person),
            _("The older people you may see: you help them and they agreed."),
            reverse("clients:list"),
        )
    )
    # A coordinator sees every coming MDO above; others the ones they take part in, if any.
    meetings = 0 if coordinator else meetings_coming(Viewer.of(user), moment).count()
    if meetings or (not can_edit and not coordinator):
        cards.append(
            Card(
                "meetings",
                _("Coming MDOs"),
                meetings,
                _("Meetings you take part in, from today on."),
                reverse("care:meetings"),
            )
        )
    return cards


def _clients_visible(user: User, person: Person) -> int:
    """How many older people the list "Older people" would show, however long it is."""
    return clients_counted(
        user,
        {"clients": clients_related_to(person)},
        category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
    )["clients"]


def _inbox_card(user: User) -> Card:
    return Card(
        "inbox",
        _("Unread messages"),
        Notification.objects.filter(recipient=user).unread().count(),
        _("Messages in your inbox you have not opened yet."),
        reverse("notifications:inbox"),
    )
