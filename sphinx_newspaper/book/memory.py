"""The book kept out of Python's cyclic garbage collections while Sphinx reads and writes.

A month's book is some 45,000 objects the collector tracks (issues, pages, articles, their
paragraphs), alive from ``builder-inited`` to the end of the build.  Reading makes millions of
objects: in a parallel build the main process unpickles the whole environment each reading
process sends back, once per chunk of documents, and each full collection that sets off walks
every object alive, the book among them.  Measured at ``-j 8`` on the month (2,666 documents,
47 chunks), those collections were most of the main process's merging time (plain Sphinx's:
5.9 of 7.5 s), and the extension's made them a fifth longer than plain Sphinx's.

So once the book is final (``env-before-read-docs``, after :func:`.generate.prepare_book`) the
objects alive are frozen (:func:`gc.freeze`: moved where collections do not look, as Python's
documentation advises before forking worker processes, whose memory then stays shared), and
given back to the collector when the build ends (``build-finished``).  A frozen object that
dies is not collected before then, so this is done only when little of what is alive will die
during the build: when there are documents to read and at most a tenth of the documents known
(read before or to be read) are read again (their old records die).  A first build, or one that reads a few
changed documents, freezes; a rebuild with nothing to read, or one that reads everything again
(a changed configuration), and a project without issues, leave the collector as it was.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING
from weakref import WeakSet

from .collect import book_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The applications whose build froze the objects alive (to unfreeze them once, at its end).
_FROZEN: WeakSet[Sphinx] = WeakSet()


def freeze_book(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: what is alive now, the book above all, out of collections."""
    read_again = sum(1 for docname in docnames if docname in env.all_docs)
    known = len(env.all_docs) + len(docnames) - read_again
    if docnames and read_again * 10 <= known and book_of(app).issues and app not in _FROZEN:
        gc.freeze()
        _FROZEN.add(app)


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (also after an error): back to the collector."""
    if app in _FROZEN:
        _FROZEN.discard(app)
        gc.unfreeze()


def setup_memory(app: Sphinx) -> None:
    app.connect("env-before-read-docs", freeze_book)
    app.connect("build-finished", unfreeze, priority=100)  # before handlers that might fail
