"""A network's poster for the waiting room or the web, as PDF, SVG or PNG, for two audiences.

- Professionals (``Audience.PROFESSIONAL``): who does what at each of the six steps.
- Older people and carers (``Audience.PUBLIC``): whom to call for what.

Both carry a QR code to the network's live public map, with its address printed
beside it; making one raises SiteAddressMissing when the site's public address is
not set in production.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import get_language

from vangnet.directory.models import Network
from vangnet.directory.poster.address import SiteAddressMissing
from vangnet.directory.poster.content import Audience, poster_content
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
    audience: Audience
    filename: str


def poster_layout(
    network: Network,
    paper: Paper,
    *,
    audience: Audience = Audience.PROFESSIONAL,
    today: date | None = None,
) -> PosterLayout:
    """The poster's layout in the active language; computed once, drawn in any format."""
    content = poster_content(network, today=today or timezone.localdate(), audience=audience)
    return build_layout(content, paper)


def render_poster(
    network: Network,
    *,
    fmt: PosterFormat,
    paper: Paper,
    audience: Audience = Audience.PROFESSIONAL,
    today: date | None = None,
    dpi: int = DPI,
) -> Poster:
    layout = poster_layout(network, paper, audience=audience, today=today)
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
    filename = f"{audience.file_stem}-{network.slug}-{paper.value}.{fmt.value}"
    return Poster(content=content, format=fmt, paper=paper, audience=audience, filename=filename)


__all__ = [
    "DPI",
    "Audience",
    "Paper",
    "Poster",
    "PosterFormat",
    "SiteAddressMissing",
    "poster_layout",
    "render_poster",
]
