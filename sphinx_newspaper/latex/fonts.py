"""Which characters the PDF's fonts can draw, and what the PDF does with the others.

XeTeX leaves a character its font lacks out of the PDF, saying so only in its log ("Missing
character").  Names in newspapers use CJK Extension B characters (𠀀, 𪚥) that Noto CJK does not
have; text from the web brings emoji and symbols.  So the book's LaTeX:

* draws CJK characters the Noto CJK face lacks with HanaMin B (Debian's ``fonts-hanazono``:
  CJK Extension B and later), through xeCJK's own fallback;
* draws other characters it lacks (emoji, dingbats, symbols) with Symbola (``fonts-symbola``);
* writes invisible format characters as what they mean (a zero-width space is a place to break
  a line) instead of a missing glyph;
* warns (``newspaper.missing-glyph``), at the article's place in its issue file, about any
  character that no font of the book has, before xelatex runs: none is lost silently.

Coverage comes from fontconfig (``fc-match``), as XeTeX itself finds fonts; where fontconfig
or a fallback font is missing, the book is set without that fallback and the warning says so.
"""

from __future__ import annotations

import bisect
import functools
import subprocess
from dataclasses import dataclass, field

from ..util.patterns import LazyPattern

#: The fallback for CJK characters the Noto CJK faces lack (Extension B and beyond).
CJK_FALLBACK = "HanaMinB"
#: The fallback for symbols, dingbats and emoji (drawn in black and white).
SYMBOL_FALLBACK = "Symbola"
#: Invisible characters, written as what they mean to the line breaker, or as nothing.
INVISIBLE = {
    "\u200b": r"\hspace{0pt}",  # zero-width space: a place to break
    "\u00ad": r"\-",  # soft hyphen
    "\u200c": "",  # zero-width non-joiner
    "\u200d": "",  # zero-width joiner (emoji sequences: drawn one by one)
    "\u2060": r"\nobreak{}",  # word joiner
    "\ufeff": r"\nobreak{}",  # zero-width no-break space
    "\ufe0e": "",  # variation selectors: text or emoji style
    "\ufe0f": "",
}
_CJK_IDEOGRAPH = LazyPattern("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(frozen=True)
class Coverage:
    """The characters a font has, as sorted ranges of code points."""

    family: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


@functools.cache
def coverage(family: str) -> Coverage | None:
    """What the installed font ``family`` covers; None when fontconfig has no such font."""
    try:
        result = subprocess.run(
            ["fc-match", "--format=%{family}\n%{charset}", family],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found, _, charset = result.stdout.partition("\n")
    if result.returncode != 0 or family.lower() not in found.lower().split(","):
        return None  # fontconfig substitutes another font for a missing one
    starts, ends = [], []
    for part in charset.split():
        first, _, last = part.partition("-")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return Coverage(family, tuple(starts), tuple(ends))


@dataclass
class FontPlan:
    """The book's faces (every one must have a character for it to count as drawn), and the
    fallbacks installed."""

    faces: tuple[Coverage, ...]
    cjk_fallback: Coverage | None
    symbol_fallback: Coverage | None
    _places: dict[str, str] = field(default_factory=dict, repr=False)

    def place(self, char: str) -> str:
        """``face``, ``cjk`` (xeCJK's fallback draws it), ``symbol`` (wrapped in the symbol
        font), ``invisible`` (written as :data:`INVISIBLE` says) or ``missing``."""
        place = self._places.get(char)
        if place is None:
            place = self._places[char] = self._find(char)
        return place

    def _find(self, char: str) -> str:
        if char in INVISIBLE:
            return "invisible"
        if char.isspace() or all(char in face for face in self.faces):
            return "face"
        if _CJK_IDEOGRAPH.match(char):
            return "cjk" if self.cjk_fallback and char in self.cjk_fallback else "missing"
        if self.symbol_fallback and char in self.symbol_fallback:
            return "symbol"
        return "missing"

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no font of the book draws, each once."""
        return [char for char in dict.fromkeys(text) if ord(char) > 0x7E and self.place(char) == "missing"]

    def latex(self, escaped: str) -> str:
        """LaTeX text (already escaped) with invisible characters written as what they mean
        and symbols in the symbol font."""
        return (
            _SPECIAL.sub(lambda match: self._write(match[0]), escaped)
            if _SPECIAL.search(escaped)
            else escaped
        )

    def _write(self, char: str) -> str:
        place = self.place(char)
        if place == "invisible":
            return INVISIBLE[char]
        if place == "symbol":
            return r"{\newspapersymbol " + char + "}"
        return char

    def preamble(self) -> str:
        """The fallback fonts for the LaTeX preamble (only those installed)."""
        lines = []
        if self.cjk_fallback:
            lines.append(r"\xeCJKsetup{AutoFallBack=true}")
            for family in (r"\CJKrmdefault", r"\CJKsfdefault", r"\CJKttdefault"):
                lines.append(rf"\setCJKfallbackfamilyfont{{{family}}}{{{CJK_FALLBACK}}}")
        if self.symbol_fallback:
            lines.append(rf"\newfontfamily\newspapersymbol{{{SYMBOL_FALLBACK}}}")
        return "\n".join(lines)


# Characters that are not plain (ASCII, the common CJK blocks): a fallback or invisible, maybe.
_SPECIAL = LazyPattern("[^\x00-\x7f\u3000-\u9fff\uff00-\uffef]")


@functools.cache
def font_plan(faces: tuple[str, ...]) -> FontPlan:
    """The plan for a book set in ``faces`` (the serif and sans faces of its region)."""
    found = tuple(face for face in map(coverage, faces) if face is not None)
    return FontPlan(found, coverage(CJK_FALLBACK), coverage(SYMBOL_FALLBACK))
