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
common effective size, weighted by characters (:func:`body_size`).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, field

from .pdfchars import Char, PdfPage, is_wide

#: Ascent and descent of an ideographic em box, as shares of the size (the em box spans
#: 0.88 above and 0.12 below the baseline in CJK fonts; Latin fonts' own metrics are not used).
ASCENT, DESCENT = 0.88, 0.12
#: Characters drawn one after another belong to one run unless the gap between them is wider
#: than this many ems (compressed punctuation overlaps its neighbour by up to half an em).
RUN_GAP = 1.5
#: A character may start this many ems before the previous one ends: a pair of compressed
#: punctuation marks (”“) takes one em, and each is measured here as a full em.
OVERLAP = 1.25
#: Pieces on one baseline closer than this many ems are one line (digits drawn apart).
TOUCHING_GAP = 0.35
#: Pieces on one baseline up to :data:`RUN_GAP` ems apart are one line too when the gap between
#: them is no gutter: type on the lines just above or below (within this many ems of the
#: baseline) runs across it, or stands on one side of it only.
NEIGHBOUR_BAND = 2.2
#: Sizes within this ratio can share a run (digits are often set a little larger).
SIZE_RATIO = 1.6


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


def read_lines(page: PdfPage) -> PageLines:
    """The page's lines, its body size and body font."""
    runs = _runs(page.chars)
    runs = _join_touching(runs)
    lines = _stack_vertical(runs)
    for line in lines:
        _measure(line)
    lines.sort(key=lambda line: line.order)
    body = body_size(lines)
    fonts = Counter()
    for line in lines:
        if abs(line.size - body) <= 0.05 * body:
            fonts[line.font] += len(line.chars)
    return PageLines(page, lines, body, fonts.most_common(1)[0][0] if fonts else -1)


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


def _runs(chars: list[Char]) -> list[_Run]:
    """Characters in drawing order cut into runs: a run ends where the next character is not
    on the same baseline just after it, or differs much in size, or is rotated."""
    runs: list[_Run] = []
    current: list[Char] = []
    for index, char in enumerate(chars):
        if current:
            previous = current[-1]
            em = max(previous.size, char.size)
            gap = char.x - previous.right
            if (
                char.upright
                and previous.upright
                and abs(char.y - previous.y) < 0.25 * em
                and -OVERLAP * em < gap < RUN_GAP * em
                and max(char.size, previous.size) < SIZE_RATIO * min(char.size, previous.size)
            ):
                current.append(char)
                continue
        current = [char]
        runs.append(_Run(current, index))
    return runs


def _join_touching(runs: list[_Run]) -> list[_Run]:
    """Join runs that continue one another on one baseline: pieces drawn apart that touch
    (digits), and pieces further apart (up to :data:`RUN_GAP` ems, a word space or a justified
    gap) where the gap is no gutter between columns (:class:`_Gutters`).  A page that draws its
    characters in any order reads the same as one that draws a line at a time."""
    upright = sorted(
        (run for run in runs if run.chars[0].upright),
        key=lambda run: (round(run.chars[0].y * 2), run.chars[0].x),
    )
    gutters = _Gutters(upright)
    joined: list[_Run] = []
    for run in upright:
        if joined:
            last = joined[-1]
            tail, head = last.chars[-1], run.chars[0]
            em = max(tail.size, head.size)
            gap = head.x - tail.right
            if (
                abs(tail.y - head.y) < 0.2 * em
                and -OVERLAP * em < gap < RUN_GAP * em
                and max(tail.size, head.size) < SIZE_RATIO * min(tail.size, head.size)
                and (gap < TOUCHING_GAP * em or not gutters.between(tail, head))
            ):
                if _ink_middle(head) < _ink_middle(tail):  # overlapping marks drawn out of order
                    last.chars = sorted(last.chars + run.chars, key=_ink_middle)
                else:
                    last.chars.extend(run.chars)
                last.order = min(last.order, run.order)
                continue
            if (
                abs(tail.y - head.y) < 0.2 * em
                and last.chars[0].x <= head.x < tail.right
                and (max(tail.size, head.size) < SIZE_RATIO * min(tail.size, head.size))
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


class _Gutters:
    """Tells a gutter between columns from a space within a line, by the lines around it."""

    def __init__(self, runs: list[_Run]) -> None:
        chars = sorted((char for run in runs for char in run.chars), key=lambda char: char.y)
        self.chars = chars
        self.ys = [char.y for char in chars]

    def between(self, tail: Char, head: Char) -> bool:
        """Whether the gap from ``tail`` to ``head`` is a gutter: on the bands just above and
        just below the baseline there is type on both sides of it and none over its middle (a
        word space or a justified gap has the neighbouring lines of its column running across
        it; a gutter, however narrow, has none).  Only type of about the gap's own size counts
        as standing beside it: a headline over two columns has a gutter under its word space."""
        em = max(tail.size, head.size)
        middle = (tail.right + head.x) / 2
        before = after = False
        for low, high in (
            (tail.y + 0.5 * em, tail.y + NEIGHBOUR_BAND * em),
            (tail.y - NEIGHBOUR_BAND * em, tail.y - 0.5 * em),
        ):
            start = bisect.bisect_left(self.ys, low)
            end = bisect.bisect_right(self.ys, high)
            for char in self.chars[start:end]:
                if char.x < middle < char.right:
                    return False
                if char.size * SIZE_RATIO < em or em * SIZE_RATIO < char.size:
                    continue  # a headline over columns, or body under one, tells nothing
                if tail.right - 2 * em < char.right < middle:
                    before = True
                elif middle < char.x < head.x + 2 * em:
                    after = True
        return before and after


def _stack_vertical(runs: list[_Run]) -> list[Line]:
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
                    abs(char.size - above.size) <= 0.05 * above.size
                    and 0.4 * above.size <= step <= 2.2 * above.size
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


def _measure(line: Line) -> None:
    """Box, size, scale, font and printed text of a line (one pass over its characters)."""
    chars = line.chars
    sizes: list[float] = []
    widths: list[float] = []
    ys: list[float] = []
    fonts: dict[int, int] = {}
    light = 0
    for char in chars:
        if char.text >= "\u2000":  # full-width: the line's own size and scale
            sizes.append(char.size)
            widths.append(char.width)
            ys.append(char.y)
        fonts[char.font] = fonts.get(char.font, 0) + 1
        light += char.light
    if not sizes:
        sizes = [char.size for char in chars]
        widths = [char.width for char in chars]
        ys = [char.y for char in chars]
    middle = len(sizes) // 2
    line.size = sorted(sizes)[middle]
    line.width = sorted(widths)[middle]
    line.font = max(fonts, key=fonts.__getitem__)
    line.light = light * 2 > len(chars)
    if line.vertical:
        line.baseline = chars[0].y
        line.x0 = min(char.x for char in chars)
        line.x1 = max(char.right for char in chars)
        line.y1 = chars[0].y + ASCENT * chars[0].size
        line.y0 = chars[-1].y - DESCENT * chars[-1].size
        line.text = "".join(char.text for char in chars)
        return
    line.baseline = sorted(ys)[middle]
    line.x0 = chars[0].x
    line.x1 = max(char.right for char in chars)
    top = max(sizes)
    line.y0 = line.baseline - DESCENT * top
    line.y1 = line.baseline + ASCENT * top
    line.text = _spaced_text(chars, line.width)


def _spaced_text(chars: list[Char], em: float) -> str:
    """The line's text with a space where the type leaves a word space: a gap clearly wider than
    the line's usual letter spacing (justified and letter-spaced lines keep no spaces)."""
    if len(chars) == 1:
        return chars[0].text
    gaps = [b.x - a.right for a, b in itertools.pairwise(chars)]
    usual = sorted(gaps)[(len(gaps) - 1) // 2]
    out = [chars[0].text]
    for gap, (a, b) in zip(gaps, itertools.pairwise(chars), strict=True):
        latin = not is_wide(a.text) and not is_wide(b.text)
        if gap > max(0.4 * em, 3 * usual + 0.2 * em) or (latin and b.spaced):
            out.append(" ")
        out.append(b.text)
    return "".join(out)
