"""The older person's dossier at a glance: a header, one section per part, and a timeline.

The clients app may not import the wings (care, detection, referrals,
screening), so each wing contributes its section from its own ``dossier.py``,
registered in its ``AppConfig.ready()`` with ``dossier_section_register``, as
relationship sources are (``vangnet check`` fails when one is left out). A
contribution receives the older person and the viewer, with the door's
decisions, and returns plain data: a short summary, links into its pages, facts
for the header, where the person is in the six steps, and timeline entries.

This module decides what is shown. A section whose kind of data the viewer's
consent does not cover is not built at all and says so in plain words; a link
or a timeline entry is kept only when the door would let the viewer through, so
the page never links to a page that answers "not found". Every kind of data
shown is written to the access log, in one insert.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from django.db.models import Count, Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vangnet.accounts.models import User
from vangnet.audit.log import AccessRow, Actor, log_access_rows
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import (
    Decision,
    Decisions,
    access_client,
    decisions_for,
)
from vangnet.clients.models import (
    BreakGlassGrant,
    CareTeamMember,
    Client,
    ContactPerson,
    LegalRepresentative,
)
from vangnet.consent.models import DataCategory, Purpose
from vangnet.directory.models import PathwayStep, Person

type Text = str | Promise

# How many timeline entries the page shows, newest first; each part reads at most this many.
TIMELINE_LIMIT = 40


@dataclass(frozen=True)
class Need:
    """The door's question behind a piece of the dossier: which data, for what, read or change."""

    category: DataCategory
    purpose: Purpose
    for_write: bool = False

    @property
    def read(self) -> "Need":
        return Need(self.category, self.purpose)


IDENTITY_READ = Need(DataCategory.IDENTITY, Purpose.CARE_PLAN)
IDENTITY_WRITE = Need(DataCategory.IDENTITY, Purpose.CARE_PLAN, for_write=True)


@dataclass(frozen=True)
class Viewer:
    """Who looks at the dossier, and what the door lets them see of this older person."""

    user: User
    person: Person | None
    decisions: Decisions

    def decision(self, need: Need) -> Decision:
        return self.decisions.get(need.category, need.purpose, for_write=need.for_write)

    def may(self, need: Need) -> bool:
        return self.decision(need).allowed


@dataclass(frozen=True)
class Link:
    """A link into a part; shown only when the door lets the viewer open the page."""

    label: str
    url: str
    need: Need


@dataclass(frozen=True)
class Line:
    """One line of a section's summary; ``warn`` makes it stand out.

    A line about data of another kind or purpose than its section names it in ``need``.
    """

    text: str
    warn: bool = False
    need: Need | None = None


@dataclass(frozen=True)
class Fact:
    """One fact in the header; ``tone`` is a CSS class (for example ``profile-tag``)."""

    label: str
    value: str
    tone: str = ""
    need: Need | None = None


@dataclass(frozen=True)
class Event:
    """One thing that happened to the older person, for the timeline."""

    on: date
    at: datetime
    title: str
    need: Need
    detail: str = ""
    # A page about it, behind the same need.
    url: str = ""
    # Filled in by the dossier: the title and the key of the section it came from.
    kind: str = ""
    section: str = ""


@dataclass(frozen=True)
class Steps:
    """Where the older person is in the six steps: the current one, and how far each is."""

    current: int | None
    states: Mapping[int, str]  # step number → "done" or "begun"


@dataclass(frozen=True)
class Part:
    """What a section contributes, as plain data."""

    lines: Sequence[Line] = ()
    links: Sequence[Link] = ()
    facts: Sequence[Fact] = ()
    events: Sequence[Event] = ()
    steps: Steps | None = None
    # Extra context for a section with its own template (the clients app's own sections).
    context: Mapping[str, object] = field(default_factory=dict)


class Build(Protocol):
    def __call__(self, client: Client, viewer: Viewer, *, limit: int) -> Part: ...


@dataclass(frozen=True)
class DossierSection:
    """One part of the dossier, as a wing registers it.

    ``build`` runs only when ``need`` is allowed; otherwise the section shows
    ``not_shared`` and the header shows each of ``facts`` as not shared.
    ``start`` gives links that need none of the section's data (to refer, for
    example), offered either way.
    """

    key: str
    title: Text
    order: int
    need: Need
    not_shared: Text
    build: Build
    facts: tuple[Text, ...] = ()
    shows_steps: bool = False
    start: Callable[[Client, Viewer], Sequence[Link]] | None = None
    template: str = "clients/dossier/section.html"


DOSSIER_SECTIONS: list[DossierSection] = []


def dossier_section_register(section: DossierSection) -> None:
    """Show ``section`` in every older person's dossier (once per key)."""
    if all(s.key != section.key for s in DOSSIER_SECTIONS):
        DOSSIER_SECTIONS.append(section)


@dataclass(frozen=True)
class ShownSection:
    key: str
    title: str
    shared: bool
    not_shared: str
    lines: Sequence[Line]
    links: Sequence[Link]
    template: str
    context: Mapping[str, object]


@dataclass(frozen=True)
class StepItem:
    number: int
    label: str
    state: str
    is_current: bool

    @property
    def state_label(self) -> str:
        if self.state == "done":
            return _("done")
        if self.state == "begun":
            return _("begun")
        return _("not begun")


@dataclass(frozen=True)
class Dossier:
    client: Client
    viewer: Viewer
    contact_person: ContactPerson | None
    facts: Sequence[Fact]
    steps: Sequence[StepItem]
    steps_shared: bool
    sections: Sequence[ShownSection]
    timeline: Sequence[Event]
    timeline_hidden: Sequence[str]
    break_glass: Decision

    @property
    def current_step(self) -> StepItem | None:
        return next((s for s in self.steps if s.is_current), None)


def _step_items(steps: Steps | None) -> list[StepItem]:
    states = steps.states if steps else {}
    current = steps.current if steps else None
    return [
        StepItem(
            number=number,
            label=str(PathwayStep(number).label),
            state=states.get(number, ""),
            is_current=number == current,
        )
        for number in PathwayStep.values
    ]


def _newest_first(events: list[Event], limit: int) -> list[Event]:
    return sorted(events, key=lambda e: (e.on, e.at), reverse=True)[:limit]


def dossier_open(actor: Actor, client_id: int, *, limit: int = TIMELINE_LIMIT) -> Dossier:
    """The dossier of one older person as ``actor`` may see it, or ``Http404``.

    The person comes through the door (name, address and contact details for
    the care plan, logged there); then every section the viewer's consent
    covers is built, and one access-log row is written per other kind of data
    shown, in a single insert.
    """
    client = access_client(
        actor,
        client_id,
        category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
        objects=["dossier"],
    )
    user = actor.user
    if user is None:  # the door lets nobody in without an account; this tells mypy so
        raise Http404
    decisions = decisions_for(user, client)
    viewer = Viewer(user=user, person=decisions.person, decisions=decisions)
    built = [_built(section, client, viewer, limit) for section in DOSSIER_SECTIONS]
    built.sort(key=lambda b: b.section.order)
    timeline = _newest_first([e for b in built for e in b.events], limit)
    shown: dict[Need, set[str]] = {}
    for b in built:
        for need in b.needs:
            shown.setdefault(need, set()).add(b.section.key)
    for event in timeline:
        shown.setdefault(event.need.read, set()).add(event.section)
    _log_shown(actor, client, viewer, shown)
    with_steps = next((b for b in built if b.section.shows_steps), None)
    return Dossier(
        client=client,
        viewer=viewer,
        contact_person=client.current_contact_person(),
        facts=[fact for b in built for fact in b.facts],
        steps=_step_items(with_steps.steps if with_steps else None),
        steps_shared=with_steps is not None and with_steps.shown.shared,
        sections=[b.shown for b in built],
        timeline=timeline,
        timeline_hidden=[b.shown.title for b in built if not b.shown.shared],
        break_glass=viewer.decision(IDENTITY_READ),
    )


@dataclass(frozen=True)
class _Built:
    """One section as this viewer sees it, with the kinds of data it showed."""

    section: DossierSection
    shown: ShownSection
    facts: Sequence[Fact]
    events: Sequence[Event]
    steps: Steps | None
    needs: frozenset[Need]


def _built(section: DossierSection, client: Client, viewer: Viewer, limit: int) -> _Built:
    """Build ``section`` if the viewer's consent covers it, keeping only what the door allows."""
    start = [link for link in (section.start or _no_links)(client, viewer) if viewer.may(link.need)]
    title = str(section.title)
    if not viewer.may(section.need):
        return _Built(
            section=section,
            shown=ShownSection(
                key=section.key,
                title=title,
                shared=False,
                not_shared=str(section.not_shared),
                lines=(),
                links=start,
                template=section.template,
                context={},
            ),
            facts=[Fact(str(label), _("not shared with you"), "muted") for label in section.facts],
            events=(),
            steps=None,
            needs=frozenset(),
        )
    part = section.build(client, viewer, limit=limit)
    lines = [line for line in part.lines if viewer.may((line.need or section.need).read)]
    facts = [fact for fact in part.facts if viewer.may((fact.need or section.need).read)]
    needs = {
        section.need.read,
        *((line.need or section.need).read for line in lines),
        *((fact.need or section.need).read for fact in facts),
    }
    return _Built(
        section=section,
        shown=ShownSection(
            key=section.key,
            title=title,
            shared=True,
            not_shared="",
            lines=lines,
            links=[*start, *(link for link in part.links if viewer.may(link.need))],
            template=section.template,
            context=part.context,
        ),
        facts=facts,
        events=[
            replace(event, kind=title, section=section.key)
            for event in part.events
            if viewer.may(event.need.read)
        ],
        steps=part.steps,
        needs=frozenset(needs),
    )


def _no_links(client: Client, viewer: Viewer) -> Sequence[Link]:
    return ()


def _log_shown(actor: Actor, client: Client, viewer: Viewer, shown: dict[Need, set[str]]) -> None:
    """One row per kind of data shown besides the identity the door logged already."""
    rows = []
    for need, keys in sorted(shown.items(), key=lambda item: (item[0].category, item[0].purpose)):
        if need == IDENTITY_READ:
            continue
        decision = viewer.decision(need)
        rows.append(
            AccessRow(
                client_id=client.pk,
                data_category=need.category,
                purpose=need.purpose,
                objects=[f"client:{client.pk}", "dossier", *(f"dossier:{key}" for key in keys)],
                break_glass=decision.break_glass,
                reason=decision.reason,
            )
        )
    log_access_rows(actor=actor, event=AuditEvent.READ, rows=rows)


def client_url(name: str, client: Client, **kwargs: object) -> str:
    """The address of one of the older person's pages, for a contribution's links."""
    return reverse(name, kwargs={"client_id": client.pk, **kwargs})


def day_of(moment: datetime) -> date:
    return timezone.localdate(moment)


# --- The clients app's own sections: the care team and privacy ---------------------------------

# The window of the privacy summary: who looked lately, emergency access lately.
LOOKED_DAYS = 30
EMERGENCY_DAYS = 90


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def team_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """The care team, the informal carers, the representative and the contact people."""
    today = timezone.localdate()
    team = list(
        CareTeamMember.objects.filter(client=client)
        .select_related("person__organisation")
        .order_by("until", "since", "pk")
    )
    contact_history = list(
        ContactPerson.objects.filter(client=client).select_related("person", "assigned_by")[:limit]
    )
    carers = list(client.carers.all())
    current = [m for m in team if m.until is None or m.until >= today]
    links = [
        Link(_("Add to the care team"), client_url("clients:team-add", client), IDENTITY_WRITE),
        Link(
            _("Choose the contact person"),
            client_url("clients:contact-person", client),
            IDENTITY_WRITE,
        ),
        Link(_("Add informal carer"), client_url("clients:carer-add", client), IDENTITY_WRITE),
        Link(
            _("Change legal representative"),
            client_url("clients:representative", client),
            IDENTITY_WRITE,
        ),
    ]
    events = [
        Event(
            on=day_of(row.since),
            at=row.since,
            title=_("Contact person: %(name)s") % {"name": row.person.name},
            detail=(
                _("Chosen by %(name)s") % {"name": row.assigned_by.full_name}
                if row.assigned_by
                else ""
            ),
            need=IDENTITY_READ,
        )
        for row in contact_history
    ]
    events += [
        Event(
            on=member.since,
            at=_midnight(member.since),
            title=_("%(name)s joined the care team") % {"name": member.person.name},
            detail=member.role,
            need=IDENTITY_READ,
        )
        for member in sorted(team, key=lambda m: (m.since, m.pk), reverse=True)[:limit]
    ]
    return Part(
        lines=[
            Line(
                ngettext(
                    "%(count)s professional in the care team",
                    "%(count)s professionals in the care team",
                    len(current),
                )
                % {"count": len(current)}
            )
        ],
        links=links,
        events=events,
        context={
            "team": current,
            "former_team": [m for m in team if m.until is not None and m.until < today],
            "carers": carers,
            "representative": LegalRepresentative.objects.filter(client=client).first(),
            "contact_history": contact_history,
            "can_write": viewer.may(IDENTITY_WRITE),
        },
    )


def privacy_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """Consent, who looked lately, and emergency access."""
    now = timezone.now()
    consents = list(client.consents.select_related("recipient_organisation", "recipient_person"))
    active = [c for c in consents if c.is_active]
    looked = (
        AccessLogEntry.objects.for_client(client.pk)
        .filter(occurred_at__gte=now - timedelta(days=LOOKED_DAYS))
        .aggregate(
            times=Count("pk"),
            organisations=Count("organisation_label", distinct=True),
        )
    )
    emergency = BreakGlassGrant.objects.filter(
        client=client, granted_at__gte=now - timedelta(days=EMERGENCY_DAYS)
    ).aggregate(times=Count("pk"), last=Max("granted_at"))
    lines = [
        Line(
            _("Shared with %(recipient)s: %(what)s")
            % {"recipient": c.recipient_label(), "what": ", ".join(c.category_labels())}
        )
        for c in active
    ] or [Line(_("Nothing is shared yet."), warn=True)]
    lines.append(
        Line(
            ngettext(
                "Looked at %(times)s time in the last %(days)s days.",
                "Looked at %(times)s times in the last %(days)s days.",
                looked["times"],
            )
            % {"times": looked["times"], "days": LOOKED_DAYS}
        )
    )
    if emergency["times"]:
        lines.append(
            Line(
                ngettext(
                    "Emergency access used %(times)s time in the last %(days)s days, "
                    "last on %(day)s.",
                    "Emergency access used %(times)s times in the last %(days)s days, "
                    "last on %(day)s.",
                    emergency["times"],
                )
                % {
                    "times": emergency["times"],
                    "days": EMERGENCY_DAYS,
                    "day": date_format(timezone.localdate(emergency["last"]), "j F Y"),
                },
                warn=True,
            )
        )
    else:
        lines.append(
            Line(_("No emergency access in the last %(days)s days.") % {"days": EMERGENCY_DAYS})
        )
    links = [
        Link(_("Consent: who may see what"), client_url("clients:consent", client), IDENTITY_READ),
        Link(
            _("Who looked at these details"),
            client_url("clients:access-history", client),
            IDENTITY_READ,
        ),
        Link(
            _("Download all data (PDF)"),
            client_url("rights:export", client) + "?format=pdf",
            IDENTITY_READ,
        ),
        Link(
            _("Download all data (JSON)"),
            client_url("rights:export", client) + "?format=json",
            IDENTITY_READ,
        ),
    ]
    if viewer.user.is_coordinator:
        links += [
            Link(_("Erase all data"), client_url("rights:erase", client), IDENTITY_WRITE),
            Link(_("Review emergency access"), reverse("audit:review"), IDENTITY_READ),
        ]
    events = [
        Event(
            on=c.given_on,
            at=c.recorded_at,
            title=_("Consent recorded: %(recipient)s") % {"recipient": c.recipient_label()},
            detail=", ".join(c.category_labels()),
            need=IDENTITY_READ,
        )
        for c in consents[:limit]
    ]
    events += [
        Event(
            on=day_of(c.revoked_at),
            at=c.revoked_at,
            title=_("Consent revoked: %(recipient)s") % {"recipient": c.recipient_label()},
            detail=c.revocation_note,
            need=IDENTITY_READ,
        )
        for c in consents[:limit]
        if c.revoked_at is not None
    ]
    return Part(lines=lines, links=links, events=events)


NOT_SHARED_IDENTITY = gettext_lazy(
    "These details are not shared with you. Ask the older person or the contact person for consent."
)

DOSSIER_SECTIONS += [
    DossierSection(
        key="team",
        title=gettext_lazy("Care team"),
        order=50,
        need=IDENTITY_READ,
        not_shared=NOT_SHARED_IDENTITY,
        build=team_part,
        template="clients/dossier/team.html",
    ),
    DossierSection(
        key="privacy",
        title=gettext_lazy("Privacy"),
        order=60,
        need=IDENTITY_READ,
        not_shared=NOT_SHARED_IDENTITY,
        build=privacy_part,
    ),
]
