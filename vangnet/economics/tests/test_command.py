import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

GOOD: dict[str, Any] = {
    "horizon_years": 3,
    "discount_rate": 0.1,
    "costs": [
        {"party": "Gemeente", "amount_per_year": 1000, "years": [0, 1, 2]},
        {"party": "Huisarts", "amount_per_year": 500, "years": [0]},
    ],
    "benefits": [
        {
            "party": "Verzekeraar",
            "unit_cost": 258,
            "quantity_per_year": 20,
            "deadweight": 0.25,
            "attribution": 0.5,
            "drop_off": 0.2,
        }
    ],
}


def run(tmp_path: Path, content: str | bytes) -> dict[str, Any]:
    path = tmp_path / "scenario.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = io.StringIO()
    call_command("business-case", "calc", "--scenario", str(path), stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def refused(tmp_path: Path, content: str | bytes) -> str:
    with pytest.raises(CommandError) as caught:
        run(tmp_path, content)
    assert caught.value.returncode == 2
    return str(caught.value)


def test_it_prints_each_party_and_the_total(tmp_path: Path) -> None:
    assert run(tmp_path, json.dumps(GOOD)) == {
        "parties": {
            "Gemeente": {"pv_costs": "2735.54", "pv_benefits": "0.00", "net": "-2735.54"},
            "Huisarts": {"pv_costs": "500.00", "pv_benefits": "0.00", "net": "-500.00"},
            "Verzekeraar": {"pv_costs": "0.00", "pv_benefits": "4365.74", "net": "4365.74"},
        },
        "total": {"pv_costs": "3235.54", "pv_benefits": "4365.74", "net": "1130.21"},
    }


def _with(path: list[str | int], value: object) -> str:
    data = json.loads(json.dumps(GOOD))
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (_with(["horizon_years"], KeyError), "horizon_years: missing"),
        (_with(["benefits", 0, "drop_off"], KeyError), "benefits[0].drop_off: missing"),
        (_with(["costs", 0, "amount_per_year"], -5), "costs[0].amount_per_year"),
        (_with(["benefits", 0, "deadweight"], 1.5), "benefits[0].deadweight"),
        (_with(["benefits", 0, "attribution"], -0.1), "benefits[0].attribution"),
        (_with(["costs", 1, "years"], [3]), "costs[1].years[0]"),
        (_with(["costs", 1, "years"], [0, 0]), "costs[1].years[1]"),
        (_with(["horizon_years"], 0), "horizon_years"),
        (_with(["horizon_years"], 2.5), "horizon_years"),
        (_with(["discount_rate"], "²"), "discount_rate"),
        (_with(["benefits", 0, "unit_cost"], "1e999999"), "benefits[0].unit_cost"),
        (_with(["benefits", 0, "unit_cost"], True), "benefits[0].unit_cost"),
        (_with(["costs", 0, "party"], "Ge\x00meente"), "costs[0].party"),
        (_with(["costs", 0, "party"], ""), "costs[0].party"),
        (_with(["costs"], {"a": 1}), "costs"),
        (json.dumps(GOOD).replace("0.1,", "NaN,", 1), "discount_rate"),
        (json.dumps(GOOD).replace("258", "Infinity"), "benefits[0].unit_cost"),
        (json.dumps(GOOD).replace("258", "9" * 5000), "benefits[0].unit_cost"),
        (json.dumps(GOOD).replace("258", "1e999999"), "benefits[0].unit_cost"),
        ("[1, 2]", "scenario"),
        ("[" * 100_000, "scenario.json"),
        ("{", "scenario.json"),
        (b'{"horizon_years": 3\x00}', "scenario.json"),
        (b"\xff\xfe{}", "scenario.json"),
    ],
)
def test_it_refuses_a_bad_file_naming_the_field(
    tmp_path: Path, content: str | bytes, field: str
) -> None:
    message = refused(tmp_path, content)
    assert message.startswith(field)


def test_it_refuses_a_missing_file_without_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("business-case", "calc", "--scenario", str(tmp_path / "nope.json"))
    assert caught.value.returncode == 2
    assert "nope.json" in str(caught.value)
