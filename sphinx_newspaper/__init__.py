"""sphinx-newspaper: publish newspaper issues as books (HTML, EPUB, PDF)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import setup_extension

    return setup_extension(app)
