"""Benchmark: e-paper PDF pages read by their layout, and a book of them against plain Sphinx.

Run by ``make bench`` after ``archive.py`` (``python -m benchmarks.pdf_pages``, which writes
``docs/data/pdf-pages.json``); not part of the test suite.  In one run it measures:

* the PDF ingest's rate, pages per second, on the 22 People's Daily pages of
  ``../shared/corpus/pdf/rmrb-2018-01-p07`` (every step: characters, lines, blocks, roles,
  stories, the model), wall and CPU time, best of ``--repeat``; and the text ingest's rate on
  the example page, for comparison;
* the 22 pages as an archive of 22 one-page issues (``.. newspaper-archive::`` over the PDFs)
  built to HTML and EPUB with the extension, against the same articles written out beforehand
  as plain reST built with plain Sphinx (best of ``--rounds`` interleaved rounds, the side that
  goes first alternating), the extension's project set to show what the plain one shows (no
  page maps, ``newspaper_page_images = False``): cold, every build reading the PDFs
  (``pdf_archive_overhead_ratio``), and warm, from scratch but with the caches a previous build
  left in the doctree folder, the issues read and the pictures rendered
  (``pdf_archive_warm_overhead_ratio``: what a second builder or a rebuild pays); HTML cold
  then EPUB warm, as ``make html epub`` builds them with one
  doctree folder (``pdf_archive_one_doctree_overhead_ratio``); the same archive with its page
  maps (the default: every PDF page rendered as an image, ``pdf_archive_page_maps_overhead_ratio``);
  and a rebuild after nothing changed.

Prints a table, and as its last line a JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sphinx_newspaper.ingest import read_issue
from sphinx_newspaper.ingest.decode import read_text
from sphinx_newspaper.ingest.page import parse_page
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Issue

from .common import REPO, Row, add_output, heading, log, report, sphinx_build, write, write_plain_project

DEFAULT_PAGES = REPO.parent / "shared" / "corpus" / "pdf" / "rmrb-2018-01-p07"
EXAMPLE = REPO / "example_book" / "zhaotong-2023-03-24-p04.txt"
PAPER = "人民日报"
GOALS = {
    "pdf_pages_per_s": ("≥", 10.0),
    "example_pages_per_s": ("≥", 10.0),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=str(DEFAULT_PAGES), help="folder of one-page PDFs")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the ingest rates")
    parser.add_argument("--rounds", type=int, default=3, help="best of N for the builds")
    parser.add_argument("--workdir", default=None, help="where the temporary projects go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    add_output(parser, "pdf-pages")
    options = parser.parse_args(argv)
    pdfs = sorted(Path(options.pages).glob("*.pdf"))
    if not pdfs:
        print(f"no PDF pages in {options.pages} (use --pages)", file=sys.stderr)
        return 2
    return report(lambda work: run(pdfs, work, options), "newspaper-pdf-bench-", options, "pdf_pages")


def timed(repeat: int, job) -> tuple[float, float]:
    """The fastest of ``repeat`` runs: (wall seconds, CPU seconds of that run)."""
    best = (float("inf"), float("inf"))
    for _ in range(max(1, repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        job()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def run(pdfs: list[Path], work: Path, options: argparse.Namespace) -> tuple[dict[str, object], list[Row]]:
    rows: list[Row] = []
    wall, cpu = timed(options.repeat, lambda: [read_pdf(pdf) for pdf in pdfs])
    pages = len(pdfs)
    rows.append(
        Row(
            f"PDF ingest: {pages} pages, every step",
            wall,
            cpu,
            f"{pages / wall:.1f} pages/s ({pages / cpu:.1f} CPU)",
        )
    )
    text = read_text(EXAMPLE)
    example_wall, example_cpu = timed(options.repeat, lambda: [parse_page(text, "bench") for _ in range(20)])
    rows.append(
        Row(
            "text ingest: the example page, 20 times",
            example_wall,
            example_cpu,
            f"{20 / example_wall:.1f} pages/s",
        )
    )

    newspaper, plain, maps = work / "newspaper", work / "plain", work / "maps"
    issues = write_newspaper_project(pdfs, newspaper, page_images=False)
    write_newspaper_project(pdfs, maps, page_images=True)
    articles = write_plain_project(issues, plain, f"{PAPER} 理论版", PAPER)
    log(f"{pages} PDF pages, {articles} articles; projects in {work}")
    builds = {}
    sides = [
        ("plain", plain, False),
        ("newspaper", newspaper, False),
        ("warm", newspaper, True),
        ("with page maps", maps, False),
    ]
    for round_number in range(max(1, options.rounds)):
        for builder in ("html", "epub"):
            for name, project, warm in sides if round_number % 2 == 0 else sides[::-1]:
                build = warm_build(project, builder) if warm else sphinx_build(project, builder, "1")
                best = builds.get((name, builder))
                builds[(name, builder)] = build if best is None or build.seconds < best.seconds else best
    for (name, builder), build in sorted(builds.items(), key=lambda item: (item[0][1], item[0][0])):
        note = f"{build.read} docs, {build.warnings} warnings, peak RSS {build.peak_rss_mb:.0f} MB"
        rows.append(Row(f"{name} {builder.upper()} -j 1", build.seconds, build.cpu_seconds, note))
    html, epub = builds[("newspaper", "html")], builds[("newspaper", "epub")]
    warm_html, warm_epub = builds[("warm", "html")], builds[("warm", "epub")]
    plain_html, plain_epub = builds[("plain", "html")], builds[("plain", "epub")]
    sphinx_build(newspaper, "html", "1")
    again = sphinx_build(newspaper, "html", "1", fresh=False)
    rows.append(
        Row("newspaper HTML, nothing changed", again.seconds, again.cpu_seconds, f"{again.read} docs re-read")
    )
    maps_html, maps_epub = builds[("with page maps", "html")], builds[("with page maps", "epub")]
    overhead = (html.seconds + epub.seconds) / (plain_html.seconds + plain_epub.seconds)
    warm_overhead = (warm_html.seconds + warm_epub.seconds) / (plain_html.seconds + plain_epub.seconds)
    # `make html epub` (sphinx-build -M) keeps one doctree folder: the EPUB build finds the
    # issues the HTML build read
    pair_overhead = (html.seconds + warm_epub.seconds) / (plain_html.seconds + plain_epub.seconds)
    maps_overhead = (maps_html.seconds + maps_epub.seconds) / (plain_html.seconds + plain_epub.seconds)
    for label, mine, theirs in (
        ("HTML + EPUB", (html, epub), (plain_html, plain_epub)),
        ("HTML", (html,), (plain_html,)),
        ("EPUB", (epub,), (plain_epub,)),
        ("HTML + EPUB, warm", (warm_html, warm_epub), (plain_html, plain_epub)),
        ("HTML then EPUB, one doctree folder", (html, warm_epub), (plain_html, plain_epub)),
        ("HTML + EPUB with page maps", (maps_html, maps_epub), (plain_html, plain_epub)),
    ):
        ratio = sum(b.seconds for b in mine) / sum(b.seconds for b in theirs)
        cpu_ratio = sum(b.cpu_seconds for b in mine) / sum(b.cpu_seconds for b in theirs)
        rows.append(
            Row(f"overhead {label}: newspaper / plain", None, None, f"wall {ratio:.3f}, CPU {cpu_ratio:.3f}")
        )
    figures: dict[str, object] = {
        "pdf_pages": pages,
        "pdf_articles": articles,
        "pdf_pages_per_s": round(pages / wall, 2),
        "pdf_pages_per_cpu_s": round(pages / cpu, 2),
        "example_pages_per_s": round(20 / example_wall, 1),
        "pdf_archive_plain_s": round(plain_html.seconds + plain_epub.seconds, 2),
        "pdf_archive_newspaper_s": round(html.seconds + epub.seconds, 2),
        "pdf_archive_overhead_ratio": round(overhead, 3),
        "pdf_archive_warm_overhead_ratio": round(warm_overhead, 3),
        "pdf_archive_one_doctree_overhead_ratio": round(pair_overhead, 3),
        "pdf_archive_page_maps_overhead_ratio": round(maps_overhead, 3),
        "pdf_archive_noop_s": round(again.seconds, 2),
    }
    for name, (relation, goal) in GOALS.items():
        value = figures[name]
        assert isinstance(value, int | float)
        met = value >= goal if relation == "≥" else value <= goal
        rows.append(
            Row(f"goal {name} {relation} {goal:g}", None, None, f"{value} {'met' if met else 'MISSED'}")
        )
    return figures, rows


#: What the extension keeps in the doctree folder between builds: the issues read, the pictures
#: rendered (a second builder sharing the folder, or a rebuild after its output went, finds both).
EXTENSION_CACHES = ("newspaper-ingest", "newspaper-pictures")


def warm_build(project: Path, builder: str):
    """A build from scratch (no output, no saved environment) that finds the caches a previous
    build of the same builder left in its doctree folder (:data:`EXTENSION_CACHES`)."""
    doctrees = project / "_build" / f"doctrees-{builder}"
    if not (doctrees / "newspaper-ingest").is_dir():
        sphinx_build(project, builder, "1")  # leaves the caches
    shutil.rmtree(project / "_build" / builder, ignore_errors=True)
    for entry in doctrees.iterdir():
        if entry.name not in EXTENSION_CACHES:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return sphinx_build(project, builder, "1", fresh=False)


def write_newspaper_project(pdfs: list[Path], root: Path, *, page_images: bool) -> list[Issue]:
    """The extension's project: the PDFs copied in (one-page issues named by date), one archive;
    without ``page_images`` it shows what the plain project shows (no page maps)."""
    issues_dir = root / "issues"
    issues_dir.mkdir(parents=True)
    for pdf in pdfs:
        shutil.copy(pdf, issues_dir / pdf.name)
    settings = "" if page_images else "newspaper_page_images = False\n"
    write(root / "conf.py", f'project = "{PAPER} 理论版"\nextensions = ["sphinx_newspaper"]\n{settings}')
    write(
        root / "index.rst",
        heading(f"{PAPER} 理论版", "=") + f".. newspaper-archive:: issues\n   :paper: {PAPER}\n",
    )
    return [read_issue(issues_dir / pdf.name) for pdf in pdfs]


if __name__ == "__main__":
    raise SystemExit(main())
