"""A folder of one-article-per-file text: the layout of People's Daily archives.

One folder is one issue; each file is one article (篇) of one page (版), named
``YYYYMMDD-版-篇.txt`` (``20200101-04-02.txt``: 1 January 2020, page 4, article 2).  A file
holds three headline slots, one line each and possibly empty -- kicker (引题), title (主题),
subtitle (副题) -- then the body, one paragraph per line, indented with two ideographic spaces::

    ⏎                                   (no kicker)
    全国政协举行新年茶话会                (title)
    习近平发表重要讲话……                  (subtitle)
    本报北京12月31日电　（记者冯春梅）中国人民政治协商会议……

Lines of their own that name the reporter (``本报记者　张三``) become the byline, as does a
bracketed credit closing the story (``（本报记者　陆娅楠）``, ``（新华社北京1月5日电）``) when the
story has no other.  Photo credits after the last paragraph (``孟德龙摄（人民视觉）``) become
captions; layout credits (``版式设计：蔡华伟``) go to the page's credits.  Short unpunctuated
lines followed by a paragraph become subheads, a second such line their deck.  Nothing is
dropped: every character that is not a space lands in an article field or the page credits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, Block, Issue, Notice, Page, page_order
from ..util.errors import IngestError, display
from ..util.files import folder_entries
from ..util.patterns import LazyPattern
from .corrections import SUFFIX as CORRECTIONS_SUFFIX
from .corrections import apply_corrections
from .credits import REPORTER, has_photo_credit
from .decode import read_input_text
from .headlines import infer_title, inferred_title_notice
from .lines import HAN
from .tables import find_tables

__all__ = ["ArticleText", "is_article_folder", "parse_article", "read_article_folder"]

ARTICLE_FILE = LazyPattern(r"(?P<date>\d{8})-(?P<page>[A-Za-z]{0,2}\d{1,3})-(?P<piece>\d{1,3})\.(?i:txt)")
PAGE_CORRECTIONS = LazyPattern(
    r"(?P<date>\d{8})-(?P<page>[A-Za-z]{0,2}\d{1,3})" + re.escape(CORRECTIONS_SUFFIX)
)
EXPECTED = (
    "name article files YYYYMMDD-版-篇.txt, e.g. 20200101-04-02.txt, or move the file out of the folder"
)

_SPACES = LazyPattern(r"\s+")
_INDENTS = ("\u3000", " ", "\t")
_PAGE_CREDIT = LazyPattern(r"(?:版式设计|本版制图|本版责编|本版编辑|本版摄影|责编|责任编辑|美编|校对)：")
_BYLINE = LazyPattern(rf"(?:综合)?{REPORTER} ?[\u4e00-\u9fff]")  # 综合: compiled from reports
_CLOSING_CREDIT = LazyPattern(r"（(?!作者)[^（）]*(?:记者|电|报道|采写|整理|通讯员)[^（）]*）")
_BRACKETED_NAME = LazyPattern(r"（[\u4e00-\u9fff]{1,2} ?[\u4e00-\u9fff]{1,2}）")
_COLUMN_TAG_ENDS = tuple("语话谈论评记说")  # （画间语） closes a column, it names no one
_NUMERALS = set("一二三四五六七八九十百零〇")
_SENTENCE_PUNCTUATION = LazyPattern(r"[。，！？；：]")
_NOT_SUBHEAD_END = tuple("。！；：，、—…）)」』·")
_SPOKEN_END = ("。”", "！”", "？”", "…”", "，”", "。’", "！’", "？’")  # dialogue, not a subhead
_SUBHEAD_LENGTH = 30
_CREDIT_LENGTH = 40


@dataclass
class ArticleText:
    """One article file parsed: the article, and the page credits found in it."""

    article: Article
    credits: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def is_article_folder(path: Path) -> bool:
    """True for a folder holding article files named ``YYYYMMDD-版-篇.txt``."""
    if not path.is_dir():
        return False
    return any(ARTICLE_FILE.fullmatch(entry.name) for entry in folder_entries(path))


def read_article_folder(path: Path, encoding: str | None = None, root: Path | None = None) -> Issue:
    """One issue from a folder of article files: pages by 版, articles by 篇, dated by the names.

    A page's corrections file (``YYYYMMDD-版.corrections.toml``) is applied to it; hidden
    files and pictures are ignored, other files and sub-folders are reported as left out.  A
    ``.txt`` file not named like an article, or a file dated unlike the others, is an
    :class:`IngestError` naming it.  Files are read through :func:`.files.read_input`.
    """
    from .issues import is_page_file, left_out_notice

    path = Path(path)
    files: list[tuple[str, int, Path]] = []
    corrections: list[Path] = []
    left_out: list[Notice] = []
    date: dt.date | None = None
    for file in folder_entries(path):
        if file.name.endswith(CORRECTIONS_SUFFIX):
            corrections.append(file)
            continue
        if not is_page_file(file):
            if notice := left_out_notice(file):
                left_out.append(notice)
            continue
        match = ARTICLE_FILE.fullmatch(file.name)
        if match is None:
            raise IngestError(str(file), "is not named like an article file (YYYYMMDD-版-篇.txt)", EXPECTED)
        file_date = _date(match["date"], file)
        date = date or file_date
        _check_same_date(file, file_date, date)
        files.append((page_number(match["page"]), int(match["piece"]), file))
    if not files:
        raise IngestError(str(path), "the folder holds no article files (*.txt)", EXPECTED)
    pages: dict[str, Page] = {}
    seen: dict[str, Path] = {}
    for number, piece, file in sorted(files, key=lambda item: (page_order(item[0]), item[1])):
        page = pages.get(number)
        if page is None:
            page = pages[number] = Page(source=display(file), date=date, number=number)
        article_id = f"{page.slug}-{piece:02d}"
        if article_id in seen:
            problem = f"is page {number}, article {piece} again (as is {seen[article_id].name})"
            raise IngestError(str(file), problem, "give each article file its own page and article number")
        seen[article_id] = file
        read = read_input_text(file, encoding, root)
        text = read.text
        page.notices.extend(read.notices)
        page.left_out += read.left_out
        parsed = parse_article(text, display(file), article_id)
        page.articles.append(parsed.article)
        page.credits.extend(parsed.credits)
        page.notices.extend(parsed.notices)
    assert date is not None  # every article file is dated
    first = next(iter(pages.values()))
    first.notices[:0] = left_out
    corrected = corrected_pages(list(pages.values()), corrections, date, root)
    return Issue(source=display(path), pages=corrected, date=date)


def page_article_files(first: Path) -> list[Path]:
    """All the article files of the page whose first article file is ``first`` (a page of an
    article folder is read from them all: ``inspect --check`` counts every one); ``[first]``
    for a file that is not an article file."""
    match = ARTICLE_FILE.fullmatch(first.name)
    if match is None:
        return [first]
    siblings = []
    for entry in folder_entries(first.parent):
        other = ARTICLE_FILE.fullmatch(entry.name)
        if other and (other["date"], page_number(other["page"])) == (
            match["date"],
            page_number(match["page"]),
        ):
            siblings.append(entry)
    return siblings


def _check_same_date(file: Path, file_date: dt.date, date: dt.date) -> None:
    if file_date != date:
        problem = f"is dated {file_date.isoformat()}, unlike the issue's other files ({date.isoformat()})"
        raise IngestError(str(file), problem, "keep one issue's articles in one folder")


def corrected_pages(
    pages: list[Page], corrections: list[Path], date: dt.date, root: Path | None = None
) -> list[Page]:
    """The pages with each ``YYYYMMDD-版.corrections.toml`` of the folder applied to its page."""
    for file in corrections:
        match = PAGE_CORRECTIONS.fullmatch(file.name)
        if match is None:
            expected = "YYYYMMDD-版.corrections.toml, e.g. 20200101-04.corrections.toml"
            raise IngestError(str(file), "is not named after a page of the issue", f"name it {expected}")
        _check_same_date(file, _date(match["date"], file), date)
        number = page_number(match["page"])
        index = next((i for i, page in enumerate(pages) if page.number == number), None)
        if index is None:
            numbers = ", ".join(page.number or "?" for page in pages)
            problem = f"no page {number} in this issue (pages: {numbers})"
            raise IngestError(str(file), problem, "name the corrections file after a page of the issue")
        pages[index] = apply_corrections(pages[index], file, root)
    return pages


def page_number(printed: str) -> str:
    """The page number as printed: ``04`` → ``4``; ``A06`` stays ``A06``."""
    return str(int(printed)) if printed.isdigit() else printed


def _date(digits: str, file: Path) -> dt.date:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise IngestError(str(file), f"names no real date ({digits})", EXPECTED) from None


def parse_article(text: str, source: str, article_id: str) -> ArticleText:
    """One article file's text (``\\n`` line ends) to an :class:`Article` and page credits."""
    lines = text.split("\n")
    body_start = next((i for i, line in enumerate(lines) if line[:1] in _INDENTS and line.strip()), None)
    if body_start is None:
        # No indented paragraphs: the headline ends at the first empty line after it.
        first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
        body_start = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
        heads = _headline_lines(lines, 0, body_start)
        kicker, title, subtitle, extra = _roles(heads)
    elif body_start >= 3:
        # People's Daily: three slots, each one line, possibly empty.
        slots = [_clean(line) for line in lines[:3]]
        kicker, title, subtitle = (slot or None for slot in slots)
        extra = []
        if kicker and subtitle is None and title and _looks_like_subtitle(title):
            kicker, title, subtitle = None, kicker, title
        if not title and kicker:
            title, kicker = kicker, None
        elif not title and subtitle:
            title, subtitle = subtitle, None
        body_start = 3
    else:
        kicker, title, subtitle, extra = _roles(_headline_lines(lines, 0, body_start))
    body = list(extra)
    for index in range(body_start, len(lines)):
        line = _clean(lines[index])
        if line:
            body.append((index + 1, line))
    article = Article(id=article_id, title=title or "", kicker=kicker, subtitle=subtitle)
    result = ArticleText(article)
    _fill_body(result, body)
    if not article.title:
        first = next((block for block in article.blocks if block.kind == "paragraph"), None)
        article.title = infer_title(first.text) if first else article_id
        article.title_inferred = True
        result.notices.append(inferred_title_notice(article, source, first.line if first else None))
    article.line = article.blocks[0].line if article.blocks else _title_line(lines)
    return result


def _clean(line: str) -> str:
    """A line without its indent or trailing space; runs of spaces inside become one space."""
    line = line.strip()
    if " " in line or "\xa0" in line or "\u3000" in line or "\t" in line:
        line = _SPACES.sub(" ", line)
    return line


def _headline_lines(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    return [(i + 1, cleaned) for i in range(start, end) if (cleaned := _clean(lines[i]))]


def _title_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:3]):
        if line.strip():
            return index + 1
    return None


def _looks_like_subtitle(line: str) -> bool:
    return line.startswith(("——", "──", "--")) or (
        line.startswith(("（", "(")) and line.endswith(("）", ")"))
    )


def _looks_like_kicker(line: str) -> bool:
    return line.endswith(("——", "──", "：", ":"))


def _roles(
    heads: list[tuple[int, str]],
) -> tuple[str | None, str | None, str | None, list[tuple[int, str]]]:
    """Kicker, title and subtitle from up to three headline lines; further lines are body."""
    texts = [text for _, text in heads]
    if not texts:
        return None, None, None, []
    if len(texts) == 1:
        return None, texts[0], None, []
    if len(texts) == 2:
        first, second = texts
        if _looks_like_subtitle(second):
            return None, first, second, []
        if _looks_like_kicker(first) or len(first) < len(second):
            return first, second, None, []
        return None, first, second, []
    return texts[0], texts[1], texts[2], heads[3:]


def _fill_body(result: ArticleText, body: list[tuple[int, str]]) -> None:
    """Body lines to blocks, byline, captions and page credits."""
    article = result.article
    kept: list[tuple[int, str]] = []
    for number, line in body:
        if len(line) <= _CREDIT_LENGTH and _PAGE_CREDIT.match(line):
            result.credits.append(line)
        else:
            kept.append((number, line))
    # Photo credits after the last paragraph are the captions' credit lines.
    trailing: list[str] = []
    while kept and _is_photo_credit(kept[-1][1]):
        trailing.append(kept.pop()[1])
    article.captions.extend(reversed(trailing))
    bylines = [index for index, (_, line) in enumerate(kept) if _is_byline(line)]
    if len(bylines) == 1:
        article.byline = kept.pop(bylines[0])[1]
    elif not bylines and kept and _is_closing_credit(kept[-1][1]):
        if sum(_is_closing_credit(line) for _, line in kept) == 1:
            article.byline = kept.pop()[1]
    article.blocks = _blocks(kept)


def _is_photo_credit(line: str) -> bool:
    return len(line) <= _CREDIT_LENGTH and not _SENTENCE_PUNCTUATION.search(line) and has_photo_credit(line)


def _is_byline(line: str) -> bool:
    return (
        len(line) <= _CREDIT_LENGTH
        and _BYLINE.match(line) is not None
        and not _SENTENCE_PUNCTUATION.search(line)
        and not line.endswith(("摄", "摄影报道"))
    )


def _is_closing_credit(line: str) -> bool:
    if len(line) > _CREDIT_LENGTH * 2:
        return False
    if _CLOSING_CREDIT.fullmatch(line):
        return True
    if _BRACKETED_NAME.fullmatch(line) is None:
        return False
    name = line[1:-1]
    return not set(name) <= _NUMERALS and not name.endswith(_COLUMN_TAG_ENDS)


def _is_subhead_line(line: str) -> bool:
    return (
        len(line) <= _SUBHEAD_LENGTH
        and not line.endswith(_NOT_SUBHEAD_END)
        and not line.endswith(_SPOKEN_END)
        and not line.startswith(("——", "（", "(", "【", "■", "●"))
        and HAN.search(line) is not None
        and not _is_byline(line)
        and not _is_photo_credit(line)
    )


def _blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Paragraphs, with runs of one or two short unpunctuated lines before text as subheads,
    and runs of lines of cells as tables (:mod:`.tables`)."""
    blocks: list[Block] = []
    tables = {run.start: run for run in find_tables([line for _, line in lines])}
    index = 0
    count = len(lines)
    while index < count:
        number, line = lines[index]
        if index in tables:
            run = tables[index]
            blocks.append(Block.table(run.rows, run.header_rows, line=number))
            index = run.end
            continue
        if _is_subhead_line(line):
            run = 1
            while index + run < count and run < 3 and _is_subhead_line(lines[index + run][1]):
                run += 1
            if run <= 2 and index + run < count:
                deck = lines[index + 1][1] if run == 2 else None
                blocks.append(Block("subhead", line, deck=deck, line=number))
                index += run
                continue
            if run == 3:
                # A list or a poem: keep the whole run as paragraphs.
                while index < count and _is_subhead_line(lines[index][1]):
                    blocks.append(Block("paragraph", lines[index][1], line=lines[index][0]))
                    index += 1
                continue
        blocks.append(Block("paragraph", line, line=number))
        index += 1
    return blocks
