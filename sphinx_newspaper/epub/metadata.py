"""The EPUB's metadata from the issues: identifier, date, publisher and series, page sections
as subjects, bylines as contributors, a description, and ``dcterms:modified``."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable

from ebooklib import epub

from ..book.collect import Book, BookIssue
from ..book.render import Label, page_label
from ..chinese import Script, script_for
from ..ingest import ISSUE_NUMBER
from .package import ZIP_EPOCH, ZIP_LAST

#: Namespace of the book identifiers: uuid5 of the issues' papers, dates and article ids.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sphinx-newspaper:epub")


def book_script(book: Book, convert: str | None) -> Script:
    """The book's script: its first issue's (an archive may convert issues one by one)."""
    return book.issues[0].script if book.issues else script_for(convert)


def book_identifier(book: Book) -> str:
    """``urn:uuid:`` made from each issue's paper, date and article ids: the same issues give
    the same identifier, build after build."""
    parts = [
        "|".join(
            [
                entry.issue.paper or "",
                entry.issue.date.isoformat() if entry.issue.date else entry.key,
                *(article.id for article in entry.issue.articles),
            ]
        )
        for entry in book.issues
    ]
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, chr(10).join(parts))}"


def series_position(entry: BookIssue) -> str:
    """The issue's place in the paper's series: its number if the masthead prints it
    (``第12345期``), else the date as ``YYYYMMDD``."""
    for page in entry.issue.pages:
        for line in [*page.masthead, *page.furniture]:
            if match := ISSUE_NUMBER.search(line):
                return match[1]
    return entry.issue.date.strftime("%Y%m%d") if entry.issue.date else "1"


def describe(
    package: epub.EpubBook, book: Book, label: Label, publisher: str | None = None, author: str | None = None
) -> None:
    """Date, publisher, series, subjects, contributors and description from the issues
    (``publisher`` and ``author``, conf.py's ``epub_publisher`` and ``epub_author``, in place of
    the paper)."""
    if not book.issues:
        return
    first = book.issues[0]
    paper = next((entry.issue.paper for entry in book.issues if entry.issue.paper), None)
    if first.issue.date:
        package.add_metadata("DC", "date", first.issue.date.isoformat())
    if author or paper:
        package.add_author(author or paper)
    if publisher or paper:
        package.add_metadata("DC", "publisher", publisher or paper)
    if paper:
        position = series_position(first)
        package.add_metadata(None, "meta", paper, {"property": "belongs-to-collection", "id": "series"})
        package.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        package.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
        package.add_metadata(None, "meta", "", {"name": "calibre:series", "content": paper})
        package.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})
    pages = [page for entry in book.issues for page in entry.issue.pages]
    for subject in distinct(page.section for page in pages):
        package.add_metadata("DC", "subject", subject)
    articles = [article for page in pages for article in page.articles]
    for byline in distinct(article.byline for article in articles):
        package.add_metadata("DC", "contributor", byline)
    listing = [
        f"{page_label(page, entry.convert)}：{'；'.join(a.title for a in page.articles)}"
        for entry in book.issues[:1]
        for page in entry.issue.pages
        if page.articles
    ]
    if listing:
        package.add_metadata("DC", "description", "\n".join(listing))


def distinct(values: Iterable[str | None]) -> list[str]:
    """The non-empty values, each once, in order."""
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def modified(book: Book) -> dt.datetime:
    """``dcterms:modified`` and the zip timestamps: ``SOURCE_DATE_EPOCH`` if set, else the
    latest issue date at midnight UTC, so that rebuilding gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (OverflowError, OSError, ValueError):  # past the year 9999
            moment = ZIP_LAST
    else:
        dates = [entry.issue.date for entry in book.issues if entry.issue.date]
        moment = dt.datetime.combine(max(dates), dt.time(), dt.UTC) if dates else ZIP_EPOCH
    return min(max(moment, ZIP_EPOCH), ZIP_LAST)  # what a zip can stamp: issues of 1850 and 2150 alike


#: What the book offers readers who cannot see it or read it as laid out (schema.org's
#: accessibility vocabulary, which EPUB Accessibility and DAISY Ace ask for).
ACCESSIBILITY_FEATURES = (
    "tableOfContents",
    "readingOrder",
    "structuralNavigation",
    "displayTransformability",
)
ACCESSIBILITY_SUMMARY = {
    "zh": "报纸的文字版，可重排：目录按版面和文章编排，阅读顺序与报纸相同，标题层级分明。",
    "en": (
        "The newspaper's text as a reflowable book: a table of contents by page and article, the "
        "paper's reading order, headings in their order."
    ),
}
PICTURES_SUMMARY = {
    "zh": "新闻图片以图片说明为替代文字，版面图上的每篇文章都是以标题命名的链接。",
    "en": (
        " News pictures carry their captions as text alternatives, and each article on a page "
        "image is a link named by its headline."
    ),
}


def declare_accessibility(package: epub.EpubBook, label: Label, chinese: bool, pictures: bool) -> None:
    """``schema:accessMode``, ``accessModeSufficient``, ``accessibilityFeature``,
    ``accessibilityHazard`` and ``accessibilitySummary`` (in the book's language: ``label``
    converts the Chinese text to the book's script)."""

    def meta(name: str, value: str) -> None:
        package.add_metadata(None, "meta", value, {"property": f"schema:{name}"})

    meta("accessMode", "textual")
    if pictures:
        meta("accessMode", "visual")
    meta("accessModeSufficient", "textual")
    for feature in (*ACCESSIBILITY_FEATURES, *(("alternativeText",) if pictures else ())):
        meta("accessibilityFeature", feature)
    meta("accessibilityHazard", "none")
    language = "zh" if chinese else "en"
    summary = ACCESSIBILITY_SUMMARY[language] + (PICTURES_SUMMARY[language] if pictures else "")
    meta("accessibilitySummary", label(summary) if chinese else summary)
