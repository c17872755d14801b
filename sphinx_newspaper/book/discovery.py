"""Which issues the sources name: the ``newspaper-issue`` and ``newspaper-archive`` directives
as the project's own parsers see them.

Articles must exist as source files before Sphinx reads (field notes, "Generating documents"),
yet only the parser knows where a directive really is: reST or MyST, options as ``:key:``
lines or a YAML block, inside an included file, or not a directive at all because it sits in
a comment or a code block.  So the documents that may name issues are read once by Sphinx
itself, just before its reading starts (``env-get-outdated``), with the directives only
recording what they ask for (:func:`read_for_discovery`); then the book is collected, its
sources written, and Sphinx reads every document as usual.  A document whose text cannot name
an issue (:func:`may_name_issues`) is read only once, and so is every document of a build with
nothing new to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakSet

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

DIRECTIVE_NAMES = ("newspaper-issue", "newspaper-archive")

_DISCOVERING: WeakSet[BuildEnvironment] = WeakSet()
_READING_LATE: WeakSet[BuildEnvironment] = WeakSet()


@dataclass(frozen=True)
class IssueRequest:
    """One ``newspaper-issue`` or ``newspaper-archive`` directive as the parser read it."""

    name: str
    docname: str
    lineno: int
    argument: str
    options: tuple[tuple[str, str], ...] = ()

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name) or None


def is_discovering(env: BuildEnvironment) -> bool:
    """True while :func:`read_for_discovery` reads: the directives record and show nothing."""
    return env in _DISCOVERING


@contextmanager
def _marked(envs: WeakSet[BuildEnvironment], env: BuildEnvironment) -> Iterator[None]:
    """``env`` in ``envs`` while the ``with`` block runs."""
    envs.add(env)
    try:
        yield
    finally:
        envs.discard(env)


def _discovering(env: BuildEnvironment) -> AbstractContextManager[None]:
    return _marked(_DISCOVERING, env)


def is_reading_late(env: BuildEnvironment) -> bool:
    """True while documents are read again after the reading, for directives it met that the
    discovery had not seen (:func:`.generate.read_late_requests`): the book holds them now."""
    return env in _READING_LATE


def reading_late(env: BuildEnvironment) -> AbstractContextManager[None]:
    """Marks the reading again after the reading (:func:`is_reading_late`)."""
    return _marked(_READING_LATE, env)


#: What a source must contain to hold an issue directive, itself or through a file it includes:
#: a directive's name, or an ``include`` directive (reST ``include::``, MyST ``{include}``).
_MAY_NAME_ISSUES = re.compile(r"newspaper-(?:issue|archive)|(?<![\w-])include\s*::|\{include\}")


def may_name_issues(path: Path, prolog: str = "") -> bool:
    """Whether a source file could hold an issue directive, itself, in a file it includes, or
    in the project's ``rst_prolog``/``rst_epilog`` (``prolog``).

    Only a filter, to spare the other documents a second reading: the parser decides.
    """
    if _MAY_NAME_ISSUES.search(prolog):
        return True
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return _MAY_NAME_ISSUES.search(text) is not None


def read_for_discovery(app: Sphinx, docnames: list[str]) -> None:
    """Read ``docnames`` with Sphinx's own machinery, so that each issue directive the parser
    runs records its request (:func:`.records.request_records`).  What the reading leaves on the
    environment is purged again by the real reading that follows; its messages are dropped,
    since that reading gives them again."""
    env = app.env
    with _discovering(env), logging.suppress_logging():
        for docname in docnames:
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            # Not kept in memory for the writers: the real reading's doctree must be the one
            # they get, also when that reading happens in parallel processes.
            app.builder.read_doc(docname, _cache=False)
