"""An issue as the book shows it: ingested once per file state, then given the directive's
paper and date and converted to the book's script.

Pure Python, no Sphinx: the build (:mod:`.book`) and ``sphinx-newspaper inspect`` (:mod:`.cli`)
load issues the same way.

Reading a PDF page's layout takes 50 to 100 ms, most of it in pdfium; a book of many pages
would pay that on every build.  Issues read from PDFs are therefore kept between builds in an
:class:`IngestCache` (the build keeps it in Sphinx's doctree folder), keyed by the files' state
and the extension's version.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import pickle
from dataclasses import replace
from pathlib import Path

from .chinese import converter, unchanged
from .ingest import IngestError, read_issue
from .ingest.corrections import corrections_file
from .ingest.files import check_inside, folder_entries, is_regular_file
from .model import Issue, map_text

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


class IngestCache:
    """Issues read from PDFs, kept in a folder between builds: one pickle per issue, named by a
    digest of its files, their state (modification time and size), the encoding and the
    extension's version.  Only the extension writes the folder; an entry that cannot be read
    back is read afresh."""

    FORMAT = 1

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def key(self, source: IssueSource, stamp: tuple[int, int], encoding: str | None) -> str:
        from . import __version__

        files = source if isinstance(source, tuple) else (source,)
        blob = repr(([str(f.resolve()) for f in files], stamp, encoding, __version__, self.FORMAT))
        return hashlib.sha1(blob.encode("utf-8", "surrogateescape")).hexdigest()

    def get(self, key: str) -> Issue | None:
        self.used.add(key)
        try:
            with (self.folder / f"{key}.pickle").open("rb") as file:
                issue = pickle.load(file)
        except Exception:  # missing, truncated or from another version: read the PDF again
            return None
        return issue if isinstance(issue, Issue) else None

    def put(self, key: str, issue: Issue) -> None:
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.{os.getpid()}.tmp"
            temporary.write_bytes(pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(self.folder / f"{key}.pickle")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Remove the entries this build did not use (files changed or gone)."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.suffix in (".pickle", ".tmp") and entry.name.split(".")[0] not in self.used:
                entry.unlink(missing_ok=True)


def reads_pdf(source: IssueSource) -> bool:
    """The issue is read from PDF files (or a folder holding some)."""
    return any(file.suffix.lower() == ".pdf" for file in input_files(source))


def _cache_key(
    source: IssueSource, encoding: str | None, root: Path | None, cache: IngestCache | None
) -> str | None:
    """The cache entry of an issue read from PDFs (its files checked against ``root`` first,
    as reading them would); ``None`` for issues that are not cached."""
    if cache is None or not reads_pdf(source):
        return None
    files = input_files(source)
    for file in files:
        check_inside(file, root)
    return cache.key(source, source_stamp(files), encoding)


def load_issue(
    source: IssueSource,
    *,
    encoding: str | None,
    conversion: str | None,
    quotes: str,
    paper: str | None = None,
    date: dt.date | None = None,
    root: Path | None = None,
    cache: IngestCache | None = None,
) -> Issue:
    """Ingest (cached by file stamp, and PDF issues in ``cache`` between builds), apply
    paper/date overrides, then convert all text.  ``root``: the folder no input file may lead
    out of (the source directory)."""
    if isinstance(source, Path) and not source.exists():
        raise IngestError(str(source), "no such file or folder", "check the path in the directive")
    key = _cache_key(source, encoding, root, cache)
    issue = cache.get(key) if cache is not None and key is not None else None
    if issue is None:
        issue = _ingest(source, source_stamp(input_files(source)), encoding, root)
        if cache is not None and key is not None:
            cache.put(key, issue)
    if paper or date:
        pages = [replace(page, paper=paper or page.paper, date=date or page.date) for page in issue.pages]
        issue = replace(issue, pages=pages, paper=paper or issue.paper, date=date or issue.date)
    convert = converter(conversion, quotes)
    return issue if convert is unchanged else map_text(issue, convert)


def parse_date_option(value: str | None) -> dt.date | None:
    """``:date:``, ``:start:`` and ``:end:`` values: ``YYYY-MM-DD``, else :class:`ValueError`."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"the date {value!r} is not a date of the form YYYY-MM-DD") from None
