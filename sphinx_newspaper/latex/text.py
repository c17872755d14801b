"""Text to LaTeX: the one escaping every text that reaches the PDF goes through.

Newspaper text and names (the paper's name, the book's title, headlines, article text) are
text, never markup: ``C#周报`` or ``合订本 {2020`` must print as written.  :func:`tex_text`
escapes TeX's special characters as Sphinx's own writer does (so ``\\sphinxhyphen`` and the
other commands it writes are the ones Sphinx's style files define), after removing what no
output can show (:func:`.characters.showable`).  The writer (:mod:`.document`) calls it for every
text node; the title page, running head, PDF metadata and ``latex_documents`` call it too.

Long unbroken runs (a URL, a token of hundreds of letters) give TeX nowhere to break a line:
the run sticks out of the page, and XeTeX has crashed on a 1,220-character run and spent
minutes on a 2,020-character one.  With ``breaks``, a long run of Latin letters, digits and
signs may break after the signs that part a URL (``/``, ``.``, ``?``, ``&``, ...) and, where
it has none, every :data:`CHUNK` characters.  Chinese text needs none of this (xeCJK breaks
between its characters), except a long run of its marks (。。。 or “““), which xeCJK never
breaks: it may break every :data:`CHUNK` marks.
"""

from __future__ import annotations

import functools

from sphinx.util import texescape

from ..util.characters import showable
from ..util.patterns import LazyPattern

#: A run of this many characters with no space and no Chinese character among them may break
#: after the signs that part a URL or a path.
LONG_RUN = 20
#: ... and, a stretch of this many characters without such a sign, every :data:`CHUNK`
#: characters (no word is this long: it is a token, a hash, a run of one letter).
LONG_WORD = 30
#: The length of the pieces a long stretch without signs is cut into.
CHUNK = 16
#: Where TeX may break a long run: a penalty of nothing, and no mark on the page.
BREAK = r"\allowbreak{}"
#: Runs of characters TeX would set as one word: no whitespace, no CJK character or mark
#: (xeCJK breaks around those itself); and runs of CJK marks, which xeCJK will not break
#: between (no line starts with 。 or ！, none ends with “): 1,500 of them stuck out 4,000 pt.
_RUN = LazyPattern(
    r"(?P<latin>[^\s\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe10-\ufe4f\uff00-\uffef]"
    + f"{{{LONG_RUN},}})"
    + r"|(?P<marks>[\u3000-\u303f\ufe10-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
    + f"{{{LONG_WORD},}})"
)
#: Lines with nothing but spaces between them: TeX ends a paragraph there.
_BLANK_LINES = LazyPattern(r"\n\s*\n")
#: The signs a URL or a path breaks after (never inside ``//``).
_AFTER_SIGN = LazyPattern(r"(?<=[/.?&=_,;:#@+~|\\-])(?![/.])")


def tex_text(text: str, *, breaks: bool = False, engine: str = "xelatex", literal: bool = False) -> str:
    """``text`` as LaTeX prints it (see the module docstring); with ``breaks``, long unbroken
    runs may break (:data:`LONG_RUN`), which only running text wants (not PDF metadata).  A
    blank line would end a paragraph where none may end (``\\title``, a heading, the PDF's
    metadata: the build stops): it is one line break, unless ``literal`` (Sphinx's writer keeps
    the lines of literal text itself)."""
    _ready()
    text = showable(text)
    if not literal and "\n" in text:
        text = _BLANK_LINES.sub("\n", text)
    if not breaks or len(text) < LONG_RUN or not _RUN.search(text):
        return texescape.escape(text, engine)
    out: list[str] = []
    last = 0
    for match in _RUN.finditer(text):
        out.append(texescape.escape(text[last : match.start()], engine))
        run = match.group()
        pieces = _pieces(run) if match["latin"] else [run[i : i + CHUNK] for i in range(0, len(run), CHUNK)]
        out.append(BREAK.join(texescape.escape(piece, engine) for piece in pieces))
        last = match.end()
    out.append(texescape.escape(text[last:], engine))
    return "".join(out)


@functools.cache
def _ready() -> None:
    """Sphinx's escaping maps, filled (the LaTeX builder fills them at its start; the title
    page and ``latex_documents`` are made before it, and tests call :func:`tex_text` alone)."""
    texescape.init()


def _pieces(run: str) -> list[str]:
    """A long run cut where it may break: after a URL's signs, and long stretches every
    :data:`CHUNK` characters."""
    pieces: list[str] = []
    for part in _AFTER_SIGN.split(run):
        if len(part) < LONG_WORD:
            pieces.append(part)
            continue
        pieces.extend(part[start : start + CHUNK] for start in range(0, len(part), CHUNK))
    return [piece for piece in pieces if piece]
