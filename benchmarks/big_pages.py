"""Benchmark: pages far larger than any printed page are read in near linear time (issue 12).

Run by ``make bench`` (from ``archive.py``) or on its own (``python -m benchmarks.big_pages``,
which writes ``docs/data/big-pages.json``).
The pages are made here, from a fixed random seed and the example page the project ships:

* ``N headlines over their stories``: N short stories, each a headline over its paragraph;
* ``N headlines collected at the end``: the same stories without datelines and with every
  headline after all the text, as block-order extraction leaves them (each headline is
  matched by content and tried as the place where its story begins);
* ``50 MB page``: the example page repeated to 50 MB (about 3,000 copies, 9,000 stories).

Each page is written to a file and read by ``read_page`` (decoding and the input checks
included) in a child process of its own, which reports the time and its peak RSS (best of 3
for the pages under 5 MB).  The
``linearity`` figures divide the time per headline at 10,000 headlines by that at 500: 1.0
is linear, 20 would be quadratic.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .common import REPO, Row, add_output, log, print_table, save

EXAMPLE = REPO / "example_book" / "zhaotong-2023-03-24-p04.txt"
HEADLINE_COUNTS = (500, 1_000, 2_000, 10_000)
BIG_PAGE_MB = 50
REPEAT = 3  # best of 3 for the pages under 5 MB: the machine is shared and small times are noisy
MASTHEAD = " 4 2024年1月5日 星期五 综合新闻"

# Reads one page in a fresh interpreter: the time of read_page alone, and the peak RSS.
READER = """
import json, resource, sys, time
from pathlib import Path
from sphinx_newspaper.ingest import read_page
start = time.perf_counter()
page = read_page(Path(sys.argv[1]))
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_rss_mb": rss, "articles": len(page.articles)}))
"""


def words(rng: random.Random, count: int) -> str:
    """``count`` characters drawn from the common ones (real prose is mostly made of them)."""
    from sphinx_newspaper.ingest.decode import COMMON_HAN

    alphabet = sorted(COMMON_HAN - set("价"))  # no 特价 by chance: adverts are furniture
    return "".join(rng.choice(alphabet) for _ in range(count))


def stories(count: int, lead: str, seed: int = 12) -> list[tuple[str, list[str]]]:
    """``count`` (headline, body lines) pairs; each body repeats words of its headline."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        headline = words(rng, 10)
        body = lead + words(rng, 30) + "，" + headline[:6] + words(rng, 20) + "。"
        made.append((headline, [body[i : i + 20] for i in range(0, len(body), 20)]))
    return made


def headlines_over_stories(count: int) -> str:
    lines = [MASTHEAD, ""]
    for headline, body in stories(count, "本报讯 "):
        lines += [headline, "", *body, ""]
    return "\n".join(lines) + "\n"


def headlines_collected(count: int) -> str:
    """No dateline opens the stories: the text runs on as one, and every headline is matched
    by content and tried as the place where its story begins (the hardest case)."""
    made = stories(count, "")
    lines = [MASTHEAD, ""]
    for _, body in made:
        lines += [*body, ""]
    for headline, _ in made:
        lines += [headline, ""]
    return "\n".join(lines) + "\n"


def repeated_example(megabytes: int) -> str:
    page = EXAMPLE.read_text(encoding="utf-8")
    return page * max(1, megabytes * 1_000_000 // len(page.encode("utf-8")))


def read_in_child(path: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", READER, str(path)], capture_output=True, text=True, check=False, cwd=REPO
    )
    if result.returncode != 0:
        raise SystemExit(f"reading {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def run(work: Path, quick: bool = False) -> tuple[dict[str, object], list[tuple[str, float, str]]]:
    """Read every page; returns the headline figures and table rows (what, seconds, note)."""
    counts = HEADLINE_COUNTS[:2] if quick else HEADLINE_COUNTS
    pages: list[tuple[str, str, Callable[[], str]]] = []
    for count in counts:
        pages.append(
            (
                f"over-{count}",
                f"page: {count:,} headlines over their stories",
                lambda c=count: headlines_over_stories(c),
            )
        )
    for count in counts:
        pages.append(
            (
                f"collected-{count}",
                f"page: {count:,} headlines collected at the end",
                lambda c=count: headlines_collected(c),
            )
        )
    megabytes = 5 if quick else BIG_PAGE_MB
    pages.append(
        ("big", f"page: the example page repeated to {megabytes} MB", lambda: repeated_example(megabytes))
    )
    rows: list[tuple[str, float, str]] = []
    measured: dict[str, dict[str, float]] = {}
    for key, label, make in pages:
        path = work / f"{key}.txt"
        path.write_text(make(), encoding="utf-8")
        size = path.stat().st_size
        log(f"reading {label} ({size / 1e6:.1f} MB) ...")
        rounds = [read_in_child(path) for _ in range(REPEAT if size < 5_000_000 else 1)]
        figures = min(rounds, key=lambda figures: figures["seconds"])
        measured[key] = figures
        note = f"{figures['articles']:,.0f} articles, {size / 1e6 / figures['seconds']:.2f} MB/s, peak RSS {figures['peak_rss_mb']:.0f} MB"
        rows.append((label, figures["seconds"], note))
        path.unlink()
    first, last = counts[0], counts[-1]
    figures: dict[str, object] = {}
    for shape in ("over", "collected"):
        per_headline = [measured[f"{shape}-{n}"]["seconds"] / n for n in (first, last)]
        figures[f"linearity_{shape}"] = round(per_headline[1] / per_headline[0], 2)
        note = f"time per headline at {last:,} / at {first:,}: {figures[f'linearity_{shape}']} (1 = linear)"
        rows.append((f"linearity, headlines {shape}", 0.0, note))
    figures["big_page_s"] = round(measured["big"]["seconds"], 2)
    figures["big_page_peak_rss_mb"] = round(measured["big"]["peak_rss_mb"], 1)
    figures[f"headlines_{last}_s"] = round(
        max(measured[f"{shape}-{last}"]["seconds"] for shape in ("over", "collected")), 2
    )
    return figures, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 headlines and a 5 MB page at most")
    add_output(parser, "big-pages")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newspaper-big-pages-") as work:
        figures, rows = run(Path(work), options.quick)
    table = [Row(what, seconds or None, None, note) for what, seconds, note in rows]
    print_table(table)
    print(json.dumps(figures))
    save(options.output, "big_pages", figures, argv, table=[row.as_json() for row in table])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
