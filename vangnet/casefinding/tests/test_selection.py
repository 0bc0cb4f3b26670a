"""Who is on the list: aged 75 or over at the reference date, not screened or in care."""

from datetime import date
from pathlib import Path

import pytest

from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.tests.helpers import small_extract

TODAY = date(2026, 11, 27)


def _listed(folder: Path, reference: date, practice: str | None = None) -> list[str]:
    result = find_cases(folder, reference_date=reference, today=TODAY, practice=practice)
    return sorted(result.ranked["patient_id"].to_list())


@pytest.mark.parametrize(
    ("reference", "listed"),
    [
        # Born 1951: 75 in 2026, from 1 January on; only the birth year is known.
        (date(2026, 1, 1), True),
        (date(2026, 11, 27), True),
        (date(2025, 12, 31), False),
    ],
)
def test_the_age_cut_off_is_taken_at_the_reference_date(
    tmp_path: Path, reference: date, listed: bool
) -> None:
    folder = small_extract(
        tmp_path / "extract",
        patients=[("p-eva", 1951, "V", "01000001", "1234 AB")],
        episodes=[],
        medications=[],
    )
    assert _listed(folder, reference) == (["p-eva"] if listed else [])


def test_people_in_care_are_left_out(tmp_path: Path) -> None:
    folder = small_extract(tmp_path / "extract", exclusions=[("p-anna", "in_care", "")])
    result = find_cases(folder, reference_date=date(2026, 6, 30), today=TODAY)
    assert sorted(result.ranked["patient_id"].to_list()) == ["p-bert", "p-cor"]
    assert (result.patients_aged, result.patients_excluded, result.listed) == (3, 1, 2)


@pytest.mark.parametrize(
    ("screened", "left_out"),
    [
        ("2026-06-30", True),  # on the reference date
        ("2025-07-01", True),  # 364 days before: still within the year
        ("2025-06-30", False),  # a full year ago: due again
        ("2026-07-01", False),  # after the reference date: not yet screened then
    ],
)
def test_people_screened_in_the_last_year_are_left_out(
    tmp_path: Path, screened: str, left_out: bool
) -> None:
    folder = small_extract(
        tmp_path / "extract", exclusions=[("p-bert", "Screened_Recently", screened)]
    )
    listed = _listed(folder, date(2026, 6, 30))
    assert ("p-bert" not in listed) == left_out


def test_a_practice_can_be_chosen(tmp_path: Path) -> None:
    folder = small_extract(tmp_path / "extract")
    result = find_cases(folder, reference_date=date(2026, 6, 30), today=TODAY, practice="01000002")
    assert result.ranked["patient_id"].to_list() == ["p-cor"]
    assert (result.patients_total, result.patients_aged) == (1, 1)


def test_younger_people_count_for_nothing_but_the_total(tmp_path: Path) -> None:
    folder = small_extract(tmp_path / "extract")
    result = find_cases(folder, reference_date=date(2026, 6, 30), today=TODAY)
    assert "p-dina" not in result.ranked["patient_id"].to_list()
    assert result.patients_total == 4
