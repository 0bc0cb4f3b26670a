"""The demo neighbourhood's social map: the fictional municipality of Vlietdal.

Everything here is synthetic. CBS code GM9901 and the district and neighbourhood codes
under it are not in use by CBS; organisation names are invented; email addresses end in
the reserved domain .example. Postcode areas 9901-9914 are real Dutch PC4 areas, used
only because every four-digit code is. Random choices come from ctx.rng only, so the
same seed gives the same neighbourhood.
"""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings

from vangnet.accounts.models import Role, User
from vangnet.core.demo import DemoContext
from vangnet.directory.importing import TYPE_DOMAIN
from vangnet.directory.models import (
    Area,
    AreaLevel,
    CostType,
    Discipline,
    Domain,
    Network,
    NetworkParty,
    Organisation,
    OrganisationType,
    Person,
    PostcodeArea,
    Service,
    StepAssignment,
    Tier,
)

T = OrganisationType
D = Discipline
# The tables (areas, organisations, services, who does what) live beside this module.
DATA = json.loads(Path(__file__).with_name("demo_vlietdal.json").read_text(encoding="utf-8"))
MUNICIPALITY: list[str] = DATA["municipality"]
DISTRICTS: list[list[Any]] = DATA["districts"]
STREETS: list[str] = DATA["streets"]
FIRST_NAMES: list[str] = DATA["first_names"]
SURNAMES: list[str] = DATA["surnames"]
GP_PRACTICE_KEYS = ("hap_vliet", "gc_molen", "hap_oost", "hap_dijk", "hap_dal")
WHOLE_MUNICIPALITY = ["GM9901"]


class Org(NamedTuple):
    """One organisation of the demo, as a row of the data file."""

    key: str
    name: str
    type: str
    tier: str | None
    home: str
    scope: list[str]
    staff: str
    domain: str | None
    office_hours: str
    out_of_hours: str


class Offer(NamedTuple):
    name: str
    needs: list[str]
    waiting_days: int | None
    when: str
    cost: str
    referral_required: bool
    description: str


ORGS = [Org(*row) for row in DATA["organisations"]]
OFFERS: dict[str, list[Offer]] = {
    key: [Offer(*row) for row in rows] for key, rows in DATA["offers"].items()
}
for _gp in GP_PRACTICE_KEYS:
    OFFERS[_gp] = [Offer(*row) for row in DATA["gp_offers"]]
# Step 6, carrying out and evaluating, is left out on purpose: the demo's one gap.
ASSIGNMENTS: list[list[Any]] = DATA["assignments"]


def _people_names(ctx: DemoContext, count: int) -> list[str]:
    pairs = ctx.rng.sample(range(len(FIRST_NAMES) * len(SURNAMES)), count)
    return [f"{FIRST_NAMES[p // len(SURNAMES)]} {SURNAMES[p % len(SURNAMES)]}" for p in pairs]


def _email_part(name: str) -> str:
    first, *rest = name.split(" ")
    last = "".join(rest).replace("Ö", "O").replace("ö", "o").replace("ü", "u").lower()
    return f"{first[0].lower()}.{last}"


def _domain_of(org: Org) -> str:
    slug = org.name.split(",")[0].lower()
    for old, new in (("ö", "o"), ("ë", "e"), ("&", "en"), (" ", "-")):
        slug = slug.replace(old, new)
    return f"{slug}.example"


def _areas(ctx: DemoContext) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    municipality = Area.objects.create(
        code=MUNICIPALITY[0], name=MUNICIPALITY[1], level=AreaLevel.MUNICIPALITY
    )
    areas[municipality.code] = municipality
    postcodes: dict[str, list[str]] = {}
    neighbourhoods: list[Area] = []
    for code, name, children in DISTRICTS:
        district = Area.objects.create(
            code=code, name=name, level=AreaLevel.DISTRICT, parent=municipality
        )
        areas[code] = district
        for child_code, child_name, pc4s in children:
            area = Area.objects.create(
                code=child_code, name=child_name, level=AreaLevel.NEIGHBOURHOOD, parent=district
            )
            areas[child_code] = area
            neighbourhoods.append(area)
            postcodes[child_code] = pc4s
            PostcodeArea.objects.bulk_create(PostcodeArea(postcode=pc, area=area) for pc in pc4s)
    ctx.shared["municipality"] = municipality
    ctx.shared["neighbourhoods"] = neighbourhoods
    ctx.shared["postcodes"] = postcodes
    return areas


def _confirmed(ctx: DemoContext, stale: bool) -> timedelta:
    limit = settings.VANGNET_STALE_AFTER_DAYS
    days = limit + ctx.rng.randint(20, 200) if stale else ctx.rng.randint(1, limit - 30)
    return timedelta(days=days, hours=ctx.rng.randint(0, 23))


def build(ctx: DemoContext) -> None:
    """The social map of Vlietdal: areas, about 40 organisations, 120 people, 80 services."""
    areas = _areas(ctx)
    postcodes = ctx.shared["postcodes"]
    orgs: dict[str, Organisation] = {}
    for index, spec in enumerate(ORGS):
        home = areas[spec.home]
        letters = "".join(ctx.rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2))
        org = Organisation.objects.create(
            name=spec.name,
            type=spec.type,
            domain=spec.domain or _default_domain(OrganisationType(spec.type)),
            agb_code=f"0199{index:04d}" if spec.type == T.GP_PRACTICE else "",
            street=f"{ctx.rng.choice(STREETS)} {ctx.rng.randint(1, 180)}",
            postcode=f"{ctx.rng.choice(postcodes[home.code])} {letters}",
            city="Dalhoven" if home.code == "BU99010303" else "Vlietdal",
            phone=f"0990-{200 + index * 7} {ctx.rng.randint(100, 999)}",
            email=f"info@{_domain_of(spec)}",
            website=f"https://www.{_domain_of(spec)}",
            office_hours=spec.office_hours,
            out_of_hours=spec.out_of_hours,
            description=_describe(spec),
            last_confirmed_at=ctx.now - _confirmed(ctx, stale=False),
        )
        org.areas.set([areas[code] for code in spec.scope])
        orgs[spec.key] = org

    people = _build_people(ctx, orgs)
    services = _build_services(ctx, orgs, people, areas)
    network = _build_network(ctx, orgs, people, areas)
    demo_people = {
        "coordinator": _first(people, "welzijn", D.NETWORK_COORDINATOR),
        "gp": _first(people, "gc_molen", D.GP),
        "poh": _first(people, "gc_molen", D.POH_ELDERLY),
        "district_nurse": _first(people, "thuiszorg", D.DISTRICT_NURSE),
        "social_worker": _first(people, "welzijn", D.SOCIAL_WORKER),
        "read_only": _first(people, "wonen", D.HOUSING_CONSULTANT),
        "outsider": _first(people, "ziekenhuis", D.GERIATRICIAN),
    }
    network.coordinator = demo_people["coordinator"]
    network.save(update_fields=["coordinator"])
    _make_stale(ctx, orgs, people, services, exclude=set(demo_people.values()))
    ctx.shared["network"] = network
    ctx.shared["organisations"] = orgs
    ctx.shared["demo_people"] = demo_people


def _default_domain(org_type: OrganisationType) -> Domain:
    return Domain(TYPE_DOMAIN.get(org_type, Domain.SOCIAL))


def _describe(spec: Org) -> str:
    where = "heel Vlietdal" if spec.scope == WHOLE_MUNICIPALITY else "een deel van Vlietdal"
    return f"{spec.name} werkt voor ouderen in {where}. Dit is een verzonnen organisatie."


def _build_people(ctx: DemoContext, orgs: dict[str, Organisation]) -> dict[str, list[Person]]:
    slots: list[tuple[str, str]] = []
    for spec in ORGS:
        for token in spec.staff.split():
            code, _, count = token.partition("*")
            slots += [(spec.key, code)] * int(count or 1)
    names = _people_names(ctx, len(slots))
    people: dict[str, list[Person]] = {}
    week = ["mon", "tue", "wed", "thu", "fri"]
    for (key, code), name in zip(slots, names, strict=True):
        spec = next(s for s in ORGS if s.key == key)
        volunteer = code in {D.VOLUNTEER, D.KEY_FIGURE}
        days = sorted(ctx.rng.sample(range(5), ctx.rng.randint(2, 5)))
        shares_private = volunteer and ctx.rng.random() < 0.5
        person = Person.objects.create(
            name=name,
            discipline=code,
            organisation=orgs[key],
            work_phone=""
            if volunteer
            else f"0990-{ctx.rng.randint(200, 799)} {ctx.rng.randint(100, 999)}",
            work_email=f"{_email_part(name)}@{_domain_of(spec)}",
            working_days=[week[d] for d in days],
            private_phone=f"06-{ctx.rng.randint(10000000, 99999999)}" if volunteer else "",
            show_private_contact=shares_private,
            last_confirmed_at=ctx.now - _confirmed(ctx, stale=False),
        )
        people.setdefault(key, []).append(person)
    return people


def _first(people: dict[str, list[Person]], key: str, discipline: Discipline) -> Person:
    return next(p for p in people[key] if p.discipline == discipline)


def _build_services(
    ctx: DemoContext,
    orgs: dict[str, Organisation],
    people: dict[str, list[Person]],
    areas: dict[str, Area],
) -> list[Service]:
    services: list[Service] = []
    for spec in ORGS:
        org = orgs[spec.key]
        for name, needs, waiting, when, cost, referral, what in OFFERS.get(spec.key, []):
            staff = people.get(spec.key, [])
            service = Service.objects.create(
                organisation=org,
                name=name
                if spec.key not in GP_PRACTICE_KEYS
                else f"{name} ({org.name.removeprefix('Huisartsenpraktijk ')})",
                description=what,
                audience="Ouderen in Vlietdal en hun mantelzorgers",
                how_to_access="Via de huisarts" if referral else "Bel of mail, of loop binnen",
                referral_required=referral,
                cost_type=CostType(cost),
                cost_note="Eigen bijdrage volgens de Wmo" if cost == "wmo" else "",
                waiting_days=None if waiting is None else max(0, waiting + ctx.rng.randint(-2, 4)),
                needs=list(needs),
                contact=ctx.rng.choice(staff) if staff else None,
                phone=org.phone,
                email=org.email,
                schedule=when,
                last_confirmed_at=ctx.now - _confirmed(ctx, stale=False),
            )
            service.areas.set([areas[code] for code in spec.scope])
            services.append(service)
    return services


def _build_network(
    ctx: DemoContext,
    orgs: dict[str, Organisation],
    people: dict[str, list[Person]],
    areas: dict[str, Area],
) -> Network:
    network = Network.objects.create(
        name="Netwerk Ouderen Vlietdal",
        slug="demo",
        description=(
            "Huisartsen, wijkverpleging, welzijn, de gemeente en vrijwilligers in Vlietdal "
            "werken samen voor kwetsbare ouderen die thuis wonen. Een verzonnen netwerk."
        ),
        night_and_weekend=(
            "Bel 's avonds, 's nachts en in het weekend de Huisartsenpost Vlietstreek: "
            "0990-200 200. Thuiszorg Vlietdal is dag en nacht bereikbaar: 0990-300 300. "
            "Bij levensgevaar: 112."
        ),
    )
    network.areas.set(ctx.shared["neighbourhoods"])
    for spec in ORGS:
        if spec.tier is None:
            continue
        staff = people.get(spec.key, [])
        NetworkParty.objects.create(
            network=network,
            organisation=orgs[spec.key],
            tier=Tier(spec.tier),
            linking_pin=staff[0] if staff else None,
            activities=_activities(Tier(spec.tier)),
        )
    for step, key, role, responsibility, when, office, evenings, nights, phone in ASSIGNMENTS:
        person = next((p for p in people.get(key, []) if p.discipline == role), None)
        StepAssignment.objects.create(
            network=network,
            step=step,
            organisation=orgs[key],
            discipline=role,
            person=person,
            responsibility=responsibility,
            when=when,
            office_hours=office,
            evenings=evenings,
            nights_weekends=nights,
            phone=phone,
        )
    return network


def _activities(tier: Tier) -> str:
    return {
        Tier.STEERING_GROUP: "Stuurgroep: koers, geld en afspraken tussen organisaties",
        Tier.CORE_TEAM: "Kernteam: signaleren, MDO en casusoverleg",
        Tier.OUTER_SHELL: "Schil: doet mee waar nodig en houdt het aanbod actueel",
    }[tier]


def _make_stale(
    ctx: DemoContext,
    orgs: dict[str, Organisation],
    people: dict[str, list[Person]],
    services: list[Service],
    *,
    exclude: set[Person],
) -> None:
    """A few entries not confirmed for longer than the stale period, each with an owner."""
    professional = Role.PROFESSIONAL.group()
    for key in ("fysio", "thuisadmin", "maaltijd"):
        keeper = next(p for p in people[key] if p not in exclude)
        owner = User.objects.create_user(
            email=keeper.work_email, password=None, full_name=keeper.name
        )
        owner.groups.add(professional)
        keeper.user = owner
        keeper.owner = owner
        keeper.last_confirmed_at = ctx.now - _confirmed(ctx, stale=True)
        keeper.save(update_fields=["user", "owner", "last_confirmed_at"])
        org = orgs[key]
        org.owner = owner
        org.last_confirmed_at = ctx.now - _confirmed(ctx, stale=True)
        org.save(update_fields=["owner", "last_confirmed_at"])
        for service in services:
            if service.organisation_id == org.pk:
                service.owner = owner
                service.last_confirmed_at = ctx.now - _confirmed(ctx, stale=True)
                service.save(update_fields=["owner", "last_confirmed_at"])
