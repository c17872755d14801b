"""Snapshots of what the extension makes of the example issue: the resolved doctrees of its
front, its page and its first article as the HTML writer translates them (headline lists and
previous/next links completed, as the writer completes them), as ``tests/snapshots/*.txt`` hold them.

A change to rendering shows here as a readable diff of nodes.  After a deliberate change, write
the snapshots anew with ``UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinx_newspaper.book.navigation import complete_all

SNAPSHOTS = Path(__file__).parent / "snapshots"
ISSUE = "newspaper/2023-03-24"


@pytest.mark.filterwarnings("ignore:'tags' will become a required")  # Sphinx 9; older ones lack it
@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result="snapshots-issue-html")
@pytest.mark.parametrize(
    ("name", "docname"), [("front", "index"), ("page", f"{ISSUE}/p04"), ("article", f"{ISSUE}/p04-01")]
)
def test_doctree_matches_its_snapshot(app, name: str, docname: str) -> None:
    app.build()
    doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    complete_all(doctree, app.builder)
    got = "".join(child.pformat() for child in doctree.children)  # no document attributes
    snapshot = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(got, encoding="utf-8")
    assert got == snapshot.read_text(encoding="utf-8")
