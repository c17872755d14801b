"""The EPUB builder: each document rendered by Sphinx's HTML machinery, packaged with ebooklib.

The builder replaces Sphinx's own ``epub`` builder.  It renders every document's body with the
HTML writer (no theme, so no sidebars, search, index or "view source" links), keeps one XHTML
file per document in reading order (issue front, pages, articles), and builds the navigation
from the newspaper itself: issue → page (版) → article, with an archive above the issues.

Metadata come from the issues (title, date, paper as publisher and series, page sections as
subjects, bylines as contributors) and the file is reproducible: the same sources give the same
bytes (fixed identifiers, dates and zip timestamps; ``SOURCE_DATE_EPOCH`` is honoured).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from ebooklib import epub
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.display import progress_message

from .. import render
from ..book import Book, BookIssue, book_of
from ..chinese import Script, converter
from ..config import newspaper_config
from ..model import Article, Page
from ..pagemaps import page_map, source_path
from ..subtypes import WARNING_TYPE, Subtype
from ..titles import book_file_stem, book_title
from .cover import COVER_IMAGE_ID, COVER_PAGE, make_cover
from .metadata import book_identifier, book_script, describe, modified
from .package import ContentDocument, link_styles, stylesheets, write_reproducibly

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Folder under the output directory holding each document's rendered body between builds.
PARTS = "_parts"
#: The file, in :data:`PARTS`, listing each document's images: a rebuild writes only the
#: documents that changed, and the book needs the images of every one.
IMAGES = "images.json"
#: File stems the package itself uses; documents with these names get another one.
RESERVED_STEMS = frozenset({"nav", "cover", "toc", "content"})

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


def epub_file_names(docnames: Iterable[str], generated_dir: str) -> dict[str, str]:
    """ASCII file names inside the EPUB, one folder level: ``2023-03-24-p04-01.xhtml``.

    Distinct for distinct documents (a number is added on collision, in sorted order, so every
    process of a parallel build agrees).
    """
    used = set(RESERVED_STEMS)
    names: dict[str, str] = {}
    for docname in sorted(docnames):
        stem = file_stem(docname, generated_dir)
        candidate, number = stem, 2
        while candidate.lower() in used:
            candidate, number = f"{stem}-{number}", number + 1
        used.add(candidate.lower())
        names[docname] = candidate + ".xhtml"
    return names


def file_stem(docname: str, generated_dir: str) -> str:
    name = docname.removeprefix(generated_dir + "/")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name.replace("/", "-")).strip("-.") or "document"


class NewspaperEpubBuilder(StandaloneHTMLBuilder):
    """``sphinx-build -b epub``: one EPUB 3 file named after the paper and date."""

    name = "epub"
    format = "html"
    epilog = "The EPUB file is in %(outdir)s."
    out_suffix = ".xhtml"
    link_suffix = ".xhtml"
    copysource = False
    add_permalinks = False
    allow_sharp_as_current_path = False
    embedded = True
    search = False
    use_index = False
    download_support = False
    html_scaled_image_link = False
    supported_remote_images = False
    supported_data_uri_images = False
    supported_image_types: ClassVar[list[str]] = ["image/svg+xml", "image/png", "image/gif", "image/jpeg"]

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx = app  # book_of() finds the issues by the application

    def init(self) -> None:
        super().init()
        self.out_suffix = self.link_suffix = ".xhtml"
        self.use_index = False
        #: Each document's images: their keys in ``images`` (a path from the source folder) and
        #: their names in the book, as the documents written now or in earlier builds show them.
        self.document_images: dict[str, dict[str, str]] = {}
        try:
            kept = json.loads(self.images_record.read_text(encoding="utf-8"))
            if isinstance(kept, dict):
                self.document_images = kept
        except (OSError, ValueError):
            pass

    @property
    def images_record(self) -> Path:
        return Path(self.outdir, PARTS, IMAGES)

    def get_outdated_docs(self) -> Iterable[str]:
        """As the HTML builder; every document when the record of their images is not there
        (a first build, or bodies kept by a version that did not record them)."""
        if not self.images_record.is_file():
            return sorted(self.env.found_docs)
        return super().get_outdated_docs()

    def write_doc_serialized(self, docname: str, doctree: nodes.document) -> None:
        """As the HTML builder (which lists the document's images), and the images noted."""
        super().write_doc_serialized(docname, doctree)
        keys = {node["uri"] for node in doctree.findall(nodes.image)}
        keys |= {node["image"] for node in doctree.findall(page_map) if "image" in node}
        self.document_images[docname] = {key: self.images[key] for key in sorted(keys) if key in self.images}

    def create_build_info(self) -> Any:
        """The HTML builder's record of the settings its output depends on, with the EPUB's:
        made by the class Sphinx itself uses (a private module, moved between versions)."""
        build_info = type(super().create_build_info())
        return build_info(self.config, self.tags, frozenset({"html", "epub"}))

    @functools.cached_property
    def file_names(self) -> dict[str, str]:
        return epub_file_names(self.env.found_docs, newspaper_config(self.config).generated_dir)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Links between documents point at the EPUB's own file names."""
        return self.file_names.get(docname) or file_stem(docname, "") + ".xhtml"

    def get_output_path(self, page_name: str, /) -> Path:
        """Where a document's rendered body waits until :meth:`finish` packs the EPUB."""
        return Path(self.outdir, PARTS, self.get_target_uri(page_name))

    def copy_assets(self) -> None:
        """Nothing to copy: the EPUB carries its own stylesheets and no theme files."""

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """Only the body: the book has no theme, so the HTML builder's relations, titles and
        local tables of contents (several renders per document) would be thrown away."""
        return {"body": body, "metatags": metatags}

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        """Keep the document's body HTML (no theme: no sidebars, search or source links)."""
        if "body" not in addctx:
            return  # pages without a document (search, genindex) have no place in the book
        path = outfilename or self.get_output_path(pagename)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(addctx["body"], encoding="utf-8")

    def finish(self) -> None:
        self.write_buildinfo()
        self.document_images = {
            docname: images
            for docname, images in self.document_images.items()
            if docname in self.env.all_docs
        }
        self.images_record.parent.mkdir(parents=True, exist_ok=True)
        self.images_record.write_text(
            json.dumps(self.document_images, sort_keys=True, indent=0), encoding="utf-8"
        )
        self.write_epub()

    def reading_order(self) -> tuple[list[str], dict[str, list[str]]]:
        """Documents in toctree order from the root (then any outside the toctree), and each
        document's children in the table of contents."""
        includes = self.env.toctree_includes
        order: list[str] = []
        children: dict[str, list[str]] = {}
        seen: set[str] = set()

        def visit(docname: str) -> None:
            seen.add(docname)
            order.append(docname)
            children[docname] = []
            for child in includes.get(docname, []):
                if child in self.env.all_docs and child not in seen:
                    children[docname].append(child)
                    visit(child)

        if self.config.root_doc in self.env.all_docs:
            visit(self.config.root_doc)
        order.extend(sorted(set(self.env.all_docs) - seen))
        return order, children

    @progress_message("writing EPUB")
    def write_epub(self) -> None:
        book = book_of(self.sphinx)
        settings = newspaper_config(self.config)
        script = book_script(book, settings.convert)
        label = book.issues[0].convert if book.issues else converter(settings.convert, settings.quotes)
        order, children = self.reading_order()
        title = book_title(book.contents, settings.title, self.config.project)

        package = epub.EpubBook()
        package.set_identifier(book_identifier(book))
        package.set_title(title)
        package.set_language(script.tag)
        describe(package, book, label)
        styles = stylesheets(settings.writing_mode)
        for style in styles:
            package.add_item(style)
        images = self.book_images(order)
        documents = self.content_documents(order, placements(book), script, styles, images)
        for document in documents.values():
            package.add_item(document)
        front = None if settings.cover else self.front_page(book, images)
        for picture in self.images_of_documents(images):
            if front is None or picture.file_name != front[0]:
                package.add_item(picture)  # (the front page, when it is the cover, is added as such)

        chosen = settings.cover
        cover = make_cover(book, title, label, script, styles, Path(self.confdir), chosen, front)
        if cover is not None:
            image, page = cover
            package.add_item(image)
            package.add_item(page)
            package.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_IMAGE_ID})

        package.toc = table_of_contents(self.config.root_doc, documents, children)
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

        target = Path(self.outdir) / f"{book_file_stem(book.contents)}.epub"
        # The landmarks list is headed in the book's language (ebooklib says "Guide").
        write_reproducibly(package, target, modified(book), landmarks_title=label("导览"))
        logger.info(f"[newspaper] EPUB: {target}")

    def book_images(self, order: list[str]) -> dict[str, str]:
        """The images of the book's documents, by key in ``images``: their names in the book."""
        images: dict[str, str] = {}
        for docname in order:
            images.update(self.document_images.get(docname, {}))
        return images

    def content_documents(
        self,
        order: list[str],
        places: dict[str, Placement],
        script: Script,
        styles: list[epub.EpubItem],
        images: dict[str, str],
    ) -> dict[str, epub.EpubHtml]:
        """One XHTML file per document, from the body kept in :data:`PARTS`, in reading order."""
        files = {self.get_target_uri(docname) for docname in order}
        files |= {f"{self.imagedir}/{name}" for name in images.values()}
        documents: dict[str, epub.EpubHtml] = {}
        for docname in order:
            place = places.get(docname)
            body = self.get_output_path(docname).read_text(encoding="utf-8")
            for href in broken_links(body, files):
                logger.warning(
                    f"link to {href!r}, which is not in the EPUB",
                    type=WARNING_TYPE,
                    subtype=Subtype.EPUB,
                    location=docname,
                )
            file_name = self.get_target_uri(docname)
            document = ContentDocument(
                uid="doc-" + Path(file_name).stem,
                file_name=file_name,
                title=place.label if place else self.plain_title(docname),
                lang=place.entry.script.tag if place else script.tag,
                content=f"<html><body>{body}</body></html>".encode(),
            )
            link_styles(document, styles)
            documents[docname] = document
        return documents

    def images_of_documents(self, images: dict[str, str]) -> list[epub.EpubImage]:
        """The images the documents show, under the names their ``src`` attributes use."""
        return [
            epub.EpubImage(
                uid="img-" + re.sub(r"[^A-Za-z0-9_-]", "-", name),
                file_name=f"{self.imagedir}/{name}",
                content=(Path(self.srcdir) / source).read_bytes(),
            )
            for source, name in sorted(images.items())
        ]

    def front_page(self, book: Book, images: dict[str, str]) -> tuple[str, bytes] | None:
        """The first issue's first page rendered (a PDF issue), as the cover: its file name in
        the EPUB (where the page map shows it, so the file is there once) and its bytes."""
        path = book.cover
        if path is None:
            return None
        name = images.get(source_path(self.srcdir, path))
        file_name = f"{self.imagedir}/{name}" if name else "images/cover.jpg"
        return file_name, path.read_bytes()

    def plain_title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return (title.astext() if title else "") or docname


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
