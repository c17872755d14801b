"""The one shared vocabulary: an issue is pages, a page is articles and page furniture.

Plain dataclasses with no Sphinx imports, so the ingest, the ``inspect`` command and
the builders all speak about the same things.  ``Page.to_json`` is the documented
``inspect --json`` schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .subtypes import Subtype

BlockKind = Literal["paragraph", "subhead", "table"]
#: A box on a PDF page: x0, y0, x1, y1 in points, the page's bottom-left corner at (0, 0).
Box = tuple[float, float, float, float]


@dataclass
class Block:
    """One unit of article body: a paragraph, a subhead with an optional deck line, or a table.

    A table (weather, stock prices, lottery results, TV listings, sports tables) keeps its cells
    in ``rows``, the first ``header_rows`` of them its header; its ``text`` is every cell, row by
    row, for searching and counting (:meth:`table`).
    """

    kind: BlockKind
    text: str
    deck: str | None = None
    line: int | None = None  # 1-based line in the source file where the block starts
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    #: PDF pages: the layout blocks its text was read from, in order, each as (its id, where its
    #: text starts in ``text``); ``[[move]]`` corrections move text by these ids and drawings show
    #: them.  Empty for text input.  Not part of the ``inspect --json`` schema.
    parts: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def table(cls, rows: list[list[str]], header_rows: int = 0, line: int | None = None) -> Block:
        """A table block of ``rows`` of cells (its text: cells joined by spaces, rows by line ends)."""
        text = "\n".join(" ".join(cell for cell in row if cell) for row in rows)
        return cls("table", text, line=line, rows=[list(row) for row in rows], header_rows=header_rows)

    def to_json(self) -> dict[str, Any]:
        if self.kind == "subhead":
            return {"type": "subhead", "text": self.text, "deck": self.deck}
        if self.kind == "table":
            return {
                "type": "table",
                "rows": [list(row) for row in self.rows],
                "header_rows": self.header_rows,
            }
        return {"type": "paragraph", "text": self.text}


@dataclass
class Figure:
    """A picture printed with the news (a photo, a cartoon, a chart) and its caption.

    ``box`` is the part of the picture that shows on its PDF page (pictures are often clipped);
    ``image`` the name of the JPEG the build and ``inspect --images`` write for it.
    """

    box: Box
    image: str
    caption: str | None = None  # the caption without its credit
    credit: str | None = None  # the photographer's credit: ``新甘肃·甘肃法治报通讯员 朱艳霞 摄``
    number: int = 0  # the image object's place among its page's images (from 1), for messages
    pixels: tuple[int, int] = (0, 0)  # the image's size as stored in the PDF
    density: float = 0.0  # stored pixels per point: rendering never enlarges the picture past it

    def to_json(self) -> dict[str, Any]:
        return {
            "image": self.image,
            "caption": self.caption,
            "credit": self.credit,
            "box": [round(value, 1) for value in self.box],
        }

    @property
    def text(self) -> str:
        """Caption and credit as printed, for counting and matching."""
        return " ".join(part for part in (self.caption, self.credit) if part)


@dataclass
class Article:
    """One story on a page, with its headline parts (kicker, title, subtitle) and byline."""

    id: str  # stable within the issue, e.g. "p04-01"
    title: str
    blocks: list[Block] = field(default_factory=list)
    kicker: str | None = None  # 引题, above the title
    subtitle: str | None = None  # 副题, below the title
    byline: str | None = None
    #: Captions of pictures that are not extracted (the text route: every caption).
    captions: list[str] = field(default_factory=list)
    #: Pictures of the story (PDF pages), each with its caption.
    figures: list[Figure] = field(default_factory=list)
    title_inferred: bool = False
    line: int | None = None  # 1-based line where the article's body starts
    #: Where the article stands on its PDF page (headline, text blocks, subheads, captions);
    #: empty for text input.  Not part of the ``inspect --json`` schema.
    regions: list[Box] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kicker": self.kicker,
            "title": self.title,
            "title_inferred": self.title_inferred,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "blocks": [block.to_json() for block in self.blocks],
            "captions": list(self.captions),
            "figures": [figure.to_json() for figure in self.figures],
        }


@dataclass
class Decision:
    """One decision of the PDF route's rules about a block, a headline or a story
    (``inspect --explain``): which step made it, the rule (named for the layout it handles) and
    the measures it read, in the page's units (names end in ``_em``, ``_leading``, ``_columns``,
    ``_ratio``, ``_share``)."""

    step: str
    rule: str
    measures: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "rule": self.rule, "measures": dict(self.measures)}

    def __str__(self) -> str:
        shown = ", ".join(f"{name} {value:g}" for name, value in self.measures.items())
        return f"{self.step}:{self.rule}" + (f" ({shown})" if shown else "")


@dataclass
class Placed:
    """One block of a PDF page as the layout read it: where it stands and what it became.

    Drawings (``inspect --draw``) show each with its id, and layout warnings measure them.
    """

    #: ``b062-140``: where the block's first line starts, in points from the page's left edge
    #: and top (``a``, ``b`` after it where two blocks start at one point); stable for a given
    #: PDF.  ``[[move]]`` corrections name blocks by it.
    id: str
    box: Box
    #: What the block is: ``kicker``, ``title``, ``subtitle``, ``byline``, ``body``, ``subhead``,
    #: ``caption``, ``table``, ``furniture``, ``advert`` or ``masthead``.
    role: str
    article: str | None = None  # the id of the article it went to; None for page text
    size: float = 0.0  # its type size, points
    text: str = ""  # its text as printed (lines joined)
    rule: str = ""  # the rule that placed it (its last decision's), for the trace
    #: Body text: its first line is set in as a paragraph's first line is (True), or runs on from
    #: a paragraph before it (False); None where the layout cannot tell (one line, headlines).
    opens: bool | None = None
    #: Every decision the rules made about it, first to last (``inspect --explain``).
    decisions: list[Decision] = field(default_factory=list)

    def trace_json(self) -> dict[str, Any]:
        """The block in ``inspect --json --explain``'s ``trace``."""
        return {
            "id": self.id,
            "role": self.role,
            "article": self.article,
            "text": self.text,
            "rule": self.rule,
            "decisions": [decision.to_json() for decision in self.decisions],
        }


@dataclass
class LayoutRegion:
    """One region of the page's region tree (:mod:`.ingest.pdf.regions`): the page cut into
    bands and columns by rules, frames and white.  Drawings outline them."""

    box: Box
    #: ``bands`` (its children top to bottom), ``columns`` (left to right) or ``leaf``.
    kind: str
    depth: int  # 0 for the page's region, 1 for its bands or columns, ...
    #: How it is parted from the region before it: ``rule``, ``white``, or ``""`` (the first).
    edge: str = ""
    framed: bool = False  # a frame or panel is drawn round exactly its text
    blocks: list[str] = field(default_factory=list)  # a leaf's block ids, top to bottom


@dataclass
class PageLayout:
    """What the PDF route measured on a page: its units, its rules and every block it placed.

    Not part of the ``inspect --json`` schema.
    """

    em: float  # the body size, points
    leading: float  # body baseline to baseline, points
    column: float  # the most common body column width, points
    rules: list[Box] = field(default_factory=list)  # drawn rules and frame edges
    pictures: list[Box] = field(default_factory=list)  # every image shown (news or not)
    blocks: list[Placed] = field(default_factory=list)  # in reading order
    #: Each article's story (by article id): the decisions that opened and closed it.
    stories: dict[str, list[Decision]] = field(default_factory=dict)
    #: The region tree, depth first (the page's region first): the reading order of regions.
    regions: list[LayoutRegion] = field(default_factory=list)

    def block(self, identifier: str) -> Placed | None:
        return next((placed for placed in self.blocks if placed.id == identifier), None)

    def trace_json(self) -> dict[str, Any]:
        """The page's trace (``inspect --json --explain``): its units, each article's story with
        its blocks, then the blocks no article holds (README, "The JSON schema")."""
        articles: dict[str, list[Placed]] = {}
        for placed in self.blocks:
            if placed.article is not None:
                articles.setdefault(placed.article, []).append(placed)
        return {
            "units": {
                "em": round(self.em, 2),
                "leading": round(self.leading, 2),
                "column": round(self.column, 1),
            },
            "articles": [
                {
                    "id": article,
                    "decisions": [decision.to_json() for decision in self.stories.get(article, [])],
                    "blocks": [placed.trace_json() for placed in blocks],
                }
                for article, blocks in articles.items()
            ],
            "page": [placed.trace_json() for placed in self.blocks if placed.article is None],
        }


@dataclass
class Notice:
    """Something the ingest wants the user to know, with where it happened.

    ``subtype`` is the warning subtype under ``newspaper.*`` (see docs/warnings.md).
    """

    subtype: Subtype
    message: str
    source: str
    line: int | None = None
    article: str | None = None  # the id of the article it is about (corrections withdraw it)
    #: Where on its PDF page it is about (PDF points, origin bottom left); None for text input.
    box: Box | None = None


@dataclass
class DoubtfulLine:
    """A line the OCR read with low confidence: its text, the confidence (0 to 1) and where it
    stands on the page (points, origin bottom left), for ``inspect`` and ``--draw`` to show."""

    text: str
    confidence: float
    box: Box | None = None


@dataclass
class OcrReport:
    """What the OCR read on a page that had no usable text of its own (a scan, a garbled text
    layer, a page image): in the ``inspect --json`` schema as the page's ``ocr``."""

    engine: str  # the engine and its version
    dpi: int  # the density the page was read at
    skew: float  # degrees the page was turned to straighten it
    lines: int  # lines recognised
    text: str  # every character read, line by line: what ``inspect --check`` counts
    #: Lines read with low confidence: a corrections file fixes them.
    doubtful: list[DoubtfulLine] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "dpi": self.dpi,
            "skew": self.skew,
            "lines": self.lines,
            "doubtful": [
                {"text": line.text, "confidence": line.confidence}
                | ({"box": [round(value, 1) for value in line.box]} if line.box else {})
                for line in self.doubtful
            ],
        }


@dataclass
class Page:
    """One newspaper page (版): masthead facts, its articles and everything else on it."""

    source: str
    masthead: list[str] = field(default_factory=list)
    paper: str | None = None
    date: dt.date | None = None
    weekday: str | None = None
    number: str | None = None  # page number as printed: "4", "A06"
    section: str | None = None  # 版名, e.g. "阅读昭通·党建"
    column: str | None = None  # special column banner, e.g. "对标先进 争创一流"
    credits: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    #: Pictures that stand on their own, with no story (a news photo and its caption).
    figures: list[Figure] = field(default_factory=list)
    #: For pages read from a PDF: the 0-based index of the PDF page, its size in points
    #: (width, height) and a digest of the PDF file's bytes (pictures are named after it).
    #: Not part of the ``inspect --json`` schema.
    pdf_page: int | None = None
    size: tuple[float, float] | None = None
    pdf_digest: str | None = None
    #: For pages read from a PDF: the layout as read (blocks with ids, rules, units).
    layout: PageLayout | None = None
    #: Characters of its input no output can show, left out (each reported by a
    #: ``newspaper.invalid-character`` notice; ``inspect --check`` counts them).
    left_out: int = 0
    #: For pages read through OCR: what it read, how sure it was.
    ocr: OcrReport | None = None
    #: For pages read from a PDF: what of the page could not be read or cannot be seen (a
    #: damaged content stream, text outside the visible page), one sentence each; each is also a
    #: ``newspaper.unread`` notice, and ``inspect --check`` fails on the page naming it.
    unread: list[str] = field(default_factory=list)
    #: For pages read from a PDF: quarter turns clockwise the page is read (and rendered) turned
    #: beyond its own ``/Rotate`` (a page drawn on its side or upside down).
    turn: int = 0

    @property
    def slug(self) -> str:
        """ASCII document-name part for the page: ``p04``, ``pA06``."""
        number = self.number or "0"
        return "p" + (number.zfill(2) if number.isdigit() else ascii_slug(number))

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "masthead": list(self.masthead),
            "paper": self.paper,
            "date": self.date.isoformat() if self.date else None,
            "weekday": self.weekday,
            "number": self.number,
            "section": self.section,
            "column": self.column,
            "credits": list(self.credits),
            "furniture": list(self.furniture),
            "articles": [article.to_json() for article in self.articles],
            "figures": [figure.to_json() for figure in self.figures],
            **({"ocr": self.ocr.to_json()} if self.ocr is not None else {}),
        }

    @property
    def all_figures(self) -> Iterator[Figure]:
        """Every picture of the page: its articles' and its own."""
        for article in self.articles:
            yield from article.figures
        yield from self.figures


@dataclass
class Issue:
    """One issue of a paper: its pages in page order."""

    source: str
    pages: list[Page] = field(default_factory=list)
    paper: str | None = None
    date: dt.date | None = None

    @property
    def articles(self) -> Iterator[Article]:
        for page in self.pages:
            yield from page.articles

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """The articles before and after ``article`` in reading order (for previous/next)."""
        articles = list(self.articles)
        index = next(i for i, other in enumerate(articles) if other is article)
        previous = articles[index - 1] if index > 0 else None
        following = articles[index + 1] if index + 1 < len(articles) else None
        return previous, following

    @property
    def notices(self) -> Iterator[Notice]:
        for page in self.pages:
            yield from page.notices

    def to_json(self) -> dict[str, Any]:
        return {"pages": [page.to_json() for page in self.pages]}


def page_order(number: str | None) -> tuple[str, int, str]:
    """Sort key for printed page numbers: ``A3`` < ``A06`` < ``B1``; ``4`` < ``12``."""
    if not number:
        return ("", 0, "")
    prefix = number.rstrip("0123456789")
    digits = number[len(prefix) :]
    return (prefix, int(digits) if digits else 0, number)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters, digits and dashes; empty when nothing ASCII is left."""
    out: list[str] = []
    for char in text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def map_text(value: Any, convert: Callable[[str], str]) -> Any:
    """Apply ``convert`` to every string inside a model object (for OpenCC, quote styles).

    Dates, numbers, ids and source paths are left alone.
    """
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [map_text(item, convert) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name in _UNCONVERTED_FIELDS:
                continue
            changes[f.name] = map_text(getattr(value, f.name), convert)
        return dataclasses.replace(value, **changes)
    return value


_UNCONVERTED_FIELDS = frozenset(
    {"id", "source", "kind", "subtype", "number", "image", "pdf_digest", "parts", "layout"}
)
