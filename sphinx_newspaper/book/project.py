"""What a newspaper book sets of the project's own settings, where conf.py sets nothing: the HTML
title, and the man page's and Texinfo file's names (``zhaotong-ribao-2023-03-24.1``, where
Sphinx makes ``sphinx.1`` of a Chinese project name), as the PDF's and the EPUB's are.  Sphinx's default calls every project "documentation" (``昭通日报 文档`` in Chinese); a
newspaper book's pages are titled with the book, as its EPUB and PDF are (:func:`.titles.book_title`:
the issue for a book of one issue, ``newspaper_title`` or ``project`` for more).

The title is known once the book is collected: it is set again then, and remembered for the next
build's ``config-inited`` (:func:`.config.remembered`), so an unchanged book is an unchanged
configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import newspaper_config, remember, remembered, user_set
from ..util.characters import showable
from .collect import book_of
from .language import is_newspaper_book
from .titles import book_file_stem, book_title

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def html_title_as_last_built(app: Sphinx, config: Config) -> None:
    """``config-inited``: a newspaper book's HTML title: ``newspaper_title``, else as the last
    build found it."""
    if is_newspaper_book(config) and not user_set(config, "html_title"):
        last = remembered(app).get("html_title")
        config.html_title = newspaper_config(config).title or last or showable(config.project)


def html_title_of_the_book(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``, once the book is collected: its title, for the HTML pages.  Where
    it is not the one the build started with (a first build, another issue), every page is
    written with it, and the builder's record of its settings (``.buildinfo``) says so."""
    config = app.config
    if not is_newspaper_book(config) or user_set(config, "html_title"):
        return []
    title = book_title(book_of(app).contents, newspaper_config(app).title, config.project)
    if config.html_title == title:
        return []
    config.html_title = title
    remember(app, html_title=title)
    builder = app.builder
    if hasattr(builder, "create_build_info"):
        builder.build_info = builder.create_build_info()
    return sorted(set(env.found_docs) - added)


#: The settings naming the man page and the Texinfo file, which Sphinx makes from ``project``.
DOCUMENT_SETTINGS = ("man_pages", "texinfo_documents")


def documents_as_last_built(app: Sphinx, config: Config) -> None:
    """``config-inited``: a newspaper book's man page and Texinfo file as the last build named
    them (an unchanged book is an unchanged configuration)."""
    if not is_newspaper_book(config):
        return
    last = remembered(app)
    for name in DOCUMENT_SETTINGS:
        if name in last and not user_set(config, name):
            setattr(config, name, [tuple(document) for document in last[name]])


def documents_of_the_book(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``, once the book is collected: the man page and the Texinfo file
    named after the paper and date, titled with the book, by the paper (unless conf.py names
    them; the builders read these settings when they write)."""
    config = app.config
    if not is_newspaper_book(config) or all(user_set(config, name) for name in DOCUMENT_SETTINGS):
        return []
    issues = book_of(app).contents
    title = book_title(issues, newspaper_config(app).title, config.project)
    stem = book_file_stem(issues)
    author = next((issue.paper for issue in issues if issue.paper), "") or str(config.author)
    root = config.root_doc
    documents = {
        "man_pages": [(root, stem, title, [author], 1)],
        "texinfo_documents": [(root, stem, title, author, stem, title, "Miscellaneous")],
    }
    for name, value in documents.items():
        if not user_set(config, name):
            setattr(config, name, value)
    remember(app, **documents)
    return []


def setup_project(app: Sphinx) -> None:
    """The HTML title, man page and Texinfo file of a newspaper book."""
    app.connect("config-inited", html_title_as_last_built, priority=500)
    app.connect("config-inited", documents_as_last_built, priority=500)
    app.connect("env-get-outdated", html_title_of_the_book, priority=600)
    app.connect("env-get-outdated", documents_of_the_book, priority=600)
