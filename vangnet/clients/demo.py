"""Demo older people: about 300, with carers, care teams and consents, some partial or revoked."""

from datetime import date, timedelta
from random import Random

from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AccessPoint, AuditEvent
from vangnet.clients.models import (
    CareTeamMember,
    Client,
    ContactPerson,
    EmergencyAccessPolicy,
    IdentifyBy,
    InformalCarer,
    LegalRepresentative,
    LivingSituation,
    RepresentativeKind,
)
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.core.demo import DemoContext
from vangnet.directory.models import (
    Area,
    Discipline,
    Network,
    Organisation,
    OrganisationType,
    Person,
    PostcodeArea,
)

GIVEN_NAMES = [
    "Johanna",
    "Maria",
    "Cornelia",
    "Hendrika",
    "Wilhelmina",
    "Geertruida",
    "Anna",
    "Elisabeth",
    "Aaltje",
    "Trijntje",
    "Grietje",
    "Jantje",
    "Riek",
    "Toos",
    "Mien",
    "Bep",
    "Truus",
    "Ans",
    "Johannes",
    "Cornelis",
    "Hendrik",
    "Jacobus",
    "Pieter",
    "Willem",
    "Gerrit",
    "Jan",
    "Klaas",
    "Dirk",
    "Arie",
    "Kees",
    "Henk",
    "Wim",
    "Piet",
    "Theo",
    "Bram",
    "Sjaak",
    "Fatima",
    "Mohamed",
    "Ahmet",
    "Ayse",
    "Soekarni",
    "Ramdew",
]
FAMILY_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Prins",
    "Yilmaz",
    "El Amrani",
    "Ramdin",
]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Lindelaan",
    "Beukenlaan",
    "Schoolstraat",
    "Julianastraat",
    "Wilhelminastraat",
    "Emmastraat",
    "Vlietkade",
    "Havenstraat",
    "Brinkweg",
    "Zuiderpad",
    "Noordsingel",
    "Oranjeplein",
    "Rozenhof",
    "Eikenlaan",
    "Weverstraat",
]
RELATIONS = [
    "dochter",
    "zoon",
    "partner",
    "buurvrouw",
    "buurman",
    "schoondochter",
    "nicht",
    "vriendin",
]

CLIENT_COUNT = 300


def _care_person_pool(network: Network, demo_people: dict[str, Person]) -> list[Person]:
    disciplines = [
        Discipline.GP,
        Discipline.POH_ELDERLY,
        Discipline.DISTRICT_NURSE,
        Discipline.SOCIAL_WORKER,
        Discipline.ELDERLY_ADVISER,
        Discipline.DEMENTIA_CASE_MANAGER,
        Discipline.WMO_OFFICER,
    ]
    outsider = demo_people.get("outsider")
    pool = Person.objects.filter(discipline__in=disciplines).order_by("pk")
    if outsider is not None:
        pool = pool.exclude(pk=outsider.pk)
    return list(pool)


def _practice_for(
    i: int, focus: list[Person], practices: list[Organisation | None], rng: Random
) -> Organisation | None:
    """The GP practice; older people whom the demo GP follows are patients of that practice."""
    chosen = rng.choice(practices)
    if focus and focus[i % len(focus)].discipline == Discipline.GP:
        return focus[i % len(focus)].organisation
    return chosen


def _team_for(
    client: Client,
    i: int,
    focus: list[Person],
    gps_by_practice: dict[int, list[Person]],
    others: list[Person],
    rng: Random,
) -> list[Person]:
    """A realistic care team: the person's own GP, and one or two others of different roles."""
    members: list[Person] = []
    lead = focus[i % len(focus)] if focus else None
    if lead is not None and lead.discipline == Discipline.GP:
        members.append(lead)
    elif client.gp_practice_id in gps_by_practice:
        members.append(rng.choice(gps_by_practice[client.gp_practice_id]))
    # Every demo login sees a share of the older people.
    if lead is not None and lead.discipline != Discipline.GP:
        members.append(lead)
    disciplines = {m.discipline for m in members}
    for person in rng.sample(others, k=min(len(others), 6)):
        if len(members) >= 2 + rng.randrange(0, 2):
            break
        if person.discipline not in disciplines:
            members.append(person)
            disciplines.add(person.discipline)
    return members


# How many older people the read-only demo account follows, so the role has something to show.
READ_ONLY_FOLLOWS = 3


def _read_only_observer(
    observer: Person | None, clients: list[Client], consents: list[Consent], *, since: date
) -> list[CareTeamMember]:
    """The read-only demo account looks along in a few care teams whose consent covers the plan."""
    if observer is None:
        return []
    chosen = [
        client
        for client, consent in zip(clients, consents, strict=True)
        if consent.revoked_at is None and DataCategory.PLAN in consent.categories
    ][:READ_ONLY_FOLLOWS]
    return [
        CareTeamMember(client=client, person=observer, role="meekijker (alleen lezen)", since=since)
        for client in chosen
    ]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    network: Network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    demo_people: dict[str, Person] = ctx.shared.get("demo_people", {})
    neighbourhoods: list[Area] = ctx.shared.get("neighbourhoods") or list(
        Area.objects.filter(level="neighbourhood", networks=network)
    )
    postcodes = {
        pc.area_id: pc.postcode for pc in PostcodeArea.objects.filter(area__in=neighbourhoods)
    }
    practices: list[Organisation | None] = [
        *Organisation.objects.filter(type=OrganisationType.GP_PRACTICE).order_by("pk")
    ] or [None]
    pool = _care_person_pool(network, demo_people)
    gps_by_practice: dict[int, list[Person]] = {}
    for person in pool:
        if person.discipline == Discipline.GP:
            gps_by_practice.setdefault(person.organisation_id, []).append(person)
    others = [p for p in pool if p.discipline != Discipline.GP]
    focus = [
        demo_people[k]
        for k in ("gp", "poh", "district_nurse", "social_worker", "coordinator")
        if k in demo_people
    ]
    today = ctx.today
    registrar = demo_people.get("coordinator")
    registrar_user = registrar.user if registrar else None

    clients = []
    for i in range(CLIENT_COUNT):
        area = neighbourhoods[i % len(neighbourhoods)] if neighbourhoods else None
        pc4 = postcodes.get(area.pk, "9999")[:4] if area else "9999"
        age = rng.choices(range(67, 101), weights=[6] * 8 + [8] * 10 + [5] * 10 + [2] * 6)[0]
        born = today - timedelta(days=age * 365 + rng.randrange(365))
        clients.append(
            Client(
                given_name=rng.choice(GIVEN_NAMES),
                family_name=rng.choice(FAMILY_NAMES),
                date_of_birth=born,
                street=f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
                postcode=f"{pc4} {chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}",
                city="Vlietdal",
                phone=f"06{rng.randrange(10_000_000, 99_999_999)}",
                living_situation=rng.choices(
                    [s.value for s in LivingSituation], weights=[45, 35, 8, 10, 2]
                )[0],
                neighbourhood=area,
                network=network,
                gp_practice=_practice_for(i, focus, practices, rng),
                registered_at=ctx.now - timedelta(days=rng.randrange(10, 700)),
                registered_by=registrar_user,
            )
        )
    Client.objects.bulk_create(clients)
    # The demo's older people have no BSN, so emergency access finds them by their address.
    EmergencyAccessPolicy.objects.create(network=network, identify_by=IdentifyBy.ADDRESS)

    carers, representatives, team, contacts, consents = [], [], [], [], []
    for i, client in enumerate(clients):
        if rng.random() < 0.6:
            carers.append(
                InformalCarer(
                    client=client,
                    name=f"{rng.choice(GIVEN_NAMES)} {client.family_name}",
                    relation=rng.choice(RELATIONS),
                    phone=f"06{rng.randrange(10_000_000, 99_999_999)}",
                    is_primary=True,
                )
            )
        if rng.random() < 0.05:
            representatives.append(
                LegalRepresentative(
                    client=client,
                    name=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                    kind=rng.choice([k.value for k in RepresentativeKind]),
                )
            )
        members = _team_for(client, i, focus, gps_by_practice, others, rng)
        since = today - timedelta(days=rng.randrange(20, 600))
        seen: set[int] = set()
        for person in members:
            if person.pk in seen:
                continue
            seen.add(person.pk)
            team.append(
                CareTeamMember(
                    client=client,
                    person=person,
                    role=str(person.get_discipline_display()),
                    since=since,
                    added_by=registrar_user,
                )
            )
        if rng.random() < 0.9:
            contacts.append(
                ContactPerson(
                    client=client,
                    person=next((m for m in members if m.discipline != Discipline.GP), members[0]),
                    since=ctx.now - timedelta(days=rng.randrange(5, 300)),
                    assigned_by=registrar_user,
                )
            )
        given_on = since + timedelta(days=rng.randrange(0, 10))
        roll = rng.random()
        if roll < 0.75:
            categories, purposes = list(DataCategory.values), list(Purpose.values)
        elif roll < 0.92:
            # Partial: the person shares who they are and the signals, not the rest.
            categories = [DataCategory.IDENTITY, DataCategory.SIGNALS]
            purposes = [Purpose.EARLY_DETECTION, Purpose.REFERRAL, Purpose.CARE_PLAN]
        else:
            categories, purposes = list(DataCategory.values), list(Purpose.values)
        consent = Consent(
            client=client,
            categories=categories,
            purposes=purposes,
            scope=RecipientScope.CARE_TEAM,
            given_by=GivenBy.CLIENT if rng.random() < 0.93 else GivenBy.REPRESENTATIVE,
            method=rng.choice([m.value for m in ConsentMethod]),
            given_on=min(given_on, today),
            recorded_by=registrar_user,
        )
        if consent.given_by == GivenBy.REPRESENTATIVE:
            consent.representative_name = f"{rng.choice(GIVEN_NAMES)} {client.family_name}"
        if roll >= 0.92:
            consent.revoked_at = ctx.now - timedelta(days=rng.randrange(1, 30))
            consent.revoked_by = registrar_user
            consent.revocation_note = "De oudere wil niet meer dat gegevens worden gedeeld."
        consents.append(consent)
    team += _read_only_observer(demo_people.get("read_only"), clients, consents, since=today)
    InformalCarer.objects.bulk_create(carers)
    LegalRepresentative.objects.bulk_create(representatives)
    CareTeamMember.objects.bulk_create(team)
    ContactPerson.objects.bulk_create(contacts)
    Consent.objects.bulk_create(consents)
    log_accesses(
        actor=Actor(registrar_user, access_point=AccessPoint.CLI),
        event=AuditEvent.CREATE,
        client_ids=[c.pk for c in clients],
        data_category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
        objects=["demo-load"],
    )
    ctx.shared["clients"] = clients
