"""Benchmark: a month of People's Daily (2,194 articles) as a book, against plain Sphinx.

Run by ``make bench``; not part of the test suite.  In one run it measures:

* the month built as HTML and EPUB with the extension (a temporary project whose index holds
  ``.. newspaper-archive:: issues`` over a copy of the corpus), and the same articles written
  out beforehand as plain reST (volume → issue → page → article toctrees) built with plain
  Sphinx: the limit the extension is measured against (``overhead_ratio``);
* a rebuild after one article file changed: documents re-read and time (``incremental_ratio``),
  and a rebuild after nothing changed;
* ``-j 1`` against ``-j auto`` for the extension's HTML build (``parallel_speedup``);
* the ingest's parsing speed without disk reads, and OpenCC ``s2t`` speed (chars/s);
* the peak RSS of the month's HTML build (``sphinx-build`` run as a child process).

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

from sphinx_newspaper.book import chinese_date  # noqa: E402
from sphinx_newspaper.chinese import converter  # noqa: E402
from sphinx_newspaper.ingest.decode import read_text  # noqa: E402
from sphinx_newspaper.ingest.folders import parse_article, read_article_folder  # noqa: E402
from sphinx_newspaper.model import Article, Issue, Page  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "rmrb-2020-01"
PAPER = "人民日报"
GENERATED = "newspaper"
GOALS = {
    "overhead_ratio": ("≤", 1.15),
    "incremental_ratio": ("≤", 0.10),
    "ingest_chars_per_s": ("≥", 2_000_000),
    "peak_rss_mb": ("<", 2048),
}

# Runs sphinx-build inside a child process and reports that process's own peak RSS (and its
# children's, for -j): the same Python and Sphinx as this script.
RUNNER = """
import json, resource, sys
from sphinx.cmd.build import main
code = main(sys.argv[2:])
usage = [resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "maxrss_kb": max(usage)}, out)
sys.exit(code)
"""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
UPDATING = re.compile(r"updating environment: (?:\[([^\]]*)\] )?(\d+) added, (\d+) changed, (\d+) removed")


@dataclass
class Build:
    """One sphinx-build run: wall time, documents read, peak RSS."""

    seconds: float
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
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the speed figures")
    return parser.parse_args(argv)


def run(days: list[Path], work: Path, options: argparse.Namespace) -> tuple[dict[str, object], list[Row]]:
    rows: list[Row] = []
    texts = [read_text(path) for day in days for path in sorted(day.glob("*.txt"))]
    chars = sum(len(text) for text in texts)
    ingest = best_of(options.repeat, lambda: [parse_article(text, "bench", "p00-00") for text in texts])
    s2t = converter("s2t")
    opencc = best_of(options.repeat, lambda: [s2t(text) for text in texts])
    rows.append(
        Row("ingest: parse the text (no disk reads)", ingest, f"{chars / ingest / 1e6:.1f} M chars/s")
    )
    rows.append(Row("OpenCC s2t", opencc, f"{chars / opencc / 1e6:.1f} M chars/s"))

    newspaper = work / "newspaper"
    plain = work / "plain"
    issues = write_newspaper_project(days, newspaper)
    articles = write_plain_project(issues, plain)
    log(f"{len(days)} issues, {articles} articles, {chars:,} characters; projects in {work}")

    html = sphinx_build(newspaper, "html", "1")
    rows.append(
        Row("newspaper HTML -j 1", html.seconds, f"{html.read} docs, peak RSS {html.peak_rss_mb:.0f} MB")
    )
    epub = sphinx_build(newspaper, "epub", "1")
    rows.append(Row("newspaper EPUB -j 1", epub.seconds, f"{epub.read} docs"))
    plain_html = sphinx_build(plain, "html", "1")
    note = f"{plain_html.read} docs, {plain_html.warnings} warnings"
    rows.append(Row("plain Sphinx HTML -j 1", plain_html.seconds, note))
    plain_epub = sphinx_build(plain, "epub", "1")
    rows.append(Row("plain Sphinx EPUB -j 1", plain_epub.seconds, f"{plain_epub.read} docs"))

    noop = sphinx_build(newspaper, "html", "1", fresh=False)
    rows.append(Row("newspaper HTML, nothing changed", noop.seconds, reread(noop, html)))
    changed = change_one_article(newspaper / "issues")
    incremental = sphinx_build(newspaper, "html", "1", fresh=False)
    rows.append(Row(f"newspaper HTML, {changed} changed", incremental.seconds, reread(incremental, html)))

    parallel = sphinx_build(newspaper, "html", options.jobs, label="parallel")
    rows.append(Row(f"newspaper HTML -j {options.jobs} ({os.cpu_count()} CPUs)", parallel.seconds, ""))

    plain_s = plain_html.seconds + plain_epub.seconds
    newspaper_s = html.seconds + epub.seconds
    figures: dict[str, object] = {
        "articles": articles,
        "plain_s": round(plain_s, 2),
        "newspaper_s": round(newspaper_s, 2),
        "overhead_ratio": round(newspaper_s / plain_s, 3),
        "incremental_ratio": round(incremental.seconds / html.seconds, 3),
        "parallel_speedup": round(html.seconds / parallel.seconds, 3),
        "ingest_chars_per_s": round(chars / ingest),
        "opencc_chars_per_s": round(chars / opencc),
        "peak_rss_mb": round(html.peak_rss_mb, 1),
    }
    rows.append(Row("overhead (HTML + EPUB) newspaper / plain", None, f"{figures['overhead_ratio']}"))
    rows.append(Row("overhead HTML only", None, f"{html.seconds / plain_html.seconds:.3f}"))
    for name, (relation, goal) in GOALS.items():
        value = figures[name]
        assert isinstance(value, int | float)
        met = value <= goal if relation == "≤" else value >= goal if relation == "≥" else value < goal
        rows.append(Row(f"goal {name} {relation} {goal:g}", None, f"{value} {'met' if met else 'MISSED'}"))
    return figures, rows


@dataclass
class Row:
    what: str
    seconds: float | None
    note: str


def print_table(rows: list[Row]) -> None:
    width = max(len(row.what) for row in rows)
    print()
    print(f"{'measure':<{width}}  {'seconds':>8}  note")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 30}")
    for row in rows:
        seconds = f"{row.seconds:8.2f}" if row.seconds is not None else " " * 8
        print(f"{row.what:<{width}}  {seconds}  {row.note}")
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
        'exclude_patterns = ["_build"]\nepub_basename = "plain"\n',
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
    write(root / "index.rst", heading(f"{PAPER} 2020年1月", "=") + toctree(issue_names))
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


def toctree(names: list[str]) -> str:
    return ".. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   {name}\n" for name in names) + "\n"


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
    warnings = strip_colours(result.stderr).count("WARNING")
    log(f"  {seconds:.1f} s, {read} documents read, {warnings} warnings")
    return Build(seconds, read, stats["maxrss_kb"] / 1024, reason, warnings)


def strip_colours(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


if __name__ == "__main__":
    raise SystemExit(main())
