"""The language of the newspaper's pages, and of the whole project when it is a newspaper book.

Generated pages (pages and articles) always carry their issue's BCP 47 tag (``zh-Hans``,
``zh-TW``...) in ``<html lang>``.  Sphinx's own ``language`` (the theme's labels, 导航 and 搜索,
and the search index) is set by the extension only for a *newspaper book*, a project whose root
document names an issue, and only when conf.py sets no ``language``: an English project with one
newspaper page stays English.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx.util import logging

from ..chinese import script_for
from ..config import newspaper_config, remember, remembered, user_set
from ..util.errors import IngestError
from ..util.files import read_input
from .collect import book_of
from .discovery import DIRECTIVE_NAMES
from .records import request_records

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_BOOK_PROJECTS: WeakKeyDictionary[Config, bool] = WeakKeyDictionary()


def is_newspaper_book(config: Config) -> bool:
    """Whether the project is a newspaper book: its root document names an issue."""
    return _BOOK_PROJECTS.get(config, False)


def root_names_issue(srcdir: Path, root_doc: str) -> bool:
    """Before the first build has read anything: does the root document's text name an issue?
    Later builds know it from the parser (:func:`check_newspaper_book`)."""
    for path in srcdir.glob(f"{root_doc}.*"):  # any file of that name: through the gate
        try:
            text = read_input(path).decode("utf-8-sig", errors="replace")
        except IngestError:  # a FIFO (index.fifo), a file larger than a document, ...
            continue
        if any(name in text for name in DIRECTIVE_NAMES):
            return True
    return False


def decide_newspaper_book(app: Sphinx, config: Config) -> None:
    """``config-inited``: a newspaper book or not, as the last build found it."""
    known = remembered(app).get("book")
    book = known if isinstance(known, bool) else root_names_issue(Path(app.srcdir), config.root_doc)
    _BOOK_PROJECTS[config] = book


def set_sphinx_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: a newspaper book is in ``zh_CN`` or ``zh_TW`` by the conversion, unless
    conf.py sets a language; translations are loaded again only when the language changes."""
    if not is_newspaper_book(config) or user_set(config, "language"):
        return
    language = script_for(newspaper_config(config).convert).sphinx_language
    if config.language != language:
        config.language = language
        translate_sphinx_labels(app, config)


def translate_sphinx_labels(app: Sphinx, config: Config) -> None:
    """Sphinx loads its own labels (导航, 搜索, 目录...) before extensions set the language:
    load them again for the language chosen here, or themes would show English ones.

    Done as Sphinx does it (``Sphinx._init_i18n``): the project's own ``sphinx.po`` for the
    language compiled when it changed, then its catalogs before Sphinx's.  Sphinx's loading
    for ``en`` cannot be spared (it comes before any extension runs): it finds no catalog and
    costs some 0.06 ms, against 1.3 ms for this one (example book, warm HTML build)."""
    from sphinx import locale, package_dir
    from sphinx.util.i18n import CatalogRepository

    logger.info(f"[newspaper] loading translations [{config.language}]")
    user = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    for catalog in user.catalogs:
        if catalog.domain == "sphinx" and catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
    locale.translators.pop(("general", "sphinx"), None)
    app.translator, _ = locale.init([*user.locale_dirs, None, Path(package_dir) / "locale"], config.language)


def check_newspaper_book(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, once the parsers have found every directive (also those written in
    while reading, :func:`.generate.read_late_requests`): remember whether the root document
    names an issue, for the next build's ``config-inited``."""
    book = bool(request_records(env).get(app.config.root_doc))
    remember(app, book=book)
    if book != is_newspaper_book(app.config) and not user_set(app.config, "language"):
        state = "names an issue now" if book else "no longer names an issue"
        logger.info(f"[newspaper] the root document {state}: the language follows from the next build")
    return []


def page_language(app: Sphinx, docname: str) -> str | None:
    """The BCP 47 tag of a newspaper document (an article, page or issue front), else None."""
    document = book_of(app).issue_of(docname)
    return document[0].script.tag if document else None


def set_language_tag(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: ``<html lang>`` is a BCP 47 tag (zh-Hans, zh-TW...), never zh_CN;
    the project's other pages keep theirs, unless it is a newspaper book in the language the
    extension chose."""
    config = app.config
    tag = page_language(app, pagename)
    if tag is None and is_newspaper_book(config) and not user_set(config, "language"):
        tag = script_for(newspaper_config(app).convert).tag
    if tag is not None:
        context["language"] = tag
    record = book_of(app).article_record(pagename)
    if record:
        # plain data: the JSON and pickle builders serialise the context (templates read
        # ``newspaper.title`` from a dict as from an object)
        context["newspaper"] = dataclasses.asdict(record)


def setup_language(app: Sphinx) -> None:
    """The project's language, and the pages' language tags."""
    app.connect("config-inited", decide_newspaper_book, priority=450)
    app.connect("config-inited", set_sphinx_language, priority=500)
    app.connect("env-updated", check_newspaper_book, priority=500)
    app.connect("html-page-context", set_language_tag)
