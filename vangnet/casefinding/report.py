"""The validation report: what is wrong in an extract, where, and what to fix.

Messages are marked for translation; Dutch is the default language, so the report a practice
sees is in Dutch.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_EXAMPLES = 3


class Problem(StrEnum):
    MISSING_FILE = "missing_file"
    DOUBLE_FILE = "double_file"
    UNREADABLE_FILE = "unreadable_file"
    MISSING_COLUMN = "missing_column"
    WRONG_TYPE = "wrong_type"
    EMPTY_VALUE = "empty_value"
    BAD_ICPC = "bad_icpc"
    BAD_ATC = "bad_atc"
    BAD_DATE = "bad_date"
    FUTURE_DATE = "future_date"
    END_BEFORE_START = "end_before_start"
    BAD_BIRTH_YEAR = "bad_birth_year"
    BIRTH_YEAR_OUT_OF_RANGE = "birth_year_out_of_range"
    BAD_SEX = "bad_sex"
    BAD_POSTCODE = "bad_postcode"
    DUPLICATE_PATIENT = "duplicate_patient"
    UNKNOWN_PATIENT = "unknown_patient"
    BAD_REASON = "bad_reason"
    SCREENING_WITHOUT_DATE = "screening_without_date"
    UNKNOWN_PRACTICE = "unknown_practice"


@dataclass(frozen=True)
class Example:
    """One offending row: its number as the person sees it in the file, and its value."""

    row: int
    value: str


@dataclass(frozen=True)
class Issue:
    file: str
    column: str
    problem: Problem
    count: int = 0
    examples: tuple[Example, ...] = ()
    # Line numbers for CSV (the header is line 1), row numbers for Parquet.
    csv: bool = True
    # Values that fill in the message, such as the columns found or today's date.
    detail: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        if self.column:
            return _("%(file)s, column %(column)s") % {"file": self.file, "column": self.column}
        return self.file

    @property
    def description(self) -> str:
        return _describe(self)

    @property
    def fix(self) -> str:
        return _fix(self)

    @property
    def example_text(self) -> str:
        if not self.examples:
            return ""
        parts = []
        for example in self.examples:
            if self.csv:
                label = _("line %(number)s") % {"number": example.row}
            else:
                label = _("row %(number)s") % {"number": example.row}
            parts.append(f"{label}: “{example.value}”")
        return "; ".join(parts)


def _describe(issue: Issue) -> str:
    p = issue.problem
    n = issue.count
    ctx: dict[str, object] = {"count": n, **issue.detail}
    if p == Problem.MISSING_FILE:
        return _("The file %(name)s is missing (as .csv or .parquet).") % ctx
    if p == Problem.DOUBLE_FILE:
        return _("There is both a .csv and a .parquet file for %(name)s.") % ctx
    if p == Problem.UNREADABLE_FILE:
        return _("The file cannot be read: %(reason)s") % ctx
    if p == Problem.MISSING_COLUMN:
        return _("The column is missing. Columns found: %(found)s.") % ctx
    if p == Problem.WRONG_TYPE:
        return _("The column has the type %(type)s, which cannot be used here.") % ctx
    if p == Problem.EMPTY_VALUE:
        return ngettext("%(count)s row has no value.", "%(count)s rows have no value.", n) % ctx
    if p == Problem.BAD_ICPC:
        return (
            ngettext(
                "%(count)s row has a code that is not an ICPC-2 code.",
                "%(count)s rows have a code that is not an ICPC-2 code.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_ATC:
        return (
            ngettext(
                "%(count)s row has a code that is not a complete ATC code.",
                "%(count)s rows have a code that is not a complete ATC code.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_DATE:
        return (
            ngettext(
                "%(count)s row has a date that cannot be read.",
                "%(count)s rows have a date that cannot be read.",
                n,
            )
            % ctx
        )
    if p == Problem.FUTURE_DATE:
        return (
            ngettext(
                "%(count)s row has a date after today.",
                "%(count)s rows have a date after today.",
                n,
            )
            % ctx
        )
    if p == Problem.END_BEFORE_START:
        return (
            ngettext(
                "%(count)s row ends before it starts.",
                "%(count)s rows end before they start.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_BIRTH_YEAR:
        return (
            ngettext(
                "%(count)s row has a birth year that is not a whole number.",
                "%(count)s rows have a birth year that is not a whole number.",
                n,
            )
            % ctx
        )
    if p == Problem.BIRTH_YEAR_OUT_OF_RANGE:
        return (
            ngettext(
                "%(count)s row has a birth year outside %(low)s to %(high)s.",
                "%(count)s rows have a birth year outside %(low)s to %(high)s.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_SEX:
        return (
            ngettext(
                "%(count)s row has an unknown value for sex.",
                "%(count)s rows have an unknown value for sex.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_POSTCODE:
        return (
            ngettext(
                "%(count)s row has a postcode that is not a Dutch postcode.",
                "%(count)s rows have a postcode that is not a Dutch postcode.",
                n,
            )
            % ctx
        )
    if p == Problem.DUPLICATE_PATIENT:
        return (
            ngettext(
                "%(count)s row has a patient_id that appears more than once.",
                "%(count)s rows have a patient_id that appears more than once.",
                n,
            )
            % ctx
        )
    if p == Problem.UNKNOWN_PATIENT:
        return (
            ngettext(
                "%(count)s row refers to a patient who is not in the patients file.",
                "%(count)s rows refer to a patient who is not in the patients file.",
                n,
            )
            % ctx
        )
    if p == Problem.BAD_REASON:
        return (
            ngettext(
                "%(count)s row has an unknown reason.",
                "%(count)s rows have an unknown reason.",
                n,
            )
            % ctx
        )
    if p == Problem.SCREENING_WITHOUT_DATE:
        return (
            ngettext(
                "%(count)s row says screened_recently but has no date.",
                "%(count)s rows say screened_recently but have no date.",
                n,
            )
            % ctx
        )
    return _("No patient has the practice code %(code)s.") % ctx


def _fix(issue: Issue) -> str:
    p = issue.problem
    d = issue.detail
    if p == Problem.MISSING_FILE:
        return _("Add %(name)s.csv or %(name)s.parquet to the extract.") % d
    if p == Problem.DOUBLE_FILE:
        return _("Keep one of the two files.")
    if p == Problem.UNREADABLE_FILE:
        return _("Save the file as CSV in UTF-8 with a header row, or as Parquet.")
    if p == Problem.MISSING_COLUMN:
        return _("Add a column with exactly this name; the manual lists all columns.")
    if p == Problem.WRONG_TYPE:
        return _("Store the column as text, or as a number or date where the manual says so.")
    if p == Problem.EMPTY_VALUE:
        return _("Fill in every row of this column.")
    if p == Problem.BAD_ICPC:
        return _(
            "Use ICPC-2 codes: a chapter letter and two digits, with an optional Dutch "
            "subcode, such as K86 or T90.02."
        )
    if p == Problem.BAD_ATC:
        return _("Use the full ATC code of the medicine: 7 characters, such as C09AA05.")
    if p == Problem.BAD_DATE:
        return _("Write dates as YYYY-MM-DD, for example 2024-03-15.")
    if p == Problem.FUTURE_DATE:
        return _("Dates may not lie after %(today)s; check the date or the export.") % d
    if p == Problem.END_BEFORE_START:
        return _("Check the start and end dates of these episodes.")
    if p == Problem.BAD_BIRTH_YEAR:
        return _("Write the birth year as four digits, for example 1942.")
    if p == Problem.BIRTH_YEAR_OUT_OF_RANGE:
        return _("Check these birth years; they must lie between %(low)s and %(high)s.") % d
    if p == Problem.BAD_SEX:
        return _("Use M (man), V (woman) or O (other or unknown).")
    if p == Problem.BAD_POSTCODE:
        return _("Use four digits and two letters, such as 1234 AB, or four digits only.")
    if p == Problem.DUPLICATE_PATIENT:
        return _("Give every patient exactly one row in the patients file.")
    if p == Problem.UNKNOWN_PATIENT:
        return _("Add these patients to the patients file, or remove their rows.")
    if p == Problem.BAD_REASON:
        return _("Use screened_recently or in_care.")
    if p == Problem.SCREENING_WITHOUT_DATE:
        return _("Fill in the date of the screening.")
    return _("Check the practice code, or leave it out to list every practice.")


@dataclass(frozen=True)
class ValidationReport:
    issues: tuple[Issue, ...]

    def __bool__(self) -> bool:
        return bool(self.issues)

    def as_text(self) -> str:
        """The report as plain text, for the command line."""
        lines = [
            ngettext(
                "The extract was not processed: %(count)s problem found. Nothing was written.",
                "The extract was not processed: %(count)s problems found. Nothing was written.",
                len(self.issues),
            )
            % {"count": len(self.issues)},
            "",
        ]
        for number, issue in enumerate(self.issues, start=1):
            lines.append(f"{number}. {issue.where}")
            lines.append("   " + _("Problem: %(text)s") % {"text": issue.description})
            if issue.examples:
                lines.append("   " + _("Examples: %(text)s") % {"text": issue.example_text})
            lines.append("   " + _("What to do: %(text)s") % {"text": issue.fix})
        return "\n".join(lines)


class ExtractInvalid(Exception):
    """The extract has problems; ``report`` says which. Nothing has been written."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.as_text())
        self.report = report
