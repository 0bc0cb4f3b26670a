"""Reading an import file, CSV or XLSX, into rows of text, with problems in plain language.

A hostile file must cost little. An XLSX file is a zip: its directory is inspected
before anything is unpacked (size, ratio, number of parts, encryption), its sheet is
then read as a stream, and reading stops at the first row past a limit. Library error
texts never reach a user: every refusal is one of the Dutch problems below.
"""

import csv
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from vangnet.directory.importing.columns import (
    MAX_CELLS_PER_ROW,
    MAX_COLUMNS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_XML_ELEMENTS,
    MAX_ZIP_ENTRIES,
    RATIO_FROM_BYTES,
)

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK"
# Excel 97-2003 files and password-protected .xlsx files are OLE compound documents.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SCAN_CHUNK_BYTES = 64 * 1024
# Characters no one types: PostgreSQL refuses NUL in text, the rest only garbles it.
# Tab, line feed and carriage return are left alone (a description may have lines).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; row 1 is the header row, as in a spreadsheet."""

    row: int | None
    column: str
    message: str
    fix: str


@dataclass
class Table:
    """The file's rows as text, blank rows kept so row numbers match the spreadsheet.

    ``refused`` means the file cannot be checked any further; ``problems`` then says why.
    """

    rows: list[list[str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    from_xlsx: bool = False
    refused: bool = False


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _refuse(message: str, fix: str, row: int | None = None) -> _Refused:
    return _Refused(Problem(row, "", message, fix))


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _column_letter(index: int) -> str:
    """Spreadsheet column letters for a 1-based column number: 1 is A, 27 is AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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


def _unreadable_workbook() -> _Refused:
    return _refuse(
        _("The file is damaged or is not an Excel workbook, so it cannot be read."),
        _("Open it in Excel and save it again as an .xlsx workbook, or save it as CSV UTF-8."),
    )


def _password_protected() -> _Refused:
    return _refuse(
        _("The workbook is protected with a password, so it cannot be read."),
        _(
            "Open it in Excel, remove the password (File, Info, Protect Workbook), "
            "save it and import it again."
        ),
    )


def _too_big() -> _Refused:
    return _refuse(
        _(
            "The workbook unpacks to far more data than a list of %(max)s rows needs: "
            "it is not a normal workbook."
        )
        % {"max": _number(MAX_ROWS)},
        _(
            "Copy the list into a new, empty workbook and import that, or save it as CSV UTF-8. "
            "Leave out pictures, other sheets and empty formatted rows."
        ),
    )


def _sheet_too_long() -> _Refused:
    return _refuse(
        _("The sheet goes on for more than %(max)s rows.") % {"max": _number(MAX_SCANNED_ROWS)},
        _(
            "Split the list into files of at most %(rows)s rows each, and delete any "
            "empty rows below it."
        )
        % {"rows": _number(MAX_ROWS)},
    )


def _inspect_ole(data: bytes) -> _Refused:
    if ENCRYPTED_STREAM in data:
        return _password_protected()
    return _refuse(
        _("The file is an old Excel 97-2003 workbook (.xls), which the import does not read."),
        _("In Excel choose Save as and pick 'Excel Workbook (.xlsx)', or 'CSV UTF-8'."),
    )


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name).strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        raise _unreadable_workbook() from error


def _inspect_zip(data: bytes) -> zipfile.ZipFile:
    """Open the zip and look at its directory only; refuse what no real workbook looks like."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable_workbook() from error
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _too_big()
    if any(info.flag_bits & 0x1 for info in infos):
        raise _password_protected()
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise _too_big()
    for info in infos:
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _too_big()
    names = {info.filename: info for info in infos}
    mimetype = names.get("mimetype")
    if mimetype and mimetype.file_size < 200 and _member(archive, "mimetype") == ODS_MIMETYPE:
        raise _refuse(
            _("The file is an OpenDocument spreadsheet (.ods), which the import does not read."),
            _(
                "In LibreOffice choose Save as and pick 'Excel 2007-365 (.xlsx)', "
                "or 'Text CSV' with UTF-8."
            ),
        )
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _refuse(
            _(
                "The file is not an Excel workbook: it may be a Word document "
                "or another kind of zip file."
            ),
            _("Choose the .xlsx file of the list, or save the list as CSV UTF-8."),
        )
    return archive


class _Scan:
    """Counts the elements of one XML part as it streams by; refuses at the first excess.

    openpyxl reads some parts whole before it can stream a sheet (the shared strings,
    the styles, and a sheet that does not state its size up front), so every part is
    counted here first, in small chunks, without building anything.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.root = ""
        self.rows = 0
        self.cells = 0

    def start(self, name: str, attributes: object) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _too_big()
        local = name.rpartition(" ")[2]
        if not self.root:
            self.root = local
        if self.root != "worksheet":
            return
        if local == "row":
            self.rows += 1
            self.cells = 0
            if self.rows > MAX_SCANNED_ROWS:
                raise _sheet_too_long()
        elif local == "c":
            self.cells += 1
            if self.cells > MAX_CELLS_PER_ROW:
                raise _too_big()

    def refuse_declarations(self, *args: object) -> None:
        # A workbook never declares a document type or entities; a hostile file might.
        raise _unreadable_workbook()


def _scan_xml(archive: zipfile.ZipFile) -> None:
    """Stream every XML part of the workbook once, within one budget of elements."""
    budget = MAX_XML_ELEMENTS
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        scan = _Scan(budget)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = scan.start
        parser.StartDoctypeDeclHandler = scan.refuse_declarations
        parser.EntityDeclHandler = scan.refuse_declarations
        try:
            with archive.open(info) as part:
                while chunk := part.read(SCAN_CHUNK_BYTES):
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise _unreadable_workbook() from error
        except zlib.error as error:
            raise _unreadable_workbook() from error
        budget = scan.budget


class _Rows:
    """Counts rows as they stream in and stops at the first one past a limit."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.filled = 0

    def add(self, cells: list[str], number: int) -> None:
        if len(self.rows) >= MAX_SCANNED_ROWS:
            raise _sheet_too_long()
        extra = next((i for i, v in enumerate(cells[MAX_COLUMNS:]) if v), None)
        if extra is not None:
            raise _refuse(
                _(
                    "This row has a value in column %(column)s; the import reads "
                    "at most %(max)d columns (A to %(last)s)."
                )
                % {
                    "column": _column_letter(MAX_COLUMNS + extra + 1),
                    "max": MAX_COLUMNS,
                    "last": _column_letter(MAX_COLUMNS),
                },
                _("Remove the values to the right of the list, or copy the list into a new file."),
                row=number,
            )
        cells = cells[:MAX_COLUMNS]
        if any(cells):
            self.filled += 1
            # The first filled row holds the column names.
            if self.filled > MAX_ROWS + 1:
                raise _refuse(
                    _("The file has more than %(max)s rows below the column names.")
                    % {"max": _number(MAX_ROWS)},
                    _("Split it into files of at most %(max)s rows each.")
                    % {"max": _number(MAX_ROWS)},
                )
        self.rows.append(cells)


def _sheet_values(data: bytes) -> Iterator[tuple[object, ...]]:
    from openpyxl import load_workbook

    # read_only streams the sheet from the zip instead of building it in memory.
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise _refuse(
                _("The workbook has no worksheet."),
                _("Put the list on the first sheet, with the column names on the first row."),
            )
        sheet = workbook.worksheets[0]
        # Rows are as long as their own cells, not as the sheet claims to be wide.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _read_xlsx(data: bytes) -> Table:
    table = Table(from_xlsx=True)
    rows = _Rows()
    try:
        if data.startswith(OLE_MAGIC):
            raise _inspect_ole(data)
        _scan_xml(_inspect_zip(data))
        for number, values in enumerate(_sheet_values(data), start=1):
            rows.add([_cell_text(v) for v in values], number)
    except _Refused as refused:
        table.problems.append(refused.problem)
        table.refused = True
        return table
    except Exception:
        # A hostile or broken workbook can fail anywhere inside the XML and zip readers.
        logger.info("An import workbook could not be read", exc_info=True)
        table.problems.append(_unreadable_workbook().problem)
        table.refused = True
        return table
    table.rows = rows.rows
    return table


def _decode(data: bytes, table: Table) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        table.problems.append(
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
        return data.decode("cp1252", errors="replace")


def _csv_rows(reader: Iterable[list[str]]) -> Iterator[list[str]]:
    for row in reader:
        yield [cell.strip() for cell in row]


def _read_csv(data: bytes) -> Table:
    table = Table()
    text = _decode(data, table)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    # newline="" lets the csv module see every kind of line end itself.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _Rows()
    try:
        for number, cells in enumerate(_csv_rows(reader), start=1):
            rows.add(cells, number)
    except _Refused as refused:
        table.problems.append(refused.problem)
        table.refused = True
        return table
    except csv.Error as error:
        line = reader.line_num
        # The library's text only tells which kind of error; the user reads Dutch.
        if "field larger than field limit" in str(error):
            message = _("A cell on line %(line)d is too long: more than %(max)s characters.") % {
                "line": line,
                "max": _number(csv.field_size_limit()),
            }
        else:
            message = _("The CSV file cannot be read from line %(line)d on.") % {"line": line}
        table.problems.append(
            Problem(
                line,
                "",
                message,
                _(
                    "Check that every quotation mark around that line is closed, "
                    "or import the .xlsx file itself."
                ),
            )
        )
        table.refused = True
        return table
    table.rows = rows.rows
    return table


def looks_like_xlsx(data: bytes, filename: str) -> bool:
    """XLSX by its content or its name; a password-protected workbook is not a zip."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC)) or filename.lower().endswith(
        (".xlsx", ".xlsm", ".xls")
    )


def read_table(data: bytes, filename: str) -> Table:
    """The file's rows as lists of text, read no further than the limits in columns.py."""
    if looks_like_xlsx(data, filename):
        return _read_xlsx(data)
    return _read_csv(data)
