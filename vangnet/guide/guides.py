"""The user guides per role, in plain Dutch (B1, formal "u").

One source for both forms: the page at ``/hulp/<slug>/`` and the Markdown file
in ``docs/handleiding/`` (``vangnet guides`` writes those files; a test checks
they are up to date). The guides are for Dutch users only, so their body is
Dutch and not marked for translation; the role's short name is.
Each text follows what the screens really do: see ``docs/`` (English) for detail.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    title: str
    text: tuple[str, ...] = ()
    # A numbered list: things to do in this order.
    steps: tuple[str, ...] = ()
    # A list of points in no particular order.
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    slug: str
    # The role, short, for links: "Guide for the {role}".
    label: Promise
    title: str
    intro: str
    sections: tuple[Section, ...] = field(default_factory=tuple)


LOG_IN = Section(
    "Inloggen",
    text=(
        "U logt in met uw e-mailadres en wachtwoord. Daarna vraagt Vangnet om een code uit de "
        "app op uw telefoon (twee stappen). Zo kan niemand anders met uw account inloggen.",
        "Na het inloggen ziet u de pagina Vandaag. Elke kaart telt wat op u wacht, zoals nieuwe "
        "signalen of verwijzingen. Klik op een kaart om de lijst te openen.",
    ),
)

HELP_ON_SCREEN = Section(
    "Hulp op elk scherm",
    text=(
        "Bovenaan de belangrijkste schermen staat „Hoe werkt dit?”. Klik erop voor een korte "
        "uitleg: waar het scherm voor is, wat u eerst doet en wat er met de gegevens gebeurt. "
        "Via die uitleg komt u ook bij deze handleiding.",
    ),
)

SIX_STEPS = Section(
    "De zes stappen rond een oudere",
    text=(
        "Rond elke oudere werkt het netwerk in zes stappen. Het is geen vaste volgorde: als het "
        "leven verandert, doet u een stap opnieuw. Vangnet bewaart elk moment; niets wordt "
        "overschreven.",
    ),
    steps=(
        "Signaleren: iemand merkt dat het minder goed gaat.",
        "Het gesprek: wat vindt de oudere belangrijk, in eigen woorden.",
        "De analyse: lichaam, geheugen, stemming, contacten, wonen, geld en het dagelijks leven.",
        "Het plan: gemaakt in een multidisciplinair overleg (MDO), met medische en sociale "
        "professionals en met de oudere als die dat wil.",
        "Eén aanspreekpunt: de vaste contactpersoon van de oudere.",
        "Uitvoeren en evalueren: op een afgesproken datum kijkt u samen terug.",
    ),
)

PRIVACY = Section(
    "Toestemming en wie keek",
    text=(
        "Niets wordt vanzelf gedeeld. U ziet een oudere alleen als u in het zorgteam zit én de "
        "oudere toestemming gaf. Anders zegt Vangnet dat de pagina niet bestaat.",
        "Bij Toestemming staat wat gedeeld mag worden, met wie, waarvoor en tot wanneer. "
        "Bespreek dit samen met de oudere of de vertegenwoordiger. Intrekken werkt meteen.",
        "Elke keer dat iemand gegevens opent, wijzigt, print of downloadt, schrijft Vangnet dat "
        "op. De oudere kan bij „Wie keek naar deze gegevens” zien wie keek, wat en wanneer.",
    ),
)

EMERGENCY = Section(
    "Noodtoegang",
    text=(
        "In een noodgeval kunt u de gegevens van een oudere één uur openen zonder zorgrelatie. "
        "U vult de gegevens in die de oudere precies aanwijzen en een reden. Dit kan maar een "
        "paar keer per dag. De coördinator krijgt er meteen bericht van en kijkt het na.",
    ),
)

WORRY = Section(
    "Een zorg doorgeven",
    text=(
        "Maakt u zich zorgen over een oudere? Kies Zorg melden in het menu. U heeft geen account "
        "nodig. Het formulier werkt ook op uw telefoon.",
    ),
    steps=(
        "Schrijf over wie het gaat: naam of een beschrijving, en het adres als u dat weet.",
        "Kies waar u zich zorgen over maakt, bijvoorbeeld vallen, vergeetachtigheid of "
        "eenzaamheid. Schrijf het in uw eigen woorden als u wilt.",
        "Zeg of de oudere het weet en of iemand vandaag moet gaan kijken.",
        "Uw eigen naam en telefoonnummer mag u invullen, maar het hoeft niet.",
        "Verstuur het. U krijgt een code van tien tekens. Schrijf die op.",
    ),
    points=(
        "De coördinator van het netwerk leest uw melding en geeft die alleen door aan iemand "
        "die kan helpen.",
        "De oudere hoort er zo mogelijk van, zonder uw naam als u dat niet wilt.",
        "Met de code kunt u nakijken of uw melding is ontvangen of opgepakt. U ziet geen namen "
        "en niet wie helpt.",
        "Is iemand nu in gevaar? Bel dan 112.",
    ),
)

SOCIAL_MAP = Section(
    "Wie doet wat",
    text=(
        "Wie doet wat is de sociale kaart van de wijk: organisaties, professionals en wat zij "
        "aanbieden. Zoek op een naam of op wat de oudere nodig heeft, bijvoorbeeld „eenzaam” of "
        "„valpreventie”. Bij elke organisatie staat hoe u die bereikt, ook ’s avonds en in het "
        "weekend. Op de sociale kaart staan geen gegevens van ouderen.",
    ),
)

DOSSIER = Section(
    "De pagina van een oudere",
    text=(
        "Kies Ouderen in het menu en zoek op naam, straat of postcode. De pagina van een oudere "
        "laat in één oogopslag zien hoe het gaat: het aanspreekpunt, het risicoprofiel, de zes "
        "stappen en de onderdelen Plan, Signalen, Verwijzingen, Screening, Zorgteam en Privacy.",
        "Is een onderdeel niet met u gedeeld? Dan staat dat er in gewone woorden, met wie u om "
        "toestemming kunt vragen. Onder „Wat er gebeurde” staat alles wat er gebeurde, het "
        "nieuwste eerst.",
    ),
)

SIGNAL_FROM_DOSSIER = Section(
    "Een signaal doorgeven als professional",
    text=(
        "Kent u de oudere al? Kies dan op de pagina van de oudere Signaal doorgeven. Is de "
        "oudere nieuw? Kies dan bij Signalen „Signaal over iemand nieuw doorgeven”. Kies waar de "
        "zorg over gaat, hoe dringend het is en schrijf een korte tekst.",
        "Bij „Al in beeld” ziet u welke organisaties de oudere al kennen. Zo voorkomt u dat "
        "twee mensen hetzelfde doen. Bij Signalen ziet u of uw signaal is opgepakt.",
    ),
)

SIGNALS_FOR_ME = Section(
    "Signalen voor u",
    text=(
        "Heeft de coördinator een signaal aan u doorgegeven? Dan krijgt u een bericht zonder "
        "naam, met een link. Open het signaal en kies „Ik pak dit op”. Degene die het signaal "
        "gaf, hoort dat het is opgepakt.",
        "Heeft u contact gehad en wil de oudere worden ingeschreven? Dan schrijft u de oudere in "
        "en wordt u het aanspreekpunt. Is het klaar, sluit het signaal dan met een reden.",
    ),
)

PLAN = Section(
    "Het gesprek, de analyse en het plan",
    text=(
        "Kies op de pagina van de oudere Traject en plan. Bovenaan staan de onderdelen Traject, "
        "Gesprek, Analyse, Plan, MDO en Evaluatie.",
    ),
    steps=(
        "Gesprek: schrijf op wat de oudere belangrijk vindt, in de eigen woorden van de oudere. "
        "Zet de doelen in het plan. De oudere mag de zes onderdelen van positieve gezondheid een "
        "cijfer geven, maar het hoeft niet. Schrijf ook op wat de mantelzorger zegt en "
        "nodig heeft.",
        "Analyse: schrijf per levensgebied op wat u vond, waar het vandaan komt en of verder "
        "onderzoek nodig is.",
        "Plan: bij elk doel schrijft u wat er gebeurt, wie het doet en wanneer. Dat kan een "
        "professional zijn, de mantelzorger, een vrijwilliger of de oudere zelf.",
        "Kies „Instemming en evaluatiedatum vastleggen” als de oudere het eens is met het plan. "
        "Elke wijziging maakt een nieuwe versie; bij „Geschiedenis van het plan” ziet u wie wat "
        "veranderde.",
    ),
    points=(
        "Mijn plan (om te printen) is het plan voor de oudere en de mantelzorger: in gewone "
        "woorden en grote letters, met het aanspreekpunt en wie ze ’s nachts kunnen bellen.",
    ),
)

EVALUATION = Section(
    "Evalueren",
    text=(
        "Op de evaluatiedatum kijkt het aanspreekpunt samen met de oudere terug. Kies Evaluatie "
        "en zet bij elk doel: bereikt, deels, niet bereikt of niet meer nodig. Schrijf op wat de "
        "oudere erover zegt en kies de volgende datum. Bent u te laat, dan krijgt u een bericht.",
    ),
)

MDO = Section(
    "Het MDO",
    text=(
        "In een multidisciplinair overleg (MDO) maken medische en sociale professionals samen het "
        "plan, met de oudere als die dat wil. Kies MDO in het menu voor de overleggen waar u aan "
        "meedoet.",
        "Per oudere op de agenda schrijven de deelnemers het verslag en de besluiten. Elk besluit "
        "wordt een actie in het plan, met een eigenaar en een datum. Heeft een oudere geen "
        "toestemming gegeven? Dan staat er „Geen toestemming” en geen naam.",
    ),
)

MY_WORK = Section(
    "Mijn cliënten en Mijn acties",
    points=(
        "Mijn cliënten: voor elke oudere van wie u het aanspreekpunt bent, wat er de komende "
        "14 dagen moet gebeuren: acties, evaluaties en MDO’s.",
        "Mijn acties: al uw open acties, de eerste eerst. Kies Klaar als een actie gedaan is.",
    ),
)

SCREENING = Section(
    "Screening",
    text=(
        "Kies op de pagina van de oudere „Screening en risicoprofiel” en dan Vragenlijst "
        "afnemen. U stelt de vragen, of de oudere vult zelf in op uw telefoon of tablet. Er is "
        "één vraag per scherm, met grote knoppen.",
        "Uit de uitkomst volgt een risicoprofiel: vitaal, kwetsbaar of complexe zorgvraag. Bij "
        "een nieuw profiel stelt Vangnet de coördinator een vervolg voor.",
    ),
)

GUIDES: dict[str, Guide] = {
    guide.slug: guide
    for guide in (
        Guide(
            slug="huisarts",
            label=_("GP and practice nurse"),
            title="Handleiding voor de huisarts en praktijkondersteuner",
            intro=(
                "Deze handleiding is voor de huisarts en de praktijkondersteuner (POH "
                "ouderenzorg). U leest hoe u ouderen op tijd vindt, snel verwijst naar sociaal "
                "werk en hoort hoe het gaat."
            ),
            sections=(
                LOG_IN,
                Section(
                    "Wie kunt u benaderen? Risicoselectie",
                    text=(
                        "Kies Risicoselectie in het menu. Upload een uitdraai uit uw "
                        "huisartsinformatiesysteem. Vangnet berekent voor iedereen van 75 jaar of "
                        "ouder een kwetsbaarheidsindex en zet hen in volgorde: de meest kwetsbare "
                        "eerst.",
                        "Alleen mensen van uw praktijk zien de lijst. U kunt de lijst downloaden "
                        "en verwijderen als u hem niet meer nodig heeft. Elke keer dat iemand de "
                        "lijst maakt, bekijkt of downloadt, schrijft Vangnet dat op.",
                    ),
                ),
                Section(
                    "Warm verwijzen naar sociaal werk",
                    text=(
                        "Kies op de pagina van de oudere Verwijzen naar sociaal werk. Of kies "
                        "Verwijzingen en dan Een oudere verwijzen.",
                    ),
                    steps=(
                        "Vraag eerst of de oudere het goed vindt. Zonder vinkje wordt de "
                        "verwijzing niet verstuurd.",
                        "Kies naar wie: meestal het vaste aanspreekpunt van het netwerk.",
                        "Schrijf de reden in één regel en kies het soort vraag: lichamelijk, "
                        "emotioneel of sociaal.",
                        "Kies hoe de oudere benaderd wil worden: telefoon, huisbezoek, via de "
                        "mantelzorger of op de praktijk.",
                        "Kies Verwijzing versturen. U ziet de datum waarop er contact moet zijn.",
                    ),
                    points=(
                        "Bij Verwijzingen ziet u waar elke verwijzing staat. De sociaal werker "
                        "laat weten wanneer er contact was, wat is afgesproken en na drie "
                        "maanden hoe het gaat.",
                        "U krijgt elk bericht ook in uw Postvak. Daar staat nooit een naam in, "
                        "alleen een link.",
                    ),
                ),
                DOSSIER,
                SIGNAL_FROM_DOSSIER,
                SCREENING,
                SIX_STEPS,
                MDO,
                SOCIAL_MAP,
                PRIVACY,
                EMERGENCY,
                HELP_ON_SCREEN,
            ),
        ),
        Guide(
            slug="wijkverpleegkundige",
            label=_("district nurse"),
            title="Handleiding voor de wijkverpleegkundige",
            intro=(
                "Deze handleiding is voor de wijkverpleegkundige. Vaak bent u het aanspreekpunt "
                "van een oudere met een complexe zorgvraag. U leest hoe u het gesprek voert, het "
                "plan maakt en op tijd evalueert."
            ),
            sections=(
                LOG_IN,
                DOSSIER,
                SIX_STEPS,
                Section(
                    "Aanspreekpunt zijn",
                    text=(
                        "Elke oudere heeft één aanspreekpunt. De coördinator of een collega kiest "
                        "dat op de pagina van de oudere, bij Zorgteam: Aanspreekpunt kiezen. Het "
                        "aanspreekpunt houdt het overzicht en evalueert het plan met de oudere.",
                    ),
                ),
                PLAN,
                EVALUATION,
                MY_WORK,
                MDO,
                SCREENING,
                SIGNALS_FOR_ME,
                SOCIAL_MAP,
                PRIVACY,
                EMERGENCY,
                HELP_ON_SCREEN,
            ),
        ),
        Guide(
            slug="sociaal-werker",
            label=_("social worker"),
            title="Handleiding voor de sociaal werker",
            intro=(
                "Deze handleiding is voor de sociaal werker en de ouderenadviseur. U leest hoe u "
                "verwijzingen en signalen ontvangt, de oudere binnen de termijn bereikt en "
                "terugkoppelt aan wie verwees."
            ),
            sections=(
                LOG_IN,
                Section(
                    "Verwijzingen ontvangen",
                    text=(
                        "Kies Verwijzingen in het menu. U ziet de verwijzingen voor uw "
                        "organisatie: nieuwe, die wachten op eerste contact, die in contact zijn "
                        "en waarvoor u na drie maanden moet vragen hoe het gaat. Verwijzingen "
                        "over de termijn zijn gemarkeerd. Begin daarmee.",
                    ),
                    steps=(
                        "Open de verwijzing en kies Deze verwijzing accepteren. U bent dan degene "
                        "die de verwijzing oppakt.",
                        "Neem contact op met de oudere, op de manier die de oudere wil. Kies "
                        "Eerste contact vastleggen met de datum.",
                        "Kies De hulp is begonnen als de hulp loopt.",
                        "Kies Afronden en terugkoppelen: wat is afgesproken en waarmee de oudere "
                        "begon. Dit gaat naar wie verwees.",
                        "Na ongeveer drie maanden: kies Vastleggen hoe het gaat.",
                    ),
                    points=(
                        "Wil de oudere het niet, of past een andere organisatie beter? Daar zijn "
                        "aparte knoppen voor. Een fout maakt u ongedaan met Eén stap terug.",
                        "Is de termijn voorbij zonder contact? Dan krijgt de coördinator een "
                        "bericht.",
                    ),
                ),
                SIGNALS_FOR_ME,
                Section(
                    "Aanspreekpunt voor een kwetsbare oudere",
                    text=(
                        "Heeft een oudere het profiel kwetsbaar? Dan is vaak iemand uit het "
                        "sociaal domein het aanspreekpunt, bijvoorbeeld de ouderenadviseur. Als "
                        "aanspreekpunt voert u het gesprek, maakt u het plan mee en evalueert u "
                        "het met de oudere.",
                    ),
                ),
                PLAN,
                EVALUATION,
                MY_WORK,
                MDO,
                SOCIAL_MAP,
                PRIVACY,
                HELP_ON_SCREEN,
            ),
        ),
        Guide(
            slug="coordinator",
            label=_("network coordinator"),
            title="Handleiding voor de coördinator",
            intro=(
                "Deze handleiding is voor de coördinator van het netwerk en de medewerkers van "
                "het coördinatiepunt. U leest hoe u het netwerk inricht, signalen beoordeelt, "
                "het MDO organiseert en toezicht houdt op privacy."
            ),
            sections=(
                LOG_IN,
                Section(
                    "Het netwerk en wie doet wat",
                    text=(
                        "Kies Netwerken in het menu. Bij uw netwerk ziet u de partijen, het "
                        "coördinatiepunt en wie wat doet in elke stap. Houd de sociale kaart "
                        "actueel: bij elke organisatie en dienst staat wanneer die voor het "
                        "laatst is bevestigd. De eigenaar krijgt een herinnering als dat te lang "
                        "geleden is.",
                        "De sociale kaart kunt u ook printen als poster voor de wachtkamer.",
                    ),
                ),
                Section(
                    "Signalen beoordelen (triage)",
                    text=(
                        "Kies Signalen en dan Werkvoorraad signalen. U ziet elk open signaal van "
                        "uw netwerken, het dringendste eerst, met de tijd die nog over is. In "
                        "deze lijst staan geen namen.",
                    ),
                    steps=(
                        "Open een signaal en kies Beginnen met beoordelen. Pas zo nodig aan hoe "
                        "dringend het is.",
                        "Is het iemand die al bekend is? Kies dan Dit is dezelfde persoon en geef "
                        "het signaal door aan het aanspreekpunt of de huisartsenpraktijk.",
                        "Is het iemand nieuws die toestemming gaf? Schrijf de oudere in, kies het "
                        "eerste aanspreekpunt en geef het door.",
                        "Moet er eerst contact zijn? Geef het door aan iemand die contact opneemt.",
                        "Sluit een signaal altijd met een reden.",
                    ),
                    points=(
                        "Wie het signaal ontvangt, krijgt een bericht zonder naam. Wie de zorg "
                        "meldde, ziet vanaf dan „Opgepakt”.",
                    ),
                ),
                Section(
                    "Verwijsafspraken",
                    text=(
                        "Bij Verwijzingen, Verwijsafspraken per netwerk, legt u vast wie "
                        "verwijzingen ontvangt, "
                        "binnen hoeveel werkdagen er contact moet zijn (standaard 5) en wanneer "
                        "wordt gevraagd hoe het gaat (standaard na 91 dagen). Bij „Cijfers: werkt "
                        "de route?” ziet u of verwijzingen op tijd worden opgepakt.",
                    ),
                ),
                Section(
                    "Het MDO organiseren",
                    text=(
                        "Kies MDO en dan Overleg plannen. Kies datum, tijd, plaats en de "
                        "deelnemers: zowel uit het medisch als uit het sociaal domein. Zet "
                        "ouderen op de agenda. U ziet alleen ouderen die u voor het MDO mag zien "
                        "en bij wie een plan nodig is of de evaluatie eraan komt.",
                        "Tijdens het overleg schrijven de deelnemers het verslag. Elk besluit "
                        "wordt een actie in het plan.",
                    ),
                ),
                Section(
                    "Vervolg na screening",
                    text=(
                        "Kies Vervolgacties. Als een screening het risicoprofiel van iemand "
                        "verandert, stelt Vangnet een vervolg voor dat past bij het profiel.",
                    ),
                    points=(
                        "Vitaal: uitnodigen voor groepsactiviteiten en informatie sturen.",
                        "Kwetsbaar: een casemanager uit het sociaal domein, bijvoorbeeld de "
                        "ouderenadviseur.",
                        "Complexe zorgvraag: de wijkverpleegkundige als casemanager.",
                        "Regel het en kies Gedaan of Niet nodig. Een naam ziet u alleen als de "
                        "toestemming van de oudere dat toelaat.",
                    ),
                ),
                SIX_STEPS,
                PRIVACY,
                Section(
                    "Toegangslog en noodtoegang nakijken",
                    text=(
                        "Kies Toegangslog. U ziet elke keer dat iemand gegevens van een oudere "
                        "opende, wijzigde, printte of downloadde. Het log kan niemand veranderen.",
                        "Bij Noodtoegang nakijken ziet u elk gebruik van noodtoegang. Leg vast of "
                        "het terecht was. Daar stelt u ook per netwerk in welke rollen noodtoegang "
                        "mogen gebruiken.",
                        "Vraagt een oudere om alle eigen gegevens? Kies op de pagina van de "
                        "oudere, bij Privacy, Alle gegevens downloaden (PDF). Wil een oudere dat "
                        "alles wordt gewist? Dat kan alleen een coördinator, met Alle gegevens "
                        "wissen.",
                    ),
                ),
                Section(
                    "Kosten en baten",
                    text=(
                        "Kies Kosten en baten om samen met de partners een business case te "
                        "maken, in vier fasen: het eerste gesprek, de berekening, het gesprek over "
                        "de baten en het besluit. Elke partij ziet wat zij erin stopt en wat zij "
                        "terugkrijgt. Er staan geen gegevens van ouderen in.",
                    ),
                ),
                HELP_ON_SCREEN,
            ),
        ),
        Guide(
            slug="vrijwilliger",
            label=_("volunteer"),
            title="Handleiding voor de vrijwilliger",
            intro=(
                "Deze handleiding is voor vrijwilligers, buren, bezorgers en mantelzorgers. U "
                "heeft geen account nodig. U leest hoe u een zorg over een oudere doorgeeft en hoe "
                "u hoort dat die is opgepakt."
            ),
            sections=(
                WORRY,
                Section(
                    "Is uw melding opgepakt?",
                    text=(
                        "Kies „Nakijken met uw code” na het versturen, of op het formulier „Ik "
                        "heb al een zorg gemeld en heb een code”. U ziet Ontvangen of Opgepakt. "
                        "Meer staat er niet, om de oudere te beschermen. Een verkeerde code geeft "
                        "hetzelfde antwoord als een onbekende code.",
                    ),
                ),
                SOCIAL_MAP,
                Section(
                    "Wat gebeurt er met uw melding?",
                    text=(
                        "Uw melding bevat alleen wat nodig is. De coördinator bekijkt hem en geeft "
                        "hem door aan de huisarts of het aanspreekpunt van de oudere. Vangnet "
                        "bewaart de melding niet langer dan nodig.",
                    ),
                ),
            ),
        ),
        Guide(
            slug="alleen-lezen",
            label=_("reader (read only)"),
            title="Handleiding voor meelezers (alleen lezen)",
            intro=(
                "Deze handleiding is voor wie een account heeft om mee te lezen, bijvoorbeeld een "
                "stagiair of een adviseur. U kunt kijken, maar niets veranderen of versturen."
            ),
            sections=(
                LOG_IN,
                Section(
                    "Wat u ziet",
                    text=(
                        "Op de pagina Vandaag ziet u de kaarten die u kunt openen: ouderen, "
                        "signalen, overleggen en berichten. U ziet alleen ouderen die u helpt en "
                        "die daar toestemming voor gaven.",
                        "Formulieren om iets te wijzigen ziet u niet. Noodtoegang kunt u niet "
                        "gebruiken.",
                    ),
                ),
                DOSSIER,
                SIX_STEPS,
                MDO,
                PRIVACY,
                HELP_ON_SCREEN,
            ),
        ),
    )
}


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown, for ``docs/handleiding/``."""
    lines = [f"# {guide.title}", "", guide.intro, ""]
    for section in guide.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.text:
            lines += [paragraph, ""]
        if section.steps:
            lines += [f"{number}. {step}" for number, step in enumerate(section.steps, 1)]
            lines.append("")
        if section.points:
            lines += [f"- {point}" for point in section.points]
            lines.append("")
    lines.append(f"In Vangnet staat deze handleiding op `/hulp/{guide.slug}/`, om te printen.")
    return "\n".join(lines) + "\n"


def index_markdown() -> str:
    """The list of guides, for ``docs/handleiding/README.md``."""
    lines = ["# Handleidingen", "", "Een handleiding per rol, in gewone woorden.", ""]
    lines += [f"- [{guide.title}]({guide.slug}.md)" for guide in GUIDES.values()]
    return "\n".join(lines) + "\n"


def markdown_files() -> dict[str, str]:
    """File name to text, for every file in ``docs/handleiding/``."""
    files = {"README.md": index_markdown()}
    files.update({f"{guide.slug}.md": to_markdown(guide) for guide in GUIDES.values()})
    return files
