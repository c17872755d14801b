"""Run ``sphinx-build`` in this process and report where its time went, phase by phase.

Used by :func:`benchmarks.common.sphinx_build` as the child process of every build it times:

    python benchmarks/phases.py REPORT.json [sphinx-build arguments...]

(run by path, as a child process: it imports nothing of the package but Sphinx).

For each phase of the build (startup with ``builder-inited``, reading, the environment saved,
writing, finishing) it records the main process's own CPU time, the CPU time of the worker
processes forked and reaped in that phase, the wall time and the resident memory at its end.
In a parallel build the main process's CPU time is the serial part: however many cores there
are, nothing else does that work.  Within the phases it also times, in the main process:

* the extension's event handlers, one label per event, and its steps named in
  :data:`EXTENSION_STEPS` (reading the issues, writing the generated sources, packaging the EPUB);
* Sphinx merging what each reading process sends back (``merge``: the environment unpickled and
  merged, once per chunk of documents), the part of reading that grows with the chunks, also
  in its two parts (``merge_parts``: ``unpickle``, and ``merge_info_from``, where every
  collector, domain and extension merges its records for the chunk's documents);
* Sphinx resolving toctrees (``toctree``): in a parallel build's main process, its own
  navigation work per document, the yardstick for the extension's; and the two parts of its
  toctree work whose cost per document grows with the number of documents (``toctree
  ancestors``: every resolution maps every document to its parent; ``toctree clear``: clearing
  a document before it is read walks every document a toctree lists).  In a parallel build they
  are the main process's share (pages are written, so their sidebars resolved, in the writers).
  With the extension, ``toctree ancestors`` is its map of every document's parent, made once
  when writing starts (``sphinx_newspaper.book.toctree_parents``), and Sphinx's calls it did not serve.
"""

from __future__ import annotations

import functools
import importlib
import json
import pickle
import resource
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import sphinx.builders
import sphinx.events
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

PHASES = ("startup", "read", "environment", "write", "finish")
#: Extension steps timed on their own: (module, attribute path) -> label in the report.
EXTENSION_STEPS = {
    ("sphinx_newspaper.book.generate", "collect_book"): "reading issues",
    ("sphinx_newspaper.book.generate", "write_book"): "writing sources",
    ("sphinx_newspaper.epub.builder", "NewspaperEpubBuilder.write_epub"): "EPUB packaging",
}
EXTENSION_PACKAGE = "sphinx_newspaper"


class Clock:
    """Main-process CPU, reaped children's CPU and wall time, added up by label."""

    def __init__(self) -> None:
        self.totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    @staticmethod
    def now() -> tuple[float, float, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time(), children.ru_utime + children.ru_stime, time.perf_counter()

    def timed(self, label: str, function: Callable[..., Any], *, memory: bool = False) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = self.now()
            try:
                return function(*args, **kwargs)
            finally:
                end = self.now()
                total = self.totals[label]
                total["main_cpu"] += end[0] - start[0]
                total["children_cpu"] += end[1] - start[1]
                total["wall"] += end[2] - start[2]
                total["calls"] += 1
                if memory:
                    total["rss_mb"] = max(total["rss_mb"], resident_mb())

        return wrapper


def resident_mb() -> float:
    """The main process's resident memory now, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def instrument(clock: Clock) -> None:
    Sphinx.__init__ = clock.timed("startup", Sphinx.__init__, memory=True)  # type: ignore[method-assign]
    Builder.read = clock.timed("read", Builder.read, memory=True)  # type: ignore[method-assign]
    Builder.write = clock.timed("write", Builder.write, memory=True)  # type: ignore[method-assign]
    timed_build = clock.timed("build", Builder.build, memory=True)

    def build(self: Builder, *args: Any, **kwargs: Any) -> Any:
        # finish() is the concrete builder's: wrap it once its class is known
        finish = type(self).finish
        if not getattr(finish, "_timed", False):
            wrapped = clock.timed("finish", finish, memory=True)
            wrapped._timed = True  # type: ignore[attr-defined]
            type(self).finish = wrapped  # type: ignore[method-assign]
        return timed_build(self, *args, **kwargs)

    Builder.build = build  # type: ignore[method-assign]

    # Sphinx's merge of a reading process's environment: pickle.loads, then merge_info_from
    # (each collector's and domain's merge, the extension's records among them).
    timed_loads = clock.timed("merge", clock.timed("merge: unpickle", pickle.loads))
    proxy = types.SimpleNamespace(
        **{name: getattr(pickle, name) for name in dir(pickle) if not name.startswith("__")}
    )
    proxy.loads = timed_loads
    sphinx.builders.pickle = proxy  # type: ignore[attr-defined]
    BuildEnvironment.merge_info_from = clock.timed(  # type: ignore[method-assign]
        "merge", clock.timed("merge: merge_info_from", BuildEnvironment.merge_info_from)
    )

    # Sphinx's toctree resolution (a private function: timed where this Sphinx has it), and
    # the two parts of Sphinx's toctree work that cost more per document the more documents
    # there are: each resolution's map of every document's parent (``_get_toctree_ancestors``)
    # and the collector's clearing of a document before it is read (a walk of every document a
    # toctree lists).
    adapters = importlib.import_module("sphinx.environment.adapters.toctree")
    if hasattr(adapters, "_resolve_toctree"):
        adapters._resolve_toctree = clock.timed("toctree", adapters._resolve_toctree)
    if hasattr(adapters, "_get_toctree_ancestors"):
        adapters._get_toctree_ancestors = clock.timed("toctree ancestors", adapters._get_toctree_ancestors)
    collectors = importlib.import_module("sphinx.environment.collectors.toctree")
    collector = collectors.TocTreeCollector
    collector.clear_doc = clock.timed("toctree clear", collector.clear_doc)  # type: ignore[method-assign]

    original_connect = sphinx.events.EventManager.connect

    def connect(self: Any, name: str, callback: Callable[..., Any], priority: int) -> int:
        if (getattr(callback, "__module__", "") or "").startswith(EXTENSION_PACKAGE):
            callback = clock.timed(f"handler {name}", callback)
            time_parent_map(clock)
        return original_connect(self, name, callback, priority)

    sphinx.events.EventManager.connect = connect  # type: ignore[method-assign]

    for (module_name, path), label in EXTENSION_STEPS.items():
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        *parents, attribute = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent, None)
        if owner is not None and hasattr(owner, attribute):
            setattr(owner, attribute, clock.timed(f"step {label}", getattr(owner, attribute)))


def time_parent_map(clock: Clock) -> None:
    """The extension's map of every document's parent, made once a build in place of Sphinx's
    once a resolution, timed as Sphinx's (``toctree ancestors``).  Wrapped once the extension is
    imported (importing it here would add its import to plain Sphinx's builds)."""
    module = sys.modules.get(f"{EXTENSION_PACKAGE}.toctree_parents")
    if module is not None and not getattr(module.parent_map, "_timed", False):
        module.parent_map = clock.timed("toctree ancestors", module.parent_map)
        module.parent_map._timed = True


def report(clock: Clock, code: int, wall: float) -> dict[str, Any]:
    totals = {label: dict(values) for label, values in clock.totals.items()}
    build = totals.get("build", {})
    phases = {name: totals.get(name, {}) for name in PHASES if name != "environment"}
    # What build() did besides reading, writing and finishing: outdated files looked for, the
    # environment pickled, the consistency checks.
    phases["environment"] = {
        key: build.get(key, 0.0) - sum(phases[name].get(key, 0.0) for name in ("read", "write", "finish"))
        for key in ("main_cpu", "children_cpu", "wall")
    }
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {
        "code": code,
        "wall_s": wall,
        "maxrss_kb": max(u.ru_maxrss for u in usage),
        "cpu_s": sum(u.ru_utime + u.ru_stime for u in usage),
        "main_cpu_s": usage[0].ru_utime + usage[0].ru_stime,
        "phases": {name: phases[name] for name in PHASES},
        "merge": totals.get("merge", {}),
        "merge_parts": {part: totals.get(f"merge: {part}", {}) for part in ("unpickle", "merge_info_from")},
        "toctree": totals.get("toctree", {}),
        "toctree_ancestors": totals.get("toctree ancestors", {}),
        "toctree_clear": totals.get("toctree clear", {}),
        "extension": {
            label.split(" ", 1)[1]: values
            for label, values in totals.items()
            if label.startswith(("handler ", "step "))
        },
    }


def main(argv: list[str]) -> int:
    out, arguments = argv[0], argv[1:]
    clock = Clock()
    instrument(clock)
    from sphinx.cmd.build import main as sphinx_build

    start = time.perf_counter()
    code = sphinx_build(arguments)
    result = report(clock, code, time.perf_counter() - start)
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(result, stream)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
