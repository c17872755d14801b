"""The book out of Python's garbage collections while Sphinx reads: frozen (``gc.freeze``) for
a build that reads documents, given back when the build ends, and left alone by builds that
read nothing or read the environment's documents again."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sphinx_newspaper.book import memory


def build_noting_freezes(app) -> list[int]:
    """Build ``app``; the number of frozen objects when reading starts (after the extension's
    handler) and whenever a document has been read from then on (documents the extension reads
    before, to find the issue directives, are left out)."""
    counts: list[int] = []
    started: list[bool] = []

    def reading(app, env, docnames) -> None:
        started.append(True)
        counts.append(gc.get_freeze_count())

    app.connect("env-before-read-docs", reading, 900)
    app.connect("doctree-read", lambda app, doctree: started and counts.append(gc.get_freeze_count()))
    app.build()
    return counts


@pytest.mark.sphinx("html", testroot="archive")
def test_a_first_build_reads_with_the_book_frozen_and_gives_it_back(app, make_app):
    assert gc.get_freeze_count() == 0
    counts = build_noting_freezes(app)
    assert len(counts) > 10 and all(count > 0 for count in counts)
    assert gc.get_freeze_count() == 0 and not memory._FROZEN
    srcdir = Path(app.srcdir)
    # nothing to read: nothing frozen
    assert build_noting_freezes(make_app("html", srcdir=srcdir)) == [0]
    # every document read again (a changed setting Sphinx reads with): their old records die
    # during the build, so nothing is frozen
    again = make_app("html", srcdir=srcdir, confoverrides={"rst_epilog": ".. |x| replace:: x"})
    counts = build_noting_freezes(again)
    assert len(counts) > 10 and set(counts) == {0}
    assert gc.get_freeze_count() == 0


@pytest.mark.sphinx("html", testroot="archive")
def test_a_failed_build_gives_the_frozen_objects_back(app):
    def fail(app, doctree) -> None:
        raise RuntimeError("a failing extension")

    app.connect("doctree-read", fail)
    with pytest.raises(Exception, match="a failing extension"):
        app.build()
    assert gc.get_freeze_count() == 0 and not memory._FROZEN
