"""What the EPUB package is made from, as plain data.

The builder gathers it once every document is rendered
(:meth:`.builder.NewspaperEpubBuilder.epub_sources`); :mod:`.assemble` packs it without calling
back into the builder, so the packing can be read (and tested) on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.config import Config

    from ..book.collect import Book


@dataclass(frozen=True)
class SourceDocument:
    """One rendered document, as the EPUB takes it."""

    docname: str
    file_name: str  # its file in the EPUB (what links between documents point at)
    body: Path  # the body HTML the builder kept
    title: str  # its own title, for documents the newspaper does not name
    lang: str | None  # the BCP 47 tag of a newspaper document, else None (the book's language)


@dataclass(frozen=True)
class EpubSources:
    """Everything :func:`.assemble.write_book` needs: the book, the settings, the documents in
    reading order with their children in the table of contents, and the images they show."""

    book: Book
    config: Config
    documents: list[SourceDocument]
    children: dict[str, list[str]]
    images: dict[str, str]  # a picture's path under ``srcdir`` → its name under ``image_dir``
    image_dir: str
    srcdir: Path
    confdir: Path
    outdir: Path
