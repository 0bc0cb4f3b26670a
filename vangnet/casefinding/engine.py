"""Case-finding: a frailty index for everyone in a GP extract, ranked per practice.

All work is columnar Polars: one typed read per file, whole-column checks, one group-by per
coded file. Codes are categorical, so code-level work (validity, the deficit a code stands
for) is done once per distinct code and spread over the rows by a gather.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from vangnet.casefinding.deficits import (
    ATC_PATTERN,
    ICPC_PATTERN,
    POLYPHARMACY,
    FrailtyCategory,
    FrailtyIndex,
    frailty_index,
)
from vangnet.casefinding.extract import (
    EPISODES,
    EXCLUSIONS,
    GIVEN,
    MEDICATIONS,
    PATIENTS,
    SourceFile,
    load_all,
    locate,
    raw_values,
)
from vangnet.casefinding.report import (
    MAX_EXAMPLES,
    Example,
    ExtractInvalid,
    Issue,
    Problem,
    ValidationReport,
)

AGE_LIMIT = 75
MIN_BIRTH_YEAR = 1900
SCREENING_WINDOW_DAYS = 365
SEXES = ("M", "V", "O")
REASONS = ("screened_recently", "in_care")
POSTCODE_PATTERN = r"^[1-9][0-9]{3}(\s?[A-Za-z]{2})?$"
OUTPUT_COLUMNS = (
    "practice_code",
    "rank",
    "patient_id",
    "age",
    "sex",
    "postcode",
    "frailty_index",
    "category",
    "deficit_count",
    "polypharmacy_count",
    "deficit_mask",
)


@dataclass(frozen=True)
class CaseFindingResult:
    """The ranked list (deficits as a bit mask: ``FrailtyIndex.present``) and its counts."""

    ranked: pl.DataFrame
    reference_date: date
    patients_total: int
    patients_aged: int
    patients_excluded: int

    @property
    def listed(self) -> int:
        return self.ranked.height


@dataclass(frozen=True)
class _Check:
    column: str
    problem: Problem
    bad: pl.Expr
    detail: tuple[tuple[str, str], ...] = ()


def _given(column: str) -> pl.Expr:
    return pl.col(column + GIVEN)


def _date_checks(column: str, today: date, *, required: bool) -> list[_Check]:
    checks = [
        _Check(column, Problem.BAD_DATE, _given(column) & pl.col(column).is_null()),
        _Check(
            column,
            Problem.FUTURE_DATE,
            pl.col(column) > today,
            (("today", today.strftime("%d-%m-%Y")),),
        ),
    ]
    if required:
        checks.insert(0, _Check(column, Problem.EMPTY_VALUE, ~_given(column)))
    return checks


@dataclass(frozen=True)
class _CodeTable:
    """Per distinct code of one file: is it valid, which deficits, which medicine."""

    invalid: pl.Series  # physical ids of invalid codes
    masks: pl.Series  # deficit mask by physical id
    medicine: pl.Series  # counted medicine id by physical id (null: not counted)


def _code_table(
    codes: pl.Series, pattern: str, entries: list[tuple[str, int]], *, atc: bool, fi: FrailtyIndex
) -> _CodeTable:
    # The column has categories of its own: they are exactly the distinct codes of the file,
    # in the order of their physical ids.
    assert isinstance(codes.dtype, pl.Categorical)
    distinct = codes.dtype.categories.to_series()
    table = (
        pl.DataFrame({"code": distinct.cast(pl.String)})
        .with_row_index("physical")
        .with_columns(pl.col("code").str.strip_chars().str.to_uppercase())
        .with_columns(pl.col("code").str.contains(pattern).alias("valid"))
    )
    mapping = pl.DataFrame(entries, schema={"entry": pl.String, "bit": pl.UInt64}, orient="row")
    if atc:
        matches = pl.col("code").str.starts_with(pl.col("entry"))
    else:
        # K86 covers K86 and its NHG subcodes (K86.01); U99.01 covers only itself.
        matches = (pl.col("code") == pl.col("entry")) | pl.col("code").str.starts_with(
            pl.col("entry") + "."
        )
    masks = (
        table.filter("valid")
        .join(mapping, how="cross")
        .filter(matches)
        .group_by("physical")
        .agg(pl.col("bit").bitwise_or().alias("mask"))
    )
    size = max(table.height, 1)
    dense_masks = pl.zeros(size, dtype=pl.UInt64, eager=True).scatter(
        masks["physical"], masks["mask"]
    )
    medicine = pl.Series("medicine", [None] * size, dtype=pl.UInt32)
    if atc:
        # The same medicine written differently (c09aa05, " C09AA05") is one medicine.
        counted = table.filter(
            pl.col("valid")
            & ~pl.any_horizontal(
                pl.col("code").str.starts_with(prefix) for prefix in fi.polypharmacy_not_counted
            )
        ).with_columns(pl.col("code").rank("dense").cast(pl.UInt32).alias("medicine"))
        medicine = medicine.scatter(counted["physical"], counted["medicine"])
    return _CodeTable(
        invalid=table.filter(~pl.col("valid"))["physical"],
        masks=dense_masks,
        medicine=medicine,
    )


def _entries(fi: FrailtyIndex, *, atc: bool) -> list[tuple[str, int]]:
    return [
        (code, fi.bit(deficit.key))
        for deficit in fi.deficits
        for code in (deficit.atc if atc else deficit.icpc)
    ]


def _evaluate(source: SourceFile, frame: pl.DataFrame, checks: list[_Check]) -> list[Issue]:
    """Count every check in one pass; fetch a few examples only for the failing ones."""
    if not checks:
        return []
    counts = frame.select(
        check.bad.fill_null(False).sum().alias(str(number)) for number, check in enumerate(checks)
    ).row(0)
    issues = []
    for check, count in zip(checks, counts, strict=True):
        if not count:
            continue
        indices = (
            frame.lazy()
            .with_row_index("__row")
            .filter(check.bad.fill_null(False))
            .head(MAX_EXAMPLES)
            .select("__row")
            .collect()["__row"]
            .to_list()
        )
        values = raw_values(source, check.column, indices)
        examples = tuple(
            Example(row=source.row_number(i), value=values.get(i, "")) for i in indices
        )
        issues.append(
            Issue(
                file=source.label,
                column=check.column,
                problem=check.problem,
                count=int(count),
                examples=examples,
                csv=source.is_csv,
                detail=dict(check.detail),
            )
        )
    return issues


def _patient_checks(today: date, *, duplicates: bool) -> list[_Check]:
    year = pl.col("birth_year")
    checks = [
        _Check("patient_id", Problem.EMPTY_VALUE, ~_given("patient_id")),
        _Check("birth_year", Problem.EMPTY_VALUE, ~_given("birth_year")),
        _Check("birth_year", Problem.BAD_BIRTH_YEAR, _given("birth_year") & year.is_null()),
        _Check(
            "birth_year",
            Problem.BIRTH_YEAR_OUT_OF_RANGE,
            (year < MIN_BIRTH_YEAR) | (year > today.year),
            (("low", str(MIN_BIRTH_YEAR)), ("high", str(today.year))),
        ),
        _Check("sex", Problem.EMPTY_VALUE, ~_given("sex")),
        _Check(
            "sex", Problem.BAD_SEX, _given("sex") & ~pl.col("sex").str.to_uppercase().is_in(SEXES)
        ),
        _Check("practice_code", Problem.EMPTY_VALUE, ~_given("practice_code")),
        _Check(
            "postcode",
            Problem.BAD_POSTCODE,
            _given("postcode") & ~pl.col("postcode").str.contains(POSTCODE_PATTERN),
        ),
    ]
    if duplicates:
        checks.append(
            _Check(
                "patient_id",
                Problem.DUPLICATE_PATIENT,
                _given("patient_id") & pl.col("patient_id").is_duplicated(),
            )
        )
    return checks


def _coded_checks(
    code_column: str, problem: Problem, table: _CodeTable, dates: list[_Check]
) -> list[_Check]:
    return [
        _Check("patient_id", Problem.EMPTY_VALUE, ~_given("patient_id")),
        _Check(code_column, Problem.EMPTY_VALUE, ~_given(code_column)),
        _Check(
            code_column, problem, pl.col(code_column).to_physical().is_in(table.invalid.implode())
        ),
        *dates,
    ]


@dataclass(frozen=True)
class _KnownPatients:
    """Which patient ids, as physical ids in the categories that every file's ids share,
    are in the patients file."""

    listed: pl.Series  # Boolean by physical id
    distinct: int

    def unknown(self) -> _Check:
        in_patients = pl.lit(self.listed).gather(pl.col("patient_id").to_physical())
        return _Check("patient_id", Problem.UNKNOWN_PATIENT, _given("patient_id") & ~in_patients)


def _known_patients(patients: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> _KnownPatients:
    largest = [frame["patient_id"].to_physical().max() for frame in frames.values()]
    size = 1 + max((value for value in largest if isinstance(value, int)), default=0)
    physical = patients["patient_id"].to_physical().drop_nulls()
    listed = pl.zeros(size, dtype=pl.Boolean, eager=True).scatter(physical, True)
    return _KnownPatients(listed=listed, distinct=physical.n_unique())


def find_cases(
    folder: Path,
    *,
    reference_date: date,
    today: date,
    practice: str | None = None,
) -> CaseFindingResult:
    """Validate the extract in ``folder`` and rank everyone aged 75 or over by frailty.

    Raises ``ExtractInvalid`` with every problem found; nothing is written either way.
    """
    fi = frailty_index()
    sources, issues = locate(folder)
    # Every file reads its patient ids into one set of categories, all files at once: from
    # then on a patient is a physical id, and an id no patient has is easy to spot.
    frames, file_issues = load_all(
        list(sources.values()), patients=pl.Categorical(pl.Categories.random())
    )
    issues.extend(file_issues)
    patients = frames.get(PATIENTS.name)
    known: _KnownPatients | None = None
    if patients is not None:
        known = _known_patients(patients, frames)
        # Fewer distinct ids than filled-in ids: only then look for the duplicates.
        duplicates = known.distinct < patients.height - patients["patient_id"].null_count()
        checks = _patient_checks(today, duplicates=duplicates)
        issues.extend(_evaluate(sources[PATIENTS.name], patients, checks))

    tables: dict[str, _CodeTable] = {}
    for spec, code_column, pattern, problem, date_column in (
        (EPISODES, "icpc", ICPC_PATTERN, Problem.BAD_ICPC, "start_date"),
        (MEDICATIONS, "atc", ATC_PATTERN, Problem.BAD_ATC, "prescription_date"),
    ):
        frame = frames.get(spec.name)
        if frame is None:
            continue
        atc = spec is MEDICATIONS
        table = _code_table(frame[code_column], pattern, _entries(fi, atc=atc), atc=atc, fi=fi)
        tables[spec.name] = table
        checks = _coded_checks(
            code_column, problem, table, _date_checks(date_column, today, required=True)
        )
        if spec is EPISODES:
            checks += _date_checks("end_date", today, required=False)
            checks.append(
                _Check(
                    "end_date",
                    Problem.END_BEFORE_START,
                    pl.col("end_date") < pl.col("start_date"),
                )
            )
        if known is not None:
            checks.append(known.unknown())
        issues.extend(_evaluate(sources[spec.name], frame, checks))

    exclusions = frames.get(EXCLUSIONS.name)
    if exclusions is not None:
        reason = pl.col("reason").str.to_lowercase()
        checks = [
            _Check("patient_id", Problem.EMPTY_VALUE, ~_given("patient_id")),
            _Check("reason", Problem.EMPTY_VALUE, ~_given("reason")),
            _Check("reason", Problem.BAD_REASON, _given("reason") & ~reason.is_in(REASONS)),
            *_date_checks("date", today, required=False),
            _Check(
                "date",
                Problem.SCREENING_WITHOUT_DATE,
                (reason == "screened_recently") & ~_given("date"),
            ),
        ]
        if known is not None:
            checks.append(known.unknown())
        issues.extend(_evaluate(sources[EXCLUSIONS.name], exclusions, checks))

    if (
        practice
        and patients is not None
        and not issues
        and patients.filter(pl.col("practice_code") == practice).is_empty()
    ):
        issues.append(
            Issue(
                file=sources[PATIENTS.name].label,
                column="practice_code",
                problem=Problem.UNKNOWN_PRACTICE,
                detail={"code": practice},
            )
        )
    if issues or patients is None or known is None:
        raise ExtractInvalid(ValidationReport(tuple(issues)))

    people, counts = _people(patients, exclusions, reference_date=reference_date, practice=practice)
    # Only the people on the list matter from here on: a patient is a physical id.
    wanted = pl.zeros(known.listed.len(), dtype=pl.Boolean, eager=True).scatter(
        people["patient"], True
    )
    episode_masks = _episode_masks(
        frames[EPISODES.name], tables[EPISODES.name], wanted, reference_date
    )
    medication_masks, medicines = _medication_aggregates(
        frames[MEDICATIONS.name], tables[MEDICATIONS.name], wanted, reference_date, fi
    )
    ranked = _rank(people, episode_masks, medication_masks, medicines, fi)
    return CaseFindingResult(
        ranked=ranked,
        reference_date=reference_date,
        patients_total=counts["total"],
        patients_aged=counts["aged"],
        patients_excluded=counts["excluded"],
    )


def _people(
    patients: pl.DataFrame,
    exclusions: pl.DataFrame | None,
    *,
    reference_date: date,
    practice: str | None,
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Everyone aged 75 or over (of ``practice``) who is not excluded, by physical id."""
    people = patients.lazy().select(
        pl.col("patient_id").to_physical().alias("patient"),
        pl.col("patient_id").cast(pl.String),
        "practice_code",
        # Only the birth year is known: age is the age reached in the reference year.
        (reference_date.year - pl.col("birth_year")).cast(pl.Int32).alias("age"),
        pl.col("sex").str.to_uppercase(),
        pl.col("postcode").str.to_uppercase(),
    )
    if practice:
        people = people.filter(pl.col("practice_code") == practice)
    aged = people.filter(pl.col("age") >= AGE_LIMIT)
    excluded = pl.LazyFrame(schema={"patient": pl.UInt32})
    if exclusions is not None:
        reason = pl.col("reason").str.to_lowercase()
        recent = pl.col("date").is_between(
            reference_date - timedelta(days=SCREENING_WINDOW_DAYS - 1), reference_date
        )
        excluded = (
            exclusions.lazy()
            .filter((reason == "in_care") | ((reason == "screened_recently") & recent))
            .select(pl.col("patient_id").to_physical().alias("patient"))
            .unique()
        )
    kept, total, aged_count = pl.collect_all(
        [
            aged.join(excluded, on="patient", how="anti"),
            people.select(pl.len()),
            aged.select(pl.len()),
        ]
    )
    aged_total = int(aged_count.item())
    counts = {
        "total": int(total.item()),
        "aged": aged_total,
        "excluded": aged_total - kept.height,
    }
    return kept, counts


def _episode_masks(
    frame: pl.DataFrame, table: _CodeTable, wanted: pl.Series, reference_date: date
) -> pl.LazyFrame:
    """Per wanted patient: the deficits from episodes. The eFI counts a deficit once it is
    recorded, however long ago, so every episode that started by the reference date counts."""
    patient = pl.col("patient_id").to_physical()
    return (
        frame.lazy()
        .filter(pl.lit(wanted).gather(patient), pl.col("start_date") <= reference_date)
        .select(
            patient.alias("patient"),
            pl.lit(table.masks).gather(pl.col("icpc").to_physical()).alias("episode_mask"),
        )
        .filter(pl.col("episode_mask") != 0)
        .group_by("patient")
        .agg(pl.col("episode_mask").bitwise_or())
    )


def _medication_aggregates(
    frame: pl.DataFrame,
    table: _CodeTable,
    wanted: pl.Series,
    reference_date: date,
    fi: FrailtyIndex,
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Per wanted patient: deficits from medication, and distinct medicines, in the window."""
    patient = pl.col("patient_id").to_physical()
    physical = pl.col("atc").to_physical()
    window_start = reference_date - timedelta(days=fi.medication_window_days - 1)
    recent = (
        frame.lazy()
        .filter(
            pl.lit(wanted).gather(patient),
            pl.col("prescription_date").is_between(window_start, reference_date),
        )
        .select(
            patient.alias("patient"),
            pl.lit(table.masks).gather(physical).alias("medication_mask"),
            pl.lit(table.medicine).gather(physical).alias("medicine"),
        )
    )
    masks = (
        recent.filter(pl.col("medication_mask") != 0)
        .group_by("patient")
        .agg(pl.col("medication_mask").bitwise_or())
    )
    medicines = (
        recent.filter(pl.col("medicine").is_not_null())
        .select("patient", "medicine")
        .unique()
        .group_by("patient")
        .agg(pl.len().cast(pl.Int32).alias("polypharmacy_count"))
    )
    return masks, medicines


def _rank(
    people: pl.DataFrame,
    episode_masks: pl.LazyFrame,
    medication_masks: pl.LazyFrame,
    medicines: pl.LazyFrame,
    fi: FrailtyIndex,
) -> pl.DataFrame:
    poly = pl.col("polypharmacy_count").fill_null(0)
    mask = (
        pl.col("episode_mask").fill_null(0)
        | pl.col("medication_mask").fill_null(0)
        | pl.when(poly >= fi.polypharmacy_min).then(fi.bit(POLYPHARMACY)).otherwise(0)
    ).cast(pl.UInt64)
    count = pl.col("deficit_mask").bitwise_count_ones().cast(pl.Int32)
    category = (
        pl.when(count <= fi.max_count(FrailtyCategory.FIT))
        .then(pl.lit(FrailtyCategory.FIT.value))
        .when(count <= fi.max_count(FrailtyCategory.MILD))
        .then(pl.lit(FrailtyCategory.MILD.value))
        .when(count <= fi.max_count(FrailtyCategory.MODERATE))
        .then(pl.lit(FrailtyCategory.MODERATE.value))
        .otherwise(pl.lit(FrailtyCategory.SEVERE.value))
    )
    return (
        people.lazy()
        .join(episode_masks, on="patient", how="left")
        .join(medication_masks, on="patient", how="left")
        .join(medicines, on="patient", how="left")
        .with_columns(mask.alias("deficit_mask"), poly.alias("polypharmacy_count"))
        .with_columns(
            count.alias("deficit_count"),
            (count / fi.size).round(3).alias("frailty_index"),
            category.alias("category"),
        )
        # Highest index first; ties by medicines, then age, then id, so runs repeat exactly.
        .sort(
            ["practice_code", "deficit_count", "polypharmacy_count", "age", "patient_id"],
            descending=[False, True, True, True, False],
        )
        .with_columns(pl.int_range(1, pl.len() + 1).over("practice_code").alias("rank"))
        .select(OUTPUT_COLUMNS)
        .collect()
    )


def ranked_for_people(ranked: pl.DataFrame, *, language: str) -> pl.DataFrame:
    """The list as a practice reads it: deficit names in ``language``, joined by '; '."""
    fi = frailty_index()
    names = pl.concat_str(
        [
            pl.when((pl.col("deficit_mask") & (1 << index)) != 0).then(
                pl.lit(deficit.name(language))
            )
            for index, deficit in enumerate(fi.deficits)
        ],
        separator="; ",
        ignore_nulls=True,
    )
    return ranked.with_columns(names.alias("deficits")).drop("deficit_mask")


def write_ranked_csv(ranked: pl.DataFrame, path: Path, *, language: str) -> None:
    """Write the list to ``path`` through a temporary file, so no half file is ever left."""
    partial = path.with_name(path.name + ".partial")
    try:
        ranked_for_people(ranked, language=language).write_csv(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
