"""Hostile and broken import files: refused early, in Dutch, and nothing is written."""

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from vangnet.accounts.models import User
from vangnet.directory.importing import Kind, check_file, import_apply, reading
from vangnet.directory.importing.columns import MAX_ROWS
from vangnet.directory.models import Organisation, Person, Service
from vangnet.directory.tests.factories import OrganisationFactory
from vangnet.directory.tests.hostile_files import (
    CONTENT_TYPES,
    PACKAGE_RELS,
    WORKBOOK_RELS,
    streamed_workbook,
    workbook_xml,
    zip_of,
)

pytestmark = pytest.mark.django_db


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def only_problem(data: bytes, filename: str = "lijst.xlsx") -> str:
    result = check_file(data, filename, Kind.ORGANISATIONS)
    assert result.rows == []
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.message and problem.fix
    return f"{problem.message} {problem.fix}"


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_a_million_row_workbook_is_refused_and_nothing_is_written(alice: User) -> None:
    data = streamed_workbook(1_000_000)
    assert len(data) < 600 * 1024
    result = check_file(data, "miljoen.xlsx", Kind.ORGANISATIONS)
    assert not result.ok and result.rows == []
    assert "geen gewone werkmap" in result.problems[0].message
    with pytest.raises(Exception, match="niets"):
        import_apply(result=result, actor=alice)
    assert Organisation.objects.count() == 0


def test_the_sheet_is_streamed_and_reading_stops_at_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With the zip limits out of the way, the row limit alone must still stop the reading.
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 10**12)
    monkeypatch.setattr(reading, "MAX_RATIO", 10**9)
    data = streamed_workbook(1_000_000)
    tracemalloc.start()
    try:
        table = reading.read_table(data, "miljoen.xlsx")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table.refused and table.rows == []
    assert "meer dan 20.000 rijen" in table.problems[0].message
    # A whole million rows in memory would take hundreds of MB.
    assert peak < 20 * 1024 * 1024


def test_rows_past_the_limit_are_refused_while_reading() -> None:
    data = streamed_workbook(MAX_ROWS + 1)
    message = only_problem(data)
    assert "meer dan 5.000 rijen" in message
    assert "Splits" in message
    assert not reading.read_table(streamed_workbook(MAX_ROWS), "x.xlsx").problems


def test_a_sheet_that_does_not_state_its_size_is_counted_before_openpyxl_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without <dimension> openpyxl parses the whole sheet when it opens the workbook.
    monkeypatch.setattr(reading, "MAX_RATIO", 10**9)
    data = streamed_workbook(30_000, row=("", ""))
    assert "meer dan 20.000 rijen" in only_problem(data)


def test_a_value_far_to_the_right_is_refused_with_its_row() -> None:
    data = xlsx_bytes([["naam", "type"], ["A", "welfare", *[None] * 60, "verstopt"]])
    result = check_file(data, "breed.xlsx", Kind.ORGANISATIONS)
    assert result.problems[0].row == 2
    assert "kolom BK" in result.problems[0].message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04 dit is geen zip", "beschadigd"),
        (b"PK\x05\x06" + b"\x00" * 18, "geen Excel-werkmap"),
        (streamed_workbook(10)[:-200], "beschadigd"),
        (zip_of({"word/document.xml": "<w/>", "[Content_Types].xml": "<Types/>"}), "Word"),
        (
            zip_of(
                {
                    "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": "<x/>",
                }
            ),
            "OpenDocument",
        ),
        (zip_of({"xl/workbook.xml": "<w/>"}, encrypted_flag=True), "wachtwoord"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "wachtwoord",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "97-2003"),
        (zip_of({f"xl/{n}.xml": "<a/>" for n in range(600)}), "geen gewone werkmap"),
    ],
    ids=[
        "not-a-zip",
        "empty-zip",
        "cut-off",
        "word",
        "ods",
        "zip-password",
        "office-password",
        "old-xls",
        "many-parts",
    ],
)
def test_files_that_are_no_readable_workbook_get_a_dutch_reason(data: bytes, words: str) -> None:
    assert words in only_problem(data)


def test_a_workbook_without_a_sheet_says_so() -> None:
    data = zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": PACKAGE_RELS,
            "xl/workbook.xml": workbook_xml(sheets=""),
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        }
    )
    assert "geen werkblad" in only_problem(data)


def test_a_workbook_declaring_entities_is_refused() -> None:
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    data = streamed_workbook(3, before_data=laughs)
    assert "beschadigd" in only_problem(data)


def test_a_part_that_unpacks_far_beyond_its_size_is_refused() -> None:
    bomb = zip_of({"xl/media/plaatje.xml": b"<a>" + b"0" * (5 * 1024 * 1024) + b"</a>"})
    assert "geen gewone werkmap" in only_problem(bomb)


def test_library_error_texts_never_reach_the_user() -> None:
    broken = streamed_workbook(10).replace(b"sheetData", b"sheetDota", 1)
    for data in (broken, b"PK\x03\x04garbage"):
        result = check_file(data, "x.xlsx", Kind.ORGANISATIONS)
        text = " ".join(f"{p.message} {p.fix}" for p in result.problems)
        assert "Error" not in text and "line" not in text and "zip" not in text.lower()


def test_a_csv_cell_longer_than_the_reader_allows_is_named_by_line() -> None:
    data = ("naam,type\n" + '"' + "x" * 200_000 + '",welfare\n').encode()
    message = only_problem(data, "lang.csv")
    assert "regel 2" in message
    assert "te lang" in message


def test_old_mac_line_ends_are_read() -> None:
    data = b"naam,type\rWelzijn Oude Kern,welfare\r"
    result = check_file(data, "mac.csv", Kind.ORGANISATIONS)
    assert result.problems == []
    assert result.rows[0].cells["name"] == "Welzijn Oude Kern"


@pytest.mark.parametrize(
    ("cell", "name"), [("Buurt\x00huis", "NUL"), ("Buurt\x1bhuis", "U+001B"), ("Zo\x7f", "U+007F")]
)
def test_control_characters_in_a_csv_cell_are_found_in_the_dry_run(
    alice: User, cell: str, name: str
) -> None:
    data = f"naam;type;plaats\n{cell};welfare;Vlietdal\nGoed;welfare;Vlietdal\n".encode()
    result = check_file(data, "nul.csv", Kind.ORGANISATIONS)
    assert [(p.row, p.column) for p in result.problems] == [(2, "naam")]
    assert name in result.problems[0].message
    assert "onzichtbaar" in result.problems[0].message
    assert Organisation.objects.count() == 0


def test_control_characters_in_an_xlsx_cell_are_found_in_the_dry_run() -> None:
    # XML allows the C1 control characters; openpyxl will not write them, so by hand.
    data = streamed_workbook(1, row=("Buurt&#x9B;huis", "welfare"))
    result = check_file(data, "nul.xlsx", Kind.ORGANISATIONS)
    assert [(p.row, p.column) for p in result.problems] == [(2, "naam")]
    assert "U+009B" in result.problems[0].message
    # NUL and the other C0 characters cannot be in XML at all: such a sheet is damaged.
    data = streamed_workbook(1, row=("Buurt&#0;huis", "welfare"))
    assert "beschadigd" in only_problem(data)


def test_what_passes_the_check_applies_on_this_database(alice: User) -> None:
    """Tab, line ends, long unicode text and odd digits: the check and the database agree."""
    organisation = OrganisationFactory.create(name="Welzijn Oude Kern")
    people = (
        "naam;discipline;organisatie;werkdagen\n"
        '"Fatima\tBouzid";sociaal werker;Welzijn Oude Kern;ma\n'
        "Zoë Ĳsselmeer 🌷;ouderenadviseur;Welzijn Oude Kern;di\n"
    ).encode()
    result = check_file(people, "mensen.csv", Kind.PEOPLE)
    assert result.problems == []
    import_apply(result=result, actor=alice)
    assert set(Person.objects.values_list("name", flat=True)) == {
        "Fatima\tBouzid",
        "Zoë Ĳsselmeer 🌷",
    }
    services = (
        "naam;organisatie;beschrijving;wachttijd dagen\n"
        f'Koffie;{organisation.name};"Elke week\nkoffie";²\n'
        f"Thee;{organisation.name};Thee;99999999999\n"
        f"Soep;{organisation.name};Soep;１４\n"
    ).encode()
    result = check_file(services, "aanbod.csv", Kind.SERVICES)
    # Rows are records: the line end inside the quoted description does not count.
    assert {(p.row, p.column) for p in result.problems} == {
        (2, "wachttijd dagen"),
        (3, "wachttijd dagen"),
        (4, "wachttijd dagen"),
    }
    assert Service.objects.count() == 0


def test_the_models_own_rules_are_checked_in_the_dry_run() -> None:
    long_address = "a" * 250 + "@example.nl"
    long_site = "https://www.example.nl/" + "a" * 200
    data = f"naam;type;e-mail;website\nX;welfare;{long_address};{long_site}\n".encode()
    result = check_file(data, "lang.csv", Kind.ORGANISATIONS)
    columns = {p.column for p in result.problems}
    assert columns == {"e-mail", "website"}
    assert all(p.row == 2 for p in result.problems)


def test_an_agb_code_in_other_digits_is_refused() -> None:
    data = "naam;type;agb-code;postcode\nX;welfare;０１２３４５６７;９９０１ AB\n".encode()
    result = check_file(data, "agb.csv", Kind.ORGANISATIONS)
    assert {p.column for p in result.problems} == {"agb-code", "postcode"}


def test_blank_rows_keep_spreadsheet_row_numbers() -> None:
    data = xlsx_bytes([[], ["naam", "type"], [], ["X", "bakkerij"]])
    result = check_file(data, "gaten.xlsx", Kind.ORGANISATIONS)
    assert [(p.row, p.column) for p in result.problems] == [(4, "type")]


def test_the_reader_skips_no_zip_check_for_a_misnamed_file() -> None:
    bomb = streamed_workbook(1_000_000)
    # A workbook renamed to .csv is still read as a workbook, with every check.
    assert "geen gewone werkmap" in only_problem(bomb, "lijst.csv")
    assert zipfile.is_zipfile(io.BytesIO(bomb))


def test_the_command_reads_with_the_same_limits(tmp_path: Path) -> None:
    path = tmp_path / "miljoen.xlsx"
    path.write_bytes(streamed_workbook(1_000_000))
    errors = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_directory", str(path), "--kind", "organisations", stderr=errors)
    assert exit_info.value.code == 2
    assert "geen gewone werkmap" in errors.getvalue()
    assert Organisation.objects.count() == 0
