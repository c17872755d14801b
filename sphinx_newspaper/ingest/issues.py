"""Issues from files: which files form an issue, pages read in order and corrected, archives
split into dated issues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Issue, Notice, Page, page_order
from ..subtypes import Subtype
from ..util.errors import IngestError, display
from ..util.files import folder_entries
from ..util.patterns import LazyPattern
from .checks import layout_warnings
from .corrections import SUFFIX as CORRECTIONS_SUFFIX
from .corrections import apply_corrections, apply_issue_corrections, corrections_file

if TYPE_CHECKING:
    from .pdf.params import LayoutParams

# A date in a file name, alone or followed by a two-digit page number (rmrb2018010507.pdf);
# years 1500 to 2999: old papers' archives (申报 1872) and dates far ahead read alike.
_DATE_IN_NAME = LazyPattern(
    r"(?<!\d)(1[5-9]\d\d|2\d\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:\d\d)?(?!\d)"
)


#: Suffixes of the files the ingest reads as pages, in any letter case (``.txt``, ``.PDF``).
PAGE_SUFFIXES = (".txt", ".pdf")
PAGE_FILES = "page text files (*.txt) or page PDFs (*.pdf)"
#: Files an issue folder may hold beside its pages without being read: pictures of the pages.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp")
#: Pictures read as pages through OCR (scans): named as an issue, or filling a folder (or a
#: date of an archive) that holds no page text or PDF (see :func:`image_pages`).
IMAGE_PAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
ONE_ISSUE_PER_DATE = "an archive holds one folder or one group of page files per date: move the others out"


def read_issue(
    path: str | Path | list[Path],
    *,
    encoding: str | None = None,
    root: Path | None = None,
    ocr: str = "auto",
    progress: Callable[[Iterator[Path], int], Iterator[Path]] | None = None,
) -> Issue:
    """Read one issue: a page-text file or page PDF, a PDF of several pages, a page image (a
    scan), a folder of page files (text or PDF; or page images only), a folder of article
    files, or a list of page files (an issue inside an archive folder).  Pages are ordered by
    their printed page numbers when every page prints one, else by file name (and by their
    order inside a PDF).  Every file is opened through :func:`.files.read_input`: ``root`` is
    the folder no file may lead out of.  ``ocr`` (``auto``, ``never``, ``always``): which pages
    are read through OCR (:mod:`.pdf.ocr`).  ``progress(files, count)`` may wrap the stream of
    page files as they are read, to show it."""
    from .folders import is_article_folder, read_article_folder

    notices: list[Notice] = []
    if isinstance(path, list):
        files = sorted(path)
        _check_one_issue(files)
        source = display(files[0].parent / (date_in_name(files[0].name) or files[0].stem))
    else:
        path = Path(path)
        source = display(path)
        if not path.exists():
            raise IngestError(display(path), "no such file or folder", "check the path")
        if path.is_dir():
            if is_article_folder(path):
                # one file a story: no story's text can be read into another's
                return read_article_folder(path, encoding=encoding, root=root)
            files, notices = folder_pages(path)
            if not files:
                files = image_pages(path, ocr)
            if not files:
                problem = f"the folder holds no {PAGE_FILES}"
                raise IngestError(display(path), problem, "put the issue's pages in it")
        else:
            files = [path]
    reading = progress(iter(files), len(files)) if progress and len(files) > 1 else files
    groups = [(file, uncorrected_pages(file, encoding, root, ocr)) for file in reading]
    if all(page.number for _, group in groups for page in group):
        groups = [(file, corrected(group, file, root)) for file, group in groups]
        pages = [page for _, group in groups for page in group]
        pages.sort(key=lambda page: page_order(page.number))
    else:
        number_pages([page for _, group in groups for page in group])
        pages = [page for file, group in groups for page in corrected(group, file, root)]
    _check_page_numbers(pages)
    pages[0].notices[:0] = notices
    first = next((page for page in pages if page.date), pages[0])
    return checked(Issue(source=source, pages=pages, paper=first.paper, date=first.date))


def checked(issue: Issue) -> Issue:
    """The issue with each page's layout warnings (:mod:`.checks`), its corrections applied."""
    for page in issue.pages:
        page.notices.extend(layout_warnings(page))
    return issue


def uncorrected_pages(
    file: Path,
    encoding: str | None = None,
    root: Path | None = None,
    ocr: str = "auto",
    params: LayoutParams | None = None,
) -> list[Page]:
    """The pages of one file as the ingest reads them (a PDF may hold several; ``params``: the
    PDF route's thresholds, :class:`.pdf.params.LayoutParams`)."""
    if is_pdf(file):
        from .pdf.page import read_pdf

        return read_pdf(file, root, ocr, params)
    if is_image(file):
        return [read_image(file, root, ocr)]
    from .decode import read_input_text
    from .page import parse_page

    text, notices, left_out = read_input_text(file, encoding, root)
    page = parse_page(text, display(file))
    page.notices[:0] = notices
    page.left_out = left_out
    return [page]


def corrected(pages: list[Page], file: Path, root: Path | None = None) -> list[Page]:
    """The pages of ``file`` with the editor's corrections beside it applied (a PDF of several
    pages: each entry to the page its article ids name)."""
    corrections = corrections_file(file)
    if corrections is None:
        return pages
    if len(pages) == 1:
        return [apply_corrections(pages[0], corrections, root)]
    return apply_issue_corrections(pages, corrections, root)


def read_page(
    file: Path,
    encoding: str | None = None,
    root: Path | None = None,
    ocr: str = "auto",
    params: LayoutParams | None = None,
) -> Page:
    """One page file (page text, a one-page PDF, a page image), with the editor's corrections
    beside it applied (``params``: a PDF page's layout thresholds, default ``LayoutParams()``)."""
    pages = uncorrected_pages(file, encoding, root, ocr, params)
    if len(pages) != 1:
        raise IngestError(display(file), f"holds {len(pages)} pages, not one", "read it as an issue")
    page = corrected(pages, file, root)[0]
    page.notices.extend(layout_warnings(page))
    return page


def is_pdf(file: Path) -> bool:
    return file.suffix.lower() == ".pdf"


def is_image(file: Path) -> bool:
    """A picture that can be read as a page through OCR (``.jpg``, ``.png``, ``.tif``)."""
    return file.suffix.lower() in IMAGE_PAGE_SUFFIXES


def read_image(file: Path, root: Path | None, ocr: str) -> Page:
    """A page image read through OCR; refused when OCR is off or the extra is missing."""
    from .pdf.ocr import INSTALL_HINT, available

    if ocr == "never":
        hint = "newspaper_ocr (or :ocr:) is 'never': set it to 'auto' to read page images through OCR"
        raise IngestError(display(file), "is a page image, to be read through OCR", hint)
    if not available():
        raise IngestError(display(file), "is a page image, to be read through OCR", INSTALL_HINT)
    from .pdf.scan import read_image_page

    return read_image_page(file, root)


def image_pages(folder: Path, ocr: str = "auto") -> list[Path]:
    """The page images of a folder holding no page text or PDF: a folder of scans, each picture
    a page, in name order.  Where the folder holds page files, its pictures travel beside them
    and are not read (they are pictures of the pages); with OCR off, none are pages."""
    if ocr == "never":
        return []
    return [
        entry
        for entry in folder_entries(folder)
        if is_image(entry) and not entry.name.startswith(".") and not entry.is_dir()
    ]


def number_pages(pages: list[Page]) -> None:
    """A PDF page or a scan that prints no page number takes its place in the issue (1, 2, ...), so that
    its articles' ids stay unique; printed numbers are kept.  (Page text files without a page
    number stay unnumbered: two of them in one issue are refused, :func:`_check_page_numbers`.)"""
    taken = {page.number for page in pages if page.number}
    for position, page in enumerate(pages, start=1):
        laid_out = page.pdf_page is not None or page.ocr is not None  # a PDF page, or a scan
        if not page.number and laid_out and str(position) not in taken:
            page.number = str(position)
            taken.add(page.number)
            for index, article in enumerate(page.articles, start=1):
                old, article.id = article.id, f"{page.slug}-{index:02d}"
                for placed in page.layout.blocks if page.layout else []:
                    if placed.article == old:
                        placed.article = article.id
                for notice in page.notices:
                    if notice.article == old:  # the notices name the article as it is now
                        notice.article = article.id
                        notice.message = notice.message.replace(f"article {old} ", f"article {article.id} ")


def date_in_name(name: str) -> str:
    """``2020-01-31`` from names like ``20200131``, ``zhaotong-2023-03-24-p04.txt``, and e-paper
    page files that put the page after the date (``rmrb2018010507.pdf``); else ``""`` (also
    for a date that does not exist, ``20230230``)."""
    for match in _DATE_IN_NAME.finditer(name):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            continue
    return ""


#: What to do about an archive's entry that names no date.
UNDATED_HINT = (
    "an archive's issues are folders or page files named with their date (20200131 or 2020-01-31); "
    "rename it, or move it out of the archive folder"
)


def undated_entries(folder: Path) -> list[Path]:
    """The entries of an archive folder that look like issues (sub-folders, page files) but name
    no date that exists: :func:`archive_issues` leaves them out, and the build says so (a folder
    of 1899 was once left out without a word).  Pictures (a masthead logo) and folders named
    with a leading ``_`` (``_build``, ``_static``: a project's own) are passed over."""
    return [
        entry
        for entry in folder_entries(folder)
        if not date_in_name(entry.name)
        and not entry.name.startswith("_")
        and (entry.is_dir() or is_page_file(entry))
    ]


def archive_issues(folder: Path, ocr: str = "auto") -> list[tuple[str, Path | list[Path]]]:
    """The issues of an archive folder, by date: sub-folders, or page files grouped by the date
    in their names.  Entries without a date in their name are not issues and are left out;
    corrections files and pictures travel with their pages.  A date that has more than one
    folder, or a folder and page files, or files that are not pages, comes as the list of all
    its entries, which :func:`read_issue` refuses naming them all: nothing is dropped unsaid.
    A date with page images only (scans) is an issue of those images, unless ``ocr`` is
    ``never``."""
    if not folder.is_dir():
        raise IngestError(display(folder), "the archive path is not a folder", "name a folder of issues")
    by_date: dict[str, list[Path]] = {}
    scans: dict[str, list[Path]] = {}
    for entry in folder_entries(folder):
        date = date_in_name(entry.name)
        if date and not _travels_with_pages(entry):
            by_date.setdefault(date, []).append(entry)
        elif date and ocr != "never" and is_image(entry) and not entry.is_dir():
            scans.setdefault(date, []).append(entry)
    for date, images in scans.items():
        by_date.setdefault(date, images)
    issues: list[tuple[str, Path | list[Path]]] = []
    for date, entries in sorted(by_date.items()):
        single_folder = len(entries) == 1 and entries[0].is_dir()
        issues.append((date, entries[0] if single_folder else entries))
    return issues


def folder_pages(folder: Path) -> tuple[list[Path], list[Notice]]:
    """The page files of an issue folder, and notices for what else it holds that could be
    text left behind (see :func:`left_out_notice`)."""
    pages: list[Path] = []
    notices: list[Notice] = []
    for entry in folder_entries(folder):
        if is_page_file(entry):
            pages.append(entry)
        elif notice := left_out_notice(entry):
            notices.append(notice)
    return pages, notices


def left_out_notice(entry: Path) -> Notice | None:
    """A notice for an entry of an issue folder that is not read: a file that is not a page
    (pictures and corrections aside), a sub-folder holding page files (an issue folder is
    read one level deep); ``None`` for what is rightly passed over."""
    if entry.is_dir():
        try:
            holds_pages = any(is_page_file(inner) for inner in folder_entries(entry))
        except IngestError:
            holds_pages = False
        if not holds_pages:
            return None
        message = f"left out the folder {entry.name}: an issue folder is read one level deep"
    elif _travels_with_pages(entry):
        return None
    else:
        message = f"left out {entry.name}: not one of the {PAGE_FILES}"
    return Notice(Subtype.INPUT, message, display(entry))


def page_files(folder: Path) -> list[Path]:
    """The page files of an issue folder (``*.txt``, ``*.pdf``; not corrections or hidden files)."""
    return folder_pages(folder)[0]


def is_page_file(path: Path) -> bool:
    """A file the ingest reads as a page: ``*.txt`` or ``*.pdf`` in any letter case, not hidden."""
    return path.suffix.lower() in PAGE_SUFFIXES and not path.name.startswith(".") and not path.is_dir()


def _travels_with_pages(path: Path) -> bool:
    """Corrections files and pictures of pages: read with their pages, or not read at all."""
    name = path.name.lower()
    return name.endswith(CORRECTIONS_SUFFIX) or (
        path.suffix.lower() in PICTURE_SUFFIXES and not path.is_dir()
    )


def _check_one_issue(files: list[Path]) -> None:
    """The entries of one date in an archive: page files only (see :func:`archive_issues`)."""
    if all(is_page_file(file) for file in files) or all(is_image(file) for file in files):
        return
    names = ", ".join(file.name + ("/" if file.is_dir() else "") for file in files)
    date = date_in_name(files[0].name)
    if len(files) == 1:
        problem = f"is not an issue of {date}: not a folder or one of the {PAGE_FILES}"
        raise IngestError(display(files[0]), problem, "move it out of the archive folder")
    problem = f"{len(files)} entries claim the issue of {date}: {names}"
    raise IngestError(display(files[0].parent), problem, ONE_ISSUE_PER_DATE)


def _check_page_numbers(pages: list[Page]) -> None:
    """Two pages of one issue with one number would get one document name: refuse them."""
    seen: dict[str, Page] = {}
    for page in pages:
        other = seen.setdefault(page.slug, page)
        if other is page:
            continue
        if page.number:
            problem = f"is page {page.number} of the issue, as is {Path(other.source).name}"
        else:
            problem = f"has no page number in its masthead, nor has {Path(other.source).name}"
        hint = (
            "keep one issue's pages in one folder, each page once, starting with its page line "
            "(such as 第4版)"
        )
        dates = sorted(
            {
                date
                for one in (other, page)
                for date in (one.date and one.date.isoformat(), date_in_name(Path(one.source).name))
                if date
            }
        )
        if len(dates) > 1:
            hint = (
                f"the pages are of different dates ({', '.join(dates)}): a folder of several issues is "
                "an archive; name it with the newspaper-archive directive, which reads one issue per date"
            )
        raise IngestError(page.source, problem, hint)
