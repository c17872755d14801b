"""Sphinx's map of every document's parent kept while documents are written.

A workaround of Sphinx's own cost, which plain Sphinx pays as well.  Every toctree resolution,
above all the sidebar every HTML page shows, asks Sphinx for the current document's ancestors
(``_get_toctree_ancestors`` in ``sphinx.environment.adapters.toctree``), and Sphinx makes for
each call a map from every document a toctree lists to its parent: work per page that grows with
the archive (for a year's 30,000 documents, some 3 ms a page, 90 s a build).

Once reading is over, the map cannot change.  So when writing starts (``write-started``;
``env-check-consistency`` for a Sphinx without that event) Sphinx's function is replaced by one
that keeps the map it made last, keyed by the identity (and size) of the ``toctree_includes``
it was made from, and makes it again only for another one: Sphinx itself replaces
``env.toctree_includes`` by a sorted copy just after ``write-started``, so the map is made from
the dictionary the pages are resolved with, once a build (once a chunk in parallel writers
forked before the first resolution).  The ancestors are looked up with the same walk Sphinx
does, so the output is byte for byte the same.  Sphinx's function is put back when the build
ends (``build-finished``, also after an error).  A Sphinx without that function is left alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

ADAPTERS = "sphinx.environment.adapters.toctree"
FUNCTION = "_get_toctree_ancestors"


@dataclass
class ParentMap:
    """Every listed document's parent in one ``toctree_includes``, as Sphinx makes it."""

    sphinx_function: Callable[[dict[str, list[str]], str], Set[str]]
    toctree_includes: dict[str, list[str]] | None = None
    size: int = -1
    parent: dict[str, str] = field(default_factory=dict)
    made: int = 0  # how many times the map was made (for the tests)


#: The map in use, while a build writes; None otherwise.
_ACTIVE: ParentMap | None = None


def parent_map(toctree_includes: dict[str, list[str]]) -> dict[str, str]:
    """Every listed document to the document whose toctree lists it (the last one, as Sphinx's)."""
    parent: dict[str, str] = {}
    for p, children in toctree_includes.items():
        parent |= dict.fromkeys(children, p)
    return parent


def ancestors_in(parent: dict[str, str], docname: str) -> Set[str]:
    """``docname`` and its ancestors, nearest first, as Sphinx returns them."""
    ancestors: list[str] = []
    d = docname
    while d in parent and d not in ancestors:
        ancestors.append(d)
        d = parent[d]
    return dict.fromkeys(ancestors).keys()


def _memo_ancestors(toctree_includes: dict[str, list[str]], docname: str) -> Set[str]:
    """Sphinx's ``_get_toctree_ancestors`` while the map is kept."""
    active = _ACTIVE
    if active is None:  # given back already, but called through an old reference
        return ancestors_in(parent_map(toctree_includes), docname)
    if toctree_includes is not active.toctree_includes or len(toctree_includes) != active.size:
        active.parent = parent_map(toctree_includes)
        active.toctree_includes, active.size = toctree_includes, len(toctree_includes)
        active.made += 1
    return ancestors_in(active.parent, docname)


def keep_parents() -> None:
    """Sphinx's function replaced by one that keeps its map, until :func:`give_back`."""
    global _ACTIVE
    adapters: Any = importlib.import_module(ADAPTERS)
    function = getattr(adapters, FUNCTION, None)
    if function is None:
        return
    if function is _memo_ancestors:  # a second call in one build: kept as it is
        return
    _ACTIVE = ParentMap(function)
    setattr(adapters, FUNCTION, _memo_ancestors)


def give_back() -> None:
    """Sphinx's own function back in place."""
    global _ACTIVE
    if _ACTIVE is None:
        return
    adapters: Any = importlib.import_module(ADAPTERS)
    if getattr(adapters, FUNCTION, None) is _memo_ancestors:
        setattr(adapters, FUNCTION, _ACTIVE.sphinx_function)
    _ACTIVE = None


def _writing(app: Sphinx, builder: Builder) -> None:
    keep_parents()


def _consistent(app: Sphinx, env: BuildEnvironment) -> None:
    keep_parents()


def _finished(app: Sphinx, exception: Exception | None) -> None:
    give_back()


def setup_toctree_parents(app: Sphinx) -> None:
    if "write-started" in app.events.events:
        app.connect("write-started", _writing)
    else:  # an older Sphinx: after reading, when there was something to read
        app.connect("env-check-consistency", _consistent)
    app.connect("build-finished", _finished, priority=100)
