"""Reading an import file, CSV or XLSX, into rows of text, with problems in plain language."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; row 1 is the header row, as in a spreadsheet."""

    row: int | None
    column: str
    message: str
    fix: str


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [
            Problem(
                None,
                "",
                _("The file is not a readable Excel workbook."),
                _("Save it again in Excel as an .xlsx workbook, or as CSV UTF-8."),
            )
        ]
    sheet = workbook.worksheets[0]
    table = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table, []


def _read_csv(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                line,
                "",
                _(
                    "The file is not saved as UTF-8: "
                    "the first unreadable character is on line %(line)d."
                )
                % {"line": line},
                _(
                    "In Excel choose Save as, then 'CSV UTF-8 (comma delimited)'; "
                    "or import the .xlsx file itself."
                ),
            )
        )
        # Read on as Windows-1252 so the other problems show up in the same run.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        table = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        return [], [
            *problems,
            Problem(
                None,
                "",
                _("The CSV file cannot be read: %(error)s") % {"error": error},
                _("Check the quotation marks in the file, or import the .xlsx file itself."),
            ),
        ]
    return table, problems


def read_table(data: bytes, filename: str) -> tuple[list[list[str]], list[Problem]]:
    """The file's rows as lists of text; XLSX by its content, CSV otherwise."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    return _read_csv(data)
