"""What a newspaper book sets of the project's own settings, where conf.py sets nothing: the HTML
title.  Sphinx's default calls every project "documentation" (``昭通日报 文档`` in Chinese); a
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
from .titles import book_title

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


def setup_project(app: Sphinx) -> None:
    """The HTML title of a newspaper book."""
    app.connect("config-inited", html_title_as_last_built, priority=500)
    app.connect("env-get-outdated", html_title_of_the_book, priority=600)
