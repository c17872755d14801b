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

from pathlib import Path

from ..model import Issue
from .errors import IngestError

__all__ = ["IngestError", "read_issue"]


def read_issue(path: str | Path, *, encoding: str | None = None) -> Issue:
    """Read one issue: a page-text file, a folder of page files, or a folder of article files."""
    from .decode import read_text
    from .folders import is_article_folder, read_article_folder
    from .page import parse_page

    path = Path(path)
    if not path.exists():
        raise IngestError(str(path), "no such file or folder", "check the path")
    if path.is_dir():
        if is_article_folder(path):
            return read_article_folder(path, encoding=encoding)
        files = sorted(page_files(path))
        if not files:
            raise IngestError(
                str(path), "the folder holds no page files (*.txt)", "put the issue's page text files in it"
            )
        pages = [parse_page(read_text(file, encoding=encoding), str(file)) for file in files]
    else:
        pages = [parse_page(read_text(path, encoding=encoding), str(path))]
    pages.sort(key=lambda page: page_order(page.number))
    first = next((page for page in pages if page.date), pages[0])
    return Issue(source=str(path), pages=pages, paper=first.paper, date=first.date)


def page_files(folder: Path) -> list[Path]:
    """The page-text files of an issue folder (``*.txt``, not corrections or hidden files)."""
    return [p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file() and not p.name.startswith(".")]


def page_order(number: str | None) -> tuple[str, int, str]:
    """Sort key for printed page numbers: ``A3`` < ``A06`` < ``B1``; ``4`` < ``12``."""
    if not number:
        return ("", 0, "")
    prefix = number.rstrip("0123456789")
    digits = number[len(prefix) :]
    return (prefix, int(digits) if digits else 0, number)
