"""Where an older person is in the six steps, read from the appended history.

The contact person (step 5) is read from ``vangnet.clients.models.ContactPerson``,
whose closed rows are its own history; the other steps from ``StepEvent`` rows.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.care.models import StepEvent, StepSource, StepStatus
from vangnet.clients.models import Client, ContactPerson
from vangnet.directory.models import PathwayStep


@dataclass(frozen=True)
class Moment:
    """One line of the pathway history."""

    step: int
    status: str
    on: date
    by: str
    source: str
    note: str
    at: datetime
    is_revisit: bool = False

    @property
    def step_label(self) -> str:
        return str(PathwayStep(self.step).label)

    @property
    def status_label(self) -> str:
        return str(StepStatus(self.status).label)

    @property
    def source_label(self) -> str:
        return str(StepSource(self.source).label)


@dataclass(frozen=True)
class StepState:
    """How far one step is: not begun, begun or done; when, by whom, and how often."""

    step: int
    status: str
    on: date | None
    by: str
    times_done: int
    revisited: bool

    @property
    def label(self) -> str:
        return str(PathwayStep(self.step).label)

    @property
    def status_label(self) -> str:
        if not self.status:
            return _("Not begun")
        return str(StepStatus(self.status).label)


@dataclass(frozen=True)
class Pathway:
    steps: list[StepState]
    history: list[Moment]

    @property
    def latest(self) -> Moment | None:
        return self.history[-1] if self.history else None

    def done(self, step: int) -> bool:
        return any(s.step == step and s.status == StepStatus.DONE for s in self.steps)


def _moments(client: Client) -> list[Moment]:
    raw: list[Moment] = [
        Moment(
            step=e.step,
            status=e.status,
            on=e.occurred_on,
            by=e.by_label,
            source=e.source,
            note=e.note,
            at=e.recorded_at,
        )
        for e in StepEvent.objects.filter(client=client)
    ]
    for row in ContactPerson.objects.filter(client=client).select_related("person", "assigned_by"):
        raw.append(
            Moment(
                step=PathwayStep.CONTACT_PERSON,
                status=StepStatus.DONE,
                on=timezone.localdate(row.since),
                by=row.assigned_by.full_name if row.assigned_by else "",
                source=StepSource.CONTACT_PERSON,
                note=row.person.name,
                at=row.since,
            )
        )
    raw.sort(key=lambda m: (m.on, m.at))
    done_before: set[int] = set()
    result = []
    for moment in raw:
        result.append(replace(moment, is_revisit=moment.step in done_before))
        if moment.status == StepStatus.DONE:
            done_before.add(moment.step)
    return result


def pathway_of(client: Client) -> Pathway:
    history = _moments(client)
    steps = []
    for step in PathwayStep.values:
        mine = [m for m in history if m.step == step]
        last = mine[-1] if mine else None
        steps.append(
            StepState(
                step=step,
                status=last.status if last else "",
                on=last.on if last else None,
                by=last.by if last else "",
                times_done=sum(1 for m in mine if m.status == StepStatus.DONE),
                revisited=any(m.is_revisit for m in mine),
            )
        )
    return Pathway(steps=steps, history=history)
