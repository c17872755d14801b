"""Text in, model out: everything between an issue's files and :mod:`sphinx_newspaper.model`.

Pure Python with no Sphinx imports.  One module per step:

* :mod:`.decode` bytes to text (encodings, BOMs, line ends), refusing unreadable text;
* :mod:`.page` one page of e-paper text to a :class:`~sphinx_newspaper.model.Page`
  (masthead, lines, paragraphs, segmentation, headlines, captions, furniture);
* :mod:`.folders` a folder of one-article-per-file text (People's Daily layout);
* e-paper PDFs, read by their layout: :mod:`.pdfchars` (characters, sizes, fonts; unreadable
  PDFs refused), :mod:`.pdflines` (lines), :mod:`.pdflayout` (blocks and columns),
  :mod:`.pdfroles` (headline tiers, bylines, captions, furniture), :mod:`.pdfstories` (which
  story each block belongs to, reading order) and :mod:`.pdfpage` (the model).

Errors the user must act on are :class:`IngestError`; everything else the ingest wants
to say travels as :class:`~sphinx_newspaper.model.Notice` on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Issue, Page
from .corrections import apply_corrections, apply_issue_corrections, corrections_file
from .errors import IngestError

__all__ = ["IngestError", "archive_issues", "read_issue"]

# A date in a file name, alone or followed by a two-digit page number (rmrb2018010507.pdf).
_DATE_IN_NAME = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:\d\d)?(?!\d)"
)


def read_issue(path: str | Path | list[Path], *, encoding: str | None = None) -> Issue:
    """Read one issue: a page-text file or page PDF, a PDF of several pages, a folder of page
    files (text or PDF), a folder of article files, or a list of page files (an issue inside an
    archive folder).  Pages are ordered by their printed page numbers when every page prints
    one, else by file name (and by their order inside a PDF)."""
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
                problem = "the folder holds no page files (*.txt, *.pdf)"
                raise IngestError(str(path), problem, "put the issue's page text files or page PDFs in it")
        else:
            files = [path]
    groups = [(file, uncorrected_pages(file, encoding)) for file in files]
    if all(page.number for _, group in groups for page in group):
        groups = [(file, corrected(group, file)) for file, group in groups]
        pages = sorted(
            (page for _, group in groups for page in group), key=lambda page: page_order(page.number)
        )
    else:
        number_pages([page for _, group in groups for page in group])
        pages = [page for file, group in groups for page in corrected(group, file)]
    first = next((page for page in pages if page.date), pages[0])
    return Issue(source=source, pages=pages, paper=first.paper, date=first.date)


def uncorrected_pages(file: Path, encoding: str | None = None) -> list[Page]:
    """The pages of one file as the ingest reads them (a PDF may hold several)."""
    if is_pdf(file):
        from .pdfpage import read_pdf

        return read_pdf(file)
    from .decode import read_text
    from .page import parse_page

    return [parse_page(read_text(file, encoding=encoding), str(file))]


def corrected(pages: list[Page], file: Path) -> list[Page]:
    """The pages of ``file`` with the editor's corrections beside it applied (a PDF of several
    pages: each entry to the page its article ids name)."""
    corrections = corrections_file(file)
    if corrections is None:
        return pages
    if len(pages) == 1:
        return [apply_corrections(pages[0], corrections)]
    return apply_issue_corrections(pages, corrections)


def read_page(file: Path, encoding: str | None = None) -> Page:
    """One page file (page text, or a one-page PDF), with the editor's corrections beside it
    applied."""
    pages = uncorrected_pages(file, encoding)
    if len(pages) != 1:
        raise IngestError(str(file), f"holds {len(pages)} pages, not one", "read it as an issue")
    return corrected(pages, file)[0]


def is_pdf(file: Path) -> bool:
    return file.suffix.lower() == ".pdf"


def number_pages(pages: list[Page]) -> None:
    """A page that prints no page number takes its place in the issue (1, 2, ...), so that its
    articles' ids stay unique; printed numbers are kept."""
    taken = {page.number for page in pages if page.number}
    for position, page in enumerate(pages, start=1):
        if not page.number and str(position) not in taken:
            page.number = str(position)
            taken.add(page.number)
            for index, article in enumerate(page.articles, start=1):
                article.id = f"{page.slug}-{index:02d}"


def date_in_name(name: str) -> str:
    """``2020-01-31`` from names like ``20200131``, ``zhaotong-2023-03-24-p04.txt``, and e-paper
    page files that put the page after the date (``rmrb2018010507.pdf``); else ``""``."""
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
        elif entry.suffix == ".txt" or is_pdf(entry):
            group = issues.setdefault(date, [])
            if isinstance(group, list):
                group.append(entry)
    return sorted(issues.items())


def page_files(folder: Path) -> list[Path]:
    """The page files of an issue folder (``*.txt`` and ``*.pdf``, not corrections or hidden
    files)."""
    return [
        p
        for p in folder.iterdir()
        if (p.suffix == ".txt" or is_pdf(p)) and p.is_file() and not p.name.startswith(".")
    ]


def page_order(number: str | None) -> tuple[str, int, str]:
    """Sort key for printed page numbers: ``A3`` < ``A06`` < ``B1``; ``4`` < ``12``."""
    if not number:
        return ("", 0, "")
    prefix = number.rstrip("0123456789")
    digits = number[len(prefix) :]
    return (prefix, int(digits) if digits else 0, number)
