"""The poster's layout, computed once: boxes and text runs in points on one page.

The SVG, PDF and PNG renderers only draw what this module places, so the three
formats look the same and one set of tests covers them all. Coordinates have
their origin at the top left, y growing downwards; a text run's y is its baseline.
"""

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.directory.poster.content import PosterContent, PosterEntry, PosterStep
from vangnet.directory.poster.text import Line, ellipsize, line_width, safe_text, wrap

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
        """The smallest text on the poster, in points: still legible at reading distance."""
        return 8.0 if self is Paper.A4 else 11.0


INK = "#1a1a1a"
MUTED = "#4a4a4a"
WHITE = "#ffffff"
BRAND = "#0b4f6c"
ALARM = "#8f1d18"
GAP = "#b3261e"
GAP_FILL = "#fdecea"
RULE = "#8a8f94"
# One dark colour per step; white text on each passes WCAG AA (at least 4.5 : 1).
STEP_COLOURS = ("#0b4f6c", "#5b3a8c", "#1d6b2f", "#7a4308", "#9c1c55", "#2f4b7c")


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


# Helvetica's ascender and descender as fractions of the font size.
ASCENT = 0.77
DESCENT = 0.23
LEADING = 1.22


@dataclass
class PosterLayout:
    paper: Paper
    width: float
    height: float
    title: str
    description: str
    body_size: float
    rects: list[Rect] = field(default_factory=list)
    texts: list[TextRun] = field(default_factory=list)
    truncated_steps: list[int] = field(default_factory=list)

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
class _Block:
    """An entry or note inside a step box, laid out relative to its own top."""

    lines: list[tuple[Line, float, str]]  # line, font size, colour
    height: float
    # A thin rule above the block sets one partner apart from the one before.
    ruled: bool = True


def _entry_block(entry: PosterEntry, size: float, width: float) -> _Block:
    """One partner: its name, its role, then how to reach it, in flowing lines that pack tightly."""
    lines: list[tuple[Line, float, str]] = []
    role = " \u00b7 ".join(part for part in (entry.role, entry.responsibility) if part)
    heading = [(entry.organisation, True), *([("\u00b7 " + role, False)] if role else [])]
    lines += [(line, size, INK) for line in wrap(heading, size, width)]
    details = [
        (_("When:"), entry.when),
        (_("Phone:"), entry.phone),
        (_("Office hours:"), entry.office_hours),
        (_("Evenings:"), entry.evenings),
    ]
    segments: list[tuple[str, bool]] = []
    for label, value in details:
        if value:
            if segments:
                segments[-1] = (segments[-1][0] + " \u00b7", False)
            segments += [(label, True), (value, False)]
    if segments:
        lines += [(line, size, INK) for line in wrap(segments, size, width)]
    nights = entry.nights_weekends or _("see the arrangement at the top of this poster")
    night_lines = wrap([(_("Nights and weekends:"), True), (nights, False)], size, width)
    lines += [(line, size, INK) for line in night_lines]
    return _Block(lines, sum(s * LEADING for _line, s, _c in lines))


def _note_block(text: str, size: float, width: float, colour: str, bold: bool = False) -> _Block:
    lines = [(line, size, colour) for line in wrap([(text, bold)], size, width)]
    return _Block(lines, sum(s * LEADING for _line, s, _c in lines))


@dataclass(frozen=True)
class _StepPlan:
    step: PosterStep
    header: list[Line]
    header_height: float
    blocks: list[_Block]
    gap: float

    @property
    def body_height(self) -> float:
        if not self.blocks:
            return 0.0
        return sum(b.height for b in self.blocks) + self.gap * (len(self.blocks) - 1)


class _Grid:
    """Sizes shared by every step box at one scale."""

    def __init__(self, paper: Paper, width: float) -> None:
        s = paper.scale
        self.s = s
        self.pad = 7 * s
        self.gutter = 10 * s
        self.badge = 18 * s
        self.title_size = 12 * s
        self.column = (width - self.gutter) / 2
        self.inner = self.column - 2 * self.pad
        self.title_width = self.inner - self.badge - 6 * s


def _plan_step(step: PosterStep, grid: _Grid, size: float) -> _StepPlan:
    header = wrap([(f"{step.title}", True)], grid.title_size, grid.title_width)
    header_height = max(grid.badge, len(header) * grid.title_size * LEADING) + grid.pad
    if step.uncovered:
        blocks = [
            _note_block(_("Nobody yet"), size + 3, grid.inner, GAP, bold=True),
            replace(
                _note_block(
                    _(
                        "No partner does this step yet. "
                        "Do you know who could? Tell the coordinator."
                    ),
                    size,
                    grid.inner,
                    INK,
                ),
                ruled=False,
            ),
        ]
    else:
        blocks = [_entry_block(entry, size, grid.inner) for entry in step.entries]
    return _StepPlan(step, header, header_height, blocks, gap=size * 0.7)


def _need(plan: _StepPlan, grid: _Grid) -> float:
    return plan.header_height + grid.pad * 2 + plan.body_height


def _sizes(paper: Paper) -> list[float]:
    """Body sizes to try, largest first, in quarter points down to the minimum."""
    base = 10.0 * paper.scale
    minimum = paper.min_font_pt
    count = int((base - minimum) / 0.25)
    return [round(base - 0.25 * i, 2) for i in range(count + 1)] + [minimum]


def _water_fill(needs: list[float], available: float) -> list[float]:
    """Give each row what it needs if it can; rows that need more share what is left."""
    heights = [0.0] * len(needs)
    order = sorted(range(len(needs)), key=lambda i: needs[i])
    left = available
    for position, index in enumerate(order):
        share = left / (len(needs) - position)
        heights[index] = min(needs[index], share)
        left -= heights[index]
    return heights


def _more_note(count: int, size: float, grid: _Grid) -> _Block:
    text = ngettext(
        "And %(count)d other partner: see the social map online.",
        "And %(count)d other partners: see the social map online.",
        count,
    ) % {"count": count}
    return _note_block(text, size, grid.inner, MUTED)


def _fit_blocks(plan: _StepPlan, room: float, size: float, grid: _Grid) -> list[_Block]:
    """As many entries as fit in room, then a note saying how many more there are."""
    if plan.body_height <= room:
        return plan.blocks
    total = len(plan.blocks)
    kept: list[_Block] = []
    used = 0.0
    for block in plan.blocks:
        after = total - len(kept) - 1
        cost = block.height + (plan.gap if kept else 0.0)
        note_cost = plan.gap + _more_note(after, size, grid).height if after else 0.0
        if used + cost + note_cost > room:
            break
        kept.append(block)
        used += cost
    if kept:
        return [*kept, _more_note(total - len(kept), size, grid)]
    # Not even one entry fits whole: keep the lines that do, and say so.
    note = _note_block(
        ngettext(
            "Shortened. %(count)d partner in all: see the social map online.",
            "Shortened. %(count)d partners in all: see the social map online.",
            total,
        )
        % {"count": total},
        size,
        grid.inner,
        MUTED,
    )
    lines: list[tuple[Line, float, str]] = []
    height = 0.0
    for line, line_size, colour in plan.blocks[0].lines:
        if height + line_size * LEADING + plan.gap + note.height > room:
            break
        lines.append((line, line_size, colour))
        height += line_size * LEADING
    return [_Block(lines, height), note] if lines else [note]


def _body(plan: _StepPlan, kept: int, size: float, grid: _Grid) -> list[_Block]:
    """The first kept entries of a step, and a note for the rest if any are left out."""
    if plan.step.uncovered or kept >= len(plan.blocks):
        return plan.blocks
    return [*plan.blocks[:kept], _more_note(len(plan.blocks) - kept, size, grid)]


def _height(blocks: list[_Block], gap: float) -> float:
    return sum(b.height for b in blocks) + gap * max(0, len(blocks) - 1)


def _allocate(
    plans: list[_StepPlan], room: float, size: float, grid: _Grid
) -> list[list[_Block]] | None:
    """Share a column's room one entry at a time, step by step, so every step shows what it can.

    None when not even the headers and notes fit; the caller then cuts lines instead.
    """
    fixed = [plan.header_height + 2 * grid.pad for plan in plans]
    kept = [0] * len(plans)
    bodies = [_body(plan, 0, size, grid) for plan in plans]
    used = sum(fixed) + sum(_height(b, p.gap) for b, p in zip(bodies, plans, strict=True))
    if used > room:
        return None
    grew = True
    while grew:
        grew = False
        for i, plan in enumerate(plans):
            if plan.step.uncovered or kept[i] >= len(plan.blocks):
                continue
            bigger = _body(plan, kept[i] + 1, size, grid)
            extra = _height(bigger, plan.gap) - _height(bodies[i], plan.gap)
            if used + extra <= room:
                kept[i] += 1
                bodies[i] = bigger
                used += extra
                grew = True
    return bodies


def _dropped(bodies: list[list[_Block]] | None, plans: list[_StepPlan]) -> int:
    if bodies is None:
        return sum(len(plan.blocks) for plan in plans)
    return sum(
        0 if body is plan.blocks else len(plan.blocks) - (len(body) - 1)
        for body, plan in zip(bodies, plans, strict=True)
    )


def build_layout(content: PosterContent, paper: Paper) -> PosterLayout:
    """Place everything on one page of the given paper size."""
    s = paper.scale
    width_mm, height_mm = paper.size_mm
    page_w, page_h = width_mm * MM, height_mm * MM
    margin = 28 * s
    inner_w = page_w - 2 * margin
    title = _("Who does what")
    layout = PosterLayout(
        paper=paper,
        width=page_w,
        height=page_h,
        title=f"{title} \u2013 {content.network_name}",
        description=_describe(content),
        body_size=0.0,
    )

    # Header: title with the date on the right, the network, the areas.
    y = margin
    date_text = _("Updated %(date)s") % {"date": content.date_label}
    date_lines = wrap([(date_text, False)], 10 * s, inner_w * 0.35)
    title_lines = wrap([(title, True)], 28 * s, inner_w * 0.62)
    below_title = layout.add_lines(
        title_lines, x=margin, top=y, size=28 * s, colour=BRAND, container=None
    )
    layout.add_lines(
        date_lines,
        x=margin,
        top=y + 8 * s,
        size=10 * s,
        colour=MUTED,
        container=None,
        align_right=page_w - margin,
    )
    y = below_title
    y = layout.add_lines(
        wrap([(content.network_name, True)], 16 * s, inner_w),
        x=margin,
        top=y,
        size=16 * s,
        colour=INK,
        container=None,
    )
    if content.areas:
        intro = _("Who to call with a worry about an older person in %(areas)s.") % {
            "areas": content.areas
        }
        y = layout.add_lines(
            wrap([(intro, False)], 10.5 * s, inner_w),
            x=margin,
            top=y + 2 * s,
            size=10.5 * s,
            colour=INK,
            container=None,
        )
    y += 6 * s
    layout.add_rect(Rect(margin, y, inner_w, 2.5 * s, fill=BRAND))
    y += 2.5 * s + 8 * s

    # The night-and-weekend arrangement, prominent, right under the header.
    pad = 10 * s
    label_lines = wrap([(_("Evenings, nights and weekends"), True)], 14 * s, inner_w - 2 * pad)
    night_size = 13 * s
    night_lines = wrap([(content.night_and_weekend, False)], night_size, inner_w - 2 * pad)
    while len(night_lines) > 4 and night_size > paper.min_font_pt:
        night_size = max(night_size - 0.5 * s, paper.min_font_pt)
        night_lines = wrap([(content.night_and_weekend, False)], night_size, inner_w - 2 * pad)
    if len(night_lines) > 4:
        last = " ".join(span.text for span in night_lines[3])
        cut = ellipsize(last + " \u2026", night_size, inner_w - 2 * pad)
        night_lines = [*night_lines[:3], *wrap([(cut, False)], night_size, inner_w - 2 * pad)[:1]]
    banner_h = (
        2 * pad
        + len(label_lines) * 14 * s * LEADING
        + len(night_lines) * night_size * LEADING
        + 2 * s
    )
    banner = layout.add_rect(Rect(margin, y, inner_w, banner_h, fill=ALARM, radius=5 * s))
    inner_y = layout.add_lines(
        label_lines, x=margin + pad, top=y + pad, size=14 * s, colour=WHITE, container=banner
    )
    layout.add_lines(
        night_lines,
        x=margin + pad,
        top=inner_y + 2 * s,
        size=night_size,
        colour=WHITE,
        container=banner,
    )
    y += banner_h + 10 * s

    # Footer first, so the grid knows how much room it has.
    footer_parts = [
        _("Made with Vangnet on %(date)s.") % {"date": content.date_label},
        _("Current details: %(address)s") % {"address": content.web_address},
    ]
    if content.coordinator:
        footer_parts.append(_("Coordinator: %(name)s.") % {"name": content.coordinator})
    footer_size = max(8.5 * s, paper.min_font_pt)
    footer_lines = wrap([(" ".join(footer_parts), False)], footer_size, inner_w)
    footer_h = len(footer_lines) * footer_size * LEADING
    footer_top = page_h - margin - footer_h
    layout.add_rect(Rect(margin, footer_top - 6 * s, inner_w, 0.75 * s, fill=RULE))

    grid = _Grid(paper, inner_w)
    available = footer_top - 10 * s - y

    # Two columns read top to bottom, left then right; the break falls where they balance best.
    def column_need(plans: list[_StepPlan]) -> float:
        return sum(_need(plan, grid) for plan in plans) + grid.gutter * (len(plans) - 1)

    def room(plans: list[_StepPlan]) -> float:
        return available - grid.gutter * (len(plans) - 1)

    def dropped(cols: list[list[_StepPlan]], size: float) -> int:
        return sum(_dropped(_allocate(col, room(col), size, grid), col) for col in cols)

    chosen: list[list[_StepPlan]] = []
    for size in _sizes(paper):
        plans = [_plan_step(step, grid, size) for step in content.steps]
        splits = [[plans[:k], plans[k:]] for k in range(1, len(plans))]
        chosen = min(splits, key=lambda cols: max(column_need(col) for col in cols))
        layout.body_size = size
        if max(column_need(col) for col in chosen) <= available:
            break
    else:
        # Too much for one page even at the smallest size: split where the fewest entries drop out.
        chosen = min(splits, key=lambda cols: dropped(cols, layout.body_size))

    for index, plans in enumerate(chosen):
        left = margin + index * (grid.column + grid.gutter)
        bodies = _allocate(plans, room(plans), layout.body_size, grid)
        if bodies is None:
            needs = [_need(plan, grid) for plan in plans]
            heights = _water_fill(needs, room(plans))
            bodies = [
                _fit_blocks(plan, h - plan.header_height - 2 * grid.pad, layout.body_size, grid)
                for plan, h in zip(plans, heights, strict=True)
            ]
        needs = [
            plan.header_height + 2 * grid.pad + _height(body, plan.gap)
            for plan, body in zip(plans, bodies, strict=True)
        ]
        # Share what is left, so both columns end at the same line above the footer.
        spare = max(0.0, room(plans) - sum(needs)) / len(needs)
        top = y
        for plan, body, need in zip(plans, bodies, needs, strict=True):
            _draw_step(layout, plan, body, grid, left, top, need + spare)
            top += need + spare + grid.gutter

    layout.add_lines(
        footer_lines, x=margin, top=footer_top, size=footer_size, colour=MUTED, container=None
    )
    return layout


def _draw_step(
    layout: PosterLayout,
    plan: _StepPlan,
    blocks: list[_Block],
    grid: _Grid,
    left: float,
    top: float,
    height: float,
) -> None:
    s = grid.s
    colour = STEP_COLOURS[(plan.step.number - 1) % len(STEP_COLOURS)]
    uncovered = plan.step.uncovered
    box = layout.add_rect(
        Rect(
            left,
            top,
            grid.column,
            height,
            fill=GAP_FILL if uncovered else WHITE,
            stroke=GAP if uncovered else colour,
            stroke_width=2 * s if uncovered else 1.2 * s,
            radius=5 * s,
            dashed=uncovered,
        )
    )
    header_h = plan.header_height
    layout.add_rect(Rect(left, top, grid.column, header_h, fill=colour, radius=5 * s))
    # Square off the strip's lower corners where it meets the body.
    layout.add_rect(Rect(left, top + header_h - 6 * s, grid.column, 6 * s, fill=colour))
    badge_top = top + (header_h - grid.badge) / 2
    badge = layout.add_rect(
        Rect(
            left + grid.pad,
            badge_top,
            grid.badge,
            grid.badge,
            fill=WHITE,
            radius=grid.badge / 2,
        )
    )
    number = str(plan.step.number)
    number_size = 12 * s
    number_lines = wrap([(number, True)], number_size, grid.badge)
    layout.add_lines(
        number_lines,
        x=left + grid.pad + (grid.badge - line_width(number_lines[0])) / 2,
        top=badge_top + (grid.badge - number_size * LEADING) / 2,
        size=number_size,
        colour=colour,
        container=badge,
    )
    title_h = len(plan.header) * grid.title_size * LEADING
    layout.add_lines(
        plan.header,
        x=left + grid.pad + grid.badge + 6 * s,
        top=top + (header_h - title_h) / 2,
        size=grid.title_size,
        colour=WHITE,
        container=box,
    )
    if blocks is not plan.blocks:
        layout.truncated_steps.append(plan.step.number)
    y = top + header_h + grid.pad
    for index, block in enumerate(blocks):
        if index and block.ruled:
            layout.add_rect(
                Rect(left + grid.pad, y + plan.gap / 2 - 0.25 * s, grid.inner, 0.5 * s, fill=RULE)
            )
        if index:
            y += plan.gap
        for line, size, colour_of_line in block.lines:
            y = layout.add_lines(
                [line], x=left + grid.pad, top=y, size=size, colour=colour_of_line, container=box
            )


def _describe(content: PosterContent) -> str:
    """A plain-text summary of the poster, for screen readers and search."""
    parts = [
        _(
            "Poster of %(network)s: who does what at each step "
            "of the care pathway for frail older people."
        )
        % {"network": content.network_name},
        _("Evenings, nights and weekends: %(arrangement)s")
        % {"arrangement": content.night_and_weekend},
    ]
    for step in content.steps:
        if step.uncovered:
            who = _("nobody yet")
        else:
            who = "; ".join(
                f"{entry.organisation} ({entry.phone})" if entry.phone else entry.organisation
                for entry in step.entries
            )
        parts.append(
            _("Step %(number)d, %(title)s: %(who)s.")
            % {"number": step.number, "title": step.title, "who": who}
        )
    return safe_text(" ".join(parts))


__all__ = ["Paper", "PosterLayout", "Rect", "TextRun", "build_layout", "ellipsize"]
