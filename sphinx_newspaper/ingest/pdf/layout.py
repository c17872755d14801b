"""Lines to blocks, columns and reading order.

A **block** is a run of lines set one under another in one column: the same size, an even
leading, the same left edge (a paragraph's first line may be set in, its last line may stop
short).  Body blocks give the page its **column width** (the most common body block width)
and its **leading**.  Every threshold is in the page's own units: its body size (the em) and
its column width.

Reading order follows how an editor reads a page: the page is cut by the widest white space
across it (rows of stories), then between columns of stories, and so on; inside a piece that
cannot be cut further, headlines come first, then columns from left to right, each from top to
bottom.  The thresholds are fields of :class:`.params.LayoutParams`, carried on :class:`Layout`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..headlines import is_closing_line
from .lines import Line, PageLines
from .params import DEFAULT, LayoutParams
from .trace import Trace


@dataclass
class Block:
    """Lines set one under another in one column, top to bottom."""

    lines: list[Line]
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    vertical: bool = False
    column_left: float | None = None  # the left edge of the story column it is read in
    step: float = 0.0  # the last baseline-to-baseline distance (0 for a single line)
    left: float = 0.0  # the leftmost start of its lines

    def __post_init__(self) -> None:
        self.left = min((line.x0 for line in self.lines), default=self.x0)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def leading(self) -> float:
        """Baseline to baseline distance (0 for a single line)."""
        if len(self.lines) < 2:
            return 0.0
        steps = sorted(a.baseline - b.baseline for a, b in zip(self.lines, self.lines[1:], strict=False))
        return steps[len(steps) // 2]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    def add(self, line: Line) -> None:
        self.step = self.lines[-1].baseline - line.baseline
        self.lines.append(line)
        self.left = min(self.left, line.x0)
        self.x0 = min(self.x0, line.x0)
        self.x1 = max(self.x1, line.x1)
        self.y0 = min(self.y0, line.y0)
        self.y1 = max(self.y1, line.y1)

    def __repr__(self) -> str:
        return (
            f"<Block {self.x0:.0f}-{self.x1:.0f} {self.y0:.0f}-{self.y1:.0f} "
            f"{self.size:.1f} {len(self.lines)}L {self.text[:20]!r}>"
        )


def new_block(line: Line) -> Block:
    return Block([line], line.x0, line.x1, line.y0, line.y1, line.size, line.vertical)


@dataclass
class Layout:
    """The page's blocks and measures."""

    lines: PageLines
    blocks: list[Block]
    em: float  # the body size
    column: float  # the most common body block width (points)
    leading: float  # the body text's baseline-to-baseline distance
    params: LayoutParams = DEFAULT  # the thresholds the later steps read the page with
    trace: Trace = field(default_factory=Trace)  # every rule's decisions (:mod:`.trace`)


def read_blocks(page: PageLines, params: LayoutParams | None = None) -> Layout:
    """The page's blocks (each line in exactly one) and its column width and leading, read
    with ``params`` (default: the ones the lines were read with)."""
    p = params or page.params
    em = page.body_size
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for line in sorted(page.lines, key=lambda line: (-line.y1, line.x0)):
        if line.vertical:
            blocks.append(new_block(line))
            continue
        home = None
        # a story's closing line set apart (（作者为…）) is a block of its own: the story ends there
        for block in [] if _closing(line) else open_blocks:
            if _joins(block, line, p):
                home = block
                break
        if home is None:
            home = new_block(line)
            blocks.append(home)
            open_blocks.append(home)
        else:
            home.add(line)
        # blocks ending far above the lines still to come can take no more lines
        open_blocks = [b for b in open_blocks if b.y0 - line.y1 <= p.max_leading * b.size]
    body = [
        b
        for b in blocks
        if not b.vertical and abs(b.size - em) <= p.same_size * em and len(b.lines) >= p.body_block_lines
    ]
    column = _most_common_width(body, em, p) or max((b.width for b in blocks), default=em * p.column_fallback)
    leadings = sorted(b.leading for b in body if b.leading)
    leading = leadings[len(leadings) // 2] if leadings else em * p.leading_fallback
    return Layout(page, blocks, em, column, leading, p)


def _joins(block: Block, line: Line, p: LayoutParams) -> bool:
    """Does ``line`` continue ``block`` (the next line of the same column)?"""
    last = block.lines[-1]
    size = block.size
    if abs(line.size - size) > p.same_size * size:
        return False
    step = last.baseline - line.baseline
    if not p.min_step * size <= step <= p.max_leading * size:
        return False
    if len(block.lines) == 1 and line.font != last.font and not _mixed(last) and not _mixed(line):
        return False  # a line in another face: a byline or credit over the text, not its first line
    leading = block.step
    if leading and abs(step - leading) > p.leading_slack * leading:
        return False
    em = line.width or size
    if len(block.lines) == 1:
        # a first line may be short (a paragraph's last line) or set in (a first line)
        if abs(line.x0 - block.x0) <= p.max_indent * em:
            return True
        centred = abs((line.x0 + line.x1) - (block.x0 + block.x1)) <= p.centred * em
        return centred and _overlap(line.x0, line.x1, block.x0, block.x1) > 0
    left = block.left
    if not (left - p.hang * em <= line.x0 <= left + p.max_indent * em):
        centred = abs((line.x0 + line.x1) - (block.x0 + block.x1)) <= p.centred * em and size > p.display * em
        return centred
    return line.x1 <= block.x1 + p.hang * em


def _closing(line: Line) -> bool:
    """A line that closes a story (its author in brackets, an author's note)."""
    if line.text[:1] not in "（(":
        return False  # most lines (the vocabulary wants brackets)
    return is_closing_line(line.text)


def _mixed(line: Line) -> bool:
    """A line set in more than one face (digits and Latin often are)."""
    first = line.chars[0].font
    return any(char.font != first for char in line.chars)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _most_common_width(blocks: list[Block], em: float, p: LayoutParams) -> float:
    """The most common block width, to ``p.width_step`` ems, weighted by lines."""
    step = em * p.width_step
    widths: dict[int, int] = {}
    for block in blocks:
        key = round(block.width / step)
        widths[key] = widths.get(key, 0) + len(block.lines)
    if not widths:
        return 0.0
    return max(widths, key=widths.__getitem__) * step
