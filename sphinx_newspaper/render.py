"""Doctree nodes from the model: article text never passes through the reST parser.

Every string from an issue file becomes a ``nodes.Text``, which each writer escapes for its
own format, so ``*``, backquotes, ``<script>`` or ``\\`` in an article stay literal text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from .book import WEEKDAYS, chinese_date
from .model import Article, Block, Issue, Page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Label = Callable[[str], str]
logger = logging.getLogger(__name__)


def para(text: str, *classes: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=list(classes))


class book_link(nodes.Inline, nodes.TextElement):
    """A link to another document of the book (``target``), made a ``reference`` by
    :func:`complete_navigation`: lighter than ``pending_xref``, with no domain lookup."""


def doc_link(docname: str, text: str) -> book_link:
    return book_link(text, text, target=docname)


class deferred_headlines(nodes.General, nodes.Element):
    """A headline list kept as data (``entries``) while its document is read and transformed,
    and built into ordinary nodes by :func:`complete_navigation`. A volume's fronts and pages
    list every article, and every node they would add costs every transform of the build."""


class deferred_article_nav(nodes.General, nodes.Element):
    """Previous and next article links kept as data (``links``) until :func:`complete_navigation`."""


Link = Callable[[nodes.Element, str, str], nodes.Node]


def complete_navigation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: headline lists and previous/next links built, and every link
    pointing at its document as the builder names it (only for screens: the PDF has none)."""

    def link(origin: nodes.Element, target: str, text: str) -> nodes.Node:
        if target not in app.env.all_docs:
            logger.warning(
                f"link to {target!r}, which is not in this build",
                type="newspaper",
                subtype="link",
                location=origin,
            )
            return nodes.inline(text, text)
        uri = app.builder.get_relative_uri(docname, target)
        return nodes.reference(text, text, internal=True, refuri=uri)

    kinds = (deferred_headlines, deferred_article_nav, book_link)
    for node in list(doctree.findall(lambda node: isinstance(node, kinds))):
        if isinstance(node, deferred_headlines):
            node.replace_self(build_headline_list(node, link))
        elif isinstance(node, deferred_article_nav):
            node.replace_self(build_article_nav(node, link))
        else:
            node.replace_self(link(node, node["target"], node.astext()))


def page_label(page: Page, label: Label) -> str:
    """``第4版　阅读昭通·党建``; the label is converted with the text (版 stays 版).

    An ideographic space separates number and name: xeCJK drops ordinary spaces between
    Chinese characters.
    """
    number = page.number or "?"
    head = label(f"第{number}版")
    return f"{head}\u3000{page.section}" if page.section else head


def dateline(issue: Issue, page: Page | None, label: Label) -> str:
    """Paper, date, weekday and page: where an article stands in the paper."""
    parts: list[str] = []
    if issue.paper:
        parts.append(issue.paper)
    date = (page.date if page else None) or issue.date
    if date:
        weekday = (page.weekday if page else None) or label("星期" + WEEKDAYS[date.weekday()])
        parts.append(f"{label(chinese_date(date))} {weekday}")
    if page is not None:
        parts.append(page_label(page, label))
    return " · ".join(parts)


def article_body(article: Article, page: Page, issue: Issue, label: Label) -> list[nodes.Node]:
    """Headline parts, dateline, body blocks and captions of one article, in reading order."""
    section = nodes.section(ids=[f"article-{article.id}"], classes=["newspaper-article"])
    section += nodes.title(article.title, article.title)
    if article.kicker:
        section += para(article.kicker, "newspaper-kicker")
    if article.subtitle:
        section += para(article.subtitle, "newspaper-subtitle")
    if article.byline:
        section += para(article.byline, "newspaper-byline")
    section += para(dateline(issue, page, label), "newspaper-dateline")
    for block in article.blocks:
        section += block_nodes(block)
    if article.captions:
        captions = nodes.container(classes=["newspaper-captions"])
        for caption in article.captions:
            captions += para(caption, "newspaper-caption")
        section += captions
    return [section]


def block_nodes(block: Block) -> list[nodes.Node]:
    if block.kind == "subhead":
        out: list[nodes.Node] = [nodes.rubric(block.text, block.text, classes=["newspaper-subhead"])]
        if block.deck:
            out.append(para(block.deck, "newspaper-deck"))
        return out
    return [para(block.text)]


def lead(article: Article, length: int = 60) -> str:
    """The first characters of an article, for headline lists."""
    text = next((block.text for block in article.blocks if block.kind == "paragraph"), "")
    return text if len(text) <= length else text[:length].rstrip() + "……"


def headline(article: Article) -> tuple[str | None, str, str | None, str | None, str]:
    """What a headline list shows of an article: kicker, title, subtitle, byline, first lines."""
    return (article.kicker, article.title, article.subtitle, article.byline, lead(article))


def headline_list(articles: Iterable[tuple[Article, str]]) -> deferred_headlines:
    """The page's headlines, each with kicker, linked title, subtitle and first lines."""
    entries = [(docname, *headline(article)) for article, docname in articles]
    return deferred_headlines(entries=entries)


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


def page_furniture(page: Page, label: Label) -> list[nodes.Node]:
    """Credits and other page text in small print at the end of the page: kept, not lost."""
    lines = [*page.credits, *page.furniture]
    if not lines:
        return []
    box = nodes.container(classes=["newspaper-furniture"])
    for line in lines:
        box += para(line, "newspaper-furniture-line")
    return [box]


def masthead(issue: Issue, title: str, label: Label) -> nodes.container:
    """The issue's front: paper name, date and weekday."""
    box = nodes.container(classes=["newspaper-masthead"])
    if issue.paper:
        box += para(issue.paper, "newspaper-paper")
    if issue.date:
        page = next((p for p in issue.pages if p.weekday), None)
        weekday = page.weekday if page else label("星期" + WEEKDAYS[issue.date.weekday()])
        box += para(f"{label(chinese_date(issue.date))} {weekday}", "newspaper-issue-date")
    elif not issue.paper:
        box += para(title, "newspaper-paper")
    return box


def toctree(parent: str, docnames: list[str], *, hidden: bool = True, maxdepth: int = -1) -> nodes.Node:
    """A toctree node made in code, as the ``toctree`` directive makes it."""
    tree = addnodes.toctree()
    tree["parent"] = parent
    tree["entries"] = [(None, name) for name in docnames]
    tree["includefiles"] = list(docnames)
    tree["maxdepth"] = maxdepth
    tree["caption"] = None
    tree["glob"] = False
    tree["hidden"] = hidden
    tree["includehidden"] = False
    tree["numbered"] = 0
    tree["titlesonly"] = False
    tree["rawentries"] = []
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += tree
    return wrapper


def not_in_print(*children: nodes.Node) -> addnodes.only:
    """Content for screens only (HTML, EPUB): the PDF has its own table of contents."""
    only = addnodes.only(expr="not latex")
    only += list(children)
    return only


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


def build_article_nav(stub: deferred_article_nav, link: Link) -> nodes.container:
    nav = nodes.container(classes=["newspaper-article-nav"])
    for cls, word, docname, title in stub["links"]:
        word_node = nodes.inline(word, word, classes=["newspaper-nav-label"])
        nav += nodes.paragraph("", "", word_node, link(stub, docname, title), classes=[cls])
    return nav
