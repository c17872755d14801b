"""What every benchmark shares: timing, the table and the JSON they write, projects and builds.

Each benchmark is a module of this package, run from the repository root as
``python -m benchmarks.NAME``; it prints a table, and writes its figures to
``docs/data/NAME.json`` (``--output``) with the date, the machine and the commit they were
measured on (:func:`save`), which the documentation's accuracy and performance pages show.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_newspaper.book.titles import chinese_date
from sphinx_newspaper.model import Article, Issue, Page

REPO = Path(__file__).resolve().parents[1]
#: Where the measurements go: the documentation's data.
DATA = REPO / "docs" / "data"
GENERATED = "newspaper"
#: Runs sphinx-build in a child process and reports its time by phase and peak RSS.
PHASES_RUNNER = Path(__file__).resolve().parent / "phases.py"
#: Sphinx's "updating environment: [reason] N added, N changed, N removed"; the extension's own
#: progress lines (reading issues) can stand between the two halves.
UPDATING = re.compile(r"(?:\[([^\]]*)\] )?(\d+) added, (\d+) changed, (\d+) removed")


# Results


def machine() -> dict[str, Any]:
    """What the figures were measured on: the shared machine's load matters as much as its CPUs."""
    return {
        "node": platform.node(),
        "machine": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load": [round(value, 1) for value in os.getloadavg()],
    }


def commit() -> str | None:
    """The commit measured, ``+`` marking changes not committed."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "HEAD")
    if not head:
        return None
    return head + ("+" if git("status", "--porcelain", "--untracked-files=no") else "")


def add_output(parser: argparse.ArgumentParser, name: str) -> None:
    """``--output``: where the figures go (``docs/data/NAME.json``; ``-`` for nowhere)."""
    parser.add_argument(
        "--output",
        default=str(DATA / f"{name}.json"),
        help=f"the JSON file to write (default docs/data/{name}.json; - for none)",
    )


def save(
    output: str | Path,
    benchmark: str,
    figures: dict[str, Any],
    argv: Sequence[str] | None = None,
    **more: Any,
) -> None:
    """Write ``figures`` with when, where and at which commit they were measured, and how the
    benchmark was run (its arguments: a reduced run says so)."""
    if str(output) == "-":
        return
    result = {
        "benchmark": f"python -m benchmarks.{benchmark}",
        "arguments": list(sys.argv[1:] if argv is None else argv),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": commit(),
        **more,
        "figures": figures,
    }
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {path}")


@dataclass
class Row:
    """One line of a benchmark's table: what was measured, wall and CPU seconds, a note."""

    what: str
    seconds: float | None
    cpu_seconds: float | None
    note: str

    def as_json(self) -> dict[str, Any]:
        seconds = None if self.seconds is None else round(self.seconds, 3)
        cpu = None if self.cpu_seconds is None else round(self.cpu_seconds, 3)
        return {"what": self.what, "wall_s": seconds, "cpu_s": cpu, "note": self.note}


def print_table(rows: list[Row]) -> None:
    width = max(len(row.what) for row in rows)
    print()
    print(f"{'measure':<{width}}  {'wall s':>8}  {'CPU s':>8}  note")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  {'-' * 30}")
    for row in rows:
        seconds = f"{row.seconds:8.2f}" if row.seconds is not None else " " * 8
        cpu = f"{row.cpu_seconds:8.2f}" if row.cpu_seconds is not None else " " * 8
        print(f"{row.what:<{width}}  {seconds}  {cpu}  {row.note}")
    print()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def best_of(repeat: int, job: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs of ``job``, in seconds."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def reread(build: Build, full: Build) -> str:
    note = f"{build.read} of {full.read} docs re-read"
    return f"{note} [{build.reason}]" if build.reason else note


def report(
    measure: Callable[[Path], tuple[dict[str, object], list[Row]]],
    prefix: str,
    options: argparse.Namespace,
    benchmark: str,
) -> int:
    """``measure`` in a temporary folder (kept with ``--keep``), then its table and, as the last
    line, its figures as JSON, also written to ``options.output`` (:func:`save`)."""
    # Compiled once, as an installed package is: where PYTHONDONTWRITEBYTECODE is set, every
    # timed sphinx-build would otherwise compile the extension's modules again (about 80 ms).
    compileall.compile_dir(REPO / "sphinx_newspaper", quiet=1)
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=options.workdir))
    try:
        figures, rows = measure(work)
    finally:
        if options.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    print(json.dumps(figures, ensure_ascii=False))
    save(options.output, benchmark, figures, table=[row.as_json() for row in rows])
    return 0


# Projects


def write_plain_project(issues: list[Issue], root: Path, title: str, paper: str) -> int:
    """The same articles as plain reST, the baseline the extension is measured against: what
    its pages show, in the same volume → (month →) issue → page → article toctrees, so every
    page's sidebar shows the same navigation path.  Returns the article count."""
    root.mkdir(parents=True)
    first_year = min(issue.date.year for issue in issues if issue.date is not None)
    (root / "conf.py").write_text(
        f'project = "{title}"\nlanguage = "zh_CN"\n'
        f'exclude_patterns = ["_build"]\nepub_basename = "plain"\ncopyright = "{first_year}"\nversion = "1"\n',
        encoding="utf-8",
    )
    issue_names = []
    count = 0
    for issue in issues:
        assert issue.date is not None
        key = issue.date.isoformat()
        folder = root / GENERATED / key
        folder.mkdir(parents=True)
        issue_names.append(f"{GENERATED}/{key}/index")
        pages = []
        for page in issue.pages:
            pages.append(page.slug)
            names = []
            for article in page.articles:
                names.append(article.id)
                write(folder / f"{article.id}.rst", article_rst(article, issue, page, paper))
                count += 1
            body = (
                heading(f"第{page.number}版", "=") + toctree(names) + "".join(para(c) for c in page.credits)
            )
            write(folder / f"{page.slug}.rst", body)
        write(folder / "index.rst", heading(f"{paper} {chinese_date(issue.date)}", "=") + toctree(pages))
    # Months between the volume and its issues when there are several, as the extension makes.
    months: dict[str, list[str]] = {}
    for issue, name in zip(issues, issue_names, strict=True):
        assert issue.date is not None
        months.setdefault(f"{issue.date.year:04d}-{issue.date.month:02d}", []).append(name)
    if len(months) > 1:
        issue_names = []
        for month, names in months.items():
            year, number = month.split("-")
            text = heading(f"{paper} {int(year)}年{int(number)}月", "=") + toctree(names, maxdepth=None)
            write(root / GENERATED / f"{month}.rst", text.replace(f"   {GENERATED}/", "   "))
            issue_names.append(f"{GENERATED}/{month}")
    # The root toctree without :maxdepth:, as the extension's: every page's sidebar then shows
    # the same volume → issue → page → article path (with :maxdepth: 1 it would list the issues
    # only, and the comparison would measure the theme's sidebar, not the extension).
    write(root / "index.rst", heading(title, "=") + toctree(issue_names, maxdepth=None))
    return count


def article_rst(article: Article, issue: Issue, page: Page, paper: str) -> str:
    """One article as reST: what the extension's article page shows, in the same order."""
    parts = [heading(article.title, "=")]
    for line in (article.kicker, article.subtitle, article.byline):
        if line:
            parts.append(para(line))
    assert issue.date is not None
    parts.append(para(f"{paper} · {chinese_date(issue.date)} · 第{page.number}版"))
    for block in article.blocks:
        if block.kind == "subhead":
            parts.append(f".. rubric:: {escape(block.text)}\n\n")
            if block.deck:
                parts.append(para(block.deck))
        else:
            parts.append(para(block.text))
    parts.extend(para(caption) for caption in article.captions)
    return "".join(parts)


def escape(text: str) -> str:
    """Text reST reads literally: every ASCII punctuation character backslash-escaped."""
    return "".join(
        "\\" + char if char.isascii() and not char.isalnum() and not char.isspace() else char for char in text
    )


def heading(text: str, underline: str) -> str:
    text = escape(text)
    return f"{text}\n{underline * (2 * len(text) + 2)}\n\n"


def para(text: str) -> str:
    return escape(text) + "\n\n"


def toctree(names: list[str], maxdepth: int | None = 1) -> str:
    option = f"   :maxdepth: {maxdepth}\n" if maxdepth is not None else ""
    return ".. toctree::\n" + option + "\n" + "".join(f"   {name}\n" for name in names) + "\n"


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# Building


@dataclass
class Build:
    """One sphinx-build run: wall and CPU time, documents read, peak RSS."""

    seconds: float
    cpu_seconds: float
    read: int
    peak_rss_mb: float
    reason: str
    warnings: int = 0
    report: dict = field(default_factory=dict)  # phases.py's report: CPU time by phase

    @property
    def main_cpu(self) -> float:
        return float(self.report.get("main_cpu_s", self.cpu_seconds))


def sphinx_build(project: Path, builder: str, jobs: str, *, fresh: bool = True) -> Build:
    """Run sphinx-build in a child process (``phases.py``); ``fresh`` starts from empty output
    and doctrees (the generated article sources stay, as they do between a user's builds)."""
    out = project / "_build" / builder
    doctrees = project / "_build" / f"doctrees-{builder}"
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    report = project / "_build" / "report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        str(PHASES_RUNNER),
        str(report),
        "-b",
        builder,
        "-j",
        jobs,
        "-d",
        str(doctrees),
    ]
    command += [str(project), str(out)]
    log(
        f"sphinx-build -b {builder} -j {jobs} {project.parent.name}/{project.name}{'' if fresh else ' (again)'} ..."
    )
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"sphinx-build failed for {project} ({builder})")
    stats = json.loads(report.read_text(encoding="utf-8"))
    match = UPDATING.search(strip_colours(result.stdout))
    read = int(match[2]) + int(match[3]) if match else 0
    reason = match[1] or "" if match else ""
    warned = [line for line in strip_colours(result.stderr).splitlines() if "WARNING" in line]
    warnings = len(warned)
    for line in warned[:3]:
        log(f"  {line}")
    log(
        f"  {seconds:.1f} s, {stats['cpu_s']:.1f} s CPU, peak RSS {stats['maxrss_kb'] / 1024:.0f} MB, "
        f"{read} documents read, {warnings} warnings"
    )
    return Build(seconds, stats["cpu_s"], read, stats["maxrss_kb"] / 1024, reason, warnings, stats)


def strip_colours(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
