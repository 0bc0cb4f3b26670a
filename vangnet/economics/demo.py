"""The demo network's business case, built on its demo activity through the same actions.

The counts of the last year come from what the other demo builders left; the
rates, benefits and assumptions are illustrative figures for trying the tool out.
"""

from datetime import timedelta
from decimal import Decimal

from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.core.demo import DemoContext
from vangnet.directory.models import Network, Person
from vangnet.economics import actions
from vangnet.economics.models import (
    BenefitLine,
    CaseParty,
    CostCategory,
    CostLine,
    Participation,
    PartyKind,
    Phase,
    QualitativeBenefit,
    Timing,
)

RATES = {
    PartyKind.GP_PRACTICE: Decimal("95.00"),
    PartyKind.HOME_CARE: Decimal("68.00"),
    PartyKind.WELFARE: Decimal("58.00"),
    PartyKind.MUNICIPALITY: Decimal("62.00"),
    PartyKind.HOUSING: Decimal("55.00"),
    PartyKind.OTHER: Decimal("60.00"),
}
# (event, who gains, fewer per year, would have happened anyway, credited, yearly decline, why)
BENEFITS = [
    (
        "emergency_visit",
        PartyKind.HEALTH_INSURER,
        "24",
        "0.30",
        "0.50",
        "0.10",
        "Schatting van de huisartsen: twee SEH-bezoeken per maand minder.",
    ),
    (
        "ambulance_ride",
        PartyKind.HEALTH_INSURER,
        "10",
        "0.30",
        "0.50",
        "0.10",
        "Ongeveer de helft van de vermeden SEH-bezoeken ging per ambulance.",
    ),
    (
        "hospital_day",
        PartyKind.HEALTH_INSURER,
        "60",
        "0.40",
        "0.40",
        "0.10",
        "Minder crisisopnames na een val; gemiddeld zes dagen per opname.",
    ),
    (
        "nursing_home_day",
        PartyKind.CARE_OFFICE,
        "540",
        "0.50",
        "0.30",
        "0.15",
        "Drie mensen stellen de verhuizing naar het verpleeghuis een half jaar uit.",
    ),
    (
        "gp_home_visit",
        PartyKind.GP_PRACTICE,
        "40",
        "0.20",
        "0.60",
        "0.05",
        "Minder visites door vragen die het sociaal werk oppakt.",
    ),
    (
        "household_help_hour",
        PartyKind.MUNICIPALITY,
        "400",
        "0.30",
        "0.50",
        "0.10",
        "Vrijwilligers en buurthulp in plaats van een deel van de Wmo-uren.",
    ),
    (
        "informal_care_hour",
        PartyKind.OLDER_PEOPLE,
        "1500",
        "0.30",
        "0.40",
        "0.05",
        "Mantelzorgers worden ontlast door het vaste aanspreekpunt.",
    ),
]
GAINS = [
    (
        "Meer rust bij mantelzorgers",
        PartyKind.OLDER_PEOPLE,
        4,
        "Mantelzorgconsulent hoort het in bijna elk gesprek.",
    ),
    (
        "Korte lijnen tussen huisarts en sociaal werk",
        PartyKind.GP_PRACTICE,
        4,
        "Verwijzingen krijgen binnen vijf werkdagen een eerste contact.",
    ),
    (
        "Minder paniek in de nacht",
        PartyKind.HOME_CARE,
        3,
        "De avond- en nachtafspraken staan op de poster.",
    ),
]


def build(ctx: DemoContext) -> None:
    network: Network | None = ctx.shared.get("network") or Network.objects.first()
    coordinator: Person | None = ctx.shared.get("demo_people", {}).get("coordinator")
    if network is None or coordinator is None or coordinator.user is None:
        return
    actor = Actor(user=coordinator.user, access_point=AccessPoint.CLI)
    case = actions.case_create(
        actor=actor,
        network=network,
        title=f"Kosten en baten {network.name}",
        period_start=ctx.today - timedelta(days=364),
        period_end=ctx.today,
        horizon_years=5,
    )
    case.starting_situation = (
        "De huisartsen, de wijkverpleging en het welzijnswerk werken al samen rond "
        "kwetsbare ouderen, maar zonder vaste afspraken over geld. Het netwerk draait "
        "nu op tijdelijke projectsubsidie van de gemeente."
    )
    case.shared_ambition = "Met alle kwetsbare ouderen in de wijk op tijd een goed gesprek voeren."
    case.save(update_fields=["starting_situation", "shared_ambition"])
    parties = list(CaseParty.objects.filter(case=case))
    by_kind: dict[str, CaseParty] = {}
    for party in parties:
        party.hourly_rate = RATES.get(PartyKind(party.kind), Decimal(0))
        if party.kind == PartyKind.MUNICIPALITY and party.organisation_id is None:
            party.hourly_rate = Decimal(0)
        party.wants = {
            PartyKind.MUNICIPALITY: "Ouderen langer zelfstandig thuis, minder dure Wmo-zorg.",
            PartyKind.HEALTH_INSURER: "Minder spoedeisende hulp en ziekenhuisopnames.",
            PartyKind.CARE_OFFICE: "Later naar het verpleeghuis, als dat kan.",
            PartyKind.GP_PRACTICE: "Minder werkdruk en een vaste route naar het sociaal domein.",
            PartyKind.OLDER_PEOPLE: "Eén aanspreekpunt en zelf de regie houden.",
        }.get(PartyKind(party.kind), "")
        party.save(update_fields=["hourly_rate", "wants"])
        by_kind.setdefault(party.kind, party)
    actions.activity_prefill(actor=actor, case=case)

    runner = by_kind.get(PartyKind.WELFARE) or parties[0]
    running = [
        (CostCategory.COORDINATION, "Netwerkcoördinator, acht uur per week", "416", "60", "0"),
        (CostCategory.MEETINGS, "Netwerkoverleg, zes keer per jaar", "6", "120", "0"),
        (CostCategory.TRAINING, "Scholing samen signaleren", "2", "240", "500"),
        (CostCategory.ICT, "Vangnet: hosting en beheer", "0", "0", "3000"),
    ]
    for position, (category, description, count, minutes, money) in enumerate(running, 900):
        CostLine.objects.create(
            case=case,
            party=by_kind.get(PartyKind.MUNICIPALITY, runner)
            if category == CostCategory.ICT
            else runner,
            category=category,
            description=description,
            count_per_year=Decimal(count),
            minutes_each=Decimal(minutes),
            extra_money=Decimal(money),
            timing=Timing.FIRST_YEAR if category == CostCategory.TRAINING else Timing.EVERY_YEAR,
            position=position,
        )
    for position, (key, kind, quantity, dead, credited, decline, why) in enumerate(BENEFITS):
        gainer = by_kind.get(kind)
        if gainer is None:
            continue
        BenefitLine.objects.create(
            case=case,
            party=gainer,
            unit_key=key,
            quantity_per_year=Decimal(quantity),
            deadweight=Decimal(dead),
            attribution=Decimal(credited),
            drop_off=Decimal(decline),
            assumption=why,
            position=position,
        )
    for position, (text, kind, rating, evidence) in enumerate(GAINS):
        gainer = by_kind.get(kind)
        if gainer is not None:
            QualitativeBenefit.objects.create(
                case=case,
                party=gainer,
                description=text,
                rating=rating,
                evidence=evidence,
                position=position,
            )
    actions.unit_costs_set(
        case=case,
        own={
            "household_help_hour": (
                Decimal("36.50"),
                "Tarief uit het Wmo-contract van de gemeente voor dit jaar.",
            )
        },
    )
    actions.proposal_accept(actor=actor, case=case)
    for party in CaseParty.objects.filter(case=case, organisation__isnull=False):
        party.takes_part = Participation.YES
        party.save(update_fields=["takes_part"])
    case.phase_reached = int(Phase.DECISION)
    case.save(update_fields=["phase_reached"])
    ctx.shared["business_case"] = case
