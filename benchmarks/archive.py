"""Benchmark: a month of People's Daily (2,194 articles) as a book, against plain Sphinx.

Run by ``make bench``; not part of the test suite.  In one run it measures:

* the month built as HTML and EPUB with the extension (a temporary project whose index holds
  ``.. newspaper-archive:: issues`` over a copy of the corpus), and the same articles written
  out beforehand as plain reST (volume → issue → page → article toctrees) built with plain
  Sphinx: the limit the extension is measured against (``overhead_ratio``);
* a rebuild after one article file changed: documents re-read and time (``incremental_ratio``),
  and a rebuild after nothing changed;
* ``-j 1`` against ``-j auto`` for the extension's HTML build (``parallel_speedup``), and
  against ``-j`` cores + 1, with which Sphinx writes on every core;
* the ingest's parsing speed without disk reads, and OpenCC ``s2t`` speed (chars/s);
* the peak RSS of the month's HTML build (``sphinx-build`` run as a child process);
* pages far larger than printed ones, read in near linear time (``big_pages.py``).

Prints a table, and as its last line a JSON object with the headline figures.  ``--quick``
takes the first week only, for trying it out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import big_pages  # noqa: E402  (beside this script)

from sphinx_newspaper.chinese import converter  # noqa: E402
from sphinx_newspaper.ingest.decode import read_text  # noqa: E402
from sphinx_newspaper.ingest.folders import parse_article, read_article_folder  # noqa: E402
from sphinx_newspaper.model import Article, Issue, Page  # noqa: E402
from sphinx_newspaper.titles import chinese_date  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "rmrb-2020-01"
PAPER = "人民日报"
GENERATED = "newspaper"
GOALS = {
    "overhead_ratio": ("≤", 1.15),
    "incremental_ratio": ("≤", 0.10),
    "ingest_chars_per_s": ("≥", 2_000_000),
    "peak_rss_mb": ("<", 2048),
    "linearity_over": ("≤", 2.0),
    "linearity_collected": ("≤", 2.0),
    "big_page_peak_rss_mb": ("<", 1024),
}

# Runs sphinx-build inside a child process and reports that process's own peak RSS (and its
# children's, for -j): the same Python and Sphinx as this script.
RUNNER = """
import json, resource, sys
from sphinx.cmd.build import main
code = main(sys.argv[2:])
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
report = {
    "code": code,
    "maxrss_kb": max(u.ru_maxrss for u in usage),
    "cpu_s": sum(u.ru_utime + u.ru_stime for u in usage),
}
with open(sys.argv[1], "w") as out:
    json.dump(report, out)
sys.exit(code)
"""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
UPDATING = re.compile(r"updating environment: (?:\[([^\]]*)\] )?(\d+) added, (\d+) changed, (\d+) removed")


@dataclass
class Build:
    """One sphinx-build run: wall and CPU time, documents read, peak RSS."""

    seconds: float
    cpu_seconds: float
    read: int
    peak_rss_mb: float
    reason: str
    warnings: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    corpus = Path(options.corpus).resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus} (use --corpus)", file=sys.stderr)
        return 2
    days = sorted(path for path in corpus.iterdir() if path.is_dir() and not path.name.startswith("."))
    if options.quick:
        days = days[:7]
    work = Path(tempfile.mkdtemp(prefix="newspaper-bench-", dir=options.workdir))
    try:
        figures, rows = run(days, work, options)
    finally:
        if options.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    print(json.dumps(figures, ensure_ascii=False))
    return 0


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of issue folders")
    parser.add_argument("--quick", action="store_true", help="the first week only")
    parser.add_argument("--jobs", default="auto", help="-j for the parallel build (default: auto)")
    parser.add_argument("--workdir", default=None, help="where the temporary projects go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the ingest and OpenCC figures")
    parser.add_argument("--rounds", type=int, default=3, help="best of N for the plain/newspaper builds")
    return parser.parse_args(argv)


def run(days: list[Path], work: Path, options: argparse.Namespace) -> tuple[dict[str, object], list[Row]]:
    rows: list[Row] = []
    texts = [read_text(path) for day in days for path in sorted(day.glob("*.txt"))]
    chars = sum(len(text) for text in texts)
    ingest = best_of(options.repeat, lambda: [parse_article(text, "bench", "p00-00") for text in texts])
    s2t = converter("s2t")
    opencc = best_of(options.repeat, lambda: [s2t(text) for text in texts])
    speed = f"{chars / ingest / 1e6:.1f} M chars/s"
    rows.append(Row("ingest: parse the text (no disk reads)", ingest, None, speed))
    rows.append(Row("OpenCC s2t", opencc, None, f"{chars / opencc / 1e6:.1f} M chars/s"))
    folders = best_of(options.repeat, lambda: [read_article_folder(day) for day in days])
    speed = f"{chars / folders / 1e6:.1f} M chars/s (files in the page cache)"
    rows.append(Row("ingest: read_article_folder, decoding included", folders, None, speed))
    big_figures, big_rows = big_pages.run(work, options.quick)
    rows.extend(Row(what, seconds or None, None, note) for what, seconds, note in big_rows)

    newspaper = work / "newspaper"
    plain = work / "plain"
    issues = write_newspaper_project(days, newspaper)
    articles = write_plain_project(issues, plain)
    log(f"{len(days)} issues, {articles} articles, {chars:,} characters; projects in {work}")

    # Interleaved, best of --rounds, the side that goes first alternating: other load on the
    # machine and cold caches hit both sides alike.
    builds: dict[tuple[str, str], Build] = {}
    sides = [("plain", plain), ("newspaper", newspaper)]
    for round_number in range(max(1, options.rounds)):
        for builder in ("html", "epub"):
            for name, project in sides if round_number % 2 == 0 else sides[::-1]:
                build = sphinx_build(project, builder, "1")
                best = builds.get((name, builder))
                builds[(name, builder)] = build if best is None or build.seconds < best.seconds else best
    html, epub = builds[("newspaper", "html")], builds[("newspaper", "epub")]
    plain_html, plain_epub = builds[("plain", "html")], builds[("plain", "epub")]
    for (name, builder), build in sorted(builds.items(), key=lambda item: (item[0][1], item[0][0])):
        note = f"{build.read} docs, {build.warnings} warnings, peak RSS {build.peak_rss_mb:.0f} MB"
        rows.append(Row(f"{name} {builder.upper()} -j 1", build.seconds, build.cpu_seconds, note))

    sphinx_build(newspaper, "html", "1")  # the output the rebuilds start from
    noop = sphinx_build(newspaper, "html", "1", fresh=False)
    rows.append(Row("newspaper HTML, nothing changed", noop.seconds, noop.cpu_seconds, reread(noop, html)))
    changed = change_one_article(newspaper / "issues")
    incremental = sphinx_build(newspaper, "html", "1", fresh=False)
    note = reread(incremental, html)
    rows.append(Row(f"newspaper HTML, {changed} changed", incremental.seconds, incremental.cpu_seconds, note))

    jobs = f"-j {options.jobs} ({os.cpu_count()} CPUs)"
    parallel = sphinx_build(newspaper, "html", options.jobs, label="parallel")
    plain_parallel = sphinx_build(plain, "html", options.jobs, label="parallel")
    speedup = html.seconds / parallel.seconds
    plain_speedup = plain_html.seconds / plain_parallel.seconds
    note = f"speedup {speedup:.2f}"
    rows.append(Row(f"newspaper HTML {jobs}", parallel.seconds, parallel.cpu_seconds, note))
    note = f"speedup {plain_speedup:.2f}"
    rows.append(Row(f"plain HTML {jobs}", plain_parallel.seconds, plain_parallel.cpu_seconds, note))
    # Sphinx writes with -j minus one worker processes (the main process resolves doctrees): on
    # N cores, -j N+1 is the setting that writes on every core.
    writers = str((os.cpu_count() or 1) + 1)
    for name, project, serial in (("newspaper", newspaper, html), ("plain", plain, plain_html)):
        build = sphinx_build(project, "html", writers, label="writers")
        note = f"speedup {serial.seconds / build.seconds:.2f} (one writing process per core)"
        rows.append(Row(f"{name} HTML -j {writers}", build.seconds, build.cpu_seconds, note))

    plain_s = plain_html.seconds + plain_epub.seconds
    newspaper_s = html.seconds + epub.seconds
    figures: dict[str, object] = {
        "articles": articles,
        "plain_s": round(plain_s, 2),
        "newspaper_s": round(newspaper_s, 2),
        "overhead_ratio": round(newspaper_s / plain_s, 3),
        "incremental_ratio": round(incremental.seconds / html.seconds, 3),
        "parallel_speedup": round(speedup, 3),
        "ingest_chars_per_s": round(chars / ingest),
        "opencc_chars_per_s": round(chars / opencc),
        "peak_rss_mb": round(max(html.peak_rss_mb, parallel.peak_rss_mb), 1),
        **big_figures,
    }
    for label, mine, theirs in (
        ("HTML + EPUB", (html, epub), (plain_html, plain_epub)),
        ("HTML", (html,), (plain_html,)),
        ("EPUB", (epub,), (plain_epub,)),
    ):
        wall = sum(b.seconds for b in mine) / sum(b.seconds for b in theirs)
        cpu = sum(b.cpu_seconds for b in mine) / sum(b.cpu_seconds for b in theirs)
        rows.append(
            Row(f"overhead {label}: newspaper / plain", None, None, f"wall {wall:.3f}, CPU {cpu:.3f}")
        )
    for name, (relation, goal) in GOALS.items():
        value = figures[name]
        assert isinstance(value, int | float)
        met = value <= goal if relation == "≤" else value >= goal if relation == "≥" else value < goal
        note = f"{value} {'met' if met else 'MISSED'}"
        rows.append(Row(f"goal {name} {relation} {goal:g}", None, None, note))
    return figures, rows


@dataclass
class Row:
    what: str
    seconds: float | None
    cpu_seconds: float | None
    note: str


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


# Projects


def write_newspaper_project(days: list[Path], root: Path) -> list[Issue]:
    """The extension's project: the corpus copied inside the source folder, one archive directive."""
    issues_dir = root / "issues"
    issues_dir.mkdir(parents=True)
    for day in days:
        shutil.copytree(day, issues_dir / day.name)
    (root / "conf.py").write_text(
        f'project = "{PAPER} 2020年1月"\nextensions = ["sphinx_newspaper"]\n', encoding="utf-8"
    )
    (root / "index.rst").write_text(
        heading(f"{PAPER} 2020年1月", "=") + f".. newspaper-archive:: issues\n   :paper: {PAPER}\n",
        encoding="utf-8",
    )
    return [read_article_folder(issues_dir / day.name) for day in days]


def write_plain_project(issues: list[Issue], root: Path) -> int:
    """The same articles as plain reST, volume → issue → page → article; returns the article count."""
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        f'project = "{PAPER} 2020年1月"\nlanguage = "zh_CN"\n'
        'exclude_patterns = ["_build"]\nepub_basename = "plain"\ncopyright = "2020"\nversion = "1"\n',
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
                write(folder / f"{article.id}.rst", article_rst(article, issue, page))
                count += 1
            body = (
                heading(f"第{page.number}版", "=") + toctree(names) + "".join(para(c) for c in page.credits)
            )
            write(folder / f"{page.slug}.rst", body)
        write(folder / "index.rst", heading(f"{PAPER} {chinese_date(issue.date)}", "=") + toctree(pages))
    # The root toctree without :maxdepth:, as the extension's: every page's sidebar then shows
    # the same volume → issue → page → article path (with :maxdepth: 1 it would list the issues
    # only, and the comparison would measure the theme's sidebar, not the extension).
    write(root / "index.rst", heading(f"{PAPER} 2020年1月", "=") + toctree(issue_names, maxdepth=None))
    return count


def article_rst(article: Article, issue: Issue, page: Page) -> str:
    """One article as reST: what the extension's article page shows, in the same order."""
    parts = [heading(article.title, "=")]
    for line in (article.kicker, article.subtitle, article.byline):
        if line:
            parts.append(para(line))
    assert issue.date is not None
    parts.append(para(f"{PAPER} · {chinese_date(issue.date)} · 第{page.number}版"))
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


def change_one_article(issues: Path) -> str:
    """Change a word in one article in the middle of the month; returns its file name."""
    files = sorted(issues.glob("*/*.txt"))
    path = files[len(files) // 2]
    text = path.read_bytes().decode("utf-8")
    position = text.index("\u3000\u3000") + 2
    path.write_bytes((text[:position] + "（改）" + text[position:]).encode("utf-8"))
    return path.name


# Building


def sphinx_build(project: Path, builder: str, jobs: str, *, fresh: bool = True, label: str = "") -> Build:
    """Run sphinx-build in a child process; ``fresh`` starts from empty output and doctrees."""
    out = project / "_build" / (label or builder)
    doctrees = project / "_build" / f"doctrees-{label or builder}"
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    report = project / "_build" / "report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", RUNNER, str(report), "-b", builder, "-j", jobs, "-d", str(doctrees)]
    command += [str(project), str(out)]
    log(f"sphinx-build -b {builder} -j {jobs} {project.name}{'' if fresh else ' (again)'} ...")
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
    log(f"  {seconds:.1f} s, {read} documents read, {warnings} warnings")
    return Build(seconds, stats["cpu_s"], read, stats["maxrss_kb"] / 1024, reason, warnings)


def strip_colours(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


if __name__ == "__main__":
    raise SystemExit(main())
