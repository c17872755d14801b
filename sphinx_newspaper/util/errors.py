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


def display(path: str | Path) -> str:
    """A path as one line of text that can always be printed: undecodable bytes and control
    characters in names (a newline) shown escaped, as ``\\xff`` and ``\\n``."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], text)


_CONTROL = LazyPattern("[\x00-\x1f\x7f]")
