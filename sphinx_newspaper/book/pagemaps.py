"""Pictures in the book: news pictures as figures, and each PDF page as a map of its articles.

Before Sphinx reads, once the book is collected (:mod:`.generate`), :func:`save_pictures` makes
sure every news picture the ingest found is saved in the doctree folder
(:class:`.pictures.PictureStore`: rendered once, reused by later builds and by every builder).
Documents then show them through ordinary image nodes, which Sphinx copies into each output.

The **page map** (版面导航) opens each page document of a PDF issue: the page as an image, each
article's regions on it (:attr:`.model.Article.regions`) a link to the article, titled with its
headline.  It is an inline SVG over the page image: it scales with the page width, each link is
reached with the keyboard and named for screen readers, and EPUB 3 readers show it as it is (an
SVG in XHTML, manifest property ``svg``); it is drawn by :mod:`..pagemap`, which draws the
pages of ``inspect --draw`` too.  The PDF leaves it out: it is a way to find an
article on screen, and the printed book has its own contents (the e-paper PDF is the print).

Only HTML and EPUB show page maps, so only their builds render the page images.  A page map
therefore names its page image instead of holding an image node, which Sphinx's image collector
would want on disk when the document is read: the documents and their doctrees are the same for
every builder (``make html epub latexpdf`` shares one doctree folder and reads nothing again),
and the HTML and EPUB builders place the page image among their images as they write
(:func:`resolve_page_maps`).
"""

from __future__ import annotations

import os
import posixpath
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.display import status_iterator

from ..config import newspaper_config
from ..ingest import page_image_name
from ..model import Figure, Page
from ..pagemap import Area, Drawing, article_regions, figure
from ..subtypes import WARNING_TYPE, Subtype
from ..util.errors import file_location
from ..util.processes import in_processes
from .collect import Book, book_of
from .pictures import PictureStore, Saved
from .render import page_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .collect import BookIssue

logger = logging.getLogger(__name__)

#: The folder, under Sphinx's doctree folder, where pictures are kept between builds.
PICTURES = "newspaper-pictures"


def shows_page_image(env_or_app: Any, page: Page) -> bool:
    """The page's document opens with its page map: a PDF page, unless conf.py turns it off."""
    return (
        page.pdf_digest is not None
        and page.pdf_page is not None
        and newspaper_config(env_or_app).page_images is not False
    )


def draws_page_maps(builder: Builder) -> bool:
    """The builder shows page maps (HTML and EPUB); the others leave them out."""
    return builder.format == "html"


def save_pictures(app: Sphinx, book: Book) -> None:
    """Every picture the build shows saved in the doctree folder (rendered only when missing):
    the news pictures, and the page images where the builder draws page maps; the files recorded
    on the book, problems warned with the page they are on."""
    settings = newspaper_config(app)
    store = PictureStore(Path(app.doctreedir) / PICTURES, settings.image_max_px)
    maps = draws_page_maps(app.builder)
    # the EPUB's cover, unless conf.py chooses one, is the first page of a PDF issue, page maps
    # or not; other builders have no use for it
    cover = None
    if app.builder.name == "epub" and not settings.cover and book.issues and book.issues[0].issue.pages:
        cover = book.issues[0].issue.pages[0]
    book.cover = None
    book.page_images = {}
    pages: list[tuple[Page, Saved, bool]] = []
    waiting: list[Saved] = []  # the pages with pictures to render, in the order of ``calls``
    calls: list[tuple[Page, list[Figure | None], Path]] = []
    for entry in book.issues:
        for page in entry.issue.pages:
            if page.pdf_digest is None:
                continue
            mapped = maps and shows_page_image(app, page)
            saved, missing = store.look_up(page, whole_page=mapped or page is cover)
            pages.append((page, saved, mapped))
            if missing:
                waiting.append(saved)
                calls.append((page, missing, Path(app.srcdir)))
    finished = in_processes(store.render, calls, app.parallel)
    if len(calls) > 1:  # rendering takes its time: shown page by page, as Sphinx shows its steps
        finished = status_iterator(
            finished,
            "[newspaper] rendering pictures... ",
            "darkgreen",
            len(calls),
            app.verbosity,
            stringify_func=lambda done: picture_page_name(app, calls[done[0]][0]),
        )
    for call, result in finished:
        waiting[call].add(result)
    rendered = 0
    for page, saved, mapped in pages:
        if page.pdf_digest is not None and page.pdf_page is not None:
            name = page_image_name(page.pdf_digest, page.pdf_page)
            path = saved.files.pop(name, None)
            if path is not None and mapped:
                book.page_images[name] = path
            if page is cover:
                book.cover = path
        book.pictures.update(saved.files)
        rendered += saved.rendered
        for problem in saved.problems:
            logger.warning(
                problem, type=WARNING_TYPE, subtype=Subtype.IMAGE, location=file_location(page.source)
            )
    store.prune()
    if rendered:
        logger.info(f"[newspaper] {rendered} picture(s) rendered")


def picture_page_name(app: Sphinx, page: Page) -> str:
    """A PDF page as the progress names it: its file (from the source folder) and page."""
    name = os.path.relpath(page.source, app.srcdir)
    return f"{name} p. {page.pdf_page + 1}" if page.pdf_page else name


def picture_uri(env: BuildEnvironment, name: str) -> str | None:
    """The URI an image node gives a saved news picture (from the source folder, as Sphinx reads
    ``/``-rooted URIs); None when the picture could not be saved."""
    path = book_of(env).pictures.get(name)
    if path is None:
        return None
    return "/" + source_path(env.srcdir, path)


def source_path(srcdir: str | os.PathLike[str], path: Path) -> str:
    """A saved picture's path from the source folder: what builders list it under in their
    ``images`` (the EPUB's cover looks its page image up there too)."""
    return Path(os.path.relpath(path, srcdir)).as_posix()


def figure_nodes(figure: Figure, uri: str | None, label: Callable[[str], str]) -> nodes.Element:
    """A news picture with its caption and credit; the caption alone when the picture could not
    be saved."""
    words: list[nodes.Node] = []
    if figure.caption:
        words.append(nodes.Text(figure.caption))
    if figure.credit:
        if words:
            words.append(nodes.Text(" "))
        words.append(nodes.inline(figure.credit, figure.credit, classes=["newspaper-credit"]))
    if uri is None:
        return nodes.paragraph("", "", *words, classes=["newspaper-caption"])
    box = nodes.figure(classes=["newspaper-figure"])
    alt = figure.caption or figure.credit or label("新闻图片")
    box += nodes.image(uri=uri, alt=alt[:200], classes=["newspaper-photo"])
    if words:
        box += nodes.caption("", "", *words)
    return box


class page_map(nodes.General, nodes.Element):
    """The page as an image with its articles' regions as links.

    Attributes: ``picture`` (the name of the page image, :attr:`.book.Book.page_images`),
    ``size`` (the page's width and height in points), ``label`` (what the map is, for screen
    readers), ``regions`` (per article: its document, its headline and its boxes as x, y,
    width, height from the page's top left); set at ``doctree-resolved`` by the builders that
    draw it: ``image`` (the page image's key in the builder's ``images``) and ``links`` (per
    region: the URI of its article).
    """


def page_map_node(
    entry: BookIssue, page: Page, docname_of: Callable[[Any], str], label: Callable[[str], str]
) -> page_map:
    """The page map of one page (see :class:`page_map`)."""
    assert page.size is not None and page.pdf_digest is not None and page.pdf_page is not None
    width, height = page.size
    regions = [
        (docname_of(page.articles[index]), page.articles[index].title, rects)
        for index, rects in article_regions(page)
    ]
    return page_map(
        picture=page_image_name(page.pdf_digest, page.pdf_page),
        size=(round(width, 1), round(height, 1)),
        label=page_label(page, label) + label("版面"),
        regions=regions,
    )


def resolve_page_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: in the builders that draw page maps, each page image placed among
    the builder's images (a map whose image could not be saved is left out: its page warned),
    and each region's link as the builder names its article."""
    if not draws_page_maps(app.builder):
        return
    for node in list(doctree.findall(page_map)):
        image = place_page_image(app.builder, node["picture"])
        if image is None:
            node.parent.remove(node)
            continue
        node["image"] = image
        links = []
        for target, title, _boxes in node["regions"]:
            if target in app.env.all_docs:
                links.append(app.builder.get_relative_uri(docname, target))
            else:
                logger.warning(
                    f"page map: link to {target!r} ({title}), which is not in this build",
                    type=WARNING_TYPE,
                    subtype=Subtype.LINK,
                    location=node,
                )
                links.append(None)
        node["links"] = links


def place_page_image(builder: StandaloneHTMLBuilder, name: str) -> str | None:
    """The page image among the builder's images, which it copies into its output (the HTML
    builder) or packs (the EPUB), as it lists those of image nodes: its key; None when the
    image was not saved.  Its file keeps its name unless an image of another folder has it."""
    path = book_of(builder.env).page_images.get(name)
    if path is None:
        return None
    key = source_path(builder.srcdir, path)
    if key not in builder.images:
        taken = {*builder.images.values(), *(file for _docs, file in builder.env.images.values())}
        stem, suffix = posixpath.splitext(name)
        file, number = name, 1
        while file in taken:
            number += 1
            file = f"{stem}-{number}{suffix}"
        builder.images[key] = file
    return key


def visit_page_map_html(self: HTML5Translator, node: page_map) -> None:
    """The page image inside an SVG, each article a link over its regions."""
    uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[node["image"]]))
    width, height = node["size"]
    areas = [
        Area(title, boxes, href)
        for (_target, title, boxes), href in zip(node["regions"], node.get("links", []), strict=False)
        if href is not None
    ]
    drawing = Drawing(width, height, uri, node["label"], areas)
    self.body.append(figure(drawing, "newspaper-page-map") + "\n")
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_pagemaps(app: Sphinx) -> None:
    """The page map node (HTML and EPUB draw it; other formats leave it out), resolved once
    each document is."""
    app.add_node(
        page_map,
        html=(visit_page_map_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.connect("doctree-resolved", resolve_page_maps)
