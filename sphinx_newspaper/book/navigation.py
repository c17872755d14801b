"""Links between the book's documents: headline lists, previous/next links and plain document
links stay light nodes while documents are read, transformed and resolved, and become ordinary
nodes only when a writer translates them, each link pointing at its document as the builder
names it.

Where they are built matters for parallel builds: Sphinx resolves every document in its main
process (``doctree-resolved`` runs there) and translates in writer processes, so lists built by
the translator cost the main process nothing (:func:`visit_deferred`).  A volume's fronts and
pages list every article, and every node they would add also costs every transform of the
build; ``book_link`` also skips the cross-reference machinery.  For builders whose translators
do not know these nodes (a format registered by another extension) they are completed at
``doctree-resolved`` instead (:func:`complete_navigation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from ..config import newspaper_config
from ..model import Article
from ..subtypes import WARNING_TYPE, Subtype
from .render import Label, headline, para

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)


class book_link(nodes.Inline, nodes.TextElement):
    """A link from document ``origin`` to another document of the book (``target``), made a
    ``reference`` when written: lighter than ``pending_xref``, with no domain lookup."""


def doc_link(origin: str, docname: str, text: str) -> book_link:
    return book_link(text, text, origin=origin, target=docname)


class deferred_headlines(nodes.General, nodes.Element):
    """A headline list of document ``origin`` kept as data (``entries``: docname, kicker, title,
    subtitle, byline, first lines) and built into ordinary nodes when written."""


class deferred_article_nav(nodes.General, nodes.Element):
    """An article's links up to its page and its issue's front, and to the previous and next
    article, of document ``origin`` kept as data (``links``) until written."""


DEFERRED = (deferred_headlines, deferred_article_nav, book_link)


def headline_list(
    origin: str, articles: Iterable[tuple[Article, str]], *, repeats_front: bool = False
) -> deferred_headlines:
    """The page's headlines, each with kicker, linked title, subtitle and first lines.
    ``repeats_front``: the issue front shows the same list (left out of the EPUB)."""
    entries = [(docname, *headline(article)) for article, docname in articles]
    return deferred_headlines(origin=origin, entries=entries, repeats_front=repeats_front)


#: Themes that link every page to the previous and next one themselves.
THEMES_WITH_PAGE_NAVIGATION = frozenset(
    {"sphinx_rtd_theme", "furo", "pydata_sphinx_theme", "sphinx_book_theme"}
)


def shows_article_nav(builder: Builder) -> bool:
    """Our previous/next links: always in the EPUB (no theme), and in HTML where the theme has
    none of its own, unless ``newspaper_article_nav`` says ``always`` or ``never``."""
    if builder.name == "epub":
        return True
    choice = newspaper_config(builder.config).article_nav
    if choice != "auto":
        return choice == "always"
    return str(getattr(builder.config, "html_theme", "")) not in THEMES_WITH_PAGE_NAVIGATION


#: The classes of the links up from an article (to its page, to its issue's front): shown in
#: every output on screen, where the previous/next links give way to a theme's own.
UP_LINKS = ("newspaper-up-page", "newspaper-up-front")


def article_nav(
    origin: str,
    previous: tuple[Article, str] | None,
    following: tuple[Article, str] | None,
    label: Label,
    page: tuple[str, str] | None = None,
    front: tuple[str, str] | None = None,
) -> deferred_article_nav:
    """The links at the foot of an article (screens only): up to its page (本版, ``page``: its
    document and label) and to its issue's front (首页, ``front``), as a reader of a newspaper
    turns back to the page or the front; then the previous and next article."""
    ups = [
        (cls, label(word) + "：", *place)
        for place, word, cls in ((page, "本版", UP_LINKS[0]), (front, "首页", UP_LINKS[1]))
        if place is not None
    ]
    links = ups + [
        (cls, label(word) + "：", neighbour[1], neighbour[0].title)
        for neighbour, word, cls in (
            (previous, "上一篇", "newspaper-prev"),
            (following, "下一篇", "newspaper-next"),
        )
        if neighbour is not None
    ]
    return deferred_article_nav(origin=origin, links=links)


Link = Callable[[nodes.Element, str, str], nodes.Node]


def completed(stub: nodes.Element, builder: Builder) -> nodes.Node | None:
    """The ordinary nodes a deferred node stands for, its links as ``builder`` names documents;
    None where this output leaves it out."""
    origin = stub["origin"]

    def link(located: nodes.Element, target: str, text: str) -> nodes.Node:
        if target not in builder.env.all_docs:
            logger.warning(
                f"link to {target!r}, which is not in this build",
                type=WARNING_TYPE,
                subtype=Subtype.LINK,
                location=located,
            )
            return nodes.inline(text, text)
        uri = builder.get_relative_uri(origin, target)
        return nodes.reference(text, text, internal=True, refuri=uri)

    if isinstance(stub, deferred_headlines):
        if stub.get("repeats_front") and builder.name == "epub":
            return None
        return build_headline_list(stub, link)
    if isinstance(stub, deferred_article_nav):
        if not shows_article_nav(builder):  # the theme links the previous and next page itself
            stub = stub.deepcopy()
            stub["links"] = [entry for entry in stub["links"] if entry[0] in UP_LINKS]
        return build_article_nav(stub, link) if stub["links"] else None
    return link(stub, stub["target"], stub.astext())


def visit_deferred(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Any writer: translate the ordinary nodes in place of the deferred one (in the writer
    process of a parallel build)."""
    replacement = completed(node, translator.builder)  # type: ignore[attr-defined]
    if replacement is None:
        node.parent.remove(node)
        raise nodes.SkipNode
    node.replace_self(replacement)
    replacement.walkabout(translator)
    raise nodes.SkipNode


#: The formats whose translators build the deferred nodes themselves (:func:`visit_deferred`).
WRITER_FORMATS = ("html", "latex", "text", "man", "texinfo")


def translated_by_writer(app: Sphinx) -> bool:
    """Whether this builder's translator knows the deferred nodes: Sphinx looks its node
    handlers up by builder name, then by format (``SphinxComponentRegistry.create_translator``)."""
    registry = app.registry.translation_handlers
    handlers = registry.get(app.builder.name)
    if handlers is None:
        handlers = registry.get(app.builder.format, {})
    return all(kind.__name__ in handlers for kind in DEFERRED)


def complete_navigation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, for builders whose translators lack :func:`visit_deferred`: the
    deferred nodes completed in the main process."""
    if not translated_by_writer(app):
        complete_all(doctree, app.builder)


def complete_all(doctree: nodes.Node, builder: Builder) -> None:
    """Every deferred node of ``doctree`` replaced by the nodes a writer would translate."""
    for node in list(doctree.findall(lambda node: isinstance(node, DEFERRED))):
        replacement = completed(node, builder)
        if replacement is None:
            node.parent.remove(node)
        else:
            node.replace_self(replacement)


def build_headline_list(stub: deferred_headlines, link: Link) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=["newspaper-headlines"])
    for docname, kicker, title, subtitle, byline, first_lines in stub["entries"]:
        item = nodes.list_item(classes=["newspaper-headline"])
        if kicker:
            item += para(kicker, "newspaper-kicker")
        item += nodes.paragraph("", "", link(stub, docname, title), classes=["newspaper-headline-title"])
        if subtitle:
            item += para(subtitle, "newspaper-subtitle")
        if byline:
            item += para(byline, "newspaper-byline")
        if first_lines:
            item += para(first_lines, "newspaper-lead")
        listing += item
    return listing


def build_article_nav(stub: deferred_article_nav, link: Link) -> nodes.container:
    nav = nodes.container(classes=["newspaper-article-nav"])
    for cls, word, docname, title in stub["links"]:
        word_node = nodes.inline(word, word, classes=["newspaper-nav-label"])
        nav += nodes.paragraph("", "", word_node, link(stub, docname, title), classes=[cls])
    return nav


def setup_navigation(app: Sphinx) -> None:
    """Links and lists built by the writers, or once each document is resolved."""
    handlers = {fmt: (visit_deferred, None) for fmt in WRITER_FORMATS}
    for kind in DEFERRED:
        app.add_node(kind, **handlers)
    app.connect("doctree-resolved", complete_navigation)
