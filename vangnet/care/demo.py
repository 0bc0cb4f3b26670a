"""Demo pathways: older people at every step, two past MDOs with decisions, one planned MDO.

Built through the same actions as the screens, so every demo row has its
access-log rows and plan versions. Some evaluations are overdue on purpose.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.care import actions
from vangnet.care.models import (
    ActionStatus,
    AgendaReason,
    AgreedBy,
    FindingSource,
    Goal,
    Invitation,
    LifeDomain,
    Meeting,
    MeetingItem,
    MeetingStatus,
    OwnerKind,
    Plan,
    Quarter,
    StepStatus,
)
from vangnet.clients.actions import contact_person_set
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import Consent, ConsentMethod, DataCategory, Purpose, RecipientScope
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Discipline, Network, PathwayStep, Person

SIGNALS = [
    "De apotheek merkt dat medicijnen niet meer worden opgehaald.",
    "Buurvrouw belt: mevrouw komt de deur niet meer uit.",
    "Gevallen in de badkamer, via de huisartsenpost gezien.",
    "Dochter maakt zich zorgen over vergeetachtigheid.",
    "Bij het huisbezoek 75-plus viel gewichtsverlies op.",
    "De wijkagent meldt onbetaalde rekeningen en een rommelig huis.",
]
WHAT_MATTERS = [
    "Ik wil gewoon in mijn eigen huis blijven wonen, met mijn kat.",
    "Sinds mijn man er niet meer is, is het zo stil. Ik wil weer mensen zien.",
    "Dat ik zelf kan blijven beslissen. En dat mijn dochter niet alles hoeft te doen.",
    "Mijn tuin. Als ik daar niet meer in kan, heb ik niks meer.",
    "Dat ik 's nachts niet meer bang ben om te vallen.",
    "Op zondag naar de kerk kunnen, dat is voor mij het belangrijkste.",
]
GOALS = [
    "Ik wil weer zelf boodschappen doen.",
    "Ik wil niet meer vallen.",
    "Ik wil vaker onder de mensen zijn.",
    "Ik wil mijn post en rekeningen weer op orde hebben.",
    "Ik wil dat mijn dochter het wat rustiger krijgt.",
]
FINDINGS = {
    LifeDomain.PHYSICAL: (
        "Twee keer gevallen in drie maanden; loopt onzeker.",
        [Quarter.CURE, Quarter.CARE],
    ),
    LifeDomain.COGNITIVE: ("Vergeet afspraken; de kalender helpt nog.", [Quarter.CARE]),
    LifeDomain.PSYCHOLOGICAL: (
        "Somber sinds het overlijden van de partner.",
        [Quarter.CURE, Quarter.WELFARE],
    ),
    LifeDomain.SOCIAL: ("Weinig contact; de dochter woont ver weg.", [Quarter.WELFARE]),
    LifeDomain.HOUSING: ("Badkamer zonder beugels, drempels in huis.", [Quarter.HOUSING]),
    LifeDomain.FINANCES: ("Post blijft liggen; twee aanmaningen.", [Quarter.WELFARE]),
    LifeDomain.DAILY_LIFE: ("Douchen lukt niet meer alleen.", [Quarter.CARE]),
}
MINUTES = [
    "Besproken met mevrouw en haar dochter erbij. Zij wil thuis blijven wonen; "
    "valrisico en eenzaamheid zijn de grootste zorgen.",
    "Meneer was er zelf niet bij, wel gebeld vooraf. Afgesproken om klein te beginnen.",
    "De huisarts ziet geen nieuwe medische oorzaak. Sociaal werk pakt de contacten op.",
]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _eligible(clients: list[Client]) -> list[Client]:
    """Older people who agreed that the care team shares their plan for the plan and the MDO."""
    covering = set()
    for consent in Consent.objects.active().filter(
        client__in=clients, scope=RecipientScope.CARE_TEAM
    ):
        if DataCategory.PLAN in consent.categories and {
            Purpose.CARE_PLAN,
            Purpose.MDO,
        } <= set(consent.purposes):
            covering.add(consent.client_id)
    return [c for c in clients if c.pk in covering]


def _join_team(client: Client, people: list[Person], since: date) -> None:
    present = set(
        CareTeamMember.objects.active().filter(client=client).values_list("person_id", flat=True)
    )
    CareTeamMember.objects.bulk_create(
        CareTeamMember(client=client, person=p, role=str(p.get_discipline_display()), since=since)
        for p in people
        if p.pk not in present
    )


def _actor(person: Person) -> Actor:
    user: User | None = person.user
    return Actor(user=user, access_point=AccessPoint.CLI)


class _Builder:
    def __init__(self, ctx: DemoContext, network: Network, people: dict[str, Person]) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.network = network
        self.people = people

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def signal(self, client: Client, on: date) -> None:
        who = self.people[self.pick(["poh", "gp", "social_worker"])]
        actions.step_record(
            actor=_actor(who),
            client=client,
            step=PathwayStep.SIGNALLING,
            status=StepStatus.DONE,
            occurred_on=on,
            note=self.pick(SIGNALS),
        )

    def conversation(self, client: Client, on: date) -> None:
        who = self.people[self.pick(["district_nurse", "social_worker", "poh"])]
        goals = self.rng.sample(GOALS, k=2)
        scores = {
            f"score_{name}": (None if self.rng.random() < 0.2 else self.rng.randint(3, 8))
            for name in ("bodily", "mental", "meaning", "quality", "participation", "daily")
        }
        carer = client.carers.first()
        actions.conversation_record(
            actor=_actor(who),
            client=client,
            data={
                "held_on": on,
                "carer_present": carer is not None,
                "what_matters": self.pick(WHAT_MATTERS),
                "goals": "\n".join(goals),
                "carer_says": "Ik kom twee keer per week, meer lukt niet." if carer else "",
                "carer_needs": "Iemand die meedenkt, en af en toe een vrije dag." if carer else "",
                **scores,
            },
            goals_to_plan=True,
        )

    def analysis(self, client: Client, on: date) -> None:
        who = self.people[self.pick(["district_nurse", "poh"])]
        domains = self.rng.sample(list(FINDINGS), k=4)
        findings = []
        for domain in domains:
            text, quarters = FINDINGS[domain]
            further = (
                domain in {LifeDomain.PHYSICAL, LifeDomain.COGNITIVE} and self.rng.random() < 0.5
            )
            findings.append(
                {
                    "domain": domain.value,
                    "text": text,
                    "quarters": [q.value for q in quarters],
                    "source": self.pick([s.value for s in FindingSource]),
                    "further_assessment": further,
                    "assessment_by_discipline": (
                        Discipline.ELDERLY_CARE_PHYSICIAN if further else ""
                    ),
                }
            )
        actions.analysis_record(
            actor=_actor(who),
            client=client,
            done_on=on,
            summary="Samen met de oudere alle domeinen doorgelopen.",
            findings=findings,
        )

    def meeting(self, day: date, hour: int, status: MeetingStatus) -> Meeting:
        coordinator = self.people["coordinator"]
        meeting = actions.meeting_save(
            actor=_actor(coordinator),
            meeting=None,
            data={
                "network": self.network,
                "starts_at": _at(day, hour),
                "place": "Gezondheidscentrum De Molen, vergaderzaal",
            },
            participants=[
                self.people[k]
                for k in ("coordinator", "gp", "poh", "district_nurse", "social_worker")
            ],
        )
        if status != MeetingStatus.PLANNED:
            actions.meeting_set_status(actor=_actor(coordinator), meeting=meeting, status=status)
        return meeting

    def decisions(self, client: Client, item: MeetingItem) -> None:
        actor = _actor(self.people["coordinator"])
        goals = list(Goal.objects.filter(plan__client=client, is_active=True))
        day = timezone.localdate(item.meeting.starts_at)
        carer = client.carers.first()
        options = [
            ("Medicijnen samen doorlopen bij de POH.", OwnerKind.PROFESSIONAL, "poh", 14),
            (
                "Kennismaken met de buurtkamer op dinsdagochtend.",
                OwnerKind.PROFESSIONAL,
                "social_worker",
                21,
            ),
            (
                "Thuiszorg helpt twee keer per week bij het douchen.",
                OwnerKind.PROFESSIONAL,
                "district_nurse",
                7,
            ),
            ("Een alarmknop aanvragen.", OwnerKind.CARER, "", 30),
            ("Elke dag een klein stukje wandelen.", OwnerKind.SELF, "", 42),
            ("Wekelijks bezoek van een maatje.", OwnerKind.VOLUNTEER, "", 28),
            (
                "Valrisico laten beoordelen en zo nodig doorverwijzen.",
                OwnerKind.PROFESSIONAL,
                "gp",
                10,
            ),
        ]
        for text, kind, key, days in self.rng.sample(options, k=3):
            actions.decision_add(
                actor=actor,
                client=client,
                item=item,
                data={
                    "description": text,
                    "goal": self.rng.choice(goals) if goals else None,
                    "owner_kind": kind,
                    "owner_person": self.people[key] if key else None,
                    "owner_carer": carer if kind == OwnerKind.CARER else None,
                    "owner_name": (
                        "Anneke (vrijwilliger Maatjesproject)"
                        if kind == OwnerKind.VOLUNTEER
                        else ("" if carer else "De dochter")
                    )
                    if kind in {OwnerKind.VOLUNTEER, OwnerKind.CARER}
                    else "",
                    "due_on": day + timedelta(days=days),
                },
            )

    def through_mdo(self, client: Client, meeting: Meeting, evaluate_on: date) -> None:
        coordinator = _actor(self.people["coordinator"])
        invited = self.pick([v.value for v in Invitation])
        item = actions.agenda_add(
            actor=coordinator,
            client=client,
            meeting=meeting,
            reason=AgendaReason.ANALYSIS_DONE,
            invited=invited,
        )
        actions.item_minutes_save(
            actor=coordinator,
            client=client,
            item=item,
            minutes=self.pick(MINUTES),
            invited=invited,
            plan_agreed=True,
        )
        self.decisions(client, item)
        contact = self.people[self.pick(["district_nurse", "social_worker", "district_nurse"])]
        contact_person_set(actor=_actor(contact), client=client, person=contact)
        day = timezone.localdate(meeting.starts_at)
        actions.plan_agree(
            actor=_actor(contact),
            client=client,
            agreed_on=day + timedelta(days=3),
            agreed_by=AgreedBy.CLIENT,
            agreed_how=self.pick([m.value for m in ConsentMethod]),
            note="Besproken aan de keukentafel.",
            evaluate_on=evaluate_on,
        )
        plan = Plan.objects.get(client=client)
        first_open = plan.actions.filter(status=ActionStatus.OPEN).order_by("due_on").first()
        if first_open is not None and first_open.due_on and first_open.due_on < self.today:
            actions.action_set_status(
                actor=_actor(contact), client=client, action=first_open, status=ActionStatus.DONE
            )

    def evaluate(self, client: Client, on: date, next_on: date) -> None:
        plan = Plan.objects.get(client=client)
        contact = client.current_contact_person()
        person = contact.person if contact else self.people["district_nurse"]
        outcomes = ["partly", "achieved", "not", "partly"]
        actions.evaluation_record(
            actor=_actor(person),
            client=client,
            held_on=on,
            reviews=[
                {
                    "goal": goal,
                    "outcome": outcomes[i % len(outcomes)],
                    "own_view": "Het gaat beter dan ik dacht." if i % 2 == 0 else "Nog niet echt.",
                }
                for i, goal in enumerate(plan.goals.filter(is_active=True))
            ],
            next_on=next_on,
            note="Samen teruggekeken.",
        )


def build(ctx: DemoContext) -> None:
    network: Network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    demo_people: dict[str, Person] = ctx.shared.get("demo_people", {})
    keys = ("coordinator", "gp", "poh", "district_nurse", "social_worker")
    if not all(k in demo_people and demo_people[k].user_id for k in keys):
        return
    people = {k: Person.objects.get(pk=demo_people[k].pk) for k in keys}
    clients: list[Client] = ctx.shared.get("clients") or list(
        Client.objects.filter(network=network).order_by("pk")
    )
    chosen = _eligible(sorted(clients, key=lambda c: c.pk))[:36]
    if len(chosen) < 36:
        return
    b = _Builder(ctx, network, people)
    today = ctx.today
    team = list(people.values())
    for client in chosen:
        _join_team(client, team, since=today - timedelta(days=90))

    signalled, talked, analysed, planned = chosen[:6], chosen[6:12], chosen[12:20], chosen[20:32]
    revisits = planned[:3]
    for i, client in enumerate(chosen[:32]):
        b.signal(client, today - timedelta(days=100 - i if client in planned else 25 - (i % 10)))
    for i, client in enumerate(talked + analysed + planned):
        b.conversation(
            client, today - timedelta(days=(90 - i) if client in planned else 18 - i % 8)
        )
    for i, client in enumerate(analysed + planned):
        b.analysis(client, today - timedelta(days=(75 - i) if client in planned else 10 - i % 6))

    first = b.meeting(today - timedelta(days=56), 10, MeetingStatus.HELD)
    second = b.meeting(today - timedelta(days=28), 10, MeetingStatus.HELD)
    for i, client in enumerate(planned):
        meeting = first if i < 6 else second
        # Four overdue, three due soon, the rest later.
        if i < 4:
            evaluate_on = today - timedelta(days=3 + 4 * i)
        elif i < 7:
            evaluate_on = today + timedelta(days=2 + 3 * (i - 4))
        else:
            evaluate_on = today + timedelta(days=40 + i)
        b.through_mdo(client, meeting, evaluate_on)
    for client in planned[9:12]:
        plan = Plan.objects.get(client=client)
        if plan.evaluate_on and plan.evaluate_on > today:
            b.evaluate(client, today - timedelta(days=2), today + timedelta(days=90))

    # Things changed after the plan: the analysis is done again (a revisit).
    for client in revisits:
        b.analysis(client, today - timedelta(days=5))

    upcoming = b.meeting(today + timedelta(days=6), 14, MeetingStatus.PLANNED)
    coordinator = _actor(people["coordinator"])
    outsider_item = analysed[0]
    # The social worker is not in this person's care team: in the MDO they see "no consent".
    CareTeamMember.objects.filter(client=outsider_item, person=people["social_worker"]).delete()
    for client in analysed[:4]:
        actions.agenda_add(
            actor=coordinator,
            client=client,
            meeting=upcoming,
            reason=AgendaReason.ANALYSIS_DONE,
            invited=b.pick([v.value for v in Invitation]),
        )
    actions.agenda_add(
        actor=coordinator,
        client=planned[4],
        meeting=upcoming,
        reason=AgendaReason.EVALUATION_DUE,
        invited=Invitation.CLIENT,
    )
    for client in signalled[:2]:
        contact_person_set(
            actor=_actor(people["social_worker"]), client=client, person=people["social_worker"]
        )
