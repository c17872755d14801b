"""What the extension keeps on the build environment, per document, and the one way to reach it.

Stored on ``env`` so that incremental builds keep it, purged on ``env-purge-doc`` and merged
on ``env-merge-info`` so that parallel reads (``-j``) lose nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .discovery import IssueRequest

#: Bump when what the extension stores on the environment, or in the doctrees, changes shape
#: (6: a page map names its page image instead of holding an image node).
ENV_VERSION = 6

#: The environment attributes, each a dict by document name.
REQUESTS = "newspaper_requests"  # docname -> the issue directives its parser ran, in order
SHOWN = "newspaper_shown"  # docname -> keys of the issues its directives showed


def _records(env: BuildEnvironment, name: str) -> dict:
    records = getattr(env, name, None)
    if records is None:
        records = {}
        setattr(env, name, records)
    return records


def request_records(env: BuildEnvironment) -> dict[str, tuple[IssueRequest, ...]]:
    """The ``newspaper-issue`` and ``newspaper-archive`` directives each document holds, as its
    parser found them (:mod:`.discovery`)."""
    return _records(env, REQUESTS)


def shown_records(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """The keys of the issues each document's directives showed (their pages in its toctree)."""
    return _records(env, SHOWN)


def record_request(env: BuildEnvironment, request: IssueRequest) -> None:
    requests = request_records(env)
    requests[request.docname] = (*requests.get(request.docname, ()), request)


def record_shown(env: BuildEnvironment, docname: str, keys: tuple[str, ...]) -> None:
    """A document shows these issues (:func:`.generate.prepare_book` compares them with the book)."""
    shown = shown_records(env)
    shown[docname] = (*shown.get(docname, ()), *keys)


def purge_records(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for records in (request_records, shown_records):
        records(env).pop(docname, None)


def merge_records(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for records in (request_records, shown_records):
        mine, theirs = records(env), records(other)
        mine.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def setup_records(app: Sphinx) -> None:
    """Records purged and merged as Sphinx asks."""
    app.connect("env-purge-doc", purge_records)
    app.connect("env-merge-info", merge_records)
