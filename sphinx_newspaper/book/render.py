"""Doctree nodes from the model: article text never passes through the reST parser.

Every string from an issue file becomes a ``nodes.Text``, which each writer escapes for its
own format, so ``*``, backquotes, ``<script>`` or ``\\`` in an article stay literal text.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from ..model import Article, Block, Issue, Page
from .titles import date_and_weekday, printed_weekday

Label = Callable[[str], str]


def para(text: str, *classes: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=list(classes))


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
        parts.append(" ".join(date_and_weekday(date, page.weekday if page else None, label)))
    if page is not None:
        parts.append(page_label(page, label))
    return " · ".join(parts)


def article_body(
    article: Article, page: Page, issue: Issue, label: Label, figures: list[nodes.Node] = ()
) -> list[nodes.Node]:
    """Headline parts, dateline, pictures (``figures``: made by :mod:`.pagemaps`), body blocks
    and captions of one article, in reading order: the kicker before the section, since a
    section opens with its title; the article section is the last node."""
    section = nodes.section(ids=[f"article-{article.id}"], classes=["newspaper-article"])
    section += nodes.title(article.title, article.title)
    kicker = [para(article.kicker, "newspaper-kicker")] if article.kicker else []
    if article.subtitle:
        section += para(article.subtitle, "newspaper-subtitle")
    if article.byline:
        section += para(article.byline, "newspaper-byline")
    section += para(dateline(issue, page, label), "newspaper-dateline")
    section += list(figures)
    for block in article.blocks:
        section += block_nodes(block)
    if article.captions:
        captions = nodes.container(classes=["newspaper-captions"])
        for caption in article.captions:
            captions += para(caption, "newspaper-caption")
        section += captions
    return [*kicker, section]


def block_nodes(block: Block) -> list[nodes.Node]:
    if block.kind == "table":
        return [table_nodes(block)]
    if block.kind == "subhead":
        out: list[nodes.Node] = [nodes.rubric(block.text, block.text, classes=["newspaper-subhead"])]
        if block.deck:
            out.append(para(block.deck, "newspaper-deck"))
        return out
    return [para(block.text)]


def table_nodes(block: Block) -> nodes.table:
    """A table block as a docutils table: its header rows in the head, short rows padded with
    empty cells (HTML, EPUB and LaTeX each write it as their own table)."""
    width = max((len(row) for row in block.rows), default=1)
    table = nodes.table(classes=["newspaper-table", "colwidths-auto"])
    group = nodes.tgroup(cols=width)
    table += group
    group += [nodes.colspec(colwidth=1) for _ in range(width)]
    header = min(block.header_rows, len(block.rows) - 1) if len(block.rows) > 1 else 0
    for part, rows in ((nodes.thead(), block.rows[:header]), (nodes.tbody(), block.rows[header:])):
        if not rows:
            continue
        group += part
        for cells in rows:
            row = nodes.row()
            for cell in [*cells, *[""] * (width - len(cells))]:
                entry = nodes.entry()
                if cell:
                    entry += para(cell)
                row += entry
            part += row
    return table


def lead(article: Article, length: int = 60) -> str:
    """The first characters of an article, for headline lists."""
    text = next((block.text for block in article.blocks if block.kind == "paragraph"), "")
    return text if len(text) <= length else text[:length].rstrip() + "……"


def headline(article: Article) -> tuple[str | None, str, str | None, str | None, str]:
    """What a headline list shows of an article: kicker, title, subtitle, byline, first lines."""
    return (article.kicker, article.title, article.subtitle, article.byline, lead(article))


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
        issue_date = " ".join(date_and_weekday(issue.date, printed_weekday(issue), label))
        box += para(issue_date, "newspaper-issue-date")
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
