"""The directives: ``newspaper-issue`` for users, ``newspaper-page`` and ``newspaper-article``
for the generated sources."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import render
from .book import Book, BookIssue, IssueFailure
from .model import Notice

logger = logging.getLogger(__name__)


def book_of(directive: SphinxDirective) -> Book:
    from .extension import book_of as _book_of

    return _book_of(directive.env.app)


def warn_notice(notice: Notice) -> None:
    """An ingest notice as a Sphinx warning: ``type="newspaper"``, located in the issue file."""
    location = f"{notice.source}:{notice.line}" if notice.line else notice.source
    logger.warning(notice.message, type="newspaper", subtype=notice.subtype, location=location)


class NewspaperIssue(SphinxDirective):
    """``.. newspaper-issue:: PATH``: the issue's front page, and its pages in the toctree."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {
        "paper": directives.unchanged,
        "date": directives.unchanged,
        "convert": directives.unchanged,
        "encoding": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        argument = " ".join(self.arguments[0].split())
        book = book_of(self)
        entry = book.issue_for(self.env.docname, argument)
        if entry is None:
            raise self.error(f"newspaper-issue: {argument!r} was not found when the build started")
        if isinstance(entry, IssueFailure):
            raise self.error(f"newspaper-issue: {entry.message}")
        note_issue_files(self, entry)
        issue, label = entry.issue, entry.convert
        # The PDF has a title page of its own (latex.title_page).
        out: list[nodes.Node] = [render.not_in_print(render.masthead(issue, entry.title, label))]
        front = nodes.container(classes=["newspaper-front"])
        for page in issue.pages:
            front += nodes.rubric(
                render.page_label(page, label),
                render.page_label(page, label),
                classes=["newspaper-page-label"],
            )
            if page.column:
                front += render.para(page.column, "newspaper-column")
            articles = [(a, entry.article_docname(book.generated_dir, a)) for a in page.articles]
            front += render.headline_list(articles)
        out.append(render.not_in_print(front))
        pages = [entry.page_docname(book.generated_dir, page) for page in issue.pages]
        out.append(render.toctree(self.env.docname, pages))
        return out


def note_issue_files(directive: SphinxDirective, entry: BookIssue) -> None:
    """Editing an issue file marks the documents made from it outdated."""
    paths = sorted(p for p in entry.path.rglob("*") if p.is_file()) if entry.path.is_dir() else [entry.path]
    for path in paths:
        directive.env.note_dependency(str(path))


class _GeneratedDirective(SphinxDirective):
    required_arguments = 2
    optional_arguments = 1

    def entry(self) -> BookIssue:
        entry = book_of(self).by_key(self.arguments[0])
        if entry is None:
            raise self.error(f"no issue {self.arguments[0]!r} in this build (a stale generated file?)")
        return entry


class NewspaperPage(_GeneratedDirective):
    """One page (版): its label, date, column banner, headlines and page furniture."""

    def run(self) -> list[nodes.Node]:
        entry = self.entry()
        book = book_of(self)
        page = entry.issue.pages[int(self.arguments[1])]
        note_issue_files(self, entry)
        for notice in page.notices:
            warn_notice(notice)
        label = entry.convert
        title = render.page_label(page, label)
        section = nodes.section(ids=[f"page-{page.slug}"], classes=["newspaper-page"])
        section += nodes.title(title, title)
        section += render.not_in_print(
            render.para(render.dateline(entry.issue, None, label), "newspaper-dateline")
        )
        if page.column:
            section += render.para(page.column, "newspaper-column")
        articles = [(a, entry.article_docname(book.generated_dir, a)) for a in page.articles]
        section += render.not_in_print(render.headline_list(articles))
        section += render.page_furniture(page, label)
        # Inside the page's section, so that its articles nest under it (PDF: part > chapter).
        section += render.toctree(self.env.docname, [docname for _, docname in articles])
        return [section]


class NewspaperArticle(_GeneratedDirective):
    """One article as its own document: headline, byline, dateline, text, captions."""

    def run(self) -> list[nodes.Node]:
        entry = self.entry()
        page = entry.issue.pages[int(self.arguments[1])]
        article = page.articles[int(self.arguments[2])]
        note_issue_files(self, entry)
        from .extension import record_article

        record_article(self.env, self.env.docname, entry, page, article)
        body = render.article_body(article, page, entry.issue, entry.convert)
        docnames = [(a, entry.article_docname(book_of(self).generated_dir, a)) for a in entry.issue.articles]
        index = next(i for i, (a, _) in enumerate(docnames) if a is article)
        previous = docnames[index - 1] if index > 0 else None
        following = docnames[index + 1] if index + 1 < len(docnames) else None
        body[0] += render.not_in_print(render.article_nav(previous, following, entry.convert))
        return body
