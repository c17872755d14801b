"""Headline parts, bylines, datelines and captions: how newspaper lines announce themselves.

* kicker (引题) above the title, often ending ``——``; subtitle (副题) below, often starting ``——``;
* bylines: ``通讯员 张永坤 文/图``, ``■记者 李晖 通讯员 余建``, ``新甘肃·甘肃法治报记者 齐洪德``;
* leads (datelines that open the first paragraph): ``本报讯``, ``福州晚报讯``, ``新华社北京1月1日电``;
* captions: ``… 摄``, ``…供图``, or short sentences among the headlines collected at the end.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Notice
from ..subtypes import Subtype
from ..util.patterns import LazyPattern
from .credits import REPORTER, has_photo_credit, names_reporter
from .lines import CLOSERS, ends_sentence, has_body_punctuation, normalise

_BYLINE = LazyPattern(
    rf"^[■●◆▲□○◎★]?\s*(?:(?:[\u4e00-\u9fff·]{{0,14}}?{REPORTER})\s*[\u4e00-\u9fff·]{{2,4}}"
    rf"(?:\s+[\u4e00-\u9fff·]{{2,4}})*\s*)+"
    r"(?:\s*(?:文/图|文／图|文图|摄|图|报道|整理|/文|/图))?$"
)
_WRITER = LazyPattern(
    r"^[■●◆]?\s*(?:文|图|文/图|文／图|图/文|摄影|摄)\s*[/／:：|丨]\s*[\u4e00-\u9fff·\s]{2,20}$"
)
_MARKED_BYLINE = LazyPattern(r"^[■●◆]\s*\S{2,30}$")
_AGENCY_DATELINE = r"(?:新华社|中新社)\S{1,12}电"
_LEAD = LazyPattern(
    r"^(?:本报讯|[\u4e00-\u9fff·]{1,10}报讯|[\u4e00-\u9fff·]{1,10}讯(?=[\s（(【]|记者|通讯员|近日|日前|\d|$)|"
    rf"{_AGENCY_DATELINE})"
)
_LEAD_CREDIT = LazyPattern(r"^[\u4e00-\u9fff·]{0,10}讯\s*[（(]([^）)]{2,40})[）)]")
_CLOSING_NAMES = LazyPattern(r"^[（(][\u4e00-\u9fff·]{2,8}(?:\s[\u4e00-\u9fff·]{2,4})*[）)]$")
_NOT_NAMES = LazyPattern(r"广告|[上中下续完]）|图|摄")
_AUTHOR_NOTE = LazyPattern(r"^[（(]作者(?:为|系|是)?\S*[）)]$")
_SOURCE_NOTE = LazyPattern(r"^(?:数据|资料|图表|信息)?来源\s*[:：]")
_CLOSING_AUTHOR = LazyPattern(r"[（(][\u4e00-\u9fff·]{2,4}(?:\s[\u4e00-\u9fff·]{2,4})*[）)]$")


def is_byline(text: str) -> bool:
    """A line of its own that names reporters or photographers."""
    if len(text) > 40 or has_body_punctuation(text.replace("、", "")):
        return False
    return bool(
        _BYLINE.match(text) or _WRITER.match(text) or (_MARKED_BYLINE.match(text) and names_reporter(text))
    )


def tidy_names(text: str) -> str:
    """A byline's words with one space between them, and a two-character name set out to the
    width of three (``周 江 张济坤``, ``胡鞍钢 张 新``) closed up: no Chinese name is one
    character, so single characters in a row are one name (``周江 张济坤``)."""
    words: list[str] = []
    single = False
    for word in text.split():
        lone = len(word) == 1 and "\u4e00" <= word <= "\u9fff"
        if lone and single:
            words[-1] += word
        else:
            words.append(word)
        single = lone
    return " ".join(words)


def is_lead(text: str) -> bool:
    """The first line of a story's first paragraph: 本报讯, XX讯, 新华社…电."""
    return bool(_LEAD.match(text))


def is_agency_dateline(text: str) -> bool:
    """A lead that is a news agency's dateline (新华社北京1月17日电), not the paper's own."""
    return bool(re.match(_AGENCY_DATELINE, text))


def lead_credit(text: str) -> str | None:
    """``新甘肃·甘肃法治报记者 魏世东`` from ``本报讯（新甘肃·甘肃法治报记者 魏世东）…``."""
    match = _LEAD_CREDIT.match(text)
    if match and names_reporter(match[1]):
        return match[1].strip()
    return None


def is_photo_credit(text: str) -> bool:
    """Text that ends like a caption: ``… 摄``, ``…供图``."""
    return has_photo_credit(text) and len(text) <= 200


def is_source_note(text: str) -> bool:
    """``数据来源：…``, ``资料来源：…``: the source line under a chart or table."""
    return bool(_SOURCE_NOTE.match(text))


def ends_with_closing_author(text: str) -> bool:
    """``…（王普）``: a story's author named in brackets at its very end."""
    return bool(_CLOSING_AUTHOR.search(text))


def is_closing_line(text: str) -> bool:
    """A line that ends a story: its author in brackets (（王普）, （陈佳 林松）), or an author's
    note (（作者为…）).  ``text`` as printed; runs of spaces count as one."""
    shown = " ".join(text.split())
    if _AUTHOR_NOTE.match(normalise(shown)):
        return True
    if not _CLOSING_NAMES.match(shown) or _NOT_NAMES.search(shown):
        return False
    return ends_with_closing_author(shown) or len(normalise(shown)) <= 10


def is_kicker(text: str) -> bool:
    return text.endswith(("——", "—", "--"))


def is_subtitle(text: str) -> bool:
    return text.startswith(("——", "—", "--"))


def headline_parts(elements: list[str]) -> tuple[str | None, str, str | None]:
    """Kicker, title and subtitle from a headline's lines, as an editor reads them:
    a line ending ``——`` is the kicker, one starting ``——`` the subtitle.  Of two plain lines,
    a very short first line and the line below it are one title, as are couplets (two short
    lines of equal weight); a long first line over a short one is the kicker over the title;
    otherwise the second line is the subtitle."""
    kicker: str | None = None
    subtitle: str | None = None
    plain: list[str] = []
    for text in elements:
        if is_kicker(text) and not plain and kicker is None:
            kicker = text
        elif is_subtitle(text):
            subtitle = f"{subtitle}{text}" if subtitle else text
        else:
            plain.append(text)
    if not plain:
        if kicker:
            return None, kicker, subtitle
        return None, subtitle or "", None
    if len(plain) == 1:
        return kicker, plain[0], subtitle
    if kicker is None and subtitle is None and len(plain) == 2:
        first, second = plain
        if len(first) <= 5 < len(second) or _couplet(first, second):
            return None, f"{first} {second}", None
        if len(first) > len(second) + 4:
            return first, second, None  # a long kicker over a short main title
        return None, first, second
    if kicker is None and len(plain) >= 3 and len(plain[0]) <= 6 and len(plain[0]) < len(plain[1]):
        kicker, plain = plain[0], plain[1:]
    if len(plain) == 2 and _couplet(*plain):
        return kicker, f"{plain[0]} {plain[1]}", subtitle
    title = plain[0] if len(plain) == 1 else max(plain, key=len)
    rest = [text for text in plain if text is not title]
    if rest and subtitle is None:
        position = plain.index(title)
        above, below = plain[:position], plain[position + 1 :]
        if above and kicker is None:
            kicker = "".join(above)
        elif above:
            title = "".join(above) + title
        if below:
            subtitle = " ".join(below)
    elif rest:
        title = " ".join(plain)
    return kicker, title, subtitle


def _couplet(first: str, second: str) -> bool:
    return (
        3 <= len(first) <= 9
        and abs(len(first) - len(second)) <= 2
        and not has_body_punctuation(first + second)
    )


def split_captions(text: str) -> list[str]:
    """Several captions on one line (``A。B。``) become several; a caption that ends with its
    photographer (``…。张三 摄``) stays one."""
    if is_photo_credit(text) or not ends_sentence(text):
        return [text]
    parts = re.findall(r".+?[。！？]" + f"[{re.escape(CLOSERS)}]*", text)
    rest = text[sum(len(part) for part in parts) :]
    if rest.strip():
        parts.append(rest)
    return [part.strip() for part in parts if part.strip()] or [text]


def infer_title(text: str, limit: int = 24, shortest: int = 6) -> str:
    """A short title from an article's first words: its first clause (or two, when the first is
    shorter than ``shortest``), without quotes, at most ``limit`` characters."""
    text = text.strip().lstrip("“‘「『\"'（(")
    clause = text
    for position, char in enumerate(text):
        if char in "，。！？；：,!?;" and position >= shortest:
            clause = text[:position]
            break
    clause = clause.rstrip("，。！？；：,!?;”’」』\"')）")
    return clause if len(clause) <= limit else clause[:limit] + "…"


def title_or_inferred(title: str | None, blocks: list[Block]) -> tuple[str, bool]:
    """The article's title, or one taken from its first paragraph (``（无题）`` when it has
    none), and whether it was taken."""
    if title:
        return title, False
    first = next((block.text for block in blocks if block.kind == "paragraph"), "")
    return infer_title(first) or "（无题）", True


def inferred_title_notice(article: Article, source: str, line: int | None, how: str = "") -> Notice:
    """The warning for an article whose title was taken from its text (``title-inferred``)."""
    what = f"article {article.id} ({how})" if how else f"article {article.id}"
    message = (
        f"{what} has no headline in the text; titled {article.title!r} from its first words "
        "(set its title in a corrections file)"
    )
    return Notice(Subtype.TITLE_INFERRED, message, source, line, article=article.id)
