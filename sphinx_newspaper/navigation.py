"""Links between the book's documents: headline lists, previous/next links and plain document
links stay light nodes while documents are read and transformed, and become ordinary nodes only
at ``doctree-resolved`` (:func:`complete_navigation`), each link pointing at its document as the
builder names it.

A volume's fronts and pages list every article, and every node they would add costs every
transform of the build; ``book_link`` also skips the cross-reference machinery.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from .config import newspaper_config
from .model import Article
from .render import Label, headline, para
from .subtypes import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class book_link(nodes.Inline, nodes.TextElement):
    """A link to another document of the book (``target``), made a ``reference`` by
    :func:`complete_navigation`: lighter than ``pending_xref``, with no domain lookup."""


def doc_link(docname: str, text: str) -> book_link:
    return book_link(text, text, target=docname)


class deferred_headlines(nodes.General, nodes.Element):
    """A headline list kept as data (``entries``: docname, kicker, title, subtitle, byline,
    first lines) and built into ordinary nodes by :func:`complete_navigation`."""


class deferred_article_nav(nodes.General, nodes.Element):
    """Previous and next article links kept as data (``links``) until :func:`complete_navigation`."""


def headline_list(
    articles: Iterable[tuple[Article, str]], *, repeats_front: bool = False
) -> deferred_headlines:
    """The page's headlines, each with kicker, linked title, subtitle and first lines.
    ``repeats_front``: the issue front shows the same list (left out of the EPUB)."""
    entries = [(docname, *headline(article)) for article, docname in articles]
    return deferred_headlines(entries=entries, repeats_front=repeats_front)


#: Themes that link every page to the previous and next one themselves.
THEMES_WITH_PAGE_NAVIGATION = frozenset(
    {"sphinx_rtd_theme", "furo", "pydata_sphinx_theme", "sphinx_book_theme"}
)


def shows_article_nav(app: Sphinx) -> bool:
    """Our previous/next links: always in the EPUB (no theme), and in HTML where the theme has
    none of its own, unless ``newspaper_article_nav`` says ``always`` or ``never``."""
    if app.builder.name == "epub":
        return True
    choice = newspaper_config(app).article_nav
    if choice != "auto":
        return choice == "always"
    return str(app.config.html_theme) not in THEMES_WITH_PAGE_NAVIGATION


def article_nav(
    previous: tuple[Article, str] | None, following: tuple[Article, str] | None, label: Label
) -> deferred_article_nav:
    """Previous and next article links at the foot of an article (screens only)."""
    links = [
        (cls, label(word) + "：", neighbour[1], neighbour[0].title)
        for neighbour, word, cls in (
            (previous, "上一篇", "newspaper-prev"),
            (following, "下一篇", "newspaper-next"),
        )
        if neighbour is not None
    ]
    return deferred_article_nav(links=links)


Link = Callable[[nodes.Element, str, str], nodes.Node]


def complete_navigation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: headline lists and previous/next links built, and every link
    pointing at its document as the builder names it (only for screens: the PDF has none)."""

    def link(origin: nodes.Element, target: str, text: str) -> nodes.Node:
        if target not in app.env.all_docs:
            logger.warning(
                f"link to {target!r}, which is not in this build",
                type=WARNING_TYPE,
                subtype=Subtype.LINK,
                location=origin,
            )
            return nodes.inline(text, text)
        uri = app.builder.get_relative_uri(docname, target)
        return nodes.reference(text, text, internal=True, refuri=uri)

    kinds = (deferred_headlines, deferred_article_nav, book_link)
    for node in list(doctree.findall(lambda node: isinstance(node, kinds))):
        if isinstance(node, deferred_headlines):
            if node.get("repeats_front") and app.builder.name == "epub":
                node.parent.remove(node)
            else:
                node.replace_self(build_headline_list(node, link))
        elif isinstance(node, deferred_article_nav):
            if shows_article_nav(app):
                node.replace_self(build_article_nav(node, link))
            else:
                node.parent.remove(node)
        else:
            node.replace_self(link(node, node["target"], node.astext()))


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
    """Links and lists completed once each document is resolved."""
    app.connect("doctree-resolved", complete_navigation)
