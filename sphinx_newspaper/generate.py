"""Write one source document per page and per article, only when its content changed.

Each generated file holds one directive naming the issue and the article, with a digest of
everything the document shows (the article's text, its page's facts, its neighbours' titles):
when that changes the file changes, so Sphinx re-reads exactly the documents whose content
changed (the sphinx-gallery / autosummary pattern).  Generated documents therefore need no
dependency on the issue files, which would make one edited article re-read its whole issue.

Files are written, and stale ones removed, through the folder's :mod:`.manifest`: the
extension removes only what it wrote and recorded there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .book import Book, BookIssue, Month, collect_book, remember_book
from .ingest.pdfpictures import page_image_name
from .manifest import HEADER, Manifest
from .model import Page
from .pagemaps import save_pictures
from .render import headline

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SUFFIX = ".rst"


def digest(*parts: object) -> str:
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def generated_source(directive: str, arguments: str, fingerprint: str) -> str:
    """The whole generated file: our header, then the one directive with its digest."""
    return f"{HEADER}\n\n.. {directive}:: {arguments}\n\n   digest {fingerprint}\n"


def headlines(page: Page) -> list[tuple[str | None, ...]]:
    """What the page's headline list shows of each of its articles."""
    return [(article.id, *headline(article)) for article in page.articles]


def month_source(month: Month) -> str:
    """A month of an archive: its title and the issues it lists (their titles)."""
    issues = [(entry.key, entry.title) for entry in month.entries]
    fingerprint = digest(month.title, issues, month.entries[0].script.tag)
    return generated_source("newspaper-month", month.key, fingerprint)


def front_source(entry: BookIssue) -> str:
    pages = [(p.number, p.section, p.weekday, p.column, headlines(p)) for p in entry.issue.pages]
    fingerprint = digest(entry.title, entry.issue.date, entry.issue.paper, pages, entry.script.tag)
    return generated_source("newspaper-front", entry.key, fingerprint)


def page_source(entry: BookIssue, page_index: int, pictures: Collection[str] = ()) -> str:
    page = entry.issue.pages[page_index]
    page_facts = {k: v for k, v in page.to_json().items() if k != "articles"}
    # the page map: the page image, the articles' regions; which pictures could be saved
    names = [figure.image for figure in page.figures]
    if page.pdf_digest is not None and page.pdf_page is not None:
        names.append(page_image_name(page.pdf_digest, page.pdf_page))
    shown = [name in pictures for name in names]
    regions = [article.regions for article in page.articles]
    fingerprint = digest(
        page_facts, headlines(page), entry.issue.paper, entry.script.tag, page.size, regions, shown
    )
    return generated_source("newspaper-page", f"{entry.key} {page_index}", fingerprint)


def article_source(
    entry: BookIssue, page_index: int, article_index: int, pictures: Collection[str] = ()
) -> str:
    page = entry.issue.pages[page_index]
    article = page.articles[article_index]
    shown = [figure.image in pictures for figure in article.figures]
    page_facts = (page.number, page.section, page.date, page.weekday, entry.issue.paper, entry.script.tag)
    # the previous/next links show the neighbours' titles
    neighbours = [(a.id, a.title) for a in entry.issue.neighbours(article) if a is not None]
    fingerprint = digest(article.to_json(), page_facts, article.line, neighbours, entry.issue.date, shown)
    return generated_source("newspaper-article", f"{entry.key} {page_index} {article_index}", fingerprint)


def write_book(book: Book, srcdir: Path) -> tuple[list[str], int]:
    """Write the sources of every page and article; remove stale ones. Returns (docnames, written)."""
    manifest = Manifest.load(srcdir / book.generated_dir)
    prefix = book.generated_dir + "/"
    docnames: list[str] = []
    written = 0
    keep: set[str] = set()
    months = [(m.docname(book.generated_dir), month_source(m)) for ms in book.months.values() for m in ms]
    for index, entry in enumerate(book.issues):
        outputs: list[tuple[str, str]] = months if index == 0 else []
        if entry.in_archive:
            outputs.append((entry.issue_docname(book.generated_dir), front_source(entry)))
        for page_index, page in enumerate(entry.issue.pages):
            docname = entry.page_docname(book.generated_dir, page)
            outputs.append((docname, page_source(entry, page_index, book.pictures)))
            for article_index, article in enumerate(page.articles):
                outputs.append(
                    (
                        entry.article_docname(book.generated_dir, article),
                        article_source(entry, page_index, article_index, book.pictures),
                    )
                )
        for name, text in outputs:
            relative = name.removeprefix(prefix) + SUFFIX
            keep.add(relative)
            docnames.append(name)
            written += manifest.write(relative, text)
    manifest.remove_stale(keep)
    manifest.save()
    return docnames, written


def generate_documents(app: Sphinx) -> None:
    """``builder-inited``: ingest the issues and write their page and article sources."""
    book = collect_book(app)
    remember_book(app, book)
    save_pictures(app, book)
    docnames, written = write_book(book, Path(app.srcdir))
    if docnames:
        logger.info(
            f"[newspaper] {len(book.issues)} issue(s), {len(docnames)} documents, {written} rewritten"
        )


def setup_generate(app: Sphinx) -> None:
    """The book collected and its sources written before Sphinx looks for documents to read."""
    app.connect("builder-inited", generate_documents)
