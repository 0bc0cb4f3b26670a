"""The poster's drawing model: a page of boxes, text runs and a QR code, in points.

Coordinates have their origin at the top left, y growing downwards; a text
run's y is its baseline. layout.py fills the model; the renderers draw it.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum

from vangnet.directory.poster.qr import QrCode
from vangnet.directory.poster.text import Line, line_width

MM = 72 / 25.4


class Paper(StrEnum):
    A4 = "A4"
    A3 = "A3"

    @property
    def size_mm(self) -> tuple[float, float]:
        return (210.0, 297.0) if self is Paper.A4 else (297.0, 420.0)

    @property
    def scale(self) -> float:
        """A3 is A4 enlarged by the square root of two; every size grows with it."""
        return 1.0 if self is Paper.A4 else math.sqrt(2)

    @property
    def min_font_pt(self) -> float:
        """The smallest text on the poster, in points: legible from a waiting-room chair."""
        return 12.0 if self is Paper.A4 else 16.0


INK = "#1a1a1a"
MUTED = "#4a4a4a"
WHITE = "#ffffff"
BLACK = "#000000"
BRAND = "#0b4f6c"
ALARM = "#8f1d18"
GAP = "#b3261e"
GAP_FILL = "#fdecea"
RULE = "#8a8f94"
# One dark colour per section; white text on each passes WCAG AA (at least 4.5 : 1).
SECTION_COLOURS = ("#0b4f6c", "#5b3a8c", "#1d6b2f", "#7a4308", "#9c1c55", "#2f4b7c")

# Helvetica's ascender and descender as fractions of the font size.
ASCENT = 0.77
DESCENT = 0.23
LEADING = 1.22


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    dashed: bool = False

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class TextRun:
    """One string in one weight, size and colour; width is its measured width."""

    x: float
    y: float
    text: str
    size: float
    bold: bool
    colour: str
    width: float
    # Index into PosterLayout.rects of the box this text must stay inside, if any.
    container: int | None = None

    @property
    def top(self) -> float:
        return self.y - self.size * ASCENT

    @property
    def bottom(self) -> float:
        return self.y + self.size * DESCENT


@dataclass
class PosterLayout:
    paper: Paper
    width: float
    height: float
    title: str
    description: str
    # The size of the sections' body text, the smallest text that carries content.
    body_size: float = 0.0
    # How much of each partner is told: 0 everything, higher numbers less (see flow.py).
    detail: int = 0
    rects: list[Rect] = field(default_factory=list)
    texts: list[TextRun] = field(default_factory=list)
    qr: QrCode | None = None
    # Titles of the sections that could not show every partner.
    truncated: list[str] = field(default_factory=list)

    def add_rect(self, rect: Rect) -> int:
        self.rects.append(rect)
        return len(self.rects) - 1

    def add_lines(
        self,
        lines: list[Line],
        *,
        x: float,
        top: float,
        size: float,
        colour: str,
        container: int | None,
        align_right: float | None = None,
    ) -> float:
        """Place wrapped lines from top down; returns the y just below the last line."""
        y = top
        for line in lines:
            baseline = y + size * ASCENT + (LEADING - 1) * size / 2
            shift = (align_right - line_width(line) - x) if align_right is not None else 0.0
            for span in line:
                self.texts.append(
                    TextRun(
                        x + shift + span.dx,
                        baseline,
                        span.text,
                        size,
                        span.bold,
                        colour,
                        span.width,
                        container,
                    )
                )
            y += size * LEADING
        return y


@dataclass(frozen=True)
class Frame:
    """The page's margins and the room left between the red band and the footer."""

    margin: float
    inner_w: float
    top: float
    bottom: float
