"""The one error type of the ingest."""

from __future__ import annotations

from pathlib import Path

from .patterns import LazyPattern


class IngestError(Exception):
    """Input the ingest refuses: says which file, what is wrong and what to do."""

    def __init__(self, source: str, problem: str, hint: str = "", line: int | None = None) -> None:
        self.source = display(source)
        self.problem = problem
        self.hint = hint
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        text = f"{where}: {self.problem}"
        return f"{text} ({self.hint})" if self.hint else text


def file_location(source: str | Path, line: int | None = None) -> str:
    """Where a warning points, as Sphinx's ``location`` takes it: ``FILE:LINE``, or ``FILE:``
    without a line (Sphinx reads a location with no ``:`` as a document name, and would name a
    file that does not exist: ``issue/notes.docx.rst``; ``FILE:`` is how it shows a node with
    no line itself)."""
    return f"{source}:{line}" if line else f"{source}:"


def unexpected_error(source: str | Path, error: BaseException) -> IngestError:
    """An exception the ingest did not foresee while reading ``source`` (a defect of the
    extension), as the error of that one input: the file is named, the rest of the book builds.
    An error of the file system (a name too long, an I/O error) is no defect: it says which."""
    if isinstance(error, OSError) and error.strerror:
        where = error.filename if isinstance(error.filename, str) else source
        return IngestError(where, f"cannot be read ({error.strerror})", "check the path and the file")
    problem = f"could not be read: {type(error).__name__}: {error}".rstrip(": ")
    return IngestError(str(source), problem, "a defect of sphinx-newspaper: please report it with this file")


def display(path: str | Path) -> str:
    """A path as one line of text that can always be printed: undecodable bytes and control
    characters in names (a newline) shown escaped, as ``\\xff`` and ``\\n``."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)


_CONTROL = LazyPattern("[\x00-\x1f\x7f]")
