"""The extract folder: which files and columns it holds, and how they are read with Polars.

Every file is CSV (UTF-8, comma or semicolon separated, header row) or Parquet, told apart
by the extension. CSV columns are read as text and parsed here, so that a bad value becomes
a finding in the report instead of an exception.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from vangnet.casefinding.report import Issue, Problem

DATE_FORMAT = "%Y-%m-%d"
GIVEN = "__given"  # suffix of the flag column that says the raw value was filled in


class Kind(StrEnum):
    ID = "id"  # exact text, never trimmed
    TEXT = "text"  # trimmed text
    CODE = "code"  # a classification code, low cardinality: read as a categorical
    YEAR = "year"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True


@dataclass(frozen=True)
class FileSpec:
    name: str
    required: bool
    columns: tuple[Column, ...]


PATIENTS = FileSpec(
    "patients",
    True,
    (
        Column("patient_id", Kind.ID),
        Column("birth_year", Kind.YEAR),
        Column("sex", Kind.TEXT),
        Column("practice_code", Kind.TEXT),
        Column("postcode", Kind.TEXT),
    ),
)
EPISODES = FileSpec(
    "episodes",
    True,
    (
        Column("patient_id", Kind.ID),
        Column("icpc", Kind.CODE),
        Column("start_date", Kind.DATE),
        Column("end_date", Kind.DATE, required=False),
    ),
)
MEDICATIONS = FileSpec(
    "medications",
    True,
    (
        Column("patient_id", Kind.ID),
        Column("atc", Kind.CODE),
        Column("prescription_date", Kind.DATE),
    ),
)
EXCLUSIONS = FileSpec(
    "exclusions",
    False,
    (
        Column("patient_id", Kind.ID),
        Column("reason", Kind.TEXT),
        Column("date", Kind.DATE, required=False),
    ),
)
SPECS = (PATIENTS, EPISODES, MEDICATIONS, EXCLUSIONS)
EXTENSIONS = (".csv", ".parquet")


@dataclass(frozen=True)
class SourceFile:
    """One file of the extract, found on disk."""

    spec: FileSpec
    path: Path

    @property
    def is_csv(self) -> bool:
        return self.path.suffix.lower() == ".csv"

    @property
    def label(self) -> str:
        return self.path.name

    def row_number(self, index: int) -> int:
        """What a person sees: the line in a CSV (header is line 1), the row in Parquet."""
        return index + 2 if self.is_csv else index + 1

    def _separator(self) -> str:
        with self.path.open("rb") as handle:
            header = handle.readline(65536)
        return ";" if header.count(b";") > header.count(b",") else ","

    def scan_raw(self, categorical: dict[str, pl.Categorical] | None = None) -> pl.LazyFrame:
        """The file as it is: every CSV column as text (or as the given categoricals),
        Parquet with its own types."""
        if self.is_csv:
            return pl.scan_csv(
                self.path,
                infer_schema=False,
                schema_overrides=categorical,
                separator=self._separator(),
                truncate_ragged_lines=True,
            )
        return pl.scan_parquet(self.path)

    def issue(self, column: str, problem: Problem, **detail: str) -> Issue:
        return Issue(
            file=self.label, column=column, problem=problem, csv=self.is_csv, detail=detail
        )


def locate(folder: Path) -> tuple[dict[str, SourceFile], list[Issue]]:
    """Find each expected file (case-insensitive name, .csv or .parquet) in ``folder``."""
    by_name: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and path.suffix.lower() in EXTENSIONS:
            by_name.setdefault(path.stem.lower(), []).append(path)
    found: dict[str, SourceFile] = {}
    issues: list[Issue] = []
    for spec in SPECS:
        paths = by_name.get(spec.name, [])
        if len(paths) > 1:
            issues.append(
                Issue(
                    file=spec.name,
                    column="",
                    problem=Problem.DOUBLE_FILE,
                    detail={"name": spec.name},
                )
            )
        elif paths:
            found[spec.name] = SourceFile(spec, paths[0])
        elif spec.required:
            issues.append(
                Issue(
                    file=spec.name,
                    column="",
                    problem=Problem.MISSING_FILE,
                    detail={"name": spec.name},
                )
            )
    return found, issues


def _target(column: Column, patients: pl.Categorical | None) -> pl.Categorical | None:
    """The categorical a column becomes: codes get categories of their own, one set per file
    so that physical ids stay dense; patient ids share the patients file's categories."""
    if column.kind == Kind.CODE:
        return pl.Categorical(pl.Categories.random())
    if column.kind == Kind.ID and patients is not None:
        return patients
    return None


def _typed(
    column: Column, dtype: pl.DataType, *, csv: bool, target: pl.Categorical | None
) -> tuple[pl.Expr, pl.Expr] | None:
    """The parsed value and the 'was filled in' flag, or None when the type is unusable."""
    raw = pl.col(column.name)
    if target is not None and csv:
        # The CSV reader built the categorical while parsing (empty fields are null).
        return raw, raw.is_not_null()
    if dtype == pl.String and not csv:
        # Parquet keeps empty strings; CSV reading already turns them into nulls.
        raw = pl.when(raw.str.len_bytes() > 0).then(raw)
    given = raw.is_not_null()
    if column.kind == Kind.DATE:
        if dtype == pl.Date:
            return raw, given
        if isinstance(dtype, pl.Datetime):
            return raw.dt.date(), given
        if dtype == pl.String:
            # Dates repeat a lot, but parsing each is cheaper than looking it up in a cache.
            return raw.str.to_date(DATE_FORMAT, strict=False, cache=False), given
        return None
    if column.kind == Kind.YEAR:
        if dtype.is_integer() or dtype.is_float():
            return raw.cast(pl.Int64, strict=False), given
        if dtype == pl.String:
            return raw.str.strip_chars().cast(pl.Int64, strict=False), given
        return None
    if not (dtype == pl.String or dtype.is_integer() or isinstance(dtype, pl.Categorical)):
        return None
    text = raw.cast(pl.String)
    if column.kind == Kind.TEXT:
        return text.str.strip_chars(), given
    if target is not None:
        return text.cast(target), given
    return text, given


def plan(
    source: SourceFile, *, patients: pl.Categorical | None = None
) -> tuple[pl.LazyFrame | None, list[Issue]]:
    """The query that reads a file into typed columns plus a ``<column>__given`` flag each.

    With ``patients`` (a categorical), patient ids are read as that categorical. Returns None
    and the issues when the file cannot be used at all (unreadable, missing columns, unusable
    types); row-level problems are found later, on the typed frame.
    """
    try:
        raw = source.scan_raw()
        schema = raw.collect_schema()
        present = set(schema.names())
        targets = {
            column.name: target
            for column in source.spec.columns
            if column.name in present and (target := _target(column, patients)) is not None
        }
        if source.is_csv and targets:
            # The reader builds categoricals as it parses: cheaper than casting afterwards.
            raw = source.scan_raw(categorical=targets)
            schema = raw.collect_schema()
    except (pl.exceptions.PolarsError, OSError) as error:
        return None, [source.issue("", Problem.UNREADABLE_FILE, reason=_short(error))]
    issues: list[Issue] = []
    selects: list[pl.Expr] = []
    for column in source.spec.columns:
        if column.name not in present:
            if column.required:
                found = ", ".join(schema.names()) or "-"
                issues.append(source.issue(column.name, Problem.MISSING_COLUMN, found=found))
            else:
                selects.append(pl.lit(None, dtype=pl.Date).alias(column.name))
                selects.append(pl.lit(False).alias(column.name + GIVEN))
            continue
        typed = _typed(
            column, schema[column.name], csv=source.is_csv, target=targets.get(column.name)
        )
        if typed is None:
            issues.append(
                source.issue(column.name, Problem.WRONG_TYPE, type=str(schema[column.name]))
            )
            continue
        value, given = typed
        selects.append(value.alias(column.name))
        selects.append(given.alias(column.name + GIVEN))
    if issues:
        return None, issues
    return raw.select(selects), []


def load_all(
    sources: list[SourceFile], *, patients: pl.Categorical | None = None
) -> tuple[dict[str, pl.DataFrame], list[Issue]]:
    """Read several files at once, so that the machine's cores stay busy across files."""
    plans: dict[str, pl.LazyFrame] = {}
    issues: list[Issue] = []
    for source in sources:
        query, found = plan(source, patients=patients)
        issues.extend(found)
        if query is not None:
            plans[source.spec.name] = query
    try:
        frames = pl.collect_all(list(plans.values()), engine="streaming")
        return dict(zip(plans, frames, strict=True)), issues
    except (pl.exceptions.PolarsError, OSError):
        pass
    # One of them cannot be read: read them one by one to say which.
    loaded: dict[str, pl.DataFrame] = {}
    by_name = {source.spec.name: source for source in sources}
    for name, query in plans.items():
        try:
            loaded[name] = query.collect(engine="streaming")
        except (pl.exceptions.PolarsError, OSError) as error:
            issues.append(by_name[name].issue("", Problem.UNREADABLE_FILE, reason=_short(error)))
    return loaded, issues


def raw_values(source: SourceFile, column: str, indices: list[int]) -> dict[int, str]:
    """The values as written in the file at the given row indices, for the report."""
    if not indices or not column:
        return {}
    frame = (
        source.scan_raw()
        .with_row_index("__row")
        .filter(pl.col("__row").is_in(indices))
        .select(pl.col("__row"), pl.col(column).cast(pl.String))
        .collect()
    )
    return {int(row): "" if value is None else str(value) for row, value in frame.iter_rows()}


def _short(error: Exception) -> str:
    """Why a file cannot be read, in the person's language: never the library's English."""
    text = str(error).lower()
    if isinstance(error, pl.exceptions.NoDataError) or "empty" in text:
        return _("the file is empty")
    if "utf-8" in text or "utf8" in text:
        return _("it is not saved as UTF-8 text")
    if "parquet" in text or "magic" in text or "footer" in text:
        return _("it is not a Parquet file")
    if isinstance(error, OSError):
        return _("it cannot be opened")
    return _("its contents are not a table with a header row")
