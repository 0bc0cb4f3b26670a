"""An organisation's own instrument file: its wording, the published scoring."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from vangnet.screening.engine import (
    InstrumentError,
    load_instrument,
    load_instrument_file,
    parse_instrument,
    score,
)
from vangnet.screening.engine import extensions as ext

from .helpers import answers_counting

ORG_URL = "https://zorggroep.example/fhir/Questionnaire/gfi-official"


def builtin_json(code: str) -> dict[str, Any]:
    return load_instrument(code).questionnaire()


def wording_only(code: str) -> dict[str, Any]:
    """A built-in definition with its scoring stripped and its wording replaced."""
    data = builtin_json(code)
    data["id"] = f"{code}-official"
    data["url"] = ORG_URL
    data["version"] = "2024.1"
    data["derivedFrom"] = [f"{ext.QUESTIONNAIRE_BASE}{code}|1.0.0"]
    data["extension"] = [e for e in data["extension"] if e["url"] != ext.SCORING]
    for item in data["item"]:
        item["text"] = f"Officiële tekst van vraag {item['linkId']}"
        item.pop("_text", None)
        item["extension"] = [
            e for e in item.get("extension", []) if e["url"] in (ext.MIN_VALUE, ext.MAX_VALUE)
        ]
        if not item["extension"]:
            del item["extension"]
        for option in item.get("answerOption", []):
            del option["extension"]
            option["valueCoding"]["display"] = option["valueCoding"]["code"].upper()
    return data


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "instrument.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_it_loads_official_wording_with_the_builtin_scoring(tmp_path: Path) -> None:
    official = load_instrument_file(write(tmp_path, wording_only("gfi")))
    builtin = load_instrument("gfi")
    assert official.code == "gfi"
    assert official.based_on == "gfi"
    assert official.definition_id == "gfi-official"
    assert official.canonical == f"{ORG_URL}|2024.1"
    assert official.citations == builtin.citations
    assert official.items[0].text.nl == "Officiële tekst van vraag 1"
    assert official.items[0].text.en == "Officiële tekst van vraag 1"
    assert official.items[9].option("sometimes").display.nl == "SOMETIMES"  # type: ignore[union-attr]
    answers = answers_counting(builtin, ["2", "5", "11", "14"])
    ours, theirs = score(official, answers), score(builtin, answers)
    assert (ours.score, ours.positive, ours.subscales) == (
        theirs.score,
        theirs.positive,
        theirs.subscales,
    )
    assert ours.definition == f"{ORG_URL}|2024.1"


def test_official_wording_scores_memory_sometimes_as_the_builtin_does(tmp_path: Path) -> None:
    official = load_instrument_file(write(tmp_path, wording_only("gfi")))
    answers = {**answers_counting(official), "10": "sometimes"}
    assert score(official, answers).score == 0


def test_it_recognises_a_copy_that_keeps_the_builtin_url(tmp_path: Path) -> None:
    data = wording_only("tfi")
    data["url"] = f"{ext.QUESTIONNAIRE_BASE}tfi"
    del data["derivedFrom"]
    assert load_instrument_file(write(tmp_path, data)).based_on == "tfi"


def test_it_refuses_wording_with_a_different_number_of_items(tmp_path: Path) -> None:
    data = wording_only("prisma7")
    data["item"].pop()
    with pytest.raises(InstrumentError, match="prisma7 has 7 items; this file has 6"):
        load_instrument_file(write(tmp_path, data))


def test_it_refuses_wording_with_other_answer_codes(tmp_path: Path) -> None:
    data = wording_only("gfi")
    data["item"][9]["answerOption"][1]["valueCoding"]["code"] = "a-bit"
    with pytest.raises(
        InstrumentError, match="item 10: the answer codes must be yes, sometimes, no"
    ):
        load_instrument_file(write(tmp_path, data))


def test_it_refuses_wording_that_makes_a_numeric_item_a_choice(tmp_path: Path) -> None:
    data = wording_only("gfi")
    fitness = data["item"][4]
    fitness["type"] = "choice"
    fitness["answerOption"] = [{"valueCoding": {"code": "good"}}]
    del fitness["extension"]
    with pytest.raises(InstrumentError, match="item 5: type choice differs from gfi"):
        load_instrument_file(write(tmp_path, data))


def test_it_accepts_its_own_scoring_when_it_matches_the_builtin(tmp_path: Path) -> None:
    data = builtin_json("gfi")
    data.update(id="gfi-official", url=ORG_URL, derivedFrom=[f"{ext.QUESTIONNAIRE_BASE}gfi"])
    data["item"][0]["text"] = "Kunt u zelf boodschappen doen?"
    instrument = load_instrument_file(write(tmp_path, data))
    assert (instrument.code, instrument.items[0].text.nl) == (
        "gfi",
        "Kunt u zelf boodschappen doen?",
    )


def test_it_refuses_its_own_scoring_when_one_answer_differs(tmp_path: Path) -> None:
    data = builtin_json("gfi")
    data.update(id="gfi-official", url=ORG_URL, derivedFrom=[f"{ext.QUESTIONNAIRE_BASE}gfi"])
    sometimes = data["item"][9]["answerOption"][1]
    assert sometimes["valueCoding"]["code"] == "sometimes"
    sometimes["extension"][0]["valueDecimal"] = 1
    with pytest.raises(InstrumentError, match="item 10: the scoring differs from the built-in gfi"):
        load_instrument_file(write(tmp_path, data))


def test_it_refuses_its_own_scoring_when_the_cut_off_differs(tmp_path: Path) -> None:
    data = builtin_json("tfi")
    data.update(id="tfi-local", url=ORG_URL, derivedFrom=[f"{ext.QUESTIONNAIRE_BASE}tfi"])
    scoring = next(e for e in data["extension"] if e["url"] == ext.SCORING)
    next(part for part in scoring["extension"] if part["url"] == "cutoff")["valueInteger"] = 4
    with pytest.raises(InstrumentError, match="cut-off or subscales differ"):
        load_instrument_file(write(tmp_path, data))


def test_a_file_for_another_instrument_brings_its_own_scoring(tmp_path: Path) -> None:
    data = builtin_json("prisma7")
    data.update(id="buurtcheck", url="https://zorggroep.example/fhir/Questionnaire/buurtcheck")
    instrument = load_instrument_file(write(tmp_path, data))
    assert (instrument.code, instrument.based_on, instrument.max_score) == ("buurtcheck", None, 7)


def test_a_file_for_another_instrument_must_bring_scoring(tmp_path: Path) -> None:
    data = wording_only("prisma7")
    del data["derivedFrom"]
    data.update(id="buurtcheck")
    with pytest.raises(InstrumentError, match="the file has no scoring"):
        load_instrument_file(write(tmp_path, data))


def test_it_keeps_builtin_ids_for_builtin_instruments(tmp_path: Path) -> None:
    data = builtin_json("prisma7")
    data["url"] = ORG_URL
    with pytest.raises(InstrumentError, match="the id prisma7 belongs to a built-in instrument"):
        load_instrument_file(write(tmp_path, data))


def test_it_refuses_a_file_that_is_not_valid_fhir(tmp_path: Path) -> None:
    data = wording_only("gfi")
    data["item"][0]["colour"] = "blue"
    with pytest.raises(InstrumentError, match="not a valid FHIR R4 Questionnaire"):
        load_instrument_file(write(tmp_path, data))


def test_it_refuses_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"broken\.json: not valid JSON"):
        load_instrument_file(path)


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match="cannot be read"):
        load_instrument_file(tmp_path / "absent.json")


def test_it_wants_items_numbered_in_the_published_order(tmp_path: Path) -> None:
    data = wording_only("prisma7")
    data["item"][1]["linkId"], data["item"][2]["linkId"] = "3", "2"
    with pytest.raises(
        InstrumentError, match="link ids 1, 2, 3, 4, 5, 6, 7 in the published order"
    ):
        load_instrument_file(write(tmp_path, data))


def test_it_wants_score_bands_that_cover_the_whole_range() -> None:
    data = builtin_json("gfi")
    data.update(id="gfi-gap", url=ORG_URL)
    fitness = data["item"][4]
    bands = [e for e in fitness["extension"] if e["url"] == ext.SCORE_BAND]
    bands[1]["extension"][0]["valueInteger"] = 8  # 7 now falls between the bands
    with pytest.raises(InstrumentError, match="item 5: score bands must cover 0 to 10"):
        parse_instrument(data)


def test_it_wants_every_answer_scored_once_scoring_is_given() -> None:
    data = builtin_json("prisma7")
    data.update(id="half-scored", url=ORG_URL)
    del data["item"][3]["answerOption"][0]["extension"]
    with pytest.raises(InstrumentError, match="item 4: answer yes needs an ordinalValue"):
        parse_instrument(data)


def test_it_wants_a_cut_off_inside_the_possible_scores() -> None:
    data = copy.deepcopy(builtin_json("prisma7"))
    data.update(id="too-high", url=ORG_URL)
    scoring = next(e for e in data["extension"] if e["url"] == ext.SCORING)
    next(part for part in scoring["extension"] if part["url"] == "cutoff")["valueInteger"] = 8
    with pytest.raises(
        InstrumentError, match="the cutoff 8 lies outside the possible scores 0 to 7"
    ):
        parse_instrument(data)


def test_it_refuses_an_unknown_builtin_code() -> None:
    with pytest.raises(InstrumentError, match="There is no built-in instrument gfi2"):
        load_instrument("gfi2")
