"""Benchmark: news pictures and page images of PDF pages (issue 15).

Run by ``make bench`` (``python -m benchmarks.pictures``, which writes
``docs/data/pictures.json``); not part of the test suite.  In one run it measures, on
the 22 People's Daily pages of ``../shared/corpus/pdf/rmrb-2018-01-p07`` (as one archive) and on
one page with a news photo (``../shared/corpus/pages/gansu-fazhibao-2024-08-09-p08.pdf``):

* finding the news pictures (``find_figures``, given the page's stories), ms a page, and its
  share of the whole ingest;
* rendering a page's pictures into an empty folder (the page image and the news pictures, at the
  default size), ms a page; and a second time, from the files the first left (reuse);
* how a news picture is best made: rendering the page region (what the extension does) against
  decoding the image object itself (``FPDFImageObj_GetBitmap``), cut to its clip and scaled with
  Pillow: time, and how far apart the results are (mean absolute difference, 0 to 255);
* the EPUB of the archive and of the single page: its size per page; a build from scratch, a
  rebuild with nothing changed (pictures rendered again: none), and two builds from scratch in
  two folders compared byte for byte.

Prints a table, and as its last line a JSON object with the headline figures.  Times are wall
clock, best of ``--repeat``, on a shared machine: compare them within one run.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sphinx_newspaper.book.pictures import PictureStore
from sphinx_newspaper.ingest.pdf.chars import image_objects, open_pdf, read_page_chars
from sphinx_newspaper.ingest.pdf.layout import read_blocks
from sphinx_newspaper.ingest.pdf.lines import read_lines
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.ingest.pdf.pictures import find_figures
from sphinx_newspaper.ingest.pdf.roles import read_roles
from sphinx_newspaper.ingest.pdf.stories import read_stories

from .common import REPO, add_output, best_of, save

CORPUS = REPO.parent / "shared" / "corpus"
ARCHIVE = CORPUS / "pdf" / "rmrb-2018-01-p07"
SINGLE = CORPUS / "pages" / "gansu-fazhibao-2024-08-09-p08.pdf"
#: Pages whose news pictures the comparison of methods uses (one photo each at least).
PHOTO_PAGES = [SINGLE, CORPUS / "pdf" / "xin-sanmen-2011-05-24-p02.pdf", ARCHIVE / "rmrb2018010407.pdf"]
MAX_PX = 1600
GOALS = {"epub_mb_per_page_single": ("<", 2.0), "epub_mb_per_page_archive": ("<", 2.0)}


def finding_pictures(pdfs: list[Path], repeat: int) -> tuple[float, float]:
    """(ms a page to find the news pictures, ms a page for the whole ingest)."""
    finding = ingest = 0.0
    for path in pdfs:
        document = open_pdf(path)
        try:
            chars = read_page_chars(document, str(path), 0)
        finally:
            document.close()
        roles = read_roles(read_blocks(read_lines(chars)))
        stories = read_stories(roles)
        finding += best_of(repeat, lambda c=chars, r=roles, s=stories: find_figures(c, r, s))
        ingest += best_of(repeat, lambda p=path: read_pdf(p))
    return 1000 * finding / len(pdfs), 1000 * ingest / len(pdfs)


def rendering(pdfs: list[Path], work: Path) -> dict[str, float]:
    """Pictures of each page rendered into an empty folder, then found there."""
    pages = [page for path in pdfs for page in read_pdf(path)]
    folder = work / "store"
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    rendered = sum(PictureStore(folder, MAX_PX).save(page, whole_page=True).rendered for page in pages)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    again = sum(PictureStore(folder, MAX_PX).save(page, whole_page=True).rendered for page in pages)
    warm = time.perf_counter() - start
    figures = sum(len(list(page.all_figures)) for page in pages)
    return {
        "pages": len(pages),
        "news_pictures": figures,
        "rendered": rendered,
        "rendered_again": again,
        "ms_per_page": 1000 * cold / len(pages),
        "ms_per_page_reused": 1000 * warm / len(pages),
    }


def by_render(pdf_page, box: tuple[float, float, float, float], scale: float):
    """The extension's way: the page region rendered, cut to the part that shows."""
    width, height = pdf_page.get_size()
    x0, y0, x1, y1 = box
    return pdf_page.render(scale=scale, crop=(x0, y0, width - x1, height - y1)).to_pil().convert("RGB")


def by_decoding(item, box: tuple[float, float, float, float], scale: float):
    """The other way: the image object decoded, cut to its clip and scaled with Pillow (assumes
    an image filling its placed box unrotated, as on these pages)."""
    import pypdfium2.raw as raw
    from PIL import Image

    bitmap = raw.FPDFImageObj_GetBitmap(item)
    size = (raw.FPDFBitmap_GetWidth(bitmap), raw.FPDFBitmap_GetHeight(bitmap))
    stride, kind = raw.FPDFBitmap_GetStride(bitmap), raw.FPDFBitmap_GetFormat(bitmap)
    buffer = ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * size[1])
    mode, raw_mode = {1: ("L", "L"), 2: ("RGB", "BGR"), 3: ("RGB", "BGRX"), 4: ("RGB", "BGRA")}[kind]
    image = Image.frombuffer(mode, size, buffer, "raw", raw_mode, stride, 1).copy()
    raw.FPDFBitmap_Destroy(bitmap)
    left, bottom, right, top = _placed(raw, item)
    x0, y0, x1, y1 = box
    fx, fy = size[0] / (right - left), size[1] / (top - bottom)
    cut = (round((x0 - left) * fx), round((top - y1) * fy), round((x1 - left) * fx), round((top - y0) * fy))
    target = (round((x1 - x0) * scale), round((y1 - y0) * scale))
    return image.convert("RGB").crop(cut).resize(target, Image.LANCZOS)


def compare_methods(repeat: int) -> list[dict[str, Any]]:
    """Each news picture of PHOTO_PAGES made both ways (see the module docstring), each time from
    a freshly opened PDF (pdfium keeps a decoded image for the page's later renders)."""
    import pypdfium2.raw as raw
    from PIL import ImageChops, ImageStat

    def fresh(path: Path, number: int, make: Callable[..., Any], box, scale: float) -> Any:
        document = open_pdf(path)
        try:
            pdf_page = document[0]
            if make is by_render:
                return make(pdf_page, box, scale)
            return make(image_objects(raw, pdf_page.raw)[number - 1], box, scale)
        finally:
            document.close()

    results = []
    for path in PHOTO_PAGES:
        for figure in read_pdf(path)[0].all_figures:
            x0, y0, x1, y1 = figure.box
            scale = min(MAX_PX / max(x1 - x0, y1 - y0), max(figure.density, 1.0))
            jobs = {
                name: functools.partial(fresh, path, figure.number, make, figure.box, scale)
                for name, make in (("render", by_render), ("decode", by_decoding))
            }
            rendered = jobs["render"]()
            decoded = jobs["decode"]().resize(rendered.size)
            difference = ImageStat.Stat(ImageChops.difference(rendered, decoded)).mean
            results.append(
                {
                    "page": path.name,
                    "picture": figure.number,
                    "size": list(rendered.size),
                    "render_ms": 1000 * best_of(repeat, jobs["render"]),
                    "decode_ms": 1000 * best_of(repeat, jobs["decode"]),
                    "mean_difference": round(sum(difference) / len(difference), 1),
                }
            )
    return results


def _placed(raw, item) -> tuple[float, float, float, float]:
    values = [ctypes.c_float() for _ in range(4)]
    raw.FPDFPageObj_GetBounds(item, *values)
    return tuple(value.value for value in values)  # type: ignore[return-value]


def write_project(root: Path, pdfs: list[Path], archive: bool) -> None:
    issues = root / "issues"
    issues.mkdir(parents=True)
    for pdf in pdfs:
        shutil.copy(pdf, issues / pdf.name)
    (root / "conf.py").write_text(
        'project = "bench"\ncopyright = "2024, bench"\nextensions = ["sphinx_newspaper"]\n', encoding="utf-8"
    )
    directive = "newspaper-archive:: issues/" if archive else f"newspaper-issue:: issues/{pdfs[0].name}"
    (root / "index.rst").write_text(f"Bench\n=====\n\n.. {directive}\n   :paper: 报\n", encoding="utf-8")


def sphinx_build(project: Path, builder: str, out: Path, *options: str) -> tuple[float, str]:
    """Build ``project`` with plain ``sphinx-build`` (no phases: the EPUB's bytes and the
    pictures rendered are what is measured here); (seconds, what Sphinx printed)."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        str(project),
        str(out),
        "-d",
        str(out / ".doctrees"),
        *options,
    ]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"sphinx-build failed:\n{result.stderr[-3000:]}")
    return elapsed, result.stdout


def epub_figures(name: str, pdfs: list[Path], archive: bool, work: Path, rounds: int) -> dict[str, Any]:
    """Size per page; builds from scratch with and without page maps (best of ``rounds``,
    interleaved); a rebuild; and whether two builds from scratch give the same bytes."""
    colds: dict[str, list[float]] = {"with": [], "without": []}
    first = second = b""
    for number in range(rounds):
        for side in ("with", "without") if number % 2 == 0 else ("without", "with"):
            project = work / f"{name}-{side}-{number}"
            write_project(project, pdfs, archive)
            extra = ("-D", "newspaper_page_images=0") if side == "without" else ()
            elapsed, _ = sphinx_build(project, "epub", project / "_build", *extra)
            colds[side].append(elapsed)
            if side == "with":
                (epub,) = (project / "_build").glob("*.epub")
                first, second = (epub.read_bytes(), first) if not first else (first, epub.read_bytes())
    project = work / f"{name}-with-0"
    rebuild, printed = sphinx_build(project, "epub", project / "_build")
    rendered_again = re.search(r"\[newspaper\] (\d+) picture\(s\) rendered", printed)
    pages = len(pdfs)
    return {
        "pages": pages,
        "epub_bytes": len(first),
        "mb_per_page": len(first) / pages / 1e6,
        "cold_build_s": min(colds["with"]),
        "cold_build_without_page_maps_s": min(colds["without"]),
        "rebuild_s": rebuild,
        "pictures_rendered_on_rebuild": int(rendered_again[1]) if rendered_again else 0,
        "reproducible": bool(second) and hashlib.sha256(first).digest() == hashlib.sha256(second).digest(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the timings")
    parser.add_argument("--rounds", type=int, default=2, help="best of N for the builds (at least 2)")
    parser.add_argument(
        "--archive-pages", type=int, default=0, help="the first N archive pages only (a short run)"
    )
    add_output(parser, "pictures")
    options = parser.parse_args(argv)
    archive = sorted(ARCHIVE.glob("*.pdf"))[: options.archive_pages or None]
    if not archive or not SINGLE.is_file():
        print(f"needs {ARCHIVE} and {SINGLE}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newspaper-pictures-bench-"))
    try:
        find_archive, ingest_archive = finding_pictures(archive, options.repeat)
        find_single, ingest_single = finding_pictures([SINGLE], options.repeat)
        render_archive = rendering(archive, work / "archive")
        render_single = rendering([SINGLE], work / "single")
        methods = compare_methods(options.repeat)
        epub_single = epub_figures("single", [SINGLE], False, work, max(2, options.rounds))
        epub_archive = epub_figures("archive", archive, True, work, max(2, options.rounds))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("finding news pictures, ms/page (archive; single)", f"{find_archive:.2f}; {find_single:.2f}"),
        ("  of the whole ingest, ms/page", f"{ingest_archive:.0f}; {ingest_single:.0f}"),
        ("rendering pictures, ms/page (archive; single)", f"{render_archive['ms_per_page']:.0f}; {render_single['ms_per_page']:.0f}"),
        ("  files (page images + news pictures)", f"{render_archive['rendered']}; {render_single['rendered']}"),
        ("  again from the files, ms/page; rendered", f"{render_archive['ms_per_page_reused']:.1f}; {render_archive['rendered_again'] + render_single['rendered_again']}"),
        *(
            (f"photo {m['page']} #{m['picture']} {m['size'][0]}x{m['size'][1]}: render / decode ms; difference",
             f"{m['render_ms']:.0f} / {m['decode_ms']:.0f}; {m['mean_difference']}")
            for m in methods
        ),
        (f"EPUB MB/page (archive of {len(archive)}; single page)", f"{epub_archive['mb_per_page']:.2f}; {epub_single['mb_per_page']:.2f}"),
        ("EPUB build s: cold / rebuild (archive)", f"{epub_archive['cold_build_s']:.1f} / {epub_archive['rebuild_s']:.1f}"),
        ("  cold without page maps (archive)", f"{epub_archive['cold_build_without_page_maps_s']:.1f}"),
        ("EPUB build s: cold / rebuild (single)", f"{epub_single['cold_build_s']:.1f} / {epub_single['rebuild_s']:.1f}"),
        ("pictures rendered on rebuild", f"{epub_archive['pictures_rendered_on_rebuild'] + epub_single['pictures_rendered_on_rebuild']}"),
        ("EPUB reproducible (two builds, same bytes)", f"{epub_archive['reproducible'] and epub_single['reproducible']}"),
    ]  # fmt: skip
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    figures = {
        "find_pictures_ms_per_page": round(find_archive, 2),
        "render_pictures_ms_per_page_archive": round(render_archive["ms_per_page"], 1),
        "render_pictures_ms_per_page_single": round(render_single["ms_per_page"], 1),
        "epub_mb_per_page_archive": round(epub_archive["mb_per_page"], 3),
        "epub_mb_per_page_single": round(epub_single["mb_per_page"], 3),
        "epub_cold_build_ratio_page_maps": round(
            epub_archive["cold_build_s"] / epub_archive["cold_build_without_page_maps_s"], 2
        ),
        "pictures_rendered_on_rebuild": epub_archive["pictures_rendered_on_rebuild"]
        + epub_single["pictures_rendered_on_rebuild"],
        "epub_reproducible": epub_archive["reproducible"] and epub_single["reproducible"],
        "methods": methods,
    }
    for name, (relation, goal) in GOALS.items():
        value = figures[name]
        met = value < goal if relation == "<" else value >= goal
        print(f"goal {name} {relation} {goal}: {value} {'met' if met else 'NOT MET'}")
    print(json.dumps(figures, ensure_ascii=False))
    save(
        options.output,
        "pictures",
        figures,
        argv,
        table=[{"what": label, "value": value} for label, value in rows],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
