"""The synthetic extract: seeded, realistic enough, and valid."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from vangnet.casefinding.deficits import ATC_PATTERN, ICPC_PATTERN
from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.synth import generate_extract

AS_OF = date(2026, 6, 30)
FILES = ("patients", "episodes", "medications", "exclusions")


def _bytes(folder: Path, suffix: str) -> dict[str, bytes]:
    return {name: (folder / f"{name}.{suffix}").read_bytes() for name in FILES}


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_the_same_seed_gives_the_same_files(tmp_path: Path, file_format: str) -> None:
    for run in ("one", "two"):
        call_command(
            "synth-extract",
            patients=3000,
            out=str(tmp_path / run),
            seed=7,
            format=file_format,
            as_of=AS_OF.isoformat(),
        )
    assert _bytes(tmp_path / "one", file_format) == _bytes(tmp_path / "two", file_format)


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    generate_extract(patients=500, out_dir=tmp_path / "a", seed=1, as_of=AS_OF)
    generate_extract(patients=500, out_dir=tmp_path / "b", seed=2, as_of=AS_OF)
    assert _bytes(tmp_path / "a", "csv") != _bytes(tmp_path / "b", "csv")


def test_it_looks_like_a_dutch_practice_population(tmp_path: Path) -> None:
    extract = generate_extract(patients=20_000, out_dir=tmp_path, seed=3, as_of=AS_OF)
    patients = pl.read_csv(tmp_path / "patients.csv", infer_schema=False)
    ages = AS_OF.year - patients["birth_year"].cast(pl.Int32)
    assert patients["patient_id"].n_unique() == 20_000
    assert 0.05 < (ages >= 75).mean() < 0.14  # type: ignore[operator]
    assert ages.min() >= 0 and ages.max() <= 99  # type: ignore[operator]
    assert set(patients["sex"].unique()) <= {"M", "V", "O"}
    assert patients["postcode"].str.contains(r"^[1-9][0-9]{3} [A-Z]{2}$").all()
    assert patients["practice_code"].n_unique() == 8
    rows = extract.episodes + extract.medications
    assert 18 < rows / extract.patients < 22
    episodes = pl.read_csv(tmp_path / "episodes.csv", infer_schema=False)
    medications = pl.read_csv(tmp_path / "medications.csv", infer_schema=False)
    assert episodes["icpc"].str.contains(ICPC_PATTERN).all()
    assert medications["atc"].str.contains(ATC_PATTERN).all()
    assert (episodes["start_date"].str.to_date() <= AS_OF).all()
    # Deficits are more common with age.
    result = find_cases(tmp_path, reference_date=AS_OF, today=AS_OF)
    by_age = (
        result.ranked.group_by(pl.col("age") >= 85)
        .agg(pl.col("frailty_index").mean())
        .sort("age")["frailty_index"]
        .to_list()
    )
    assert by_age[0] < by_age[1]
    assert set(result.ranked["category"]) == {"fit", "mild", "moderate", "severe"}


def test_the_console_script_makes_an_extract_and_a_list(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("vangnet")
    env = {**os.environ, "VANGNET_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    made = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(script), "synth-extract", "--patients", "800", "--out", str(tmp_path / "x")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "x" / "episodes.csv").exists()
    listed = subprocess.run(  # noqa: S603
        [str(script), "casefind", str(tmp_path / "x"), "--out", str(tmp_path / "ranked.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    header = (tmp_path / "ranked.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "practice_code,rank,patient_id,age,sex,postcode,frailty_index,category,"
        "deficit_count,polypharmacy_count,deficits"
    )


def test_the_console_script_exits_with_2_and_the_report(tmp_path: Path) -> None:
    generate_extract(patients=50, out_dir=tmp_path / "x", seed=1, as_of=AS_OF)
    (tmp_path / "x" / "medications.csv").write_text("patient_id,atc\nabc,C09AA02\n")
    script = Path(sys.executable).with_name("vangnet")
    env = {**os.environ, "VANGNET_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    listed = subprocess.run(  # noqa: S603
        [str(script), "casefind", str(tmp_path / "x"), "--out", str(tmp_path / "ranked.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 2
    assert "prescription_date" in listed.stderr
    assert not (tmp_path / "ranked.csv").exists()
