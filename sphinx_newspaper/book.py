"""What the book holds: the issues named by ``newspaper-issue`` and ``newspaper-archive``
directives, found before reading.

Sphinx has no in-memory documents, so articles must exist as source files before Sphinx reads
(the autosummary pattern).  At ``builder-inited`` :func:`collect_book` scans the sources for
the directives, ingests each issue once and returns a :class:`Book`; :mod:`.generate` writes
the article sources from it, and the directives, the EPUB and the LaTeX code read it back.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.environment import BuildEnvironment
from sphinx.util.display import status_iterator

from .chinese import Script, converter, script_for, unchanged
from .ingest import IngestError, archive_issues, read_issue
from .ingest.corrections import corrections_file
from .ingest.files import folder_entries, is_regular_file
from .model import Article, Issue, Page, ascii_slug, map_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import NewspaperConfig

DIRECTIVE_NAMES = ("newspaper-issue", "newspaper-archive")

# ``.. newspaper-issue:: PATH`` in reST, ``{newspaper-issue} PATH`` in MyST fences.
_DIRECTIVE = re.compile(
    r"^(?P<indent>\s*)(?:\.\.\s+|[`:]{3,}\{)(?P<name>newspaper-[a-z]+)\}?(?:::)?\s+(?P<arg>\S.*?)\s*$"
)
_OPTION = re.compile(r"^\s*:(?P<name>[a-z-]+):\s*(?P<value>.*?)\s*$")


class PathOutsideSource(ValueError):
    """A directive path that leaves the Sphinx source directory."""


@dataclass(frozen=True)
class IssueRequest:
    """One ``newspaper-issue`` or ``newspaper-archive`` directive as written in a source document."""

    name: str
    docname: str
    lineno: int
    argument: str
    options: tuple[tuple[str, str], ...] = ()

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name) or None


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
        parts = [self.issue.paper or "", chinese_date(self.issue.date) if self.issue.date else ""]
        return " ".join(part for part in parts if part) or Path(self.issue.source).stem


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
    return _BOOKS.get(env) or Book(env.config.newspaper_generated_dir)


WEEKDAYS = "一二三四五六日"


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def resolve_issue_path(srcdir: Path, docname: str, argument: str) -> Path:
    """The issue path of a directive in ``docname``; refuses paths outside ``srcdir``."""
    srcdir = srcdir.resolve()
    if argument.startswith("/"):
        candidate = srcdir / argument.lstrip("/")
    else:
        candidate = srcdir / Path(docname).parent / argument
    resolved = candidate.resolve()
    if resolved != srcdir and srcdir not in resolved.parents:
        raise PathOutsideSource(
            f"{argument!r} resolves to {resolved}, outside the source directory {srcdir}; "
            "copy the issue files into the project"
        )
    return resolved


def find_requests(srcdir: Path, docnames: list[tuple[str, Path]]) -> list[IssueRequest]:
    """Scan source files for ``newspaper-issue`` directives, the way autosummary scans."""
    requests: list[IssueRequest] = []
    for docname, path in docnames:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "newspaper-" not in text:
            continue
        lines = text.splitlines()
        for index, line in enumerate(lines):
            match = _DIRECTIVE.match(line)
            if not match or match["name"] not in DIRECTIVE_NAMES:
                continue
            options = []
            for option_line in lines[index + 1 :]:
                option = _OPTION.match(option_line)
                if not option:
                    break
                options.append((option["name"], option["value"]))
            requests.append(IssueRequest(match["name"], docname, index + 1, match["arg"], tuple(options)))
    return requests


IssueSource = Path | tuple[Path, ...]  # a file, a folder, or the page files of one date


@functools.lru_cache(maxsize=256)
def _ingest(source: IssueSource, stamp: tuple[int, int], encoding: str | None, root: Path | None) -> Issue:
    return read_issue(list(source) if isinstance(source, tuple) else source, encoding=encoding, root=root)


def input_files(source: IssueSource) -> tuple[Path, ...]:
    """Every file an issue is read from (its dependencies), corrections files included: the
    regular files of its folder (the ingest reads one level deep), or its files."""
    if isinstance(source, tuple):
        files = sorted(source)
    elif source.is_dir():
        try:
            return tuple(entry for entry in folder_entries(source) if is_regular_file(entry))
        except IngestError:
            return ()  # the ingest says why, when it reads the folder
    else:
        files = [source]
    corrections = [c for c in map(corrections_file, files) if c]
    return tuple(files + corrections)


def source_stamp(files: tuple[Path, ...]) -> tuple[int, int]:
    """Changes when any of the issue's files changes, appears or goes."""
    stats = []
    for path in files:
        try:
            stats.append(path.stat())
        except OSError:
            continue  # gone or unreadable: the ingest reports it
    return (max((s.st_mtime_ns for s in stats), default=0), sum(s.st_size for s in stats) + len(stats))


def load_issue(
    source: IssueSource,
    *,
    encoding: str | None,
    conversion: str | None,
    quotes: str,
    paper: str | None = None,
    date: dt.date | None = None,
    root: Path | None = None,
) -> Issue:
    """Ingest (cached by file stamp), apply paper/date overrides, then convert all text.
    ``root``: the folder no input file may lead out of (the source directory)."""
    if isinstance(source, Path) and not source.exists():
        raise IngestError(str(source), "no such file or folder", "check the path in the directive")
    issue = _ingest(source, source_stamp(input_files(source)), encoding, root)
    if paper or date:
        pages = [replace(page, paper=paper or page.paper, date=date or page.date) for page in issue.pages]
        issue = replace(issue, pages=pages, paper=paper or issue.paper, date=date or issue.date)
    convert = converter(conversion, quotes)
    return issue if convert is unchanged else map_text(issue, convert)


def parse_date_option(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"the date {value!r} is not a date of the form YYYY-MM-DD") from None


def collect_book(app: Sphinx, settings: NewspaperConfig) -> Book:
    """Find, ingest and key every issue named in the sources."""
    srcdir = Path(app.srcdir)
    env = app.env
    sources = [
        (docname, Path(env.doc2path(docname)))
        for docname in sorted(env.found_docs)
        if not docname.startswith(settings.generated_dir + "/")
    ]
    book = Book(settings.generated_dir)
    used_keys: set[str] = set()
    for request in find_requests(srcdir, sources):
        try:
            path = resolve_issue_path(srcdir, request.docname, request.argument)
            issue_sources = requested_issues(request, path)
            date = parse_date_option(request.option("date"))
        except (PathOutsideSource, IngestError, ValueError) as error:
            book.failures.append(IssueFailure(request, str(error)))
            continue
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
                    root=srcdir,
                )
            except (IngestError, ValueError) as error:
                book.failures.append(IssueFailure(request, str(error)))
                continue
            key = unique_key(issue_key(issue, Path(issue.source)), used_keys)
            files = input_files(source)
            book.issues.append(
                BookIssue(request, key, files, issue, script_for(conversion), convert, in_archive)
            )
    return book


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


def book_file_stem(book: Book) -> str:
    """ASCII-safe output file name: romanised paper name (from the masthead) plus the date."""
    if not book.issues:
        return "newspaper"
    first = book.issues[0]
    stem = (
        ascii_slug(romanised_name(first.issue))
        or ascii_slug(Path(first.issue.source).stem.split("-p")[0])
        or "newspaper"
    )
    if first.issue.date and first.issue.date.isoformat() not in stem:
        stem = f"{stem}-{first.issue.date.isoformat()}"
    if len(book.issues) > 1 and book.issues[-1].issue.date:
        stem = f"{stem}--{book.issues[-1].issue.date.isoformat()}"
    return stem


def romanised_name(issue: Issue) -> str:
    """The paper's romanised name as its pages print it (``ZHAOTONG RIBAO``), or ``""``."""
    return next((line for page in issue.pages for line in page.furniture if _ROMANISED.match(line)), "")


_ROMANISED = re.compile(r"^[A-Z][A-Z ]{5,}$")
