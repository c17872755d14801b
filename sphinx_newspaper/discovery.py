"""Which issues the sources name: the ``newspaper-issue`` and ``newspaper-archive`` directives
found by scanning the source files before Sphinx reads them (the autosummary way).

Articles must exist as source files before Sphinx reads, so the directives are found by a
scan of the text at ``builder-inited``, not by parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DIRECTIVE_NAMES = ("newspaper-issue", "newspaper-archive")

# ``.. newspaper-issue:: PATH`` in reST, ``{newspaper-issue} PATH`` in MyST fences.
_DIRECTIVE = re.compile(
    r"^(?P<indent>\s*)(?:\.\.\s+|[`:]{3,}\{)(?P<name>newspaper-[a-z]+)\}?(?:::)?\s+(?P<arg>\S.*?)\s*$"
)
_OPTION = re.compile(r"^\s*:(?P<name>[a-z-]+):\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class IssueRequest:
    """One ``newspaper-issue`` or ``newspaper-archive`` directive as written in a source document."""

    name: str
    docname: str
    lineno: int
    argument: str
    options: tuple[tuple[str, str], ...] = ()

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name) or None


def find_requests(srcdir: Path, docnames: list[tuple[str, Path]]) -> list[IssueRequest]:
    """Scan source files for ``newspaper-issue`` directives, the way autosummary scans."""
    requests: list[IssueRequest] = []
    for docname, path in docnames:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "newspaper-" not in text:
            continue
        lines = text.splitlines()
        for index, line in enumerate(lines):
            match = _DIRECTIVE.match(line)
            if not match or match["name"] not in DIRECTIVE_NAMES:
                continue
            options = []
            for option_line in lines[index + 1 :]:
                option = _OPTION.match(option_line)
                if not option:
                    break
                options.append((option["name"], option["value"]))
            requests.append(IssueRequest(match["name"], docname, index + 1, match["arg"], tuple(options)))
    return requests
