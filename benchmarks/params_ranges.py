"""Benchmark: over which range of each LayoutParams field the PDF route's scores hold.

Each field of :class:`~sphinx_newspaper.ingest.pdf.params.LayoutParams` is varied alone, to its
default times each of :data:`FACTORS` (counts rounded), and the pages are read again:

* the corpus pages that have gold (``tests/gold``): article F1, stories whole, title recall
  and precision pooled;
* a kept synthetic set (``tests/pdf/synthetic.py --keep``, ``--set FOLDER``): the same four
  figures pooled, and their mean (the objective of ``benchmarks/accuracy.py``).

A value *holds* where the corpus figures are what they are at the default and the synthetic
objective is no lower (within :data:`TOLERANCE`).  A field's range is the run of holding values
around its default, tried outwards (× 0.8, then × 0.5; × 1.25, then × 2): a direction stops at
the first value that does not hold.  The result goes to ``docs/data/params-ranges.json``;
``--write-holds`` writes the ranges into ``params.py``'s fields (``holds=``).

The PDFs' characters are read once per page (pdfium is most of a page's time), their lines once
for the fields the lines step does not read; each setting then reads the rest again.  Not part of the test suite (minutes of CPU).

    python -m benchmarks.params_ranges --set /work/synth/s1
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from sphinx_newspaper.ingest.pdf.chars import PdfPage, open_pdf, own_text, read_page_chars
from sphinx_newspaper.ingest.pdf.lines import read_lines
from sphinx_newspaper.ingest.pdf.page import read_page_lines
from sphinx_newspaper.ingest.pdf.params import LayoutParams
from sphinx_newspaper.scoring import PageScore, score_page, sum_scores

from .accuracy import Sample, corpus_samples, folder_samples
from .common import DATA, REPO, commit, machine

OUTPUT = DATA / "params-ranges.json"
DESIGN = REPO / "docs" / "design-pdf.md"
TABLE_START = "<!-- params table: written by benchmarks/params_ranges.py --write-holds -->"
TABLE_END = "<!-- end of params table -->"
PARAMS_FILE = REPO / "sphinx_newspaper" / "ingest" / "pdf" / "params.py"
#: The values tried, as factors of the default, outwards from it: a direction stops at the
#: first value that does not hold.
FACTORS = (0.8, 0.5, 1.25, 2.0)
#: The synthetic objective may fall this much and still hold (one page's rounding).
TOLERANCE = 0.002


def four(scores: list[PageScore]) -> dict[str, float]:
    """Article F1, stories whole, title recall and precision, pooled, and their mean."""
    total = sum_scores(scores)
    out = {
        "f1": round(total.f1, 4),
        "whole": round(total.whole.value, 4),
        "title_recall": round(total.titles_found.value, 4),
        "title_precision": round(total.titles_right.value, 4),
    }
    out["objective"] = round(sum(out.values()) / 4, 4)
    return out


#: The fields the lines step reads (the others reuse each page's lines read at the defaults).
LINES_FIELDS = set(re.findall(r"\bp\.([a-z_]+)", (REPO / "sphinx_newspaper/ingest/pdf/lines.py").read_text()))


class Pages:
    """Pages with their characters (and lines at the defaults) read once, read again with any
    setting."""

    def __init__(self, samples: list[Sample]) -> None:
        self.samples = samples
        self.chars: list[PdfPage] = []
        for sample in samples:
            document = open_pdf(sample.path)
            try:
                self.chars.append(read_page_chars(document, str(sample.path), 0))
            finally:
                document.close()
            sample.text = own_text(sample.path, 0)
        self.lines = [read_lines(chars) for chars in self.chars]

    def scores(self, params: LayoutParams, lines_too: bool = True) -> list[PageScore]:
        out = []
        for index, sample in enumerate(self.samples):
            lines = read_lines(self.chars[index], params) if lines_too else self.lines[index]
            for line in lines.lines:
                line.tags.clear()  # the roles step tags bylines on the lines it is given
            page = read_page_lines(lines, params=params)
            out.append(score_page(page, sample.gold, sample.text))
        return out


def value_at(default: float, factor: float) -> float:
    """The default times ``factor`` (a count rounded, at least 1)."""
    if isinstance(default, int):
        return max(1, round(default * factor))
    return round(default * factor, 4)


def write_holds(ranges: dict[str, tuple[float, float]]) -> None:
    """Each field's range into params.py (``_param(default, unit, holds=(low, high))``)."""
    text = PARAMS_FILE.read_text(encoding="utf-8")
    for name, (low, high) in ranges.items():
        pattern = re.compile(rf"(\n    {name}: \w+ = _param\(([^,]+), (\"[^\"]*\"))(?:, holds=\([^)]*\))?\)")
        text, count = pattern.subn(rf"\1, holds=({low!r}, {high!r}))", text)
        if count != 1:
            raise SystemExit(f"field {name} not found once in {PARAMS_FILE}")
    PARAMS_FILE.write_text(text, encoding="utf-8")


def write_table(measured: dict[str, Any]) -> None:
    """The fields, their units, defaults and measured ranges as a table in docs/design-pdf.md
    (between its markers)."""
    from sphinx_newspaper.ingest.pdf.params import describe

    rows = ["| field | default | unit | holds from | to | what it is |", "|---|---|---|---|---|---|"]
    for row in describe():
        found = measured.get(row["name"])
        low, high = found["holds"] if found else ("", "")
        doc = row["doc"].replace("|", "\\|")
        rows.append(f"| `{row['name']}` | {row['default']} | {row['unit']} | {low} | {high} | {doc} |")
    text = DESIGN.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    DESIGN.write_text(text[:start] + "\n\n" + "\n".join(rows) + "\n\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, action="append", default=[], help="a kept synthetic set")
    parser.add_argument("--fields", default="", help="only these fields, comma-separated")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--write-holds",
        action="store_true",
        help="write the ranges into params.py and the table of docs/design-pdf.md",
    )
    parser.add_argument(
        "--from-json", action="store_true", help="measure nothing: write the ranges of --output"
    )
    options = parser.parse_args(argv)
    if options.from_json:
        measured = json.loads(options.output.read_text(encoding="utf-8"))["fields"]
        write_holds({name: tuple(field["holds"]) for name, field in measured.items()})
        write_table(measured)
        return 0

    started = time.time()
    cpu = time.process_time()
    corpus = Pages(corpus_samples())
    synthetic = Pages([sample for folder in options.set for sample in folder_samples(folder)])
    default = LayoutParams()
    base_corpus = four(corpus.scores(default))
    base_synthetic = four(synthetic.scores(default)) if synthetic.samples else None
    print(f"defaults: corpus {base_corpus}, synthetic {base_synthetic}", file=sys.stderr)
    wanted = {name for name in options.fields.split(",") if name}
    fields: dict[str, Any] = {}
    ranges: dict[str, tuple[float, float]] = {}
    for item in dataclasses.fields(LayoutParams):
        if wanted and item.name not in wanted:
            continue
        base = getattr(default, item.name)
        rows = []
        low = high = base
        lines_too = item.name in LINES_FIELDS
        stopped: set[bool] = set()  # the directions that met a value that does not hold
        for factor in FACTORS:
            value, upwards = value_at(base, factor), factor > 1
            if upwards in stopped or value == base or (value >= low if not upwards else value <= high):
                continue
            params = dataclasses.replace(default, **{item.name: value})
            on_corpus = four(corpus.scores(params, lines_too))
            on_synthetic = four(synthetic.scores(params, lines_too)) if synthetic.samples else None
            ok = all(on_corpus[key] == base_corpus[key] for key in base_corpus) and (
                on_synthetic is None or on_synthetic["objective"] >= base_synthetic["objective"] - TOLERANCE
            )
            rows.append({"value": value, "holds": ok, "corpus": on_corpus, "synthetic": on_synthetic})
            if not ok:
                stopped.add(upwards)
            elif upwards:
                high = value
            else:
                low = value
        ranges[item.name] = (low, high)
        fields[item.name] = {"default": base, "holds": list(ranges[item.name]), "tried": rows}
        print(f"{item.name}: {base} holds {ranges[item.name]}", file=sys.stderr)
    result = {
        "machine": {**machine(), "commit": commit()},
        "factors": list(FACTORS),
        "tolerance": TOLERANCE,
        "corpus_pages": [sample.name for sample in corpus.samples],
        "synthetic_pages": [sample.name for sample in synthetic.samples],
        "synthetic_sets": [str(folder) for folder in options.set],
        "defaults": {"corpus": base_corpus, "synthetic": base_synthetic},
        "fields": fields,
        "wall_s": round(time.time() - started, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if options.write_holds:
        write_holds(ranges)
        write_table(fields)
    print(f"wrote {options.output} ({result['wall_s']} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
