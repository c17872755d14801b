"""What the book holds: the issues named by ``newspaper-issue`` and ``newspaper-archive``
directives, ingested once per build.

At ``builder-inited`` :func:`collect_book` finds the directives (:mod:`.discovery`), loads each
issue (:mod:`.loading`) and returns a :class:`Book`; :func:`remember_book` keeps it with the
environment, where the directives, the EPUB builder and the LaTeX settings find it again
(:func:`book_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.environment import BuildEnvironment
from sphinx.util.display import status_iterator

from .chinese import Script, converter, script_for
from .config import newspaper_config
from .discovery import IssueRequest, find_requests
from .ingest import IngestError, archive_issues
from .loading import IngestCache, IssueSource, input_files, load_issue, parse_date_option
from .model import Article, Issue, Page, ascii_slug
from .paths import PathOutsideSource, resolve_issue_path
from .titles import issue_title

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass
class BookIssue:
    """An ingested issue in the book, with the document names its pages and articles get."""

    request: IssueRequest
    key: str  # ASCII folder name under the generated dir: the date, or the file name
    files: tuple[Path, ...]  # the input files the issue was read from
    issue: Issue  # converted text
    script: Script
    convert: Callable[[str], str]  # for labels the extension writes itself ("第4版")
    in_archive: bool = False  # archive issues get a generated front-page document of their own

    def issue_docname(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.key}/index"

    def page_docname(self, generated_dir: str, page: Page) -> str:
        return f"{generated_dir}/{self.key}/{page.slug}"

    def article_docname(self, generated_dir: str, article: Article) -> str:
        return f"{generated_dir}/{self.key}/{article.id}"

    @property
    def title(self) -> str:
        """The issue's name as readers say it: ``昭通日报 2023年3月24日``."""
        return issue_title(self.issue)


@dataclass
class IssueFailure:
    """An issue that could not be read; its directive reports it where the user wrote it."""

    request: IssueRequest
    message: str


@dataclass
class Book:
    """Every issue the build publishes, in source order."""

    generated_dir: str
    issues: list[BookIssue] = field(default_factory=list)
    failures: list[IssueFailure] = field(default_factory=list)
    #: Pictures saved for this build (news pictures and page images), by name (see pagemaps.py).
    pictures: dict[str, Path] = field(default_factory=dict)

    @property
    def contents(self) -> list[Issue]:
        """The issues' models, in book order."""
        return [entry.issue for entry in self.issues]

    def issue_for(self, docname: str, argument: str) -> BookIssue | IssueFailure | None:
        for entry in [*self.issues, *self.failures]:
            request = entry.request
            if request.name == "newspaper-issue" and (request.docname, request.argument) == (
                docname,
                argument,
            ):
                return entry
        return None

    def archive_for(self, docname: str, argument: str) -> tuple[list[BookIssue], list[IssueFailure]]:
        def mine(entry: BookIssue | IssueFailure) -> bool:
            request = entry.request
            return request.name == "newspaper-archive" and (request.docname, request.argument) == (
                docname,
                argument,
            )

        return [e for e in self.issues if mine(e)], [f for f in self.failures if mine(f)]

    def by_key(self, key: str) -> BookIssue | None:
        return next((entry for entry in self.issues if entry.key == key), None)


_BOOKS: WeakKeyDictionary[BuildEnvironment, Book] = WeakKeyDictionary()


def remember_book(app: Sphinx, book: Book) -> None:
    """Keep the book of this build with its environment (parallel readers inherit it)."""
    _BOOKS[app.env] = book


def book_of(app_or_env: Sphinx | BuildEnvironment) -> Book:
    """The book collected at ``builder-inited`` (an empty one before that)."""
    env = app_or_env if isinstance(app_or_env, BuildEnvironment) else app_or_env.env
    return _BOOKS.get(env) or Book(newspaper_config(env).generated_dir)


def collect_book(app: Sphinx) -> Book:
    """Find, ingest and key every issue named in the sources."""
    settings = newspaper_config(app)
    srcdir = Path(app.srcdir)
    env = app.env
    sources = [
        (docname, Path(env.doc2path(docname)))
        for docname in sorted(env.found_docs)
        if not docname.startswith(settings.generated_dir + "/")
    ]
    book = Book(settings.generated_dir)
    used_keys: set[str] = set()
    # issues read from PDFs, kept between builds beside the doctrees (see loading.IngestCache)
    cache = IngestCache(Path(app.doctreedir) / "newspaper-ingest")
    for request in find_requests(srcdir, sources):
        try:
            path = resolve_issue_path(srcdir, request.docname, request.argument)
            issue_sources = requested_issues(request, path)
            date = parse_date_option(request.option("date"))
        except (PathOutsideSource, IngestError, ValueError) as error:
            book.failures.append(IssueFailure(request, str(error)))
            continue
        add_issues(app, book, request, issue_sources, date, used_keys, cache)
    cache.prune()
    return book


def add_issues(
    app: Sphinx,
    book: Book,
    request: IssueRequest,
    issue_sources: list[tuple[str, IssueSource]],
    date: dt.date | None,
    used_keys: set[str],
    cache: IngestCache | None = None,
) -> None:
    """Load the issues one directive asks for into the book, each under a key of its own."""
    settings = newspaper_config(app)
    conversion = request.option("convert") or settings.convert
    convert = converter(conversion, settings.quotes)
    in_archive = request.name == "newspaper-archive"
    if len(issue_sources) > 1:
        issue_sources = status_iterator(
            issue_sources,
            "[newspaper] reading issues... ",
            "darkgreen",
            len(issue_sources),
            app.verbosity,
            stringify_func=lambda item: item[0],
        )
    for _date, source in issue_sources:
        try:
            issue = load_issue(
                source,
                encoding=request.option("encoding") or settings.encoding,
                conversion=conversion,
                quotes=settings.quotes,
                paper=request.option("paper") or settings.paper_name,
                date=date,
                root=Path(app.srcdir),
                cache=cache,
            )
        except (IngestError, ValueError) as error:
            book.failures.append(IssueFailure(request, str(error)))
            continue
        key = unique_key(issue_key(issue, Path(issue.source)), used_keys)
        files = input_files(source)
        book.issues.append(BookIssue(request, key, files, issue, script_for(conversion), convert, in_archive))


def requested_issues(request: IssueRequest, path: Path) -> list[tuple[str, IssueSource]]:
    """The issues one directive asks for: its path, or an archive's issues in the date range."""
    if request.name != "newspaper-archive":
        return [("", path)]
    start = parse_date_option(request.option("start"))
    end = parse_date_option(request.option("end"))
    found = archive_issues(path)
    chosen = [
        (date, tuple(source) if isinstance(source, list) else source)
        for date, source in found
        if (not start or date >= start.isoformat()) and (not end or date <= end.isoformat())
    ]
    if not chosen:
        span = f" between {start or '…'} and {end or '…'}" if start or end else ""
        raise IngestError(
            str(path),
            f"the archive holds no issues{span}",
            "an archive folder holds one sub-folder or page files per issue, named with the date "
            "(20200131 or 2020-01-31)",
        )
    return chosen


def issue_key(issue: Issue, path: Path) -> str:
    if issue.date:
        return issue.date.isoformat()
    return ascii_slug(path.stem) or "issue"


def unique_key(key: str, used: set[str]) -> str:
    candidate, number = key, 2
    while candidate in used:
        candidate, number = f"{key}-{number}", number + 1
    used.add(candidate)
    return candidate
