"""The EPUB's cover: the user's ``newspaper_cover`` image, else one drawn from the masthead
(:mod:`.drawing`), and the cover page that shows it."""

from __future__ import annotations

import html
from pathlib import Path

from ebooklib import epub
from sphinx.util import logging

from ..book.collect import Book
from ..book.render import page_label
from ..book.titles import chinese_date, date_and_weekday, printed_weekday, romanised_name
from ..chinese import Script
from ..config import config_location
from ..subtypes import WARNING_TYPE, Subtype
from ..util.errors import IngestError
from ..util.files import read_input
from .drawing import CoverFontMissing, CoverText, cover_png, image_media_type
from .metadata import distinct
from .package import link_styles

logger = logging.getLogger(__name__)

COVER_PAGE = "cover.xhtml"
COVER_IMAGE_ID = "cover-img"
#: A cover image is at most this large (a full-page photo at print quality is 2 to 10 MB).
COVER_BYTES = 32 * 1024 * 1024  # the id EPUB 2 readers look up through <meta name="cover">


def cover_text(book: Book, title: str) -> CoverText:
    """What the cover shows: masthead, date, pages (or issues) and the lead headlines."""
    if not book.issues:
        return CoverText(title)
    first = book.issues[0]
    label = first.convert
    paper = first.issue.paper or title
    footer = romanised_name(first.issue)
    if len(book.issues) == 1:
        issue = first.issue
        dateline = " ".join(date_and_weekday(issue.date, printed_weekday(issue), label)) if issue.date else ""
        sections = [page_label(page, label) for page in issue.pages]
        leads = [page.articles[0].title for page in issue.pages if page.articles]
        others = [article.title for page in issue.pages for article in page.articles[1:]]
        return CoverText(paper, dateline, sections, distinct([*leads, *others]), footer)
    dates = sorted(entry.issue.date for entry in book.issues if entry.issue.date)
    dateline = f"{label(chinese_date(dates[0]))}—{label(chinese_date(dates[-1]))}" if dates else ""
    issues = [
        f"{label(chinese_date(entry.issue.date)) if entry.issue.date else entry.title}　"
        f"{label(f'共{len(entry.issue.pages)}版')}"
        for entry in book.issues
    ]
    leads = [next((a.title for p in entry.issue.pages for a in p.articles), "") for entry in book.issues]
    return CoverText(paper, dateline, issues[:6], distinct(leads), footer)


def user_cover(confdir: Path, chosen: str) -> epub.EpubCover | None:
    """The ``newspaper_cover`` image as the cover; None, with a warning, when it cannot be used."""
    path = confdir / chosen
    media_type = image_media_type(path)
    content = None
    if not path.exists():
        problem = "is not a file"
    elif media_type is None:
        problem = "is not a PNG, JPEG, GIF, SVG or WebP image"
    else:
        try:  # the input gate: a regular file of a sane size (no FIFO, device or huge file)
            content = read_input(path, limit=COVER_BYTES)
        except IngestError as error:
            problem = error.problem
    if content is None:
        logger.warning(
            f"newspaper_cover: {path} {problem}; drawing the cover from the masthead instead",
            type=WARNING_TYPE,
            subtype=Subtype.COVER,
            location=config_location(confdir, "newspaper_cover"),
        )
        return None
    image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name=f"images/cover{path.suffix.lower()}")
    image.media_type = media_type
    image.content = content
    return image


def drawn_cover(book: Book, title: str, script: Script) -> epub.EpubCover | None:
    """A cover drawn from the masthead; None, with a warning, when no CJK font is installed."""
    try:
        content = cover_png(cover_text(book, title), script.font_region)
    except CoverFontMissing as error:
        logger.warning(f"no EPUB cover: {error}", type=WARNING_TYPE, subtype=Subtype.COVER)
        return None
    image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name="images/cover.png")
    image.media_type = "image/png"
    image.content = content
    return image


def front_page_cover(front: tuple[str, bytes]) -> epub.EpubCover:
    """The front page of a PDF issue, rendered, as the cover (as a newspaper's reader expects)."""
    file_name, content = front
    image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name=file_name)
    image.media_type = "image/jpeg"
    image.content = content
    return image


def make_cover(
    book: Book,
    title: str,
    page_title: str,
    language: str,
    script: Script,
    styles: list[epub.EpubItem],
    confdir: Path,
    chosen: str | None,
    front: tuple[str, bytes] | None = None,
) -> tuple[epub.EpubCover, epub.EpubHtml] | None:
    """The cover image (the user's ``newspaper_cover``; else ``front``, the front page of a PDF
    issue rendered, as its file name in the EPUB and its bytes; else one drawn from the
    masthead) and the page that shows it (``page_title``, in ``language``); None, with a warning, when none can be had."""
    image = user_cover(confdir, chosen) if chosen else None
    if image is None and front is not None:
        image = front_page_cover(front)
    if image is None:
        image = drawn_cover(book, title, script)
        if image is None:
            return None
    page = epub.EpubHtml(
        uid="cover",
        file_name=COVER_PAGE,
        title=page_title,
        lang=language,
        content=(
            '<html><body><div class="newspaper-cover">'
            f'<img src="{image.file_name}" alt="{html.escape(title)}"/></div></body></html>'
        ).encode(),
    )
    link_styles(page, styles)
    return image, page
