"""One page of e-paper text to a :class:`~sphinx_newspaper.model.Page`.

The steps, each reading what the one before left:

1. :mod:`.lines` normalises every line and estimates the column width around it;
2. :mod:`.masthead` takes the masthead, credits, slogans, hotlines and adverts off the page;
3. :func:`read_units` reads the running text as paragraphs (wrapped lines joined, blank lines
   ignored, paragraph ends from sentence-final punctuation, short lines and first-line indents),
   headlines (short lines that are not prose) and bylines;
4. :mod:`.segment` cuts the paragraphs into stories and gives each headline, byline and caption
   to the story it belongs to, by content.

Whatever cannot be placed becomes page furniture, so every character of the input is kept.
"""

from __future__ import annotations

from .. import model
from ..model import Notice, Page
from ..subtypes import Subtype
from ..util.errors import IngestError
from .headlines import (
    ends_with_closing_author,
    inferred_title_notice,
    is_byline,
    is_kicker,
    is_lead,
    is_subtitle,
)
from .lines import (
    Line,
    ends_mid_sentence,
    ends_sentence,
    estimate_columns,
    has_body_punctuation,
    join_lines,
    split_lines,
)
from .masthead import _COUPLET, _ORGANISERS, find_paper, mark_furniture, read_masthead
from .segment import Byline, Headline, Paragraph, Unit, build_articles
from .tables import TableRun, find_tables

MAX_HEADLINE_ELEMENTS = 4
#: A headline line inside running text is this many ems shorter than the column at least
#: (a paragraph's first line is set in by two ems, and punctuation may be compressed).
HEADLINE_SHORTFALL = 4.5
#: A deck (the line under a subhead) wraps over at most this many lines.
MAX_DECK_LINES = 3
MAX_DECK_CHARACTERS = 32


def parse_page(text: str, source: str) -> Page:
    """Read one page's text.  Raises :class:`IngestError` for a page with no text at all."""
    lines = split_lines(text)
    if not any(line.text for line in lines):
        raise IngestError(source, "holds no text", "put the page's text in it, or remove it from the issue")
    masthead = read_masthead(lines)
    first_text = next((line.number for line in lines if line.kind == "text" and _prose(line)), 0)
    mark_furniture(lines, first_text)
    page = Page(
        source=source,
        masthead=masthead.lines,
        date=masthead.date,
        weekday=masthead.weekday,
        number=masthead.number,
        section=masthead.section,
    )
    _take_column_banner(lines, page)
    page.credits = [line.display for line in lines if line.kind == "credit"]
    page.furniture = [line.display for line in lines if line.kind in ("furniture", "advert")]
    estimate_columns(lines)
    units = read_units(lines)
    articles, leftovers = build_articles(units, page.slug)
    page.articles = articles
    page.furniture.extend(leftovers)
    page.paper = find_paper(page.masthead + page.credits + page.furniture) or find_paper(
        [article.byline or "" for article in articles] + [_first_text(article) for article in articles]
    )
    for article in articles:
        if article.title_inferred:
            page.notices.append(inferred_title_notice(article, source, article.line))
    if not articles:
        page.notices.append(
            Notice(
                Subtype.NO_ARTICLES,
                "no articles found on this page; its text is kept as furniture",
                source,
                1,
            )
        )
    return page


def _first_text(article: model.Article) -> str:
    return article.blocks[0].text[:20] if article.blocks else ""


def _prose(line: Line) -> bool:
    return has_body_punctuation(line.text) and len(line.text) >= 8


def _take_column_banner(lines: list[Line], page: Page) -> None:
    """A couplet such as ``对标先进 争创一流`` next to an organisers' credit is a column banner."""
    shown = [line for line in lines if not line.blank]
    for index, line in enumerate(shown):
        if line.kind != "text" or not _COUPLET.match(line.raw.strip()):
            continue
        neighbours = shown[max(0, index - 1) : index] + shown[index + 1 : index + 2]
        if any(other.kind == "credit" and _ORGANISERS.search(other.text) for other in neighbours):
            line.kind = "column"
            if page.column is None:
                page.column = line.display
            else:
                line.kind = "furniture"


def read_units(lines: list[Line]) -> list[Unit]:
    """The running text as paragraphs, headlines and bylines, in the order of the input."""
    stream = [line for line in lines if line.kind == "text"]
    blank_before = _blank_before(lines)
    units: list[Unit] = []
    paragraph: Paragraph | None = None
    tables = _tables(stream)
    index = 0
    while index < len(stream):
        line = stream[index]
        if index in tables:
            paragraph = None
            run = tables[index]
            table = model.Block.table(run.rows, run.header_rows, line=line.number)
            units.append(Paragraph(stream[run.start : run.end], table=table))
            index = run.end
            continue
        following = stream[index + 1] if index + 1 < len(stream) else None
        if is_byline(line.text):
            paragraph = None
            units.append(Byline(line.display, line.number))
            index += 1
            continue
        if paragraph is not None and not _paragraph_ends(paragraph, line, blank_before):
            paragraph.add(line)
            index += 1
            continue
        vertical = _vertical_run(stream, index)
        if vertical:
            paragraph = None
            units.append(Headline([(join_lines([v.text for v in vertical]), line.number)], vertical=True))
            index += len(vertical)
            continue
        if not is_lead(line.text) and _headline_like(line, following, blank_before):
            read = _read_headline(stream, index, blank_before)
            if read is not None:
                paragraph = None
                units.append(read[0])
                index = read[1]
                continue
        paragraph = Paragraph([line], lead=is_lead(line.text))
        units.append(paragraph)
        index += 1
    return units


def _tables(stream: list[Line]) -> dict[int, TableRun]:
    """The tables among the running text, by the index of their first line: runs of lines of
    cells (:mod:`.tables`), read from the lines as printed (spaces kept), one after another."""
    found: dict[int, TableRun] = {}
    start = 0
    for end in range(1, len(stream) + 1):
        if end == len(stream) or stream[end].number != stream[end - 1].number + 1:
            for run in find_tables([line.raw for line in stream[start:end]]):
                found[start + run.start] = TableRun(
                    start + run.start, start + run.end, run.rows, run.header_rows
                )
            start = end
    return found


def _blank_before(lines: list[Line]) -> set[int]:
    """Numbers of the text lines that follow a blank line (or any line that is not running text)."""
    found = set()
    previous_kind = "blank"
    for line in lines:
        if line.kind == "text" and previous_kind != "text":
            found.add(line.number)
        previous_kind = line.kind
    return found


def _paragraph_ends(paragraph: Paragraph, line: Line, blank_before: set[int]) -> bool:
    """Does ``line`` start something new after ``paragraph``?"""
    last = paragraph.lines[-1]
    if is_lead(line.text):
        return True
    if not ends_sentence(last.text):
        return ends_with_closing_author(last.text)
    if line.marked_indent:
        return True
    indent = 2.0 if len(paragraph.lines) == 1 else 0.0
    if last.width <= last.column - indent - 1.5:
        return True
    # A full line that ends a sentence: the paragraph goes on unless the next line is
    # indented (a new paragraph's first line) or is not prose at all.
    if not has_body_punctuation(line.text) and (
        line.number in blank_before or line.width > line.column + 1.0
    ):
        return True  # a headline (or other non-prose) after the paragraph's last sentence
    return line.indented or (line.short and line.number in blank_before)


def _headline_like(line: Line, following: Line | None, blank_before: set[int]) -> bool:
    """Could ``line`` open a headline (rather than a paragraph)?"""
    text = line.text
    if ends_sentence(text) or (ends_mid_sentence(text) and not is_kicker(text)) or has_body_punctuation(text):
        return is_subtitle(text) and not ends_sentence(text)
    if sum(1 for char in text if "\u4e00" <= char <= "\u9fff") < 2 or _unbalanced(text):
        return False
    if line.width > line.column + 1.0 or is_kicker(text) or is_subtitle(text):
        return True
    standalone = line.number in blank_before and (following is None or following.number in blank_before)
    above_parts = following is not None and (
        is_byline(following.text) or is_lead(following.text) or is_subtitle(following.text)
    )
    if standalone or above_parts:
        return True
    if line.indented:
        return False  # a paragraph's first line, set in by two ems
    if following is not None and following.number == line.number + 1 and following.full:
        return line.width <= line.column - HEADLINE_SHORTFALL and not _continues(following)
    return line.width <= line.column - HEADLINE_SHORTFALL


def _second_line(line: Line, following: Line | None) -> bool:
    """Under a headline's first line, any line that is not prose continues the headline,
    unless prose runs on directly below it (then it is a paragraph's first line)."""
    text = line.text
    if ends_sentence(text) or has_body_punctuation(text) or ends_mid_sentence(text) or _unbalanced(text):
        return False
    runs_on = following is not None and following.number == line.number + 1 and following.full
    return not (runs_on and has_body_punctuation(following.text))


def _unbalanced(text: str) -> bool:
    """An opening quote or bracket left open: the text runs on into the next line."""
    return any(
        text.count(opening) > text.count(closing) for opening, closing in ("“”", "‘’", "（）", "《》", "「」")
    )


def _continues(following: Line) -> bool:
    """A line that can only continue the one above it (starts with closing punctuation)."""
    return bool(following.text) and following.text[0] in "，。、；：！？”’）》"


def _read_headline(stream: list[Line], index: int, blank_before: set[int]) -> tuple[Headline, int] | None:
    """Read a headline's lines from ``stream[index]``: its elements (kicker, title, subtitle,
    or subhead and deck), wrapped lines joined.  Returns the headline and the next index, or
    ``None`` when what looked like a subhead runs on into prose (it was a paragraph's start)."""
    elements: list[tuple[str, int]] = []
    parts = [stream[index]]
    index += 1
    while True:
        following = stream[index] if index < len(stream) else None
        if following is not None and _wraps_on(parts[-1], following, elements):
            if len(parts) >= MAX_DECK_LINES or ends_sentence(following.text):
                return None if len(elements) <= 1 else (Headline(elements), index - len(parts) + 1)
            parts.append(following)
            index += 1
            continue
        text = join_lines([part.text for part in parts])
        if len(elements) == 1 and len(parts) > 1 and _reads_as_prose(text):
            return None  # prose, not a deck: the "subhead" was a paragraph's first line
        elements.append((text, parts[0].number))
        next_next = stream[index + 1] if index + 1 < len(stream) else None
        if following is None or _headline_ends(elements, following, next_next, blank_before):
            break
        parts = [following]
        index += 1
    return Headline(elements), index


def _wraps_on(last: Line, following: Line, elements: list[tuple[str, int]]) -> bool:
    """A full-width line that does not end a sentence wraps on (a deck set in the column)."""
    return (
        last.full
        and last.width <= last.column + 1.0
        and (has_body_punctuation(last.text) or _unbalanced(last.text))
        and not ends_sentence(last.text)
        and not is_byline(following.text)
        and not is_lead(following.text)
        and len(elements) <= 1
    )


def _reads_as_prose(text: str) -> bool:
    """Too long, or with too many commas, for a deck under a subhead."""
    return len(text) > MAX_DECK_CHARACTERS or sum(c in "，、；" for c in text) > 1


def _headline_ends(
    elements: list[tuple[str, int]], following: Line, next_next: Line | None, blank_before: set[int]
) -> bool:
    """Is the headline read so far complete, or does ``following`` add an element to it?"""
    if len(elements) >= MAX_HEADLINE_ELEMENTS or is_byline(following.text) or is_lead(following.text):
        return True
    if following.number in blank_before and not (is_kicker(elements[-1][0]) or is_subtitle(following.text)):
        return True  # a blank line ends a headline, except after a kicker or before a subtitle
    if _deck_line(following, elements, blank_before):
        return has_body_punctuation(following.text) and len(elements[0][0]) > 12
    if not (
        _headline_like(following, next_next, blank_before)
        or (len(elements) == 1 and _second_line(following, next_next))
    ):
        return True
    # a third element must be short, unless it is a subtitle
    return (
        len(elements) >= 2
        and following.width > following.column - HEADLINE_SHORTFALL
        and not is_subtitle(following.text)
    )


def _deck_line(following: Line, elements: list[tuple[str, int]], blank_before: set[int]) -> bool:
    """A full line right under a one-line subhead that does not end a sentence: its deck."""
    return (
        len(elements) == 1
        and following.full
        and not following.indented
        and not ends_sentence(following.text)
        and following.number not in blank_before
    )


def _vertical_run(stream: list[Line], index: int) -> list[Line]:
    """Four or more consecutive one-character lines: a headline set vertically."""
    run: list[Line] = []
    while index < len(stream) and len(stream[index].text) == 1:
        if run and stream[index].number != run[-1].number + 1:
            break
        run.append(stream[index])
        index += 1
    return run if len(run) >= 4 else []
