"""The warning subtypes: every warning the extension gives is ``type="newspaper"`` with one of
these, so that users can silence it with ``suppress_warnings = ["newspaper.<subtype>"]``.

The documentation's warnings table (docs/warnings.md) is made from this enum and its ``#:``
comments; every subtype needs one (``tests/test_subtypes.py``).
"""

from __future__ import annotations

from enum import StrEnum


class Subtype(StrEnum):
    """A warning subtype; its value is what follows ``newspaper.`` in ``suppress_warnings``."""

    #: An article has no headline in the text; its title was taken from its first clause.
    TITLE_INFERRED = "title-inferred"
    #: A page holds no articles; its text is kept as page furniture.
    NO_ARTICLES = "no-articles"
    #: An issue of an archive could not be read and was left out (or names no date); a file or
    #: folder inside an issue folder was not read (it is not a page); or a page of an archive's
    #: issue prints another date than the issue's name.
    INPUT = "input"
    #: A file (or a PDF page's text layer) held characters no output can show (control
    #: characters, noncharacters); they were left out, each named with its line, or its PDF
    #: page and position.
    INVALID_CHARACTER = "invalid-character"
    #: A headline or previous/next link points at an article left out of the build (for
    #: example by ``exclude_patterns``); the link text stays, unlinked.
    LINK = "link"
    #: The EPUB has a link to a document that is not in it.
    EPUB = "epub"
    #: The ``newspaper_cover`` image could not be used, or no CJK font was found for the cover.
    COVER = "cover"
    #: ``newspaper-volumes`` names a volume whose inventory is not there (not built yet, or not
    #: in ``intersphinx_mapping``), or intersphinx is not loaded.
    VOLUME = "volume"
    #: A picture of a PDF page could not be used: it cannot be decoded, it is too large to
    #: decode (more than 60 million pixels), or the page holds more than 300 images (tiles,
    #: patterns); the picture is left out, its caption and the page's text are built.
    IMAGE = "image"
    #: A table of a corrections file matched nothing: a ``[[furniture]]`` text that is in no
    #: article, caption or picture credit, located at the table's line in the corrections
    #: file; nothing is taken, the rest of the file is applied.  Or a ``[[merge]]`` moved text:
    #: its articles were not neighbours in reading order, or were named out of it.
    CORRECTION = "correction"
    #: A page was read through OCR (a scan, a garbled text layer, a page image); the warning
    #: says how many lines were read with little confidence, to check (``sphinx-newspaper
    #: inspect``) and correct (``[[misread]]`` corrections; see docs/ocr.md).
    OCR = "ocr"
    #: A character no font of the PDF has, nor the fallbacks (HanaMin B for CJK Extension B and
    #: beyond, Symbola for symbols and emoji), located in the article's issue file: it will be
    #: missing from the PDF.
    MISSING_GLYPH = "missing-glyph"
    #: A setting under its old name (``newspaper_paper``): it is read as the new name it gives.
    DEPRECATED = "deprecated"
    #: Two settings that disagree: the one named wins (``latex_elements["papersize"]`` over
    #: ``newspaper_pdf_size``).
    SETTINGS = "settings"
    #: A page was probably read wrong here: an article begins or ends mid-sentence, body text
    #: was left in furniture, a headline has no text, text runs across a rule, or an article
    #: holds far more or less text than its space; located at the file, page and place on the
    #: page, with what to check and the correction that fixes it (see docs/checking.md).
    LAYOUT = "layout"
    #: Part of a PDF page could not be read or cannot be seen: a damaged content stream (what
    #: follows the damage is lost), text drawn outside the page's visible area or at no size
    #: (left out); ``inspect --check`` fails on such a page and names the cause.
    UNREAD = "unread"


#: The warning type of every warning the extension gives.
WARNING_TYPE = "newspaper"
