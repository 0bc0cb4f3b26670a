"""Checking every row of an import file against the social map as it is now."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.directory.importing.columns import (
    ALIASES,
    COLUMNS,
    COST_WORDS,
    DUTCH_DAYS,
    FORMULA_START,
    MAX_BYTES,
    MAX_WAITING_DAYS,
    MOJIBAKE_RE,
    NEED_WORDS,
    NO,
    TYPE_DOMAIN,
    YES,
    Column,
    Kind,
    choice_lookup,
    normalise_header,
)
from vangnet.directory.importing.reading import CONTROL_RE, Problem, read_table
from vangnet.directory.models import (
    Area,
    CostType,
    Discipline,
    Domain,
    Need,
    Organisation,
    OrganisationType,
    Person,
    Service,
    Weekday,
)
from vangnet.directory.validators import AGB_RE, POSTCODE_RE, normalise_postcode

# How often the checker reports its progress, in rows.
PROGRESS_EVERY = 100


@dataclass
class ParsedRow:
    number: int
    cells: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    areas: list[Area] = field(default_factory=list)


@dataclass
class CheckResult:
    kind: Kind
    filename: str
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


MODELS: dict[Kind, type[Organisation | Person | Service]] = {
    Kind.ORGANISATIONS: Organisation,
    Kind.PEOPLE: Person,
    Kind.SERVICES: Service,
}
# Fields that hold other entries: found in the database already, not validated again.
RELATED = ("owner", "organisation", "contact")


def _ascii_digits(value: str) -> bool:
    """Digits 0 to 9 only: str.isdigit() would also accept '²' and other digits."""
    return value.isascii() and value.isdigit()


def _labels(choices: type[models.Choices]) -> str:
    """The values a cell may hold, as a reader of the page says them: in the page's language."""
    return ", ".join(str(label).lower() for label in choices.labels)


class _Checker:
    """Checks one file's rows against the social map as it is now."""

    def __init__(self, kind: Kind, filename: str, from_xlsx: bool) -> None:
        self.result = CheckResult(kind=kind, filename=filename)
        self.from_xlsx = from_xlsx
        self.header_of: dict[str, str] = {}
        self.header_row = 1
        self.areas = {a.code.upper(): a for a in Area.objects.all()}
        self.area_names: dict[str, list[Area]] = {}
        for area in self.areas.values():
            self.area_names.setdefault(area.name.casefold(), []).append(area)
        self.users = {u.email.lower(): u for u in User.objects.filter(is_active=True)}
        self.organisations_by_name: dict[str, list[Organisation]] = {}
        self.organisations_by_agb: dict[str, Organisation] = {}
        for org in Organisation.objects.all():
            self.organisations_by_name.setdefault(org.name.casefold(), []).append(org)
            if org.agb_code:
                self.organisations_by_agb[org.agb_code] = org
        self.seen: dict[tuple[object, ...], int] = {}
        self.lookups: dict[type[models.Choices], dict[str, str]] = {}

    def lookup(self, choices: type[models.Choices]) -> dict[str, str]:
        if choices not in self.lookups:
            self.lookups[choices] = choice_lookup(choices)
        return self.lookups[choices]

    # Reporting ---------------------------------------------------------------
    def problem(self, row: int | None, key: str, message: str, fix: str) -> None:
        self.result.problems.append(Problem(row, self.header_of.get(key, key), message, fix))

    # Headers -----------------------------------------------------------------
    def read_headers(self, headers: list[str]) -> list[str | None]:
        columns = COLUMNS[self.result.kind]
        by_name: dict[str, Column] = {}
        for known in columns:
            by_name[normalise_header(known.header)] = known
            by_name[normalise_header(known.english)] = known
        keys: list[str | None] = []
        for header in headers:
            name = normalise_header(header)
            column = by_name.get(name) or by_name.get(ALIASES.get(name, ""))
            if not name:
                keys.append(None)
                continue
            if column is None:
                keys.append(None)
                self.result.problems.append(
                    Problem(
                        self.header_row,
                        header,
                        _("This column is unknown."),
                        _("Use one of these column names: %(names)s.")
                        % {"names": ", ".join(c.header for c in columns)},
                    )
                )
                continue
            if column.key in self.header_of:
                keys.append(None)
                self.result.problems.append(
                    Problem(
                        self.header_row,
                        header,
                        _("This column appears twice."),
                        _("Keep one of the two columns."),
                    )
                )
                continue
            self.header_of[column.key] = header
            self.result.columns.append(column)
            keys.append(column.key)
        for column in columns:
            if column.required and column.key not in self.header_of:
                self.result.problems.append(
                    Problem(
                        self.header_row,
                        column.header,
                        _("The required column '%(name)s' is missing.") % {"name": column.header},
                        _("Add a column with the header '%(name)s'.") % {"name": column.header},
                    )
                )
        return keys

    # Values ------------------------------------------------------------------
    def text(self, row: ParsedRow, key: str) -> str:
        value = row.cells.get(key, "")
        if value.startswith("'") and value[1:2] in FORMULA_START:
            value = value[1:]
        column = next((c for c in COLUMNS[self.result.kind] if c.key == key), None)
        if column and column.required and not value:
            self.problem(
                row.number,
                key,
                _("This required value is empty."),
                _("Fill in the %(name)s.") % {"name": column.header},
            )
        if column and column.max_length and len(value) > column.max_length:
            self.problem(
                row.number,
                key,
                _("This value is too long: %(length)d characters, at most %(max)d.")
                % {"length": len(value), "max": column.max_length},
                _("Shorten it."),
            )
        if garbled := MOJIBAKE_RE.search(value):
            self.problem(
                row.number,
                key,
                _(
                    "The text looks garbled ('%(sample)s'): "
                    "the file was read with the wrong encoding."
                )
                % {"sample": garbled.group(0)},
                _("Open the original file and save it as 'CSV UTF-8', then import it again."),
            )
        return value

    def choice(
        self,
        row: ParsedRow,
        key: str,
        choices: type[models.Choices],
        example: str,
        words: dict[str, str] | None = None,
    ) -> str:
        value = self.text(row, key)
        if not value:
            return ""
        name = normalise_header(value)
        code = (words or {}).get(name) or self.lookup(choices).get(name)
        if code is None:
            self.problem(
                row.number,
                key,
                _("'%(value)s' is not a known value.") % {"value": value},
                _("Use one of: %(codes)s (for example %(example)s).")
                % {"codes": _labels(choices), "example": example},
            )
            return ""
        return code

    def choice_list(
        self, row: ParsedRow, key: str, lookup: dict[str, str], choices: list[str]
    ) -> list[str]:
        found: list[str] = []
        for part in re.split(r"[,;|/]", self.text(row, key)):
            if not part.strip():
                continue
            code = lookup.get(normalise_header(part))
            if code is None:
                self.problem(
                    row.number,
                    key,
                    _("'%(value)s' is not a known value.") % {"value": part.strip()},
                    _("Use one of: %(codes)s.") % {"codes": ", ".join(choices)},
                )
            elif code not in found:
                found.append(code)
        return found

    def yes_no(self, row: ParsedRow, key: str) -> bool:
        value = self.text(row, key).lower()
        if value in YES:
            return True
        if value not in NO:
            self.problem(
                row.number,
                key,
                _("'%(value)s' is neither yes nor no.") % {"value": value},
                _("Fill in ja or nee."),
            )
        return False

    def email(self, row: ParsedRow, key: str) -> str:
        value = self.text(row, key)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.problem(
                    row.number,
                    key,
                    _("'%(value)s' is not an email address.") % {"value": value},
                    _("Use an address like naam@organisatie.nl, or leave the cell empty."),
                )
        return value

    def url(self, row: ParsedRow, key: str) -> str:
        value = self.text(row, key)
        if value and "://" not in value:
            value = f"https://{value}"
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.problem(
                    row.number,
                    key,
                    _("'%(value)s' is not a web address.") % {"value": value},
                    _("Use an address like https://www.organisatie.nl, or leave the cell empty."),
                )
        return value

    def phone(self, row: ParsedRow, key: str) -> str:
        value = self.text(row, key)
        if value and (len(re.sub(r"\D", "", value)) < 3 or re.search(r"[^\d\s+()./-]", value)):
            self.problem(
                row.number,
                key,
                _("'%(value)s' is not a phone number.") % {"value": value},
                _("Use digits, spaces and dashes only, for example 0990-123456 or 112."),
            )
        return value

    def postcode(self, row: ParsedRow, key: str) -> str:
        value = self.text(row, key)
        if not value:
            return ""
        normalised = normalise_postcode(value)
        if not (normalised.isascii() and POSTCODE_RE.match(normalised)):
            self.problem(
                row.number,
                key,
                _("'%(value)s' is not a Dutch postcode.") % {"value": value},
                _("Use four digits and two letters, for example 9901 AB."),
            )
        return normalised

    def agb(self, row: ParsedRow, key: str) -> str:
        value = self.text(row, key).replace(" ", "")
        # Excel drops the leading zeros of a code typed as a number.
        if self.from_xlsx and _ascii_digits(value) and len(value) < 8:
            value = value.zfill(8)
        if value and not (_ascii_digits(value) and AGB_RE.match(value)):
            self.problem(
                row.number,
                key,
                _("'%(value)s' is not an AGB code.") % {"value": value},
                _("An AGB code has exactly eight digits, for example 01234567; or leave it empty."),
            )
        return value

    def whole_number(self, row: ParsedRow, key: str) -> int | None:
        value = self.text(row, key)
        if not value:
            return None
        if not _ascii_digits(value):
            self.problem(
                row.number,
                key,
                _("'%(value)s' is not a whole number of days.") % {"value": value},
                _("Fill in a number of days, for example 14, or leave it empty."),
            )
            return None
        if len(value) > 6 or int(value) > MAX_WAITING_DAYS:
            self.problem(
                row.number,
                key,
                _("A waiting time of %(value)s days is longer than ten years.") % {"value": value},
                _("Fill in the waiting time in days, for example 14."),
            )
            return None
        return int(value)

    def owner(self, row: ParsedRow) -> User | None:
        value = self.text(row, "owner").lower()
        if not value:
            return None
        user = self.users.get(value)
        if user is None:
            self.problem(
                row.number,
                "owner",
                _("There is no Vangnet user with the email address %(value)s.") % {"value": value},
                _("Use the email address of an existing user, or leave the cell empty."),
            )
        return user

    def area_list(self, row: ParsedRow) -> list[Area]:
        found: list[Area] = []
        for part in re.split(r"[,;|]", self.text(row, "areas")):
            name = part.strip()
            if not name:
                continue
            area = self.areas.get(name.upper())
            by_name = self.area_names.get(name.casefold(), [])
            if area is None and len(by_name) == 1:
                area = by_name[0]
            if area is None:
                self.problem(
                    row.number,
                    "areas",
                    _("'%(value)s' is not a known area code.") % {"value": name},
                    _(
                        "Use the CBS code of a municipality, district or neighbourhood "
                        "on the social map, for example %(example)s."
                    )
                    % {"example": next(iter(self.areas), "BU99010101")},
                )
            elif area not in found:
                found.append(area)
        return found

    def organisation(self, row: ParsedRow) -> Organisation | None:
        value = self.text(row, "organisation")
        if not value:
            return None
        if AGB_RE.match(value.replace(" ", "")):
            match = self.organisations_by_agb.get(value.replace(" ", ""))
            if match:
                return match
        matches = self.organisations_by_name.get(value.casefold(), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.problem(
                row.number,
                "organisation",
                _("More than one organisation is called '%(value)s'.") % {"value": value},
                _("Use the organisation's AGB code instead of its name."),
            )
        else:
            self.problem(
                row.number,
                "organisation",
                _("The organisation '%(value)s' is not on the social map.") % {"value": value},
                _("Check the spelling, or import or add the organisation first."),
            )
        return None

    def control_characters(self, row: ParsedRow) -> None:
        """Invisible characters in any cell: found here, so the database never meets them."""
        for key, value in row.cells.items():
            found = CONTROL_RE.search(value)
            if found is None:
                continue
            char = found.group(0)
            self.problem(
                row.number,
                key,
                _(
                    "This cell holds an invisible control character (%(name)s) "
                    "at position %(position)d."
                )
                % {
                    "name": "NUL" if char == "\x00" else f"U+{ord(char):04X}",
                    "position": found.start() + 1,
                },
                _("Type the text in this cell again, or copy it from a plain text."),
            )

    def model_rules(self, row: ParsedRow) -> None:
        """The model's own field rules (lengths, formats) now, so the import cannot fail on them."""
        model = MODELS[self.result.kind]
        data = {k: v for k, v in row.data.items() if k not in RELATED}
        try:
            model(**data).full_clean(
                exclude=list(RELATED), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = "" if name == NON_FIELD_ERRORS else name
                for message in messages:
                    self.problem(row.number, key, message, _("Correct the value in the file."))

    def duplicate(self, row: ParsedRow, key: tuple[object, ...], exists: bool) -> None:
        if key in self.seen:
            self.problem(
                row.number,
                "name",
                _("This row repeats row %(other)d.") % {"other": self.seen[key]},
                _("Remove one of the two rows."),
            )
            return
        self.seen[key] = row.number
        if exists:
            self.problem(
                row.number,
                "name",
                _("This entry is already on the social map."),
                _("Remove the row; change the existing entry on the website instead."),
            )


def _check_organisation(c: _Checker, row: ParsedRow) -> None:
    name = c.text(row, "name")
    org_type = c.choice(row, "type", OrganisationType, "huisartsenpraktijk")
    domain = c.choice(row, "domain", Domain, "sociaal") or TYPE_DOMAIN.get(
        OrganisationType(org_type) if org_type else OrganisationType.OTHER, Domain.SOCIAL
    )
    postcode = c.postcode(row, "postcode")
    row.data = {
        "name": name,
        "type": org_type,
        "domain": domain,
        "agb_code": c.agb(row, "agb_code"),
        "street": c.text(row, "street"),
        "postcode": postcode,
        "city": c.text(row, "city"),
        "phone": c.phone(row, "phone"),
        "email": c.email(row, "email"),
        "website": c.url(row, "website"),
        "office_hours": c.text(row, "office_hours"),
        "out_of_hours": c.text(row, "out_of_hours"),
        "description": c.text(row, "description"),
        "owner": c.owner(row),
    }
    row.areas = c.area_list(row)
    if name:
        existing = c.organisations_by_name.get(name.casefold(), [])
        same = [o for o in existing if not postcode or not o.postcode or o.postcode == postcode]
        c.duplicate(row, (name.casefold(), postcode), bool(same))


def _check_person(c: _Checker, row: ParsedRow) -> None:
    name = c.text(row, "name")
    organisation = c.organisation(row)
    days = c.choice_list(
        row,
        "working_days",
        {**DUTCH_DAYS, **{d: d for d in Weekday.values}},
        ["ma", "di", "wo", "do", "vr", "za", "zo"],
    )
    row.data = {
        "name": name,
        "discipline": c.choice(row, "discipline", Discipline, "wijkverpleegkundige"),
        "organisation": organisation,
        "work_phone": c.phone(row, "work_phone"),
        "work_email": c.email(row, "work_email"),
        "working_days": [d for d in Weekday.values if d in days],
        "private_phone": c.phone(row, "private_phone"),
        "private_email": c.email(row, "private_email"),
        "show_private_contact": c.yes_no(row, "show_private_contact"),
        "owner": c.owner(row),
    }
    if name and organisation:
        exists = organisation.people.filter(name__iexact=name).exists()
        c.duplicate(row, (name.casefold(), organisation.pk), exists)


def _check_service(c: _Checker, row: ParsedRow) -> None:
    name = c.text(row, "name")
    organisation = c.organisation(row)
    contact_name = c.text(row, "contact")
    contact = None
    if contact_name and organisation:
        contact = organisation.people.filter(name__iexact=contact_name).first()
        if contact is None:
            c.problem(
                row.number,
                "contact",
                _("'%(value)s' does not work at %(organisation)s on the social map.")
                % {"value": contact_name, "organisation": organisation.name},
                _("Use the name of a person of that organisation, or leave the cell empty."),
            )
    row.data = {
        "name": name,
        "organisation": organisation,
        "description": c.text(row, "description"),
        "audience": c.text(row, "audience"),
        "how_to_access": c.text(row, "how_to_access"),
        "referral_required": c.yes_no(row, "referral_required"),
        "cost_type": c.choice(row, "cost_type", CostType, "gratis", COST_WORDS) or CostType.FREE,
        "cost_note": c.text(row, "cost_note"),
        "waiting_days": c.whole_number(row, "waiting_days"),
        "needs": c.choice_list(row, "needs", {**c.lookup(Need), **NEED_WORDS}, [_labels(Need)]),
        "contact": contact,
        "phone": c.phone(row, "phone"),
        "email": c.email(row, "email"),
        "url": c.url(row, "url"),
        "schedule": c.text(row, "schedule"),
        "owner": c.owner(row),
    }
    row.areas = c.area_list(row)
    if name and organisation:
        exists = organisation.services.filter(name__iexact=name).exists()
        c.duplicate(row, (name.casefold(), organisation.pk), exists)


CHECKS: dict[Kind, Callable[[_Checker, ParsedRow], None]] = {
    Kind.ORGANISATIONS: _check_organisation,
    Kind.PEOPLE: _check_person,
    Kind.SERVICES: _check_service,
}


def check_file(
    data: bytes,
    filename: str,
    kind: Kind,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Every problem in the file: row, column, what is wrong and how to fix it. Writes nothing.

    ``progress(done, total)`` is called every few rows, with rows counted below the header.
    """
    if len(data) > MAX_BYTES:
        result = CheckResult(kind=kind, filename=filename)
        result.problems.append(
            Problem(
                None,
                "",
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)},
                _("Split it into smaller files."),
            )
        )
        return result
    table = read_table(data, filename)
    checker = _Checker(kind, filename, from_xlsx=table.from_xlsx)
    checker.result.problems.extend(table.problems)
    if table.refused:
        return checker.result
    rows = table.rows
    start = 0
    while start < len(rows) and not any(rows[start]):
        start += 1
    if start == len(rows):
        checker.result.problems.append(
            Problem(
                None,
                "",
                _("The file is empty."),
                _("Put the column names on the first row and one entry on each row below it."),
            )
        )
        return checker.result
    checker.header_row = start + 1
    keys = checker.read_headers(rows[start])
    total = len(rows) - start - 1
    for offset in range(start + 1, len(rows)):
        cells = rows[offset]
        number = offset + 1
        done = offset - start
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        if not any(cells):
            continue
        extra = [v for v in cells[len(keys) :] if v]
        if extra:
            checker.problem(
                number,
                "",
                _("This row has more cells than there are columns."),
                _(
                    "Give the column a name on the first row, "
                    "or move the value into the right column."
                ),
            )
        row = ParsedRow(number, {k: v for k, v in zip(keys, cells, strict=False) if k is not None})
        before = len(checker.result.problems)
        checker.control_characters(row)
        CHECKS[kind](checker, row)
        if len(checker.result.problems) == before:
            checker.model_rules(row)
        checker.result.rows.append(row)
    if progress is not None:
        progress(total, total)
    if not checker.result.rows and not checker.result.problems:
        checker.result.problems.append(
            Problem(
                None,
                "",
                _("The file has column names but no rows."),
                _("Add one entry on each row below the column names."),
            )
        )
    return checker.result
