"""Sphinx wiring: configuration, events, directives, builders.  ``setup()`` lands here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from . import __version__, render
from .book import Book, book_file_stem, book_of, collect_book, remember_book
from .config import NewspaperConfig, newspaper_config, validate_config
from .directives import NewspaperArchive, NewspaperArticle, NewspaperFront, NewspaperIssue, NewspaperPage
from .epub import setup_epub
from .generate import write_book
from .latex import NewspaperLaTeXTranslator, latex_elements
from .records import ensure_records, merge_records, outdated_archives, purge_records

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


__all__ = ["book_of", "setup_extension"]

logger = logging.getLogger(__name__)

#: The oldest Sphinx the extension is tested with (pyproject.toml declares the same).
SPHINX_FLOOR = "7.2"
#: Bump when what the extension stores on the environment changes shape.
ENV_VERSION = 2
STATIC = Path(__file__).parent / "static"


def setup_extension(app: Sphinx) -> dict[str, Any]:
    app.require_sphinx(SPHINX_FLOOR)
    NewspaperConfig.register(app)
    app.add_directive("newspaper-issue", NewspaperIssue)
    app.add_directive("newspaper-archive", NewspaperArchive)
    app.add_directive("newspaper-front", NewspaperFront)
    app.add_directive("newspaper-page", NewspaperPage)
    app.add_directive("newspaper-article", NewspaperArticle)
    app.add_css_file("newspaper.css")
    app.set_translator("latex", NewspaperLaTeXTranslator)
    setup_epub(app)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", configure_sphinx, priority=500)
    app.connect("builder-inited", generate_documents)
    app.connect("env-get-outdated", outdated_archives)
    app.connect("env-purge-doc", purge_records)
    app.connect("env-merge-info", merge_records)
    app.connect("doctree-resolved", render.complete_navigation)
    app.connect("html-page-context", set_language_tag)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _user_set(config: Config, name: str) -> bool:
    return name in config._raw_config or name in config.overrides


def configure_sphinx(app: Sphinx, config: Config) -> None:
    """``config-inited``: Chinese labels, our stylesheet, and no site chrome in books."""
    from .chinese import script_for

    script = script_for(config.newspaper_convert)
    if not _user_set(config, "language"):
        config.language = script.sphinx_language
        translate_sphinx_labels(app, config)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if not _user_set(config, "latex_engine"):
        config.latex_engine = "xelatex"
    if not _user_set(config, "latex_toplevel_sectioning"):
        config.latex_toplevel_sectioning = "part"
    if not _user_set(config, "exclude_patterns"):
        config.exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]


def translate_sphinx_labels(app: Sphinx, config: Config) -> None:
    """Sphinx loads its own labels (导航, 搜索, 目录...) before extensions set the language:
    load them again for the language chosen here, or themes would show English ones."""
    from sphinx import locale, package_dir
    from sphinx.util.i18n import CatalogRepository

    user = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    locale.translators.pop(("general", "sphinx"), None)
    app.translator, _ = locale.init([*user.locale_dirs, None, Path(package_dir) / "locale"], config.language)


def generate_documents(app: Sphinx) -> None:
    """``builder-inited``: ingest the issues and write their page and article sources."""
    settings = newspaper_config(app)
    ensure_records(app.env)
    book = collect_book(app, settings)
    remember_book(app, book)
    docnames, written = write_book(book, Path(app.srcdir))
    if docnames:
        logger.info(
            f"[newspaper] {len(book.issues)} issue(s), {len(docnames)} documents, {written} rewritten"
        )
    configure_outputs(app, book, settings)


def configure_outputs(app: Sphinx, book: Book, settings: NewspaperConfig) -> None:
    """File names, titles and the LaTeX design, now that the issues are known."""
    from .chinese import script_for

    config = app.config
    script = script_for(settings.convert)
    title = book_title(book, config)
    stem = book_file_stem(book)
    if not _user_set(config, "latex_documents"):
        author = next((e.issue.paper for e in book.issues if e.issue.paper), "") or config.author
        config.latex_documents = [(config.root_doc, f"{stem}.tex", title, author, "manual")]
    elements = latex_elements(book, script, settings.paper, title)
    elements.update(config.latex_elements if _user_set(config, "latex_elements") else {})
    config.latex_elements = elements
    if app.builder.name == "latex":
        # The LaTeX builder reads its settings in init(), before builder-inited: read them again.
        app.builder.init_context()
        app.builder.init_babel()
        app.builder.init_multilingual()


def book_title(book: Book, config: Config) -> str:
    """``昭通日报 2023年3月24日`` for one issue; the project name for a volume."""
    settings = NewspaperConfig.from_sphinx(config)
    if settings.title:
        return settings.title
    if len(book.issues) == 1:
        return book.issues[0].title
    return config.project


def set_language_tag(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: ``<html lang>`` is a BCP 47 tag (zh-Hans, zh-TW...), never zh_CN."""
    from .chinese import script_for

    record = getattr(app.env, "newspaper_articles", {}).get(pagename)
    context["language"] = record.language if record else script_for(app.config.newspaper_convert).tag
    if record:
        context["newspaper"] = record
