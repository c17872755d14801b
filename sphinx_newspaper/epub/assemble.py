"""The EPUB package put together with ebooklib from the documents the builder rendered: reading
order, metadata, stylesheets, pictures, cover and the newspaper's table of contents.

Imported only by a build that writes an EPUB (:meth:`.builder.NewspaperEpubBuilder.write_epub`):
ebooklib, lxml and Pillow would cost every other build some 25 ms to import.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ebooklib import epub
from sphinx.util import logging

from ..book import render
from ..book.collect import Book, BookIssue, book_of
from ..book.pagemaps import source_path
from ..book.titles import book_file_stem, book_title
from ..chinese import Script, converter
from ..config import newspaper_config
from ..model import Article, Page
from ..subtypes import WARNING_TYPE, Subtype
from .cover import COVER_IMAGE_ID, COVER_PAGE, make_cover
from .metadata import book_identifier, book_script, describe, modified
from .package import ContentDocument, link_styles, stylesheets, write_reproducibly

if TYPE_CHECKING:
    from .builder import NewspaperEpubBuilder

logger = logging.getLogger(__name__)

_HREF = re.compile(r'\shref="([^"]*)"')


@dataclass(frozen=True)
class Placement:
    """Where a generated document stands in the newspaper: an issue, one of its pages, an article."""

    entry: BookIssue
    page: Page | None = None
    article: Article | None = None

    @property
    def label(self) -> str:
        """The document's name in the table of contents, in the newspaper's own words."""
        if self.article is not None:
            return self.article.title
        if self.page is not None:
            return render.page_label(self.page, self.entry.convert)
        return self.entry.title


def placements(book: Book) -> dict[str, Placement]:
    """Every issue front, page and article document of the book, by document name."""
    found: dict[str, Placement] = {}
    fronts: dict[str, list[BookIssue]] = {}
    for entry in book.issues:
        if entry.in_archive:
            found[entry.issue_docname(book.generated_dir)] = Placement(entry)
        else:
            fronts.setdefault(entry.request.docname, []).append(entry)
        for page in entry.issue.pages:
            found[entry.page_docname(book.generated_dir, page)] = Placement(entry, page)
            for article in page.articles:
                found[entry.article_docname(book.generated_dir, article)] = Placement(entry, page, article)
    # A document holding one issue directive is that issue's front; with two it is neither.
    for docname, entries in fronts.items():
        if len(entries) == 1:
            found.setdefault(docname, Placement(entries[0]))
    return found


def write_book(builder: NewspaperEpubBuilder) -> None:
    """The EPUB file, named after the paper and date, in the builder's output folder."""
    book = book_of(builder.sphinx)
    settings = newspaper_config(builder.config)
    script = book_script(book, settings.convert)
    label = book.issues[0].convert if book.issues else converter(settings.convert, settings.quotes)
    order, children = builder.reading_order()
    title = book_title(book.contents, settings.title, builder.config.project)

    package = epub.EpubBook()
    package.set_identifier(book_identifier(book))
    package.set_title(title)
    package.set_language(script.tag)
    describe(package, book, label)
    styles = stylesheets(settings.writing_mode)
    for style in styles:
        package.add_item(style)
    images = builder.book_images(order)
    documents = content_documents(builder, order, placements(book), script, styles, images)
    for document in documents.values():
        package.add_item(document)
    front = None if settings.cover else front_page(builder, book, images)
    for picture in images_of_documents(builder, images):
        if front is None or picture.file_name != front[0]:
            package.add_item(picture)  # (the front page, when it is the cover, is added as such)

    chosen = settings.cover
    cover = make_cover(book, title, label, script, styles, Path(builder.confdir), chosen, front)
    if cover is not None:
        image, page = cover
        package.add_item(image)
        package.add_item(page)
        package.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_IMAGE_ID})

    package.toc = table_of_contents(builder.config.root_doc, documents, children)
    package.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=label("目录"))
    link_styles(nav, styles)
    package.add_item(nav)
    first = next(iter(documents.values()), None)
    package.spine = [*([cover[1]] if cover else []), *documents.values()]
    package.guide = [
        *([{"type": "cover", "href": COVER_PAGE, "title": label("封面")}] if cover else []),
        *([{"type": "text", "href": first.file_name, "title": first.title}] if first else []),
    ]
    if settings.writing_mode == "vertical":
        package.set_direction("rtl")
        package.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})

    target = Path(builder.outdir) / f"{book_file_stem(book.contents)}.epub"
    # The landmarks list is headed in the book's language (ebooklib says "Guide").
    write_reproducibly(package, target, modified(book), landmarks_title=label("导览"))
    logger.info(f"[newspaper] EPUB: {target}")


def content_documents(
    builder: NewspaperEpubBuilder,
    order: list[str],
    places: dict[str, Placement],
    script: Script,
    styles: list[epub.EpubItem],
    images: dict[str, str],
) -> dict[str, epub.EpubHtml]:
    """One XHTML file per document, from the body the builder kept (:data:`.builder.PARTS`),
    in reading order."""
    files = {builder.get_target_uri(docname) for docname in order}
    files |= {f"{builder.imagedir}/{name}" for name in images.values()}
    documents: dict[str, epub.EpubHtml] = {}
    for docname in order:
        place = places.get(docname)
        body = builder.get_output_path(docname).read_text(encoding="utf-8")
        for href in broken_links(body, files):
            logger.warning(
                f"link to {href!r}, which is not in the EPUB",
                type=WARNING_TYPE,
                subtype=Subtype.EPUB,
                location=docname,
            )
        file_name = builder.get_target_uri(docname)
        document = ContentDocument(
            uid="doc-" + Path(file_name).stem,
            file_name=file_name,
            title=place.label if place else builder.plain_title(docname),
            lang=place.entry.script.tag if place else script.tag,
            content=f"<html><body>{body}</body></html>".encode(),
        )
        link_styles(document, styles)
        documents[docname] = document
    return documents


def images_of_documents(builder: NewspaperEpubBuilder, images: dict[str, str]) -> list[epub.EpubImage]:
    """The images the documents show, under the names their ``src`` attributes use."""
    return [
        epub.EpubImage(
            uid="img-" + re.sub(r"[^A-Za-z0-9_-]", "-", name),
            file_name=f"{builder.imagedir}/{name}",
            content=(Path(builder.srcdir) / source).read_bytes(),
        )
        for source, name in sorted(images.items())
    ]


def front_page(builder: NewspaperEpubBuilder, book: Book, images: dict[str, str]) -> tuple[str, bytes] | None:
    """The first issue's first page rendered (a PDF issue), as the cover: its file name in the
    EPUB (where the page map shows it, so the file is there once) and its bytes."""
    path = book.cover
    if path is None:
        return None
    name = images.get(source_path(builder.srcdir, path))
    file_name = f"{builder.imagedir}/{name}" if name else "images/cover.jpg"
    return file_name, path.read_bytes()


TocEntry = epub.Link | tuple[epub.Section, list[Any]]


def table_of_contents(
    root: str, documents: dict[str, epub.EpubHtml], children: dict[str, list[str]]
) -> list[TocEntry]:
    """ebooklib's nested table of contents (nav and NCX): archive → issue → page → article."""

    def entry_for(docname: str) -> TocEntry:
        document = documents[docname]
        if not children[docname]:
            return epub.Link(document.file_name, document.title, "nav-" + document.id)
        section = epub.Section(document.title, document.file_name)
        return (section, [entry_for(child) for child in children[docname]])

    return [entry_for(root)] if root in documents else []


def broken_links(body: str, files: set[str]) -> list[str]:
    """Relative links in ``body`` to files the EPUB does not hold (they would dead-end)."""
    broken = []
    for match in _HREF.finditer(body):
        href = html.unescape(match[1])
        target = href.split("#", 1)[0]
        if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            continue  # in-page anchors and absolute URLs
        if target not in files:
            broken.append(href)
    return broken
