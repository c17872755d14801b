"""Regular expressions compiled at their first use.

The ingest's patterns match Chinese text, and ``re`` compiles a class of Chinese characters
slowly (it maps every code point of the range): some 25 ms for the extension's patterns,
which every build would pay when it imports the extension, though a build that finds its issues
in the cache uses few of them.
"""

from __future__ import annotations

import re
from typing import Any

#: What code calls on a pattern: after the first use, each is the compiled pattern's own.
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, put off until the pattern is first used; from then on
    the compiled pattern's methods are this object's attributes, so a call costs what it costs
    on the compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        """The first use (Python asks only for attributes the object does not have yet)."""
        if name.startswith("__"):
            raise AttributeError(name)  # copy and pickle probe for special methods
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
