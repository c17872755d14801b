"""An issue as the book shows it: ingested once per file state, then given the directive's
paper and date and converted to the book's script.

Pure Python, no Sphinx: the build (:mod:`.collect`) and ``sphinx-newspaper inspect`` (:mod:`.cli`)
load issues the same way.

Builds keep loaded issues between runs in :mod:`.cache` (reading a PDF page's layout takes 50
to 100 ms, a text page a few ms).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path

from ..chinese import converter, unchanged
from ..ingest import IngestError, corrections_file, read_issue
from ..model import Issue, Notice, map_text
from ..subtypes import Subtype
from ..util.errors import display
from ..util.files import folder_entries, is_regular_file

IssueSource = Path | tuple[Path, ...]  # a file, a folder, or the page files of one date


#: How the page files of an issue being read are shown (``progress(files, count)``, see
#: :func:`.ingest.read_issue`): set by the build while it reads one issue (:func:`.collect.collect_book`).
PAGE_PROGRESS: ContextVar[Callable[[Iterator[Path], int], Iterator[Path]] | None] = ContextVar(
    "PAGE_PROGRESS", default=None
)


@functools.lru_cache(maxsize=256)
def _ingest(
    source: IssueSource, stamp: tuple[int, int], encoding: str | None, root: Path | None, ocr: str
) -> Issue:
    files = list(source) if isinstance(source, tuple) else source
    return read_issue(files, encoding=encoding, root=root, ocr=ocr, progress=PAGE_PROGRESS.get())


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


def source_name(source: IssueSource) -> str:
    """An issue's file or folder, or the page files of one date, as a message names them."""
    if isinstance(source, tuple):
        return display(source[0].parent) + "/{" + ", ".join(display(path.name) for path in source) + "}"
    return display(source)


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
    ocr: str = "auto",
    archive_date: dt.date | None = None,
) -> Issue:
    """Ingest (cached by file stamp), apply paper/date overrides, then convert all text.
    ``root``: the folder no input file may lead out of (the source directory); ``ocr``: which
    pages are read through OCR (``auto``, ``never``, ``always``); ``archive_date``: the date an
    archive's folder or page files name (:func:`archive_dated`)."""
    if isinstance(source, Path) and not source.exists():
        raise IngestError(str(source), "no such file or folder", "check the path in the directive")
    issue = _ingest(source, source_stamp(input_files(source)), encoding, root, ocr)
    if archive_date:
        issue = archive_dated(issue, archive_date)
    if paper or date:
        pages = [replace(page, paper=paper or page.paper, date=date or page.date) for page in issue.pages]
        issue = replace(issue, pages=pages, paper=paper or issue.paper, date=date or issue.date)
    convert = converter(conversion, quotes)
    return issue if convert is unchanged else map_text(issue, convert)


def archive_dated(issue: Issue, date: dt.date) -> Issue:
    """An archive's issue dated by its name: the issue's date, and the date of each page that
    prints none (a page without a masthead).  A page that prints another date keeps it, with a
    warning: the name decides which issue it is, so two folders whose pages print one date
    stay two issues, each with its own title."""
    pages = []
    for page in issue.pages:
        if page.date is None:
            page = replace(page, date=date)
        elif page.date != date:
            message = (
                f"the page prints the date {page.date.isoformat()}, but its archive entry is named "
                f"{date.isoformat()}: the issue is dated by its name (rename the folder or files if "
                "the page is right)"
            )
            page = replace(page, notices=[*page.notices, Notice(Subtype.INPUT, message, page.source)])
        pages.append(page)
    return replace(issue, pages=pages, date=date)


def parse_date_option(value: str | None) -> dt.date | None:
    """``:date:``, ``:start:`` and ``:end:`` values: ``YYYY-MM-DD``, else :class:`ValueError`."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    form = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if form is None:
        raise ValueError(f"the date {value!r} is not a date of the form YYYY-MM-DD")
    year, month, _day = map(int, form.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"the date {value!r} does not exist: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    raise ValueError(f"the date {value!r} does not exist: {year}-{month:02d} has {days} days")
