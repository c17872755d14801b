"""Sphinx's own ``epub_*`` settings, as the newspaper's EPUB reads them.

A *newspaper book* (its root document names an issue) is titled, named, covered and tagged by
its issues, and conf.py's ``epub_*`` values, where set, win over that.  Any other project (an
English project with one newspaper page) keeps what Sphinx's own EPUB would have: its
``epub_title``, ``epub_basename``, language, labels, publisher and rights, and no cover unless
it names one; the newspaper's pages keep their own language tag.  Where two settings disagree
(``newspaper_cover`` and ``epub_cover``, ``newspaper_writing_mode`` and
``epub_writing_mode``) or a value cannot be honoured (a cover page template, ``epub_theme``), a
``newspaper.settings`` warning at its line in conf.py names the value and what is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import _
from sphinx.util import logging

from ..book.collect import Book
from ..book.language import is_newspaper_book
from ..book.titles import book_file_stem, book_title
from ..chinese import Script
from ..config import config_location, newspaper_config, user_set
from ..subtypes import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from .builder import NewspaperEpubBuilder

logger = logging.getLogger(__name__)

#: Sphinx's ``epub_*`` settings this EPUB has no use for: each named in a warning when set.
NOT_USED = {
    "epub_theme": "the EPUB's documents carry the newspaper's stylesheets, no theme",
    "epub_theme_options": "the EPUB's documents carry the newspaper's stylesheets, no theme",
    "epub_pre_files": "the EPUB holds the project's documents only",
    "epub_post_files": "the EPUB holds the project's documents only",
    "epub_guide": "the guide names the cover and the first document",
    "epub_tocdepth": "the table of contents follows the toctrees (issue, page, article)",
    "epub_tocdup": "the table of contents follows the toctrees (issue, page, article)",
    "epub_tocscope": "the table of contents follows the toctrees (issue, page, article)",
    "epub_show_urls": "links are kept as links",
    "epub_use_index": "the EPUB has no general index",
}


@dataclass(frozen=True)
class EpubSettings:
    """What the EPUB is called and says of itself, from the issues and conf.py."""

    #: Whether the project is a newspaper book (else: a project holding newspaper pages).
    newspaper_book: bool
    title: str
    #: The file name, without ``.epub``.
    file_stem: str
    #: BCP 47 tag of the package (``dc:language``, the OPF's ``xml:lang``, the navigation) and
    #: of the documents that are not the newspaper's.
    language: str
    #: The navigation's, cover's and landmarks' headings, in the book's language.
    contents_label: str
    cover_label: str
    landmarks_label: str
    #: ``epub_publisher`` and ``epub_author`` where they are to be written (None: the paper's).
    publisher: str | None
    author: str | None
    rights: str | None
    #: The cover image's path (``newspaper_cover`` or ``epub_cover``), or None.
    cover: str | None
    #: Whether a cover is drawn from the masthead when none is chosen.
    draw_cover: bool
    #: The user's stylesheets (``epub_css_files``): their names in the EPUB and their files.
    css_files: tuple[tuple[str, Path], ...]
    writing_mode: str


def bcp47(language: str) -> str:
    """Sphinx's language code as a BCP 47 tag: ``zh_CN`` → ``zh-CN``."""
    return language.replace("_", "-")


def epub_settings(
    builder: NewspaperEpubBuilder, book: Book, script: Script, label: Callable[[str], str]
) -> EpubSettings:
    """The EPUB's settings, with a warning for each ``epub_*`` value that cannot be honoured."""
    config = builder.config
    settings = newspaper_config(config)
    confdir = Path(builder.confdir)
    newspaper = is_newspaper_book(config)

    def warn(name: str, message: str) -> None:
        logger.warning(
            message, type=WARNING_TYPE, subtype=Subtype.SETTINGS, location=config_location(confdir, name)
        )

    for name, reason in NOT_USED.items():
        if user_set(config, name):
            warn(name, f"{name} = {getattr(config, name, None)!r} is not used: {reason}")

    # Title and file name.
    if user_set(config, "epub_title"):
        title = str(config.epub_title)
        if newspaper and settings.title and settings.title != title:
            warn(
                "epub_title",
                f"epub_title = {title!r} and newspaper_title = {settings.title!r}: "
                "the EPUB is titled with epub_title",
            )
    elif newspaper:
        title = book_title(book.contents, settings.title, config.project)
    else:  # as the project's HTML and PDF are titled (newspaper_title names a newspaper book)
        title = str(config.epub_title)
    if user_set(config, "epub_basename") or not newspaper:
        stem = str(config.epub_basename) or "book"
    else:
        stem = book_file_stem(book.contents, unicode=True)

    # Language and labels.
    if user_set(config, "epub_language"):
        language = bcp47(str(config.epub_language))
    elif newspaper and not user_set(config, "language"):
        language = script.tag
    else:
        language = bcp47(str(config.epub_language or config.language or "en"))
    chinese = language.lower().startswith("zh")
    labels = (
        (label("目录"), label("封面"), label("导览"))
        if chinese
        else (_("Table of Contents"), _("Cover"), _("Guide"))
    )

    # Cover.
    cover = settings.cover
    chosen_image, template = _epub_cover(config.epub_cover)
    if user_set(config, "epub_cover") and chosen_image:
        image = _static_file(builder, chosen_image)
        if image is None:
            warn(
                "epub_cover",
                f"epub_cover names {chosen_image!r}, which is not in html_static_path nor the source folder",
            )
        elif cover and user_set(config, "newspaper_cover"):
            warn(
                "epub_cover",
                f"epub_cover = {config.epub_cover!r} and newspaper_cover = {cover!r}: "
                "the cover is newspaper_cover",
            )
        else:
            cover = str(image)
        if template and template != "epub-cover.html":
            warn(
                "epub_cover",
                f"epub_cover's template {template!r} is not used: the cover page shows the image alone",
            )

    # Writing mode.
    writing_mode = settings.writing_mode
    if user_set(config, "epub_writing_mode"):
        wanted = str(config.epub_writing_mode)
        if user_set(config, "newspaper_writing_mode"):
            if wanted != writing_mode:
                warn(
                    "epub_writing_mode",
                    f"epub_writing_mode = {wanted!r} and newspaper_writing_mode = {writing_mode!r}: "
                    "the EPUB is written as newspaper_writing_mode says",
                )
        elif wanted in ("horizontal", "vertical"):
            writing_mode = wanted
        else:
            warn(
                "epub_writing_mode",
                f"epub_writing_mode = {wanted!r} is neither 'horizontal' nor 'vertical': horizontal is used",
            )

    def given(name: str, fallback: str) -> str | None:
        """The value of ``name`` where conf.py sets it, or (outside a newspaper book, as Sphinx's
        EPUB has it) ``fallback``, the setting it defaults to."""
        if user_set(config, name) or (
            user_set(config, fallback) and (not newspaper or name == "epub_copyright")
        ):
            return str(getattr(config, name) or "") or None
        return None

    return EpubSettings(
        newspaper_book=newspaper,
        title=title,
        file_stem=stem,
        language=language,
        contents_label=labels[0],
        cover_label=labels[1],
        landmarks_label=labels[2],
        publisher=given("epub_publisher", "author"),
        author=given("epub_author", "author"),
        rights=given("epub_copyright", "copyright"),
        cover=cover,
        draw_cover=newspaper or bool(cover),
        css_files=tuple(_css_files(builder, config.epub_css_files, warn)),
        writing_mode=writing_mode,
    )


def _epub_cover(value: Any) -> tuple[str, str]:
    """``epub_cover``'s image and template (``()`` when unset)."""
    if isinstance(value, str):
        return value, ""
    parts = [str(part) for part in (value or ())]
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else "")


def _static_file(builder: NewspaperEpubBuilder, name: str) -> Path | None:
    """A file as Sphinx's EPUB finds it in its output: from ``html_static_path`` (``_static/x.css``
    or ``x.css``), else relative to the source or configuration folder."""
    bare = name.removeprefix("_static/")
    folders = [Path(builder.confdir) / path for path in builder.config.html_static_path]
    candidates = [folder / bare for folder in folders]
    candidates += [Path(builder.srcdir) / name, Path(builder.confdir) / name]
    return next((path.resolve() for path in candidates if path.is_file()), None)


def _css_files(
    builder: NewspaperEpubBuilder, entries: Any, warn: Callable[[str, str], None]
) -> list[tuple[str, Path]]:
    """``epub_css_files`` (names or ``(name, attributes)``), each found in ``html_static_path``."""
    found: list[tuple[str, Path]] = []
    for entry in entries or ():
        name = str(entry[0] if isinstance(entry, tuple | list) else getattr(entry, "filename", entry))
        if "://" in name:
            warn(
                "epub_css_files",
                f"epub_css_files names {name!r}: an EPUB holds its stylesheets, so it is not used",
            )
            continue
        path = _static_file(builder, name)
        if path is None:
            warn("epub_css_files", f"epub_css_files names {name!r}, which is not in html_static_path")
            continue
        found.append((name.removeprefix("_static/"), path))
    return found
