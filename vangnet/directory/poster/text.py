"""Text for the poster: one character set, one set of font metrics, and line wrapping.

Every renderer draws the same strings, so the text is made safe once, here. The
metrics are those of Helvetica, one of the PDF core fonts: its Windows-1252
encoding holds every Dutch letter (ë, ï, é, ö, ü, è, à, ç and the rest), the
curly quotes, the dashes and the euro sign, so the PDF needs no embedded font.
Liberation Sans and Arial share these metrics, which keeps the SVG and PNG
within the same boxes.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from fpdf.fonts import CORE_FONTS_CHARWIDTHS

ENCODING = "cp1252"
_REGULAR = CORE_FONTS_CHARWIDTHS["helvetica"]
_BOLD = CORE_FONTS_CHARWIDTHS["helveticaB"]
# Characters outside Windows-1252 that turn up in Dutch text, and a faithful stand-in.
_STAND_INS = {
    "\u2192": "->",
    "\u2190": "<-",
    "\u2022": "\u2022",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",
    "\u2032": "'",
    "\u2033": '"',
}


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def safe_text(value: str) -> str:
    """The text with every character drawable in the core fonts; others get a close stand-in."""
    text = unicodedata.normalize("NFC", re.sub(r"[ \t\r\n]+", " ", value or "").strip())
    # Digits split by a space belong together: a phone number never breaks over two lines.
    text = re.sub(r"(?<=\d) (?=\d)", "\u00a0", text)
    out: list[str] = []
    for char in text:
        if char in _STAND_INS:
            out.append(_STAND_INS[char])
        elif _encodable(char):
            out.append(char)
        else:
            # "ĳ" becomes "ij", "ł" loses nothing it can keep; what is left becomes "?".
            decomposed = unicodedata.normalize("NFKD", char)
            kept = "".join(c for c in decomposed if not unicodedata.combining(c) and _encodable(c))
            out.append(kept or "?")
    return "".join(out)


@lru_cache(maxsize=4096)
def _units(text: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    encoded = text.encode(ENCODING, errors="replace").decode("latin-1")
    return sum(table.get(char, 556) for char in encoded)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of text set in Helvetica at size points."""
    return _units(text, bold) * size / 1000


@dataclass(frozen=True)
class Span:
    """A piece of one line in one weight."""

    text: str
    bold: bool
    dx: float
    width: float


type Line = list[Span]


def _break_long_word(word: str, size: float, bold: bool, width: float) -> list[str]:
    """Split a word wider than the line (a long web address, say) into pieces that fit.

    A piece ends after a slash, dot or hyphen where one lies in its second half, so
    an address breaks where a reader expects it to.
    """
    pieces: list[str] = []
    rest = word
    while rest:
        if text_width(rest, size, bold=bold) <= width:
            pieces.append(rest)
            break
        fits = 1
        while fits < len(rest) and text_width(rest[: fits + 1], size, bold=bold) <= width:
            fits += 1
        cut = next(
            (i for i in range(fits, fits // 2, -1) if rest[i - 1] in "/.-"),
            fits,
        )
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces


def wrap(segments: list[tuple[str, bool]], size: float, width: float) -> list[Line]:
    """Lay out (text, bold) segments as lines no wider than width, breaking at spaces."""
    words: list[tuple[str, bool]] = []
    for text, bold in segments:
        for word in safe_text(text).split(" "):
            if not word:
                continue
            if word == "\u00b7" and words:
                # A separator dot stays on the line of the word before it.
                words[-1] = (f"{words[-1][0]} \u00b7", words[-1][1])
                continue
            if text_width(word, size, bold=bold) > width:
                words.extend((piece, bold) for piece in _break_long_word(word, size, bold, width))
            else:
                words.append((word, bold))
    lines: list[Line] = []
    line: Line = []
    x = 0.0
    for word, bold in words:
        space = text_width(" ", size, bold=bold) if line else 0.0
        word_width = text_width(word, size, bold=bold)
        if line and x + space + word_width > width:
            lines.append(line)
            line, x, space = [], 0.0, 0.0
        last = line[-1] if line else None
        if last is not None and last.bold == bold:
            merged = f"{last.text} {word}"
            line[-1] = Span(merged, bold, last.dx, text_width(merged, size, bold=bold))
        else:
            line.append(Span(word, bold, x + space, word_width))
        x += space + word_width
    if line:
        lines.append(line)
    return lines


def line_width(line: Line) -> float:
    return max((span.dx + span.width for span in line), default=0.0)


def ellipsize(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """The text cut to fit width, ending in an ellipsis when it had to be cut."""
    text = safe_text(text)
    if text_width(text, size, bold=bold) <= width:
        return text
    while text and text_width(text + "\u2026", size, bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"
