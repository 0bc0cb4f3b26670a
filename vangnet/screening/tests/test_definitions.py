"""The built-in instrument files: valid FHIR, numbered, bilingual, cited and scored."""

import json

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from vangnet.screening.engine import ItemType, builtin_codes, load_instrument
from vangnet.screening.engine.loader import BUILTIN_DIR

EXPECTED = {
    # code: (items, max, cut-off, subscales and their maxima)
    "gfi": (15, 15, 4, {"physical": 9, "cognitive": 1, "social": 3, "psychological": 2}),
    "tfi": (15, 15, 5, {"physical": 8, "psychological": 4, "social": 3}),
    "prisma7": (7, 7, 3, {}),
    # one item: the total a professional enters, which is the score itself
    "imesa": (1, 60, 16, {}),
    "zrm5": (
        5,
        5,
        None,
        {"housing": 5, "finances": 5, "health": 5, "daytime_activities": 5, "home_situation": 5},
    ),
}


def test_it_ships_the_five_instruments() -> None:
    assert builtin_codes() == ("gfi", "imesa", "prisma7", "tfi", "zrm5")


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_file_is_a_valid_fhir_r4_questionnaire(code: str) -> None:
    data = json.loads((BUILTIN_DIR / f"{code}.json").read_text(encoding="utf-8"))
    questionnaire = Questionnaire.model_validate(data)
    assert questionnaire.id == code
    assert questionnaire.status == "active"
    assert questionnaire.url == f"https://vangnet.nl/fhir/Questionnaire/{code}"


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_instrument_has_the_published_shape(code: str) -> None:
    items, maximum, cutoff, subscales = EXPECTED[code]
    instrument = load_instrument(code)
    assert [item.link_id for item in instrument.items] == [str(n) for n in range(1, items + 1)]
    assert instrument.max_score == maximum
    assert instrument.scoring.cutoff == cutoff
    assert {
        subscale.code: sum(item.max_points for item in instrument.subscale_items(subscale.code))
        if subscale.method == "sum"
        else instrument.subscale_items(subscale.code)[0].maximum
        for subscale in instrument.scoring.subscales
    } == subscales


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_item_speaks_dutch_and_english(code: str) -> None:
    instrument = load_instrument(code)
    assert instrument.title.nl
    assert instrument.title.en
    for item in instrument.items:
        assert item.text.nl, item.link_id
        assert item.text.en, item.link_id
        assert item.text.nl != item.text.en, item.link_id
        for option in item.options:
            assert option.display.en == option.code
            assert option.display.nl in {"ja", "nee", "soms"}
    for subscale in instrument.scoring.subscales:
        assert subscale.label.nl
        assert subscale.label.en


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_instrument_cites_its_published_source(code: str) -> None:
    instrument = load_instrument(code)
    assert instrument.version == "1.0.0"
    assert instrument.citations
    assert all(len(citation) > 40 for citation in instrument.citations)
    assert all(item.scoring_note for item in instrument.items)


def test_yes_no_items_answer_in_english_lower_case() -> None:
    for code in builtin_codes():
        for item in load_instrument(code).items:
            if item.type is ItemType.CHOICE:
                assert set(item.option_codes) <= {"yes", "no", "sometimes"}


def test_the_definition_round_trips_as_json() -> None:
    instrument = load_instrument("gfi")
    assert instrument.questionnaire()["id"] == "gfi"
    assert instrument.questionnaire() is not instrument.questionnaire()
