"""The ``vangnet`` command on a database that was never set up: one sentence, no traceback."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import OperationalError, ProgrammingError

from vangnet import cli


def _run(tmp_path: Path, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LANGUAGE", "LC_ALL")
    }
    env.update(VANGNET_DATA_DIR=str(tmp_path / "data"), LANG=lang, LC_MESSAGES=lang)
    return subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [sys.executable, "-m", "vangnet.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


def test_it_says_in_one_sentence_that_the_database_is_empty(tmp_path: Path) -> None:
    done = _run(tmp_path, "poster", "demo", "--format", "svg", "--out", str(tmp_path / "p.svg"))
    assert done.returncode == 2
    assert done.stderr == cli.EMPTY["en"] + "\n"
    assert "Traceback" not in done.stdout + done.stderr


def test_it_says_so_in_dutch_to_a_dutch_terminal(tmp_path: Path) -> None:
    done = _run(tmp_path, "demo", lang="nl_NL.UTF-8")
    assert done.returncode == 2
    assert (
        done.stderr
        == "De database is nog leeg of niet bijgewerkt: voer eerst `vangnet migrate` uit.\n"
    )


def test_it_points_to_the_demo_when_the_demo_has_a_database_elsewhere(tmp_path: Path) -> None:
    demo = tmp_path / "data" / "demo"
    demo.mkdir(parents=True)
    (demo / "vangnet.sqlite3").write_bytes(b"")
    done = _run(tmp_path, "daily")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == cli.EMPTY["en"]
    assert "data/demo" in lines[1]
    assert 'make vangnet ARGS="..."' in lines[1]


def _failing(error: Exception) -> Any:
    def execute(argv: list[str]) -> None:
        raise error

    return execute


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("no such table: directory_network"),
        ProgrammingError('relation "directory_network" does not exist'),
        OperationalError("no such column: directory_network.slug"),
    ],
)
def test_it_catches_the_errors_of_a_missing_table_or_column(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: Exception
) -> None:
    monkeypatch.setattr("django.core.management.execute_from_command_line", _failing(error))
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    with pytest.raises(SystemExit) as stop:
        cli.main(["daily"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.startswith(cli.EMPTY["en"])


def test_it_leaves_other_database_errors_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        _failing(OperationalError("database is locked")),
    )
    with pytest.raises(OperationalError):
        cli.main(["daily"])


def test_it_leaves_the_errors_of_migrate_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        _failing(OperationalError("no such table: django_migrations")),
    )
    with pytest.raises(OperationalError):
        cli.main(["migrate", "--noinput"])
