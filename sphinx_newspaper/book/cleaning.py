"""Text no output can hold, kept out of every document: the Sphinx side of the one policy of
:mod:`.util.characters`.

The ingest already leaves such characters out of the issues' text.  What else reaches the
writers (the project's own documents beside the newspaper, conf.py's ``project``) passes this
transform, which removes them from every text node with a located warning
(``newspaper.invalid-character``); the writers apply the same rule as a last guard to what they
make themselves (EPUB metadata and package, LaTeX strings), so that no format dies on them or
writes invalid XML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..subtypes import WARNING_TYPE, Subtype
from ..util.characters import UNSHOWABLE, code_point, showable
from ..util.errors import file_location

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: How docutils marks a backslash-escaped character in a text node (``\\*`` is NUL, ``*``).
ESCAPE = "\x00"


class UnshowableCharacters(SphinxTransform):
    """Every text node as every output can hold it; a warning where characters were left out."""

    default_priority = 10  # first: every later transform and writer sees clean text

    def apply(self, **kwargs: object) -> None:
        removed: dict[str | None, list[str]] = {}
        for node in list(self.document.findall(nodes.Text)):
            # docutils keeps a backslash escape as NUL before the escaped character (the writers
            # drop it): the parts between are the document's text.
            parts = str(node).split(ESCAPE)
            clean = [showable(part) for part in parts]
            if clean == parts:
                continue
            if found := [char for part in parts for char in UNSHOWABLE.findall(part)]:
                removed.setdefault(_location(node), []).extend(found)
            node.parent.replace(node, nodes.Text(ESCAPE.join(clean)))
        for location, characters in removed.items():
            named = ", ".join(code_point(char) for char in dict.fromkeys(characters))
            logger.warning(
                f"left out characters that no output can show: {named}",
                type=WARNING_TYPE,
                subtype=Subtype.INVALID_CHARACTER,
                location=location,
            )


def _location(node: nodes.Node) -> str | None:
    """``SOURCE:LINE`` of the nearest element around ``node`` that knows its line."""
    element = node.parent
    while element is not None and element.line is None:
        element = element.parent
    if element is None:
        source = node.document.get("source") if node.document else None
        return file_location(source) if source else None
    return file_location(element.source, element.line)


def setup_cleaning(app: Sphinx) -> None:
    app.add_transform(UnshowableCharacters)
