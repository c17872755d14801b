"""Pictures in the book: news pictures as figures, and each PDF page as a map of its articles.

Before Sphinx reads, once the book is collected (:mod:`.generate`), :func:`save_pictures` makes
sure every news picture the ingest found, and every PDF page as an image, is saved in the doctree folder
(:class:`.pictures.PictureStore`: rendered once, reused by later builds and by every builder).
Documents then show them through ordinary image nodes, which Sphinx copies into each output.

The **page map** (版面导航) opens each page document of a PDF issue: the page as an image, each
article's regions on it (:attr:`.model.Article.regions`) a link to the article, titled with its
headline.  It is an inline SVG over the page image: it scales with the page width, each link is
reached with the keyboard and named for screen readers, and EPUB 3 readers show it as it is (an
SVG in XHTML, manifest property ``svg``).  The PDF leaves it out (it has its own contents).
"""

from __future__ import annotations

import html
import os
import posixpath
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from .book import Book, book_of
from .config import newspaper_config
from .ingest.pdfpictures import page_image_name
from .model import Figure, Page
from .pictures import PictureStore, Saved
from .render import page_label
from .subtypes import WARNING_TYPE, Subtype
from .workers import in_processes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .book import BookIssue

logger = logging.getLogger(__name__)

#: The folder, under Sphinx's doctree folder, where pictures are kept between builds.
PICTURES = "newspaper-pictures"


def shows_page_image(env_or_app: Any, page: Page) -> bool:
    """The page's document opens with its page map: a PDF page, unless conf.py turns it off."""
    return page.pdf_digest is not None and newspaper_config(env_or_app).page_images is not False


def save_pictures(app: Sphinx, book: Book) -> None:
    """Every picture the book shows saved in the doctree folder (rendered only when missing);
    the files recorded on the book, problems warned with the page they are on."""
    settings = newspaper_config(app)
    store = PictureStore(Path(app.doctreedir) / PICTURES, settings.image_max_px)
    # the EPUB's cover, unless conf.py chooses one, is the first page of a PDF issue, page maps
    # or not; other builders have no use for it
    cover = None
    if app.builder.name == "epub" and not settings.cover and book.issues and book.issues[0].issue.pages:
        cover = book.issues[0].issue.pages[0]
    book.cover = None
    pages: list[tuple[Page, Saved]] = []
    waiting: list[Saved] = []  # the pages with pictures to render, in the order of ``calls``
    calls: list[tuple[Page, list[Figure | None], Path]] = []
    for entry in book.issues:
        for page in entry.issue.pages:
            if page.pdf_digest is None:
                continue
            saved, missing = store.look_up(page, whole_page=shows_page_image(app, page) or page is cover)
            pages.append((page, saved))
            if missing:
                waiting.append(saved)
                calls.append((page, missing, Path(app.srcdir)))
    for call, result in in_processes(store.render, calls, app.parallel):
        waiting[call].add(result)
    rendered = 0
    for page, saved in pages:
        if page is cover and page.pdf_page is not None:
            name = store.name_of(page, None)
            # kept apart from the pictures the documents show when the page map is not shown,
            # so that the page's source (its digest names them) is the same for every builder
            book.cover = saved.files.get(name) if shows_page_image(app, page) else saved.files.pop(name, None)
        book.pictures.update(saved.files)
        rendered += saved.rendered
        for problem in saved.problems:
            logger.warning(problem, type=WARNING_TYPE, subtype=Subtype.IMAGE, location=page.source)
    store.prune()
    if rendered:
        logger.info(f"[newspaper] {rendered} picture(s) rendered")


def picture_uri(env: BuildEnvironment, name: str) -> str | None:
    """The URI an image node gives a saved picture (from the source folder, as Sphinx reads
    ``/``-rooted URIs); None when the picture could not be saved."""
    path = book_of(env).pictures.get(name)
    if path is None:
        return None
    return "/" + Path(os.path.relpath(path, env.srcdir)).as_posix()


def page_image_uri(env: BuildEnvironment, page: Page) -> str | None:
    """The URI of the page's image, when its document shows the page map."""
    if not shows_page_image(env, page) or page.pdf_page is None or page.pdf_digest is None:
        return None
    return picture_uri(env, page_image_name(page.pdf_digest, page.pdf_page))


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

    Attributes: ``size`` (the page's width and height in points), ``label`` (what the map is,
    for screen readers), ``regions`` (per article: its document, its headline and its boxes as
    x, y, width, height from the page's top left), ``links`` (per region: the URI of its
    article, set at ``doctree-resolved``).  Its one child is the page image.
    """


def page_map_node(
    entry: BookIssue, page: Page, uri: str, docname_of: Callable[[Any], str], label: Callable[[str], str]
) -> page_map:
    """The page map of one page (see :class:`page_map`)."""
    assert page.size is not None
    width, height = page.size
    regions = []
    for article in page.articles:
        boxes = [
            (round(x0, 1), round(height - y1, 1), round(x1 - x0, 1), round(y1 - y0, 1))
            for x0, y0, x1, y1 in article.regions
            if x1 > x0 and y1 > y0
        ]
        if boxes:
            regions.append((docname_of(article), article.title, boxes))
    name = page_label(page, label)
    node = page_map(size=(round(width, 1), round(height, 1)), label=name + label("版面"), regions=regions)
    node += nodes.image(uri=uri, alt=name + label("版面图"), classes=["newspaper-page-image"])
    return node


def resolve_page_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: each region's link as the builder names its article."""
    for node in doctree.findall(page_map):
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


def visit_page_map_html(self: HTML5Translator, node: page_map) -> None:
    """The page image inside an SVG, each article a link over its regions."""
    image = node.next_node(nodes.image)
    uri = image["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    width, height = node["size"]
    attr = html.escape
    out = [
        '<div class="newspaper-page-map">',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" role="group" aria-label="{attr(node["label"])}">',
        f'<image width="{width}" height="{height}" xlink:href="{attr(uri)}" aria-hidden="true"/>',
    ]
    for (_target, title, boxes), href in zip(node["regions"], node.get("links", []), strict=False):
        if href is None:
            continue
        rects = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{h}"/>' for x, y, w, h in boxes)
        out.append(
            f'<a xlink:href="{attr(href)}" aria-label="{attr(title)}"><title>{attr(title)}</title>{rects}</a>'
        )
    out.append("</svg></div>\n")
    self.body.append("".join(out))
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
