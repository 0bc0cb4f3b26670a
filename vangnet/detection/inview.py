"""Who already has this older person in view, so professionals coordinate instead of visiting twice.

Shown to someone who may see this person's signals (the caller went through the door).
It lists organisations and roles: the care team, the contact person, open signals and where
they are, and the early-detection activities that reach the person. Names of colleagues
appear only when the viewer may see the care team anyway (consent for the person's details
for the care plan, as on the person's own page). The content of other signals never appears.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.clients.models import CareTeamMember, Client, ContactPerson
from vangnet.detection.coverage import area_parents, reaches_area
from vangnet.detection.models import EarlyDetectionActivity, Signal, SignalStatus
from vangnet.directory.models import Person


@dataclass(frozen=True)
class InViewEntry:
    organisation: str
    role: str
    what: str
    since: date | None = None
    name: str = ""
    is_you: bool = False


@dataclass(frozen=True)
class InView:
    entries: list[InViewEntry] = field(default_factory=list)
    activities: list[EarlyDetectionActivity] = field(default_factory=list)

    @property
    def others(self) -> list[InViewEntry]:
        return [e for e in self.entries if not e.is_you]


def _role(person: Person) -> str:
    return str(person.get_discipline_display())


def already_in_view(
    client: Client, *, viewer: Person | None, names_visible: bool, today: date | None = None
) -> InView:
    """Everyone who has ``client`` in view, as organisation and role (see the module docstring)."""
    day = today or timezone.localdate()
    viewer_id = viewer.pk if viewer else None
    entries: list[InViewEntry] = []
    contact = (
        ContactPerson.objects.filter(client=client, until__isnull=True)
        .select_related("person__organisation")
        .first()
    )
    if contact is not None:
        entries.append(
            InViewEntry(
                organisation=contact.person.organisation.name,
                role=_role(contact.person),
                what=_("Contact person"),
                since=timezone.localtime(contact.since).date(),
                name=contact.person.name if names_visible else "",
                is_you=contact.person_id == viewer_id,
            )
        )
    for member in (
        CareTeamMember.objects.active(day)
        .filter(client=client)
        .select_related("person__organisation")
        .order_by("since", "pk")
    ):
        entries.append(
            InViewEntry(
                organisation=member.person.organisation.name,
                role=member.role or _role(member.person),
                what=_("Care team"),
                since=member.since,
                name=member.person.name if names_visible else "",
                is_you=member.person_id == viewer_id,
            )
        )
    for signal in (
        Signal.objects.open()
        .filter(client=client)
        .select_related("recipient__organisation", "network")
        .order_by("received_at", "pk")
    ):
        since = timezone.localtime(signal.received_at).date()
        if signal.recipient is not None and signal.status in (
            SignalStatus.ROUTED,
            SignalStatus.PICKED_UP,
        ):
            entries.append(
                InViewEntry(
                    organisation=signal.recipient.organisation.name,
                    role=_role(signal.recipient),
                    what=_("Open signal, passed on"),
                    since=since,
                    name=signal.recipient.name if names_visible else "",
                    is_you=signal.recipient_id == viewer_id,
                )
            )
        else:
            entries.append(
                InViewEntry(
                    organisation=signal.network.name,
                    role=_("Coordination point"),
                    what=_("Open signal, being triaged"),
                    since=since,
                )
            )
    return InView(entries=entries, activities=activities_reaching(client, day))


def activities_reaching(client: Client, day: date) -> list[EarlyDetectionActivity]:
    """Early-detection activities running now that aim at this person's neighbourhood and age."""
    if client.neighbourhood_id is None:
        return []
    age = client.age_on(day)
    parents = area_parents()
    candidates = (
        EarlyDetectionActivity.objects.current(day)
        .filter(network_id=client.network_id, age_from__lte=age)
        .select_related("organisation")
        .prefetch_related("areas")
    )
    return [
        a
        for a in candidates
        if (a.age_to is None or a.age_to >= age)
        and reaches_area(a.scope(), client.neighbourhood_id, parents)
    ]
