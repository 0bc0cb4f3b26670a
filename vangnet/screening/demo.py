"""Demo screenings: about 40% of the demo older people, their profiles, shifts and follow-up.

Only people whose consent covers screening are screened. Answers are drawn to
reach a chosen score, then saved through the same action as the screens use,
so every result, profile change, follow-up task and log row is a real one.
The mix of profiles leans on the Embrace trial's baseline (59% robust, 16%
frail, 25% complex, as a conference abstract on the trial reports), with
fewer complex because Vangnet's default rule is stricter there than the
IM-E-SA was (see docs/screening.md).
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Person
from vangnet.screening.actions import screening_record, task_resolve
from vangnet.screening.engine import Answer, Instrument, Item, ItemType, load_instrument
from vangnet.screening.models import AdministrationMode, FollowUpTask, TaskStatus

SCREENED_SHARE = 0.40
SECOND_ROUND_SHARE = 0.35
# Follow-up proposed in the last three weeks is still open; older follow-up was handled.
OPEN_FOR_DAYS = 21
NOTIFY_FOR_DAYS = 14
PROFESSIONALS = ("poh", "gp", "district_nurse", "social_worker")

ROBUST, FRAIL, COMPLEX = 0, 1, 2
# Scores per level: (low, high) inclusive.
SCORE_RANGES = {
    "gfi": {ROBUST: (0, 3), FRAIL: (4, 7), COMPLEX: (5, 11)},
    "tfi": {ROBUST: (0, 4), FRAIL: (5, 8), COMPLEX: (6, 11)},
    "prisma7": {ROBUST: (0, 2), FRAIL: (3, 5), COMPLEX: (3, 6)},
}


@dataclass
class Planned:
    client: Client
    code: str
    score: int
    when: datetime
    mode: AdministrationMode
    administrator: Person


def _answers(instrument: Instrument, score: int, rng: random.Random) -> dict[str, Answer]:
    """Answers that earn exactly ``score`` points, spread over random items."""
    counting = set(rng.sample([item.link_id for item in instrument.items], k=score))
    return {item.link_id: _answer(item, item.link_id in counting, rng) for item in instrument.items}


def _answer(item: Item, counts: bool, rng: random.Random) -> Answer:
    if item.type is ItemType.CHOICE:
        options = [o.code for o in item.options if (o.points > 0) == counts]
        return rng.choice(options)
    bands = [band for band in item.bands if (band.points > 0) == counts]
    band = rng.choice(bands)
    return rng.randint(band.low, band.high)


def _prisma_answers(
    client: Client, score: int, on: datetime, rng: random.Random
) -> dict[str, Answer]:
    """PRISMA-7 answers whose first item (older than 85) agrees with the person's age."""
    instrument = load_instrument("prisma7")
    over_85 = client.age_on(on.date()) > 85
    score = max(score, 1) if over_85 else min(score, 6)
    rest = [item for item in instrument.items if item.link_id != "1"]
    counting = set(rng.sample([item.link_id for item in rest], k=score - int(over_85)))
    answers: dict[str, Answer] = {"1": "yes" if over_85 else "no"}
    for item in rest:
        answers[item.link_id] = _answer(item, item.link_id in counting, rng)
    return answers


def _zrm_answers(flagged: int, rng: random.Random) -> dict[str, Answer]:
    instrument = load_instrument("zrm5")
    low = set(rng.sample([item.link_id for item in instrument.items], k=flagged))
    return {
        item.link_id: rng.randint(1, 2) if item.link_id in low else rng.choice([3, 4, 4, 5])
        for item in instrument.items
    }


def _eligible(clients: list[Client]) -> list[Client]:
    """Older people whose active consent covers screening for early detection."""
    covered: set[int] = set()
    for consent in Consent.objects.active().filter(client__in=clients):
        if DataCategory.SCREENING in consent.categories and (
            Purpose.EARLY_DETECTION in consent.purposes
        ):
            covered.add(consent.client_id)
    return [client for client in clients if client.pk in covered]


def _administrator(
    client: Client, team: dict[int, set[int]], people: dict[str, Person], when: datetime
) -> Person:
    """A demo professional from the care team, or the practice nurse who joins it."""
    members = team.get(client.pk, set())
    for key in PROFESSIONALS:
        person = people.get(key)
        if person is not None and person.pk in members:
            return person
    poh = people["poh"]
    CareTeamMember.objects.create(
        client=client, person=poh, role=str(poh.get_discipline_display()), since=when.date()
    )
    members.add(poh.pk)
    return poh


def _level_after(level: int, rng: random.Random) -> int:
    # Profiles move both ways over a year; Embrace reported shifts towards robust as well.
    step = rng.choices([-1, 0, 1], weights=[40, 20, 40])[0]
    return min(max(level + step, ROBUST), COMPLEX)


def _at_work(ctx: DemoContext, days_ago: int) -> datetime:
    moment = ctx.now - timedelta(days=days_ago)
    return moment.replace(hour=ctx.rng.randint(9, 16), minute=ctx.rng.choice([0, 15, 30, 45]))


def _round(
    ctx: DemoContext,
    client: Client,
    level: int,
    path: str,
    when: datetime,
    administrator: Person,
    had_scan: bool,
) -> list[Planned]:
    """One round: a frailty instrument, sometimes a PRISMA-7 before it or a scan after it."""
    rng = ctx.rng
    plans: list[Planned] = []
    mode = AdministrationMode.SELF if rng.random() < 0.3 else AdministrationMode.PROFESSIONAL
    if path in ("prisma_gfi", "prisma"):
        prisma_level = COMPLEX if level == COMPLEX else level
        low, high = SCORE_RANGES["prisma7"][prisma_level]
        plans.append(Planned(client, "prisma7", rng.randint(low, high), when, mode, administrator))
        when += timedelta(days=rng.randint(7, 20))
    if path != "prisma":
        code = "tfi" if path == "tfi" else "gfi"
        low, high = SCORE_RANGES[code][level]
        if code == "gfi" and level == COMPLEX and path == "prisma_gfi":
            low = max(low, 8)  # the PRISMA-7 route to complex care needs
        plans.append(Planned(client, code, rng.randint(low, high), when, mode, administrator))
    scan_needed = level == COMPLEX and path != "prisma_gfi"
    if scan_needed or (had_scan and level != COMPLEX) or (level == FRAIL and rng.random() < 0.3):
        flagged = rng.randint(2, 4) if level == COMPLEX else rng.randint(0, 1)
        plans.append(
            Planned(
                client,
                "zrm5",
                flagged,
                when + timedelta(days=rng.randint(3, 14)),
                AdministrationMode.PROFESSIONAL,
                administrator,
            )
        )
    return plans


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    clients: list[Client] = ctx.shared.get("clients") or list(Client.objects.order_by("pk"))
    people: dict[str, Person] = ctx.shared.get("demo_people", {})
    if not clients or "poh" not in people or people["poh"].user is None:
        return
    eligible = _eligible(clients)
    chosen = rng.sample(eligible, k=min(len(eligible), round(len(clients) * SCREENED_SHARE)))
    team: dict[int, set[int]] = {}
    for client_id, person_id in CareTeamMember.objects.active().values_list(
        "client_id", "person_id"
    ):
        team.setdefault(client_id, set()).add(person_id)

    plans: list[Planned] = []
    for client in chosen:
        level = rng.choices([ROBUST, FRAIL, COMPLEX], weights=[55, 30, 15])[0]
        path = rng.choices(["gfi", "prisma_gfi", "tfi", "prisma"], weights=[50, 20, 20, 10])[0]
        if path == "prisma" and level == COMPLEX:
            level = FRAIL
        second = rng.random() < SECOND_ROUND_SHARE
        first_days = rng.randint(380, 520) if second else rng.randint(5, 360)
        first_when = _at_work(ctx, first_days)
        administrator = _administrator(client, team, people, first_when)
        first = _round(ctx, client, level, path, first_when, administrator, had_scan=False)
        plans += first
        if second:
            had_scan = any(p.code == "zrm5" for p in first)
            later = _level_after(level, rng)
            if path == "prisma" and later == COMPLEX:
                later = FRAIL
            plans += _round(
                ctx,
                client,
                later,
                path,
                _at_work(ctx, rng.randint(2, 150)),
                administrator,
                had_scan=had_scan,
            )

    notify_from = ctx.now - timedelta(days=NOTIFY_FOR_DAYS)
    for plan in sorted(plans, key=lambda p: (p.when, p.client.pk)):
        instrument = load_instrument(plan.code)
        if plan.code == "zrm5":
            answers = _zrm_answers(plan.score, rng)
        elif plan.code == "prisma7":
            answers = _prisma_answers(plan.client, plan.score, plan.when, rng)
        else:
            answers = _answers(instrument, plan.score, rng)
        screening_record(
            actor=Actor(plan.administrator.user, access_point=AccessPoint.CLI),
            client=plan.client,
            instrument=instrument,
            answers=answers,
            mode=plan.mode,
            completed_at=plan.when,
            notify_coordinators=plan.when >= notify_from,
        )

    coordinator = people.get("coordinator")
    resolver = Actor(
        coordinator.user if coordinator is not None else None, access_point=AccessPoint.CLI
    )
    open_from = ctx.now - timedelta(days=OPEN_FOR_DAYS)
    for task in FollowUpTask.objects.open().filter(created_at__lt=open_from).order_by("pk"):
        handled = task.created_at + timedelta(days=rng.randint(3, 20))
        task_resolve(
            actor=resolver,
            task=task,
            status=TaskStatus.DONE if rng.random() < 0.85 else TaskStatus.NOT_NEEDED,
            note="",
            when=min(handled, ctx.now),
        )
    ctx.shared["screened_clients"] = chosen
