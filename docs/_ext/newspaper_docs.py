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

#: ``literal``, :role:`literal` and (in data files' notes) Markdown's `literal`.
INLINE = re.compile(r"``(?P<plain>.+?)``|:[a-z:]+:`~?(?P<role>[^`]+)`|`(?P<markdown>[^`]+)`")


def inline(text: str) -> list[nodes.Node]:
    """A ``#:`` comment (reST inline markup: ``literal`` and roles) as docutils nodes."""
    out: list[nodes.Node] = []
    at = 0
    for match in INLINE.finditer(text):
        out.append(nodes.Text(text[at : match.start()]))
        out.append(nodes.literal(text=match["plain"] or match["role"] or match["markdown"]))
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
    """A value as a table cell: numbers as measured, counts as right/total, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if abs(value) >= 10:
            return f"{value:,.1f}"
        return f"{value:.2f}" if abs(value) >= 1 or round(value, 2) == value else f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, dict) and "right" in value and "total" in value:
        return f"{value['right']}/{value['total']}"
    if isinstance(value, list):
        return " × ".join(shown(v) for v in value)
    return str(value)


def cell(row: Any, key: str) -> str:
    """A row's cell: a dotted key, or two joined by `` / `` (``kept / characters``)."""
    parts = []
    for part in key.split(" / "):
        try:
            parts.append(shown(pointer(row, part.strip())))
        except (KeyError, IndexError, TypeError, ValueError):
            parts.append("—")
    return "/".join(parts)


def machine_of(data: dict[str, Any]) -> str:
    """The machine a measurement names: a sentence, or what ``benchmarks/common.py`` records."""
    machine = data["machine"]
    if isinstance(machine, str):
        return machine
    load = machine.get("load") or []
    words = [
        f"{machine.get('cpus', '?')} CPUs",
        str(machine.get("system", "")),
        f"Python {machine.get('python', '?')}",
    ]
    if load:
        words.append(f"load average {load[0]}")
    return ", ".join(word for word in words if word)


class Measurement(SphinxDirective):
    """A table of one measurement file, headed by its date, machine and commit.

    ``.. newspaper-measurement:: data/archive.json`` with ``:rows:`` (a dotted path to a list
    of objects, or to an object whose items become rows keyed by ``:key:``) and ``:columns:``
    (``key=heading`` pairs separated by ``;``; a key may be dotted, or two keys joined by
    `` / ``; without it, every key of the first row).  A file without ``date`` and ``machine``
    is an error: a figure is not shown without when and where it was measured.
    """

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "rows": directives.unchanged,
        "columns": directives.unchanged,
        "key": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        relative, path = self.env.relfn2path(name, self.env.docname)
        self.env.note_dependency(relative)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise self.error(f"{name}: {error}") from None
        missing = [key for key in ("date", "machine") if not data.get(key)]
        if missing:
            raise self.error(f"{name} says no {' and no '.join(missing)}: a figure needs when and where")
        where = self.options.get("rows", "rows")
        try:
            rows = pointer(data, where)
        except (KeyError, IndexError, ValueError):
            raise self.error(f"{name} has no {where!r}") from None
        if isinstance(rows, dict):
            key = self.options.get("key", "name")
            rows = [{key: row_name, **value} for row_name, value in rows.items()]
        if not rows:
            raise self.error(f"{name}: {where!r} is empty")
        columns = []
        for item in (self.options.get("columns") or ";".join(rows[0])).split(";"):
            key, _, heading = item.strip().partition("=")
            columns.append((key.strip(), heading.strip() or key.strip()))
        cells = [[[nodes.Text(cell(row, key))] for key, _heading in columns] for row in rows]
        widths = [max(6, len(heading)) for _key, heading in columns]
        out = table([heading for _key, heading in columns], cells, widths)
        if self.options.get("caption"):
            out.insert(0, nodes.title("", "", *inline(self.options["caption"])))
        when = f"Measured {str(data['date'])[:10]} on {machine_of(data)}"
        if data.get("commit"):
            when += f", commit {data['commit'][:10]}"
        words: list[nodes.Node] = [nodes.Text(when)]
        if data.get("arguments"):
            command = f"{data.get('benchmark', '')} {' '.join(data['arguments'])}".strip()
            words += [nodes.Text(", run as "), nodes.literal(text=command)]
        words.append(nodes.Text(f" ({name.rsplit('/', 1)[-1]})."))
        note = nodes.paragraph("", "", nodes.emphasis("", "", *words))
        note["classes"].append("measured")
        out_nodes: list[nodes.Node] = [out, note]
        if data.get("recorded"):
            out_nodes.append(nodes.paragraph("", "", *inline(f"Recorded: {data['recorded']}.")))
        return out_nodes


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
