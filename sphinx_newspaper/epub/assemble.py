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
from ..book.language import page_language
from ..book.pagemaps import source_path
from ..chinese import converter
from ..config import newspaper_config
from ..model import Article, Page
from ..subtypes import WARNING_TYPE, Subtype
from .cover import COVER_IMAGE_ID, COVER_PAGE, make_cover
from .metadata import book_identifier, book_script, declare_accessibility, describe, distinct, modified
from .package import ContentDocument, link_styles, stylesheets, write_reproducibly
from .settings import epub_settings

if TYPE_CHECKING:
    from .builder import NewspaperEpubBuilder

logger = logging.getLogger(__name__)

#: A link: its opening tag's attributes, its target and its content (links do not nest).
_ANCHOR = re.compile(r'<a(\s(?:[^>]*?\s)?href="([^"]*)"[^>]*)>(.*?)</a>', re.DOTALL)
#: Pages only HTML has, which Sphinx's references may name (``:ref:`genindex```).
SPHINX_PAGES = frozenset({"genindex", "modindex", "py-modindex", "search"})


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
    chosen = epub_settings(builder, book, script, label)
    order, children = builder.reading_order()
    title = chosen.title

    package = epub.EpubBook()
    package.set_identifier(book_identifier(book))
    package.set_title(title)
    package.set_language(chosen.language)
    if chosen.newspaper_book:
        describe(package, book, label, publisher=chosen.publisher, author=chosen.author)
    else:
        for name in distinct([chosen.author]):
            package.add_author(name)
        if chosen.publisher:
            package.add_metadata("DC", "publisher", chosen.publisher)
    if chosen.rights:
        package.add_metadata("DC", "rights", chosen.rights)
    styles = stylesheets(chosen.writing_mode, chosen.css_files)
    for style in styles:
        package.add_item(style)
    images = builder.book_images(order)
    places = placements(book)
    if not chosen.newspaper_book:  # a document holding an issue keeps its own title there
        places = {name: place for name, place in places.items() if place.page or place.entry.in_archive}
    documents = content_documents(builder, order, places, chosen.language, styles, images)
    for document in documents.values():
        package.add_item(document)
    front = None if chosen.cover or not chosen.draw_cover else front_page(builder, book, images)
    for picture in images_of_documents(builder, images):
        if front is None or picture.file_name != front[0]:
            package.add_item(picture)  # (the front page, when it is the cover, is added as such)

    cover = None
    if chosen.draw_cover:
        where = Path(builder.confdir)
        cover = make_cover(
            book, title, chosen.cover_label, chosen.language, script, styles, where, chosen.cover, front
        )
    if cover is not None:
        image, page = cover
        package.add_item(image)
        package.add_item(page)
        package.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_IMAGE_ID})

    pictures = bool(images) or cover is not None
    declare_accessibility(package, label, chosen.language.lower().startswith("zh"), pictures)

    package.toc = table_of_contents(builder.config.root_doc, documents, children)
    package.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=chosen.contents_label)
    link_styles(nav, styles)
    package.add_item(nav)
    first = next(iter(documents.values()), None)
    package.spine = [*([cover[1]] if cover else []), *documents.values()]
    package.guide = [
        *([{"type": "cover", "href": COVER_PAGE, "title": chosen.cover_label}] if cover else []),
        *([{"type": "text", "href": first.file_name, "title": first.title}] if first else []),
    ]
    if chosen.writing_mode == "vertical":
        package.set_direction("rtl")
        package.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})

    target = Path(builder.outdir) / f"{chosen.file_stem}.epub"
    # The landmarks list is headed in the book's language (ebooklib says "Guide").
    write_reproducibly(package, target, modified(book), landmarks_title=chosen.landmarks_label)
    logger.info(f"[newspaper] EPUB: {target}")


def content_documents(
    builder: NewspaperEpubBuilder,
    order: list[str],
    places: dict[str, Placement],
    language: str,
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
        body, broken = unlink_missing(builder.get_output_path(docname).read_text(encoding="utf-8"), files)
        for href in broken:
            if Path(href.split("#", 1)[0]).stem in SPHINX_PAGES:
                continue  # the index and search pages of HTML: no EPUB has them
            logger.warning(
                f"link to {href!r}, which is not in the EPUB: kept as text",
                type=WARNING_TYPE,
                subtype=Subtype.EPUB,
                location=docname,
            )
        file_name = builder.get_target_uri(docname)
        document = ContentDocument(
            uid="doc-" + Path(file_name).stem,
            file_name=file_name,
            title=place.label if place else builder.plain_title(docname),
            lang=page_language(builder.sphinx, docname) or language,
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


def holds(href: str, files: set[str]) -> bool:
    """Whether a link leads somewhere: an in-page anchor, an absolute URL or a file of the EPUB."""
    target = href.split("#", 1)[0]
    return not target or bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target in files


def unlink_missing(body: str, files: set[str]) -> tuple[str, list[str]]:
    """``body`` with each link to a file the EPUB does not hold (``:ref:`genindex```, a page
    left out) made plain text in a ``<span>`` of the same class (a dangling link makes the EPUB
    invalid, RSC-007), and those links' targets."""
    broken: list[str] = []

    def plain(match: re.Match[str]) -> str:
        href = html.unescape(match[2])
        if holds(href, files):
            return match[0]
        broken.append(href)
        kept = re.search(r'\sclass="[^"]*"', match[1])
        return f"<span{kept[0] if kept else ''}>{match[3]}</span>"

    return _ANCHOR.sub(plain, body), broken
