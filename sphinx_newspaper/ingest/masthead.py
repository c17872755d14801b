"""The page's own furniture: masthead (date, weekday, page number, section), editors' credits,
slogans, romanised paper names, hotlines, adverts.  Whatever is taken here is kept on the page
(``masthead``, ``credits``, ``furniture``), never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..util.patterns import LazyPattern
from .credits import names_reporter
from .lines import Line, has_body_punctuation, normalise

#: A printed date: 2023年3月24日, 2023-03-24, 2023.3.24; years 1600 to 2199 (old papers and
#: far-off dates alike: 申报 printed 1872年).
_DATE = LazyPattern(
    r"((?:1[6-9]|2[01])\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/](\d{1,2})[.\-/](\d{1,2}))"
)
_WEEKDAY = LazyPattern(r"(星期|周|礼拜)[一二三四五六日天]")
#: A printed page number: ``04``, ``A06``, ``第4版``; three digits only with 第 or 版 around
#: them (``第100版``, ``100版``: a supplement's pages), since a bare ``100`` is as likely a figure.
_NUMBER = r"(?:第\s*(?P<n1>[A-Z]?\d{1,3})(?:\s*版)?|(?P<n2>[A-Z]?\d{1,2})(?:\s*版)?|(?P<n3>[A-Z]?\d{3})\s*版)"
_PAGE_NUMBER = LazyPattern(rf"^{_NUMBER}$")
_NUMBER_AND_SECTION = LazyPattern(rf"^{_NUMBER}\s+(?P<section>[^\d\s，。].{{1,11}})$")
_SECTION_AND_NUMBER = LazyPattern(rf"^(?P<section>[^\d\s，。].{{1,11}}?)\s+{_NUMBER}$")
#: A lunar date beside the date (农历甲辰年三月廿八): no section.
_LUNAR = LazyPattern(r"^(?:农历|夏历|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)")
_SECTION = LazyPattern(r"^[\u4e00-\u9fff·]{2,8}$")
#: The issue's number as the masthead prints it (``第12345期``, ``总第12345期``); group 1 the digits.
ISSUE_NUMBER = LazyPattern(r"总?第\s*(\d+)\s*期")

_CREDIT = LazyPattern(
    r"^(?:本版)?(?:责\s*编|责任编辑|美\s*编|编\s*辑|校\s*对|版\s*式|检\s*校|审\s*核|[一二三]\s*审|终\s*审|政\s*审|"
    r"统\s*筹|实习生|组\s*版|排\s*版|制\s*图|主\s*编|值班编委)\s*[:：]?"
)
_ORGANISERS = LazyPattern(r"(联办|主办|协办|承办|合办)$")
_FURNITURE = LazyPattern(
    r"((邮箱|信箱|投稿|热线|电话|传真|地址|网址|微信|微博|邮编)\s*[:：]|[\w.\-]+@[\w.\-]+|https?://|www\.)",
    re.IGNORECASE,
)
_QR_PROMPT = LazyPattern(r"扫码|扫一扫|二维码|客户端")
#: The paper's name in capitals (``ZHAOTONG RIBAO``): page furniture, and the EPUB's file name.
ROMANISED = LazyPattern(r"^[A-Z][A-Z .'\-]{3,}$")
_COUPLET = LazyPattern(r"^[\u4e00-\u9fff]{3,10}(?: [\u4e00-\u9fff]{3,10})+$")
_ADVERT = LazyPattern(
    r"(（广告）|\(广告\)|^广告$|市场价|直销价|优惠价|特价|元/[克斤件盒瓶]|折起售|活动时间|★|"
    r"[\u4e00-\u9fff][:,][^\d/]|[\u4e00-\u9fff]:\d)"
)
_ADVERT_END = LazyPattern(r"^(（广告）|\(广告\)|广告)$")
_PAPER = LazyPattern(
    r"([\u4e00-\u9fff]{2,6}?(?:日报|晚报|早报|晨报|商报|时报|法治报|法制报|都市报|青年报|农民报))社?"
)


@dataclass
class Masthead:
    """Facts read off the page's masthead lines."""

    lines: list[str] = field(default_factory=list)
    date: dt.date | None = None
    weekday: str | None = None
    number: str | None = None
    section: str | None = None


def parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    year = int(match[1])
    month = int(match[2] or match[4])
    day = int(match[3] or match[5])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_line_rest(text: str) -> str | None:
    """What is left of a masthead date line once date, weekday and page number are taken;
    ``None`` when the line is not a masthead line (prose that mentions a date)."""
    if not _DATE.search(text) or has_body_punctuation(text):
        return None
    rest = _DATE.sub(" ", text, count=1)
    rest = _WEEKDAY.sub(" ", rest)
    rest = ISSUE_NUMBER.sub(" ", rest)
    # editors named beside the date (责任编辑：X) and the lunar date are masthead too
    measured = " ".join(
        token for token in rest.split() if not (_LUNAR.match(token) or _CREDIT.match(token) or "：" in token)
    )
    rest = rest.strip()
    return rest if len(measured) <= 16 else None


def read_masthead(lines: list[Line]) -> Masthead:
    """Find the masthead anywhere on the page (block extraction may put it last) and mark its
    lines ``masthead``.  A page number alone, a weekday alone or a short section name count only
    next to the date line, or among the first and last lines of the page."""
    found = Masthead()
    text_lines = [line for line in lines if line.kind == "text"]
    if not text_lines:
        return found
    date_index = next(
        (i for i, line in enumerate(text_lines) if _date_line_rest(line.text) is not None), None
    )
    edges = set(range(3)) | set(range(len(text_lines) - 3, len(text_lines)))
    near: set[int] = set()
    if date_index is not None:
        near = set(range(max(0, date_index - 6), date_index + 7))
        date_line = text_lines[date_index]
        _take_date_line(found, date_line)
    for index, line in enumerate(text_lines):
        if line.kind != "text" or (index not in near and index not in edges):
            continue
        text = line.text
        # Number and section are told apart by the space between them, which the spacing rule
        # removes from the normalised text next to a Chinese section name (05 综合新闻).
        spaced = " ".join(line.raw.split())
        if match := _PAGE_NUMBER.match(text):
            found.number = found.number or _number(match)
        elif _WEEKDAY.fullmatch(text):
            found.weekday = found.weekday or text
        elif match := _NUMBER_AND_SECTION.match(spaced):
            if has_body_punctuation(text) or index not in near | edges:
                continue
            found.number = found.number or _number(match)
            found.section = found.section or normalise(match["section"])
        elif (match := _SECTION_AND_NUMBER.match(spaced)) and not has_body_punctuation(text):
            found.section = found.section or normalise(match["section"])
            found.number = found.number or _number(match, strip=False)
        elif index in near and _SECTION.match(text) and (found.section is None or found.section == text):
            if index + 1 < len(text_lines) and _is_followed_by_prose(text_lines, index):
                continue
            found.section = text
        else:
            continue
        line.kind = "masthead"
        found.lines.append(line.display)
    return found


def _number(match: re.Match[str], strip: bool = True) -> str:
    """The page number a :data:`_NUMBER` match read (``04`` as ``4`` unless not ``strip``)."""
    number = match["n1"] or match["n2"] or match["n3"]
    return (number.lstrip("0") or "0") if strip else number


def _is_followed_by_prose(text_lines: list[Line], index: int) -> bool:
    """A short line directly above a paragraph is a headline, not a section name."""
    following = text_lines[index + 1]
    return following.number == text_lines[index].number + 1 and has_body_punctuation(following.text)


def _take_date_line(found: Masthead, line: Line) -> None:
    rest = _date_line_rest(line.text) or ""
    found.date = parse_date(line.text)
    weekday = _WEEKDAY.search(line.text)
    found.weekday = weekday[0] if weekday else None
    for token in rest.split():
        if _LUNAR.match(token) or _CREDIT.match(token) or "：" in token or ":" in token:
            continue  # the lunar date, editors' names beside the date: not the section
        if (match := _PAGE_NUMBER.match(token)) and found.number is None:
            found.number = _number(match)
        elif found.section is None and not token.isdigit():
            found.section = token
        elif found.section is not None and not token.isdigit():
            found.section += " " + token
    line.kind = "masthead"
    found.lines.append(line.display)


def mark_furniture(lines: list[Line], first_text: int) -> None:
    """Mark credits, furniture and adverts.  ``first_text`` is the number of the first line of
    the page's running text: couplet slogans above it are furniture."""
    for line in lines:
        if line.kind != "text":
            continue
        kind = furniture_kind(line.text)
        if kind:
            line.kind = kind
        elif _COUPLET.match(line.raw.strip()) and line.number < first_text and not names_reporter(line.text):
            line.kind = "furniture"
    _mark_adverts(lines)


def furniture_kind(text: str) -> str | None:
    """``credit`` for editors' and organisers' lines, ``furniture`` for contact lines, QR
    prompts and romanised paper names, ``None`` for anything else (normalised text)."""
    if _CREDIT.match(text) or (
        _ORGANISERS.search(text) and len(text) <= 30 and not has_body_punctuation(text)
    ):
        return "credit"
    if (
        ROMANISED.match(text)
        or (_FURNITURE.search(text) and len(text) <= 60 and "。" not in text)
        or (_QR_PROMPT.search(text) and len(text) <= 20 and not has_body_punctuation(text))
    ):
        return "furniture"
    return None


def is_masthead_date(text: str) -> bool:
    """A masthead's date line: a date with at most the weekday, page number and section beside it."""
    return _date_line_rest(text) is not None


def is_advert_end(text: str) -> bool:
    """An advert's closing ``（广告）``."""
    return bool(_ADVERT_END.match(text))


def is_advert_text(text: str) -> bool:
    """Advert copy: prices, promotions, an advert's closing ``（广告）``."""
    return bool(
        _ADVERT_END.match(text) or (_ADVERT.search(text) and not has_body_punctuation(text.rstrip("。")))
    )


def _mark_adverts(lines: list[Line]) -> None:
    """An advert ends with a ``（广告）`` line; the blocks above it that read like advert copy
    (prices, promotions, contact lines, very short labels) belong to it."""
    text_lines = [line for line in lines if not line.blank]
    for end, line in enumerate(text_lines):
        if not _ADVERT_END.match(line.text):
            continue
        line.kind = "advert"
        index = end - 1
        while index >= 0:
            block = _block_ending_at(lines, text_lines[index])
            if not any(_ADVERT.search(b.text) or b.kind == "furniture" or b.width <= 4 for b in block):
                break
            for member in block:
                if member.kind in ("text", "furniture"):
                    member.kind = "advert"
            index -= len(block)
            if index >= 0 and text_lines[index].kind == "masthead":
                break
    for line in lines:
        if (
            line.kind == "text"
            and _ADVERT.search(line.text)
            and not has_body_punctuation(line.text.rstrip("。"))
        ):
            line.kind = "advert"


def _block_ending_at(lines: list[Line], last: Line) -> list[Line]:
    """The lines of the block (between blank lines) that ends with ``last``."""
    block = [last]
    number = last.number - 2  # index of the line above ``last``
    while number >= 0 and not lines[number].blank:
        block.insert(0, lines[number])
        number -= 1
    return block


def find_paper(texts: list[str]) -> str | None:
    """The paper's name when the page names it (``昭通日报社 联办`` → 昭通日报)."""
    for text in texts:
        for token in text.split():
            match = _PAPER.search(token)
            if match:
                return match[1].split("·")[-1]
    return None
