"""Benchmark parts for issue 17, used by ``archive.py``: the serial time of a parallel build by
phase, the projection to a machine with more cores, and longer archives made from the month.

**Serial time by phase.**  ``phases.py`` reports, for each phase of a build, the CPU time of
the main process and of the worker processes it reaped.  In a parallel build the main
process's CPU time is the serial part: Sphinx reads in ``-j`` processes and writes in ``-j``
minus one, but it merges what the readers send back, resolves every document (``doctree-
resolved`` runs there), pickles the environment and finishes (search index, EPUB packaging) in
the main process alone.

**Projection** (Amdahl's law, phase by phase).  For ``-j J`` on ``N`` cores a build is
projected to take, from the CPU times measured in one parallel build on this machine::

    startup  S + W / min(J, N)        builder-inited: the extension's issue readers
    read     S' + W / min(J, N)       S' = the merges scaled by Sphinx's chunk count at J
    saving   S
    write    S + W / min(J - 1, N)    J - 1 writing processes
    finish   S + W

(``S`` main-process CPU, ``W`` worker CPU of that phase) and ``-j 1`` takes the CPU time of the
measured ``-j 1`` build.  Sphinx's merges unpickle the whole environment once per chunk of
documents, so their cost grows with the number of chunks (``sphinx.util.parallel.make_chunks``),
while the rest of the main process's work grows with the documents.  It is a model: it leaves
out memory bandwidth, the cost of forking more processes, and the overlap of the main process
with the workers (which makes real builds a little faster than the sum).

**Longer archives.**  A quarter and a year are made from the month's issues by shifting their
dates (day 5 of January is copied as day 5 of every month that has one), in the benchmark's
temporary folder only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.util.parallel import make_chunks

PHASES = ("startup", "read", "environment", "write", "finish")
#: The extension's own work in the main process, as ``phases.py`` labels it.
EXTENSION_WORK = {
    "reading issues": "builder-inited: reading issues",
    "writing sources": "builder-inited: writing generated sources",
    "doctree-resolved": "doctree-resolved: navigation",
    "env-merge-info": "read: merging its records",
    "html-page-context": "write: page context",
    "EPUB packaging": "finish: EPUB packaging",
    "build-finished": "finish: Show source copies",
}

Report = Mapping[str, Any]


def main_cpu(report: Report, phase: str) -> float:
    return float(report["phases"][phase].get("main_cpu", 0.0))


def worker_cpu(report: Report, phase: str) -> float:
    return max(0.0, float(report["phases"][phase].get("children_cpu", 0.0)))


def chunk_count(documents: int, jobs: int) -> int:
    """How many chunks Sphinx cuts ``documents`` into for ``jobs`` processes."""
    return len(make_chunks(list(range(documents)), max(1, jobs)))


def projected_seconds(serial: Report, parallel: Report, measured_jobs: int, jobs: int, cores: int) -> float:
    """A build at ``-j jobs`` on ``cores`` cores, from a ``-j 1`` report and a parallel one."""
    if jobs <= 1:
        return float(serial["cpu_s"])
    documents = int(parallel.get("documents") or 0)
    merges = float(parallel.get("merge", {}).get("main_cpu", 0.0))
    scale = chunk_count(documents, jobs) / chunk_count(documents, measured_jobs) if documents else 1.0
    readers, writers = min(jobs, cores), max(1, min(jobs - 1, cores))
    seconds = main_cpu(parallel, "startup") + worker_cpu(parallel, "startup") / readers
    seconds += main_cpu(parallel, "read") - merges + merges * scale + worker_cpu(parallel, "read") / readers
    seconds += main_cpu(parallel, "environment")
    seconds += main_cpu(parallel, "write") + worker_cpu(parallel, "write") / writers
    seconds += main_cpu(parallel, "finish") + worker_cpu(parallel, "finish")
    # what the main process did outside the phases (argument parsing, exit)
    inside = sum(main_cpu(parallel, phase) for phase in PHASES)
    return seconds + max(0.0, float(parallel["main_cpu_s"]) - inside)


def extension_serial(report: Report) -> dict[str, float]:
    """The extension's own main-process CPU time, by the labels of :data:`EXTENSION_WORK`."""
    found = report.get("extension", {})
    return {label: float(found[name]["main_cpu"]) for name, label in EXTENSION_WORK.items() if name in found}


# Longer archives


def shifted_archive(days: list[Path], months: int, destination: Path) -> list[Path]:
    """``months`` months of issues from one month's day folders (``YYYYMMDD``), dates shifted:
    day N of the month is copied as day N of each following month that has one."""
    first = dt.date(int(days[0].name[:4]), int(days[0].name[4:6]), 1)
    by_day = {int(day.name[6:8]): day for day in days}
    made = []
    for offset in range(months):
        year, month = divmod(first.month - 1 + offset, 12)
        year, month = first.year + year, month + 1
        for number in range(1, calendar.monthrange(year, month)[1] + 1):
            day = by_day.get(number)
            if day is None:
                continue
            old, new = day.name, f"{year:04d}{month:02d}{number:02d}"
            folder = destination / new
            folder.mkdir(parents=True)
            for path in sorted(day.iterdir()):
                shutil.copyfile(path, folder / path.name.replace(old, new, 1))
            made.append(folder)
    return made


def shifted_weeks(days: list[Path], weeks: int, destination: Path) -> list[Path]:
    """``weeks`` weeks of issues from one week's day folders, dates shifted by 7 days each."""
    made = []
    for week in range(weeks):
        for day in days:
            date = dt.date(int(day.name[:4]), int(day.name[4:6]), int(day.name[6:8])) + dt.timedelta(
                weeks=week
            )
            new = date.strftime("%Y%m%d")
            folder = destination / new
            folder.mkdir(parents=True)
            for path in sorted(day.iterdir()):
                shutil.copyfile(path, folder / path.name.replace(day.name, new, 1))
            made.append(folder)
    return made
