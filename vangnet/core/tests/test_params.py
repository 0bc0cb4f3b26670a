"""Numbers from a request are plain ASCII digits in range, or no number at all."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.core.params import BIGINT_MAX, number_param, whole_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("12", 12),
        ("007", 7),
        (str(BIGINT_MAX), BIGINT_MAX),
        (str(BIGINT_MAX + 1), None),
        ("9" * 5000, None),
        ("²", None),
        ("1²", None),
        ("١٢", None),
        ("１２", None),
        ("-1", None),
        ("+1", None),
        (" 12", None),
        ("12\n", None),
        ("1e3", None),
        ("12.0", None),
        ("", None),
        ("\x00", None),
        ("1\x00", None),
    ],
)
def test_it_reads_only_plain_ascii_digits(text: str, number: int | None) -> None:
    assert whole_number(text) == number


def test_it_keeps_to_the_range() -> None:
    assert whole_number("5", minimum=1, maximum=5) == 5
    assert whole_number("6", minimum=1, maximum=5) is None
    assert whole_number("0", minimum=1) is None


def test_it_is_no_number_for_anything_but_text() -> None:
    assert whole_number(None) is None
    assert whole_number(12) is None
    assert whole_number(["12"]) is None


def test_a_query_parameter_falls_back_to_its_default() -> None:
    request = RequestFactory().get("/", {"months": "²", "page": "3", "step": "9"})
    assert number_param(request, "months", default=12) == 12
    assert number_param(request, "page", default=1) == 3
    assert number_param(request, "absent") is None
    assert number_param(request, "step", allowed=frozenset({1, 2, 3})) is None
    assert number_param(QueryDict("page=4"), "page") == 4


@given(st.text())
@settings(max_examples=500, derandomize=True)
def test_any_text_is_a_number_written_as_itself_or_none(text: str) -> None:
    number = whole_number(text)
    if number is not None:
        assert 0 <= number <= BIGINT_MAX
        assert text.isascii() and text.isdigit()
        assert int(text) == number


@pytest.mark.parametrize("text", ["²", "١٢", "-5", "1" + "0" * 30, "0", "abc"])
def test_a_command_refuses_an_odd_number_with_a_usage_error(text: str, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="expected a whole number from 1 to 10000000"):
        call_command("synth-extract", "--patients", text, "--out", str(tmp_path))


def test_an_id_in_an_address_is_a_bounded_number() -> None:
    from django.urls import Resolver404, resolve

    assert resolve("/clients/42/").kwargs == {"client_id": 42}
    assert resolve(f"/clients/{2**63 - 1}/").kwargs == {"client_id": 2**63 - 1}
    for odd in (str(2**63), "9" * 30, "²", "١٢", "-1", "1e3"):
        with pytest.raises(Resolver404):
            resolve(f"/clients/{odd}/")
