"""What each block on a PDF page is: body text, headline tiers, bylines, captions, furniture.

Sizes are read against the page's body size (its em):

* **body**: set at the body size; a block in another face at body size may still be a byline,
  a lead's credit or a caption, which the text says (:mod:`.headlines`);
* **display**: larger type.  Display blocks stacked one over another (or set side by side,
  for vertical type) form a :class:`Stack`: the largest type is the title, smaller type above
  it the kicker (引题), below it the subtitle (副题); a short line of names under the stack is
  its byline.  A stack is a **story headline** when it says so (a kicker or subtitle, a byline
  or a lead under it, vertical type, a width of more than one column), or when it stands on its
  own; a stack set inside a column of running text, or under a much larger headline with no
  text between, is a **subhead** of the story around it; a column label (简讯) or a banner that
  heads no text is furniture;
* **small**: smaller type (prices, credits, hotlines): furniture unless a story claims it;
* a **plain headline** is display type at the body size or under it (a brief's headline, as
  large as fits its column): a line in a heavier face than the body's (pdfium's weight, or the
  face's name: Bold, Hei, 黑), standing alone with a paragraph set in under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...util.patterns import LazyPattern
from ..headlines import (
    ends_with_closing_author,
    is_agency_dateline,
    is_byline,
    is_closing_line,
    is_lead,
    is_photo_credit,
    is_source_note,
)
from ..lines import ends_sentence, has_body_punctuation, normalise
from ..masthead import furniture_kind, is_advert_text, is_masthead_date
from .chars import PdfPage, Picture
from .layout import MAX_INDENT, MIN_INDENT, SAME_SIZE, Block, Layout, new_block
from .lines import Line, side_gap
from .regions import PageRegions, read_regions
from .tables import TableBlock

#: Type at least this many times the body size is display type (headlines, subheads).
DISPLAY = 1.1
#: Stacked display blocks: the gap between them is at most this many of the smaller size.
STACK_GAP = 1.0
#: A stack under a headline at least this many times its size, with no text between, is a subhead.
SUBHEAD_RATIO = 2.4
#: A subhead stands in its column: running text at most this many leadings above it.
EMBEDDED = 2.5
#: A byline under a stack is at most this many of its own sizes below it.
BYLINE_GAP = 3.5
#: The page header (masthead) lies in this top share of the page.
HEADER_SHARE = 0.15
#: A band holding the masthead's date and ruled off from the page under it is the header
#: where it lies within this top share of the page.
HEADER_BAND = 0.25
#: Date lines of the masthead stand within this many ems of each other (a lunar date or the
#: editors' line stacked under the date); a date further down is a story's text.
MASTHEAD_STACK = 2.0
#: Lines of the masthead's date column are set within this share of the date's size.
MASTHEAD_SIZE = 0.15
#: Bylines are set at about the body size (names in a larger Kai face, at most this many ems).
BYLINE_SIZE = 1.4
#: A brief's headline may be set at the body size or below it (as large as fits its column),
#: down to this many ems: told from the text by its heavier face and by standing alone.
PLAIN_HEADLINE = 0.75
#: A headline heads the running text starting within this many leadings under it.
HEADS_REACH = 3.0
#: A label reversed out of a band (短评, 一线) is at most this many characters long.
LABEL_LENGTH = 4
#: pdfium's weights: a face this much heavier than the body's is a bold face.
HEAVIER = 200
#: A sentence ends with one of these (its closing quote included).
SENTENCE_ENDS = ("。", "！", "？", "”", "」", "…")

_NAMES = LazyPattern(r"^[\u4e00-\u9fff·]{1,4}(?:\s+[\u4e00-\u9fff·]{1,4}){0,5}$")
_COLUMN_LABEL = LazyPattern(r"(简讯|快讯|短讯|速递|快递|简报|一线|链接|资料|背景)$")
#: Labels over a column of briefs: every headline under one heads a brief.
BRIEFS_LABEL = LazyPattern(r"(简讯|快讯|短讯|速递|快递|简报)$")
#: Heavy faces by name: Latin weight words, and the Chinese ones in their romanised font codes
#: (黑 Hei, 粗黑, 中黑, 大黑, 标宋 display Song: FZHTK, FZDHTJW, FZLTZHK, FZXBSK, HTJ ...).
_HEAVY_NAME = LazyPattern(
    r"bold|black|heavy|semibold|demi|ultra|hei|黑|粗|^(?:fz)?(?:lt)?(?:d|c|cc|z|zhun)?h(?:t|k|j|\d)|^(?:fz)?(?:x|d)bs",
    re.IGNORECASE,
)
_LIGHT_NAME = LazyPattern(r"light|thin|细|^(?:fz)?(?:lt)?xi?h", re.IGNORECASE)


@dataclass
class Stack:
    """Display blocks that read as one headline (or subhead), and the byline set under it."""

    blocks: list[Block]
    bylines: list[Line] = field(default_factory=list)
    #: A line at about the body size centred right under a one-block stack, in another face:
    #: a subhead's deck (its second line), or a headline's subtitle.
    deck: Block | None = None
    role: str = ""  # story, subhead, furniture
    brief: bool = False  # a brief's headline under a column label: it heads the text under it only
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0

    def __post_init__(self) -> None:
        self._measure()

    def _measure(self) -> None:
        items = self.blocks  # bylines stand apart: under the headline, or at a column's top
        self.x0 = min(item.x0 for item in items)
        self.x1 = max(item.x1 for item in items)
        self.y0 = min(item.y0 for item in items)
        self.y1 = max(item.y1 for item in items)

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        self._measure()

    def add_byline(self, line: Line) -> None:
        self.bylines.append(line)
        self._measure()

    @property
    def size(self) -> float:
        return max(block.size for block in self.blocks)

    @property
    def vertical(self) -> bool:
        return any(block.vertical for block in self.blocks)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def text(self) -> str:
        return "".join(block.text for block in self.blocks)

    @property
    def tiered(self) -> bool:
        """Set in more than one size (a kicker or subtitle beside the title)."""
        sizes = sorted(block.size for block in self.blocks)
        return sizes[-1] > sizes[0] * (1 + SAME_SIZE)

    def __repr__(self) -> str:
        return (
            f"<Stack {self.role} {self.x0:.0f}-{self.x1:.0f} {self.y0:.0f}-{self.y1:.0f} {self.text[:24]!r}>"
        )


@dataclass
class Roles:
    """The page's blocks sorted by what they are."""

    layout: Layout
    body: list[Block]  # running text (split where a story starts inside a block)
    stacks: list[Stack]  # headlines and subheads
    captions: list[Block]  # photo captions
    furniture: list[Block]  # everything else: small type, labels, banners, adverts
    header: float  # the page header (masthead) lies above this height
    regions: PageRegions | None = None  # the page cut into bands and columns (:mod:`.regions`)


def read_roles(layout: Layout, regions: PageRegions | None = None) -> Roles:
    """Sort the page's blocks into body text, stacks, captions and furniture."""
    em = layout.em
    body_font = layout.lines.body_font
    regions = regions or read_regions(layout)
    body: list[Block] = []
    display: list[Block] = []
    small: list[Block] = []
    names: list[Block] = []
    header, dated = _header_bottom(layout, regions)
    blocks, plain_headlines = _cut_plain_headlines(layout)
    # tables (:mod:`.tables`) stand among the text: their stories take them as they take text
    tables = [block for block in blocks if isinstance(block, TableBlock)]
    blocks = [block for block in blocks if not isinstance(block, TableBlock)]
    # running text in the header is a story's (a story beside the masthead, 报眼), and so is
    # the headline over it in its region: never furniture (fail safe)
    kept = [
        block for block in blocks if dated and (block.y0 + block.y1) / 2 >= header and running_text(block, em)
    ]
    kept_ids = {id(block) for block in kept}
    for block in blocks:
        in_header = dated and (block.y0 + block.y1) / 2 >= header and id(block) not in kept_ids
        if in_header and kept:
            in_header = not _heads_text(block, kept, regions, layout)
        if id(block) in plain_headlines and not in_header:
            display.append(block)
        elif in_header or all(furniture_kind(normalise(line.text)) for line in block.lines):
            small.append(block)
        elif len(block.lines) == 1 and is_photo_credit(normalise(block.text)):
            body.append(block)  # a photographer's credit: part of a caption, never a byline
        elif len(block.lines) == 1 and block.size < BYLINE_SIZE * em and _names_line(block.lines[0]):
            names.append(block)
        elif block.size >= DISPLAY * em:
            display.append(block)
        elif block.vertical or block.size < (1 - 2 * SAME_SIZE) * em:
            small.append(block)
        else:
            body.extend(_split_stories(block))
    stacks = _stack(display, em, regions)
    names_left = _take_bylines(stacks, names, body, display, layout)
    for block in names_left:
        if block.size >= DISPLAY * em:
            _add_to_stacks(stacks, block)  # a short kicker (一线见闻) is no byline
        elif block.vertical or block.size < (1 - 2 * SAME_SIZE) * em:
            small.append(block)
        else:
            body.append(block)
    body = _take_decks(stacks, body, body_font, em, layout.column)
    captions, taken = _captions(body, body_font, em, layout.column, layout.lines.page.pictures)
    body = [b for b in body if id(b) not in taken]
    body = _glue_bylines(
        body, {id(block) for block in names_left if id(block) not in taken}, layout.leading, em
    )
    body.extend(tables)
    furniture = list(small)
    for stack in stacks:
        lines = [line for block in stack.blocks for line in block.lines]
        if _COLUMN_LABEL.search(stack.text) and len(stack.text) <= 8 and not stack.tiered:
            stack.role = "furniture"
        elif all(line.light for line in lines) and (
            len(normalise(stack.text)) <= LABEL_LENGTH or not _heads_text(stack, body, regions, layout)
        ):
            # reversed out of a band: a banner or a column label, unless it heads the running
            # text under it in its region (a boxed story's headline set on a band)
            stack.role = "furniture"
    return Roles(layout, body, stacks, captions, furniture, header, regions)


def running_text(block: Block, em: float) -> bool:
    """Running text in body type: lines at the body size, two or more, sentences in them, and
    nothing in them saying it is an advert.  Never furniture (fail safe)."""
    if block.vertical or len(block.lines) < 2 or abs(block.size - em) > 2 * SAME_SIZE * em:
        return False
    text = normalise(block.text)
    return text.count("，") + text.count("。") >= 2 and not is_advert_text(text)


def _heads_text(element: Block | Stack, body: list[Block], regions: PageRegions, layout: Layout) -> bool:
    """Running text stands right under ``element`` (within :data:`HEADS_REACH` leadings, under
    it by two ems or more), in its region: no rule parts them (a headline on a band over a
    boxed story's ground heads the text on the ground)."""
    em, leading = layout.em, layout.leading
    for block in body:
        gap = element.y0 - block.y1
        if not -0.5 * em <= gap <= HEADS_REACH * leading:
            continue
        if min(element.x1, block.x1) - max(element.x0, block.x0) < 2 * em:
            continue
        if len(block.lines) >= 2 and not regions.fenced(element, block, frames=False):
            return True
    return False


def heavier_face(page: PdfPage, font: int, body_font: int) -> bool:
    """Is ``font`` a heavier face than the body's: a bold weight where pdfium reads weights
    (or the font forces bold), else by its name (Bold, Hei, 黑, the font codes of display
    faces), where the body's own face is no heavy one."""
    if font == body_font or font < 0:
        return False
    weights = page.font_weights
    weight = weights[font] if font < len(weights) else -1
    body = weights[body_font] if 0 <= body_font < len(weights) else -1
    if weight > 0 and body > 0 and weight >= body + HEAVIER:
        return True
    return _heavy_name(_font_name(page, font)) and not _heavy_name(_font_name(page, body_font))


def _font_name(page: PdfPage, font: int) -> str:
    """A font's base name without its subset tag (``ABCDEF+``)."""
    name = page.fonts[font] if 0 <= font < len(page.fonts) else ""
    return name.split("+", 1)[-1]


def _heavy_name(name: str) -> bool:
    return bool(_HEAVY_NAME.search(name)) and not _LIGHT_NAME.search(name)


def _cut_plain_headlines(layout: Layout) -> tuple[list[Block], set[int]]:
    """The page's blocks with the headlines set at about the body size cut out of the text
    they were read into, and which blocks those headlines are.  Such a line (a brief's
    headline, 简讯) is told from text by its face and its place, not by its size: a heavier
    face than the body's, at least :data:`PLAIN_HEADLINE` ems, standing alone on its line
    (white beside it), not saying it is a byline or a credit, and followed by text in another
    face whose first line is set in (a paragraph starts under it)."""
    em, page = layout.em, layout.lines.page
    body_font = layout.lines.body_font
    blocks: list[Block] = []
    headlines: set[int] = set()
    for block in layout.blocks:
        if block.vertical or block.size >= DISPLAY * em or isinstance(block, TableBlock):
            blocks.append(block)
            continue
        piece: Block | None = None
        for index, line in enumerate(block.lines):
            after = block.lines[index + 1] if index + 1 < len(block.lines) else _text_under(line, layout)
            before = block.lines[index - 1] if index else None
            if _plain_headline(line, before, after, layout, page, body_font):
                headline = new_block(line)
                blocks.append(headline)
                headlines.add(id(headline))
                piece = None
                continue
            if piece is None:
                piece = new_block(line)
                piece.size = block.size
                blocks.append(piece)
            else:
                piece.add(line)
    return blocks, headlines


def _plain_headline(
    line: Line, before: Line | None, after: Line | None, layout: Layout, page: PdfPage, body_font: int
) -> bool:
    em = layout.em
    if line.vertical or line.light or after is None or line.size < PLAIN_HEADLINE * em:
        return False
    if not heavier_face(page, line.font, body_font) or after.font == line.font:
        return False
    if before is not None and before.font == line.font:
        return False  # one line of a passage set in the heavy face
    text = normalise(line.text)
    if (
        not text
        or has_body_punctuation(text)
        or text.endswith(("。", "，", "；", "："))
        or is_byline(text)
        or is_lead(text)
        or is_photo_credit(text)
        or closes_story(line)
        or furniture_kind(text)
    ):
        return False
    step = line.baseline - after.baseline
    if not 0.9 * max(line.size, after.size) <= step <= 2 * layout.leading:
        return False
    # the text under it starts a paragraph: its first line set in from the column's edge
    left = _column_left(after, layout)
    if not MIN_INDENT * em <= after.x0 - left <= MAX_INDENT * em:
        return False
    # it stands alone: centred over the text's column, or ending well short of its right edge,
    # under no running line (a paragraph's last line, or white, stands over it)
    right = max(left + layout.column * 0.5, after.x1)
    centred = abs((line.x0 + line.x1) - (left + right)) <= 1.5 * em and line.x0 >= left - 0.5 * em
    short = line.x1 <= right - 2 * em and line.x0 >= left - 0.5 * em
    if before is not None:
        ended = before.x1 <= right - em or before.baseline - line.baseline > 1.2 * layout.leading
        if not ended:
            return False
    return centred or short


def _text_under(line: Line, layout: Layout) -> Line | None:
    """The first line of the block standing right under ``line`` (within two leadings), under
    its middle."""
    middle = (line.x0 + line.x1) / 2
    best: Line | None = None
    for block in layout.blocks:
        first = block.lines[0]
        if block.vertical or first is line or not block.x0 <= middle <= block.x1:
            continue
        gap = line.y0 - first.y1
        if -0.3 * layout.em <= gap <= 2 * layout.leading and (best is None or first.y1 > best.y1):
            best = first
    return best


def _column_left(line: Line, layout: Layout) -> float:
    """The left edge of the column ``line`` opens: the leftmost start of the lines of its
    block (its first line may be set in)."""
    for block in layout.blocks:
        if any(other is line for other in block.lines):
            rest = [other.x0 for other in block.lines if other is not line]
            return min(rest) if rest else line.x0 - 2 * layout.em
    return line.x0


def _split_stories(block: Block) -> list[Block]:
    """A body block cut where a new story starts inside it: before a byline line or a lead
    (本报讯), after a story's closing author line (（王普）, （作者为…）), and after a closing
    author run on after the last sentence when a paragraph starts under it."""
    pieces: list[Block] = []
    current: Block | None = None
    previous: Line | None = None
    for line in block.lines:
        text = normalise(line.text)
        starts = current is None or (
            (is_byline(text) or is_lead(text)) and not _runs_on(line, previous, block)
        )
        if starts and current is not None and _roundup_dateline(text, current):
            starts = False
        if previous is not None and closes_story(previous):
            starts = True
        elif (
            previous is not None
            and closing_run_on(previous.text)
            and line.x0 - block.left >= MIN_INDENT * line.size
        ):
            starts = True  # …工作。（陈立） ends a brief; a paragraph set in under it starts the next
        if starts or current is None:
            current = new_block(line)
            pieces.append(current)
        else:
            current.add(line)
        previous = line
    for piece in pieces:
        piece.size = block.size
    return pieces


def closing_run_on(text: str) -> bool:
    """A line ending a sentence and then naming the story's author in brackets: …。（田野）,
    …。（张明曹雪芹） (the closing line's vocabulary: two names may be set without a space)."""
    text = text.rstrip()
    if not text.endswith(("）", ")")):
        return False
    start = max(text.rfind("（"), text.rfind("("))
    if start < 0 or not (ends_with_closing_author(text) or is_closing_line(text[start:])):
        return False
    return text[:start].rstrip().endswith(SENTENCE_ENDS)


def _roundup_dateline(text: str, piece: Block) -> bool:
    """A news agency's dateline (新华社北京1月17日电) opening a paragraph inside text that opened
    with no lead or byline of its own: a part of a roundup in that story's flow, not a new story.
    The paper's own lead (本报讯) always opens one; so does a dateline after a brief that has its
    own lead (briefs one under another)."""
    if not is_agency_dateline(text) or is_byline(text):
        return False
    opened = normalise(piece.lines[0].text)
    return not (is_lead(opened) or is_byline(opened))


def _runs_on(line: Line, previous: Line | None, block: Block) -> bool:
    """A line that carries on the sentence of the line above it, in its face: that line fills
    the column to the block's right edge and ends no sentence, so this one is a paragraph's
    running text, even if it names a reporter (讨会并接受本报记者专访时如)."""
    if previous is None or previous.font != line.font:
        return False
    shown = normalise(previous.text)
    return (
        previous.x1 >= block.x1 - previous.size / 2
        and not ends_sentence(shown)
        and not closes_story(previous)
    )


def _glue_bylines(body: list[Block], names: set[int], leading: float, em: float) -> list[Block]:
    """A byline line standing right over a block of its column opens that block: a line that
    says so (``■记者 江娟珺``), or a line of names (``吴建国``, set flush over the first column
    under a headline it does not stand under), which is marked a byline."""
    glued: set[int] = set()
    for byline in body:
        if len(byline.lines) != 1 or not (id(byline) in names or is_byline(normalise(byline.text))):
            continue
        line = byline.lines[0]
        for block in body:
            if block is byline or id(block) in glued:
                continue
            gap = line.y0 - block.y1
            if 0 <= gap <= 2 * leading and abs(block.x0 - line.x0) <= 2.5 * em:
                block.lines.insert(0, line)
                block.x0, block.x1 = min(block.x0, line.x0), max(block.x1, line.x1)
                block.left = min(block.left, line.x0)
                block.y1 = max(block.y1, line.y1)
                glued.add(id(byline))
                line.tags.add("byline")
                break
    return [block for block in body if id(block) not in glued]


def byline_line(line: Line) -> bool:
    """A line that names who wrote the story: it says so (``本报记者 张三``), or the layout
    made it the byline (names set over the text)."""
    return "byline" in line.tags or is_byline(normalise(line.text))


def closes_story(line: Line) -> bool:
    """A line that ends a story: its author in brackets (（王普）, （陈佳 林松）), or an author's
    note (（作者为…）)."""
    return is_closing_line(line.text)


def display(line: Line) -> str:
    """A line as printed, runs of spaces as one."""
    return " ".join(line.text.split())


def _header_bottom(layout: Layout, regions: PageRegions | None = None) -> tuple[float, bool]:
    """Where the page header ends: just under the masthead's date line, when the top of the
    page holds one (every block above is header), or at the foot of the page's first band
    where a rule parts that band (holding the date) from the rest within the header's share of
    the page (the paper's name beside the date reaches lower); else a guess (a thin band at
    the top), and whether the date was found."""
    height = layout.lines.page.height
    top = [line for line in layout.lines.lines if line.y0 >= (1 - HEADER_SHARE) * height]
    dates = [line for line in top if is_masthead_date(normalise(line.text))]
    if not dates:
        return (1 - HEADER_SHARE / 3) * height, False
    # the topmost date line and those stacked with it (a lunar date under it); a date lower
    # down opens a story's text (（2010年4月21日…）), under the headline that stands above it
    first = max(dates, key=lambda line: line.y1)
    stacked = [line for line in dates if first.y0 - line.y1 <= MASTHEAD_STACK * layout.em]
    last = min(stacked, key=lambda line: line.y0)
    # the lines set under the date in its column, in its type: the date wrapped in a narrow
    # masthead column (``2022年5月6日 星`` / ``期五``), the lunar date, the page and section
    for line in sorted(top, key=lambda line: -line.y1):
        if (
            line.y1 <= last.y0 + 0.3 * line.size
            and abs(line.x0 - first.x0) <= first.size
            and abs(line.size - first.size) <= MASTHEAD_SIZE * first.size
            and last.baseline - line.baseline <= MASTHEAD_STACK * first.size
            and not has_body_punctuation(normalise(line.text))
        ):
            last = line
    bottom = last.y0 - layout.em
    root = regions.root if regions is not None else None
    if (
        root is not None
        and root.kind == "bands"
        and len(root.children) > 1
        and root.children[1].edge == "rule"
    ):
        band = root.children[0]
        if (1 - HEADER_BAND) * height <= band.y0 < bottom and band.y0 <= first.y0:
            return band.y0 - 0.5 * layout.em, True
    return bottom, True


def _captions(
    body: list[Block], body_font: int, em: float, column: float, pictures: list[Picture]
) -> tuple[list[Block], set[int]]:
    """Captions: blocks in another face than the body that end with a photo credit (摄), or
    that stand right beside or over a photographer's credit line (joined with it into one); and
    a short title in any face with a credit on its row (a cartoon's: 消费升级 翟桂溪作（新华社发）)."""
    credits = [b for b in body if len(b.lines) == 1 and is_photo_credit(normalise(b.text))]
    found: list[Block] = []
    taken: set[int] = set()
    credit_ids = {id(credit) for credit in credits}
    for block in sorted(body, key=lambda block: id(block) in credit_ids):  # pair captions first
        if id(block) in taken:
            continue
        fonts = {line.font for line in block.lines}
        text = normalise(block.text)
        # in the body's face only a cartoon's or chart's title on its credit's row: 消费升级
        titled = len(block.lines) == 1 and len(text) <= 16 and not has_body_punctuation(text)
        if body_font in fonts and len(fonts) == 1 and not is_source_note(text) and not titled:
            continue
        if (is_photo_credit(text) and not is_byline(text)) or is_source_note(text):
            found.append(block)
            taken.add(id(block))
            continue
        last = block.lines[-1]
        for credit in credits:
            if credit is block or id(credit) in taken:
                continue
            line = credit.lines[0]
            # a credit stands on the caption's last row (set to the right: nothing between)
            same_row = (
                abs(line.baseline - last.baseline) < 0.3 * em
                and 0 <= line.x0 - last.x1
                and not _between_on_row(body, line.baseline, last.x1, line.x0, em)
            )
            under = 0 < last.baseline - line.baseline <= 2 * em and line.x0 < block.x1 and line.x1 > block.x0
            if body_font in fonts and not same_row:
                continue
            if same_row or under:
                caption = Block(list(block.lines), block.x0, block.x1, block.y0, block.y1, block.size)
                caption.add(line)
                found.append(caption)
                taken.update((id(block), id(credit)))
                break
    for credit in credits:
        if id(credit) not in taken and any(line.font != body_font for line in credit.lines):
            found.append(credit)
            taken.add(id(credit))
    # a caption broken at its column's foot, its last words and credit topping the next column:
    # both pieces stand where they are set (the stories step reads them as one)
    ends = [caption for caption in found if is_photo_credit(normalise(caption.text))]
    for block in body:
        if id(block) in taken or any(line.font == body_font for line in block.lines):
            continue
        if any(_caption_runs_on(block, end, body, pictures, em) for end in ends):
            found.append(block)
            taken.add(id(block))
    return found, taken


def caption_run_ons(
    captions: list[Block], body: list[Block], pictures: list[Picture], em: float
) -> dict[int, Block]:
    """The captions broken at a column's foot (by id) and the piece each runs on to at the top
    of the next column, its last words and credit (:func:`_caption_runs_on`)."""
    ends = [caption for caption in captions if is_photo_credit(normalise(caption.text))]
    pairs: dict[int, Block] = {}
    used: set[int] = set()
    for caption in captions:
        if is_photo_credit(normalise(caption.text)):
            continue
        for end in ends:
            if id(end) not in used and _caption_runs_on(caption, end, body, pictures, em):
                pairs[id(caption)] = end
                used.add(id(end))
                break
    return pairs


def _caption_runs_on(block: Block, end: Block, body: list[Block], pictures: list[Picture], em: float) -> bool:
    """A caption broken at the foot of its column runs on at the top of the next one: the
    caption stands right under its picture; its end (the last words and credit: 叶。 欧阳晨摄)
    stands in the next column to the right (a gutter of at most 3 ems on), wholly higher than
    the caption's top, in the caption's face, under no picture; nothing of the body stands
    right under the caption."""
    if (
        end.lines[0].font != block.lines[-1].font
        or end.y0 <= block.y1
        or not 0 <= end.x0 - block.x1 <= 3 * em
    ):
        return False
    if not _under_picture(block, pictures, em) or _under_picture(end, pictures, em):
        return False
    return not any(
        other is not block
        and -0.3 * em <= block.y0 - other.y1 <= 2 * em
        and min(other.x1, block.x1) - max(other.x0, block.x0) > 0.5 * block.width
        for other in body
    )


def _under_picture(block: Block, pictures: list[Picture], em: float) -> bool:
    """A picture's foot stands right over ``block`` (within 2 ems), over part of it."""
    return any(
        0 <= picture.box[1] - block.y1 <= 2 * em
        and min(picture.box[2], block.x1) > max(picture.box[0], block.x0)
        for picture in pictures
    )


def _between_on_row(blocks: list[Block], baseline: float, x0: float, x1: float, em: float) -> bool:
    """Some line of ``blocks`` on the row at ``baseline`` stands between ``x0`` and ``x1``."""
    return any(
        abs(line.baseline - baseline) < 0.3 * em and x0 < (line.x0 + line.x1) / 2 < x1
        for block in blocks
        for line in block.lines
    )


def _stack(display: list[Block], em: float, regions: PageRegions) -> list[Stack]:
    """Display blocks grouped into stacks: stacked with small gaps and overlapping (horizontal),
    or side by side (vertical type), in one region (no rule or frame parts them: the paper's
    name over the header rule is no kicker of the lead headline under it)."""
    stacks: list[Stack] = []
    for block in sorted(display, key=lambda b: (-b.y1, b.x0)):
        home = None
        for stack in stacks:
            if _stacks_with(stack, block) and not regions.fenced(stack.blocks[-1], block):
                home = stack
                break
        if home is None:
            stacks.append(Stack([block]))
        else:
            home.add(block)
    return stacks


def _take_decks(
    stacks: list[Stack], body: list[Block], body_font: int, em: float, column: float
) -> list[Block]:
    """A deck under a subhead: one short line at about the body size, in another face than the
    body, centred right under a stack of one block (no wider than the stack and two ems, or
    than its column less two ems: a deck may be longer than its subhead).  Returns the body
    without the decks."""
    taken: set[int] = set()
    for stack in stacks:
        if len(stack.blocks) != 1 or stack.vertical:
            continue
        for block in body:
            line = block.lines[0]
            if len(block.lines) != 1 or id(block) in taken or line.font == body_font:
                continue
            gap = stack.y0 - line.y1
            centred = abs((line.x0 + line.x1) - (stack.x0 + stack.x1)) <= 2 * em
            text = normalise(line.text)
            if (
                -0.2 * em <= gap <= STACK_GAP * stack.size
                and centred
                and line.x1 - line.x0 < max(stack.width, column - 4 * em) + 2 * em
                and not has_body_punctuation(text)
                and not is_byline(text)
            ):
                stack.deck = block
                taken.add(id(block))
                break
    return [block for block in body if id(block) not in taken]


def _add_to_stacks(stacks: list[Stack], block: Block) -> None:
    """``block`` into the stack it is set right over or under, else a stack of its own."""
    for stack in stacks:
        if stack.vertical or block.vertical or _is_label(block) or any(_is_label(b) for b in stack.blocks):
            continue
        smaller = min(stack.size, block.size)
        gap = max(stack.y0 - block.y1, block.y0 - stack.y1)
        overlap = min(stack.x1, block.x1) - max(stack.x0, block.x0)
        if -0.3 * smaller <= gap <= STACK_GAP * smaller and overlap >= 0.3 * min(stack.width, block.width):
            stack.add(block)
            stack.blocks.sort(key=lambda b: -b.y1)
            return
    stacks.append(Stack([block]))


def _is_label(block: Block) -> bool:
    """A column label (简讯, 快讯): it heads a column, never stacks with a headline."""
    text = normalise(block.text)
    return len(text) <= 8 and bool(_COLUMN_LABEL.search(text))


def _stacks_with(stack: Stack, block: Block) -> bool:
    last = stack.blocks[-1]
    if _is_label(last) or _is_label(block):
        return False
    smaller = min(last.size, block.size)
    if stack.vertical or block.vertical:
        if not (stack.vertical and block.vertical):
            return False
        gap = side_gap(block, stack)
        overlap = min(stack.y1, block.y1) - max(stack.y0, block.y0)
        return gap <= STACK_GAP * smaller and overlap >= 0.3 * min(stack.y1 - stack.y0, block.y1 - block.y0)
    gap = last.y0 - block.y1
    if not -0.3 * smaller <= gap <= STACK_GAP * smaller:
        return False
    overlap = min(last.x1, block.x1) - max(last.x0, block.x0)
    return overlap >= 0.3 * min(last.width, block.width)


def _take_bylines(
    stacks: list[Stack], names: list[Block], body: list[Block], display: list[Block], layout: Layout
) -> list[Block]:
    """A short line of names (or a byline) set right under a stack, or beside a vertical one,
    is the stack's byline: under it, or flush with its story's edge under a headline centred
    over the story (within the row of columns starting under the headline, or less than a
    column from it; nothing between them; the nearest headline).  Returns the name lines no
    stack took."""
    left: list[Block] = []
    others = [*body, *display]
    beside: list[tuple[float, Block, list[Stack]]] = []
    stacks = [stack for stack in stacks if not all(_is_label(block) for block in stack.blocks)]  # 简讯
    for block in names:
        line = block.lines[0]
        for stack in stacks:
            if _under(stack, line) or (stack.vertical and _beside(stack, line)):
                stack.add_byline(line)
                break
        else:
            near = [s for s in stacks if _under_beside(s, block, others, body, layout)]
            distance = min((side_gap(s, line) for s in near), default=0.0)
            beside.append((distance, block, near))
    # the nearest first; a story has one byline on a row: a stack whose byline stands level
    # with this line a column away or more (not the next piece of it: 本报记者 何静　通讯员 李华)
    # is another story's
    for _distance, block, near in sorted(beside, key=lambda item: item[0]):
        line = block.lines[0]
        free = [s for s in near if not _byline_elsewhere_on_row(s, line, layout)]
        stack = min(free, key=lambda s: side_gap(s, line), default=None)
        if stack is not None:
            stack.add_byline(line)
        else:
            left.append(block)
    return left


def _byline_elsewhere_on_row(stack: Stack, line: Line, layout: Layout) -> bool:
    """``stack`` has a byline level with ``line``, a column's width or more away from it."""
    return any(
        abs(taken.baseline - line.baseline) < line.size and side_gap(taken, line) >= layout.column
        for taken in stack.bylines
    )


def _under_beside(stack: Stack, block: Block, others: list[Block], body: list[Block], layout: Layout) -> bool:
    """``block`` stands just under ``stack`` but to one side of it, within the row of columns
    that starts under the stack (or less than a column away), with nothing between them."""
    line = block.lines[0]
    gap = stack.y0 - line.y1
    if stack.vertical or not -0.2 * line.size <= gap <= BYLINE_GAP * line.size:
        return False
    span = _row_under(stack, body, layout.em)
    within = any(
        reach is not None and reach[0] - layout.em <= line.x0 and line.x1 <= reach[1] + layout.em
        for reach in (span, _picture_under(stack, layout))
    )
    apart = side_gap(stack, line)
    if not within and (apart > layout.column or (span is not None and apart > 0)):
        return False  # off to one side, outside the row of columns under the headline
    x0, x1 = min(stack.x0, line.x0), max(stack.x1, line.x1)
    return not any(
        other is not block
        and other.y0 < stack.y0
        and other.y1 > line.y1
        and min(other.x1, x1) > max(other.x0, x0)
        and not any(other is b for b in stack.blocks)
        for other in others
    )


def _picture_under(stack: Stack, layout: Layout) -> tuple[float, float] | None:
    """The span of a picture standing right under ``stack`` (its top within a few ems): a
    photo over the story's width, a credit flush with its edge."""
    em = layout.em
    spans = [
        (picture.box[0], picture.box[2])
        for picture in layout.lines.page.pictures
        if 0 <= stack.y0 - picture.box[3] <= 6 * em
        and min(picture.box[2], stack.x1) - max(picture.box[0], stack.x0) >= 2 * em
    ]
    return (min(x0 for x0, _ in spans), max(x1 for _, x1 in spans)) if spans else None


def _row_under(stack: Stack, body: list[Block], em: float) -> tuple[float, float] | None:
    """The span of the row of columns whose first lines start level with the text right under
    ``stack``, chained by gutters (at most 3 ems; a mark hanging into a gutter may overlap the
    next column): the story's width under a centred headline."""
    under = [
        b
        for b in body
        if 0 <= stack.y0 - b.y1 <= 6 * em and min(b.x1, stack.x1) - max(b.x0, stack.x0) >= 2 * em
    ]
    if not under:
        return None
    top = max(b.y1 for b in under)
    row = [b for b in body if abs(b.y1 - top) <= 2 * em]
    # each column as wide as its text under its top line (a paragraph's last line may top it)
    spans = sorted(
        (b.x0, max(o.x1 for o in body if abs(o.x0 - b.x0) <= em and b.y1 - 6 * em <= o.y1 <= b.y1 + em))
        for b in row
    )
    x0, x1 = min(b.x0 for b in under), max(b.x1 for b in under)
    grown = True
    while grown:
        grown = False
        for b0, b1 in spans:
            if (b0 < x0 and b1 >= x0 - 3 * em) or (b1 > x1 and b0 <= x1 + 3 * em):
                x0, x1 = min(x0, b0), max(x1, b1)
                grown = True
    return x0, x1


def _names_line(line: Line) -> bool:
    text = normalise(line.text)
    spaced = " ".join(line.text.split())
    if is_byline(text):
        return True
    return bool(_NAMES.match(spaced)) and 2 <= len(text) <= 16 and not has_body_punctuation(text)


def _under(stack: Stack, line: Line) -> bool:
    gap = stack.y0 - line.y1
    overlap = min(stack.x1, line.x1) - max(stack.x0, line.x0)
    return -0.2 * line.size <= gap <= BYLINE_GAP * line.size and overlap > 0.5 * (line.x1 - line.x0)


def _beside(stack: Stack, line: Line) -> bool:
    gap = side_gap(line, stack)
    return line.vertical and gap <= 2 * line.size and stack.y0 <= line.y1 <= stack.y1
