"""Stories of a PDF page to the shared model: a :class:`~sphinx_newspaper.model.Page` of articles.

The last step of the PDF route.  Each story becomes an :class:`~sphinx_newspaper.model.Article`:

* **headline parts** by size: the stack's largest type is the title, smaller type above it the
  kicker, below it the subtitle; where sizes do not tell, the dashes do (``——`` ends a kicker,
  starts a subtitle), as in the text route (:func:`.headlines.headline_parts`);
* **byline**: the names under the headline, a byline line over the text, the credit in a lead
  (``本报讯（记者 张三）``), or a closing author set apart at the story's end (``（王普）``);
* **paragraphs**: a paragraph starts at a line set in from its column's left edge (the
  first-line indent), after a subhead, and at a line set apart to the right (``（作者为…）``);
  lines are joined by the text route's spacing rule;
* **subheads** with their deck (a second centred line), **captions**.

What no story claims is read by the text route's masthead rules (:mod:`.masthead`): date,
weekday, page number and section go to the masthead, editors' lines to the credits, the rest
to the page furniture.  Nothing is dropped.

Layout facts for later use stay on the model but out of ``to_json``: the page size, the PDF page
index, and each article's regions as boxes in PDF points.
"""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

from ...model import Article, Block, Notice, Page
from ...subtypes import Subtype
from ...util.characters import LeftOut, left_out_notice
from ...util.errors import IngestError, display
from .. import lines as text_lines
from ..headlines import (
    headline_parts,
    is_kicker,
    is_lead,
    is_subtitle,
    lead_credit,
    tidy_names,
    title_or_inferred,
)
from ..lines import has_body_punctuation, join_lines, normalise
from ..masthead import find_paper, mark_furniture, read_masthead
from .chars import PdfPage
from .layout import MAX_INDENT, MIN_INDENT, read_blocks
from .layout import Block as LayoutBlock
from .lines import Line, PageLines, read_lines
from .pictures import Found, find_figures, make_figure, picture_name
from .placed import block_ids, page_layout
from .regions import read_regions
from .roles import Stack, byline_line, closes_story, read_roles
from .stories import SPANNING, Story, lines_of, read_stories
from .tables import TableBlock, find_tables, without_tables


def read_pdf(path: str | Path, root: Path | None = None, ocr: str = "auto") -> list[Page]:
    """Every page of a PDF file, in the file's order (one :class:`IngestError` for a page that
    cannot be read).  ``root``: see :func:`.files.read_input`.  ``ocr`` (:data:`.ocr.MODES`):
    whether pages with no usable text layer (scans, garbled fonts) are read through OCR, or
    every page is."""
    from .chars import NeedsOcr, open_pdf_data, pdf_digest, read_page_chars, read_pdf_data

    source = display(path)
    if ocr == "always":
        check_ocr(IngestError(source, "is to be read through OCR (newspaper_ocr = 'always')"), ocr)
    data = read_pdf_data(path, root)
    digest = pdf_digest(data)
    document = open_pdf_data(data, source)
    collecting = gc.isenabled()
    # Reading a page makes tens of thousands of objects and no reference cycles: the cycle
    # collector's passes (a few milliseconds a page) would find nothing to free.
    gc.disable()
    try:
        several = len(document) > 1
        pages: list[Page | None] = []
        scans: list[int] = []
        for index in range(len(document)):
            if ocr == "always":
                pages.append(None)
                scans.append(index)
                continue
            try:
                pages.append(read_pdf_page(read_page_chars(document, source, index), several))
            except NeedsOcr as error:
                check_ocr(error, ocr)
                pages.append(None)
                scans.append(index)
    finally:
        document.close()
        if collecting:
            gc.enable()
    if scans:
        from .scan import read_pdf_scans

        for index, page in read_pdf_scans(data, source, scans, several):
            pages[index] = page
    done = [page for page in pages if page is not None]
    for page in done:
        page.pdf_digest = digest
        for figure in page.all_figures:
            figure.image = picture_name(digest, page.pdf_page or 0, figure.number)
    return done


def check_ocr(error: IngestError, ocr: str) -> None:
    """Let a page that needs OCR through, or refuse it: OCR turned off, or the extra missing."""
    from .ocr import INSTALL_HINT, available

    if ocr == "never":
        hint = "newspaper_ocr (or :ocr:) is 'never': set it to 'auto' to read such pages through OCR"
        raise IngestError(error.source, error.problem, hint) from None
    if not available():
        raise IngestError(error.source, error.problem, INSTALL_HINT) from None


def read_pdf_page(pdf: PdfPage, several: bool = False) -> Page:
    """One PDF page read into the shared model.  The page's source is the file, with
    ``#page=N`` when the file holds several pages."""
    return read_page_lines(read_lines(pdf), several)


def read_page_lines(lines: PageLines, several: bool = False) -> Page:
    """A page's lines (from its text layer, or from OCR: :mod:`.scan`) read into the shared
    model: blocks, roles, stories, pictures, furniture."""
    pdf = lines.page
    tables = find_tables(lines)
    layout = read_blocks(without_tables(lines, tables) if tables else lines)
    if tables:
        layout.lines = lines
        layout.blocks.extend(tables)
    regions = read_regions(layout)
    roles = read_roles(layout)
    stories = read_stories(roles)
    source = f"{pdf.source}#page={pdf.index + 1}" if several else pdf.source
    page = Page(source=source)
    page.pdf_page = pdf.index
    page.size = (pdf.width, pdf.height)
    if pdf.left_out:
        page.left_out = len(pdf.left_out)
        page.notices.append(
            left_out_notice(
                source, left_out_places(pdf), "control characters or noncharacters in the PDF's text layer"
            )
        )
    found, notices = find_figures(pdf, roles, stories)
    for notice in notices:
        notice.source = source  # the page, as the page's other notices name it
    page.notices.extend(notices)
    pictured = {id(item.caption) for item in found if item.caption is not None}
    loose = [caption for caption in stories.loose_captions if id(caption) not in pictured]
    leftover = [lines_of(item) for item in [*stories.furniture, *loose]]
    _read_furniture(page, leftover, roles.header)
    slug = page.slug
    ids = block_ids(stories, found, pdf.height)
    for index, story in enumerate(stories.stories, start=1):
        figures = [item for item in found if item.story is story]
        page.articles.append(_article(story, f"{slug}-{index:02d}", layout.em, figures, pictured, ids))
    page.figures = [make_figure(item) for item in found if item.story is None]
    page.layout = page_layout(pdf, layout, stories, found, ids, page.articles, roles.header, regions)
    page.paper = find_paper(page.masthead + page.credits + page.furniture) or find_paper(
        [a.byline or "" for a in page.articles] + [a.blocks[0].text[:20] for a in page.articles if a.blocks]
    )
    for article in page.articles:
        if article.title_inferred:
            page.notices.append(
                Notice(
                    Subtype.TITLE_INFERRED,
                    f"article {article.id} has no headline on the page; titled {article.title!r} "
                    "from its first words (set its title in a corrections file)",
                    source,
                    article=article.id,
                )
            )
    if not page.articles:
        page.notices.append(
            Notice(
                Subtype.NO_ARTICLES, "no articles found on this page; its text is kept as furniture", source
            )
        )
    return page


def left_out_places(pdf: PdfPage) -> list[LeftOut]:
    """The characters left out of a PDF page, each with where it stood (``page 2 at 120,540
    pt``: its origin in PDF points from the page's bottom-left corner)."""
    return [(char, f"page {pdf.index + 1} at {x:.0f},{y:.0f} pt") for char, x, y in pdf.left_out]


def _read_furniture(page: Page, leftover: list[list[Line]], header: float) -> None:
    """Masthead facts, credits and furniture from the lines no story claimed (grouped by the
    block they stand in), read top to bottom by the text route's rules; the masthead is looked
    for in the page header only."""
    groups = sorted(leftover, key=lambda lines: (-round(lines[0].y1), lines[0].x0))
    text: list[text_lines.Line] = []
    top: list[text_lines.Line] = []
    number = 0
    for lines in groups:
        number += 1  # a blank line between blocks: they are not one run of text
        text.append(text_lines.Line(number, "", "", "blank"))
        for line in lines:
            clean = normalise(line.text)
            if not clean:
                continue
            number += 1
            entry = text_lines.Line(number, line.text, clean, "text", text_lines.width(clean))
            text.append(entry)
            if line.y1 >= header:
                top.append(entry)
    # the masthead's rules read the header as printed, spaces kept (``7 理论``: page 7, 理论)
    shown = [
        text_lines.Line(line.number, line.raw, " ".join(line.raw.split()), "text", line.width) for line in top
    ]
    masthead = read_masthead(shown)
    for line, seen in zip(top, shown, strict=True):
        if seen.kind == "masthead":
            line.kind = "masthead"
    mark_furniture(text, number + 1)
    text = [line for line in text if not line.blank]
    page.masthead = masthead.lines
    page.date, page.weekday = masthead.date, masthead.weekday
    page.number, page.section = masthead.number, masthead.section
    page.credits = [line.display for line in text if line.kind == "credit"]
    page.furniture = [line.display for line in text if line.kind not in ("masthead", "credit")]


def _article(
    story: Story, article_id: str, em: float, found: list[Found], pictured: set[int], ids: dict[int, str]
) -> Article:
    """One story as an article; ``found``: its pictures; ``pictured``: the captions (by id) that
    pictures show, wherever the pictures go; ``ids``: the page's block ids (:mod:`.placed`)."""
    kicker = title = subtitle = None
    bylines: list[str] = []
    if story.stack is not None:
        kicker, title, subtitle = stack_parts(story.stack)
        bylines.extend(tidy_names(line.text) for line in story.stack.bylines)
    blocks, more_bylines, closings = _body(story, em, ids)
    bylines.extend(more_bylines)
    if closings and not bylines:
        bylines.append(closings.pop(0)[0])
    # kept where they stand: last
    blocks.extend(Block("paragraph", text, parts=[(part, 0)]) for text, part in closings)
    title, inferred = title_or_inferred(title, blocks)
    article = Article(
        id=article_id,
        title=title,
        blocks=blocks,
        kicker=kicker,
        subtitle=subtitle,
        byline="　".join(bylines) or None,
        captions=[
            join_lines([normalise(line.text) for line in caption.lines])
            for caption in story.captions
            if id(caption) not in pictured
        ],
        figures=[make_figure(item) for item in found],
        title_inferred=inferred,
    )
    article.regions = _regions(story)
    return article


def stack_roles(stack: Stack) -> list[tuple[LayoutBlock, str]]:
    """Each block of a headline stack with its part, by size as :func:`stack_parts` reads a
    tiered stack (``kicker``, ``title``, ``subtitle``); the deck is a subtitle."""
    blocks = sorted(stack.blocks, key=lambda b: -b.x1 if stack.vertical else -b.y1)
    biggest = max(block.size for block in blocks)
    title_at = next(i for i, block in enumerate(blocks) if block.size >= biggest / 1.06)
    roles = []
    for index, block in enumerate(blocks):
        if block.size >= biggest / 1.06 or not stack.tiered:
            role = "title"
        else:
            role = "kicker" if index < title_at else "subtitle"
        roles.append((block, role))
    if stack.deck is not None:
        roles.append((stack.deck, "subtitle"))
    return roles


def stack_parts(stack: Stack) -> tuple[str | None, str, str | None]:
    """Kicker, title and subtitle of a headline stack, by size (dashes where sizes are equal)."""
    if stack.vertical:
        blocks = sorted(stack.blocks, key=lambda b: -b.x1)  # vertical type reads right to left
    else:
        blocks = sorted(stack.blocks, key=lambda b: -b.y1)
    texts = [_block_text(block) for block in blocks]
    if not stack.tiered:
        if stack.deck is not None:
            return None, " ".join(texts), _block_text(stack.deck)
        return headline_parts(texts)
    biggest = max(block.size for block in blocks)
    title_at = next(i for i, block in enumerate(blocks) if block.size >= biggest / 1.06)
    title_end = title_at
    while title_end + 1 < len(blocks) and blocks[title_end + 1].size >= biggest / 1.06:
        title_end += 1
    title = " ".join(texts[title_at : title_end + 1])
    above = texts[:title_at]
    below = texts[title_end + 1 :]
    if stack.vertical and above and not below and not is_kicker(above[-1]):
        above, below = [], above  # a smaller vertical line beside the title: its subtitle
    kicker = " ".join(above) or None
    if stack.deck is not None:
        below.append(_block_text(stack.deck))
    subtitle = " ".join(below) or None
    if kicker and is_subtitle(kicker) and not subtitle:
        kicker, subtitle = None, kicker
    return kicker, title, subtitle


def _block_text(block: LayoutBlock) -> str:
    """A display block's lines as one text: wrapped lines joined, lines broken by the editor
    (centred, or short over a longer one) joined with a space."""
    texts = [" ".join(line.text.split()) for line in block.lines]
    if len(texts) == 1:
        return texts[0]
    out = texts[0]
    for previous, line, text in zip(block.lines, block.lines[1:], texts[1:], strict=False):
        wrapped = previous.x1 >= block.x1 - 0.6 * line.size
        out = join_lines([out, text]) if wrapped else f"{out} {text}"
    return out


def _body(
    story: Story, em: float, ids: dict[int, str]
) -> tuple[list[Block], list[str], list[tuple[str, str]]]:
    """Paragraphs and subheads in reading order, each with the ids of the blocks its text came
    from; bylines found in the text; closing authors set apart (（王普）), with their block's id."""
    out: list[Block] = []
    bylines: list[str] = []
    closings: list[tuple[str, str]] = []
    paragraph: list[str] = []
    came_from: list[str] = []  # the id of the block each line of ``paragraph`` stands in
    shown: list[str] = []  # the first paragraph as printed (spaces kept), for its lead's credit

    def flush() -> None:
        if paragraph:
            out.append(Block("paragraph", join_lines(paragraph), parts=text_parts(paragraph, came_from)))
            paragraph.clear()
            came_from.clear()

    for element in reading_order(story):
        if isinstance(element, Stack):
            flush()
            texts = [_block_text(block) for block in element.blocks]
            if len(texts) == 1 and len(element.blocks[0].lines) == 2 and _centred(element.blocks[0]):
                first, second = element.blocks[0].lines
                texts = [" ".join(first.text.split()), " ".join(second.text.split())]
            if element.deck is not None:
                texts.append(_block_text(element.deck))
            parts = [(ids[id(element.blocks[0])], 0)]
            out.append(Block("subhead", texts[0], deck="".join(texts[1:]) or None, parts=parts))
            continue
        if isinstance(element, TableBlock):
            flush()
            table = Block.table(element.rows, element.header_rows)
            table.parts = [(ids[id(element)], 0)]
            out.append(table)
            continue
        left = _left_edge(element, em)
        opened = False  # the block opens with a byline line
        for index, line in enumerate(element.lines):
            text = normalise(line.text)
            if not text:
                continue
            if index == 0 and byline_line(line) and not is_lead(text):
                flush()
                bylines.append(tidy_names(line.text))
                opened = True
                continue
            if index == 1 and opened and _byline_runs_on(element.lines, em):
                bylines[-1] = tidy_names(element.lines[0].text + line.text)
                continue
            if closes_story(line) and not normalise(line.text).startswith(("（作者", "(作者")):
                flush()
                closings.append((" ".join(line.text.split()), ids[id(element)]))
                continue
            indent = (line.x0 - left) / em
            starts = (
                MIN_INDENT <= indent <= MAX_INDENT or indent > MAX_INDENT or (is_lead(text) and index == 0)
            )
            if starts:
                flush()
            paragraph.append(text)
            came_from.append(ids[id(element)])
            if not any(block.kind == "paragraph" for block in out):
                shown.append(" ".join(line.text.split()))
            if indent > MAX_INDENT:
                flush()
    flush()
    if not bylines:
        # a lead's credit in the first paragraph (本报讯（记者 张三）)
        first = join_lines(shown)
        credit = lead_credit(first) if is_lead(first) else None
        if credit:
            bylines.append(credit)
    return out, bylines, closings


def text_parts(lines: list[str], came_from: list[str]) -> list[tuple[str, int]]:
    """Where the text of each block starts in the lines joined (:func:`.lines.join_lines`, which
    only ever adds a space between two lines): ``[(block id, offset), ...]``."""
    parts: list[tuple[str, int]] = []
    joined = ""
    for index, (line, block) in enumerate(zip(lines, came_from, strict=True)):
        before = len(joined)
        joined = join_lines([joined, line]) if index else line
        if not parts or parts[-1][0] != block:
            start = len(joined) - len(line)
            parts.append((block, start if index else before))
    return parts


def _byline_runs_on(lines: list[Line], em: float) -> bool:
    """The byline opening a block of text (``lines[0]``) runs on to its second line
    (``■记者 欧阳晨 实习`` / ``生 杨光``): a short line of names in the byline's face, the text
    after it in another face or starting a paragraph (set in)."""
    first, second = lines[0], lines[1]
    text = normalise(second.text)
    if second.font != first.font or not text or len(text) > 8 or has_body_punctuation(text):
        return False
    if first.x1 - first.x0 < second.x1 - second.x0:
        return False  # a byline wraps when it fills its line
    following = lines[2] if len(lines) > 2 else None
    return following is None or following.font != second.font or following.x0 - first.x0 >= MIN_INDENT * em


def _set_apart(line: Line, left: float, em: float) -> bool:
    return line.x0 - left > MAX_INDENT * em


def _centred(block: LayoutBlock) -> bool:
    first, second = block.lines[:2]
    return (
        abs((first.x0 + first.x1) - (second.x0 + second.x1)) < 2 * first.size
        and abs(first.x0 - second.x0) > 0.5 * first.size
    )


def _left_edge(block: LayoutBlock, em: float) -> float:
    """Where the block's lines start: the most common left end of its lines (first lines are
    set in; of equally common ends, the leftmost); a one-line block takes its column's."""
    if len(block.lines) == 1:
        return block.column_left if block.column_left is not None else block.x0
    return most_common_left([line.x0 for line in block.lines])


def most_common_left(starts: list[float]) -> float:
    """The most common left end (to half a point); of equally common ones, the leftmost."""
    counts = Counter(round(x * 2) / 2 for x in starts)
    return min(counts, key=lambda x: (-counts[x], x))


def reading_order(story: Story) -> list[LayoutBlock | Stack]:
    """A story's blocks and subheads by columns: left to right, each top to bottom.  A table
    set across its columns (wider than one, or with no text beside it) parts them: the columns
    above it are read first, then the table, then the columns under it."""
    elements: list[LayoutBlock | Stack] = [*story.blocks, *story.subheads]
    text = [b for b in story.blocks if not isinstance(b, TableBlock)]
    widest = max((b.width for b in text), default=0.0)
    across = sorted(
        (
            b
            for b in story.blocks
            if isinstance(b, TableBlock)
            and (b.width > SPANNING * widest or not any(t.y0 < b.y1 and b.y0 < t.y1 for t in text))
        ),
        key=lambda b: -b.y1,
    )
    ordered: list[LayoutBlock | Stack] = []
    blocks = [b for b in story.blocks if not any(b is table for table in across)]
    subheads = list(story.subheads)
    for table in across:
        middle = (table.y0 + table.y1) / 2
        ordered += _by_columns([b for b in blocks if b.y0 >= middle], [s for s in subheads if s.y0 >= middle])
        ordered.append(table)
        blocks = [b for b in blocks if b.y0 < middle]
        subheads = [s for s in subheads if s.y0 < middle]
    ordered += _by_columns(blocks, subheads)
    assert len(ordered) == len(elements)
    return ordered


def _by_columns(blocks: list[LayoutBlock], subheads: list[Stack]) -> list[LayoutBlock | Stack]:
    """Blocks and subheads by columns: left to right, each top to bottom."""
    columns: list[list[LayoutBlock | Stack]] = []
    for element in sorted(blocks, key=lambda e: e.x0):
        for column in columns:
            left, right = min(e.x0 for e in column), max(e.x1 for e in column)
            overlap = min(right, element.x1) - max(left, element.x0)
            if overlap >= 0.5 * min(right - left, element.x1 - element.x0):
                column.append(element)
                break
        else:
            columns.append([element])
    for sub in subheads:
        best = max(
            columns,
            key=lambda column: min(column[0].x1, sub.x1) - max(column[0].x0, sub.x0),
            default=None,
        )
        if best is None:
            columns.append([sub])
        else:
            best.append(sub)
    for column in columns:
        lefts = [line.x0 for e in column if isinstance(e, LayoutBlock) for line in e.lines]
        left = most_common_left(lefts) if lefts else None
        for element in column:
            if isinstance(element, LayoutBlock):
                element.column_left = left
    columns.sort(key=lambda column: min(e.x0 for e in column))
    return [element for column in columns for element in sorted(column, key=lambda e: -e.y1)]


def _regions(story: Story) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, y0, x1, y1 in PDF points, origin bottom left) covering the story: its
    headline, and each of its blocks, subheads and captions."""
    items: list[LayoutBlock | Stack | Line] = [*story.blocks, *story.subheads, *story.captions]
    if story.stack is not None:
        items[:0] = [story.stack, *story.stack.bylines]
    return [(round(i.x0, 1), round(i.y0, 1), round(i.x1, 1), round(i.y1, 1)) for i in items]


def source_file(source: str) -> Path:
    """The file a page was read from (its source less a ``#page=N``)."""
    return Path(source.split("#page=")[0])
