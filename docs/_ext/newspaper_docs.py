"""Directives of the sphinx-newspaper documentation: pages made from the code and the data.

- ``newspaper-config-table``: every field of :class:`~sphinx_newspaper.config.NewspaperConfig`
  as the ``conf.py`` value ``newspaper_<field>``, with its default, its type and its ``#:``
  comment in ``config.py``, and the old names still read;
- ``newspaper-warnings-table``: every :class:`~sphinx_newspaper.subtypes.Subtype` with its
  ``#:`` comment in ``subtypes.py``;
- ``newspaper-measurement``: a table of a measurement in ``docs/data/*.json`` (written by the
  benchmarks), headed by when, on what machine and at which commit it was measured.

So the reference pages cannot drift from the code, nor the figures from the measurements.  The
example page of the example book is copied into the project when the build starts
(``newspaper_docs_example``), so that ``example.md`` can publish it with the extension itself.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

#: ``literal`` and :role:`literal` in a ``#:`` comment.
INLINE = re.compile(r"``(?P<plain>.+?)``|:[a-z:]+:`~?(?P<role>[^`]+)`")


def inline(text: str) -> list[nodes.Node]:
    """A ``#:`` comment (reST inline markup: ``literal`` and roles) as docutils nodes."""
    out: list[nodes.Node] = []
    at = 0
    for match in INLINE.finditer(text):
        out.append(nodes.Text(text[at : match.start()]))
        out.append(nodes.literal(text=match["plain"] or match["role"]))
        at = match.end()
    out.append(nodes.Text(text[at:]))
    return out


def comments(module: str, owner: str) -> dict[str, str]:
    """The ``#:`` comments of ``owner``'s attributes in ``module``, each joined to one line."""
    docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    return {name: " ".join(" ".join(lines).split()) for (cls, name), lines in docs.items() if cls == owner}


def table(header: list[str], rows: list[list[list[nodes.Node]]], widths: list[int]) -> nodes.table:
    """A docutils table: one header row, then ``rows`` of cells given as lists of nodes."""
    group = nodes.tgroup(cols=len(header))
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in [(head, [[nodes.Text(h)] for h in header]), *[(body, row) for row in rows]]:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *cell)
            row += entry
        target += row
    out = nodes.table()
    out += group
    return out


class ConfigTable(SphinxDirective):
    """Every ``newspaper_*`` value, from the dataclass that registers and validates them."""

    def run(self) -> list[nodes.Node]:
        from sphinx_newspaper.config import RENAMED, NewspaperConfig

        self.env.note_dependency(ModuleAnalyzer.for_module("sphinx_newspaper.config").srcname)
        docs = comments("sphinx_newspaper.config", NewspaperConfig.__name__)
        rows = []
        for field in dataclasses.fields(NewspaperConfig):
            name = f"newspaper_{field.name}"
            if not docs.get(field.name):
                raise self.error(f"NewspaperConfig.{field.name} has no #: comment in config.py")
            default = field.default if field.default is not dataclasses.MISSING else None
            target = nodes.inline(ids=[f"confval-{name}"])
            target += nodes.literal(text=name)
            rows.append(
                [
                    [target],
                    [nodes.literal(text=repr(default))],
                    [nodes.Text(str(field.type))],
                    inline(docs[field.name]),
                ]
            )
        out: list[nodes.Node] = [table(["setting", "default", "type", "meaning"], rows, [22, 12, 12, 54])]
        if RENAMED:
            names = ", ".join(f"``{old}`` (now ``{new}``)" for old, new in RENAMED.items())
            out.append(nodes.paragraph("", "", *inline(f"Old names still read, with a warning: {names}.")))
        return out


class WarningsTable(SphinxDirective):
    """Every warning subtype, from the enum the extension's warnings are given with."""

    def run(self) -> list[nodes.Node]:
        from sphinx_newspaper.subtypes import WARNING_TYPE, Subtype

        self.env.note_dependency(ModuleAnalyzer.for_module("sphinx_newspaper.subtypes").srcname)
        docs = comments("sphinx_newspaper.subtypes", Subtype.__name__)
        rows = []
        for subtype in Subtype:
            if not docs.get(subtype.name):
                raise self.error(f"Subtype.{subtype.name} has no #: comment in subtypes.py")
            name = f"{WARNING_TYPE}.{subtype.value}"
            target = nodes.inline(ids=[f"warning-{name}"])
            target += nodes.literal(text=name)
            rows.append([[target], inline(docs[subtype.name])])
        return [table(["subtype", "when"], rows, [25, 75])]


def pointer(data: Any, path: str) -> Any:
    """The part of ``data`` a dotted path names (``summary.tuned``; an empty path is all)."""
    for key in filter(None, path.split(".")):
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def shown(value: Any) -> str:
    """A value as a table cell: numbers as measured, lists joined, nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"
    if isinstance(value, list):
        return " × ".join(shown(v) for v in value)
    return str(value)


class Measurement(SphinxDirective):
    """A table of one measurement file, headed by its date, machine and commit.

    ``.. newspaper-measurement:: data/archive.json`` with ``:rows:`` (a dotted path to a list
    of objects, or to an object whose items become rows keyed by ``:key:``) and ``:columns:``
    (``key=heading`` pairs separated by commas; a key may be dotted).  A file without
    ``date`` and ``machine`` is an error: a figure is not shown without when and where.
    """

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "rows": directives.unchanged,
        "columns": directives.unchanged_required,
        "key": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise self.error(f"{self.arguments[0]}: {error}") from None
        missing = [key for key in ("date", "machine") if not data.get(key)]
        if missing:
            raise self.error(f"{self.arguments[0]} says no {' and no '.join(missing)}")
        columns = []
        for item in self.options["columns"].split(","):
            key, _, heading = item.strip().partition("=")
            columns.append((key.strip(), heading.strip() or key.strip()))
        try:
            rows = pointer(data, self.options.get("rows", "rows"))
        except (KeyError, IndexError, ValueError):
            raise self.error(f"{self.arguments[0]} has no {self.options.get('rows', 'rows')!r}") from None
        if isinstance(rows, dict):
            key = self.options.get("key", "name")
            rows = [{key: name, **value} for name, value in rows.items()]
        cells = []
        for row in rows:
            line = []
            for key, _heading in columns:
                try:
                    value = pointer(row, key)
                except (KeyError, IndexError, TypeError, ValueError):
                    value = None
                line.append([nodes.Text(shown(value))])
            cells.append(line)
        widths = [max(8, len(heading)) for _key, heading in columns]
        out = table([heading for _key, heading in columns], cells, widths)
        when = f"Measured {data['date']} on {data['machine']}"
        if data.get("commit"):
            when += f", commit {data['commit'][:10]}"
        when += f" ({self.arguments[0].rsplit('/', 1)[-1]})."
        if self.options.get("caption"):
            title = nodes.title("", "", *inline(self.options["caption"]))
            out.insert(0, title)
        note = nodes.paragraph("", "", nodes.emphasis(text=when))
        note["classes"].append("measured")
        return [out, note]


def copy_example(app: Sphinx, config: Config) -> None:
    """Copy the example book's page into the project (only when it changed), for example.md."""
    source = Path(config.newspaper_docs_example)
    if not source.is_file():
        raise ExtensionError(f"newspaper_docs_example: {source} is not there")
    target = Path(app.srcdir) / "example" / source.name
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("newspaper_docs_example", "", "env", types=(str,))
    app.connect("config-inited", copy_example)
    app.add_directive("newspaper-config-table", ConfigTable)
    app.add_directive("newspaper-warnings-table", WarningsTable)
    app.add_directive("newspaper-measurement", Measurement)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
