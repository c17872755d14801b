"""Characters no output can hold, and the one policy for them.

HTML and EPUB are XML, which forbids the C0 control characters (except tab and line ends),
U+FFFE, U+FFFF and lone surrogates (an EPUB with one is not even well-formed); XeTeX stops
at most C0 controls ("Text line contains an invalid character"); the C1 controls (U+0080 to
U+009F) and the other noncharacters (U+FDD0 to U+FDEF, U+xFFFE and U+xFFFF in every plane)
are allowed in XML but have no glyph in any font and mean nothing in text.  None of them
is something a reader could see.  In newspaper text they come from extraction and conversion
accidents (a backspace, an escape from a terminal colour code, Latin-1 bytes read as text).

The policy, applied to every text the ingest reads (page and article files, corrections
files) by :func:`remove_unshowable`, and again by the writers as a last guard:

* form feed, vertical tab, next line (U+0085), line and paragraph separators (U+2028,
  U+2029) are layout (pdftotext ends each page with a form feed): they become spaces, which
  the spacing rule then treats like any space;
* every other such character is left out, and the ingest reports each file (each PDF page)
  that had any, with the code point of each and where it stood: its line, or its page and
  position in PDF points (warning ``newspaper.invalid-character``, :func:`left_out_notice`);
  ``inspect --check`` counts them beside the characters kept.
"""

from __future__ import annotations

import unicodedata

from ..model import Notice
from ..subtypes import Subtype
from .patterns import LazyPattern

#: Layout characters that are read as a space.
LAYOUT = LazyPattern("[\x0b\x0c\x85\u2028\u2029]")
#: Characters no output format can show (see the module's docstring).
UNSHOWABLE = LazyPattern(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
#: How many removed characters a message names one by one.
NAMED_IN_MESSAGE = 5


def _horizontal_form(char: str) -> str:
    """What a vertical presentation form stands for in horizontal text: the character its
    ``<vertical>`` decomposition names, ASCII punctuation as the full-width form Chinese text
    uses (︵ is （, not ( ); other characters as they are."""
    tag, *codes = unicodedata.decomposition(char).split() or [""]
    if tag != "<vertical>":
        return char
    form = "".join(chr(int(code, 16)) for code in codes)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in form)


#: The vertical presentation forms (U+FE10–FE19: ︐︑︒…; U+FE30–FE4F: ︵︶﹁﹂﹃﹄…) by the
#: horizontal forms they stand for.  Vertical type (a PDF's vertical headline, the text
#: pdftotext extracts from it) may carry them; set horizontally, in a title, a table of
#: contents or ``<title>``, they would show on their side.  (The sesame dots ﹅﹆ and the
#: dashed and wavy lines ﹉…﹏ are not vertical forms, and stay.)
VERTICAL_FORMS = {
    code: form
    for code in [*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE50)]
    if (form := _horizontal_form(chr(code))) != chr(code)
}


def horizontal_forms(text: str) -> str:
    """``text`` with each vertical presentation form as its horizontal form (﹃乡村﹄ → 『乡村』):
    the one mapping, for every text read from vertical type."""
    return text.translate(VERTICAL_FORMS)


#: A character left out, and where it stood (``line 3``, ``page 1 at 120,540 pt``).
LeftOut = tuple[str, str]


def remove_unshowable(text: str) -> tuple[str, list[tuple[str, int]]]:
    """``text`` with layout characters as spaces and unshowable ones left out, and each one
    left out with its line (counted by ``\\n``)."""
    text = LAYOUT.sub(" ", text)
    found: list[tuple[str, int]] = []
    line, counted = 1, 0
    for match in UNSHOWABLE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append((match[0], line))
    return (UNSHOWABLE.sub("", text), found) if found else (text, found)


def left_out_notice(source: str, found: list[LeftOut], origin: str, line: int | None = None) -> Notice:
    """The one warning for characters left out of a file (or a PDF page): how many, the first
    few with where each stood, and where they come from (``origin``)."""
    message = f"left out {len(found)} character(s) that no output can show: {describe(found)} ({origin})"
    return Notice(Subtype.INVALID_CHARACTER, message, source, line)


def showable(text: str) -> str:
    """``text`` as every output can hold it (the writers' last guard)."""
    return UNSHOWABLE.sub("", LAYOUT.sub(" ", text))


def describe(found: list[LeftOut]) -> str:
    """``U+0008 BACKSPACE (line 3), U+FFFE (line 9) and 2 more``."""
    named = [f"{code_point(char)} ({place})" for char, place in found[:NAMED_IN_MESSAGE]]
    rest = len(found) - len(named)
    return ", ".join(named) + (f" and {rest} more" if rest else "")


def code_point(char: str) -> str:
    """``U+0008 BACKSPACE``; ``U+FFFE`` for characters without a name."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}
