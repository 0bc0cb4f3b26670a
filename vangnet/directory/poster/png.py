"""The poster as a PNG image at a fixed resolution, drawn with Pillow."""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from vangnet.directory.poster.model import BLACK, PosterLayout, Rect, TextRun

DPI = 150
# Liberation Sans has Helvetica's metrics; DejaVu Sans is wider, so runs are fitted below.
FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}

type Font = ImageFont.FreeTypeFont | ImageFont.ImageFont | ImageFont.TransposedFont


def pixel_size(layout: PosterLayout, dpi: int = DPI) -> tuple[int, int]:
    """The image size in pixels: the paper size in inches times the resolution."""
    width_mm, height_mm = layout.paper.size_mm
    return round(width_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi)


@lru_cache(maxsize=256)
def _font(bold: bool, pixels: float) -> Font:
    for candidate in FONT_FILES[bold]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, pixels)
    # Pillow's own scalable font, so a server without system fonts still draws the poster.
    return ImageFont.load_default(pixels)


def _fitted_font(run: TextRun, scale: float) -> Font:
    """The font for a run, a little smaller where this font is wider than Helvetica."""
    pixels = round(run.size * scale, 1)
    target = run.width * scale
    font = _font(run.bold, pixels)
    while pixels > 2 and font.getlength(run.text) > target + 0.5:
        pixels = round(pixels * 0.97, 1)
        font = _font(run.bold, pixels)
    return font


def _draw_rect(draw: ImageDraw.ImageDraw, rect: Rect, scale: float) -> None:
    inset = rect.stroke_width / 2 if rect.stroke else 0.0
    box = (
        (rect.x + inset) * scale,
        (rect.y + inset) * scale,
        (rect.right - inset) * scale,
        (rect.bottom - inset) * scale,
    )
    line_width = max(1, round(rect.stroke_width * scale)) if rect.stroke else 0
    outline = None if rect.dashed else rect.stroke
    draw.rounded_rectangle(
        box,
        radius=rect.radius * scale,
        fill=rect.fill,
        outline=outline,
        width=line_width if outline else 0,
    )
    if rect.dashed and rect.stroke:
        _dashed_outline(draw, box, rect.stroke, line_width)


def _dashed_outline(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], colour: str, width: int
) -> None:
    left, top, right, bottom = box
    dash = width * 3
    edges = [
        ((left, top), (right, top)),
        ((right, top), (right, bottom)),
        ((right, bottom), (left, bottom)),
        ((left, bottom), (left, top)),
    ]
    for (x0, y0), (x1, y1) in edges:
        length = max(abs(x1 - x0), abs(y1 - y0))
        steps = int(length // (2 * dash)) + 1
        for i in range(steps):
            start = i * 2 * dash / length if length else 0.0
            end = min(1.0, (i * 2 * dash + dash) / length) if length else 0.0
            draw.line(
                [
                    (x0 + (x1 - x0) * start, y0 + (y1 - y0) * start),
                    (x0 + (x1 - x0) * end, y0 + (y1 - y0) * end),
                ],
                fill=colour,
                width=width,
            )


def render_png(layout: PosterLayout, *, dpi: int = DPI) -> bytes:
    size = pixel_size(layout, dpi)
    # The layout is in points (1/72 inch), so points times dpi / 72 gives pixels.
    scale = dpi / 72
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    for rect in layout.rects:
        _draw_rect(draw, rect, scale)
    if layout.qr is not None:
        # Whole pixels, so neighbouring modules meet without a grey seam.
        for x, y, w, h in layout.qr.rectangles():
            draw.rectangle(
                (
                    round(x * scale),
                    round(y * scale),
                    round((x + w) * scale) - 1,
                    round((y + h) * scale) - 1,
                ),
                fill=BLACK,
            )
    for run in layout.texts:
        font = _fitted_font(run, scale)
        draw.text((run.x * scale, run.y * scale), run.text, fill=run.colour, font=font, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()
