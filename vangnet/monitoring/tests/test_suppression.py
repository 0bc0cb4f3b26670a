"""No reader can work a small count out from what a suppressed table publishes.

The reader here knows every shown number, that "< N" lies from 1 to N - 1, that a
count hidden as "x" is N or more (or anything at all when the whole table is
withheld), and that the rows and columns add up. The test lists every table that
fits that knowledge and checks that each small count takes two values or more.
"""

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.monitoring.suppression import Suppressed, extended, suppress


def test_a_small_count_shows_as_less_than_the_threshold() -> None:
    table = suppress([[3, 40], [25, 30]], 10)

    assert table.text(0, 0) == "< 10"
    assert table.text(1, 1) == "30" or table.text(1, 1) == "x"


def test_a_table_without_small_counts_shows_everything() -> None:
    table = suppress([[12, 40], [25, 30]], 10)

    assert not table.hidden
    assert table.text(2, 2) == "107"


def test_a_total_never_gives_one_small_cell_away() -> None:
    table = suppress([[3], [25], [30]], 10)

    hidden_cells = [r for r in range(3) if (r, 0) in table.hidden]
    assert len(hidden_cells) >= 2 or (3, 0) in table.hidden


def test_zero_is_shown() -> None:
    table = suppress([[0, 40], [25, 30]], 10)

    assert table.text(0, 0) == "0"


def _ranges(table: Suppressed, cap: int) -> dict[tuple[int, int], range]:
    found = {}
    for position in table.hidden:
        if table.withheld:
            found[position] = range(cap + 1)
        elif position in table.small:
            found[position] = range(1, table.threshold)
        else:
            found[position] = range(table.threshold, cap + 1)
    return found


def _tables(table: Suppressed, cap: int) -> Iterator[list[list[int]]]:
    """Every grid of counts that agrees with what ``table`` publishes, cells up to ``cap``."""
    grid = table.grid
    rows, columns = len(grid) - 1, len(grid[0]) - 1
    ranges = _ranges(table, cap)
    inner = [(r, c) for r in range(rows) for c in range(columns) if (r, c) in table.hidden]
    last_in_row = {r: c for r, c in inner if (r, columns) not in table.hidden}
    guess = [[grid[r][c] for c in range(columns)] for r in range(rows)]

    def column_fits(c: int, upto: int) -> bool:
        if (rows, c) in table.hidden:
            return True
        return sum(guess[r][c] for r in range(upto + 1)) <= grid[rows][c]

    def fill(index: int) -> Iterator[list[list[int]]]:
        if index == len(inner):
            candidate = extended(guess)
            if all(
                candidate[r][c] == grid[r][c]
                if (r, c) not in table.hidden
                else candidate[r][c] in ranges[(r, c)]
                for r in range(rows + 1)
                for c in range(columns + 1)
            ):
                yield candidate
            return
        r, c = inner[index]
        if last_in_row.get(r) == c:
            # The row's shown total leaves one value for its last hidden cell.
            guess[r][c] = 0
            values: range | list[int] = [grid[r][columns] - sum(guess[r])]
        else:
            values = ranges[(r, c)]
        for value in values:
            if value not in ranges[(r, c)]:
                continue
            guess[r][c] = value
            if column_fits(c, r):
                yield from fill(index + 1)
        guess[r][c] = grid[r][c]

    if table.withheld:
        return  # nothing is published: nothing to work out from
    yield from fill(0)


@settings(max_examples=60, deadline=None)
@given(
    cells=st.integers(1, 3).flatmap(
        lambda width: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 8]), min_size=width, max_size=width),
            min_size=1,
            max_size=3,
        )
    ),
    threshold=st.integers(3, 5),
)
def test_no_combination_of_shown_cells_and_totals_recovers_a_small_count(
    cells: list[list[int]], threshold: int
) -> None:
    table = suppress(cells, threshold)
    cap = sum(map(sum, cells)) + 2
    seen: dict[tuple[int, int], set[int]] = {position: set() for position in table.small}
    for candidate in _tables(table, cap):
        for r, c in table.small:
            seen[(r, c)].add(candidate[r][c])
    if table.withheld:
        return
    for position, values in seen.items():
        assert len(values) >= 2, (position, table.grid, sorted(table.hidden))
