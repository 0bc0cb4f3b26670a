"""What the poster says: only the public parts of a network's who-does-what."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from vangnet.directory.models import (
    Network,
    PathwayStep,
    Responsibility,
    StepAssignment,
)


@dataclass(frozen=True)
class PosterEntry:
    """One party at one step, with how to reach it at any hour."""

    organisation: str
    role: str
    responsibility: str
    leads: bool
    when: str
    office_hours: str
    evenings: str
    nights_weekends: str
    phone: str


@dataclass(frozen=True)
class PosterStep:
    number: int
    title: str
    entries: list[PosterEntry]

    @property
    def uncovered(self) -> bool:
        return not self.entries


@dataclass(frozen=True)
class PosterContent:
    network_name: str
    areas: str
    date_label: str
    night_and_weekend: str
    coordinator: str
    web_address: str
    steps: list[PosterStep]


def _entry(assignment: StepAssignment) -> PosterEntry:
    organisation = assignment.organisation
    person = assignment.person
    # Only work contact details: a private number never reaches a wall.
    phone = assignment.phone or (person.work_phone if person else "") or organisation.phone
    return PosterEntry(
        organisation=organisation.name,
        role=assignment.get_discipline_display() if assignment.discipline else "",
        responsibility=str(Responsibility(assignment.responsibility).label),
        leads=assignment.responsibility == Responsibility.LEAD,
        when=assignment.when,
        office_hours=assignment.office_hours or organisation.office_hours,
        evenings=assignment.evenings,
        nights_weekends=assignment.nights_weekends or organisation.out_of_hours,
        phone=phone,
    )


def poster_content(network: Network, *, today: date) -> PosterContent:
    """Gather the poster's text in three queries, whatever the size of the network."""
    assignments = (
        StepAssignment.objects.filter(network=network)
        .select_related("organisation", "person")
        .order_by("step", "organisation__name", "pk")
    )
    by_step: dict[int, list[PosterEntry]] = {step.value: [] for step in PathwayStep}
    for assignment in assignments:
        by_step.setdefault(assignment.step, []).append(_entry(assignment))
    steps = [
        PosterStep(
            number=step.value,
            title=str(step.label),
            # Whoever does the step comes before whoever contributes.
            entries=sorted(by_step[step.value], key=lambda e: not e.leads),
        )
        for step in PathwayStep
    ]
    coordinator = ""
    if network.coordinator_id is not None:
        person = network.coordinator
        assert person is not None
        coordinator = ", ".join(part for part in (person.name, person.work_phone) if part)
    served = list(network.areas.select_related("parent__parent").order_by("name"))
    if len(served) > 4:
        # Many neighbourhoods read better as the municipalities they lie in.
        tops = {(area.ancestors() or [area])[-1].name for area in served}
        served_names = sorted(tops)
    else:
        served_names = [area.name for area in served]
    areas = ", ".join(served_names)
    return PosterContent(
        network_name=network.name,
        areas=areas,
        date_label=formats.date_format(today, "j F Y"),
        night_and_weekend=network.night_and_weekend
        or _("Not filled in yet: ask the network coordinator."),
        coordinator=coordinator,
        web_address=settings.SITE_URL + reverse("directory:search"),
        steps=steps,
    )
