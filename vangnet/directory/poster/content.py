"""What the poster says: only the public parts of a network, for one of two audiences.

- Professionals ("Wie doet wat"): the six steps of the care pathway, each with its
  professional term, plain words beside it, and who does it and who helps.
- Older people and carers ("Wie kunt u bellen?"): whom to call for what, in plain
  words: the places to turn to with a worry, and the partners who lead the steps
  someone would call about. No gaps, no roles, no professional terms.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.directory.contact_points import contact_points
from vangnet.directory.models import Network, PathwayStep, Responsibility, StepAssignment
from vangnet.directory.poster.address import site_address
from vangnet.directory.step_words import STEP_WORDS


class Audience(StrEnum):
    PROFESSIONAL = "professional"
    PUBLIC = "public"

    @property
    def label(self) -> str:
        labels = {
            "professional": gettext_lazy("Who does what: the six steps of the care pathway"),
            "public": gettext_lazy("Who can you call: for older people and carers"),
        }
        return str(labels[self.value])

    @property
    def file_stem(self) -> str:
        return "wie-doet-wat" if self is Audience.PROFESSIONAL else "wie-kunt-u-bellen"


@dataclass(frozen=True)
class PosterEntry:
    """One party in one section, with how to reach it; empty fields are left out."""

    name: str
    role: str = ""
    leads: bool = True
    when: str = ""
    phone: str = ""
    office_hours: str = ""
    evenings: str = ""
    nights_weekends: str = ""
    web_label: str = ""
    web_address: str = ""


@dataclass(frozen=True)
class PosterSection:
    """One box: a step of the pathway, or a question someone would call about."""

    title: str
    entries: list[PosterEntry]
    # The plain words beside a professional term; empty when the title is plain already.
    plain: str = ""
    # The step's number, shown in a badge; None on the poster for the public.
    number: int | None = None

    @property
    def uncovered(self) -> bool:
        return not self.entries


@dataclass(frozen=True)
class PosterContent:
    audience: Audience
    title: str
    network_name: str
    intro: str
    date_label: str
    night_and_weekend: str
    coordinator: str
    # The live public map of the network: printed in full and held in the QR code.
    map_address: str
    sections: list[PosterSection]


def _entry(assignment: StepAssignment) -> PosterEntry:
    organisation = assignment.organisation
    person = assignment.person
    # Only work contact details: a private number never reaches a wall.
    phone = assignment.phone or (person.work_phone if person else "") or organisation.phone
    return PosterEntry(
        name=organisation.name,
        role=assignment.get_discipline_display() if assignment.discipline else "",
        leads=assignment.responsibility == Responsibility.LEAD,
        when=assignment.when,
        phone=phone,
        office_hours=assignment.office_hours or organisation.office_hours,
        evenings=assignment.evenings,
        nights_weekends=assignment.nights_weekends or organisation.out_of_hours,
    )


def _by_step(network: Network) -> dict[int, list[PosterEntry]]:
    """Each step's parties: whoever does the step first, then whoever helps."""
    assignments = (
        StepAssignment.objects.filter(network=network)
        .select_related("organisation", "person")
        .order_by("step", "organisation__name", "pk")
    )
    by_step: dict[int, list[PosterEntry]] = {step.value: [] for step in PathwayStep}
    for assignment in assignments:
        by_step.setdefault(assignment.step, []).append(_entry(assignment))
    return {step: sorted(entries, key=lambda e: not e.leads) for step, entries in by_step.items()}


def _professional_sections(by_step: dict[int, list[PosterEntry]]) -> list[PosterSection]:
    return [
        PosterSection(
            title=str(words.step.label),
            plain=str(words.plain),
            number=words.step.value,
            entries=by_step[words.step.value],
        )
        for words in STEP_WORDS
    ]


def _public_sections(
    network: Network, by_step: dict[int, list[PosterEntry]], address: str
) -> list[PosterSection]:
    sections = [
        PosterSection(
            title=point.question,
            entries=[
                PosterEntry(
                    name=point.name,
                    phone=point.phone,
                    office_hours=point.hours,
                    web_label=point.web_label,
                    web_address=address + point.web_path if point.web_path else "",
                )
            ],
        )
        for point in contact_points(network)
    ]
    for words in STEP_WORDS:
        if words.question is None:
            continue
        # Only who does the step, each organisation once: no roles, no helpers, no gaps.
        leads: dict[str, PosterEntry] = {}
        for entry in by_step[words.step.value]:
            if entry.leads and entry.name not in leads:
                leads[entry.name] = PosterEntry(
                    name=entry.name, phone=entry.phone, office_hours=entry.office_hours
                )
        if leads:
            sections.append(PosterSection(title=str(words.question), entries=list(leads.values())))
    return sections


def _areas(network: Network) -> str:
    served = list(network.areas.select_related("parent__parent").order_by("name"))
    if len(served) > 4:
        # Many neighbourhoods read better as the municipalities they lie in.
        return ", ".join(sorted({(area.ancestors() or [area])[-1].name for area in served}))
    return ", ".join(area.name for area in served)


def poster_content(network: Network, *, today: date, audience: Audience) -> PosterContent:
    """Gather the poster's text in a few queries, whatever the size of the network.

    Raises SiteAddressMissing when the site's public address is not set in production.
    """
    address = site_address()
    by_step = _by_step(network)
    coordinator = ""
    if network.coordinator_id is not None:
        person = network.coordinator
        assert person is not None
        coordinator = ", ".join(part for part in (person.name, person.work_phone) if part)
    areas = _areas(network)
    if audience is Audience.PROFESSIONAL:
        title = _("Who does what")
        intro = (
            _("Who to call with a worry about an older person in %(areas)s.") % {"areas": areas}
            if areas
            else ""
        )
        sections = _professional_sections(by_step)
    else:
        title = _("Who can you call?")
        intro = (
            _("Help for older people and their carers in %(areas)s.") % {"areas": areas}
            if areas
            else _("Help for older people and their carers.")
        )
        sections = _public_sections(network, by_step, address)
    return PosterContent(
        audience=audience,
        title=title,
        network_name=network.name,
        intro=intro,
        date_label=formats.date_format(today, "j F Y"),
        night_and_weekend=network.night_and_weekend
        or _(
            "Call your GP practice; outside office hours its phone message tells you where to go."
        ),
        coordinator=coordinator,
        map_address=address + reverse("directory:public_map", args=[network.slug]),
        sections=sections,
    )
