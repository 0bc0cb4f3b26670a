"""Case-finding speed: the whole job against only reading the same files, in one run.

    .venv/bin/python benchmarks/casefind.py [--patients N] [--format csv|parquet] [--repeat R]

A synthetic extract (about 20 coded rows per patient) is made once and not timed. Then,
alternating, each in a fresh child process:

(a) read: Polars reads and parses the four files into typed columns (text, whole
    numbers, dates) and does nothing else;
(b) casefind: the real job: read, validate every row, compute the frailty index, rank,
    and write the CSV list.

Peak memory is the child's maximum resident set size (``ru_maxrss``), which counts
Polars' native allocations; ``tracemalloc`` would not. Targets: (b)/(a) at most 2 and
peak memory under 4 GB. This is a measurement, not a test: nothing here fails on time.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = date(2026, 6, 30)
RATIO_TARGET = 2.0
MEMORY_TARGET_BYTES = 4 * 1024**3


@dataclass(frozen=True)
class Measurement:
    seconds: float
    cpu_seconds: float
    max_rss_bytes: int


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _read_only(folder: Path, file_format: str) -> None:
    """Read and parse the extract's files, as typed as the job needs them, and stop."""
    import polars as pl

    schemas: dict[str, dict[str, pl.DataType]] = {
        "patients": {
            "patient_id": pl.String(),
            "birth_year": pl.Int64(),
            "sex": pl.String(),
            "practice_code": pl.String(),
            "postcode": pl.String(),
        },
        "episodes": {
            "patient_id": pl.String(),
            "icpc": pl.String(),
            "start_date": pl.Date(),
            "end_date": pl.Date(),
        },
        "medications": {
            "patient_id": pl.String(),
            "atc": pl.String(),
            "prescription_date": pl.Date(),
        },
        "exclusions": {"patient_id": pl.String(), "reason": pl.String(), "date": pl.Date()},
    }
    for name, schema in schemas.items():
        if file_format == "parquet":
            pl.read_parquet(folder / f"{name}.parquet")
        else:
            pl.read_csv(folder / f"{name}.csv", schema=schema)


def _case_finding(folder: Path, out: Path) -> None:
    """The job as ``vangnet casefind`` does it (Django is set up by the caller)."""
    from vangnet.casefinding.engine import find_cases, write_ranked_csv

    result = find_cases(folder, reference_date=REFERENCE, today=REFERENCE)
    write_ranked_csv(result.ranked, out, language="nl")


def child(kind: str, folder: Path, file_format: str, out: Path) -> None:
    """Run one measurement and print its time and this process's peak memory as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.config.settings.test")
    sys.path.insert(0, str(ROOT))
    # Imports are not part of the measurement.
    import polars  # noqa: F401

    if kind == "casefind":
        import django

        django.setup()
        import vangnet.casefinding.engine  # noqa: F401
    cpu = _cpu_seconds()
    started = time.perf_counter()
    if kind == "read":
        _read_only(folder, file_format)
    else:
        _case_finding(folder, out)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    # Linux reports ru_maxrss in kilobytes.
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "max_rss_bytes": max_rss}))


def generate(folder: Path, file_format: str, patients: int, seed: int) -> None:
    """Make the extract and describe it in one line."""
    sys.path.insert(0, str(ROOT))
    from vangnet.casefinding.synth import generate_extract

    started = time.perf_counter()
    extract = generate_extract(
        patients=patients,
        out_dir=folder,
        seed=seed,
        file_format="parquet" if file_format == "parquet" else "csv",
        as_of=REFERENCE,
    )
    generated = time.perf_counter() - started
    rows = extract.episodes + extract.medications
    size = sum(path.stat().st_size for path in folder.iterdir())
    print(
        f"Extract: {extract.patients:,} patients, {rows:,} coded rows "
        f"({rows / extract.patients:.1f} per patient), {file_format}, "
        f"{size / 1024**2:,.0f} MiB, made in {generated:.1f} s (not timed below)"
    )


def _measure(kind: str, folder: Path, file_format: str, out: Path) -> Measurement:
    command = [sys.executable, __file__, "--child", kind, str(folder), file_format, str(out)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    data = json.loads(finished.stdout.strip().splitlines()[-1])
    return Measurement(
        seconds=float(data["seconds"]),
        cpu_seconds=float(data["cpu_seconds"]),
        max_rss_bytes=int(data["max_rss_bytes"]),
    )


def _gib(size: int) -> str:
    return f"{size / 1024**3:.2f} GiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--repeat", type=int, default=3, help="Measurements of each kind.")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child", nargs=4, metavar=("KIND", "FOLDER", "FORMAT", "OUT"))
    parser.add_argument("--generate", nargs=4, metavar=("FOLDER", "FORMAT", "PATIENTS", "SEED"))
    args = parser.parse_args(argv)
    if args.child:
        kind, folder, file_format, out = args.child
        child(kind, Path(folder), file_format, Path(out))
        return 0
    if args.generate:
        folder, file_format, patients, seed = args.generate
        generate(Path(folder), file_format, int(patients), int(seed))
        return 0

    with tempfile.TemporaryDirectory(prefix="vangnet-casefind-bench-") as tmp:
        folder = Path(tmp) / "extract"
        # Made in a child too: a child's ru_maxrss starts from its parent's at fork, so
        # the parent must stay small for the children's figures to be their own.
        command = [
            sys.executable,
            __file__,
            "--generate",
            str(folder),
            args.format,
            str(args.patients),
            str(args.seed),
        ]
        made = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
        print(made.stdout.strip())
        out = Path(tmp) / "ranked.csv"
        reads: list[Measurement] = []
        jobs: list[Measurement] = []
        # Alternate, so that a busy moment on the machine hits both kinds alike.
        for _ in range(args.repeat):
            reads.append(_measure("read", folder, args.format, out))
            jobs.append(_measure("casefind", folder, args.format, out))
        listed = sum(1 for _ in out.open(encoding="utf-8")) - 1

    read_s = statistics.median(m.seconds for m in reads)
    job_s = statistics.median(m.seconds for m in jobs)
    read_cpu = statistics.median(m.cpu_seconds for m in reads)
    job_cpu = statistics.median(m.cpu_seconds for m in jobs)
    read_mem = max(m.max_rss_bytes for m in reads)
    job_mem = max(m.max_rss_bytes for m in jobs)
    ratio = job_s / read_s
    print(f"People aged 75 or over on the list: {listed:,}")
    print(f"Median of {args.repeat} runs each, on {os.cpu_count()} cores:")
    print()
    print(f"| {'measurement':<30} | {'seconds':>8} | {'CPU seconds':>11} | {'peak memory':>11} |")
    print(f"|{'-' * 32}|{'-' * 10}|{'-' * 13}|{'-' * 13}|")
    for label, wall, cpu, memory in (
        ("(a) read and parse only", read_s, read_cpu, _gib(read_mem)),
        ("(b) case-finding, end to end", job_s, job_cpu, _gib(job_mem)),
        ("(b) / (a)", ratio, job_cpu / read_cpu, ""),
    ):
        print(f"| {label:<30} | {wall:>8.2f} | {cpu:>11.2f} | {memory:>11} |")
    print()
    print(
        f"Ratio target at most {RATIO_TARGET:.0f}: {'met' if ratio <= RATIO_TARGET else 'missed'}."
        f" Memory target under {_gib(MEMORY_TARGET_BYTES)}: "
        f"{'met' if job_mem < MEMORY_TARGET_BYTES else 'missed'}."
    )
    print(
        "All runs (a / b, seconds): "
        + ", ".join(f"{a.seconds:.2f} / {b.seconds:.2f}" for a, b in zip(reads, jobs, strict=True))
        + f"; load average now {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
