"""The poster's layout, computed once: boxes, text runs and a QR code in points on one page.

The SVG, PDF and PNG renderers only draw what this module places, so the three
formats look the same and one set of tests covers them all.

The page, top to bottom: the title and the network; a red band with whom to call
in the evening, at night and at weekends; the sections in two columns (see
flow.py); and a footer with the QR code of the live public map beside its address.
"""

from django.utils.translation import gettext as _

from vangnet.directory.poster.content import Audience, PosterContent
from vangnet.directory.poster.flow import flow_sections
from vangnet.directory.poster.model import (
    ALARM,
    BRAND,
    INK,
    LEADING,
    MM,
    MUTED,
    RULE,
    WHITE,
    Frame,
    Paper,
    PosterLayout,
    Rect,
    TextRun,
)
from vangnet.directory.poster.qr import QR_WIDTH_MM, QrCode, qr_matrix
from vangnet.directory.poster.text import ellipsize, safe_text, wrap


def _qr(layout: PosterLayout, content: PosterContent, paper: Paper, margin: float) -> QrCode:
    """The QR code of the live public map in the top right corner, in a white quiet zone."""
    matrix = qr_matrix(content.map_address)
    module = QR_WIDTH_MM * MM * paper.scale / len(matrix)
    side = module * len(matrix)
    # The page margin is wider than the quiet zone, so the zone may reach into it.
    qr = QrCode(
        x=layout.width - margin - side,
        y=margin,
        module=module,
        matrix=matrix,
        text=content.map_address,
    )
    zone = side + 2 * qr.quiet
    layout.add_rect(Rect(qr.x - qr.quiet, qr.y - qr.quiet, zone, zone, fill=WHITE))
    layout.qr = qr
    return qr


def _header(layout: PosterLayout, content: PosterContent, paper: Paper) -> float:
    """Title, network, who it is for, and the address beside the QR code; returns the y below."""
    s = paper.scale
    margin = 28 * s
    inner_w = layout.width - 2 * margin
    qr = _qr(layout, content, paper, margin)
    width = qr.x - qr.quiet - 6 * s - margin
    y = margin - 4 * s
    for text, size, bold, colour, space in (
        (content.title, 32 * s, True, BRAND, 0.0),
        (content.network_name, 18 * s, True, INK, 0.0),
        (content.intro, 14 * s, False, INK, 2 * s),
        (
            _("Always up to date online: scan the code with your phone, or go to"),
            13 * s,
            False,
            INK,
            6 * s,
        ),
        (content.map_address, 15 * s, True, BRAND, 0.0),
    ):
        if text:
            y = layout.add_lines(
                wrap([(text, bold)], size, width),
                x=margin,
                top=y + space,
                size=size,
                colour=colour,
                container=None,
            )
    y = max(y + 6 * s, qr.y + qr.width + qr.quiet + 2 * s)
    layout.add_rect(Rect(margin, y, inner_w, 2.5 * s, fill=BRAND))
    return y + 2.5 * s + 8 * s


def _banner(
    layout: PosterLayout, content: PosterContent, paper: Paper, top: float, size: float
) -> float:
    """The evening, night and weekend arrangement in a red band; returns the y below it."""
    s = paper.scale
    margin = 28 * s
    inner_w = layout.width - 2 * margin
    pad = 8 * s
    width = inner_w - 2 * pad
    label_size = size + 2 * s
    label = wrap([(_("Evenings, nights and weekends"), True)], label_size, width)
    lines = wrap([(content.night_and_weekend, False)], size, width)
    while len(lines) > 4 and size > paper.min_font_pt:
        size = max(size - 0.5 * s, paper.min_font_pt)
        lines = wrap([(content.night_and_weekend, False)], size, width)
    if len(lines) > 4:
        last = " ".join(span.text for span in lines[3])
        cut = ellipsize(last + " \u2026", size, width)
        lines = [*lines[:3], *wrap([(cut, False)], size, width)[:1]]
    emergency = wrap([(_("In an emergency, always call 112."), True)], size, width)
    height = (
        2 * pad
        + len(label) * label_size * LEADING
        + (len(lines) + len(emergency)) * size * LEADING
        + 2 * s
    )
    band = layout.add_rect(Rect(margin, top, inner_w, height, fill=ALARM, radius=5 * s))
    y = layout.add_lines(
        label, x=margin + pad, top=top + pad, size=label_size, colour=WHITE, container=band
    )
    y = layout.add_lines(
        lines, x=margin + pad, top=y + 2 * s, size=size, colour=WHITE, container=band
    )
    layout.add_lines(emergency, x=margin + pad, top=y, size=size, colour=WHITE, container=band)
    return top + height + 10 * s


def _footer(layout: PosterLayout, content: PosterContent, paper: Paper) -> float:
    """The date and the coordinator at the foot of the page; returns the footer's top."""
    s = paper.scale
    margin = 28 * s
    inner_w = layout.width - 2 * margin
    size = max(12 * s, paper.min_font_pt)
    notes = [_("Made with Vangnet on %(date)s.") % {"date": content.date_label}]
    if content.coordinator:
        if content.audience is Audience.PROFESSIONAL:
            notes.append(_("Coordinator: %(name)s.") % {"name": content.coordinator})
        else:
            notes.append(
                _("Questions about this poster: %(name)s.") % {"name": content.coordinator}
            )
    lines = wrap([(" ".join(notes), False)], size, inner_w)
    top = layout.height - margin - len(lines) * size * LEADING
    layout.add_lines(lines, x=margin, top=top, size=size, colour=MUTED, container=None)
    layout.add_rect(Rect(margin, top - 5 * s, inner_w, 0.75 * s, fill=RULE))
    return top - 5 * s


def _describe(content: PosterContent) -> str:
    """A plain-text summary of the poster, for screen readers and search."""
    parts = [
        f"{content.title} \u2013 {content.network_name}.",
        content.intro,
        _("Evenings, nights and weekends: %(arrangement)s")
        % {"arrangement": content.night_and_weekend},
    ]
    for section in content.sections:
        title = f"{section.title} ({section.plain})" if section.plain else section.title
        who = "; ".join(
            f"{entry.name} ({entry.phone})" if entry.phone else entry.name
            for entry in section.entries
        )
        parts.append(f"{title}: {who or _('nobody yet')}.")
    parts.append(_("Current details: %(address)s") % {"address": content.map_address})
    return safe_text(" ".join(part for part in parts if part))


def build_layout(content: PosterContent, paper: Paper) -> PosterLayout:
    """Place everything on one page of the given paper size."""
    width_mm, height_mm = paper.size_mm
    layout = PosterLayout(
        paper=paper,
        width=width_mm * MM,
        height=height_mm * MM,
        title=f"{content.title} \u2013 {content.network_name}",
        description=_describe(content),
    )
    s = paper.scale
    margin = 28 * s
    # The band is never smaller than the text below it: nights and weekends come first.
    banner_size = 13 * s
    for _attempt in range(2):
        layout.rects, layout.texts = [], []
        top = _banner(layout, content, paper, _header(layout, content, paper), banner_size)
        bottom = _footer(layout, content, paper) - 10 * s
        frame = Frame(margin=margin, inner_w=layout.width - 2 * margin, top=top, bottom=bottom)
        flow_sections(layout, content, frame)
        if layout.body_size <= banner_size:
            break
        banner_size = layout.body_size
    return layout


__all__ = ["Paper", "PosterLayout", "Rect", "TextRun", "build_layout"]
