"""The extension's stylesheets, shipped as static files: ``newspaper.css`` for every screen
format, ``epub.css`` and ``epub-vertical.css`` for e-book readers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent.parent / "static"


def static_file(name: str) -> bytes:
    """The bytes of one of the extension's static files."""
    return (STATIC / name).read_bytes()


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the HTML builder copies our stylesheet with the project's."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup_assets(app: Sphinx) -> None:
    """``newspaper.css`` linked from every HTML page."""
    app.add_css_file("newspaper.css")
    app.connect("config-inited", add_static_path, priority=500)
