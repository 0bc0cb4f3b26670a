"""The QR code on the poster: segno's modules, drawn as vector rectangles in every format.

Size, estimated: a 40 mm code for a site address (version 4, 33 modules) has
modules of about 1.2 mm. A phone camera of about 4,000 pixels across a 70 degree
view sees 1.4 m at a metre, so 0.35 mm a pixel: a module is three to four pixels,
which a decoder needs at least. The quiet zone of four modules around it is the
minimum the QR standard (ISO/IEC 18004) asks for; the poster keeps it white.
"""

from dataclasses import dataclass
from functools import cached_property

import segno

# The width of the dark modules' square on A4, in millimetres; A3 scales it by the root of two.
QR_WIDTH_MM = 40.0
QUIET_MODULES = 4


@dataclass(frozen=True)
class QrCode:
    """A QR code placed on the page: x, y is the top left of its first module, in points."""

    x: float
    y: float
    module: float
    # One tuple per row, True for a dark module.
    matrix: tuple[tuple[bool, ...], ...]
    text: str

    @property
    def count(self) -> int:
        return len(self.matrix)

    @property
    def width(self) -> float:
        return self.module * self.count

    @property
    def quiet(self) -> float:
        return self.module * QUIET_MODULES

    @cached_property
    def runs(self) -> list[tuple[int, int, int]]:
        """Horizontal runs of dark modules as (row, first column, length): few shapes to draw."""
        found: list[tuple[int, int, int]] = []
        for row, cells in enumerate(self.matrix):
            start: int | None = None
            for col, dark in enumerate((*cells, False)):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    found.append((row, start, col - start))
                    start = None
        return found

    def rectangles(self) -> list[tuple[float, float, float, float]]:
        """The runs as (x, y, width, height) in points."""
        m = self.module
        return [(self.x + c * m, self.y + r * m, n * m, m) for r, c, n in self.runs]


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of a QR code holding text, medium error correction or better."""
    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)
