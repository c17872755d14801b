"""Sphinx's map of every document's parent kept while documents are written.

A workaround of Sphinx's own cost, which plain Sphinx pays as well.  Every toctree resolution,
above all the sidebar every HTML page shows, asks Sphinx for the current document's ancestors
(``_get_toctree_ancestors`` in ``sphinx.environment.adapters.toctree``), and Sphinx makes for
each call a map from every document a toctree lists to its parent: work per page that grows with
the archive (for a year's 30,000 documents, some 3 ms a page, 90 s a build).

Once reading is over, the map cannot change: ``env.toctree_includes`` is final.  So when
writing starts (``write-started``; ``env-check-consistency`` for a Sphinx without that event)
the map is made once, for this environment's ``toctree_includes`` (known by identity and size),
and Sphinx's function is replaced by one that looks the ancestors up in it, the same walk Sphinx
does, so that the output is byte for byte the same.  Any other call (another environment's
map, or this one changed in size by some other extension) goes to Sphinx's function.  Sphinx's
function is put back when the build ends (``build-finished``, also after an error).  A Sphinx
without that function is left alone.  Parallel writers are forked after the map is made, and
inherit it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

ADAPTERS = "sphinx.environment.adapters.toctree"
FUNCTION = "_get_toctree_ancestors"


@dataclass
class ParentMap:
    """Every listed document's parent in one environment's toctrees, as Sphinx makes it."""

    toctree_includes: dict[str, list[str]]
    size: int
    parent: dict[str, str]
    sphinx_function: Callable[[dict[str, list[str]], str], Set[str]]


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


def _as_sphinx_does(toctree_includes: dict[str, list[str]], docname: str) -> Set[str]:
    return ancestors_in(parent_map(toctree_includes), docname)


def _memo_ancestors(toctree_includes: dict[str, list[str]], docname: str) -> Set[str]:
    """Sphinx's ``_get_toctree_ancestors`` while the map is in use."""
    active = _ACTIVE
    if active is None:  # given back already, but called through an old reference
        return _as_sphinx_does(toctree_includes, docname)
    if toctree_includes is not active.toctree_includes or len(toctree_includes) != active.size:
        return active.sphinx_function(toctree_includes, docname)
    return ancestors_in(active.parent, docname)


def keep_parents(env: BuildEnvironment) -> None:
    """The map made for ``env`` and Sphinx's function pointed at it, until :func:`give_back`."""
    global _ACTIVE
    adapters: Any = importlib.import_module(ADAPTERS)
    function = getattr(adapters, FUNCTION, None)
    includes = getattr(env, "toctree_includes", None)
    if function is None or not isinstance(includes, dict):
        return
    if function is _memo_ancestors:  # a second call in one build: the map made again
        function = _ACTIVE.sphinx_function if _ACTIVE else _as_sphinx_does
    _ACTIVE = ParentMap(includes, len(includes), parent_map(includes), function)
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
    keep_parents(builder.env)


def _consistent(app: Sphinx, env: BuildEnvironment) -> None:
    keep_parents(env)


def _finished(app: Sphinx, exception: Exception | None) -> None:
    give_back()


def setup_toctree_parents(app: Sphinx) -> None:
    if "write-started" in app.events.events:
        app.connect("write-started", _writing)
    else:  # an older Sphinx: after reading, when there was something to read
        app.connect("env-check-consistency", _consistent)
    app.connect("build-finished", _finished, priority=100)
