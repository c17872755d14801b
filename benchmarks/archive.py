"""Benchmark: a month of People's Daily (2,194 articles) as a book, against plain Sphinx.

Run by ``make bench`` (``python -m benchmarks.archive``, which writes ``docs/data/archive.json``);
not part of the test suite.  In one run it measures:

* the month built as HTML and EPUB with the extension (a temporary project whose index holds
  ``.. newspaper-archive:: issues`` over a copy of the corpus), and the same articles written
  out beforehand as plain reST (volume → issue → page → article toctrees) built with plain
  Sphinx: the limit the extension is measured against (``overhead_ratio``), at every ``-j`` of
  the sweep (``--jobs``; by default 1, the number of CPUs and CPUs + 1, with which Sphinx
  writes on every core since it writes with ``-j`` minus one processes);
* the serial time of the parallel builds by phase: the main process's CPU time, which no
  number of cores shortens, for both sides, with the extension's own share (reading issues,
  writing the generated sources, navigation, EPUB packaging), and from these measured
  fractions a projection to a machine with more cores (``--cores``, 16; see ``scale.py``);
* rebuilds: nothing changed (both sides), and one article file changed (``incremental_ratio``);
* how cost grows with the archive: a month, a quarter and a year made from the month by
  shifting dates (``--growth``), HTML on both sides, time per article by phase and peak memory;
* the ingest's parsing speed without disk reads, and OpenCC ``s2t`` speed (chars/s);
* pages far larger than printed ones, read in near linear time (``big_pages.py``).

Every build runs in a child process (``phases.py``) that reports its CPU time by phase and its
peak RSS.  Plain and newspaper builds alternate, the side that goes first alternating, best of
``--rounds``: other load on the machine hits both sides alike.  Prints a table, and as its last
line a JSON object with the figures.  ``--quick`` takes the first week only (one round, growth
by weeks: one and three), for trying it out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_newspaper.chinese import converter
from sphinx_newspaper.ingest.decode import read_text
from sphinx_newspaper.ingest.folders import parse_article, read_article_folder
from sphinx_newspaper.model import Issue

from . import big_pages, scale
from .common import (
    REPO,
    Build,
    Row,
    add_output,
    best_of,
    heading,
    log,
    report,
    reread,
    sphinx_build,
    write_plain_project,
)

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "rmrb-2020-01"
PAPER = "人民日报"
GOALS = {
    "overhead_ratio": ("≤", 1.15),
    "incremental_ratio": ("≤", 0.10),
    "ingest_chars_per_s": ("≥", 2_000_000),
    "peak_rss_mb": ("<", 2048),
    "projected_ratio_max": ("≤", 1.15),
    "growth_per_article_max": ("≤", 1.15),
    "linearity_over": ("≤", 2.0),
    "linearity_collected": ("≤", 2.0),
    "big_page_peak_rss_mb": ("<", 1024),
}

BUILDERS = ("html", "epub")
SIDES = ("plain", "newspaper")


def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    corpus = Path(options.corpus).resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus} (use --corpus)", file=sys.stderr)
        return 2
    days = sorted(path for path in corpus.iterdir() if path.is_dir() and not path.name.startswith("."))
    if options.quick:
        days = days[:7]
        options.rounds = min(options.rounds, 1)
        options.growth = options.growth or "1,3"
    return report(lambda work: run(days, work, options), "newspaper-bench-", options, "archive")


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of issue folders")
    parser.add_argument(
        "--quick", action="store_true", help="the first week only, one round, growth 1,3 weeks"
    )
    parser.add_argument(
        "--jobs",
        default=f"1,{cpus},{cpus + 1}",
        help="the -j sweep, comma-separated (default: 1,CPUs,CPUs+1)",
    )
    parser.add_argument(
        "--cores", type=int, default=16, help="cores of the machine projected to (default: 16)"
    )
    parser.add_argument(
        "--growth", default="", help="archive lengths in months (weeks with --quick); default 1,3,12; 0: none"
    )
    parser.add_argument("--growth-jobs", default="1", help="-j for the growth builds (default: 1)")
    parser.add_argument(
        "--growth-volumes",
        default="3",
        help="lengths also built as volumes of a month (a week with --quick) each, extension only; default 3",
    )
    parser.add_argument("--workdir", default=None, help="where the temporary projects go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the ingest and OpenCC figures")
    parser.add_argument("--rounds", type=int, default=3, help="best of N for the plain/newspaper builds")
    parser.add_argument(
        "--builders", default=",".join(BUILDERS), help="builders of the sweep (default: html,epub)"
    )
    add_output(parser, "archive")
    parser.add_argument(
        "--skip",
        default="",
        help="parts left out, comma-separated: big-pages, rebuilds (for a short run on a borrowed machine)",
    )
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
    skip = set(filter(None, options.skip.split(",")))
    builders = tuple(filter(None, options.builders.split(",")))
    big_figures, big_rows = ({}, []) if "big-pages" in skip else big_pages.run(work, options.quick)
    rows.extend(Row(what, seconds or None, None, note) for what, seconds, note in big_rows)

    projects = {"newspaper": work / "newspaper", "plain": work / "plain"}
    issues = write_newspaper_project(days, projects["newspaper"])
    articles = write_plain_project(issues, projects["plain"], f"{PAPER} 2020年1月", PAPER)
    log(f"{len(days)} issues, {articles} articles, {chars:,} characters; projects in {work}")

    jobs = sorted({int(value) for value in options.jobs.split(",")} | {1})
    builds = sweep(projects, jobs, options.rounds, builders)
    figures: dict[str, object] = {
        "articles": articles,
        "ingest_chars_per_s": round(chars / ingest),
        "opencc_chars_per_s": round(chars / opencc),
    }
    figures.update(overhead(builds, jobs, rows, builders))
    if "rebuilds" not in skip:
        figures.update(rebuilds(projects, builds, options.rounds, rows))
    figures.update(serial_and_projection(builds, jobs, options.cores, rows, builders))
    figures.update(growth(days, work, options, rows))
    peaks = [build.peak_rss_mb for build in builds.values()]
    peaks += [point[f"{side}_peak_rss_mb"] for point in figures["growth"]["points"] for side in SIDES]  # type: ignore[index]
    figures["peak_rss_mb"] = round(max(peaks), 1)
    figures.update(big_figures)
    for name, (relation, goal) in GOALS.items():
        value = figures.get(name)
        if not isinstance(value, int | float):
            continue
        met = value <= goal if relation == "≤" else value >= goal if relation == "≥" else value < goal
        note = f"{value} {'met' if met else 'MISSED'}"
        rows.append(Row(f"goal {name} {relation} {goal:g}", None, None, note))
    return figures, rows


Builds = dict[tuple[str, str, int], Build]


def sweep(projects: dict[str, Path], jobs: list[int], rounds: int, builders: Sequence[str]) -> Builds:
    """Every side, builder and -j, fresh each time: interleaved, best of ``rounds``."""
    builds: Builds = {}
    for round_number in range(max(1, rounds)):
        for job in jobs:
            for builder in builders:
                sides = SIDES if round_number % 2 == 0 else SIDES[::-1]
                for side in sides:
                    build = sphinx_build(projects[side], builder, str(job))
                    best = builds.get((side, builder, job))
                    if best is None or build.seconds < best.seconds:
                        builds[(side, builder, job)] = build
    return builds


def overhead(builds: Builds, jobs: list[int], rows: list[Row], builders: Sequence[str]) -> dict[str, object]:
    """Every build of the sweep, and the extension against plain Sphinx at each -j."""
    for (side, builder, job), build in sorted(
        builds.items(), key=lambda item: (item[0][2], item[0][1], item[0][0])
    ):
        note = f"{build.read} docs, {build.warnings} warnings, peak RSS {build.peak_rss_mb:.0f} MB"
        note += f", main process {build.main_cpu:.1f} s CPU"
        rows.append(Row(f"{side} {builder.upper()} -j {job}", build.seconds, build.cpu_seconds, note))
    by_jobs: dict[str, dict[str, dict[str, float]]] = {}
    for builder in builders:
        for job in jobs:
            plain, mine = builds[("plain", builder, job)], builds[("newspaper", builder, job)]
            ratio = mine.seconds / plain.seconds
            cpu_ratio = mine.cpu_seconds / plain.cpu_seconds
            speedups = [
                builds[(side, builder, 1)].seconds / builds[(side, builder, job)].seconds for side in SIDES
            ]
            by_jobs.setdefault(builder, {})[str(job)] = {
                "plain_s": round(plain.seconds, 2),
                "newspaper_s": round(mine.seconds, 2),
                "ratio": round(ratio, 3),
                "cpu_ratio": round(cpu_ratio, 3),
                "plain_speedup": round(speedups[0], 3),
                "newspaper_speedup": round(speedups[1], 3),
            }
            note = (
                f"ratio {ratio:.3f} (CPU {cpu_ratio:.3f}); "
                f"speedup over -j 1: plain {speedups[0]:.2f}, newspaper {speedups[1]:.2f}"
            )
            rows.append(Row(f"-j {job} {builder.upper()}: newspaper / plain", None, None, note))
    mine = tuple(builds[("newspaper", builder, 1)] for builder in builders)
    theirs = tuple(builds[("plain", builder, 1)] for builder in builders)
    comparisons = [(" + ".join(builder.upper() for builder in builders), mine, theirs)]
    if len(builders) > 1:
        comparisons += [(b.upper(), (m,), (t,)) for b, m, t in zip(builders, mine, theirs, strict=True)]
    for label, mine_, theirs_ in comparisons:
        wall = sum(b.seconds for b in mine_) / sum(b.seconds for b in theirs_)
        cpu = sum(b.cpu_seconds for b in mine_) / sum(b.cpu_seconds for b in theirs_)
        rows.append(
            Row(f"overhead -j 1 {label}: newspaper / plain", None, None, f"wall {wall:.3f}, CPU {cpu:.3f}")
        )
    cpus = os.cpu_count() or 1
    auto = builds.get(("newspaper", builders[0], cpus))
    plain_s, newspaper_s = sum(b.seconds for b in theirs), sum(b.seconds for b in mine)
    return {
        "builders": list(builders),
        "plain_s": round(plain_s, 2),
        "newspaper_s": round(newspaper_s, 2),
        "overhead_ratio": round(newspaper_s / plain_s, 3),
        "parallel_speedup": round(mine[0].seconds / auto.seconds, 3) if auto else None,
        "jobs": by_jobs,
    }


def rebuilds(projects: dict[str, Path], builds: Builds, rounds: int, rows: list[Row]) -> dict[str, object]:
    """HTML at -j 1 again with nothing changed (both sides), then with one article changed."""
    nothing: dict[str, Build] = {}
    for side in SIDES:
        sphinx_build(projects[side], "html", "1")  # the output the rebuilds start from
    for round_number in range(max(1, rounds)):
        for side in SIDES if round_number % 2 == 0 else SIDES[::-1]:
            build = sphinx_build(projects[side], "html", "1", fresh=False)
            if side not in nothing or build.seconds < nothing[side].seconds:
                nothing[side] = build
    for side in SIDES:
        build = nothing[side]
        note = (
            reread(build, builds[(side, "html", 1)])
            + f", {build.seconds / builds[(side, 'html', 1)].seconds:.3f} of a full build"
        )
        rows.append(Row(f"{side} HTML -j 1, nothing changed", build.seconds, build.cpu_seconds, note))
    ratio = nothing["newspaper"].seconds / nothing["plain"].seconds
    cpu_ratio = nothing["newspaper"].cpu_seconds / nothing["plain"].cpu_seconds
    rows.append(
        Row("nothing changed: newspaper / plain", None, None, f"ratio {ratio:.3f} (CPU {cpu_ratio:.3f})")
    )
    own = scale.extension_serial(nothing["newspaper"].report)
    note = ", ".join(f"{label} {value:.3f} s" for label, value in own.items() if value >= 0.0005)
    rows.append(Row("nothing changed: the extension's own CPU", None, None, note))
    changed = change_one_article(projects["newspaper"] / "issues")
    incremental = sphinx_build(projects["newspaper"], "html", "1", fresh=False)
    full = builds[("newspaper", "html", 1)]
    note = reread(incremental, full)
    rows.append(Row(f"newspaper HTML, {changed} changed", incremental.seconds, incremental.cpu_seconds, note))
    return {
        "incremental_ratio": round(incremental.seconds / full.seconds, 3),
        "nothing_changed": {
            "plain_s": round(nothing["plain"].seconds, 2),
            "newspaper_s": round(nothing["newspaper"].seconds, 2),
            "ratio": round(ratio, 3),
            "plain_cpu_s": round(nothing["plain"].cpu_seconds, 3),
            "newspaper_cpu_s": round(nothing["newspaper"].cpu_seconds, 3),
            "cpu_ratio": round(cpu_ratio, 3),
            "extension_cpu_s": {label: round(value, 3) for label, value in own.items()},
            "newspaper_read": nothing["newspaper"].read,
            "plain_read": nothing["plain"].read,
        },
    }


def serial_and_projection(
    builds: Builds, jobs: list[int], cores: int, rows: list[Row], builders: Sequence[str]
) -> dict[str, object]:
    """The main process's CPU time by phase in the builds at the largest -j, both sides, and
    from it the projection to ``cores`` cores (see ``scale.py``)."""
    measured = max(jobs)
    serial: dict[str, object] = {}
    projection: dict[str, object] = {"cores": cores, "measured_jobs": measured}
    ratios = []
    if measured < 2:
        return {}
    for builder in builders:
        reports = {side: builds[(side, builder, measured)].report for side in SIDES}
        for side in SIDES:
            reports[side]["documents"] = builds[(side, builder, 1)].read
        table: dict[str, dict[str, float]] = {side: {} for side in SIDES}
        for phase in scale.PHASES:
            values = [scale.main_cpu(reports[side], phase) for side in SIDES]
            workers = [scale.worker_cpu(reports[side], phase) for side in SIDES]
            for side, value in zip(SIDES, values, strict=True):
                table[side][phase] = round(value, 3)
            note = f"plain {values[0]:.2f} s, newspaper {values[1]:.2f} s (workers: {workers[0]:.1f}, {workers[1]:.1f} s)"
            rows.append(Row(f"serial {builder.upper()} -j {measured}: {phase}", None, None, note))
        merges = [float(reports[side].get("merge", {}).get("main_cpu", 0.0)) for side in SIDES]
        parts = {side: merge_parts(reports[side]) for side in SIDES}
        mine = scale.extension_serial(reports["newspaper"])
        records = float(
            reports["newspaper"].get("extension", {}).get("env-merge-info", {}).get("main_cpu", 0.0)
        )
        note = ", ".join(
            f"{side} {merge:.2f} s (unpickling {parts[side]['unpickle']:.2f}, merging {parts[side]['merge_info_from']:.2f})"
            for side, merge in zip(SIDES, merges, strict=True)
        )
        note += f"; ratio {merges[1] / merges[0]:.3f}" if merges[0] else ""
        note += f"; the extension's own records {records:.3f} s"
        rows.append(Row(f"serial {builder.upper()} -j {measured}: read, of which merges", None, None, note))
        for label, value in mine.items():
            rows.append(
                Row(
                    f"serial {builder.upper()} -j {measured}: extension, {label}",
                    None,
                    None,
                    f"{value:.3f} s",
                )
            )
        # Navigation in the main process, per document: the extension's (doctree-resolved; its
        # lists are built by the writers) beside Sphinx's own toctree resolution.
        documents = reports["newspaper"]["documents"] or 1
        navigation = 1e6 * mine.get("doctree-resolved: navigation", 0.0) / documents
        toctrees = [
            1e6 * float(reports[side].get("toctree", {}).get("main_cpu", 0.0)) / documents for side in SIDES
        ]
        note = f"extension {navigation:.0f} µs; Sphinx's toctree resolution: plain {toctrees[0]:.0f} µs, newspaper {toctrees[1]:.0f} µs"
        rows.append(Row(f"serial {builder.upper()} -j {measured}: navigation per document", None, None, note))
        totals = [float(reports[side]["main_cpu_s"]) for side in SIDES]
        everything = [float(reports[side]["cpu_s"]) for side in SIDES]
        note = f"plain {totals[0]:.2f} s of {everything[0]:.1f}, newspaper {totals[1]:.2f} s of {everything[1]:.1f} s CPU"
        rows.append(Row(f"serial {builder.upper()} -j {measured}: main process in all", None, None, note))
        serial[builder] = {
            "jobs": measured,
            "plain": table["plain"],
            "newspaper": table["newspaper"],
            "merges": dict(zip(SIDES, (round(m, 3) for m in merges), strict=True)),
            "merge_parts": parts,
            "merge_ratio": round(merges[1] / merges[0], 3) if merges[0] else None,
            "merge_extension_records_s": round(records, 3),
            "extension": {label: round(value, 3) for label, value in mine.items()},
            "plain_main_cpu_s": round(totals[0], 2),
            "newspaper_main_cpu_s": round(totals[1], 2),
            "navigation_us_per_document": {
                "extension": round(navigation, 1),
                "plain_toctree": round(toctrees[0], 1),
                "newspaper_toctree": round(toctrees[1], 1),
            },
            "plain_cpu_s": round(everything[0], 2),
            "newspaper_cpu_s": round(everything[1], 2),
        }
        points: dict[str, dict[str, float]] = {}
        for job in (1, 4, 8, cores + 1):
            seconds = [
                scale.projected_seconds(
                    builds[(side, builder, 1)].report, reports[side], measured, job, cores
                )
                for side in SIDES
            ]
            ratio = seconds[1] / seconds[0]
            ratios.append(ratio)
            points[str(job)] = {
                "plain_s": round(seconds[0], 2),
                "newspaper_s": round(seconds[1], 2),
                "ratio": round(ratio, 3),
            }
            note = f"plain {seconds[0]:.1f} s, newspaper {seconds[1]:.1f} s, ratio {ratio:.3f}"
            rows.append(Row(f"projected {cores} cores {builder.upper()} -j {job}", None, None, note))
        projection[builder] = points
    return {"serial": serial, "projection": projection, "projected_ratio_max": round(max(ratios), 3)}


def merge_parts(report: dict) -> dict[str, float]:
    """The main process's CPU seconds merging what the readers sent back, by part: unpickling
    their environments, and ``merge_info_from`` (every collector's and domain's merge)."""
    parts = report.get("merge_parts", {})
    return {
        part: round(float(parts.get(part, {}).get("main_cpu", 0.0)), 3)
        for part in ("unpickle", "merge_info_from")
    }


def growth(days: list[Path], work: Path, options: argparse.Namespace, rows: list[Row]) -> dict[str, object]:
    """HTML builds of longer archives, made from ``days`` by shifting dates: time per article
    by phase and peak memory, both sides, each length built once (lengths interleaved)."""
    lengths = [int(value) for value in (options.growth or "1,3,12").split(",") if int(value) > 0]
    volume_lengths = {int(value) for value in options.growth_volumes.split(",") if value.strip()}
    unit = "week" if options.quick else "month"
    points = []
    for length in lengths:
        folder = work / f"growth-{length}"
        source = folder / "source"
        shifted = (scale.shifted_weeks if options.quick else scale.shifted_archive)(days, length, source)
        title = f"{PAPER} {length}{'周' if options.quick else '个月'}"
        projects = {"newspaper": folder / "newspaper", "plain": folder / "plain"}
        issues = write_newspaper_project(shifted, projects["newspaper"], title)
        articles = write_plain_project(issues, projects["plain"], title, PAPER)
        volumes = volume_projects(shifted, folder, len(days), options) if length in volume_lengths else []
        shutil.rmtree(source)
        built = {}
        for side in SIDES if length % 2 else SIDES[::-1]:
            built[side] = sphinx_build(projects[side], "html", options.growth_jobs)
        volume_builds = [sphinx_build(volume, "html", options.growth_jobs) for volume in volumes]
        shutil.rmtree(folder, ignore_errors=True)
        point: dict[str, object] = {
            "length": length,
            "unit": unit,
            "issues": len(shifted),
            "articles": articles,
        }
        for side in SIDES:
            build = built[side]
            point[f"{side}_s"] = round(build.seconds, 2)
            point[f"{side}_ms_per_article"] = round(1000 * build.seconds / articles, 3)
            point[f"{side}_cpu_ms_per_article"] = round(1000 * build.cpu_seconds / articles, 3)
            point[f"{side}_peak_rss_mb"] = round(build.peak_rss_mb, 1)
            point[f"{side}_phases_ms_per_article"] = {
                phase: round(
                    1000
                    * (scale.main_cpu(build.report, phase) + scale.worker_cpu(build.report, phase))
                    / articles,
                    3,
                )
                for phase in scale.PHASES
            }
            # Sphinx's own toctree work, main process: what grows per document with the archive.
            point[f"{side}_sphinx_toctree_ms_per_article"] = {
                part: round(1000 * float(build.report.get(key, {}).get("main_cpu", 0.0)) / articles, 3)
                for part, key in (
                    ("clear", "toctree_clear"),
                    ("ancestors", "toctree_ancestors"),
                    ("resolve", "toctree"),
                )
            }
        point["ratio"] = round(built["newspaper"].seconds / built["plain"].seconds, 3)
        if volume_builds:
            point["volumes"] = {
                "count": len(volume_builds),
                "newspaper_s": round(sum(b.seconds for b in volume_builds), 2),
                "newspaper_ms_per_article": round(1000 * sum(b.seconds for b in volume_builds) / articles, 3),
                "newspaper_cpu_ms_per_article": round(
                    1000 * sum(b.cpu_seconds for b in volume_builds) / articles, 3
                ),
                "newspaper_peak_rss_mb": round(max(b.peak_rss_mb for b in volume_builds), 1),
            }
        points.append(point)
        log(f"growth point: {json.dumps(point, ensure_ascii=False)}")  # kept should the run stop later
        note = (
            f"{articles} articles; ms per article: plain {point['plain_ms_per_article']}, newspaper "
            f"{point['newspaper_ms_per_article']}; peak RSS: plain {point['plain_peak_rss_mb']:.0f} MB, "
            f"newspaper {point['newspaper_peak_rss_mb']:.0f} MB"
        )
        rows.append(
            Row(
                f"growth {length} {unit}(s) HTML -j {options.growth_jobs}: newspaper",
                built["newspaper"].seconds,
                built["newspaper"].cpu_seconds,
                note,
            )
        )
        rows.append(
            Row(
                f"growth {length} {unit}(s) HTML -j {options.growth_jobs}: plain",
                built["plain"].seconds,
                built["plain"].cpu_seconds,
                "",
            )
        )
        for side in SIDES:
            phases = point[f"{side}_phases_ms_per_article"]
            note = ", ".join(f"{phase} {value:.2f}" for phase, value in phases.items())  # type: ignore[union-attr]
            rows.append(Row(f"growth {length} {unit}(s): {side} CPU ms per article", None, None, note))
        for side in SIDES:
            toctree = point[f"{side}_sphinx_toctree_ms_per_article"]
            note = (
                f"clearing {toctree['clear']:.2f} (each read document walks every listed one), "  # type: ignore[index]
                f"resolving {toctree['resolve']:.2f}, of which ancestors {toctree['ancestors']:.2f} "  # type: ignore[index]
                "(a map of every document per resolution)"
            )
            rows.append(
                Row(f"growth {length} {unit}(s): {side} Sphinx toctree ms per article", None, None, note)
            )
        if volume_builds:
            volume = point["volumes"]
            note = (
                f"{articles} articles; ms per article {volume['newspaper_ms_per_article']} "  # type: ignore[index]
                f"(CPU {volume['newspaper_cpu_ms_per_article']}), peak RSS {volume['newspaper_peak_rss_mb']:.0f} MB"  # type: ignore[index]
            )
            rows.append(
                Row(
                    f"growth {length} {unit}(s) as {len(volume_builds)} {unit} volumes HTML -j {options.growth_jobs}: newspaper",
                    sum(b.seconds for b in volume_builds),
                    sum(b.cpu_seconds for b in volume_builds),
                    note,
                )
            )
    if not points:
        return {"growth": {"points": []}}
    base = points[0]
    growths = {
        side: round(
            max(p[f"{side}_cpu_ms_per_article"] for p in points) / base[f"{side}_cpu_ms_per_article"], 3
        )  # type: ignore[operator]
        for side in SIDES
    }
    rows.append(
        Row(
            "growth: most CPU per article / the shortest's",
            None,
            None,
            f"plain {growths['plain']}, newspaper {growths['newspaper']}",
        )
    )
    for point in points:
        if "volumes" in point:
            volume = point["volumes"]
            volume["cpu_per_article_to_shortest"] = round(  # type: ignore[index]
                volume["newspaper_cpu_ms_per_article"] / base["newspaper_cpu_ms_per_article"],
                3,  # type: ignore[index,operator]
            )
            note = f"newspaper {volume['cpu_per_article_to_shortest']} (one project: {point['newspaper_cpu_ms_per_article'] / base['newspaper_cpu_ms_per_article']:.3f})"  # type: ignore[index,operator]
            rows.append(
                Row(
                    f"growth: {point['length']} {unit}(s) as volumes, CPU per article / the shortest's",
                    None,
                    None,
                    note,
                )
            )
    return {
        "growth": {"unit": unit, "jobs": options.growth_jobs, "points": points, "per_article_max": growths},
        "growth_per_article_max": growths["newspaper"],
    }


def volume_projects(shifted: list[Path], folder: Path, week: int, options: argparse.Namespace) -> list[Path]:
    """The archive as volumes of a month each (a week each with ``--quick``), each its own
    extension project, as "Past one machine" in docs/usage.md builds years."""
    groups: dict[str, list[Path]] = {}
    for number, day in enumerate(shifted):
        groups.setdefault(str(number // week) if options.quick else day.name[:6], []).append(day)
    projects = []
    for key, days in groups.items():
        project = folder / f"volume-{key}" / "newspaper"
        write_newspaper_project(days, project, f"{PAPER} {key}")
        projects.append(project)
    return projects


# Projects


def write_newspaper_project(days: list[Path], root: Path, title: str = f"{PAPER} 2020年1月") -> list[Issue]:
    """The extension's project: the corpus copied inside the source folder, one archive directive."""
    issues_dir = root / "issues"
    issues_dir.mkdir(parents=True)
    for day in days:
        shutil.copytree(day, issues_dir / day.name)
    (root / "conf.py").write_text(
        f'project = "{title}"\nextensions = ["sphinx_newspaper"]\n', encoding="utf-8"
    )
    (root / "index.rst").write_text(
        heading(title, "=") + f".. newspaper-archive:: issues\n   :paper: {PAPER}\n", encoding="utf-8"
    )
    return [read_article_folder(issues_dir / day.name) for day in days]


def change_one_article(issues: Path) -> str:
    """Change a word in one article in the middle of the month; returns its file name."""
    files = sorted(issues.glob("*/*.txt"))
    path = files[len(files) // 2]
    text = path.read_bytes().decode("utf-8")
    position = text.index("\u3000\u3000") + 2
    path.write_bytes((text[:position] + "（改）" + text[position:]).encode("utf-8"))
    return path.name


# Building


if __name__ == "__main__":
    raise SystemExit(main())
