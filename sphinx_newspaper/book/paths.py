"""Path safety: a directive's issue path must stay inside the Sphinx source directory."""

from __future__ import annotations

from pathlib import Path


class PathOutsideSource(ValueError):
    """A directive path that leaves the Sphinx source directory."""


def resolve_issue_path(srcdir: Path, docname: str, argument: str) -> Path:
    """The issue path of a directive in ``docname``; refuses paths outside ``srcdir``
    (symlinks are resolved first, so a link pointing out is refused too)."""
    srcdir = srcdir.resolve()
    if argument.startswith("/"):
        candidate = srcdir / argument.lstrip("/")
    else:
        candidate = srcdir / Path(docname).parent / argument
    resolved = candidate.resolve()
    if resolved != srcdir and srcdir not in resolved.parents:
        raise PathOutsideSource(
            f"{argument!r} resolves to {resolved}, outside the source directory {srcdir}; "
            "copy the issue files into the project"
        )
    return resolved
