"""Benchmark: scans of corpus pages read through OCR, against the pages' own text layers.

Run by ``make bench`` (``python -m benchmarks.ocr_pages``, which writes
``docs/data/ocr-pages.json``); not part of the test suite.  Each corpus PDF page named is rendered as a
scanner would give it (grey, at ``--dpi``; every other page turned by a degree and a bit and
JPEG-compressed), then read by the OCR route (:mod:`sphinx_newspaper.ingest.pdf.scan`) and
scored against the same page read from its text layer:

* **body CER**: the character error rate of the body text, line by line: every line of the
  text layer at the page's body size is matched with the characters the OCR read inside its
  box (the scan is straightened first, so the boxes line up), and their edit distance counted
  (:func:`sphinx_newspaper.scoring.character_errors`) over the line's characters;
* **title recall**: of the page's printed titles in its gold file (``tests/gold``, or the
  titles the text layer gives where there is no gold), the share the OCR route gives as an
  article title, character for character (spaces aside);
* **seconds a page** (wall and CPU, the OCR run in this process) and the **peak memory** of the
  process that read it (each page is read in a fresh process).

Pages are split into those the OCR route was tuned on (``TUNED``: the engine, the density and
the size rule were chosen looking at them) and those it was not (``--pages``).  With
``--many N`` it also reads a scan PDF of N pages (one page repeated; the OCR cache answers
for all pages after the first, so this measures the rest of the route's memory over a long
scan: it must not grow with N).

OCR results are kept in ``--cache`` (default ``/tmp/sphinx-newspaper-ocr-bench``): a second
run scores again without reading again; ``--fresh`` empties it first.  Prints a table, and as
its last line a JSON object with every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from .common import REPO, add_output, save

CORPUS = REPO.parent / "shared" / "corpus"

#: Pages looked at while choosing the engine, the density and the size rule.
TUNED = [
    "pdf/xin-sanmen-2011-05-24-p02.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018011007.pdf",
    "pages/fuzhou-wanbao-2024-04-19-p07.pdf",
    "pages/gansu-fazhibao-2024-08-09-p08.pdf",
]
#: Pages with gold titles the route was not tuned on.
HELD_OUT = [
    f"pdf/rmrb-2018-01-p07/rmrb201801{day}07.pdf" for day in ("04", "05", "17", "23", "24", "29", "30")
]
SKEW = 1.3


def scan_image(pdf: Path, dpi: int, crooked: bool):
    """The page as a scanner gives it: grey at ``dpi``; ``crooked``: turned and JPEG-compressed."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    if crooked:
        image = image.rotate(SKEW, resample=Image.Resampling.BICUBIC, fillcolor=255)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return image


def read_one(pdf: Path, dpi: int, crooked: bool, cache: Path) -> dict:
    """One page scanned and read through OCR, in this process; its scores and costs."""
    from sphinx_newspaper.ingest.pdf import ocr
    from sphinx_newspaper.ingest.pdf.page import read_pdf
    from sphinx_newspaper.ingest.pdf.scan import read_scan, scan_page

    ocr.configure(cache=cache)
    image = scan_image(pdf, dpi, crooked)
    wall, cpu = time.perf_counter(), time.process_time()
    scan = read_scan(image, str(pdf), 0, dpi, str(pdf))
    page = scan_page(scan, several=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    text_page = read_pdf(pdf)[0]
    errors, characters = body_errors(pdf, scan)
    titles = gold_titles(pdf) or [a.title for a in text_page.articles if not a.title_inferred]
    got = {"".join(a.title.split()) for a in page.articles}
    found = [title for title in titles if "".join(title.split()) in got]
    return {
        "page": pdf.name,
        "dpi": dpi,
        "crooked": crooked,
        "skew_found": scan.report.skew,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "body_characters": characters,
        "body_cer": round(errors / characters, 4) if characters else None,
        "titles": len(titles),
        "titles_found": len(found),
        "titles_missed": [t for t in titles if t not in found],
        "doubtful_lines": len(scan.report.doubtful),
        "lines": scan.report.lines,
    }


def body_errors(pdf: Path, scan) -> tuple[int, int]:
    """Edit distance and characters over the text layer's body lines, each against the OCR
    characters standing in its box (boxes in points; the scan straightened)."""
    from sphinx_newspaper.ingest.pdf.chars import open_pdf, read_page_chars
    from sphinx_newspaper.ingest.pdf.lines import read_lines
    from sphinx_newspaper.scoring import character_errors

    document = open_pdf(pdf)
    try:
        truth = read_lines(read_page_chars(document, str(pdf), 0))
    finally:
        document.close()
    body = truth.body_size
    wanted = [line for line in truth.lines if not line.vertical and abs(line.size - body) <= 0.1 * body]
    seen: dict[int, list[tuple[float, str]]] = {id(line): [] for line in wanted}
    for line in scan.lines.lines:
        for char in line.chars:
            x = (char.x + char.right) / 2
            y = char.y + 0.38 * char.size  # the middle of its em box
            best = None
            for want in wanted:
                height = want.y1 - want.y0
                if want.x0 - 0.3 * height <= x <= want.x1 + 0.3 * height and want.y0 <= y <= want.y1:
                    distance = abs(y - (want.y0 + want.y1) / 2)
                    if best is None or distance < best[0]:
                        best = (distance, want)
            if best is not None:
                seen[id(best[1])].append((x, char.text))
    errors = characters = 0
    for want in wanted:
        text = "".join(char.text for char in want.chars if not char.text.isspace())
        got = "".join(text for _, text in sorted(seen[id(want)]))
        errors += character_errors(text, got)
        characters += len(text)
    return errors, characters


def gold_titles(pdf: Path) -> list[str]:
    """The printed titles of the page's gold file (tests/gold), inferred ones left out."""
    gold = REPO / "tests" / "gold" / f"{pdf.name}.gold.json"
    if not gold.is_file():
        return []
    data = json.loads(gold.read_text(encoding="utf-8"))
    return [a["title"] for a in data.get("articles", []) if not a.get("title_inferred")]


def many_pages(count: int, cache: Path, work: Path) -> dict:
    """A scan PDF of ``count`` pages (one scanned page repeated) read by the PDF route: peak
    memory and seconds, the OCR cache answering after the first page.  (Read as a file, not an
    issue: its pages all print one page number, which an issue refuses.)"""
    from PIL import Image

    from sphinx_newspaper.ingest.pdf import ocr
    from sphinx_newspaper.ingest.pdf.page import read_pdf

    ocr.configure(cache=cache)
    image = scan_image(CORPUS / TUNED[0], 200, True)
    path = work / f"scan-{count}.pdf"
    frames = [image] * count
    frames[0].save(path, "PDF", resolution=200, save_all=True, append_images=frames[1:])
    del frames, image
    Image.init()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall = time.perf_counter()
    pages = read_pdf(path)
    wall = time.perf_counter() - wall
    return {
        "pages": count,
        "read": len(pages),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "wall_s": round(wall, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_before_mb": round(before),
    }


def in_child(*args: str) -> dict:
    """Run this benchmark on one item in a fresh process (for its own peak memory)."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.ocr_pages", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    parser.add_argument("--pages", nargs="*", default=HELD_OUT, help="held-out pages (corpus paths)")
    parser.add_argument("--tuned", nargs="*", default=TUNED, help="pages tuned on (corpus paths)")
    parser.add_argument("--many", type=int, nargs="*", default=[50, 500])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sphinx-newspaper-ocr-bench"))
    parser.add_argument("--fresh", action="store_true", help="empty the OCR cache first")
    parser.add_argument("--one", nargs=4, metavar=("PDF", "DPI", "CROOKED", "CACHE"), help=argparse.SUPPRESS)
    parser.add_argument("--one-many", nargs=2, metavar=("COUNT", "CACHE"), help=argparse.SUPPRESS)
    add_output(parser, "ocr-pages")
    args = parser.parse_args(argv)
    if args.one:
        pdf, dpi, crooked, cache = args.one
        print(json.dumps(read_one(Path(pdf), int(dpi), crooked == "1", Path(cache)), ensure_ascii=False))
        return
    if args.one_many:
        work = Path(args.one_many[1]).parent
        print(json.dumps(many_pages(int(args.one_many[0]), Path(args.one_many[1]), work)))
        return
    if args.fresh and args.cache.is_dir():
        for entry in args.cache.iterdir():
            entry.unlink()
    rows = []
    for kind, pages in (("tuned", args.tuned), ("held out", args.pages)):
        for number, name in enumerate(pages):
            for dpi in args.dpi:
                crooked = number % 2 == 1
                row = in_child(
                    "--one", str(CORPUS / name), str(dpi), "1" if crooked else "0", str(args.cache)
                )
                row["set"] = kind
                rows.append(row)
                print(
                    f"{kind:8} {row['page']:32} {dpi} dpi {'crooked' if crooked else 'straight':8} "
                    f"CER {row['body_cer']:.4f}  titles {row['titles_found']}/{row['titles']}  "
                    f"{row['wall_s']:6.1f} s wall {row['cpu_s']:6.1f} s CPU  {row['peak_mb']} MB",
                    file=sys.stderr,
                    flush=True,
                )
    many = [in_child("--one-many", str(count), str(args.cache)) for count in args.many]
    summary: dict = {"load": os.getloadavg()[0], "pages": rows, "many": many}
    for kind in ("tuned", "held out"):
        for dpi in args.dpi:
            chosen = [r for r in rows if r["set"] == kind and r["dpi"] == dpi]
            if not chosen:
                continue
            errors = sum((r["body_cer"] or 0) * r["body_characters"] for r in chosen)
            characters = sum(r["body_characters"] for r in chosen)
            summary[f"{kind} {dpi} dpi"] = {
                "body_cer": round(errors / characters, 4) if characters else None,
                "title_recall": round(
                    sum(r["titles_found"] for r in chosen) / max(1, sum(r["titles"] for r in chosen)), 3
                ),
                "cpu_s_per_page": round(sum(r["cpu_s"] for r in chosen) / len(chosen), 1),
                "wall_s_per_page": round(sum(r["wall_s"] for r in chosen) / len(chosen), 1),
                "peak_mb": max(r["peak_mb"] for r in chosen),
            }
    for key, value in summary.items():
        if key not in ("pages", "many", "load"):
            print(f"{key:16} {value}", file=sys.stderr)
    for item in many:
        print(
            f"scan of {item['pages']} pages: {item['wall_s']} s, peak {item['peak_mb']} MB", file=sys.stderr
        )
    print(json.dumps(summary, ensure_ascii=False))
    save(args.output, "ocr_pages", summary, argv)


if __name__ == "__main__":
    main()
