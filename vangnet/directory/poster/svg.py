"""The poster as SVG: real, selectable text, a title and a description for screen readers."""

from xml.sax.saxutils import escape, quoteattr

from vangnet.directory.poster.model import BLACK, PosterLayout, Rect, TextRun
from vangnet.directory.poster.qr import QrCode

FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rect(rect: Rect) -> str:
    # Stroke on the inside of the box, as in the PDF and PNG.
    inset = rect.stroke_width / 2 if rect.stroke else 0.0
    attrs = [
        f'x="{_num(rect.x + inset)}"',
        f'y="{_num(rect.y + inset)}"',
        f'width="{_num(rect.w - 2 * inset)}"',
        f'height="{_num(rect.h - 2 * inset)}"',
        f'fill="{rect.fill or "none"}"',
    ]
    if rect.radius:
        attrs.append(f'rx="{_num(rect.radius)}"')
    if rect.stroke:
        attrs.append(f'stroke="{rect.stroke}" stroke-width="{_num(rect.stroke_width)}"')
        if rect.dashed:
            dash = _num(rect.stroke_width * 3)
            attrs.append(f'stroke-dasharray="{dash} {dash}"')
    return f"<rect {' '.join(attrs)}/>"


def _text(run: TextRun) -> str:
    weight = ' font-weight="bold"' if run.bold else ""
    # textLength keeps the run inside its box when the viewer's font is wider than Helvetica.
    return (
        f'<text x="{_num(run.x)}" y="{_num(run.y)}" font-size="{_num(run.size)}"{weight} '
        f'fill="{run.colour}" textLength="{_num(run.width)}" lengthAdjust="spacingAndGlyphs">'
        f"{escape(run.text)}</text>"
    )


def _qr(qr: QrCode) -> str:
    """The QR code as one path of rectangles, sharp at any size."""
    d = "".join(
        f"M{_num(x)} {_num(y)}h{_num(w)}v{_num(h)}h-{_num(w)}z" for x, y, w, h in qr.rectangles()
    )
    return f'<path id="qr-code" fill="{BLACK}" shape-rendering="crispEdges" d="{d}"/>'


def render_svg(layout: PosterLayout, *, lang: str) -> bytes:
    width_mm, height_mm = layout.paper.size_mm
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" role="img" '
            f"lang={quoteattr(lang)} xml:lang={quoteattr(lang)} "
            f'width="{_num(width_mm)}mm" height="{_num(height_mm)}mm" '
            f'viewBox="0 0 {_num(layout.width)} {_num(layout.height)}" '
            f'aria-labelledby="poster-title poster-desc">'
        ),
        f'<title id="poster-title">{escape(layout.title)}</title>',
        f'<desc id="poster-desc">{escape(layout.description)}</desc>',
        f'<rect x="0" y="0" width="{_num(layout.width)}" height="{_num(layout.height)}" '
        f'fill="#ffffff"/>',
        *(_rect(rect) for rect in layout.rects),
        *([_qr(layout.qr)] if layout.qr is not None else []),
        f'<g font-family="{FONT_FAMILY}">',
        *(_text(run) for run in layout.texts),
        "</g>",
        "</svg>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")
