"""Reading a scenario file for ``vangnet business-case calc``: every fault names its field.

The file is JSON::

    {"horizon_years": 5, "discount_rate": 0.0225,
     "costs": [{"party": "Gemeente", "amount_per_year": 12000, "years": [0, 1, 2, 3, 4]}],
     "benefits": [{"party": "Zorgverzekeraar", "unit_cost": 258, "quantity_per_year": 40,
                   "deadweight": 0.2, "attribution": 0.5, "drop_off": 0.1}]}

Numbers are read as exact decimals (never as binary floats), also whole numbers of any
length, so "1e999999" or a 5,000-digit number is refused by its range with the field's
name instead of breaking the parser. NaN and Infinity are refused the same way.
"""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO

from vangnet.economics.engine import BenefitItem, CostItem, Scenario

# A scenario of a few hundred rows is tens of kilobytes.
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_HORIZON = 100
MAX_AMOUNT = Decimal("1e12")
MAX_NAME = 200
ASCII_NUMBER = frozenset("0123456789.-+eE")


class ScenarioError(ValueError):
    """A scenario that cannot be calculated; the message starts with the field concerned."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


class _Constant:
    """NaN, Infinity or -Infinity in the file, kept until the field it sits in is known."""

    def __init__(self, text: str) -> None:
        self.text = text


def read_scenario_file(path: Path) -> Scenario:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(
            path.name, f"cannot be read ({exc.strerror or exc.__class__.__name__})"
        ) from exc
    return parse_scenario(raw, source=path.name)


def read_scenario_stream(stream: BinaryIO) -> Scenario:
    return parse_scenario(stream.read(MAX_BYTES + 1), source="standard input")


def parse_scenario(raw: bytes, *, source: str = "scenario") -> Scenario:
    """The scenario in ``raw``, or ``ScenarioError`` naming the field that is wrong."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError(source, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            source, f"not UTF-8 text (a wrong byte at position {exc.start + 1})"
        ) from exc
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal, parse_constant=_Constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            source, f"not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise ScenarioError(source, "the JSON is nested too deeply") from exc
    return scenario_from_data(data)


def scenario_from_data(data: object) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError("scenario", "expected a JSON object with horizon_years, costs, ...")
    horizon = _whole(_key(data, "horizon_years", "scenario"), "horizon_years", 1, MAX_HORIZON)
    rate = _number(_key(data, "discount_rate", "scenario"), "discount_rate", Decimal(1))
    costs = tuple(
        _cost(row, f"costs[{i}]", horizon)
        for i, row in enumerate(_list(_key(data, "costs", "scenario"), "costs"))
    )
    benefits = tuple(
        _benefit(row, f"benefits[{i}]")
        for i, row in enumerate(_list(_key(data, "benefits", "scenario"), "benefits"))
    )
    return Scenario(horizon_years=horizon, discount_rate=rate, costs=costs, benefits=benefits)


def _key(data: dict[str, object], name: str, where: str) -> object:
    if name not in data:
        field = name if where == "scenario" else f"{where}.{name}"
        raise ScenarioError(field, "missing")
    return data[name]


def _list(value: object, field: str) -> list[object]:
    if not isinstance(value, list):
        raise ScenarioError(field, "expected a list")
    if len(value) > MAX_ROWS:
        raise ScenarioError(field, f"more than {MAX_ROWS} rows")
    return value


def _object(value: object, field: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ScenarioError(field, "expected an object")
    return value


def _number(value: object, field: str, maximum: Decimal) -> Decimal:
    """A finite number from 0 to ``maximum``, from a JSON number or a plain ASCII string."""
    if isinstance(value, _Constant):
        raise ScenarioError(field, f"{value.text} is not a number")
    if isinstance(value, bool):
        raise ScenarioError(field, "expected a number, not true or false")
    if isinstance(value, str):
        text = value
        if not text or len(text) > 40 or not ASCII_NUMBER.issuperset(text):
            raise ScenarioError(field, f"expected a number, got {text[:40]!r}")
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ScenarioError(field, f"expected a number, got {text[:40]!r}") from exc
    if not isinstance(value, Decimal):
        raise ScenarioError(field, "expected a number")
    if not value.is_finite():
        raise ScenarioError(field, "not a finite number")
    if value < 0:
        raise ScenarioError(field, "may not be negative")
    if value > maximum:
        raise ScenarioError(field, f"may be at most {maximum}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -12:
        # Exact, but no more decimals than every sum carries.
        value = value.quantize(Decimal("1e-12"))
    return value


def _share(value: object, field: str) -> Decimal:
    return _number(value, field, Decimal(1))


def _whole(value: object, field: str, minimum: int, maximum: int) -> int:
    number = _number(value, field, Decimal(maximum))
    if number != number.to_integral_value():
        raise ScenarioError(field, "expected a whole number")
    if number < minimum:
        raise ScenarioError(field, f"must be at least {minimum}")
    return int(number)


def _party(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(field, "expected the party's name as text")
    if len(value) > MAX_NAME:
        raise ScenarioError(field, f"longer than {MAX_NAME} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ScenarioError(field, "contains a control character")
    return value.strip()


def _cost(row: object, where: str, horizon: int) -> CostItem:
    data = _object(row, where)
    years_field = f"{where}.years"
    years: set[int] = set()
    for i, year in enumerate(_list(_key(data, "years", where), years_field)):
        value = _whole(year, f"{years_field}[{i}]", 0, MAX_HORIZON)
        if value >= horizon:
            raise ScenarioError(
                f"{years_field}[{i}]", f"year {value} lies outside the horizon (0 to {horizon - 1})"
            )
        if value in years:
            raise ScenarioError(f"{years_field}[{i}]", f"year {value} is named twice")
        years.add(value)
    return CostItem(
        party=_party(_key(data, "party", where), f"{where}.party"),
        amount_per_year=_number(
            _key(data, "amount_per_year", where), f"{where}.amount_per_year", MAX_AMOUNT
        ),
        years=frozenset(years),
    )


def _benefit(row: object, where: str) -> BenefitItem:
    data = _object(row, where)

    def get(name: str) -> object:
        return _key(data, name, where)

    return BenefitItem(
        party=_party(get("party"), f"{where}.party"),
        unit_cost=_number(get("unit_cost"), f"{where}.unit_cost", MAX_AMOUNT),
        quantity_per_year=_number(
            get("quantity_per_year"), f"{where}.quantity_per_year", MAX_AMOUNT
        ),
        deadweight=_share(get("deadweight"), f"{where}.deadweight"),
        attribution=_share(get("attribution"), f"{where}.attribution"),
        drop_off=_share(get("drop_off"), f"{where}.drop_off"),
    )
