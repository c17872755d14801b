"""Text in, model out: everything between an issue's files and :mod:`sphinx_newspaper.model`.

Pure Python with no Sphinx imports.  One module per step:

* :mod:`.decode` bytes to text (encodings, BOMs, line ends), refusing unreadable text;
* :mod:`.page` one page of e-paper text to a :class:`~sphinx_newspaper.model.Page`
  (masthead, lines, paragraphs, segmentation, headlines, captions, furniture);
* :mod:`.folders` a folder of one-article-per-file text (People's Daily layout).

Errors the user must act on are :class:`IngestError`; everything else the ingest wants
to say travels as :class:`~sphinx_newspaper.model.Notice` on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Issue, Page, page_order
from .corrections import apply_corrections, corrections_file
from .errors import IngestError

__all__ = ["IngestError", "archive_issues", "read_issue"]

_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def read_issue(path: str | Path | list[Path], *, encoding: str | None = None) -> Issue:
    """Read one issue: a page-text file, a folder of page files, a folder of article files,
    or a list of page files (an issue inside an archive folder)."""
    from .folders import is_article_folder, read_article_folder

    if isinstance(path, list):
        files = sorted(path)
        source = str(files[0].parent / (date_in_name(files[0].name) or files[0].stem))
    else:
        path = Path(path)
        source = str(path)
        if not path.exists():
            raise IngestError(str(path), "no such file or folder", "check the path")
        if path.is_dir():
            if is_article_folder(path):
                return read_article_folder(path, encoding=encoding)
            files = sorted(page_files(path))
            if not files:
                problem = "the folder holds no page files (*.txt)"
                raise IngestError(str(path), problem, "put the issue's page text files in it")
        else:
            files = [path]
    pages = [read_page(file, encoding) for file in files]
    pages.sort(key=lambda page: page_order(page.number))
    first = next((page for page in pages if page.date), pages[0])
    return Issue(source=source, pages=pages, paper=first.paper, date=first.date)


def read_page(file: Path, encoding: str | None = None) -> Page:
    """One page file, with the editor's corrections beside it applied."""
    from .decode import read_text
    from .page import parse_page

    page = parse_page(read_text(file, encoding=encoding), str(file))
    corrections = corrections_file(file)
    return apply_corrections(page, corrections) if corrections else page


def date_in_name(name: str) -> str:
    """``2020-01-31`` from names like ``20200131``, ``zhaotong-2023-03-24-p04.txt``; else ``""``."""
    match = _DATE_IN_NAME.search(name)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else ""


def archive_issues(folder: Path) -> list[tuple[str, Path | list[Path]]]:
    """The issues of an archive folder, by date: sub-folders, or page files grouped by the date
    in their names.  Entries without a date in their name are not issues and are left out."""
    if not folder.is_dir():
        raise IngestError(str(folder), "the archive path is not a folder", "name a folder of issues")
    issues: dict[str, Path | list[Path]] = {}
    for entry in sorted(folder.iterdir()):
        date = date_in_name(entry.name)
        if not date or entry.name.startswith("."):
            continue
        if entry.is_dir():
            issues[date] = entry
        elif entry.suffix == ".txt":
            group = issues.setdefault(date, [])
            if isinstance(group, list):
                group.append(entry)
    return sorted(issues.items())


def page_files(folder: Path) -> list[Path]:
    """The page-text files of an issue folder (``*.txt``, not corrections or hidden files)."""
    return [p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file() and not p.name.startswith(".")]
