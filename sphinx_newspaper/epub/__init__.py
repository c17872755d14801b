"""The EPUB output, built with ebooklib in place of Sphinx's own EPUB builder.

* :mod:`.builder` renders each document's body;
* :mod:`.assemble` packs the bodies in reading order, with the newspaper's navigation (archive →
  issue → page → article); it alone, with the modules below, imports ebooklib and Pillow, and
  only when an EPUB is written;
* :mod:`.settings` reads Sphinx's ``epub_*`` settings: a newspaper book is named by its issues,
  another project keeps its own title, file name and language;
* :mod:`.metadata` takes title, date, publisher, series, subjects and contributors from the
  issues, and declares the book's accessibility (schema.org);
* :mod:`.cover` chooses or draws the cover (:mod:`.drawing`, with Pillow) and makes its page;
* :mod:`.package` holds the stylesheets and writes the zip reproducibly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .builder import NewspaperEpubBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["NewspaperEpubBuilder", "setup_epub"]


def setup_epub(app: Sphinx) -> None:
    """Register the builder as ``epub``, in place of Sphinx's own.

    Sphinx's EPUB config checks (``epub_copyright``, ``version``...) run for any builder named
    ``epub``; this one takes its metadata from the issues, so they are switched off.
    """
    from sphinx.builders import epub3

    app.add_builder(NewspaperEpubBuilder, override=True)
    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is epub3.validate_config_values:
            app.disconnect(listener.id)
