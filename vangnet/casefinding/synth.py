"""A seeded synthetic GP extract: realistic ages, practices, postcodes and coded rows.

Vectorised with numpy and Polars so that a million patients take seconds. Same seed and
same ``as_of`` date give byte-identical files.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import polars as pl

from vangnet.casefinding.deficits import frailty_index

FileFormat = Literal["csv", "parquet"]

# Rounded shares of the Dutch population per five-year age band (0-4 ... 95-99), close to
# CBS StatLine (Bevolking; geslacht, leeftijd) for 1 January 2024. Synthetic use only.
AGE_BAND_SHARES = (
    4.9, 5.1, 5.5, 5.9, 6.3, 6.6, 6.5, 6.1, 5.9, 6.0,
    6.9, 7.3, 6.8, 5.9, 5.1, 4.6, 2.8, 1.5, 0.6, 0.2,
)  # fmt: skip

# Common GP episodes that are not eFI deficits (ICPC-2).
OTHER_ICPC = (
    "R74", "R05", "L03", "S88", "D12", "T93", "N01", "H81", "S74", "L15",
    "L08", "D01", "R78", "P01", "P76", "A97", "T82", "K95", "S03", "F70",
    "L84", "D73", "R80", "K85", "U02", "S87", "D87", "L92", "A04", "R97",
)  # fmt: skip
# Deficit episodes, with a few Dutch NHG subcodes.
DEFICIT_ICPC_EXTRA = ("T90.02", "T90.01", "K86.01", "P70.01")

# Common medicines that are no deficit evidence (ATC, substance level).
OTHER_ATC = (
    "C10AA01", "C10AA05", "B01AC06", "C09AA02", "C09CA01", "C07AB02", "C08CA01",
    "C03CA01", "C03AA03", "A02BC01", "A02BC02", "N02BE01", "M01AE01", "M01AB05",
    "J01CA04", "J01XE01", "J01AA02", "A11CC05", "B01AF01", "B01AF02", "B01AA04",
    "B01AA07", "N06AB04", "N06AX11", "D07AC01", "H02AB06", "A06AD11", "R06AE07",
)  # fmt: skip
# Medicines that count as deficit evidence in the mapping.
DEFICIT_ATC = (
    "A10BA02", "A10BB09", "B03AA07", "B03BA01", "B03BB01", "C01DA08", "C01DA14",
    "H03AA01", "H03BB02", "M05BA04", "M05BA07", "N04BA02", "N04BC05", "N05CD07",
    "N05CF01", "N06DA02", "N06DA03", "R03AC02", "R03BB04", "G04BD07", "G04BD08",
    "G04CA02", "G04CB02", "S01ED01", "S01EE01",
)  # fmt: skip

# Dutch postcodes use neither F, I, O, Q, U nor Y.
POSTCODE_LETTERS = np.frombuffer(b"ABCEGHJKLMNPRSTVWXZ", dtype=np.uint8)
HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


@dataclass(frozen=True)
class SyntheticExtract:
    folder: Path
    patients: int
    episodes: int
    medications: int
    exclusions: int


def _strings(codes: np.ndarray, width: int) -> pl.Series:
    """An (n, width) uint8 array of ASCII characters as a Polars string column."""
    packed = np.ascontiguousarray(codes, dtype=np.uint8).view(f"S{width}").ravel()
    return pl.Series(packed).cast(pl.String)


def _pseudonyms(n: int, rng: np.random.Generator) -> pl.Series:
    """Unique 12-hex-digit ids: an odd multiplier makes i -> a*i+b a bijection mod 2**48."""
    mask = np.uint64((1 << 48) - 1)
    a = np.uint64(int(rng.integers(1 << 46, 1 << 47)) * 2 + 1)
    b = np.uint64(int(rng.integers(0, 1 << 48)))
    values = (np.arange(n, dtype=np.uint64) * a + b) & mask
    shifts = np.arange(44, -1, -4, dtype=np.uint64)
    digits = ((values[:, None] >> shifts) & np.uint64(0xF)).astype(np.uint8)
    return _strings(HEX_DIGITS[digits], 12)


def _postcodes(pc4: np.ndarray, rng: np.random.Generator) -> pl.Series:
    n = len(pc4)
    chars = np.empty((n, 7), dtype=np.uint8)
    for position, power in enumerate((1000, 100, 10, 1)):
        chars[:, position] = ord("0") + (pc4 // power) % 10
    chars[:, 4] = ord(" ")
    letters = rng.integers(0, len(POSTCODE_LETTERS), size=(n, 2))
    chars[:, 5:] = POSTCODE_LETTERS[letters]
    # SA, SD and SS are not issued as postcode letters.
    bad = (chars[:, 5] == ord("S")) & np.isin(chars[:, 6], np.frombuffer(b"ADS", np.uint8))
    chars[bad, 5] = ord("T")
    return _strings(chars, 7)


def _dates(days_before: np.ndarray, as_of: date) -> pl.Series:
    epoch_days = (as_of - date(1970, 1, 1)).days - days_before
    return pl.Series(epoch_days.astype(np.int32)).cast(pl.Date)


def _pick(
    other: tuple[str, ...],
    deficit: tuple[str, ...],
    is_deficit: np.ndarray,
    rng: np.random.Generator,
) -> pl.Series:
    """A code per row: from ``deficit`` where ``is_deficit``, else from ``other``."""
    n = len(is_deficit)
    index = np.where(
        is_deficit,
        len(other) + rng.integers(0, len(deficit), n),
        rng.integers(0, len(other), n),
    )
    return pl.Series((*other, *deficit)).gather(index)


def _write(frame: pl.DataFrame, folder: Path, name: str, file_format: FileFormat) -> None:
    if file_format == "parquet":
        frame.write_parquet(folder / f"{name}.parquet", statistics=False)
    else:
        frame.write_csv(folder / f"{name}.csv", date_format="%Y-%m-%d")


def generate_extract(
    *,
    patients: int,
    out_dir: Path,
    seed: int = 2026,
    file_format: FileFormat = "csv",
    as_of: date | None = None,
    rows_per_patient: float = 20.0,
) -> SyntheticExtract:
    """Write patients, episodes, medications and exclusions for ``patients`` people."""
    if patients < 1:
        raise ValueError("At least one patient is needed")
    as_of = as_of or date.today()  # noqa: DTZ011 (a calendar date, no time zone involved)
    rng = np.random.Generator(np.random.PCG64(seed))
    out_dir.mkdir(parents=True, exist_ok=True)

    # Ages follow the Dutch pyramid; birth year is the year the age is reached.
    shares = np.array(AGE_BAND_SHARES) / sum(AGE_BAND_SHARES)
    band = rng.choice(len(shares), size=patients, p=shares)
    age = band * 5 + rng.integers(0, 5, size=patients)
    birth_year = as_of.year - age
    female_share = 0.5 + np.clip(age - 60, 0, 40) * 0.005
    sex = np.where(rng.random(patients) < female_share, "V", "M")
    sex[rng.random(patients) < 0.001] = "O"

    # Practices of uneven size (around 2,500 patients), each around its own PC4 area.
    n_practices = max(1, round(patients / 2500))
    weights = rng.gamma(8.0, size=n_practices)
    practice = rng.choice(n_practices, size=patients, p=weights / weights.sum())
    practice_codes = np.char.add(
        "01", np.char.zfill(rng.choice(1_000_000, n_practices, replace=False).astype(str), 6)
    )
    practice_pc4 = rng.integers(1000, 9990, size=n_practices)
    pc4 = practice_pc4[practice] + rng.integers(0, 4, size=patients)

    ids = _pseudonyms(patients, rng)
    patient_frame = pl.DataFrame(
        {
            "patient_id": ids,
            "birth_year": birth_year.astype(np.int32),
            "sex": sex,
            "practice_code": practice_codes[practice],
            "postcode": _postcodes(pc4, rng),
        }
    )

    # Older people have more coded rows and a larger share of them are deficits.
    weight = 0.25 + (age / 60.0) ** 2
    rows = rng.poisson(weight * rows_per_patient / weight.mean())
    propensity = rng.gamma(2.0, 0.5, size=patients)
    deficit_share = np.clip((0.01 + np.clip(age - 45, 0, None) * 0.005) * propensity, 0.0, 0.9)
    owner = np.repeat(np.arange(patients), rows)
    is_episode = rng.random(len(owner)) < 0.55

    definition = frailty_index()
    deficit_icpc = tuple(c for d in definition.deficits for c in d.icpc) + DEFICIT_ICPC_EXTRA

    ep_owner = owner[is_episode]
    ep_deficit = rng.random(len(ep_owner)) < deficit_share[ep_owner]
    icpc = _pick(OTHER_ICPC, deficit_icpc, ep_deficit, rng)
    # Episodes start within the last 20 years, never before the year of birth.
    lived_days = (age[ep_owner] * 365).clip(1, None)
    start_before = np.minimum(rng.integers(0, 20 * 365, len(ep_owner)), lived_days)
    duration = rng.integers(7, 1500, len(ep_owner))
    end_before = start_before - duration
    open_episode = (rng.random(len(ep_owner)) < 0.5) | (end_before < 0)
    episodes = pl.DataFrame(
        {
            "patient_id": ids.gather(ep_owner),
            "icpc": icpc,
            "start_date": _dates(start_before, as_of),
            "end_date": _dates(np.where(open_episode, 0, end_before), as_of),
        }
    ).with_columns(
        pl.when(pl.Series(open_episode)).then(None).otherwise(pl.col("end_date")).alias("end_date")
    )

    med_owner = owner[~is_episode]
    med_deficit = rng.random(len(med_owner)) < deficit_share[med_owner] * 0.5
    # Each person uses a few medicines of their own, more of them with age.
    repertoire = 1 + rng.poisson(0.3 + 0.1 * np.clip(age - 50, 0, None))
    first = rng.integers(0, len(OTHER_ATC), size=patients)
    first_deficit = rng.integers(0, len(DEFICIT_ATC), size=patients)
    slot = (rng.random(len(med_owner)) * repertoire[med_owner]).astype(np.int64)
    index = np.where(
        med_deficit,
        len(OTHER_ATC) + (first_deficit[med_owner] + 7 * (slot % 3)) % len(DEFICIT_ATC),
        (first[med_owner] + 5 * slot) % len(OTHER_ATC),
    )
    atc = pl.Series((*OTHER_ATC, *DEFICIT_ATC)).gather(index)
    medications = pl.DataFrame(
        {
            "patient_id": ids.gather(med_owner),
            "atc": atc,
            "prescription_date": _dates(rng.integers(0, 2 * 365, len(med_owner)), as_of),
        }
    )

    # Some older people were screened recently or are already in care.
    draw = rng.random(patients)
    old = age >= 70
    screened = old & (draw < 0.04)
    in_care = old & (draw >= 0.04) & (draw < 0.055)
    excluded = np.flatnonzero(screened | in_care)
    exclusions = pl.DataFrame(
        {
            "patient_id": ids.gather(excluded),
            "reason": np.where(screened[excluded], "screened_recently", "in_care"),
            "date": _dates(rng.integers(0, 500, len(excluded)), as_of),
        }
    ).with_columns(
        pl.when(pl.col("reason") == "in_care").then(None).otherwise(pl.col("date")).alias("date")
    )

    for name, frame in (
        ("patients", patient_frame),
        ("episodes", episodes),
        ("medications", medications),
        ("exclusions", exclusions),
    ):
        _write(frame, out_dir, name, file_format)
    return SyntheticExtract(
        folder=out_dir,
        patients=patients,
        episodes=episodes.height,
        medications=medications.height,
        exclusions=exclusions.height,
    )
