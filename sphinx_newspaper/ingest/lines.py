"""Lines of extracted page text: normalised text, printed width, and what each line looks like.

The one spacing rule (docs/ingest.md, ``lines``): a space is removed when a Chinese character or
Chinese punctuation stands on either side of it (``驻 村 工 作 队`` → ``驻村工作队``,
``2022 年`` → ``2022年``, ``“ 把 红 军`` → ``“把红军``); a space between two Latin letters or
digits is kept as one space (``ZHAOTONG RIBAO``).  Wrapped lines are joined with no space,
except between two Latin letters.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..util.patterns import LazyPattern

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u2219"
#: One Han (CJK unified) character.
HAN = LazyPattern(r"[\u4e00-\u9fff]")
_SPACE_NEAR_CJK = LazyPattern(rf"(?<=[{CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{CJK}])")
_SPACES = LazyPattern(r"[ \t\u00a0]+")

#: Marks that end a sentence, after closing quotes and brackets are set aside.
SENTENCE_END = "。！？…!?；;"
CLOSERS = "”’」』）)》〕】﹄\"'"
#: A line ending in one of these is cut in mid-sentence: the next line continues it.
MID_SENTENCE_END = "，、：:,“‘「『（(《〔【﹃—-"
#: Punctuation that does not occur inside a headline line (a deck may hold a comma).
BODY_PUNCTUATION = "，。；！？、"


def normalise(text: str) -> str:
    """One line's text with the spacing rule applied and the ends trimmed."""
    text = text.strip()
    if " " not in text and "\t" not in text and "\xa0" not in text:
        return text  # most lines of a PDF page: nothing for the rule to do
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACES.sub(" ", text)


def width(text: str) -> float:
    """Printed width in ems: Chinese characters 1, Latin letters, digits and spaces 1/2."""
    return sum(0.5 if ord(char) < 0x2000 else 1.0 for char in text)


def join_lines(parts: list[str]) -> str:
    """Wrapped lines joined into one text (no space, except between two Latin letters)."""
    out = ""
    for part in parts:
        if (
            out
            and part
            and out[-1].isascii()
            and out[-1].isalpha()
            and part[0].isascii()
            and part[0].isalpha()
        ):
            out += " "
        out += part
    return out


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence: ``。``, ``！``, ``？``, ``……`` (closing quotes aside)."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def ends_mid_sentence(text: str) -> bool:
    return bool(text) and text[-1] in MID_SENTENCE_END and not text.endswith("——")


def has_body_punctuation(text: str) -> bool:
    """Commas or stops inside the text: prose, not a headline (closing marks at the end aside)."""
    core = text.rstrip(CLOSERS + SENTENCE_END)
    return any(char in BODY_PUNCTUATION for char in core)


@dataclass(slots=True)
class Line:
    """One line of the input: its number, raw and normalised text, and what it was taken for."""

    number: int  # 1-based
    raw: str
    text: str
    kind: str = "text"  # blank, masthead, credit, furniture, advert, byline, text
    width: float = 0.0
    column: float = 0.0  # estimated column width around the line, in ems

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def full(self) -> bool:
        """Set to the column's full width (the line wraps on into the next)."""
        return self.width >= self.column - 1.0

    @property
    def marked_indent(self) -> bool:
        """The line is set in with spaces (``　　`` or two spaces): a paragraph's first line."""
        return self.raw.startswith(("\u3000", "  ", "\t"))

    @property
    def display(self) -> str:
        """The line as printed, runs of spaces collapsed (for credits, furniture, bylines)."""
        return _SPACES.sub(" ", self.raw.strip())

    @property
    def indented(self) -> bool:
        """As wide as a paragraph's first line, set in by two ems."""
        return self.column - 2.6 <= self.width <= self.column - 1.4

    @property
    def short(self) -> bool:
        """Clearly shorter than the column: a paragraph's last line, or a headline."""
        return self.width <= self.column - 1.5


def split_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        clean = normalise(raw)
        lines.append(Line(number, raw, clean, "text" if clean else "blank", width(clean)))
    return lines


def estimate_columns(lines: list[Line], reach: int = 5) -> None:
    """Set ``Line.column``: the common width of the prose lines around each line.

    Only prose (lines with commas or stops) counts, so that headlines do not narrow or widen
    the column.  Lines of one block (between blank lines) usually share a column; blocks with
    too little prose borrow from the nearest prose lines.  The median is used so that a stray
    line of compressed punctuation does not widen the column.
    """
    text_lines = [line for line in lines if line.kind == "text"]
    prose = [line for line in text_lines if has_body_punctuation(line.text) or ends_sentence(line.text)]
    if not prose:
        prose = text_lines
    block_id: dict[int, int] = {}
    block = 0
    previous: Line | None = None
    for line in text_lines:
        if previous is None or line.number != previous.number + 1:
            block += 1
        block_id[line.number] = block
        previous = line
    by_block: dict[int, list[Line]] = {}
    for line in prose:
        by_block.setdefault(block_id[line.number], []).append(line)
    block_numbers = {block: [line.number for line in own] for block, own in by_block.items()}
    numbers = [line.number for line in prose]
    for line in text_lines:
        block = block_id[line.number]
        own = by_block.get(block, [])
        if len(own) >= 3:
            position = bisect.bisect_left(block_numbers[block], line.number)
            around = own[max(0, position - reach) : position + reach + 1]
        else:
            position = bisect.bisect_left(numbers, line.number)
            around = prose[max(0, position - reach) : position + reach]
        widths = sorted((other.width for other in around), reverse=True)
        line.column = widths[len(widths) // 2] if len(widths) > 2 else widths[0]
