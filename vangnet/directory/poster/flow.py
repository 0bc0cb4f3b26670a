"""The poster's sections in two columns that use the whole sheet.

Each section is a coloured strip (a step's number, its term and the plain words
beside it; or a question) over the partners to call, one block each. Blocks flow
top to bottom, left column first; a section may go on at the top of the right
column under a "(continued)" strip, wherever that makes the two columns most
even. The text gets as large as fits: first with every detail of every partner,
then with fewer details (partners who help get one line), always at least the
paper's smallest size. Only when even that does not fit does a section show
fewer partners, ending with "and N other partners: see the social map online".
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.directory.models import Responsibility
from vangnet.directory.poster.content import (
    Audience,
    PosterContent,
    PosterEntry,
    PosterSection,
)
from vangnet.directory.poster.model import (
    GAP,
    GAP_FILL,
    INK,
    LEADING,
    MUTED,
    RULE,
    SECTION_COLOURS,
    WHITE,
    Frame,
    PosterLayout,
    Rect,
)
from vangnet.directory.poster.text import Line, line_width, wrap

# Detail levels: 0 tells everything; 1 leaves out when and evenings, and partners who
# help get one paragraph; 2 keeps only the name, the role and the phone number.
DETAILS = (0, 1, 2)
# The largest body text tried, in points on A4; A3 scales it.
LARGEST = {Audience.PROFESSIONAL: 16.0, Audience.PUBLIC: 22.0}
STEP = 0.25


@dataclass(frozen=True)
class Block:
    """A partner or a note inside a section, laid out relative to its own top."""

    lines: list[tuple[Line, float, str]]  # line, font size, colour
    height: float
    # A thin rule above the block sets one partner apart from the one before.
    ruled: bool = True


def _block(lines: list[tuple[Line, float, str]], ruled: bool = True) -> Block:
    return Block(lines, sum(size * LEADING for _line, size, _colour in lines), ruled)


def _para(
    segments: list[tuple[str, bool]], size: float, width: float, colour: str = INK
) -> list[tuple[Line, float, str]]:
    return [(line, size, colour) for line in wrap(segments, size, width)]


def _fields(pairs: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """Label and value pairs in one flowing paragraph, set apart by dots; empty values left out."""
    segments: list[tuple[str, bool]] = []
    for label, value in pairs:
        if value:
            if segments:
                segments[-1] = (segments[-1][0] + " \u00b7", False)
            segments += [(label, True), (value, False)]
    return segments


def _professional_block(entry: PosterEntry, size: float, width: float, detail: int) -> Block:
    if not entry.leads and detail > 0:
        # A partner who helps, in one paragraph: who, in which role, on which number.
        who = ", ".join(part for part in (entry.name, entry.role, entry.phone) if part)
        return _block(_para([(_("Helps:"), True), (who, False)], size, width))
    if detail == 2:
        # Who does the step, in one paragraph: who, in which role, on which number.
        rest = " \u00b7 ".join(part for part in (entry.role, entry.phone) if part)
        segments = [(entry.name, True), *([("\u00b7 " + rest, False)] if rest else [])]
        return _block(_para(segments, size, width))
    responsibility = Responsibility.LEAD if entry.leads else Responsibility.CONTRIBUTES
    role = " \u00b7 ".join(part for part in (entry.role, str(responsibility.label)) if part)
    lines = _para([(entry.name, True), ("\u00b7 " + role, False)], size, width)
    if detail == 0:
        lines += _para(_fields([(_("When:"), entry.when)]), size, width)
        pairs = [
            (_("Phone:"), entry.phone),
            (_("Office hours:"), entry.office_hours),
            (_("Evenings:"), entry.evenings),
        ]
    else:
        pairs = [(_("Phone:"), entry.phone), (_("Office hours:"), entry.office_hours)]
    lines += _para(_fields(pairs), size, width)
    nights = entry.nights_weekends or _("see the arrangement at the top of this poster")
    lines += _para([(_("Nights and weekends:"), True), (nights, False)], size, width)
    return _block(lines)


def _public_block(entry: PosterEntry, size: float, width: float, detail: int) -> Block:
    lines = _para([(entry.name, True)], size, width)
    if entry.phone:
        lines += _para([(_("Phone:"), False), (entry.phone, True)], size, width)
    if entry.office_hours and detail < 2:
        lines += _para([(entry.office_hours, False)], size, width)
    if entry.web_address:
        lines += _para([(entry.web_label, False), (entry.web_address, True)], size, width)
    return _block(lines)


def _more_note(count: int, size: float, width: float) -> Block:
    text = ngettext(
        "And %(count)d other partner: see the social map online.",
        "And %(count)d other partners: see the social map online.",
        count,
    ) % {"count": count}
    return _block(_para([(text, False)], size, width, MUTED))


@dataclass(frozen=True)
class Grid:
    """Sizes shared by every section at one scale."""

    s: float
    pad: float
    gutter: float
    column: float
    inner: float


@dataclass(frozen=True)
class Strip:
    """A section's coloured header at one size."""

    badge: float
    title: list[Line]
    title_size: float
    plain: list[Line]
    plain_size: float
    height: float


def _strip(section: PosterSection, title: str, plain: str, size: float, grid: Grid) -> Strip:
    title_size = round(size * 1.2, 2)
    badge = title_size * 1.5 if section.number is not None else 0.0
    width = grid.inner - (badge + 6 * grid.s if badge else 0.0)
    title_lines = wrap([(title, True)], title_size, width)
    plain_lines = wrap([(plain, False)], size, width) if plain else []
    text_h = len(title_lines) * title_size * LEADING + len(plain_lines) * size * LEADING
    height = max(badge, text_h) + 1.5 * grid.pad
    return Strip(badge, title_lines, title_size, plain_lines, size, height)


@dataclass(frozen=True)
class Plan:
    """One section at one size and level of detail."""

    index: int
    section: PosterSection
    strip: Strip
    continued: Strip
    blocks: list[Block]
    gap: float
    dropped: int

    @property
    def colour(self) -> str:
        number = self.section.number or self.index + 1
        return SECTION_COLOURS[(number - 1) % len(SECTION_COLOURS)]


def _plan(
    index: int,
    section: PosterSection,
    audience: Audience,
    size: float,
    detail: int,
    grid: Grid,
    shown: int | None = None,
) -> Plan:
    strip = _strip(section, section.title, section.plain, size, grid)
    continued = _strip(
        section, _("%(title)s (continued)") % {"title": section.title}, "", size, grid
    )
    entries = section.entries if shown is None else section.entries[:shown]
    dropped = len(section.entries) - len(entries)
    if section.uncovered:
        blocks = [
            _block(_para([(_("Nobody yet"), True)], size + 3, grid.inner, GAP)),
            _block(
                _para(
                    [
                        (
                            _(
                                "No partner does this step yet. "
                                "Do you know who could? Tell the coordinator."
                            ),
                            False,
                        )
                    ],
                    size,
                    grid.inner,
                ),
                ruled=False,
            ),
        ]
    else:
        draw = _professional_block if audience is Audience.PROFESSIONAL else _public_block
        blocks = [draw(entry, size, grid.inner, detail) for entry in entries]
        if dropped:
            blocks.append(_more_note(dropped, size, grid.inner))
    return Plan(index, section, strip, continued, blocks, size * 0.6, dropped)


@dataclass(frozen=True)
class Fragment:
    """The part of a section in one column: blocks start to end, under its strip."""

    plan: Plan
    start: int
    end: int

    @property
    def strip(self) -> Strip:
        return self.plan.continued if self.start else self.plan.strip

    def height(self, grid: Grid) -> float:
        blocks = self.plan.blocks[self.start : self.end]
        body = sum(b.height for b in blocks) + self.plan.gap * max(0, len(blocks) - 1)
        return self.strip.height + 2 * grid.pad + body


def _column_height(fragments: list[Fragment], grid: Grid) -> float:
    if not fragments:
        return 0.0
    return sum(f.height(grid) for f in fragments) + grid.gutter * (len(fragments) - 1)


def _split(plans: list[Plan], grid: Grid) -> tuple[list[Fragment], list[Fragment]]:
    """The break between the columns that makes the taller one as short as it can be."""
    whole = [Fragment(p, 0, len(p.blocks)) for p in plans]
    options: list[tuple[list[Fragment], list[Fragment]]] = [(whole, [])]
    for i, plan in enumerate(plans):
        for j in range(len(plan.blocks)):
            if i == 0 and j == 0:
                continue
            left = whole[:i] + ([Fragment(plan, 0, j)] if j else [])
            right = [Fragment(plan, j, len(plan.blocks)), *whole[i + 1 :]]
            options.append((left, right))

    def cost(option: tuple[list[Fragment], list[Fragment]]) -> tuple[float, bool]:
        left, right = option
        taller = max(_column_height(left, grid), _column_height(right, grid))
        # Between two equal breaks, the one that keeps a section whole.
        return (round(taller, 1), bool(right and right[0].start))

    return min(options, key=cost)


def _fits(plans: list[Plan], grid: Grid, room: float) -> bool:
    left, right = _split(plans, grid)
    return max(_column_height(left, grid), _column_height(right, grid)) <= room


def _sizes(largest: float, smallest: float) -> list[float]:
    """Body sizes to try, largest first, in quarter points down to the smallest."""
    count = int((largest - smallest) / STEP)
    return [round(largest - STEP * i, 2) for i in range(count + 1)] + [smallest]


def _choose(
    content: PosterContent, grid: Grid, room: float, smallest: float
) -> tuple[float, int, list[Plan]]:
    """The most detail at the largest size that fits; else the least at the smallest, cut."""
    sizes = _sizes(LARGEST[content.audience] * grid.s, smallest)

    def plans(size: float, detail: int) -> list[Plan]:
        return [
            _plan(i, section, content.audience, size, detail, grid)
            for i, section in enumerate(content.sections)
        ]

    for detail in DETAILS:
        if not _fits(plans(sizes[-1], detail), grid, room):
            continue
        # Larger text never takes less room, so the largest size that fits is found by halving.
        low, high = 0, len(sizes) - 1
        while low < high:
            middle = (low + high) // 2
            if _fits(plans(sizes[middle], detail), grid, room):
                high = middle
            else:
                low = middle + 1
        return sizes[low], detail, plans(sizes[low], detail)
    detail = DETAILS[-1]
    chosen = plans(smallest, detail)
    # Too much even so: take partners off the longest sections, helpers (listed last) first.
    while not _fits(chosen, grid, room):
        longest = max(chosen, key=lambda p: (len(p.section.entries) - p.dropped, p.index))
        shown = len(longest.section.entries) - longest.dropped
        if shown == 0:
            break
        chosen[longest.index] = _plan(
            longest.index, longest.section, content.audience, smallest, detail, grid, shown - 1
        )
    return smallest, detail, chosen


def flow_sections(layout: PosterLayout, content: PosterContent, frame: Frame) -> None:
    """Place the sections in two columns between frame.top and frame.bottom."""
    s = layout.paper.scale
    gutter = 10 * s
    column = (frame.inner_w - gutter) / 2
    pad = 7 * s
    grid = Grid(s=s, pad=pad, gutter=gutter, column=column, inner=column - 2 * pad)
    room = frame.bottom - frame.top
    if not content.sections:
        return
    size, detail, plans = _choose(content, grid, room, layout.paper.min_font_pt)
    layout.body_size = size
    layout.detail = detail
    layout.truncated = [p.section.title for p in plans if p.dropped]
    for index, fragments in enumerate(_split(plans, grid)):
        if not fragments:
            continue
        left = frame.margin + index * (column + gutter)
        # What is left over goes to the boxes, so both columns end at the footer.
        spare = max(0.0, room - _column_height(fragments, grid)) / len(fragments)
        top = frame.top
        for fragment in fragments:
            height = min(fragment.height(grid) + spare, frame.bottom - top)
            _draw(layout, fragment, grid, left, top, height)
            top += height + gutter


def _draw(
    layout: PosterLayout, fragment: Fragment, grid: Grid, left: float, top: float, height: float
) -> None:
    s = grid.s
    plan = fragment.plan
    strip = fragment.strip
    colour = plan.colour
    uncovered = plan.section.uncovered
    box = layout.add_rect(
        Rect(
            left,
            top,
            grid.column,
            height,
            fill=GAP_FILL if uncovered else WHITE,
            stroke=GAP if uncovered else colour,
            stroke_width=2 * s if uncovered else 1.5 * s,
            radius=5 * s,
            dashed=uncovered,
        )
    )
    layout.add_rect(Rect(left, top, grid.column, strip.height, fill=colour, radius=5 * s))
    # Square off the strip's lower corners where it meets the body.
    layout.add_rect(Rect(left, top + strip.height - 6 * s, grid.column, 6 * s, fill=colour))
    text_x = left + grid.pad
    if strip.badge:
        badge_top = top + (strip.height - strip.badge) / 2
        badge = layout.add_rect(
            Rect(text_x, badge_top, strip.badge, strip.badge, fill=WHITE, radius=strip.badge / 2)
        )
        number = wrap([(str(plan.section.number), True)], strip.title_size, strip.badge)
        layout.add_lines(
            number,
            x=text_x + (strip.badge - line_width(number[0])) / 2,
            top=badge_top + (strip.badge - strip.title_size * LEADING) / 2,
            size=strip.title_size,
            colour=colour,
            container=badge,
        )
        text_x += strip.badge + 6 * s
    text_h = (
        len(strip.title) * strip.title_size * LEADING
        + len(strip.plain) * strip.plain_size * LEADING
    )
    y = top + (strip.height - text_h) / 2
    y = layout.add_lines(
        strip.title, x=text_x, top=y, size=strip.title_size, colour=WHITE, container=box
    )
    layout.add_lines(
        strip.plain, x=text_x, top=y, size=strip.plain_size, colour=WHITE, container=box
    )
    y = top + strip.height + grid.pad
    bottom = top + height - grid.pad
    for index, block in enumerate(plan.blocks[fragment.start : fragment.end]):
        if index:
            if y + plan.gap + block.height > bottom + 0.01:
                break
            if block.ruled:
                layout.add_rect(
                    Rect(
                        left + grid.pad,
                        y + plan.gap / 2 - 0.25 * s,
                        grid.inner,
                        0.5 * s,
                        fill=RULE,
                    )
                )
            y += plan.gap
        elif y + block.height > bottom + 0.01:
            break
        for line, size, line_colour in block.lines:
            y = layout.add_lines(
                [line], x=left + grid.pad, top=y, size=size, colour=line_colour, container=box
            )


__all__ = ["flow_sections"]
