"""Does a signal concern an older person Vangnet already knows?

Matching compares what the reporter wrote (name, address, date of birth or rough age) with the
older people of the signal's network. Names are compared forgivingly: case, accents, Dutch
particles ("van", "de", "ter"), titles ("mevrouw") and small spelling differences do not
matter. Addresses match on postcode and house number, or on street and house number when a
postcode is missing.

This module only computes. What a coordinator is shown of a candidate (birth year,
neighbourhood, organisations), and the access-log rows for it, are in
``vangnet.detection.access.match_candidates``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from vangnet.detection.models import AGE_BAND_RANGES, Signal

# Dutch (and a few other) surname particles and forms of address; they do not identify anyone.
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ten", "ter", "te", "t", "in", "op", "la", "le", "du"}
    | {"da", "del", "el", "al", "von", "vd", "v", "d"}
)
TITLES = frozenset(
    {"mevrouw", "mevr", "mw", "mej", "mejuffrouw", "meneer", "mijnheer", "dhr", "heer", "mr"}
    | {"dr", "drs", "ir", "ing", "weduwe", "wed"}
)
# Fuzzy surnames must be at least this similar (1.0 is identical).
NAME_THRESHOLD = 0.8
# A candidate is worth showing from this score on; from STRONG on it is a likely match.
SHOW_FROM = 3.0
STRONG_FROM = 5.0
MAX_CANDIDATES = 5

# The last number in the address is the house number: "Plein 1944 12a" -> "plein 1944", "12a".
HOUSE_NUMBER_RE = re.compile(
    r"^(?:(?P<street>.*\D))?\s*(?P<number>\d+)\s*(?P<addition>[a-z0-9]{0,4})\s*$"
)
# "Molenweg 4-2" is house number 4, addition 2.
DASHED_NUMBER_RE = re.compile(
    r"^(?P<street>.*?)\s*(?P<number>\d+)\s*-\s*(?P<addition>[^\W_]{1,4})\s*$"
)


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: "Öztürk-de Vries" -> "ozturk de vries"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _spelling(token: str) -> str:
    """Dutch spellings that sound the same: Meijer/Meyer, Philips/Filips, Dijk/Dyk."""
    return token.replace("ij", "y").replace("ph", "f").replace("ck", "k").replace("dt", "t")


def name_tokens(name: str) -> list[str]:
    """The words of a name that identify someone, without particles and titles."""
    return [
        _spelling(word)
        for word in fold(name).split()
        if word not in PARTICLES and word not in TITLES and not word.isdigit()
    ]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with swaps of two neighbouring letters counted as one edit."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - edit_distance(a, b) / max(len(a), len(b))


@dataclass(frozen=True)
class NameMatch:
    family: float
    given: bool


def compare_names(reported: str, given_name: str, family_name: str) -> NameMatch:
    """How well a reported name fits a registered one.

    The surname counts when any part of it (double names: "Jansen-de Vries") is close to a
    reported word. The first name counts when another reported word is close to it, or is
    its initial ("M. Visser").
    """
    words = name_tokens(reported)
    family_parts = name_tokens(family_name)
    given_parts = name_tokens(given_name)
    if not words or not family_parts:
        return NameMatch(0.0, False)
    best, best_word = 0.0, -1
    for index, word in enumerate(words):
        for part in family_parts:
            score = similarity(word, part)
            if score > best:
                best, best_word = score, index
    others = [w for i, w in enumerate(words) if i != best_word]
    given = any(
        (len(w) == 1 and part.startswith(w)) or similarity(w, part) >= NAME_THRESHOLD
        for w in others
        for part in given_parts
    )
    return NameMatch(best, given)


def compact_postcode(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def split_address(street: str) -> tuple[str, str]:
    """("lindelaan", "12a") from "Lindelaan 12 A"; ("", "") when there is no house number."""
    dashed = DASHED_NUMBER_RE.match(street or "")
    if dashed:
        name = " ".join(_spelling(w) for w in fold(dashed.group("street")).split())
        return name, dashed.group("number") + "-" + fold(dashed.group("addition"))
    match = HOUSE_NUMBER_RE.match(fold(street))
    if not match:
        return fold(street), ""
    name = " ".join(_spelling(w) for w in (match.group("street") or "").split())
    return name, match.group("number") + match.group("addition")


def _same_number(a: str, b: str) -> bool:
    """House numbers match on the number; an addition only counts when both give one."""
    digits_a, digits_b = re.match(r"\d*", a), re.match(r"\d*", b)
    if not a or not b or not digits_a or not digits_b or digits_a.group() != digits_b.group():
        return False
    rest_a, rest_b = a[digits_a.end() :].lstrip("-"), b[digits_b.end() :].lstrip("-")
    return not rest_a or not rest_b or rest_a == rest_b


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Subject:
    """What a signal says about the person it concerns."""

    name: str = ""
    street: str = ""
    postcode: str = ""
    birth_date: date | None = None
    age_band: str = ""

    @classmethod
    def of(cls, signal: Signal) -> "Subject":
        return cls(
            name=signal.subject_name,
            street=signal.subject_street,
            postcode=signal.subject_postcode,
            birth_date=signal.subject_birth_date,
            age_band=signal.subject_age_band,
        )


@dataclass(frozen=True)
class Registered:
    """The fields of a registered older person that matching looks at."""

    pk: int
    given_name: str
    family_name: str
    date_of_birth: date
    street: str
    postcode: str


@dataclass(frozen=True)
class Score:
    pk: int
    points: float
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def strong(self) -> bool:
        return self.points >= STRONG_FROM


# Reasons, as codes; the page translates them.
NAME = "name"
FIRST_NAME = "first_name"
POSTCODE_NUMBER = "postcode_number"
STREET_NUMBER = "street_number"
BIRTH_DATE = "birth_date"
AGE = "age"


def score(subject: Subject, person: Registered, today: date) -> Score:
    """Points for every detail that agrees, minus points for details that contradict."""
    points = 0.0
    reasons: list[str] = []
    if subject.name:
        names = compare_names(subject.name, person.given_name, person.family_name)
        if names.family >= NAME_THRESHOLD:
            points += 2.0 if names.family == 1.0 else 1.5
            reasons.append(NAME)
            if names.given:
                points += 1.0
                reasons.append(FIRST_NAME)
    if subject.street:
        street, number = split_address(subject.street)
        their_street, their_number = split_address(person.street)
        if _same_number(number, their_number):
            postcode = compact_postcode(subject.postcode)
            if postcode and postcode == compact_postcode(person.postcode):
                points += 3.0
                reasons.append(POSTCODE_NUMBER)
            elif street and similarity(street, their_street) >= NAME_THRESHOLD:
                points += 2.5
                reasons.append(STREET_NUMBER)
    if subject.birth_date is not None:
        if subject.birth_date == person.date_of_birth:
            points += 3.0
            reasons.append(BIRTH_DATE)
        else:
            points -= 2.0
    elif subject.age_band in AGE_BAND_RANGES:
        low, high = AGE_BAND_RANGES[subject.age_band]
        age = age_on(person.date_of_birth, today)
        # A rough age is a guess: one year either side still fits.
        if low - 1 <= age and (high is None or age <= high + 1):
            points += 0.5
            reasons.append(AGE)
        else:
            points -= 1.5
    return Score(person.pk, points, tuple(reasons))


def rank(subject: Subject, people: list[Registered], today: date) -> list[Score]:
    """The people worth showing, best first, at most ``MAX_CANDIDATES``."""
    scores = [score(subject, person, today) for person in people]
    shown = [s for s in scores if s.points >= SHOW_FROM]
    shown.sort(key=lambda s: (-s.points, s.pk))
    return shown[:MAX_CANDIDATES]


def find_matches(signal: Signal, today: date | None = None) -> list[Score]:
    """Registered older people of the signal's network who may be the person it concerns.

    Reads one row of plain values per older person in the network; nothing is logged here.
    """
    from vangnet.clients.models import Client

    subject = Subject.of(signal)
    if not (subject.name or subject.street):
        return []
    rows = Client.objects.filter(network_id=signal.network_id).values_list(
        "pk", "given_name", "family_name", "date_of_birth", "street", "postcode"
    )
    people = [Registered(*row) for row in rows]
    return rank(subject, people, today or timezone.localdate())
