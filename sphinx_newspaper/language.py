"""The book's language follows its script: Sphinx's ``language`` (so the theme's labels, 导航
and 搜索, and the search index are Chinese) and each HTML page's BCP 47 ``lang`` tag."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .chinese import script_for
from .config import newspaper_config, user_set
from .records import article_records

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


def set_sphinx_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``zh_CN`` or ``zh_TW`` by the conversion, unless conf.py sets one."""
    if not user_set(config, "language"):
        config.language = script_for(newspaper_config(config).convert).sphinx_language
        translate_sphinx_labels(app, config)


def translate_sphinx_labels(app: Sphinx, config: Config) -> None:
    """Sphinx loads its own labels (导航, 搜索, 目录...) before extensions set the language:
    load them again for the language chosen here, or themes would show English ones."""
    from sphinx import locale, package_dir
    from sphinx.util.i18n import CatalogRepository

    user = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    locale.translators.pop(("general", "sphinx"), None)
    app.translator, _ = locale.init([*user.locale_dirs, None, Path(package_dir) / "locale"], config.language)


def set_language_tag(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``html-page-context``: ``<html lang>`` is a BCP 47 tag (zh-Hans, zh-TW...), never zh_CN."""
    record = article_records(app.env).get(pagename)
    context["language"] = record.language if record else script_for(newspaper_config(app).convert).tag
    if record:
        context["newspaper"] = record


def setup_language(app: Sphinx) -> None:
    """Sphinx's language and the pages' language tags set from the conversion."""
    app.connect("config-inited", set_sphinx_language, priority=500)
    app.connect("html-page-context", set_language_tag)
