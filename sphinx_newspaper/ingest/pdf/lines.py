"""Characters to lines: horizontal lines, vertical lines, and the page's own measures.

A line is a run of characters on one baseline (or, for vertical type, stacked on one axis).
Runs are first taken in the order the page draws its characters (producers draw a line at a
time), then runs on one baseline are joined by where they stand: pieces that touch (digits drawn
apart), and pieces a space apart where the gap is no gutter (the neighbouring lines of a column
run over a word space; nothing stands over a gutter).  A page that draws its characters in any
order reads the same way.
Vertical headlines use a vertical font without rotating the matrix: they show up as
one-character runs stacked at one x, and are read top to bottom.

Every distance is measured in the characters' own ems; the page's **body size** is the most
common effective size, weighted by characters (:func:`body_size`).  The thresholds are fields of
:class:`.params.LayoutParams` (``p``), carried on :class:`PageLines`.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from ...util.characters import horizontal_forms
from .chars import Char, PdfPage, is_wide
from .params import DEFAULT, LayoutParams


class Span(Protocol):
    """Anything set across the page from ``x0`` to ``x1``: a line, a block, a headline's stack."""

    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...


def side_gap(a: Span, b: Span) -> float:
    """How far apart ``a`` and ``b`` stand side by side, in points (negative where they overlap)."""
    return max(a.x0 - b.x1, b.x0 - a.x1)


@dataclass(slots=True)
class Line:
    """One line of type: its characters in reading order and the box they fill (PDF points)."""

    chars: list[Char]
    vertical: bool = False
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0  # bottom
    y1: float = 0.0  # top
    size: float = 0.0  # the line's effective size (its full-width characters' median)
    width: float = 0.0  # the line's horizontal scale (condensed type: smaller than ``size``)
    font: int = -1  # the font most of its characters are set in
    text: str = ""  # as printed: a space where the type leaves a word space
    order: int = 0  # position of its first character in the page's drawing order
    baseline: float = 0.0  # the most common baseline of its characters (horizontal lines)
    light: bool = False  # reversed out: white type on a coloured band (banners, labels)
    role: str = ""  # set by the layout steps (body, headline, byline, caption, furniture, ...)
    tags: set[str] = field(default_factory=set)
    #: How sure the OCR engine is of the line's text (0 to 1); None for a PDF's own text layer.
    confidence: float | None = None

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def length(self) -> float:
        """Extent along the reading direction, in points."""
        return (self.y1 - self.y0) if self.vertical else (self.x1 - self.x0)

    @property
    def ems(self) -> float:
        """Extent along the reading direction in the line's own ems."""
        return self.length / max(self.size, 0.1)

    def __repr__(self) -> str:
        kind = "V" if self.vertical else "H"
        return (
            f"<{kind} {self.x0:.0f}-{self.x1:.0f} {self.y0:.0f}-{self.y1:.0f} {self.size:.1f} {self.text!r}>"
        )


@dataclass
class PageLines:
    """The page's lines and the measures every later rule is relative to."""

    page: PdfPage
    lines: list[Line]
    body_size: float  # the most common effective size, weighted by characters
    body_font: int  # the font most characters at body size are set in
    params: LayoutParams = DEFAULT  # the thresholds every later step reads the page with


def read_lines(page: PdfPage, params: LayoutParams = DEFAULT) -> PageLines:
    """The page's lines, its body size and body font, read with ``params``."""
    p = params
    runs = _runs(page.chars, p)
    runs = _join_touching(runs, p)
    lines = _stack_vertical(runs, p)
    for line in lines:
        measure_line(line, p)
    lines.sort(key=lambda line: line.order)
    body = body_size(lines)
    fonts = Counter()
    for line in lines:
        if abs(line.size - body) <= p.same_size_strict * body:
            fonts[line.font] += len(line.chars)
    return PageLines(page, lines, body, fonts.most_common(1)[0][0] if fonts else -1, p)


def body_size(lines: list[Line]) -> float:
    """The most common effective size, weighted by characters (to 0.1 pt; a line counts its
    characters at its own size)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.chars)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@dataclass(slots=True)
class _Run:
    chars: list[Char]
    order: int  # drawing position of its first character


def _runs(chars: list[Char], p: LayoutParams) -> list[_Run]:
    """Characters in drawing order cut into runs: a run ends where the next character is not
    on the same baseline just after it, or differs much in size, or is rotated."""
    runs: list[_Run] = []
    current: list[Char] = []
    last_y = last_right = last_size = 0.0
    last_upright = False
    for index, char in enumerate(chars):
        size, y, upright = char.size, char.y, char.upright
        if current and not upright and not last_upright and _follows_turned(current[-1], char, p):
            current.append(char)  # type turned on the page: a run along its own baseline
            last_size = size
            continue
        if current and upright and last_upright:
            big, small = (size, last_size) if size > last_size else (last_size, size)
            gap = char.x - last_right
            if (
                -p.overlap * big < gap < p.run_gap * big
                and -p.run_baseline * big < y - last_y < p.run_baseline * big
                and big < p.size_ratio * small
            ):
                current.append(char)
                last_y, last_right, last_size = y, char.right, size
                continue
        current = [char]
        runs.append(_Run(current, index))
        last_y, last_right, last_size, last_upright = y, char.right, size, upright
    return runs


def _along(quarter: int) -> tuple[int, int]:
    """The way a turned character's baseline runs (:attr:`.chars.Char.quarter`), as a unit step."""
    angle = quarter * math.pi / 2
    return round(math.cos(angle)), round(math.sin(angle))


def _follows_turned(last: Char, char: Char, p: LayoutParams) -> bool:
    """Whether ``char`` continues ``last`` along their baseline, both turned the same way (text
    set on its side or upside down: a strip down the page's edge, a whole page drawn turned)."""
    if char.quarter != last.quarter or not char.quarter:
        return False
    big, small = (char.size, last.size) if char.size > last.size else (last.size, char.size)
    if small <= 0 or big >= p.size_ratio * small:
        return False
    dx, dy = _along(char.quarter)
    step = (char.x - last.x) * dx + (char.y - last.y) * dy
    across = (char.x - last.x) * -dy + (char.y - last.y) * dx
    return 0 < step < big + p.run_gap * big and abs(across) < p.run_baseline * big


def _join_touching(runs: list[_Run], p: LayoutParams) -> list[_Run]:
    """Join runs that continue one another on one baseline: pieces drawn apart that touch
    (digits), and pieces further apart (up to ``p.run_gap`` ems, a word space or a justified
    gap) where the gap is no gutter between columns (:class:`_Gutters`).  A page that draws its
    characters in any order reads the same as one that draws a line at a time."""
    upright = sorted(
        (run for run in runs if run.chars[0].upright),
        key=lambda run: (round(run.chars[0].y * 2), run.chars[0].x),
    )
    gutters = _Gutters(upright, p)
    joined: list[_Run] = []
    for run in upright:
        if joined:
            last = joined[-1]
            tail, head = last.chars[-1], run.chars[0]
            em = max(tail.size, head.size)
            gap = head.x - tail.right
            if (
                abs(tail.y - head.y) < p.join_baseline * em
                and -p.overlap * em < gap < p.run_gap * em
                and max(tail.size, head.size) < p.size_ratio * min(tail.size, head.size)
                and not _side_by_side(last, run, p)
                and (
                    _touching(tail, head, em, p)
                    or (_same_type(tail, head, p) and not gutters.between(tail, head))
                )
            ):
                if _ink_middle(head) < _ink_middle(tail):  # overlapping marks drawn out of order
                    last.chars = sorted(last.chars + run.chars, key=_ink_middle)
                else:
                    last.chars.extend(run.chars)
                last.order = min(last.order, run.order)
                continue
            if (
                abs(tail.y - head.y) < p.join_baseline * em
                and last.chars[0].x <= head.x < tail.right
                and _ink_gap(tail, head) < 0
                and (max(tail.size, head.size) < p.size_ratio * min(tail.size, head.size))
            ):
                # drawn out of order: a piece that falls inside the line so far
                last.chars = sorted(last.chars + run.chars, key=_ink_middle)
                last.order = min(last.order, run.order)
                continue
        joined.append(run)
    joined.extend(run for run in runs if not run.chars[0].upright)
    return joined


#: Full-width marks whose ink stands in the right half of their em box, and in the left half:
#: set compressed, a pair such as ”“ overlaps and only the ink tells their order.
OPENING_MARKS = "“‘（《〈「『【〔［｛"
CLOSING_MARKS = "”’）》〉」』】〕］｝，。、；：！？"


def _ink_middle(char: Char) -> float:
    """Where a character's ink stands along its line (compressed punctuation overlaps)."""
    if char.text in OPENING_MARKS:
        return char.x + 0.75 * char.width
    if char.text in CLOSING_MARKS:
        return char.x + 0.25 * char.width
    return char.x + 0.5 * char.width


def _same_type(tail: Char, head: Char, p: LayoutParams) -> bool:
    """Pieces of about one size: only these continue one another over a space (a brief's small
    headline may stand on the baseline of the next column's text; digits set a little larger
    touch their neighbours)."""
    return max(tail.size, head.size) < p.neighbour_size * min(tail.size, head.size)


def _side_by_side(last: _Run, run: _Run, p: LayoutParams) -> bool:
    """Two lone characters of different sizes on one baseline: the tops of two vertical lines
    set side by side (a vertical title and its byline), not one line."""
    if len(last.chars) != 1 or len(run.chars) != 1:
        return False
    a, b = last.chars[0], run.chars[0]
    return is_wide(a.text) and is_wide(b.text) and abs(a.size - b.size) > p.same_size * max(a.size, b.size)


def _touching(tail: Char, head: Char, em: float, p: LayoutParams) -> bool:
    """Pieces that touch: their em boxes closer than ``p.touching_gap`` ems and their ink
    closer than ``p.touching_ink`` ems (an opening quote has white on its left; a comma
    ending a column's line and a quote opening the next column's have a gutter between)."""
    return head.x - tail.right < p.touching_gap * em and _ink_gap(tail, head) < p.touching_ink * em


def _ink_gap(tail: Char, head: Char) -> float:
    """The white between two characters' ink: a closing mark inks the left half of its em box,
    an opening mark the right half (a comma ending a column's line is no bridge to the next)."""
    return _ink_extent(head)[0] - _ink_extent(tail)[1]


def _ink_extent(char: Char) -> tuple[float, float]:
    """Where a character's ink stands along its line: punctuation inks one half of its em box
    only (and at a line's end it may be set half an em wide)."""
    if char.text in CLOSING_MARKS:
        return char.x, char.x + 0.5 * char.width
    if char.text in OPENING_MARKS:
        return char.x + 0.5 * char.width, char.right
    return char.x, char.right


class _Gutters:
    """Tells a gutter between columns from a space within a line, by the lines around it."""

    def __init__(self, runs: list[_Run], p: LayoutParams) -> None:
        self.runs = runs
        self.p = p
        self._chars: list[Char] | None = None
        self._ys: list[float] = []

    @property
    def chars(self) -> list[Char]:
        """The page's characters by height (sorted when first asked: most pages never ask)."""
        if self._chars is None:
            self._chars = sorted((char for run in self.runs for char in run.chars), key=lambda char: char.y)
            self._ys = [char.y for char in self._chars]
        return self._chars

    @property
    def ys(self) -> list[float]:
        self.chars  # noqa: B018  (sorts them)
        return self._ys

    def between(self, tail: Char, head: Char) -> bool:
        """Whether the gap from ``tail`` to ``head`` is a gutter, told by the neighbouring lines
        (the bands just above and just below the baseline; where a band shows no type near the
        gap, as over a brief's last line or under a headline, the lines one further out).  A
        word space or a justified gap has its column's neighbouring lines running across it.  A
        gutter, however narrow, is white all down: a band with type on both sides and a white of
        at least ``p.gutter_white`` ems at the gap (not the narrow white between two
        characters of a justified line), or of half an em beside a mark hanging into the gutter
        where the next character stands right at ``head``'s left edge (the column's), says
        gutter, whatever the other bands hold (a byline or subhead may be centred over the
        columns); so do the two bands together, one showing type on the left and the other on
        the right with such a white between.  Else, when no band runs across the gap and one
        shows type on one side only, the gap is a gutter if its white is wider than
        ``p.gutter_gap`` ems (the neighbours may be a paragraph's short last line and the
        next one's indented start).  Only type of about the gap's own size counts: a headline
        over two columns runs across a gutter and has one under its word space."""
        p = self.p
        em = max(tail.size, head.size)
        ink = _ink_gap(tail, head)
        if ink < p.mark_white * em:
            return False  # no wider than the white beside a punctuation mark
        middle = (_ink_extent(tail)[1] + _ink_extent(head)[0]) / 2  # marks may hang into a gutter
        y = tail.y
        near = [
            self._band(y + p.band_start * em, y + p.neighbour_band * em, middle, em),
            self._band(y - p.neighbour_band * em, y - p.band_start * em, middle, em),
        ]
        far: list[tuple[Char | None, Char | None] | None] = [None, None]
        # a side whose near line stands clear of the gap and which shows the gutter says so,
        # whatever the other side holds (a byline or caption may be set across the columns)
        for side, (low, high) in enumerate(
            (
                (y + p.neighbour_band * em, y + p.far_band * em),
                (y - p.far_band * em, y - p.neighbour_band * em),
            )
        ):
            band = near[side]
            if band is None:
                continue
            if _shows_gutter([band], head, em, p):
                return True
            far[side] = further = self._band(low, high, middle, em)
            if further is not None and (
                _shows_gutter([further], head, em, p) or _shows_gutter([band, further], head, em, p)
            ):
                return True
        if any(band is None for band in near):
            return False  # a neighbouring line runs across it
        if any(band is None for band in far):
            if all(band == (None, None) for band in near):
                return False  # the nearest lines run across it
            far = [band for band in far if band is not None]  # another story's, further out
        bands = near + far
        if _shows_gutter(bands, head, em, p):
            return True
        one_side = any((band[0] is None) != (band[1] is None) for band in bands)
        return one_side and ink >= p.gutter_gap * em

    def _band(
        self, low: float, high: float, middle: float, em: float
    ) -> tuple[Char | None, Char | None] | None:
        """The characters of about ``em``'s size in the band of baselines from ``low`` to
        ``high`` nearest to ``middle`` on its left and on its right (within ``p.band_reach``
        ems); None when one runs across ``middle``."""
        p = self.p
        start = bisect.bisect_left(self.ys, low)
        end = bisect.bisect_right(self.ys, high)
        left = right = None
        left_ink, right_ink = middle - p.band_reach * em, middle + p.band_reach * em
        for char in self.chars[start:end]:
            if char.size * p.neighbour_size < em or em * p.neighbour_size < char.size:
                continue  # a headline or label over columns, or body under one, tells nothing
            ink_left, ink_right = _ink_extent(char)
            if ink_left < middle < ink_right:
                return None
            if left_ink < ink_right <= middle:
                left, left_ink = char, ink_right
            elif middle <= ink_left < right_ink:
                right, right_ink = char, ink_left
        return left, right


def _shows_gutter(
    bands: list[tuple[Char | None, Char | None]], head: Char, em: float, p: LayoutParams
) -> bool:
    """Whether the bands together show a gutter's white at the gap: the nearest type on its left
    and on its right, in any of them, stand a gutter apart (:func:`_gutter_white`)."""
    lefts = [band[0] for band in bands if band[0] is not None]
    rights = [band[1] for band in bands if band[1] is not None]
    if not lefts or not rights:
        return False
    left = max(lefts, key=lambda char: _ink_extent(char)[1])
    right = min(rights, key=lambda char: _ink_extent(char)[0])
    return _gutter_white(left, right, head, em, p)


def _gutter_white(left: Char, right: Char, head: Char, em: float, p: LayoutParams) -> bool:
    """Whether the white between ``left``'s ink and ``right``'s is a gutter's: at least
    ``p.gutter_white`` ems, or half an em where ``right`` starts where ``head`` does (the
    column's left edge: the white on the left may be narrowed by a mark hanging into it)."""
    white = _ink_extent(right)[0] - _ink_extent(left)[1]
    if white >= p.gutter_white * em:
        return True
    return white > p.mark_white * em and abs(right.x - head.x) <= p.edge_match * em


def _stack_vertical(runs: list[_Run], p: LayoutParams) -> list[Line]:
    """Lines from runs: one-character runs stacked at one x with an even pitch become one
    vertical line, read top to bottom."""
    columns: dict[int, list[_Run]] = {}
    for run in runs:
        char = run.chars[0]
        if len(run.chars) == 1 and char.upright and is_wide(char.text):
            columns.setdefault(round(char.x), []).append(run)
    used: set[int] = set()
    lines: list[Line] = []
    for column in columns.values():
        column.sort(key=lambda run: -run.chars[0].y)
        stack: list[_Run] = []
        for run in column:
            char = run.chars[0]
            if stack:
                above = stack[-1].chars[0]
                step = above.y - char.y
                if (
                    abs(char.size - above.size) <= p.same_size_strict * above.size
                    and p.vertical_step_min * above.size <= step <= p.vertical_step_max * above.size
                ):
                    stack.append(run)
                    continue
                _flush_stack(stack, lines, used)
            stack = [run]
        _flush_stack(stack, lines, used)
    for run in runs:
        if id(run) not in used:
            lines.append(Line(run.chars, order=run.order))
    return lines


def _flush_stack(stack: list[_Run], lines: list[Line], used: set[int]) -> None:
    if len(stack) < 2:
        return
    chars = [run.chars[0] for run in stack]
    lines.append(Line(chars, vertical=True, order=min(run.order for run in stack)))
    used.update(id(run) for run in stack)


def measure_line(line: Line, p: LayoutParams = DEFAULT) -> None:
    """Box, size, scale, font and printed text of a line (one pass over its characters)."""
    chars = line.chars
    wide = [char for char in chars if char.text >= "\u2000"]  # full-width: the line's own size
    measured = wide or chars
    middle = len(measured) // 2
    sizes = [char.size for char in measured]
    top = max(sizes)
    line.size = top if top == min(sizes) else sorted(sizes)[middle]
    widths = [char.width for char in measured]
    line.width = widths[0] if max(widths) == min(widths) else sorted(widths)[middle]
    fonts = [char.font for char in chars]
    line.font = fonts[0] if fonts.count(fonts[0]) == len(fonts) else Counter(fonts).most_common(1)[0][0]
    line.light = sum([char.light for char in chars]) * 2 > len(chars)
    if line.vertical:
        line.baseline = chars[0].y
        line.x0 = min([char.x for char in chars])
        line.x1 = max([char.right for char in chars])
        line.y1 = chars[0].y + p.ascent * chars[0].size
        line.y0 = chars[-1].y - p.descent * chars[-1].size
        line.text = horizontal_forms("".join([char.text for char in chars]))  # ﹃…﹄ → 『…』
        return
    if chars[0].quarter and len(chars) > 1:  # turned type: its box on the page
        _measure_turned(line, top, p)
        return
    ys = [char.y for char in measured]
    line.baseline = ys[0] if max(ys) == min(ys) else sorted(ys)[middle]
    line.x0 = chars[0].x
    line.x1 = max([char.right for char in chars])
    line.y0 = line.baseline - p.descent * top
    line.y1 = line.baseline + p.ascent * top
    line.text = horizontal_forms(_spaced_text(chars, line.width, p))


def _measure_turned(line: Line, size: float, p: LayoutParams) -> None:
    """Box and text of a run of turned type (its characters in reading order): the box its em
    squares fill on the page, whichever way they are turned."""
    chars = line.chars
    dx, dy = _along(chars[0].quarter)
    up_x, up_y = -dy, dx  # the way the type stands up from its baseline
    xs, ys = [], []
    for char in chars:
        for along in (0, char.width):  # its em square: the origin and an advance along
            for up in (-p.descent * char.size, p.ascent * char.size):
                xs.append(char.x + along * dx + up * up_x)
                ys.append(char.y + along * dy + up * up_y)
    line.x0, line.x1, line.y0, line.y1 = min(xs), max(xs), min(ys), max(ys)
    line.baseline = line.y0 + p.descent * size
    line.text = horizontal_forms("".join((" " if char.spaced else "") + char.text for char in chars).strip())


def _spaced_text(chars: list[Char], em: float, p: LayoutParams = DEFAULT) -> str:
    """The line's text with a space where the type leaves a word space: a gap clearly wider than
    the line's usual letter spacing (justified and letter-spaced lines keep no spaces)."""
    if len(chars) == 1:
        return chars[0].text
    gaps = [b.x - a.right for a, b in itertools.pairwise(chars)]
    if max(gaps) <= p.space_min * em and not any([char.spaced for char in chars]):
        return "".join([char.text for char in chars])  # most lines: no gap could be a space
    # the line's own spacing, between Chinese characters where it has some (type often sets a
    # quarter em between Chinese and digits or Latin: 第 5 版)
    wide = [
        gap
        for gap, (a, b) in zip(gaps, itertools.pairwise(chars), strict=True)
        if is_wide(a.text) and is_wide(b.text)
    ]
    spacing = wide if len(wide) >= 2 else gaps
    usual = sorted(spacing)[(len(spacing) - 1) // 2]
    wide_gap = max(p.space_min * em, p.space_factor * usual + p.space_extra * em)
    if max(gaps) <= wide_gap and not any(char.spaced for char in chars):
        return "".join([char.text for char in chars])  # most lines: no word space
    out = [chars[0].text]
    for gap, (a, b) in zip(gaps, itertools.pairwise(chars), strict=True):
        latin = not is_wide(a.text) and not is_wide(b.text)
        if gap > wide_gap or (latin and b.spaced):
            out.append(" ")
        out.append(b.text)
    return "".join(out)
