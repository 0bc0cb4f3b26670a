"""The command-line contract: ``vangnet score INSTRUMENT --answers FILE.json``.

Standard output is exactly one JSON object; every bad input exits with status
2 and names the item on standard error.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vangnet.screening.engine import extensions as ext
from vangnet.screening.engine import load_instrument

from .helpers import answers_counting

VANGNET = Path(sys.executable).with_name("vangnet")


def answers_file(tmp_path: Path, answers: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def run(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("score", *args, stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def refusal(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        call_command("score", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return caught.value


@pytest.mark.parametrize("code", ["gfi", "tfi", "prisma7", "zrm5"])
def test_it_prints_one_json_object_with_the_contract_fields(tmp_path: Path, code: str) -> None:
    instrument = load_instrument(code)
    path = answers_file(tmp_path, answers_counting(instrument, ["1", "2", "3"]))
    out = io.StringIO()
    call_command("score", code, "--answers", str(path), stdout=out)
    text = out.getvalue()
    result = json.loads(text)  # fails unless stdout holds exactly one JSON document
    assert isinstance(result, dict)
    assert text.count("\n") == 1
    assert {"instrument", "score", "max", "cutoff", "positive", "subscales"} <= set(result)
    assert result["instrument"] == code
    assert result["score"] == 3
    assert isinstance(result["positive"], bool)
    assert isinstance(result["subscales"], dict)


def test_it_scores_the_gfi_with_a_fitness_mark(tmp_path: Path) -> None:
    answers = {**answers_counting(load_instrument("gfi"), ["12", "13", "14"]), "5": 6}
    result = run("gfi", "--answers", str(answers_file(tmp_path, answers)))
    assert (result["score"], result["max"], result["cutoff"], result["positive"]) == (
        4,
        15,
        4,
        True,
    )
    assert result["subscales"]["social"] == {"score": 2, "max": 3}
    assert result["counted"] == ["5", "12", "13", "14"]


def test_it_gives_prisma7_an_empty_subscales_object(tmp_path: Path) -> None:
    answers = answers_counting(load_instrument("prisma7"), ["6"])
    result = run("prisma7", "--answers", str(answers_file(tmp_path, answers)))
    assert (result["score"], result["positive"], result["subscales"]) == (1, False, {})


def test_it_reports_zrm5_domains_with_flags(tmp_path: Path) -> None:
    path = answers_file(tmp_path, {"1": 2, "2": 4, "3": 5, "4": 3, "5": 4})
    result = run("zrm5", "--answers", str(path))
    assert result["cutoff"] is None
    assert result["positive"] is True
    assert result["subscales"]["housing"] == {"score": 2, "max": 5, "flagged": True}


def test_it_exits_2_naming_a_missing_item(tmp_path: Path) -> None:
    answers = answers_counting(load_instrument("tfi"))
    del answers["9"]
    error = refusal("tfi", "--answers", str(answers_file(tmp_path, answers)))
    assert error.returncode == 2
    assert str(error) == "item 9: no answer given."


def test_it_exits_2_naming_an_unknown_option(tmp_path: Path) -> None:
    answers = {**answers_counting(load_instrument("prisma7")), "6": "perhaps"}
    error = refusal("prisma7", "--answers", str(answers_file(tmp_path, answers)))
    assert error.returncode == 2
    assert "item 6" in str(error)
    assert '"perhaps"' in str(error)


def test_it_exits_2_naming_an_out_of_range_number(tmp_path: Path) -> None:
    answers = {**answers_counting(load_instrument("gfi")), "5": 11}
    error = refusal("gfi", "--answers", str(answers_file(tmp_path, answers)))
    assert error.returncode == 2
    assert "item 5" in str(error)
    assert "0 to 10" in str(error)


def test_it_exits_2_naming_an_item_the_instrument_lacks(tmp_path: Path) -> None:
    answers = {**answers_counting(load_instrument("prisma7")), "8": "yes"}
    error = refusal("prisma7", "--answers", str(answers_file(tmp_path, answers)))
    assert (error.returncode, "item 8" in str(error)) == (2, True)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{oops", "not valid JSON"), ('["yes", "no"]', "expected a JSON object")],
)
def test_it_exits_2_on_an_unreadable_answers_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    error = refusal("gfi", "--answers", str(path))
    assert error.returncode == 2
    assert message in str(error)


def test_it_exits_2_on_a_missing_answers_file(tmp_path: Path) -> None:
    error = refusal("gfi", "--answers", str(tmp_path / "absent.json"))
    assert error.returncode == 2
    assert "absent.json: cannot be read" in str(error)


def test_it_exits_2_on_an_unknown_instrument(tmp_path: Path) -> None:
    error = refusal("katz", "--answers", str(answers_file(tmp_path, {})))
    assert error.returncode == 2
    assert "no built-in instrument katz" in str(error)


def test_it_scores_with_an_organisations_own_wording(tmp_path: Path) -> None:
    data = load_instrument("prisma7").questionnaire()
    data.update(
        id="prisma7-official",
        url="https://zorggroep.example/fhir/Questionnaire/prisma7",
        derivedFrom=[f"{ext.QUESTIONNAIRE_BASE}prisma7"],
    )
    definition = answers_file(tmp_path, data, name="definition.json")
    answers = answers_file(tmp_path, answers_counting(load_instrument("prisma7"), ["1", "6", "7"]))
    result = run("prisma7", "--answers", str(answers), "--definition", str(definition))
    assert (result["instrument"], result["score"], result["positive"]) == ("prisma7", 3, True)
    assert result["definition"].startswith("https://zorggroep.example/")
    error = refusal("gfi", "--answers", str(answers), "--definition", str(definition))
    assert error.returncode == 2
    assert "defines prisma7, not gfi" in str(error)


def run_vangnet(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VANGNET_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(VANGNET), "score", *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_console_script_keeps_the_contract(tmp_path: Path) -> None:
    gfi = load_instrument("gfi")
    good = answers_file(tmp_path, answers_counting(gfi, ["1", "2", "3", "4"]), name="good.json")
    done = run_vangnet(tmp_path, "gfi", "--answers", str(good))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["instrument"], result["score"], result["positive"]) == ("gfi", 4, True)
    assert done.stdout.strip().count("\n") == 0

    bad = answers_file(tmp_path, {**answers_counting(gfi), "11": "often"}, name="bad.json")
    refused = run_vangnet(tmp_path, "gfi", "--answers", str(bad))
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert "item 11" in refused.stderr
    assert '"often"' in refused.stderr
