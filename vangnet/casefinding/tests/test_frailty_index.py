"""The index on a hand-made extract equals a plain calculation written out here."""

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from vangnet.casefinding.deficits import DATA_FILE, FrailtyCategory, frailty_index
from vangnet.casefinding.engine import find_cases, ranked_for_people
from vangnet.casefinding.tests.helpers import write_extract

REFERENCE = date(2026, 6, 30)
TODAY = date(2026, 11, 27)

PATIENTS = [
    ("a", 1940, "V", "P1", "1234 AB"),
    ("b", 1950, "M", "P1", "1234 AC"),
    ("c", 1945, "V", "P2", "5678 CD"),
    ("d", 1951, "M", "P1", "1234 AD"),
    ("e", 1952, "V", "P1", "1234 AE"),
    ("f", 1938, "M", "P2", "5678 CE"),
]
EPISODES = [
    ("a", "K86", "2010-01-01", ""),
    ("a", "T90.02", "2015-01-01", ""),
    ("a", " k78 ", "2020-01-01", ""),
    ("a", "U99.01", "2022-01-01", ""),
    ("a", "U99", "2022-02-01", ""),
    ("a", "R74", "2022-03-01", "2022-03-10"),
    ("a", "L95", "2026-07-15", ""),
    ("a", "A80", "2019-01-10", "2019-02-01"),
    ("a", "P70", "2023-01-01", ""),
    ("a", "S97", "2024-01-01", ""),
    ("a", "N87", "2024-02-01", ""),
    ("a", "K77", "2024-03-01", ""),
    ("a", "F92", "2024-04-01", ""),
    ("a", "H84", "2024-05-01", ""),
    ("a", "T08", "2026-06-30", ""),
    ("b", "T90", "2012-01-01", ""),
    ("b", "K86.01", "2013-01-01", ""),
    ("b", "Z15", "2025-01-01", ""),
    ("b", "Z29", "2025-02-01", ""),
    ("c", "L75", "2021-01-01", "2021-03-01"),
    ("c", "L95", "2021-04-01", ""),
    ("c", "P06", "2022-01-01", ""),
    ("d", "R95", "2016-01-01", ""),
    ("e", "K77", "2020-01-01", ""),
]
MEDICATIONS = [
    ("a", "A10BA02", "2026-01-01"),
    ("a", "C09AA02", "2025-08-01"),
    ("a", "C09AA02", "2026-02-01"),
    ("a", "C10AA05", "2025-07-01"),
    ("a", "c10aa05", "2026-03-01"),
    ("a", "B01AC06", "2026-04-01"),
    ("a", "N02BE01", "2026-06-30"),
    ("a", "V04CA02", "2026-05-01"),
    ("b", "C09AA02", "2026-01-01"),
    ("b", "C10AA05", "2026-01-01"),
    ("b", "B01AC06", "2026-01-01"),
    ("b", "A02BC01", "2026-01-01"),
    ("b", "N02BE01", "2025-06-30"),
    ("b", "N05CF01", "2025-05-01"),
    ("c", "N05CD07", "2026-02-01"),
    ("c", "H03AA01", "2026-03-01"),
    ("c", "G04BD08", "2026-04-01"),
    ("d", "R03AC02", "2026-05-01"),
    ("d", "H03AA01", "2025-06-30"),
]


def plain_calculation(reference: date) -> dict[str, dict[str, Any]]:
    """The eFI for this extract, straight from the data file, without Polars."""
    data = json.loads(Path(DATA_FILE).read_text(encoding="utf-8"))
    deficits = data["deficits"]
    window_days = data["polypharmacy"]["window_days"]
    not_counted = data["polypharmacy"]["not_counted_atc_prefixes"]
    first_day = reference - timedelta(days=window_days)
    found: dict[str, set[str]] = {p[0]: set() for p in PATIENTS}
    for patient, code, start, _end in EPISODES:
        code = code.strip().upper()
        if date.fromisoformat(start) > reference:
            continue
        for deficit in deficits:
            for entry in deficit["icpc"]:
                if code == entry or code.startswith(entry + "."):
                    found[patient].add(deficit["key"])
    medicines: dict[str, set[str]] = {p[0]: set() for p in PATIENTS}
    for patient, code, prescribed in MEDICATIONS:
        code = code.strip().upper()
        if not first_day < date.fromisoformat(prescribed) <= reference:
            continue
        for deficit in deficits:
            for entry in deficit["atc"]:
                if code.startswith(entry):
                    found[patient].add(deficit["key"])
        if not any(code.startswith(prefix) for prefix in not_counted):
            medicines[patient].add(code)
    result = {}
    for patient, birth_year, _sex, practice, _postcode in PATIENTS:
        if reference.year - birth_year < 75:
            continue
        keys = found[patient]
        if len(medicines[patient]) >= data["polypharmacy"]["min_distinct_medicines"]:
            keys = keys | {"polypharmacy"}
        index = len(keys) / len(deficits)
        if index <= float(data["cutoffs"]["fit"]):
            category = "fit"
        elif index <= float(data["cutoffs"]["mild"]):
            category = "mild"
        elif index <= float(data["cutoffs"]["moderate"]):
            category = "moderate"
        else:
            category = "severe"
        result[patient] = {
            "practice_code": practice,
            "deficit_count": len(keys),
            "frailty_index": round(index, 3),
            "category": category,
            "polypharmacy_count": len(medicines[patient]),
            "deficits": sorted(keys),
        }
    return result


@pytest.fixture
def extract(tmp_path: Path) -> Path:
    return write_extract(
        tmp_path / "extract", patients=PATIENTS, episodes=EPISODES, medications=MEDICATIONS
    )


def test_the_index_equals_a_plain_calculation(extract: Path) -> None:
    result = find_cases(extract, reference_date=REFERENCE, today=TODAY)
    fi = frailty_index()
    computed = {
        row["patient_id"]: {
            "practice_code": row["practice_code"],
            "deficit_count": row["deficit_count"],
            "frailty_index": row["frailty_index"],
            "category": row["category"],
            "polypharmacy_count": row["polypharmacy_count"],
            "deficits": sorted(d.key for d in fi.present(row["deficit_mask"])),
        }
        for row in result.ranked.iter_rows(named=True)
    }
    expected = plain_calculation(REFERENCE)
    assert computed == expected
    # The example is rich enough to mean something.
    assert expected["a"]["category"] == "severe"
    assert expected["a"]["polypharmacy_count"] == 5
    assert "chronic_kidney_disease" in expected["a"]["deficits"]
    assert expected["b"]["polypharmacy_count"] == 4
    assert "thyroid_disease" in expected["c"]["deficits"]
    assert expected["f"]["deficit_count"] == 0


def test_the_list_is_ranked_per_practice_most_frail_first(extract: Path) -> None:
    result = find_cases(extract, reference_date=REFERENCE, today=TODAY)
    rows = result.ranked.select("practice_code", "rank", "patient_id").rows()
    expected = plain_calculation(REFERENCE)
    birth_years = {p[0]: int(p[1]) for p in PATIENTS}

    def rank_key(patient: str) -> tuple[str, int, int, int, str]:
        row = expected[patient]
        return (
            row["practice_code"],
            -row["deficit_count"],
            -row["polypharmacy_count"],
            birth_years[patient],  # older first
            patient,
        )

    order = sorted(expected, key=rank_key)
    assert [row[2] for row in rows] == order
    assert [row[1] for row in rows] == [1, 2, 3, 1, 2]
    assert result.patients_total == 6
    assert result.patients_aged == 5
    assert result.listed == 5


def test_the_csv_names_the_deficits_in_dutch(extract: Path) -> None:
    result = find_cases(extract, reference_date=REFERENCE, today=TODAY)
    frame = ranked_for_people(result.ranked, language="nl")
    bert = frame.filter(frame["patient_id"] == "b").row(0, named=True)
    assert bert["deficits"] == "Diabetes; Hoge bloeddruk; Sociaal kwetsbaar"
    english = ranked_for_people(result.ranked, language="en")
    assert english.filter(english["patient_id"] == "b")["deficits"].item() == (
        "Diabetes; Hypertension; Social vulnerability"
    )


def test_parquet_gives_the_same_list_as_csv(extract: Path, tmp_path: Path) -> None:
    parquet = write_extract(
        tmp_path / "parquet",
        patients=PATIENTS,
        episodes=EPISODES,
        medications=MEDICATIONS,
        parquet=True,
    )
    from_csv = find_cases(extract, reference_date=REFERENCE, today=TODAY).ranked
    from_parquet = find_cases(parquet, reference_date=REFERENCE, today=TODAY).ranked
    assert from_parquet.equals(from_csv)


def test_the_data_file_holds_the_36_efi_deficits_with_their_sources() -> None:
    fi = frailty_index()
    assert fi.size == 36
    assert {d.key for d in fi.deficits} >= {"polypharmacy", "falls", "housebound"}
    for deficit in fi.deficits:
        assert deficit.sources and set(deficit.sources) <= set(fi.sources)
        assert deficit.name_en and deficit.name_nl and deficit.note
    # Where no ICPC-2 or ATC code exists the data file says so, as judgement.
    housebound = next(d for d in fi.deficits if d.key == "housebound")
    assert (housebound.icpc, housebound.atc, housebound.basis) == ((), (), "judgement")
    assert "10.1093/ageing/afw039" in fi.sources["clegg2016"]


@pytest.mark.parametrize(
    ("count", "category"),
    [
        (0, FrailtyCategory.FIT),
        (4, FrailtyCategory.FIT),
        (5, FrailtyCategory.MILD),
        (8, FrailtyCategory.MILD),
        (9, FrailtyCategory.MODERATE),
        (12, FrailtyCategory.MODERATE),
        (13, FrailtyCategory.SEVERE),
        (36, FrailtyCategory.SEVERE),
    ],
)
def test_categories_follow_the_efi_cut_offs(count: int, category: FrailtyCategory) -> None:
    # fit <= 0.12 < mild <= 0.24 < moderate <= 0.36 < severe, with 36 deficits.
    assert frailty_index().category_for(count) == category
