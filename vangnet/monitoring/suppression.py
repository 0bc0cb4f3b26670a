"""Small counts hidden, and enough other counts hidden that no total gives one away.

A table of counts is published with its row totals, column totals and grand total:
together an "extended" grid whose last row and last column hold the totals. A count
from 1 to the threshold minus one is *small* and shows as "< 10" (primary
suppression). Someone who reads the published grid knows every shown number, that a
small count lies between 1 and the threshold minus one, and that any other hidden
count is at least the threshold. A small count is safe when a second table exists
that fits everything they know and differs in that count: this module finds such a
table by moving one up and one down round a rectangle of hidden counts, which keeps
every row and column sum. When no such rectangle exists, it hides the cheapest
counts that make one (secondary suppression), preferring cells to totals, and looks
again. Zero is never hidden: it says nothing about anyone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from django.conf import settings

DEFAULT_THRESHOLD = 10
# A small count must be able to move both ways between 1 and the threshold minus one.
LOWEST_THRESHOLD = 3

type Position = tuple[int, int]


def threshold() -> int:
    """The smallest count shown as it is (``VANGNET_MONITORING_THRESHOLD``, default 10)."""
    value = getattr(settings, "VANGNET_MONITORING_THRESHOLD", DEFAULT_THRESHOLD)
    return max(LOWEST_THRESHOLD, int(value))


def extended(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The cells with a total at the end of every row and a row of column totals below."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[column] for row in rows) for column in range(width)]
    return [*rows, totals]


@dataclass(frozen=True)
class Suppressed:
    """An extended grid and which of its positions are hidden, and which of those are small."""

    grid: list[list[int]]
    hidden: frozenset[Position]
    small: frozenset[Position]
    threshold: int
    # No count at all is shown, not even which ones are small: the table is too thin.
    withheld: bool = False

    def text(self, row: int, column: int) -> str:
        """A count as it is published: the number, "< 10" when small, "x" when hidden for safety."""
        if self.withheld:
            return "x"
        if (row, column) in self.small:
            return f"< {self.threshold}"
        if (row, column) in self.hidden:
            return "x"
        return str(self.grid[row][column])

    def shown(self, row: int, column: int) -> int | None:
        return None if (row, column) in self.hidden else self.grid[row][column]


class _Grid:
    def __init__(self, grid: list[list[int]], limit: int) -> None:
        self.grid = grid
        self.limit = limit
        self.last_row = len(grid) - 1
        self.last_column = len(grid[0]) - 1
        self.small = frozenset(
            (r, c) for r, row in enumerate(grid) for c, value in enumerate(row) if 0 < value < limit
        )

    def sign(self, position: Position) -> int:
        # Totals count against their line: then every row and column of the grid sums to zero.
        row, column = position
        return -1 if (row == self.last_row) != (column == self.last_column) else 1

    def fits(self, position: Position, value: int) -> bool:
        """Whether a reader who sees ``position`` hidden could believe it holds ``value``."""
        if position in self.small:
            return 1 <= value < self.limit
        return value >= self.limit

    def rectangles(self, corner: Position) -> list[list[tuple[Position, int]]]:
        """Every rectangle through ``corner`` with the move (+1 or -1) each of its corners makes."""
        r1, c1 = corner
        found = []
        for r2, c2, step in product(range(self.last_row + 1), range(self.last_column + 1), (1, -1)):
            if r2 == r1 or c2 == c1:
                continue
            corners = (((r1, c1), 1), ((r1, c2), -1), ((r2, c1), -1), ((r2, c2), 1))
            found.append([(p, step * turn * self.sign(p)) for p, turn in corners])
        return found

    def movable(self, rectangle: list[tuple[Position, int]]) -> bool:
        return all(self.fits(p, self.grid[p[0]][p[1]] + move) for p, move in rectangle)

    def safe(self, position: Position, hidden: set[Position]) -> bool:
        return any(
            all(p in hidden for p, _move in rectangle) and self.movable(rectangle)
            for rectangle in self.rectangles(position)
        )

    def cheapest_cover(self, position: Position, hidden: set[Position]) -> set[Position] | None:
        """The fewest and smallest counts to hide so that ``position`` becomes safe."""
        best: tuple[tuple[int, int, int], set[Position]] | None = None
        for rectangle in self.rectangles(position):
            new = {p for p, _move in rectangle if p not in hidden}
            if any(self.grid[r][c] == 0 for r, c in new) or not self.movable(rectangle):
                continue
            totals = sum(1 for r, c in new if r == self.last_row or c == self.last_column)
            cost = (totals, len(new), sum(self.grid[r][c] for r, c in new))
            if best is None or cost < best[0]:
                best = (cost, new)
        return None if best is None else best[1]


def suppress(cells: Sequence[Sequence[int]], limit: int) -> Suppressed:
    """The table with totals: small counts hidden, and enough others that none can be inferred."""
    grid = _Grid(extended(cells), limit)
    hidden = set(grid.small)
    everything = {(r, c) for r in range(grid.last_row + 1) for c in range(grid.last_column + 1)}
    while True:
        exposed = next((p for p in sorted(grid.small) if not grid.safe(p, hidden)), None)
        if exposed is None:
            return Suppressed(grid.grid, frozenset(hidden), grid.small, limit)
        cover = grid.cheapest_cover(exposed, hidden)
        if cover is None:
            # Nothing smaller will do: the table shows no counts at all.
            return Suppressed(grid.grid, frozenset(everything), grid.small, limit, withheld=True)
        hidden |= cover
