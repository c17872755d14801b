"""Benchmark: how well the PDF route reads pages, as data for the docs' accuracy page.

One run of the code as it is writes a JSON file (``--output``) holding:

* ``corpus``: the PDF pages that have a gold annotation (``tests/gold``), each page, each paper
  and all pooled; ``text``: the pages of text that have one (the text route), each page;
* ``synthetic``: each kept set of synthetic pages (folders ``tests/pdf/synthetic.py --keep``
  built, given as ``NAME=FOLDER``), pooled, by page class (the template first, then the layouts
  drawn on the page) and by story class;
* ``leave_one_out``: for each paper (人民日报, 福州晚报, 甘肃法治报, 新三门, and each synthetic
  template as a paper of its own), a few of the route's parameters tuned by coordinate search
  on the other papers, then the held-out paper scored with them: held-out figures beside the
  in-sample ones (the training papers with the tuned values) and beside the held-out paper at
  the shipped defaults;
* when it ran, on what machine, at which commit, and which pages every figure rests on.

Every figure is the scorer's (:mod:`sphinx_newspaper.scoring`): article precision, recall and
F1, stories read whole, printed-headline recall and precision, tables, body share, paragraph
F1, characters kept.  The tuning maximises, over the training papers, the mean of each paper's
article F1, stories whole, title recall and title precision (each paper weighs the same,
whatever its page count).

    python -m benchmarks.accuracy --synthetic 1-8=/work/synth/s1 --loo-set /work/synth/s1 \\
        --loo-set /work/synth/n1            # writes docs/data/accuracy.json

Not part of the test suite (minutes of CPU); ``tests/test_accuracy_bench.py`` runs it on two
pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sphinx_newspaper.model import Page
from sphinx_newspaper.scoring import (
    PageScore,
    by_class,
    ratio_json,
    score_json,
    score_page,
    sum_scores,
)

from .common import DATA, REPO, commit, machine

CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "tests" / "gold"
OUTPUT = DATA / "accuracy.json"
#: The corpus's papers, by the start of their page files' names.
PAPERS = {
    "rmrb": "人民日报",
    "fuzhou-wanbao": "福州晚报",
    "gansu-fazhibao": "甘肃法治报",
    "xin-sanmen": "新三门",
}
#: The parameters the leave-one-out harness tunes: those that decide what a block is and how
#: headlines, bylines and subheads are told (LayoutParams field names).
TUNED = ("display", "stack_gap", "byline_gap", "embedded", "header_share")
#: Before LayoutParams: the same thresholds as module constants of the route.
CONSTANTS = {
    "display": ("roles", "DISPLAY"),
    "stack_gap": ("roles", "STACK_GAP"),
    "byline_gap": ("roles", "BYLINE_GAP"),
    "embedded": ("roles", "EMBEDDED"),
    "header_share": ("roles", "HEADER_SHARE"),
}
#: Tried values, as factors of the default, where a parameter does not say its range.
FACTORS = (0.8, 1.25)


# -- pages ----------------------------------------------------------------------------------------


@dataclass
class Sample:
    """A page with its gold: the unit every figure is pooled from."""

    path: Path
    gold: dict[str, Any]
    paper: str  # the paper (or synthetic template) it belongs to
    text: str = ""  # its own characters, as ``inspect --check`` counts them

    @property
    def name(self) -> str:
        return self.path.name


def paper_of(name: str) -> str:
    for prefix, paper in PAPERS.items():
        if name.startswith(prefix):
            return paper
    match = re.match(r"synthetic-([a-z]+)-\d+", name)
    return f"synthetic {match.group(1)}" if match else "other"


def corpus_samples() -> list[Sample]:
    """The corpus's PDF pages that have a gold annotation."""
    out = []
    for gold_path in sorted(GOLD.glob("*.pdf.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        found = [*CORPUS.glob(f"pages/{name}"), *CORPUS.glob(f"pdf/{name}"), *CORPUS.glob(f"pdf/*/{name}")]
        if found:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(Sample(found[0], gold, paper_of(name)))
    return out


def text_samples() -> list[Sample]:
    """The pages of text that have a gold annotation (the text route): the example page and the
    corpus's text extractions of PDF pages (block order, pdftotext), their text as read."""
    from sphinx_newspaper.ingest import read_text

    out = []
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        found = [*(REPO / "example_book").glob(f"{name}.txt"), *CORPUS.glob(f"pages/{name}.txt")]
        if not name.endswith(".pdf") and found:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            out.append(Sample(found[0], gold, paper_of(name), read_text(found[0])))
    return out


def folder_samples(folder: Path, limit: int | None = None) -> list[Sample]:
    """A kept synthetic set: its PDFs with the gold beside them (``limit`` pages of each
    template, the first by seed)."""
    out: list[Sample] = []
    taken: dict[str, int] = {}
    for path in sorted(folder.glob("*.pdf")):
        gold_path = path.with_name(path.name + ".gold.json")
        if not gold_path.is_file():
            continue
        paper = paper_of(path.name)
        if limit is not None and taken.get(paper, 0) >= limit:
            continue
        taken[paper] = taken.get(paper, 0) + 1
        out.append(Sample(path, json.loads(gold_path.read_text(encoding="utf-8")), paper))
    return out


# -- reading with parameters --------------------------------------------------------------------


def layout_params() -> Any:
    """The route's parameter object, where this version of the code has one."""
    try:
        from sphinx_newspaper.ingest import LayoutParams
    except ImportError:
        return None
    return LayoutParams


def defaults(names: Sequence[str]) -> dict[str, float]:
    """The shipped values of the tuned parameters."""
    params = layout_params()
    if params is not None:
        default = params()
        return {name: getattr(default, name) for name in names}
    import importlib

    return {
        name: getattr(importlib.import_module(f"sphinx_newspaper.ingest.pdf.{module}"), constant)
        for name, (module, constant) in CONSTANTS.items()
        if name in names
    }


def candidates(names: Sequence[str]) -> dict[str, list[float]]:
    """Values to try for each parameter: the ends of the range it says its scores hold over, or
    the default scaled by :data:`FACTORS`; the default first."""
    base = defaults(names)
    params = layout_params()
    ranges: dict[str, tuple[float, float]] = {}
    if params is not None:
        for item in fields(params):
            holds = item.metadata.get("holds") if item.metadata else None
            if item.name in names and holds:
                ranges[item.name] = holds
    out = {}
    for name in names:
        default = base[name]
        low, high = ranges.get(name, (default * FACTORS[0], default * FACTORS[1]))
        kind = type(default)
        values = [default, *(kind(round(v, 3)) if kind is float else kind(round(v)) for v in (low, high))]
        out[name] = list(dict.fromkeys(values))
    return out


def tuned_names(spec: str) -> list[str]:
    """The parameters ``--params`` names: a comma-separated list, or ``all``: every LayoutParams
    field whose measured range (``holds``) leaves it room to move."""
    if spec != "all":
        return [name for name in spec.split(",") if name]
    params = layout_params()
    assert params is not None, "--params all needs LayoutParams"
    return [
        item.name
        for item in fields(params)
        if item.metadata.get("holds") and item.metadata["holds"][0] < item.metadata["holds"][1]
    ]


#: Each page's characters, read once (pdfium is most of a page's time): every setting reads the
#: page from them (a page the corpus has no corrections for reads as ``read_page`` reads it).
_CHARS: dict[Path, Any] = {}


def page_chars(path: Path) -> Any:
    if path not in _CHARS:
        from sphinx_newspaper.ingest.pdf.chars import open_pdf, read_page_chars

        document = open_pdf(path)
        try:
            _CHARS[path] = read_page_chars(document, str(path), 0)
        finally:
            document.close()
    return _CHARS[path]


def reader(values: dict[str, float]) -> Callable[[Path], Page]:
    """The page read with the parameters set to ``values`` (the others at their defaults)."""
    from sphinx_newspaper.ingest import read_page

    params = layout_params()
    if params is not None:
        from sphinx_newspaper.ingest.pdf.page import read_pdf_page

        chosen = params(**values)
        return lambda path: (
            read_pdf_page(page_chars(path), params=chosen)
            if path.suffix.lower() == ".pdf"
            else read_page(path)
        )

    import importlib

    def read(path: Path) -> Page:
        saved = []
        try:
            for name, value in values.items():
                module = importlib.import_module(f"sphinx_newspaper.ingest.pdf.{CONSTANTS[name][0]}")
                saved.append((module, CONSTANTS[name][1], getattr(module, CONSTANTS[name][1])))
                setattr(module, CONSTANTS[name][1], value)
            return read_page(path)
        finally:
            for module, constant, value in saved:
                setattr(module, constant, value)

    return read


class Scorer:
    """Pages scored with a setting of the parameters, each page and setting once."""

    def __init__(self) -> None:
        self.cache: dict[tuple[tuple[tuple[str, float], ...], Path], PageScore] = {}
        self.pages_read = 0

    def score(self, sample: Sample, values: dict[str, float] | None = None) -> PageScore:
        values = values or {}
        base = defaults(list(values))
        changed = {name: value for name, value in values.items() if value != base[name]}
        key = (tuple(sorted(changed.items())), sample.path)
        if key not in self.cache:
            from sphinx_newspaper.ingest import own_text

            if not sample.text:
                sample.text = own_text(sample.path, 0)
            page = reader(changed)(sample.path)
            result = score_page(page, sample.gold, sample.text)
            result.source = sample.name
            if not result.classes:  # a set drawn before pages said their layout
                result.classes = [sample.paper.removeprefix("synthetic ")]
            self.cache[key] = result
            self.pages_read += 1
        return self.cache[key]

    def scores(self, samples: Iterable[Sample], values: dict[str, float] | None = None) -> list[PageScore]:
        return [self.score(sample, values) for sample in samples]


# -- figures --------------------------------------------------------------------------------------


def figures(scores: list[PageScore], name: str = "all") -> dict[str, Any]:
    """Pooled figures of some pages, and which pages they rest on."""
    pooled = score_json(sum_scores(scores, name), notes=False)
    pooled["pages"] = len(scores)
    pooled["page_names"] = [score.source for score in scores]
    return pooled


def objective(per_paper: list[list[PageScore]]) -> float:
    """Mean over papers of the mean of article F1, stories whole, title recall and precision."""
    values = []
    for scores in per_paper:
        total = sum_scores(scores)
        values.append(
            (total.f1 + total.whole.value + total.titles_found.value + total.titles_right.value) / 4
        )
    return sum(values) / len(values) if values else 0.0


def by_paper(samples: list[Sample]) -> dict[str, list[Sample]]:
    out: dict[str, list[Sample]] = {}
    for sample in samples:
        out.setdefault(sample.paper, []).append(sample)
    return out


@dataclass
class Tuning:
    values: dict[str, float]
    score: float
    tried: int = 0
    path: list[str] = field(default_factory=list)


def tune(
    scorer: Scorer,
    papers: dict[str, list[Sample]],
    grid: dict[str, list[float]],
    passes: int = 1,
) -> Tuning:
    """Coordinate search from the defaults: each parameter in turn set to the value that scores
    best on ``papers`` (a change must gain; ties keep the value held), ``passes`` times."""
    start = {name: values[0] for name, values in grid.items()}

    def measure(values: dict[str, float]) -> float:
        return objective([scorer.scores(samples, values) for samples in papers.values()])

    best = Tuning(start, measure(start), 1)
    for _ in range(passes):
        changed = False
        for name, values in grid.items():
            for value in values:
                if value == best.values[name]:
                    continue
                trial = {**best.values, name: value}
                result = measure(trial)
                best.tried += 1
                if result > best.score + 1e-9:
                    best = Tuning(trial, result, best.tried, [*best.path, f"{name}={value}"])
                    changed = True
        if not changed:
            break
    return best


def leave_one_out(
    scorer: Scorer,
    samples: list[Sample],
    names: Sequence[str],
    passes: int = 1,
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """For each paper: tune on the others, score it; held-out beside in-sample figures."""
    papers = by_paper(samples)
    grid = candidates(names)
    base = defaults(names)
    out = []
    for held, held_samples in papers.items():
        train = {paper: items for paper, items in papers.items() if paper != held}
        started = time.process_time()
        tuning = tune(scorer, train, grid, passes)
        held_scores = scorer.scores(held_samples, tuning.values)
        in_sample = [score for items in train.values() for score in scorer.scores(items, tuning.values)]
        out.append(
            {
                "held_out": held,
                "tuned": {name: value for name, value in tuning.values.items() if value != base[name]},
                "settings_tried": tuning.tried,
                "objective_in_sample": round(tuning.score, 4),
                "objective_held_out": round(objective([held_scores]), 4),
                "objective_held_out_default": round(objective([scorer.scores(held_samples)]), 4),
                "in_sample": figures(in_sample, "in-sample"),
                "held_out_tuned": figures(held_scores, held),
                "held_out_default": figures(scorer.scores(held_samples), held),
                "cpu_s": round(time.process_time() - started, 1),
            }
        )
        log(
            f"held out {held}: tuned {out[-1]['tuned'] or 'nothing'}; objective in-sample "
            f"{tuning.score:.3f}, held out {out[-1]['objective_held_out']:.3f} "
            f"(defaults {out[-1]['objective_held_out_default']:.3f})"
        )
    return out


def set_report(scores: list[PageScore]) -> dict[str, Any]:
    """A synthetic set: pooled, by page class, by story class."""
    total = sum_scores(scores, "all")
    return {
        "pooled": figures(scores),
        "classes": {pool.source: score_json(pool, notes=False) for pool in by_class(scores)},
        "story_classes": {
            name: {"stories_whole": ratio_json(ratio), "title_recall": ratio_json(total.story_titles[name])}
            for name, ratio in total.story_whole.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the JSON file to write")
    parser.add_argument(
        "--synthetic",
        action="append",
        default=[],
        metavar="NAME=FOLDER",
        help="a kept synthetic set to score",
    )
    parser.add_argument(
        "--loo-set", action="append", default=[], type=Path, metavar="FOLDER",
        help="a kept synthetic set whose templates take part in leave-one-out as papers",
    )  # fmt: skip
    parser.add_argument("--loo-pages", type=int, default=8, help="pages of each template in leave-one-out")
    parser.add_argument(
        "--params",
        default=",".join(TUNED),
        help="the parameters to tune, comma-separated, or 'all' (every LayoutParams field with room in its measured range)",
    )
    parser.add_argument("--passes", type=int, default=1, help="coordinate search passes")
    parser.add_argument("--no-loo", action="store_true", help="leave leave-one-out out")
    parser.add_argument("--no-corpus", action="store_true", help="leave the corpus pages out")
    options = parser.parse_args(argv)

    started = time.time()
    scorer = Scorer()
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {**machine(), "commit": commit()},
        "commit": commit(),
        "params": "LayoutParams" if layout_params() is not None else "module constants",
    }
    corpus = [] if options.no_corpus else corpus_samples()
    if corpus:
        scores = scorer.scores(corpus)
        result["corpus"] = {
            "pages": [score_json(score) for score in scores],
            "papers": {
                paper: figures(scorer.scores(items), paper) for paper, items in by_paper(corpus).items()
            },
            "pooled": figures(scores),
        }
        print(f"corpus: {len(scores)} pages, F1 {result['corpus']['pooled']['f1']:.3f}", file=sys.stderr)
    text = [] if options.no_corpus else text_samples()
    if text:
        result["text"] = {"pages": [score_json(score) for score in scorer.scores(text)]}
    result["synthetic"] = {}
    for spec in options.synthetic:
        name, _, folder = spec.partition("=")
        scores = scorer.scores(folder_samples(Path(folder)))
        result["synthetic"][name] = {"folder": folder, **set_report(scores)}
        pooled = result["synthetic"][name]["pooled"]
        print(
            f"set {name}: {len(scores)} pages, F1 {pooled['f1']:.3f}, whole {pooled['stories_whole']['value']:.3f}",
            file=sys.stderr,
        )
    if not options.no_loo:
        samples = list(corpus)
        for folder in options.loo_set:
            samples += folder_samples(folder, options.loo_pages)
        names = tuned_names(options.params)
        result["leave_one_out"] = {
            "tuned_parameters": names,
            "values_tried": candidates(names),
            "defaults": defaults(names),
            "folds": leave_one_out(
                scorer, samples, names, options.passes, lambda line: print(line, file=sys.stderr)
            ),
        }
    result["pages_read"] = scorer.pages_read
    result["wall_s"] = round(time.time() - started, 1)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {options.output} ({scorer.pages_read} pages read, {result['wall_s']} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
