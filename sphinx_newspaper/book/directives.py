"""The directives: ``newspaper-issue`` for users, ``newspaper-page`` and ``newspaper-article``
for the generated sources."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model import Notice
from ..subtypes import WARNING_TYPE, Subtype
from ..util.errors import file_location
from . import render
from .collect import Book, BookIssue, IssueFailure, book_of
from .discovery import IssueRequest, is_discovering, is_reading_late
from .navigation import article_nav, doc_link, headline_list
from .pagemaps import figure_nodes, page_map_node, picture_uri, shows_page_image
from .records import record_request, record_shown

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def book_for(directive: SphinxDirective) -> Book:
    return book_of(directive.env)


def located(directive: SphinxDirective, out: list[nodes.Node]) -> list[nodes.Node]:
    """Give nodes made in code the directive's source and line, as parsed nodes have them: for
    warnings, and because Sphinx otherwise patches each title and rubric at some cost."""
    source, line = directive.get_source_info()
    for top in out:
        for node in top.findall(nodes.Element):
            if node.source is None:
                node.source, node.line = source, line
    return out


def warn_notice(notice: Notice) -> None:
    """An ingest notice as a Sphinx warning: ``type="newspaper"``, located in the issue file."""
    location = file_location(notice.source, notice.line)
    logger.warning(notice.message, type=WARNING_TYPE, subtype=notice.subtype, location=location)


class _IssueSourceDirective(SphinxDirective):
    """A directive naming issue files by path: it records what it asks for, as the parser gave
    it (:mod:`.discovery`), and shows the issues once the book holds them."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {
        "paper": directives.unchanged,
        "date": directives.unchanged,
        "convert": directives.unchanged,
        "encoding": directives.unchanged,
        "ocr": directives.unchanged,
    }

    @property
    def argument(self) -> str:
        return self.arguments[0].strip()

    def run(self) -> list[nodes.Node]:
        options = tuple((name, str(value)) for name, value in self.options.items())
        self.request = IssueRequest(self.name, self.env.docname, self.lineno, self.argument, options)
        record_request(self.env, self.request)
        if is_discovering(self.env):
            return []
        # What the document shows is compared with the next build's book (generate.prepare_book),
        # also when it shows nothing (an issue that failed may read next time).
        record_shown(self.env, self.env.docname, ())
        return self.show()

    def show(self) -> list[nodes.Node]:
        raise NotImplementedError

    def found_only_now(self, book: Book) -> bool:
        """Whether the book was collected without this directive: the discovery did not see it
        (another extension wrote it into the text while Sphinx reads, for instance).  It shows
        nothing now; :func:`.generate.read_late_requests` collects the book again once the
        reading is over and reads this document again."""
        return self.request not in book.requests and not is_reading_late(self.env)

    def not_in_book(self) -> Exception:
        """A directive still not in the book when its document is read again for the directives
        met while reading (one that another extension writes differently at every reading):
        say so, never skip it silently."""
        return self.error(
            f"{self.name}: {self.argument!r} is not in the book: the directive changed between two "
            "readings of this document (another extension writing it in?); write it in the "
            "document or in a file the document includes"
        )


class NewspaperIssue(_IssueSourceDirective):
    """``.. newspaper-issue:: PATH``: the issue's front page, and its pages in the toctree."""

    def show(self) -> list[nodes.Node]:
        argument = self.argument
        book = book_for(self)
        entry = book.issue_for(self.env.docname, argument, self.lineno)
        if entry is None:
            if self.found_only_now(book):
                return []
            raise self.not_in_book()
        if isinstance(entry, IssueFailure):
            raise self.error(f"newspaper-issue: {entry.message}")
        note_issue_files(self, entry)
        record_shown(self.env, self.env.docname, (entry.key,))
        return located(self, issue_front(self, entry))


def issue_front(directive: SphinxDirective, entry: BookIssue) -> list[nodes.Node]:
    """Masthead, each page's headlines linking to the articles, and the pages' toctree."""
    generated_dir = book_for(directive).generated_dir
    issue, label = entry.issue, entry.convert
    # The PDF has a title page of its own (latex.title_page).
    out: list[nodes.Node] = [render.not_in_print(render.masthead(issue, entry.title, label))]
    front = nodes.container(classes=["newspaper-front"])
    for page in issue.pages:
        heading = render.page_label(page, label)
        front += nodes.rubric(heading, heading, classes=["newspaper-page-label"])
        if page.column:
            front += render.para(page.column, "newspaper-column")
        articles = [(a, entry.article_docname(generated_dir, a)) for a in page.articles]
        front += headline_list(directive.env.docname, articles)
    out.append(render.not_in_print(front))
    pages = [entry.page_docname(generated_dir, page) for page in issue.pages]
    out.append(render.toctree(directive.env.docname, pages))
    return out


class NewspaperArchive(_IssueSourceDirective):
    """``.. newspaper-archive:: FOLDER``: one issue per sub-folder or date, oldest first."""

    option_spec: ClassVar = {
        **_IssueSourceDirective.option_spec,
        "start": directives.unchanged,
        "end": directives.unchanged,
    }

    def show(self) -> list[nodes.Node]:
        argument = self.argument
        book = book_for(self)
        issues, failures = book.archive_for(self.env.docname, argument)
        if not issues and not failures:
            if self.found_only_now(book):
                return []
            raise self.not_in_book()
        if failures and not issues:
            raise self.error(f"newspaper-archive: {failures[0].message}")
        for failure in failures:
            logger.warning(
                f"newspaper-archive: issue left out: {failure.message}",
                type=WARNING_TYPE,
                subtype=Subtype.INPUT,
                location=self.get_location(),
            )
        # generate.prepare_book re-reads this document when the set of issues changes.
        record_shown(self.env, self.env.docname, tuple(entry.key for entry in issues))
        months = book.months.get((self.env.docname, argument))
        if months:  # a year lists its months, each month its issues
            dated = {id(entry) for month in months for entry in month.entries}
            parts = [(month.docname(book.generated_dir), month.title) for month in months]
            parts += [(e.issue_docname(book.generated_dir), e.title) for e in issues if id(e) not in dated]
        else:
            parts = [(entry.issue_docname(book.generated_dir), entry.title) for entry in issues]
        return located(self, contents_list(self.env.docname, parts))


def contents_list(origin: str, parts: list[tuple[str, str]]) -> list[nodes.Node]:
    """A list of links to ``parts`` (docname, title) for screens, and their toctree."""
    listing = nodes.bullet_list(classes=["newspaper-issues"])
    for docname, title in parts:
        line = nodes.paragraph()
        line += doc_link(origin, docname, title)
        listing += nodes.list_item("", line)
    return [render.not_in_print(listing), render.toctree(origin, [docname for docname, _ in parts])]


def note_issue_files(directive: SphinxDirective, entry: BookIssue) -> None:
    """Editing an issue file marks the document holding the directive outdated (the generated
    documents follow their content through their digests; see generate.py)."""
    for path in entry.files:
        directive.env.note_dependency(str(path))


class _GeneratedDirective(SphinxDirective):
    required_arguments = 2
    optional_arguments = 1
    # The content is the digest of what the document shows, there to change the file when that
    # changes (generate.py); not read. Cheaper to parse than an option, and makes no node.
    has_content = True

    def entry(self) -> BookIssue:
        entry = book_for(self).by_key(self.arguments[0])
        if entry is None:
            raise self.error(f"no issue {self.arguments[0]!r} in this build (a stale generated file?)")
        return entry


class NewspaperMonth(_GeneratedDirective):
    """A month of a longer archive: its title, and its issues listed and in the toctree."""

    required_arguments = 1
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        book = book_for(self)
        month = book.month_by_key(self.arguments[0])
        if month is None:
            raise self.error(f"no month {self.arguments[0]!r} in this build (a stale generated file?)")
        section = nodes.section(ids=[f"month-{month.key}"], classes=["newspaper-month"])
        section += nodes.title(month.title, month.title)
        parts = [(entry.issue_docname(book.generated_dir), entry.title) for entry in month.entries]
        section += contents_list(self.env.docname, parts)
        return located(self, [section])


class NewspaperFront(_GeneratedDirective):
    """An archive issue's own document: its title, masthead, headlines and pages."""

    required_arguments = 1
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        entry = self.entry()
        section = nodes.section(ids=[f"issue-{entry.key}"], classes=["newspaper-issue"])
        section += nodes.title(entry.title, entry.title)
        section += issue_front(self, entry)
        return located(self, [section])


class NewspaperPage(_GeneratedDirective):
    """One page (版): its label, date, column banner, headlines and page furniture."""

    def run(self) -> list[nodes.Node]:
        entry = self.entry()
        book = book_for(self)
        page = entry.issue.pages[int(self.arguments[1])]
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
        if shows_page_image(self.env, page):
            docname_of = functools.partial(entry.article_docname, book.generated_dir)
            section += render.not_in_print(page_map_node(entry, page, docname_of, label))
        articles = [(a, entry.article_docname(book.generated_dir, a)) for a in page.articles]
        # The issue front shows the same list: the EPUB, read in order, leaves this one out.
        section += render.not_in_print(headline_list(self.env.docname, articles, repeats_front=True))
        for figure in page.figures:  # news pictures that stand on their own
            section += figure_nodes(figure, picture_uri(self.env, figure.image), label)
        section += render.page_furniture(page, label)
        # Inside the page's section, so that its articles nest under it (PDF: part > chapter).
        section += render.toctree(self.env.docname, [docname for _, docname in articles])
        return located(self, [section])


class NewspaperArticle(_GeneratedDirective):
    """One article as its own document: headline, byline, dateline, text, captions."""

    def run(self) -> list[nodes.Node]:
        entry = self.entry()
        page = entry.issue.pages[int(self.arguments[1])]
        article = page.articles[int(self.arguments[2])]
        figures = [figure_nodes(f, picture_uri(self.env, f.image), entry.convert) for f in article.figures]
        body = render.article_body(article, page, entry.issue, entry.convert, figures)
        generated_dir = book_for(self).generated_dir
        previous, following = (
            (a, entry.article_docname(generated_dir, a)) if a is not None else None
            for a in entry.issue.neighbours(article)
        )
        up = (entry.page_docname(generated_dir, page), render.page_label(page, entry.convert))
        front = entry.issue_docname(generated_dir) if entry.in_archive else entry.request.docname
        nav = article_nav(self.env.docname, previous, following, entry.convert, up, (front, entry.title))
        body[-1] += render.not_in_print(nav)
        return located(self, body)


def setup_directives(app: Sphinx) -> None:
    """The directives users write, and those of the generated sources."""
    app.add_directive("newspaper-issue", NewspaperIssue)
    app.add_directive("newspaper-archive", NewspaperArchive)
    app.add_directive("newspaper-month", NewspaperMonth)
    app.add_directive("newspaper-front", NewspaperFront)
    app.add_directive("newspaper-page", NewspaperPage)
    app.add_directive("newspaper-article", NewspaperArticle)
