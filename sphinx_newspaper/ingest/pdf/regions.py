"""The page cut into regions: bands and columns, by drawn rules, frames and white gutters.

This is the XY-cut of the layout literature, honouring what the page draws.  The page's blocks
(and its pictures, which take room but hold no text) are cut recursively: a region is cut
across where a white band or a drawn rule runs across it with no block crossing it, into
**bands** read top to bottom, or down where a gutter or a vertical rule runs down it with no
block crossing it, into **columns** read left to right.  At each step the strongest cut wins:
a drawn rule (or a frame's edge) before white, and of two whites the wider in the page's own
units (a gutter in ems, a band's white in leadings).  Regions that are cut no further are
**leaves**; the tree's order (depth first) is the page's reading order of regions.

Frames and panels drawn round text are regions of their own: their edges are rules.  The edges
of a frame round a picture, or of a band behind a headline or a label (no running text inside),
fence nothing: a story runs on under its photo and its headline.

Every threshold is in the page's units, a field of :class:`.params.LayoutParams` (the page's
``layout.params``): the body size (em) and the leading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .chars import PdfPage
from .layout import Block, Layout
from .lines import Line
from .params import DEFAULT, LayoutParams

Box = tuple[float, float, float, float]


#: The thresholds of the cut were RegionParams; they are LayoutParams fields now
#: (``region_gutter``, ``band_white``, ``rule_cover``, ``rule_slack``, ``ground_share``).
RegionParams = LayoutParams


@dataclass
class Region:
    """A part of the page: its box, how it was cut off from the region before it, and what it
    holds (its sub-regions, or for a leaf its blocks, top to bottom)."""

    box: Box
    #: How the region's children lie: ``bands`` (top to bottom) or ``columns`` (left to right);
    #: ``leaf`` for a region cut no further.
    kind: str = "leaf"
    #: How this region is parted from the sibling before it: ``rule`` (a drawn rule or a
    #: frame's edge), ``white`` (a gutter or white across), or ``""`` (the first child).
    edge: str = ""
    children: list[Region] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # a leaf's blocks, top to bottom
    frame: Box | None = None  # the frame (or panel) drawn round exactly this region's text
    parent: Region | None = field(default=None, repr=False)

    @property
    def x0(self) -> float:
        return self.box[0]

    @property
    def y0(self) -> float:
        return self.box[1]

    @property
    def x1(self) -> float:
        return self.box[2]

    @property
    def y1(self) -> float:
        return self.box[3]

    def leaves(self) -> Iterator[Region]:
        """The leaves under this region in reading order."""
        if self.kind == "leaf":
            yield self
        for child in self.children:
            yield from child.leaves()

    def walk(self) -> Iterator[Region]:
        """This region and every region under it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> list[Region]:
        """This region's parents, nearest first."""
        out: list[Region] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def depth(self) -> int:
        return len(self.ancestors())


@dataclass
class _Item:
    """A block or picture box taking room on the page."""

    x0: float
    y0: float
    x1: float
    y1: float
    block: Block | None  # None: a picture
    body: bool = False  # running text at the body size


@dataclass
class PageRegions:
    """The page's region tree and where each block stands in it."""

    root: Region
    leaf_of: dict[int, Region]  # id(line) -> the leaf its block stands in
    rules: list[Box]  # the rules the cut honoured (fences), frame edges included
    order: dict[int, int] = field(default_factory=dict)  # id(line) -> its place in reading order
    page: PdfPage | None = None  # the page cut (its rules, frames and pictures)

    def leaf(self, element: object) -> Region | None:
        """The leaf a block, a headline stack or a line stands in (by its first line: the
        roles may cut a layout block in pieces, each keeps its lines)."""
        found = self.leaf_of.get(id(element))
        if found is not None:
            return found
        line = _first_line(element)
        return self.leaf_of.get(id(line)) if line is not None else None

    def place(self, element: object) -> int:
        """Where an element comes in the tree's reading order (-1 where it is not in it)."""
        if id(element) in self.order:
            return self.order[id(element)]
        line = _first_line(element)
        return self.order.get(id(line), -1) if line is not None else -1

    def fenced(self, a: object, b: object, frames: bool = True) -> bool:
        """Are two blocks parted by a drawn rule or a frame: between the regions holding them,
        where their region is cut, a rule runs (or, with ``frames``, one stands in a frame the
        other is not in)."""
        leaf_a, leaf_b = self.leaf(a), self.leaf(b)
        if leaf_a is None or leaf_b is None or leaf_a is leaf_b:
            return False
        path_a = [leaf_a, *leaf_a.ancestors()]
        path_b = [leaf_b, *leaf_b.ancestors()]
        common = next(node for node in path_a if any(node is other for other in path_b))
        child_a = path_a[[id(n) for n in path_a].index(id(common)) - 1]
        child_b = path_b[[id(n) for n in path_b].index(id(common)) - 1]
        if frames and _framed_apart(path_a, path_b, common):
            return True
        first, last = sorted((common.children.index(child_a), common.children.index(child_b)))
        return any(common.children[i].edge == "rule" for i in range(first + 1, last + 1))

    def same_band(self, a: object, b: object) -> bool:
        """Do two blocks stand in one band: no cut across the page parts them (only gutters and
        vertical rules do)."""
        leaf_a, leaf_b = self.leaf(a), self.leaf(b)
        if leaf_a is None or leaf_b is None:
            return False
        if leaf_a is leaf_b:
            return True
        path_a = [leaf_a, *leaf_a.ancestors()]
        path_b = [leaf_b, *leaf_b.ancestors()]
        common = next(node for node in path_a if any(node is other for other in path_b))
        return common.kind == "columns"


def _framed_apart(path_a: list[Region], path_b: list[Region], common: Region) -> bool:
    """One of the two paths passes through a framed region below ``common`` and the other not.
    Inside a frame holding both, a frame within it (a grey ground under the headline of a
    boxed story) parts nothing."""
    if any(node.frame is not None for node in [common, *common.ancestors()]):
        return False
    for path in (path_a, path_b):
        for node in path:
            if node is common:
                break
            if node.frame is not None:
                return True
    return False


def read_regions(layout: Layout, params: LayoutParams | None = None) -> PageRegions:
    """The page's region tree: every block of ``layout`` in exactly one leaf (``params``:
    default, the layout's)."""
    return cut_page(layout.blocks, layout.lines.page, layout.em, layout.leading, params or layout.params)


def cut_page(
    blocks: list[Block], page: PdfPage, em: float, leading: float, params: LayoutParams = DEFAULT
) -> PageRegions:
    """The region tree of ``blocks`` on ``page`` (its rules, frames and pictures)."""
    leading = leading or em * params.leading_fallback
    items = [
        _Item(b.x0, b.y0, b.x1, b.y1, b, _is_body(b, em, params))
        for b in blocks
        if b.x1 > b.x0 and b.y1 > b.y0
    ]
    if not items:
        return PageRegions(Region((0.0, 0.0, page.width, page.height)), {}, [], page=page)
    items.extend(_pictures(page, items, params))
    enclosures = _enclosures(page, items, em)
    rules = fences(page, items, enclosures, em, params)
    horizontal = [r for r in rules if r[2] - r[0] >= r[3] - r[1]]
    vertical = [r for r in rules if r[2] - r[0] < r[3] - r[1]]
    cutter = _Cutter(em, leading, horizontal, vertical, enclosures, params, items)
    root = cutter.cut(items)
    leaf_of: dict[int, Region] = {}
    order: dict[int, int] = {}
    for leaf in root.leaves():
        for block in leaf.blocks:
            leaf_of[id(block)] = leaf
            order[id(block)] = len(order)
            for line in block.lines:
                leaf_of[id(line)] = leaf
                order[id(line)] = len(order)
    return PageRegions(root, leaf_of, rules, order, page)


def _first_line(element: object) -> Line | None:
    """The first line of a block, of a stack's first block, or the line itself."""
    if isinstance(element, Line):
        return element
    lines = getattr(element, "lines", None)
    if lines:
        return lines[0]
    blocks = getattr(element, "blocks", None)
    if blocks and blocks[0].lines:
        return blocks[0].lines[0]
    return None


def _is_body(block: Block, em: float, p: LayoutParams) -> bool:
    return not block.vertical and abs(block.size - em) <= p.running_size * em and len(block.lines) >= 2


def _pictures(page: PdfPage, items: list[_Item], params: LayoutParams) -> list[_Item]:
    """The pictures that take room: not a ground behind text, nor most of the page."""
    area = page.width * page.height
    out: list[_Item] = []
    for picture in page.pictures:
        x0, y0, x1, y1 = picture.box
        if x1 <= x0 or y1 <= y0 or (x1 - x0) * (y1 - y0) >= params.ground_share * area:
            continue
        if any(item.block is not None and _centre_in(item, picture.box) for item in items):
            continue
        out.append(_Item(x0, y0, x1, y1, None))
    return out


def _centre_in(item: _Item | Block, box: Box) -> bool:
    x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _enclosures(page: PdfPage, items: list[_Item], em: float) -> list[Box]:
    """Frames and panels drawn round running text: regions of their own.  A frame round a
    picture or a band behind a headline holds no running text and fences nothing."""
    out: list[Box] = []
    for box in {*page.frames, *page.panels}:
        held = [item for item in items if item.block is not None and _centre_in(item, box)]
        if any(item.body for item in held) and box not in out:
            out.append(box)
    return out


def fences(
    page: PdfPage, items: list[_Item] | None, enclosures: list[Box], em: float, p: LayoutParams = DEFAULT
) -> list[Box]:
    """The page's rules that part text: drawn rules, and the edges of frames round text; the
    edges of frames and bands round no running text (a photo's frame, a headline's band) aside."""
    decorations = [
        box for box in {*page.frames, *page.panels} if not any(box == other for other in enclosures)
    ]
    weight = page.rule_weight
    return [rule for rule in page.rules if not any(on_edge(rule, box, weight, p) for box in decorations)]


def on_edge(rule: Box, frame: Box, weight: float, p: LayoutParams = DEFAULT) -> bool:
    """The rule is one of the frame's edges (give or take its weight)."""
    slack = p.edge_slack * weight
    x0, y0, x1, y1 = frame
    inside = (
        x0 - slack <= rule[0] and rule[2] <= x1 + slack and y0 - slack <= rule[1] and rule[3] <= y1 + slack
    )
    on_side = min(abs(rule[0] - x0), abs(rule[2] - x1), abs(rule[1] - y0), abs(rule[3] - y1)) <= slack
    return inside and on_side


@dataclass
class _Cut:
    """One possible cut of a region: where, which way, and how strong."""

    across: bool  # True: a cut across (into bands); False: down (into columns)
    at: float  # the middle of the white it runs in
    ruled: bool
    white: float  # the white's width in page units (leadings across, ems down)


class _Cutter:
    def __init__(
        self,
        em: float,
        leading: float,
        horizontal: list[Box],
        vertical: list[Box],
        enclosures: list[Box],
        params: LayoutParams,
        items: list[_Item],
    ) -> None:
        self.items = items  # the page's
        self.em, self.leading = em, leading
        self.horizontal, self.vertical = horizontal, vertical
        self.enclosures = enclosures
        self.params = params

    def cut(self, items: list[_Item]) -> Region:
        box = _bounds(items)
        best = self._best_cut(items, box)
        if best is None:
            blocks = sorted((i.block for i in items if i.block is not None), key=lambda b: (-b.y1, b.x0))
            return Region(box, blocks=blocks)
        # the strongest cut parts the region in two; a part cut the same way again lends its
        # pieces to this region (its bands, or columns, in one list)
        pieces = _split(items, best.across, [best.at])
        if best.across:
            pieces.reverse()  # bands top to bottom
        node = Region(box, kind="bands" if best.across else "columns")
        for index, piece in enumerate(pieces):
            child = self.cut(piece)
            child.frame = self._frame_of(child)
            edge = ("rule" if best.ruled else "white") if index else ""
            if child.kind == node.kind and child.frame is None:
                grandchildren = child.children
                grandchildren[0].edge = edge
                for grandchild in grandchildren:
                    grandchild.parent = node
                node.children.extend(grandchildren)
                continue
            child.parent = node
            child.edge = edge
            node.children.append(child)
        return node

    def _frame_of(self, region: Region) -> Box | None:
        """The smallest enclosure holding every block of ``region`` and no other text of the
        page."""
        mine = [item for item in self.items if _inside_box(item, region.box)]
        others = [item for item in self.items if not _inside_box(item, region.box)]
        best: Box | None = None
        for box in self.enclosures:
            slack = self.em
            grown = (box[0] - slack, box[1] - slack, box[2] + slack, box[3] + slack)
            if all(_inside_box(item, grown) for item in mine) and not any(
                item.block is not None and _centre_in(item, box) for item in others
            ):
                if best is None or _area(box) < _area(best):
                    best = box
        return best

    def _best_cut(self, items: list[_Item], box: Box) -> _Cut | None:
        if len(items) < 2:
            return None
        cuts = self._cuts(items, box, True) + self._cuts(items, box, False)
        if not cuts:
            return None
        best = max(cuts, key=lambda c: (c.ruled, c.white))
        down = [c for c in cuts if not c.across]
        if best.across and not best.ruled and down:
            # white under a row of headlines side by side, the gutters under them running on
            # through the row: the row is the tops of columns, cut down first
            above = [i for i in items if (i.y0 + i.y1) / 2 > best.at]
            display = self.params.headline_row * self.em  # LayoutParams.headline_row
            if len(above) >= 2 and all(i.block is not None and i.block.size >= display for i in above):
                return max(down, key=lambda c: c.white)
        return best

    def _cuts(self, items: list[_Item], box: Box, across: bool) -> list[_Cut]:
        """The whites running all the way across (or down) the region, each with the rule in it."""
        p = self.params
        # a frame holding some of the region's blocks but not all is cut round, never through
        boxes: list[Box] = [(i.x0, i.y0, i.x1, i.y1) for i in items]
        for frame in self.enclosures:
            held = sum(1 for item in items if item.block is not None and _centre_in(item, frame))
            if 0 < held < len(items):
                boxes.append(frame)
        if across:
            spans = sorted(((b[1], b[3]) for b in boxes), key=lambda s: s[0])
            unit, least = self.leading, p.band_white * self.leading
        else:
            spans = sorted(((b[0], b[2]) for b in boxes), key=lambda s: s[0])
            unit, least = self.em, p.region_gutter * self.em
        out: list[_Cut] = []
        reach = spans[0][1]
        for low, high in spans[1:]:
            if low > reach:
                ruled = self._ruled(across, reach, low, box)
                if ruled or low - reach >= least:
                    out.append(_Cut(across, (reach + low) / 2, ruled, (low - reach) / unit))
            reach = max(reach, high)
        return out

    def _ruled(self, across: bool, low: float, high: float, box: Box) -> bool:
        """A drawn rule runs in the white from ``low`` to ``high`` over most of the region."""
        slack = self.params.rule_slack * self.em
        if across:
            extent = box[2] - box[0]
            for x0, y0, x1, y1 in self.horizontal:
                middle = (y0 + y1) / 2
                if low - slack <= middle <= high + slack:
                    cover = min(x1, box[2]) - max(x0, box[0])
                    if cover >= self.params.rule_cover * extent:
                        return True
            return False
        extent = box[3] - box[1]
        for x0, y0, x1, y1 in self.vertical:
            middle = (x0 + x1) / 2
            if low - slack <= middle <= high + slack:
                cover = min(y1, box[3]) - max(y0, box[1])
                if cover >= self.params.rule_cover * extent:
                    return True
        return False


def _split(items: list[_Item], across: bool, bounds: list[float]) -> list[list[_Item]]:
    """Items parted at ``bounds`` (ascending), lowest (or leftmost) piece first."""
    pieces: list[list[_Item]] = [[] for _ in range(len(bounds) + 1)]
    for item in items:
        middle = (item.y0 + item.y1) / 2 if across else (item.x0 + item.x1) / 2
        index = sum(1 for bound in bounds if middle > bound)
        pieces[index].append(item)
    return [piece for piece in pieces if piece]


def _bounds(items: list[_Item]) -> Box:
    return (
        min(i.x0 for i in items),
        min(i.y0 for i in items),
        max(i.x1 for i in items),
        max(i.y1 for i in items),
    )


def _inside_box(item: _Item, box: Box) -> bool:
    return box[0] <= item.x0 and item.x1 <= box[2] and box[1] <= item.y0 and item.y1 <= box[3]


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])
