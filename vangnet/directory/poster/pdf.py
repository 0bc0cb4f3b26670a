"""The poster as a one-page PDF, drawn with fpdf2 in the Helvetica core font."""

from datetime import datetime

from fpdf import FPDF

from vangnet.directory.poster.model import BLACK, PosterLayout, Rect
from vangnet.directory.poster.qr import QrCode
from vangnet.directory.poster.text import ENCODING


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _draw_rect(pdf: FPDF, rect: Rect) -> None:
    style = ""
    if rect.fill:
        pdf.set_fill_color(*_rgb(rect.fill))
        style += "F"
    if rect.stroke:
        pdf.set_draw_color(*_rgb(rect.stroke))
        pdf.set_line_width(rect.stroke_width)
        if rect.dashed:
            pdf.set_dash_pattern(dash=rect.stroke_width * 3, gap=rect.stroke_width * 3)
        style += "D"
    if not style:
        return
    # Stroke on the inside of the box, as in the SVG, so nothing pokes out of the page.
    inset = rect.stroke_width / 2 if rect.stroke else 0.0
    if rect.w == rect.h and rect.radius >= rect.w / 2:
        pdf.ellipse(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset, style)
        return
    pdf.rect(
        rect.x + inset,
        rect.y + inset,
        rect.w - 2 * inset,
        rect.h - 2 * inset,
        style=style,
        round_corners=rect.radius > 0,
        corner_radius=rect.radius,
    )
    if rect.dashed:
        pdf.set_dash_pattern()


def _draw_qr(pdf: FPDF, qr: QrCode) -> None:
    """The QR code as one filled path of rectangles: vector, and no seams between modules."""
    with pdf.new_path() as path:
        path.style.fill_color = BLACK
        path.style.stroke_color = None
        for x, y, w, h in qr.rectangles():
            path.rectangle(x, y, w, h)


def render_pdf(layout: PosterLayout, *, lang: str, created: datetime) -> bytes:
    pdf = FPDF(unit="pt", format=(layout.width, layout.height))
    # Windows-1252 gives the core fonts every Dutch letter plus curly quotes, dashes and €.
    pdf.core_fonts_encoding = ENCODING
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_title(layout.title)
    pdf.set_subject(layout.description[:500])
    pdf.set_creator("Vangnet")
    pdf.set_lang(lang)
    pdf.set_creation_date(created)
    pdf.add_page()
    for rect in layout.rects:
        _draw_rect(pdf, rect)
    if layout.qr is not None:
        _draw_qr(pdf, layout.qr)
    current: tuple[bool, float, str] | None = None
    for run in layout.texts:
        style = (run.bold, run.size, run.colour)
        if style != current:
            pdf.set_font("helvetica", "B" if run.bold else "", run.size)
            pdf.set_text_color(*_rgb(run.colour))
            current = style
        pdf.text(run.x, run.y, run.text)
    return bytes(pdf.output())
