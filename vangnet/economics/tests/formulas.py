"""A tiny evaluator for the formulas the business-case workbook uses: + - * / ^, SUM, cells.

Enough to check that a controller's spreadsheet gives the same totals as Vangnet.
"""

import re
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<ref>(?:[A-Za-z_]+!)?\$?[A-Z]{1,3}\$?\d+"
    r"(?::\$?[A-Z]{1,3}\$?\d+)?)|(?P<func>SUM)\(|(?P<op>[-+*/^(),]))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    result, position = [], 0
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            if text[position:].strip() == "":
                break
            raise ValueError(f"cannot read {text[position:]!r}")
        kind = match.lastgroup or ""
        result.append((kind, match.group(kind)))
        position = match.end()
    return result


class _Parser:
    def __init__(self, book: "Evaluator", sheet: str, text: str) -> None:
        self.book, self.sheet, self.tokens, self.i = book, sheet, _tokens(text), 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expression(self) -> float:
        value = self.term()
        while (token := self.peek()) and token[1] in "+-":
            self.take()
            value = value + self.term() if token[1] == "+" else value - self.term()
        return value

    def term(self) -> float:
        value = self.power()
        while (token := self.peek()) and token[1] in "*/":
            self.take()
            value = value * self.power() if token[1] == "*" else value / self.power()
        return value

    def power(self) -> float:
        value = self.unary()
        while (token := self.peek()) and token[1] == "^":
            self.take()
            value = value ** self.unary()
        return value

    def unary(self) -> float:
        token = self.peek()
        if token and token[1] == "-":
            self.take()
            return -self.unary()
        return self.atom()

    def atom(self) -> float:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "ref":
            sheet, cells = self._split(text)
            if ":" in cells:
                raise ValueError("a range outside SUM")
            return self.book.value(sheet, cells)
        if kind == "func":
            total = 0.0
            while True:
                ref_kind, ref = self.take()
                assert ref_kind == "ref"
                sheet, cells = self._split(ref)
                total += sum(self.book.value(sheet, cell) for cell in _cells(cells))
                if self.take()[1] == ")":
                    return total
        if text == "(":
            value = self.expression()
            assert self.take()[1] == ")"
            return value
        raise ValueError(f"unexpected {text!r}")

    def _split(self, ref: str) -> tuple[str, str]:
        sheet, _, cells = ref.rpartition("!")
        return sheet or self.sheet, cells.replace("$", "")


def _cells(area: str) -> list[str]:
    start, _, end = area.partition(":")
    end = end or start
    a = re.fullmatch(r"([A-Z]+)(\d+)", start)
    b = re.fullmatch(r"([A-Z]+)(\d+)", end)
    assert a and b
    return [
        f"{get_column_letter(column)}{row}"
        for row in range(int(a.group(2)), int(b.group(2)) + 1)
        for column in range(
            column_index_from_string(a.group(1)), column_index_from_string(b.group(1)) + 1
        )
    ]


class Evaluator:
    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[str, str], float] = {}

    def value(self, sheet: str, cell: str) -> float:
        key = (sheet, cell)
        if key not in self.cache:
            raw = self.workbook[sheet][cell].value
            if isinstance(raw, str) and raw.startswith("="):
                self.cache[key] = _Parser(self, sheet, raw[1:]).expression()
            elif raw is None or isinstance(raw, str):
                self.cache[key] = 0.0
            else:
                self.cache[key] = float(raw)
        return self.cache[key]


def evaluate_workbook(workbook: Any) -> dict[tuple[str, str], float]:
    """Every cell of the workbook as a number (text counts as 0), formulas worked out."""
    evaluator = Evaluator(workbook)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                evaluator.value(sheet.title, cell.coordinate)
    return evaluator.cache
