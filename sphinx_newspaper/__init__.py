"""sphinx-newspaper: publish newspaper issues as books (HTML, EPUB, PDF)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point: the wiring is in :mod:`.extension`."""
    from .book.records import ENV_VERSION
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
