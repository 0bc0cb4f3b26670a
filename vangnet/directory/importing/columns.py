"""The columns an import file may have, in Dutch and English, and the words it understands."""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import (
    Domain,
    OrganisationType,
)

# Limits on one import file, checked while reading so a hostile file costs little.
# The file itself, as uploaded.
MAX_BYTES = 2 * 1024 * 1024
# Rows with something in them below the row of column names.
MAX_ROWS = 5000
# Rows read in all, empty ones included: a sheet may run on with empty formatted rows.
MAX_SCANNED_ROWS = 4 * MAX_ROWS
# Columns A to AX; the widest kind of entry has 18.
MAX_COLUMNS = 50
# An XLSX file is a zip: what it may unpack to, in all and per part, and in how many parts.
# A real 2 MB workbook of 5,000 rows unpacks to about 10 MB at a ratio of 5 to 20.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_RATIO = 100
# Small parts may compress at any ratio; the ratio counts from this size on.
RATIO_FROM_BYTES = 1024 * 1024
MAX_ZIP_ENTRIES = 500
# XML elements in all parts together (a full sheet of 5,000 rows has about 300,000),
# and cells in one row (Excel's own maximum).
MAX_XML_ELEMENTS = 1_000_000
MAX_CELLS_PER_ROW = 16_384
# A waiting time longer than ten years is a typing error (and would not fit every database).
MAX_WAITING_DAYS = 3650
# An organisation type says which domain it belongs to, unless the file says otherwise.
TYPE_DOMAIN = {
    OrganisationType.GP_PRACTICE: Domain.MEDICAL,
    OrganisationType.HOME_CARE: Domain.MEDICAL,
    OrganisationType.PHARMACY: Domain.MEDICAL,
    OrganisationType.HOSPITAL: Domain.MEDICAL,
    OrganisationType.ELDERLY_CARE: Domain.MEDICAL,
    OrganisationType.MENTAL_HEALTH: Domain.MEDICAL,
    OrganisationType.PARAMEDICAL: Domain.MEDICAL,
    OrganisationType.OUT_OF_HOURS: Domain.MEDICAL,
    OrganisationType.HOUSING_CORPORATION: Domain.HOUSING,
}
# fmt: off
DUTCH_DAYS = {
    "ma": "mon", "maandag": "mon", "di": "tue", "dinsdag": "tue", "wo": "wed", "woensdag": "wed",
    "do": "thu", "donderdag": "thu", "vr": "fri", "vrijdag": "fri", "za": "sat",
    "zaterdag": "sat", "zo": "sun", "zondag": "sun", "monday": "mon", "tuesday": "tue",
    "wednesday": "wed", "thursday": "thu", "friday": "fri", "saturday": "sat", "sunday": "sun",
}
# fmt: on
YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NO = {"nee", "n", "no", "false", "onwaar", "0", ""}
# Text read with the wrong encoding: UTF-8 bytes shown as Windows-1252 ("Ã«" for "ë").
MOJIBAKE_RE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a]|â€")
# Excel runs a cell that starts with one of these as a formula; the export guards it with '.
FORMULA_START = ("=", "+", "-", "@")


class Kind(StrEnum):
    ORGANISATIONS = "organisations"
    PEOPLE = "people"
    SERVICES = "services"

    @property
    def label(self) -> str:
        labels = {
            "organisations": gettext_lazy("Organisations"),
            "people": gettext_lazy("People"),
            "services": gettext_lazy("Services"),
        }
        return str(labels[self.value])


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    english: str
    required: bool
    help: str | Promise
    max_length: int | None = None


def _col(key: str, header: str, required: bool, help: str | Promise, **kw: Any) -> Column:
    return Column(key=key, header=header, english=key, required=required, help=help, **kw)


# fmt: off
OWNER = _col("owner", "eigenaar", False,
             _("Email address of the Vangnet user who keeps this entry current."))
LAST_CONFIRMED = _col("last_confirmed", "laatst bevestigd", False,
                      _("Written by the export; ignored on import."))
AREAS = _col("areas", "gebieden", False,
             _("CBS codes of the areas served, separated by commas, for example BU99010101."))
ORGANISATION = _col("organisation", "organisatie", True,
                    _("The name or AGB code of an organisation already on the social map."))
COLUMNS: dict[Kind, list[Column]] = {
    Kind.ORGANISATIONS: [
        _col("name", "naam", True, _("The organisation's name."), max_length=200),
        _col("type", "type", True,
             _("Kind of organisation, for example huisartsenpraktijk or thuiszorg.")),
        _col("domain", "domein", False,
             _("medisch, sociaal or wonen; taken from the type when empty.")),
        _col("agb_code", "agb-code", False, _("Eight digits.")),
        _col("street", "straat", False, _("Street and house number."), max_length=200),
        _col("postcode", "postcode", False,
             _("Four digits and two letters, for example 9901 AB.")),
        _col("city", "plaats", False, _("The town or village."), max_length=100),
        _col("phone", "telefoon", False, _("A phone number, for example 0990-123 456."),
             max_length=30),
        _col("email", "e-mail", False, _("An email address.")),
        _col("website", "website", False, _("A web address, for example www.example.nl.")),
        _col("office_hours", "openingstijden", False,
             _("For example: Monday to Friday 8:00 to 17:00."), max_length=200),
        _col("out_of_hours", "avond nacht weekend", False,
             _("Who to call outside office hours, with the phone number."), max_length=300),
        _col("description", "beschrijving", False,
             _("What the organisation does, in a few sentences.")),
        AREAS, OWNER, LAST_CONFIRMED,
    ],
    Kind.PEOPLE: [
        _col("name", "naam", True, _("First name and surname."), max_length=150),
        _col("discipline", "discipline", True,
             _("For example huisarts, poh_ouderenzorg, wijkverpleegkundige or sociaal_werker.")),
        ORGANISATION,
        _col("work_phone", "werktelefoon", False, _("The phone number at work."), max_length=30),
        _col("work_email", "werk e-mail", False, _("The email address at work.")),
        _col("working_days", "werkdagen", False, _("For example: ma, di, do.")),
        _col("private_phone", "privételefoon", False,
             _("Only shown when the person agreed to it."), max_length=30),
        _col("private_email", "privé e-mail", False,
             _("Only shown when the person agreed to it.")),
        _col("show_private_contact", "privé tonen", False,
             _("ja when the person agreed to show private contact details; otherwise nee.")),
        OWNER, LAST_CONFIRMED,
    ],
    Kind.SERVICES: [
        _col("name", "naam", True, _("The name of the offer."), max_length=200),
        ORGANISATION,
        _col("description", "beschrijving", True, _("What it offers.")),
        _col("audience", "voor wie", False,
             _("For whom it is, for example: people over 75 who live at home."), max_length=300),
        _col("how_to_access", "aanmelden", False, _("How to get it."), max_length=300),
        _col("referral_required", "verwijzing nodig", False, _("ja or nee.")),
        _col("cost_type", "kosten", False, _("gratis, verzekerd, wmo, eigen kosten or anders.")),
        _col("cost_note", "kosten toelichting", False,
             _("More about the cost, for example: 2 euros each time."), max_length=200),
        _col("waiting_days", "wachttijd dagen", False,
             _("Current waiting time as a whole number of days.")),
        _col("needs", "helpt bij", False,
             _("Needs separated by commas, for example eenzaamheid, vallen, geheugen.")),
        _col("contact", "contactpersoon", False,
             _("Name of a person of the same organisation already on the social map.")),
        _col("phone", "telefoon", False, _("A phone number, for example 0990-123 456."),
             max_length=30),
        _col("email", "e-mail", False, _("An email address.")),
        _col("url", "webpagina", False, _("A web page about this offer.")),
        _col("schedule", "wanneer", False,
             _("For example: Tuesdays 10:00 to 12:00."), max_length=200),
        AREAS, OWNER, LAST_CONFIRMED,
    ],
}
# Other names people give these columns; compared after normalising (no accents, case or dashes).
ALIASES = {
    "organization": "organisation", "organisatie_naam": "organisation", "email": "email",
    "e_mailadres": "email", "emailadres": "email", "town": "city", "woonplaats": "city",
    "adres": "street", "straat_en_huisnummer": "street", "tel": "phone",
    "telefoonnummer": "phone", "kantoortijden": "office_hours",
    "buiten_kantoortijden": "out_of_hours", "avond_nacht_en_weekend": "out_of_hours",
    "werk_email": "work_email", "prive_email": "private_email",
    "prive_telefoon": "private_phone", "agb": "agb_code", "agbcode": "agb_code",
    "werkmail": "work_email", "cost": "cost_type", "behoeften": "needs", "web_page": "url",
    "wachttijd": "waiting_days", "schema": "schedule",
}
# fmt: on


def normalise_header(value: str) -> str:
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def choice_lookup(choices: type[models.Choices]) -> dict[str, str]:
    """Codes, English labels and Dutch labels of a choice list, normalised, to the code."""
    lookup: dict[str, str] = {}
    for code, label in choices.choices:
        lookup[normalise_header(code)] = code
        lookup[normalise_header(str(label))] = code
        with translation.override("nl"):
            dutch = str(label)
        lookup[normalise_header(dutch)] = code
        # "GP (huisarts)": the Dutch word in brackets counts too.
        inner = re.search(r"\(([^)]+)\)", str(label))
        if inner:
            lookup[normalise_header(inner.group(1))] = code
    return lookup


# fmt: off
COST_WORDS = {
    "gratis": "free", "verzekerd": "insured", "zorgverzekering": "insured",
    "eigen_kosten": "personal", "zelf_betalen": "personal", "anders": "other",
}
NEED_WORDS = {
    "eenzaamheid": "loneliness", "vallen": "falls", "geheugen": "memory", "dementie": "memory",
    "mantelzorg": "carer_support", "geld": "money", "wonen": "housing", "voeding": "nutrition",
    "eten": "nutrition", "medicijnen": "medication", "medicatie": "medication",
    "zelfzorg": "self_care", "huishouden": "self_care", "somberheid": "mood",
    "bewegen": "exercise", "vervoer": "transport", "dagbesteding": "daytime",
    "zingeving": "meaning", "verpleging": "nursing", "medische_zorg": "medical",
}
# fmt: on
