"""Every kind of bad input gives a clear report and no output at all."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.extract import SPECS
from vangnet.casefinding.report import ExtractInvalid, Issue, Problem
from vangnet.casefinding.tests.helpers import Rows, small_extract, write_csv

TODAY = date(2026, 11, 27)
REFERENCE = date(2026, 6, 30)

P1 = ("p-anna", 1940, "V", "01000001", "1234 AB")
P2 = ("p-bert", 1948, "M", "01000001", "1234 AC")
P3 = ("p-cor", 1930, "M", "01000002", "5678 CD")
EPISODE = ("p-anna", "K86", "2015-03-01", "")
DAY = "2020-01-01"


def _problems(folder: Path, practice: str | None = None) -> list[Issue]:
    with pytest.raises(ExtractInvalid) as caught:
        find_cases(folder, reference_date=REFERENCE, today=TODAY, practice=practice)
    return list(caught.value.report.issues)


def _one(issues: list[Issue], problem: Problem) -> Issue:
    matching = [issue for issue in issues if issue.problem == problem]
    assert len(matching) == 1, issues
    return matching[0]


def _no_medications(folder: Path) -> None:
    (folder / "medications.csv").unlink()


def _no_start_date(folder: Path) -> None:
    write_csv(
        folder / "episodes.csv",
        ("patient_id", "icpc", "end_date"),
        [("p-anna", "K86", "")],
    )


def _patients_twice(folder: Path) -> None:
    (folder / "patients.parquet").write_bytes(b"PAR1")


def _not_parquet(folder: Path) -> None:
    (folder / "medications.csv").unlink()
    (folder / "medications.parquet").write_bytes(b"this is not a parquet file")


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    column: str
    problem: Problem
    count: int = 1
    examples: tuple[tuple[int, str], ...] = ()
    changes: dict[str, Rows] = field(default_factory=dict)
    damage: Callable[[Path], None] | None = None


CASES = [
    Case("missing file", "medications", "", Problem.MISSING_FILE, 0, damage=_no_medications),
    Case("two files", "patients", "", Problem.DOUBLE_FILE, 0, damage=_patients_twice),
    Case("not parquet", "medications.parquet", "", Problem.UNREADABLE_FILE, 0, damage=_not_parquet),
    Case(
        "missing column", "episodes.csv", "start_date", Problem.MISSING_COLUMN, 0,
        damage=_no_start_date,
    ),
    Case(
        "not an ICPC-2 code", "episodes.csv", "icpc", Problem.BAD_ICPC, 2, ((3, "XYZ"), (4, "K00")),
        {"episodes": [EPISODE, ("p-bert", "XYZ", "2020-01-01", ""), ("p-cor", "K00", DAY, "")]},
    ),
    Case(
        "incomplete ATC code", "medications.csv", "atc", Problem.BAD_ATC, 1, ((2, "C09"),),
        {"medications": [("p-anna", "C09", "2026-03-01")]},
    ),
    Case(
        "unreadable date", "episodes.csv", "start_date", Problem.BAD_DATE, 1, ((2, "15-03-2015"),),
        {"episodes": [("p-anna", "K86", "15-03-2015", "")]},
    ),
    Case(
        "date after today", "medications.csv", "prescription_date", Problem.FUTURE_DATE, 1,
        ((3, "2099-01-01"),),
        {"medications": [("p-anna", "C09AA02", "2026-03-01"), ("p-cor", "N06DA02", "2099-01-01")]},
    ),
    Case(
        "end before start", "episodes.csv", "end_date", Problem.END_BEFORE_START, 1,
        ((2, "2019-12-31"),),
        {"episodes": [("p-anna", "K86", "2020-01-01", "2019-12-31")]},
    ),
    Case(
        "empty code", "episodes.csv", "icpc", Problem.EMPTY_VALUE, 1, ((2, ""),),
        {"episodes": [("p-anna", "", "2020-01-01", "")]},
    ),
    Case(
        "birth year out of range", "patients.csv", "birth_year", Problem.BIRTH_YEAR_OUT_OF_RANGE,
        1, ((3, "1850"),),
        {"patients": [P1, ("p-bert", 1850, "M", "01000001", "1234 AC"), P3]},
    ),
    Case(
        "birth year not a number", "patients.csv", "birth_year", Problem.BAD_BIRTH_YEAR, 1,
        ((4, "negentien"),),
        {"patients": [P1, P2, ("p-cor", "negentien", "M", "01000002", "5678 CD")]},
    ),
    Case(
        "duplicate patient", "patients.csv", "patient_id", Problem.DUPLICATE_PATIENT, 2,
        ((2, "p-anna"), (5, "p-anna")),
        {"patients": [P1, P2, P3, P1]},
    ),
    Case(
        "unknown sex", "patients.csv", "sex", Problem.BAD_SEX, 1, ((3, "X"),),
        {"patients": [P1, ("p-bert", 1948, "X", "01000001", "1234 AC"), P3]},
    ),
    Case(
        "not a Dutch postcode", "patients.csv", "postcode", Problem.BAD_POSTCODE, 1,
        ((4, "12345"),),
        {"patients": [P1, P2, ("p-cor", 1930, "M", "01000002", "12345")]},
    ),
    Case(
        "unknown patient in episodes", "episodes.csv", "patient_id", Problem.UNKNOWN_PATIENT, 1,
        ((3, "p-zora"),),
        {"episodes": [EPISODE, ("p-zora", "K86", "2015-03-01", "")]},
    ),
    Case(
        "unknown patient in medications", "medications.csv", "patient_id",
        Problem.UNKNOWN_PATIENT, 1, ((2, "p-zora"),),
        {"medications": [("p-zora", "C09AA02", "2026-03-01")]},
    ),
    Case(
        "unknown patient in exclusions", "exclusions.csv", "patient_id",
        Problem.UNKNOWN_PATIENT, 1, ((2, "p-zora"),),
        {"exclusions": [("p-zora", "in_care", "")]},
    ),
    Case(
        "unknown reason", "exclusions.csv", "reason", Problem.BAD_REASON, 1, ((2, "moved"),),
        {"exclusions": [("p-anna", "moved", "")]},
    ),
    Case(
        "screening without a date", "exclusions.csv", "date", Problem.SCREENING_WITHOUT_DATE, 1,
        ((2, ""),),
        {"exclusions": [("p-anna", "screened_recently", "")]},
    ),
]  # fmt: skip


def _damaged(tmp_path: Path, case: Case) -> Path:
    folder = small_extract(tmp_path / "extract", **case.changes)
    if case.damage is not None:
        case.damage(folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_it_reports_bad_input(tmp_path: Path, case: Case) -> None:
    issue = _one(_problems(_damaged(tmp_path, case)), case.problem)
    assert (issue.file, issue.column) == (case.file, case.column)
    assert issue.count == case.count
    assert tuple((e.row, e.value) for e in issue.examples) == case.examples
    assert issue.description and issue.fix


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_command_writes_nothing_for_a_bad_extract(tmp_path: Path, case: Case) -> None:
    folder = _damaged(tmp_path, case)
    out = tmp_path / "ranked.csv"
    with pytest.raises(CommandError) as caught:
        call_command("casefind", str(folder), out=str(out), reference_date="2026-06-30")
    assert caught.value.returncode == 2
    assert list(tmp_path.glob("ranked*")) == []


def test_it_reports_every_problem_at_once(tmp_path: Path) -> None:
    folder = small_extract(
        tmp_path / "extract",
        episodes=[("p-anna", "K86", "gisteren", "")],
        medications=[("p-zora", "C09AA02", "2026-03-01")],
    )
    problems = {(issue.file, issue.problem) for issue in _problems(folder)}
    assert problems == {
        ("episodes.csv", Problem.BAD_DATE),
        ("medications.csv", Problem.UNKNOWN_PATIENT),
    }


def test_it_reports_a_practice_code_that_is_not_in_the_extract(tmp_path: Path) -> None:
    folder = small_extract(tmp_path / "extract")
    issue = _one(_problems(folder, practice="09999999"), Problem.UNKNOWN_PRACTICE)
    assert issue.column == "practice_code"


def test_only_a_few_examples_are_shown_for_many_bad_rows(tmp_path: Path) -> None:
    episodes = [("p-anna", "K86", f"2020-13-{day:02d}", "") for day in range(1, 21)]
    folder = small_extract(tmp_path / "extract", episodes=episodes)
    issue = _one(_problems(folder), Problem.BAD_DATE)
    assert issue.count == 20
    assert [e.row for e in issue.examples] == [2, 3, 4]


def test_a_valid_but_unmapped_code_is_fine(tmp_path: Path) -> None:
    folder = small_extract(
        tmp_path / "extract",
        episodes=[("p-anna", "R74", "2020-01-01", ""), ("p-anna", "A97.01", "2020-01-01", "")],
        medications=[("p-anna", "J01CA04", "2026-03-01")],
    )
    result = find_cases(folder, reference_date=REFERENCE, today=TODAY)
    anna = result.ranked.filter(result.ranked["patient_id"] == "p-anna").row(0, named=True)
    assert anna["deficit_count"] == 0
    assert anna["polypharmacy_count"] == 1


def test_semicolons_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    folder = small_extract(tmp_path / "extract")
    text = (folder / "patients.csv").read_text(encoding="utf-8").replace(",", ";")
    (folder / "patients.csv").write_text("\ufeff" + text, encoding="utf-8")
    result = find_cases(folder, reference_date=REFERENCE, today=TODAY)
    assert result.patients_total == 4


def test_every_column_is_in_the_manual() -> None:
    manual = (Path(__file__).resolve().parents[3] / "docs" / "casefinding.md").read_text()
    for spec in SPECS:
        assert f"### `{spec.name}`" in manual
        for column in spec.columns:
            assert f"| `{column.name}` |" in manual or f"`{column.name}`," in manual
