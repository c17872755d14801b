"""Run ``sphinx-build`` in this process and report where its time went, phase by phase.

Used by :mod:`archive` as the child process of every build it times:

    python benchmarks/phases.py REPORT.json [sphinx-build arguments...]

For each phase of the build (startup, reading, the environment saved, writing, finishing) it
records the main process's own CPU time, the CPU time of the worker processes Sphinx (or the
extension) forked and reaped in that phase, and the wall time.  In a parallel build the main
process's CPU time is the serial part: however many cores there are, nothing else does that work.
Event handlers are timed one by one and put down to their module (this extension or the rest),
and so are the extension's two steps at ``builder-inited``, reading the issues and writing the
generated sources.
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import sphinx.events
from sphinx.application import Sphinx
from sphinx.builders import Builder

PHASES = ("startup", "read", "environment", "write", "finish")
#: Extension steps timed on their own: (module, function) -> name in the report.
EXTENSION_STEPS = {
    ("sphinx_newspaper.generate", "collect_book"): "builder-inited: reading issues",
    ("sphinx_newspaper.generate", "write_book"): "builder-inited: writing sources",
}


class Clock:
    """Main-process CPU, reaped children's CPU and wall time, added up by label."""

    def __init__(self) -> None:
        self.totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    @staticmethod
    def now() -> tuple[float, float, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time(), children.ru_utime + children.ru_stime, time.perf_counter()

    def timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
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

        return wrapper


def instrument(clock: Clock) -> None:
    Sphinx.__init__ = clock.timed("startup", Sphinx.__init__)
    Builder.read = clock.timed("read", Builder.read)
    Builder.write = clock.timed("write", Builder.write)
    Builder.build = clock.timed("build", Builder.build)
    # finish() is looked up on the concrete builder class, so wrap it where it is called from.
    original_build = Builder.build

    def build(self: Builder, *args: Any, **kwargs: Any) -> Any:
        finish = type(self).finish
        if not getattr(finish, "_timed", False):
            wrapped = clock.timed("finish", finish)
            wrapped._timed = True  # type: ignore[attr-defined]
            type(self).finish = wrapped  # type: ignore[method-assign]
        return original_build(self, *args, **kwargs)

    Builder.build = build  # type: ignore[method-assign]

    original_connect = sphinx.events.EventManager.connect

    def connect(self: Any, name: str, callback: Callable[..., Any], priority: int) -> int:
        module = getattr(callback, "__module__", "") or ""
        owner = "extension" if module.startswith("sphinx_newspaper") else "sphinx"
        return original_connect(self, name, clock.timed(f"{owner} {name}", callback), priority)

    sphinx.events.EventManager.connect = connect  # type: ignore[method-assign]

    for (module_name, function), label in EXTENSION_STEPS.items():
        try:
            module = __import__(module_name, fromlist=[function])
        except ImportError:
            continue
        if hasattr(module, function):
            setattr(module, function, clock.timed(f"extension {label}", getattr(module, function)))


def report(clock: Clock, code: int, wall: float) -> dict[str, Any]:
    totals = {label: dict(values) for label, values in clock.totals.items()}
    build = totals.get("build", {})
    phases = {name: totals.get(name, {}) for name in PHASES if name != "environment"}
    # What build() did besides reading, writing and finishing: the environment pickled, the
    # consistency checks, the outdated files looked for.
    phases["environment"] = {
        key: build.get(key, 0.0) - sum(phases[name].get(key, 0.0) for name in ("read", "write", "finish"))
        for key in ("main_cpu", "children_cpu", "wall")
    }
    handlers = {
        label: values for label, values in totals.items() if label.split(" ", 1)[0] in ("extension", "sphinx")
    }
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {
        "code": code,
        "wall_s": wall,
        "maxrss_kb": max(u.ru_maxrss for u in usage),
        "cpu_s": sum(u.ru_utime + u.ru_stime for u in usage),
        "main_cpu_s": usage[0].ru_utime + usage[0].ru_stime,
        "phases": {name: phases[name] for name in PHASES},
        "handlers": handlers,
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
