"""Demo early detection for Vlietdal: the coordination point, activities and open signals.

The activities are laid out so that the registry shows exactly one overlap (the welfare
organisation's house visits in Molenwijk and the GP questionnaire for all of Vlietkant) and
exactly one gap (nobody reaches 65 to 74 year olds in Oosterpolder-Zuid). The signals come
from a volunteer, a pharmacy courier, a neighbour, a family member and a professional;
some are past their term. Everything is invented.
"""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone

from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.clients.models import CareTeamMember, Client, ContactPerson
from vangnet.core.demo import DemoContext
from vangnet.detection import actions
from vangnet.detection.models import (
    ActivityKind,
    CloseReason,
    CoordinationPoint,
    EarlyDetectionActivity,
    Frequency,
    Instrument,
    PersonKnows,
    ReporterKind,
    Signal,
    SignalCategory,
    Urgency,
)
from vangnet.detection.sla import due_at, terms_for
from vangnet.directory.models import Area, Network, Organisation, Person


class Plan(NamedTuple):
    name: str
    kind: ActivityKind
    org: str
    ages: tuple[int, int | None]
    areas: tuple[str, ...]
    criteria: str
    instrument: Instrument
    frequency: Frequency
    started_days_ago: int
    # None: no end date; negative: ended that many days ago.
    ends_in_days: int | None = None
    instrument_note: str = ""


ACTIVITIES = [
    Plan(
        "Jaarlijkse vragenlijst 75-plussers De Vliet",
        ActivityKind.QUESTIONNAIRE,
        "hap_vliet",
        (75, None),
        ("WK990101",),
        "Alle ingeschreven patiënten van 75 jaar en ouder.",
        Instrument.TFI,
        Frequency.YEARLY,
        900,
    ),
    Plan(
        "Vragenlijst kwetsbaarheid Molenwijk",
        ActivityKind.QUESTIONNAIRE,
        "gc_molen",
        (75, None),
        ("WK990102",),
        "Alle patiënten van 75 jaar en ouder; bij een hoge score volgt een huisbezoek door de POH.",
        Instrument.GFI,
        Frequency.YEARLY,
        700,
    ),
    Plan(
        "Kwetsbaarheid in beeld Oosterpolder",
        ActivityKind.SCREENING,
        "hap_oost",
        (75, None),
        ("BU99010301", "BU99010302"),
        "Tijdens het spreekuur bij iedereen van 75 jaar en ouder.",
        Instrument.PRISMA7,
        Frequency.ONGOING,
        500,
    ),
    Plan(
        "Vragenlijst 75+ Dalhoven",
        ActivityKind.QUESTIONNAIRE,
        "hap_dal",
        (75, None),
        ("BU99010303",),
        "Alle patiënten van 75 jaar en ouder.",
        Instrument.GFI,
        Frequency.TWO_YEARLY,
        400,
    ),
    Plan(
        "Vitaal Thuis 65-74",
        ActivityKind.PREVENTION,
        "gemeente",
        (65, 74),
        ("WK990101", "WK990102"),
        "Inwoners van 65 tot en met 74 jaar krijgen een uitnodiging voor een gesprek over "
        "gezond en veilig thuis wonen.",
        Instrument.ZRM,
        Frequency.ONCE,
        300,
        ends_in_days=430,
        instrument_note="korte versie",
    ),
    Plan(
        "Bezoekdienst Maatjes",
        ActivityKind.VOLUNTEER_VISITS,
        "maatjes",
        (65, 74),
        ("BU99010301", "BU99010303"),
        "Wie alleen woont en weinig mensen ziet; aanmelden kan ook door buren of familie.",
        Instrument.CONVERSATION,
        Frequency.ONGOING,
        250,
    ),
    # The one overlap: the GP questionnaire above already reaches these people.
    Plan(
        "Huisbezoek bij 75 jaar",
        ActivityKind.HOUSE_VISITS,
        "welzijn",
        (75, 84),
        ("BU99010201",),
        "Iedereen die 75 wordt krijgt een brief en een bezoek van een ouderenadviseur.",
        Instrument.OWN,
        Frequency.MILESTONE,
        200,
        instrument_note="eigen gesprekslijst Welzijn Vlietdal",
    ),
    # Ended: it neither overlaps nor fills a gap now.
    Plan(
        "Pilot huisbezoek 80-plus Havenkwartier",
        ActivityKind.HOUSE_VISITS,
        "thuiszorg",
        (80, None),
        ("BU99010102",),
        "Afgelopen pilot: wie 80 jaar of ouder is en geen thuiszorg heeft.",
        Instrument.TFI,
        Frequency.ONCE,
        800,
        ends_in_days=-400,
    ),
]


def _working_days_ago(now: datetime, days: int, at: time) -> datetime:
    day = timezone.localtime(now).date()
    while days > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return timezone.make_aware(datetime.combine(day, at))


def _build_activities(ctx: DemoContext, network: Network, orgs: dict[str, Organisation]) -> None:
    areas = {a.code: a for a in Area.objects.all()}
    for plan in ACTIVITIES:
        organisation = orgs.get(plan.org)
        if organisation is None or any(code not in areas for code in plan.areas):
            continue
        activity = EarlyDetectionActivity.objects.create(
            network=network,
            name=plan.name,
            kind=plan.kind,
            organisation=organisation,
            age_from=plan.ages[0],
            age_to=plan.ages[1],
            criteria=plan.criteria,
            instrument=plan.instrument,
            instrument_note=plan.instrument_note,
            frequency=plan.frequency,
            starts_on=ctx.today - timedelta(days=plan.started_days_ago),
            ends_on=(
                None if plan.ends_in_days is None else ctx.today + timedelta(days=plan.ends_in_days)
            ),
            contact_person=Person.objects.filter(organisation=organisation).order_by("pk").first(),
        )
        activity.areas.set([areas[code] for code in plan.areas])


def _backdate(signal: Signal, received: datetime) -> None:
    due = due_at(received, signal.urgency == Urgency.URGENT, terms_for(signal.network))
    Signal.objects.filter(pk=signal.pk).update(received_at=received, due_at=due)
    signal.steps.update(at=received)
    signal.received_at, signal.due_at = received, due


def _clients_with_contact_account(network: Network) -> list[Client]:
    rows = (
        ContactPerson.objects.filter(
            client__network=network, until__isnull=True, person__user__isnull=False
        )
        .select_related("client")
        .order_by("client_id")
    )
    return [row.client for row in rows]


def _public(
    ctx: DemoContext, network: Network, data: dict[str, object], received: datetime
) -> Signal:
    signal = actions.signal_report(network=network, data=data, now=received)
    _backdate(signal, received)
    return signal


def _build_signals(ctx: DemoContext, network: Network, people: dict[str, Person]) -> None:
    coordinator = people.get("coordinator")
    coordinator_user = coordinator.user if coordinator else None
    desk = Actor(coordinator_user, access_point=AccessPoint.CLI)
    known = _clients_with_contact_account(network)
    now = ctx.now

    _public(
        ctx,
        network,
        {
            "reporter_kind": ReporterKind.VOLUNTEER,
            "subject_name": "meneer Hoogeveen",
            "subject_street": "Havenstraat 14",
            "subject_town": "Vlietdal",
            "subject_age_band": "85_plus",
            "categories": [SignalCategory.LONELINESS, SignalCategory.EATING],
            "description": (
                "Ik breng elke week de warme maaltijd. Meneer eet zijn eten niet meer op en "
                "zegt dat hij niemand meer ziet sinds zijn vrouw is overleden."
            ),
            "person_knows": PersonKnows.YES,
            "urgency": Urgency.NORMAL,
            "reporter_name": "Ineke, vrijwilliger Maaltijdservice",
            "reporter_contact": "06-41 22 33 44",
        },
        _working_days_ago(now, 2, time(11, 20)),
    )
    if len(known) >= 3:
        courier_client, neighbour_client, routed_client = known[0], known[1], known[2]
        _public(
            ctx,
            network,
            {
                "reporter_kind": ReporterKind.COURIER,
                "subject_name": f"mevrouw {courier_client.family_name.lower()}",
                "subject_street": courier_client.street.lower(),
                "subject_town": courier_client.city,
                "subject_age_band": "85_plus" if courier_client.age >= 85 else "75_84",
                "categories": [SignalCategory.FALLS, SignalCategory.HOME],
                "description": (
                    "Bij het bezorgen van de medicijnen deed mevrouw heel langzaam open. Ze heeft "
                    "blauwe plekken op haar armen en zegt dat ze vannacht is gevallen. De "
                    "medicijnen van vorige week liggen nog dicht op tafel."
                ),
                "person_knows": PersonKnows.YES,
                "urgency": Urgency.URGENT,
                "reporter_name": "Bezorgdienst Apotheek De Vliet",
                "reporter_contact": "0990-230 230",
            },
            _working_days_ago(now, 1, time(15, 5)),
        )
        neighbour = _public(
            ctx,
            network,
            {
                "reporter_kind": ReporterKind.NEIGHBOUR,
                "subject_name": f"{neighbour_client.given_name} {neighbour_client.family_name}",
                "subject_street": neighbour_client.street.replace("straat", "str."),
                "subject_postcode": neighbour_client.postcode,
                "subject_age_band": "75_84",
                "categories": [SignalCategory.MEMORY, SignalCategory.MONEY],
                "description": (
                    "Mijn buurman vergeet de laatste tijd veel. Hij belde twee keer bij ons aan "
                    "omdat hij zijn sleutels kwijt was, en er ligt een stapel ongeopende post."
                ),
                "person_knows": PersonKnows.NO,
                "urgency": Urgency.NORMAL,
            },
            _working_days_ago(now, 8, time(9, 40)),
        )
        if coordinator_user is not None:
            actions.signal_start_triage(actor=desk, signal=neighbour)
        _routed_family_signal(ctx, network, people, routed_client, desk)
    _professional_signal(ctx, network, people)
    _earlier_signals(ctx, network, people, desk)


def _routed_family_signal(
    ctx: DemoContext, network: Network, people: dict[str, Person], client: Client, desk: Actor
) -> None:
    signal = _public(
        ctx,
        network,
        {
            "reporter_kind": ReporterKind.FAMILY,
            "subject_name": client.full_name,
            "subject_street": client.street,
            "subject_postcode": client.postcode,
            "subject_age_band": "75_84",
            "categories": [SignalCategory.CARER],
            "description": (
                "Ik ben de dochter. Mijn vader zorgt dag en nacht voor mijn moeder en is op. "
                "Hij wil het zelf niet vragen."
            ),
            "person_knows": PersonKnows.YES,
            "urgency": Urgency.NORMAL,
            "reporter_name": "Dochter",
            "reporter_contact": "06-55 66 77 88",
        },
        _working_days_ago(ctx.now, 3, time(16, 45)),
    )
    contact = client.current_contact_person()
    if desk.user is None or contact is None:
        return
    actions.signal_start_triage(actor=desk, signal=signal)
    actions.signal_link_client(actor=desk, signal=signal, client_id=client.pk)
    actions.signal_route(actor=desk, signal=signal, recipient=contact.person)


def _professional_signal(ctx: DemoContext, network: Network, people: dict[str, Person]) -> None:
    poh = people.get("poh")
    if poh is None or poh.user is None:
        return
    member = (
        CareTeamMember.objects.active()
        .filter(person=poh, client__network=network)
        .select_related("client__neighbourhood", "client__network")
        .order_by("client_id")
        .first()
    )
    if member is None:
        return
    signal = actions.signal_record(
        actor=Actor(poh.user, access_point=AccessPoint.CLI),
        network=network,
        client=member.client,
        data={
            "categories": [SignalCategory.EATING, SignalCategory.CARER],
            "description": (
                "Sinds de ziekenhuisopname in het najaar 5 kilo afgevallen. De dochter geeft aan "
                "dat ze de zorg niet meer volhoudt."
            ),
            "person_knows": PersonKnows.YES,
            "urgency": Urgency.NORMAL,
        },
    )
    _backdate(signal, ctx.now - timedelta(hours=1, minutes=10))


def _earlier_signals(
    ctx: DemoContext, network: Network, people: dict[str, Person], desk: Actor
) -> None:
    """Two older signals, so the queue's other tabs and the history are not empty."""
    social_worker = people.get("social_worker")
    if desk.user is None or social_worker is None or social_worker.user is None:
        return
    first = _public(
        ctx,
        network,
        {
            "reporter_kind": ReporterKind.NEIGHBOUR,
            "subject_name": "mevrouw Brinkman",
            "subject_street": "Kerkstraat 40",
            "subject_town": "Vlietdal",
            "subject_age_band": "75_84",
            "categories": [SignalCategory.LONELINESS],
            "description": "Ik zie mevrouw bijna nooit meer buiten. De gordijnen blijven dicht.",
            "person_knows": PersonKnows.UNSURE,
            "urgency": Urgency.NORMAL,
        },
        _working_days_ago(ctx.now, 6, time(10, 0)),
    )
    actions.signal_start_triage(actor=desk, signal=first)
    actions.signal_route(actor=desk, signal=first, recipient=social_worker)
    actions.signal_pick_up(
        actor=Actor(social_worker.user, access_point=AccessPoint.CLI), signal=first
    )
    duplicate = _public(
        ctx,
        network,
        {
            "reporter_kind": ReporterKind.OTHER,
            "subject_name": "mevr. Brinkman",
            "subject_street": "Kerkstraat 40",
            "categories": [SignalCategory.LONELINESS],
            "description": "De gordijnen bij mevrouw Brinkman zijn al dagen dicht.",
            "person_knows": PersonKnows.UNSURE,
            "urgency": Urgency.NORMAL,
        },
        _working_days_ago(ctx.now, 5, time(14, 30)),
    )
    actions.signal_close(actor=desk, signal=duplicate, reason=CloseReason.DUPLICATE)


def build(ctx: DemoContext) -> None:
    network: Network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    people: dict[str, Person] = ctx.shared.get("demo_people", {})
    orgs: dict[str, Organisation] = ctx.shared.get("organisations", {})
    point = CoordinationPoint.objects.create(
        network=network,
        phone="0990-220 222",
        email="coordinatiepunt@welzijn-vlietdal.example",
        hours="ma t/m vr 9.00-17.00",
    )
    if people.get("coordinator") is not None:
        point.staff.add(people["coordinator"])
    _build_activities(ctx, network, orgs)
    _build_signals(ctx, network, people)
