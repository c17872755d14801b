"""The EPUB builder: each document rendered by Sphinx's HTML machinery, packaged with ebooklib.

The builder replaces Sphinx's own ``epub`` builder.  It renders every document's body with the
HTML writer (no theme, so no sidebars, search, index or "view source" links), keeps one XHTML
file per document, and hands them in reading order (issue front, pages, articles) to
:mod:`.assemble`, which packs them with the navigation from the newspaper itself: issue → page
(版) → article, with an archive above the issues.

Metadata come from the issues (title, date, paper as publisher and series, page sections as
subjects, bylines as contributors) and the file is reproducible: the same sources give the same
bytes (fixed identifiers, dates and zip timestamps; ``SOURCE_DATE_EPOCH`` is honoured).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.display import progress_message

from ..book.collect import book_of
from ..book.language import page_language
from ..book.pagemaps import page_map
from ..config import newspaper_config
from .sources import EpubSources, SourceDocument

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Folder under the output directory holding each document's rendered body between builds.
PARTS = "_parts"
#: The file, in :data:`PARTS`, listing each document's images: a rebuild writes only the
#: documents that changed, and the book needs the images of every one.
IMAGES = "images.json"
#: File stems the package itself uses; documents with these names get another one.
RESERVED_STEMS = frozenset({"nav", "cover", "toc", "content"})


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
        from .assemble import write_book  # ebooklib, lxml and Pillow: only a build that writes an EPUB

        write_book(self.epub_sources())

    def epub_sources(self) -> EpubSources:
        """What the package is made from, as plain data: the documents rendered, in reading
        order, and the images they show (by key in ``images``: their names in the book)."""
        order, children = self.reading_order()
        images: dict[str, str] = {}
        for docname in order:
            images.update(self.document_images.get(docname, {}))
        documents = [
            SourceDocument(
                docname,
                self.get_target_uri(docname),
                self.get_output_path(docname),
                self._plain_title(docname),
                page_language(self.sphinx, docname),
            )
            for docname in order
        ]
        return EpubSources(
            book=book_of(self.sphinx),
            config=self.config,
            documents=documents,
            children=children,
            images=images,
            image_dir=self.imagedir,
            srcdir=Path(self.srcdir),
            confdir=Path(self.confdir),
            outdir=Path(self.outdir),
        )

    def _plain_title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return (title.astext() if title else "") or docname
