"""The who-does-what poster of a network, for the practice wall or the web, as PDF, SVG or PNG."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import get_language

from vangnet.directory.models import Network
from vangnet.directory.poster.content import poster_content
from vangnet.directory.poster.layout import Paper, PosterLayout, build_layout
from vangnet.directory.poster.pdf import render_pdf
from vangnet.directory.poster.png import DPI, render_png
from vangnet.directory.poster.svg import render_svg


class PosterFormat(StrEnum):
    PDF = "pdf"
    SVG = "svg"
    PNG = "png"

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "svg": "image/svg+xml", "png": "image/png"}[self.value]


@dataclass(frozen=True)
class Poster:
    content: bytes
    format: PosterFormat
    paper: Paper
    filename: str


def poster_layout(network: Network, paper: Paper, *, today: date | None = None) -> PosterLayout:
    """The poster's layout in the active language; computed once, drawn in any format."""
    return build_layout(poster_content(network, today=today or timezone.localdate()), paper)


def render_poster(
    network: Network,
    *,
    fmt: PosterFormat,
    paper: Paper,
    today: date | None = None,
    dpi: int = DPI,
) -> Poster:
    layout = poster_layout(network, paper, today=today)
    lang = get_language() or "nl"
    if fmt is PosterFormat.PDF:
        created = (
            timezone.now()
            if today is None
            else datetime(today.year, today.month, today.day, tzinfo=UTC)
        )
        content = render_pdf(layout, lang=lang, created=created)
    elif fmt is PosterFormat.SVG:
        content = render_svg(layout, lang=lang)
    else:
        content = render_png(layout, dpi=dpi)
    filename = f"wie-doet-wat-{network.slug}-{paper.value}.{fmt.value}"
    return Poster(content=content, format=fmt, paper=paper, filename=filename)


__all__ = ["DPI", "Paper", "Poster", "PosterFormat", "poster_layout", "render_poster"]
