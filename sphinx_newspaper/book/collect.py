"""What the book holds: the issues named by ``newspaper-issue`` and ``newspaper-archive``
directives, ingested once per build.

:func:`collect_book` takes the directives the parsers found (:mod:`.discovery`), loads each
issue (:mod:`.loading`, through the cache of :mod:`.cache`) and returns a :class:`Book`;
:func:`remember_book` keeps it with the
environment, where the directives, the EPUB builder and the LaTeX settings find it again
(:func:`book_of`).  See :mod:`.generate` for when: at ``builder-inited`` from the directives
the last build found, again before Sphinx reads if they changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.display import status_iterator

from ..chinese import ConversionError, Script, check_conversion, converter, script_for
from ..config import NewspaperConfig, newspaper_config
from ..ingest import (
    UNDATED_HINT,
    IngestError,
    archive_issues,
    check_ocr_mode,
    configure_ocr,
    text_codec,
    undated_entries,
)
from ..model import Article, Issue, Page, ascii_slug
from ..util.characters import UNSHOWABLE, code_point
from ..util.errors import display, unexpected_error
from .cache import FOLDER as CACHE_FOLDER
from .cache import IssueCache, IssueLoad, load_issues
from .discovery import IssueRequest
from .loading import PAGE_PROGRESS, IssueSource, parse_date_option, source_name
from .paths import PathOutsideSource, resolve_issue_path
from .titles import issue_title

logger = logging.getLogger(__name__)

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
    #: What the issue was loaded from: its ingest cache key (files, options, the extension's
    #: code); "" when unknown.  Its generated sources are made again only when this changes.
    stamp: str = ""

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

    @functools.cached_property
    def articles_by_id(self) -> dict[str, tuple[Page, Article]]:
        return {article.id: (page, article) for page in self.issue.pages for article in page.articles}


@dataclass(frozen=True)
class ArticleRecord:
    """What themes and builders need to know about an article document (``newspaper`` in the
    HTML page context)."""

    issue_key: str
    article_id: str
    title: str
    kicker: str | None
    byline: str | None
    page_number: str | None
    section: str | None
    date: str | None
    language: str


@dataclass
class IssueFailure:
    """An issue that could not be read; its directive reports it where the user wrote it."""

    request: IssueRequest
    message: str


@dataclass
class Month:
    """The issues of one calendar month in an archive that spans several: a level of the
    navigation (volume → month → issue), so that no page lists every issue of a year."""

    key: str  # ``2020-01``, unique in the book
    title: str  # ``人民日报 2020年1月``, in the book's script
    entries: list[BookIssue]

    def docname(self, generated_dir: str) -> str:
        return f"{generated_dir}/{self.key}"


@dataclass
class Book:
    """Every issue the build publishes, in source order."""

    generated_dir: str
    issues: list[BookIssue] = field(default_factory=list)
    failures: list[IssueFailure] = field(default_factory=list)
    #: The directives the book was collected for, in order.
    requests: tuple[IssueRequest, ...] = ()
    #: News pictures saved for this build, by name (see pagemaps.py).
    pictures: dict[str, Path] = field(default_factory=dict)
    #: Pages as images for their page maps, by name: saved only for builders that show page
    #: maps (HTML, EPUB), which place them in their output as they write (see pagemaps.py).
    page_images: dict[str, Path] = field(default_factory=dict)
    #: The first PDF page as an image, for the EPUB's cover (EPUB builds only; see pagemaps.py).
    cover: Path | None = None

    @functools.cached_property
    def _by_key(self) -> dict[str, BookIssue]:
        return {entry.key: entry for entry in self.issues}

    @functools.cached_property
    def months(self) -> dict[tuple[str, str], list[Month]]:
        """Each archive's months, by (document, directive argument): only for archives whose
        issues span more than one month (their other issues, undated, stay beside them)."""
        used = {entry.key for entry in self.issues}
        found: dict[tuple[str, str], list[Month]] = {}
        for entry in self.issues:
            if entry.in_archive:
                found.setdefault((entry.request.docname, entry.request.argument), [])
        for where in found:
            issues, _failures = self.archive_for(*where)
            by_month: dict[tuple[int, int], list[BookIssue]] = {}
            for entry in issues:
                if entry.issue.date:
                    by_month.setdefault((entry.issue.date.year, entry.issue.date.month), []).append(entry)
            if len(by_month) < 2:
                continue
            for (year, month), entries in sorted(by_month.items()):
                first = entries[0]
                name = " ".join(part for part in (first.issue.paper, f"{year}年{month}月") if part)
                key = unique_key(f"{year:04d}-{month:02d}", used)
                found[where].append(Month(key, first.convert(name), entries))
        return {where: months for where, months in found.items() if months}

    def month_by_key(self, key: str) -> Month | None:
        return next((month for months in self.months.values() for month in months if month.key == key), None)

    @property
    def contents(self) -> list[Issue]:
        """The issues' models, in book order."""
        return [entry.issue for entry in self.issues]

    def issue_for(self, docname: str, argument: str, lineno: int = 0) -> BookIssue | IssueFailure | None:
        """The issue of the ``newspaper-issue`` directive in ``docname`` with ``argument``; of
        two such directives in one document, the one at ``lineno``."""
        found = [
            entry
            for entry in [*self.issues, *self.failures]
            if entry.request.name == "newspaper-issue"
            and (entry.request.docname, entry.request.argument) == (docname, argument)
        ]
        return next((entry for entry in found if entry.request.lineno == lineno), found[0] if found else None)

    def archive_for(self, docname: str, argument: str) -> tuple[list[BookIssue], list[IssueFailure]]:
        def mine(entry: BookIssue | IssueFailure) -> bool:
            request = entry.request
            return request.name == "newspaper-archive" and (request.docname, request.argument) == (
                docname,
                argument,
            )

        return [e for e in self.issues if mine(e)], [f for f in self.failures if mine(f)]

    def by_key(self, key: str) -> BookIssue | None:
        return self._by_key.get(key)

    def issue_of(self, docname: str) -> tuple[BookIssue, str] | None:
        """The issue a generated document (``<generated dir>/<issue>/<name>``: its front, a
        page or an article) belongs to, and the document's name in it; else None."""
        folder, _, rest = docname.partition(self.generated_dir + "/")
        key, _, name = rest.partition("/")
        entry = self.by_key(key) if not folder and name and "/" not in name else None
        return (entry, name) if entry else None

    def is_article(self, docname: str) -> bool:
        """Whether ``docname`` is an article's own document (one that holds no toctree)."""
        document = self.issue_of(docname)
        return document is not None and document[1] in document[0].articles_by_id

    def article_record(self, docname: str) -> ArticleRecord | None:
        """The record of the article document ``docname`` (``<generated dir>/<issue>/<id>``),
        else None. Taken from the book rather than kept on the environment: every build has the
        book, and a parallel read then sends nothing per article back to the main process."""
        document = self.issue_of(docname)
        found = document[0].articles_by_id.get(document[1]) if document else None
        if document is None or found is None:
            return None
        entry, (page, article) = document[0], found
        date = page.date or entry.issue.date
        return ArticleRecord(
            issue_key=entry.key,
            article_id=article.id,
            title=article.title,
            kicker=article.kicker,
            byline=article.byline,
            page_number=page.number,
            section=page.section,
            date=date.isoformat() if date else None,
            language=entry.script.tag,
        )


_BOOKS: WeakKeyDictionary[BuildEnvironment, Book] = WeakKeyDictionary()


def remember_book(app: Sphinx, book: Book) -> None:
    """Keep the book of this build with its environment (parallel readers inherit it)."""
    _BOOKS[app.env] = book


def book_of(app_or_env: Sphinx | BuildEnvironment) -> Book:
    """The book of this build (an empty one before ``builder-inited``, or in a new project
    before its first reading)."""
    env = app_or_env if isinstance(app_or_env, BuildEnvironment) else app_or_env.env
    return _BOOKS.get(env) or Book(newspaper_config(env).generated_dir)


def collect_book(app: Sphinx, requests: list[IssueRequest]) -> Book:
    """Load and key every issue the directives ask for, in the order given: issues whose files
    did not change come from the cache beside the environment, the others are read in up to
    ``-j`` processes."""
    settings = newspaper_config(app)
    srcdir = Path(app.srcdir)
    book = Book(settings.generated_dir, requests=tuple(requests))
    planned: list[Planned] = []
    seen: dict[IssueSource, IssueRequest] = {}
    for request in requests:
        try:
            options = checked_options(request, settings)
            path = resolve_issue_path(srcdir, request.docname, request.argument)
            check_not_generated(path, srcdir, settings.generated_dir)
            issue_sources = requested_issues(request, path, options.ocr)
            book.failures += undated_failures(request, path, srcdir / settings.generated_dir)
        except (PathOutsideSource, IngestError, ValueError) as error:
            book.failures.append(IssueFailure(request, str(error)))
            continue
        except Exception as error:  # a defect: this directive's failure, not the whole book's
            book.failures.append(IssueFailure(request, str(unexpected_error(request.argument, error))))
            continue
        planned += plan_issues(app, book, request, issue_sources, options, seen)

    def shown(source: IssueSource) -> str:
        first = source[0] if isinstance(source, tuple) else source
        return os.path.relpath(first, srcdir)

    def progress(finished: Iterator[int], count: int) -> Iterator[int]:
        if count < 2:
            return finished
        PAGE_PROGRESS.set(None)  # issue by issue (also in the worker processes, which inherit it)
        return status_iterator(
            finished,
            "[newspaper] reading issues... ",
            "darkgreen",
            count,
            app.verbosity,
            stringify_func=lambda index: shown(planned[index].load.source),
        )

    def pages(files: Iterator[Path], count: int) -> Iterator[Path]:
        """The page files of the one issue read (several issues show progress by issue)."""
        return status_iterator(
            files,
            "[newspaper] reading pages... ",
            "darkgreen",
            count,
            app.verbosity,
            stringify_func=lambda path: os.path.relpath(path, srcdir),
        )

    cache = IssueCache(Path(app.doctreedir) / CACHE_FOLDER)
    configure_ocr(cache=Path(app.doctreedir) / OCR_FOLDER, processes=app.parallel, progress=ocr_progress)
    one_issue = PAGE_PROGRESS.set(pages)
    try:
        loaded = load_issues([plan.load for plan in planned], cache, app.parallel, progress)
    finally:
        PAGE_PROGRESS.reset(one_issue)
    used_keys: set[str] = set()
    for plan, result in zip(planned, loaded, strict=True):
        if isinstance(result, str):
            book.failures.append(IssueFailure(plan.request, result))
            continue
        key = unique_key(issue_key(result, Path(result.source)), used_keys)
        conversion = plan.conversion
        in_archive = plan.request.name == "newspaper-archive"
        convert = converter(conversion, settings.quotes)
        stamp = plan.load.key  # computed by load_issues
        entry = BookIssue(
            plan.request, key, plan.load.files, result, script_for(conversion), convert, in_archive, stamp
        )
        book.issues.append(entry)
    return book


@dataclass(frozen=True)
class Planned:
    """An issue a directive asks for, before it is loaded."""

    request: IssueRequest
    load: IssueLoad
    conversion: str | None


def plan_issues(
    app: Sphinx,
    book: Book,
    request: IssueRequest,
    issue_sources: list[tuple[str, IssueSource]],
    options: IssueOptions,
    seen: dict[IssueSource, IssueRequest],
) -> list[Planned]:
    """The issues one directive asks for, with how each is to be loaded
    (:func:`.loading.load_issue`); an issue already in the book (``seen``) is a failure naming
    the directive that has it."""
    settings = newspaper_config(app)
    load_options = {
        "encoding": options.encoding,
        "conversion": options.convert,
        "quotes": settings.quotes,
        "paper": options.paper,
        "date": options.date,
        "root": Path(app.srcdir),
        "ocr": options.ocr,
    }
    planned = []
    for date, source in issue_sources:
        if date:  # an archive's issue: dated by its name (see loading.load_issue)
            load_options["archive_date"] = dt.date.fromisoformat(date)
        first = seen.setdefault(source, request)
        if first is not request:
            where = f"{app.env.doc2path(first.docname)}:{first.lineno}"
            problem = f"{source_name(source)} is in the book already ({where}); an issue goes in once"
            problem += included_twice_hint(app, first, request)
            book.failures.append(IssueFailure(request, problem))
            continue
        planned.append(Planned(request, IssueLoad(source, tuple(load_options.items())), options.convert))
    return planned


def included_twice_hint(app: Sphinx, first: IssueRequest, second: IssueRequest) -> str:
    """Where one of the two directives is in a document the other's document includes (one
    file read twice: as a document and where it is included), how to read it once."""
    for inner, outer in ((first.docname, second.docname), (second.docname, first.docname)):
        if inner in app.env.included.get(outer, ()):
            shown = app.env.doc2path(inner, False)
            return (
                f" ({shown} is a document and is included by {app.env.doc2path(outer, False)}:"
                f" add {str(shown)!r} to exclude_patterns, or give it a suffix Sphinx does not read)"
            )
    return ""


@dataclass(frozen=True)
class IssueOptions:
    """A directive's options, checked, with the configuration's values where it sets none."""

    convert: str | None
    encoding: str | None
    paper: str | None
    date: dt.date | None
    ocr: str = "auto"


def checked_options(request: IssueRequest, settings: NewspaperConfig) -> IssueOptions:
    """The options of ``request``; :class:`ValueError` naming the first bad one and what it may be."""
    for name, value in request.options:
        if bad := UNSHOWABLE.search(value):
            raise ValueError(f":{name}: {value!r} holds {code_point(bad[0])}, which no output can show")
    try:
        conversion = check_conversion(request.option("convert") or settings.convert)
    except ConversionError as error:
        raise ValueError(f":convert: {error}") from None
    encoding = request.option("encoding")
    if encoding:
        try:
            text_codec(encoding)
        except ValueError as error:
            raise ValueError(
                f":encoding: {error}; name a text encoding such as gb18030, big5 or utf-16"
            ) from None
    dates = {name: _date_option(request, name) for name in ("date", "start", "end")}
    if request.name == "newspaper-archive" and dates["date"]:
        raise ValueError(
            ":date: sets one issue's date, and an archive's issues are dated by their names; "
            f"to build the issue of {dates['date']} alone, write :start: {dates['date']} and :end: {dates['date']}"
        )
    if dates["start"] and dates["end"] and dates["start"] > dates["end"]:
        raise ValueError(f":start: {dates['start']} is after :end: {dates['end']}")
    paper = request.option("paper") or settings.paper_name
    try:
        ocr = check_ocr_mode(request.option("ocr") or settings.ocr)
    except ValueError as error:
        raise ValueError(f":ocr: {error}") from None
    return IssueOptions(conversion, encoding or settings.encoding, paper, dates["date"], ocr)


def _date_option(request: IssueRequest, name: str) -> dt.date | None:
    try:
        return parse_date_option(request.option(name))
    except ValueError as error:
        raise ValueError(f":{name}: {error}") from None


def check_not_generated(path: Path, srcdir: Path, generated_dir: str) -> None:
    """Refuse an issue or archive path that is, or is inside, the generated folder: the
    extension writes its date-named folders there, which the next build would read as issues
    (an archive named as the generated folder claimed each date twice)."""
    generated = (srcdir / generated_dir).resolve()
    if path == generated or generated in path.parents:
        raise ValueError(
            f"{display(path)} is in the folder the extension writes its generated sources into "
            f"(newspaper_generated_dir = {generated_dir!r}); keep the issues in another folder, or set "
            "newspaper_generated_dir to another name"
        )


def undated_failures(request: IssueRequest, path: Path, generated: Path) -> list[IssueFailure]:
    """An archive's entries that look like issues but name no date (the generated folder
    aside): each left out with a warning at the directive, never without a word."""
    if request.name != "newspaper-archive":
        return []
    return [
        IssueFailure(
            request, f"{display(entry)}: names no date, so it is not read as an issue ({UNDATED_HINT})"
        )
        for entry in undated_entries(path)
        if entry.resolve() != generated.resolve()
    ]


def requested_issues(request: IssueRequest, path: Path, ocr: str = "auto") -> list[tuple[str, IssueSource]]:
    """The issues one directive asks for: its path, or an archive's issues in the date range
    (with ``ocr`` off, an archive's page images are no issues)."""
    if request.name != "newspaper-archive":
        return [("", path)]
    start = _date_option(request, "start")
    end = _date_option(request, "end")
    found = archive_issues(path, ocr)
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


#: The folder under ``doctreedir`` keeping what the OCR read of each page picture.
OCR_FOLDER = "newspaper-ocr"


def ocr_progress(done: int, count: int, where: str) -> None:
    """One line a page read through OCR (a page takes seconds to a minute)."""
    logger.info(f"[newspaper] read through OCR ({done}/{count}): {where}")


#: The longest issue key made from a file name: the key names a folder, and with a page's or
#: an article's name joined to it, the EPUB's parts (``KEY-p04-01.xhtml``), which a file name
#: of 250 characters would take past the file system's 255.
MAX_KEY = 64


def issue_key(issue: Issue, path: Path) -> str:
    """The issue's folder name under the generated folder: its date, else its file's name."""
    if issue.date:
        return issue.date.isoformat()
    return ascii_slug(path.stem)[:MAX_KEY].strip("-") or "issue"


def unique_key(key: str, used: set[str]) -> str:
    candidate, number = key, 2
    while candidate in used:
        candidate, number = f"{key}-{number}", number + 1
    used.add(candidate)
    return candidate
