"""Draws favicon.png and favicon.ico from the shapes of favicon.svg.

Drawn four times larger, then scaled down, so the edges stay smooth. Run from the
repository root: .venv/bin/python tools/draw_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

FOLDER = Path(__file__).resolve().parent.parent / "vangnet" / "core" / "static" / "vangnet"
SCALE = 4
BRAND = (11, 79, 108, 255)
WHITE = (255, 255, 255, 255)
STROKE = round(2.6 * SCALE)

type Point = tuple[float, float]


def _curve(start: Point, control: Point, end: Point, steps: int = 24) -> list[Point]:
    points = []
    for i in range(steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t * t * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t * t * end[1]
        points.append((x, y))
    return points


def _line(draw: ImageDraw.ImageDraw, points: list[Point]) -> None:
    draw.line([(x * SCALE, y * SCALE) for x, y in points], fill=WHITE, width=STROKE, joint="curve")
    radius = STROKE / 2
    for x, y in (points[0], points[-1]):
        box = (x * SCALE - radius, y * SCALE - radius, x * SCALE + radius, y * SCALE + radius)
        draw.ellipse(box, fill=WHITE)


def draw() -> Image.Image:
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * SCALE, fill=BRAND)
    _line(pen, [(5, 6), (5, 26)])
    _line(pen, [(27, 6), (27, 26)])
    _line(pen, _curve((5, 9), (16, 31), (27, 9)))
    _line(pen, [(5, 9), (27, 9)])
    radius = 3.4 * SCALE
    centre = (16 * SCALE, 14.5 * SCALE)
    box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
    pen.ellipse(box, fill=WHITE)
    return image


if __name__ == "__main__":
    image = draw()
    image.resize((32, 32), Image.Resampling.LANCZOS).save(FOLDER / "favicon.png")
    image.resize((64, 64), Image.Resampling.LANCZOS).save(
        FOLDER / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)]
    )
