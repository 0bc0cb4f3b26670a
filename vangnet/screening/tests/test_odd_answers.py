"""Odd files and odd answers: ``vangnet score`` exits 2 naming the problem, never a traceback.

The engine itself is fed any JSON value with Hypothesis: it answers with a score or an
``AnswerError``, nothing else.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vangnet.screening.engine import AnswerError, builtin_codes, load_instrument, score
from vangnet.screening.engine.jsonfile import MAX_BYTES

from .helpers import answers_counting


def refusal(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        call_command("score", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return caught.value


def gfi_with(item_5: str) -> str:
    """A GFI answers file as text, with item 5 (a number from 0 to 10) written as given."""
    answers = json.dumps({**answers_counting(load_instrument("gfi")), "5": 0})
    return answers.replace('"5": 0', f'"5": {item_5}')


def refused_text(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "answers.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    error = refusal("gfi", "--answers", str(path))
    assert error.returncode == 2
    return str(error)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"1": "ja\xff"}', "answers.json: not UTF-8 text (a wrong byte at position 10)"),
        (b"\x00\x00", "answers.json: not valid JSON"),
        ('{"1": "yes",}', "answers.json: not valid JSON (line 1)"),
        ("", "answers.json: not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "answers.json: the JSON is nested too deeply"),
        ('{"5": ' + "9" * 5000 + "}", "answers.json: a number in the file is too long"),
        ("42", "expected a JSON object"),
        ("null", "expected a JSON object"),
        ('"{}"', "expected a JSON object"),
    ],
)
def test_it_exits_2_naming_what_is_wrong_with_the_file(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    assert message in refused_text(tmp_path, content)


def test_it_exits_2_on_a_file_too_large_to_be_answers(tmp_path: Path) -> None:
    text = refused_text(tmp_path, b" " * (MAX_BYTES + 1))
    assert "answers.json: the file is larger than" in text


@pytest.mark.parametrize(
    "item_5",
    [
        "1" + "0" * 400,
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        '"²"',
        '"١٢"',
        '"--5"',
        '"5\\u0000"',
        '"\\u0000"',
        "5.5",
        "true",
        "[[[[5]]]]",
        '{"5": 5}',
        '"' + "x" * 10_000 + '"',
    ],
)
def test_it_exits_2_naming_the_item_for_an_odd_number(tmp_path: Path, item_5: str) -> None:
    text = refused_text(tmp_path, gfi_with(item_5))
    assert text.startswith("item 5:"), text
    assert len(text) < 300


@pytest.mark.parametrize("key", ["²", "١٢", "9" * 5000, "\u0000", "-1", ""])
def test_it_exits_2_naming_an_odd_item_number(tmp_path: Path, key: str) -> None:
    answers = {**answers_counting(load_instrument("gfi")), key: "yes"}
    text = refused_text(tmp_path, json.dumps(answers))
    assert "has no such item" in text


def test_it_exits_2_naming_every_missing_item(tmp_path: Path) -> None:
    text = refused_text(tmp_path, "{}")
    assert all(f"item {number}: no answer given." in text for number in range(1, 16))


def test_a_plain_number_as_text_still_counts(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(gfi_with('" 7 "'), encoding="utf-8")
    out = io.StringIO()
    call_command("score", "gfi", "--answers", str(path), stdout=out)
    assert json.loads(out.getvalue())["items"]["5"]["answer"] == 7


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**20, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from(["²", "١٢", "3", " 3 ", "-3", "--3", "yes", "no", "\u0000", "nee"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@given(
    code=st.sampled_from(builtin_codes()),
    replaced=st.dictionaries(
        st.sampled_from([str(n) for n in range(0, 17)]) | st.text(max_size=8),
        json_values,
        max_size=4,
    ),
    whole=st.none() | json_values,
)
@settings(max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_any_json_gives_a_score_or_a_clean_error(
    code: str, replaced: dict[str, object], whole: object
) -> None:
    instrument = load_instrument(code)
    answers: object = {**answers_counting(instrument), **replaced} if whole is None else whole
    if not isinstance(answers, dict):
        answers = {"1": answers}
    try:
        result = score(instrument, answers)
    except AnswerError as error:
        problems = error.problems
    else:
        assert 0 <= result.score <= result.max
        json.dumps(result.as_dict())
        return
    assert problems
    for problem in problems:
        assert problem.message.startswith(f"item {problem.link_id[:59]}")
        assert len(problem.message) < 400
