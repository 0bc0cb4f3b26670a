"""Small hand-made extracts for tests, written as plain CSV (or Parquet) files."""

import csv
from collections.abc import Sequence
from pathlib import Path

import polars as pl

PATIENT_COLUMNS = ("patient_id", "birth_year", "sex", "practice_code", "postcode")
EPISODE_COLUMNS = ("patient_id", "icpc", "start_date", "end_date")
MEDICATION_COLUMNS = ("patient_id", "atc", "prescription_date")
EXCLUSION_COLUMNS = ("patient_id", "reason", "date")

Row = Sequence[object]
Rows = Sequence[Row]


def write_csv(path: Path, columns: tuple[str, ...], rows: Rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
    return path


def write_extract(
    folder: Path,
    *,
    patients: Rows,
    episodes: Rows,
    medications: Rows,
    exclusions: Rows | None = None,
    parquet: bool = False,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files: list[tuple[str, tuple[str, ...], Rows]] = [
        ("patients", PATIENT_COLUMNS, patients),
        ("episodes", EPISODE_COLUMNS, episodes),
        ("medications", MEDICATION_COLUMNS, medications),
    ]
    if exclusions is not None:
        files.append(("exclusions", EXCLUSION_COLUMNS, exclusions))
    for name, columns, rows in files:
        path = write_csv(folder / f"{name}.csv", columns, rows)
        if parquet:
            pl.read_csv(path, infer_schema=False).write_parquet(folder / f"{name}.parquet")
            path.unlink()
    return folder


def small_extract(folder: Path, **changes: Rows) -> Path:
    """Three people aged 75 or over and one younger, with a few coded rows."""
    rows: dict[str, Rows] = {
        "patients": [
            ("p-anna", 1940, "V", "01000001", "1234 AB"),
            ("p-bert", 1948, "M", "01000001", "1234 AC"),
            ("p-cor", 1930, "M", "01000002", "5678 CD"),
            ("p-dina", 1970, "V", "01000001", ""),
        ],
        "episodes": [
            ("p-anna", "K86", "2015-03-01", ""),
            ("p-anna", "T90.02", "2018-06-10", ""),
            ("p-bert", "R74", "2024-01-05", "2024-01-20"),
            ("p-cor", "P70", "2021-02-02", ""),
            ("p-dina", "K86", "2020-05-05", ""),
        ],
        "medications": [
            ("p-anna", "C09AA02", "2026-03-01"),
            ("p-cor", "N06DA02", "2026-02-01"),
        ],
        "exclusions": [],
    }
    rows.update(changes)
    return write_extract(
        folder,
        patients=rows["patients"],
        episodes=rows["episodes"],
        medications=rows["medications"],
        exclusions=rows["exclusions"],
    )
