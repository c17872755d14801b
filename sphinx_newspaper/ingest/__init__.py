"""Text in, model out: everything between an issue's files and :mod:`sphinx_newspaper.model`.

Pure Python with no Sphinx imports.  One module per step:

* :mod:`.decode` bytes to text (encodings, BOMs, line ends), refusing unreadable text;
* :mod:`.page` one page of e-paper text to a :class:`~sphinx_newspaper.model.Page`
  (masthead, lines, paragraphs, segmentation, headlines, captions, furniture);
* :mod:`.folders` a folder of one-article-per-file text (People's Daily layout);
* e-paper PDFs, read by their layout: :mod:`.pdf.chars` (characters, sizes, fonts, rules;
  unreadable PDFs refused), :mod:`.pdf.lines` (lines), :mod:`.pdf.layout` (blocks and columns),
  :mod:`.pdf.roles` (headline tiers, bylines, captions, furniture), :mod:`.pdf.stories` (which
  story each block belongs to, reading order) and :mod:`.pdf.page` (the model).

Errors the user must act on are :class:`IngestError`; everything else the ingest wants
to say travels as :class:`~sphinx_newspaper.model.Notice` on the page.

This module is the ingest's only door: the rest of the package imports what it needs from
here, never from the step modules.  Names are loaded on first use, so importing the package
stays cheap (the PDF route and pdfium load only when a PDF is read).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each name the ingest offers the rest of the package, and the step module that defines it.
_EXPORTS = {
    "IngestError": "..util.errors",
    "ONE_ISSUE_PER_DATE": ".issues",
    "PAGE_SUFFIXES": ".issues",
    "IMAGE_PAGE_SUFFIXES": ".issues",
    "PICTURE_SUFFIXES": ".issues",
    "archive_issues": ".issues",
    "date_in_name": ".issues",
    "undated_entries": ".issues",
    "UNDATED_HINT": ".issues",
    "is_pdf": ".issues",
    "read_issue": ".issues",
    "read_page": ".issues",
    "read_text": ".decode",
    "text_codec": ".decode",
    "ARTICLE_FILE": ".folders",
    "page_article_files": ".folders",
    "corrections_file": ".corrections",
    "ISSUE_NUMBER": ".masthead",
    "ROMANISED": ".masthead",
    "MAX_PDF_BYTES": ".pdf.chars",
    "decoded_pixels": ".pdf.chars",
    "image_objects": ".pdf.chars",
    "open_pdf_data": ".pdf.chars",
    "own_text": ".pdf.chars",
    "pdf_digest": ".pdf.chars",
    "MAX_PIXELS": ".pdf.pictures",
    "LayoutParams": ".pdf.params",
    "OCR_MODES": ".pdf.ocr",
    "check_ocr_mode": ".pdf.ocr",
    "configure_ocr": ".pdf.ocr",
    "ocr_settings": ".pdf.ocr",
    "page_image_name": ".pdf.pictures",
    "source_file": ".pdf.page",
}

__all__ = [
    "ARTICLE_FILE",
    "IMAGE_PAGE_SUFFIXES",
    "ISSUE_NUMBER",
    "MAX_PDF_BYTES",
    "MAX_PIXELS",
    "OCR_MODES",
    "ONE_ISSUE_PER_DATE",
    "PAGE_SUFFIXES",
    "PICTURE_SUFFIXES",
    "ROMANISED",
    "UNDATED_HINT",
    "IngestError",
    "LayoutParams",
    "archive_issues",
    "check_ocr_mode",
    "configure_ocr",
    "corrections_file",
    "date_in_name",
    "decoded_pixels",
    "image_objects",
    "is_pdf",
    "ocr_settings",
    "open_pdf_data",
    "own_text",
    "page_article_files",
    "page_image_name",
    "pdf_digest",
    "read_issue",
    "read_page",
    "read_text",
    "source_file",
    "text_codec",
    "undated_entries",
]

if TYPE_CHECKING:
    from ..util.errors import IngestError
    from .corrections import corrections_file
    from .decode import read_text, text_codec
    from .folders import ARTICLE_FILE, page_article_files
    from .issues import (
        IMAGE_PAGE_SUFFIXES,
        ONE_ISSUE_PER_DATE,
        PAGE_SUFFIXES,
        PICTURE_SUFFIXES,
        UNDATED_HINT,
        archive_issues,
        date_in_name,
        is_pdf,
        read_issue,
        read_page,
        undated_entries,
    )
    from .masthead import ISSUE_NUMBER, ROMANISED
    from .pdf.chars import MAX_PDF_BYTES, image_objects, open_pdf_data, own_text, pdf_digest
    from .pdf.ocr import OCR_MODES, check_ocr_mode, configure_ocr, ocr_settings
    from .pdf.page import source_file
    from .pdf.params import LayoutParams
    from .pdf.pictures import MAX_PIXELS, page_image_name


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
