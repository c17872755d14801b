"""Measured, not guessed: how well the ingest reads a page, against an editor's gold annotation.

Pure Python with no Sphinx imports.  A gold file (``tests/gold/*.gold.json``, format in
``tests/gold/README.md``) says what is on a printed page; :func:`score_page` compares the ingest's
:class:`~sphinx_newspaper.model.Page` with it: article boundaries, headline parts, paragraph
boundaries, and whether every character of the input text survived.  ``sphinx-newspaper score``
prints :func:`format_scores` for the pages it is given.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .model import Article, Page

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "gold"
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_PAGES = CORPUS / "pages"
#: Where gold sources are looked for: the corpus's page folder, its PDF folder and sub-folders.
CORPUS_DIRS = (CORPUS_PAGES, CORPUS / "pdf", *sorted((CORPUS / "pdf").glob("*/")))

ORNAMENTS = "■□●○◆◇▲△▼▽★☆▶►◎"
OPENERS = "“‘「『\"'（(《〈"
FIELDS = ("title", "kicker", "subtitle", "byline", "captions", "subheads")
MASTHEAD_FIELDS = ("date", "weekday", "number", "section")
INFERRED_TITLE_MIN = 4


@dataclass
class Ratio:
    """``right`` out of ``total``; an empty ratio counts as perfect (nothing to get wrong)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def __str__(self) -> str:
        return f"{self.right}/{self.total}"


@dataclass
class PageScore:
    """Everything measured on one page; the ``*_f1`` and ratio properties summarise it."""

    source: str
    gold_articles: int
    predicted_articles: int
    matched: list[tuple[int, int]]  # (gold index, predicted index)
    fields: dict[str, Ratio]
    masthead: Ratio
    paragraph_tp: int
    paragraph_fp: int
    paragraph_fn: int
    kept: int
    total: int
    missing: list[str] = field(default_factory=list)  # runs of lost input text, "line N: text"
    notes: list[str] = field(default_factory=list)  # what was wrong, for people

    @property
    def precision(self) -> float:
        return len(self.matched) / self.predicted_articles if self.predicted_articles else 1.0

    @property
    def recall(self) -> float:
        return len(self.matched) / self.gold_articles if self.gold_articles else 1.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def paragraph_f1(self) -> float:
        tp, fp, fn = self.paragraph_tp, self.paragraph_fp, self.paragraph_fn
        if tp + fp + fn == 0:
            return 1.0
        return f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)

    @property
    def conservation(self) -> float:
        return self.kept / self.total if self.total else 1.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def squeeze(text: str | None) -> str:
    """Comparable form: NFKC, no whitespace, leading ornaments (``■``) stripped."""
    return plain(text).lstrip(ORNAMENTS)


def plain(text: str | None) -> str:
    """Body form: NFKC of each character (``（`` → ``(``, ``﹃`` → ``『``) with all whitespace
    removed; ornaments are kept, they are text.  Character by character, so that every position
    maps back to one input character."""
    normal = "".join(unicodedata.normalize("NFKC", char) for char in text or "")
    return "".join(normal.split())


# -- article matching ---------------------------------------------------------------------------


def predicted_body(article: Article) -> list[str]:
    """An ingested article's body texts: paragraphs, subheads and their decks."""
    parts: list[str] = []
    for block in article.blocks:
        parts.append(block.text)
        if block.deck:
            parts.append(block.deck)
    return parts


def gold_body(article: dict[str, Any]) -> list[str]:
    """A gold article's body texts: paragraphs, subheads and their decks."""
    parts = list(article.get("paragraphs", []))
    for subhead in article.get("subheads", []):
        parts.append(subhead["text"])
        if subhead.get("deck"):
            parts.append(subhead["deck"])
    return parts


def bigrams(parts: Iterable[str]) -> Counter[str]:
    """Character bigrams of each part (single characters for one-character parts).

    Bigrams rather than characters: two different stories on one page share many characters
    (的，。) but few bigrams, while one story read in interleaved order keeps most of its bigrams."""
    grams: Counter[str] = Counter()
    for part in parts:
        text = plain(part)
        if len(text) == 1:
            grams[text] += 1
        grams.update(text[i : i + 2] for i in range(len(text) - 1))
    return grams


def match_articles(gold: list[dict[str, Any]], predicted: list[Article]) -> list[tuple[int, int]]:
    """1:1 pairs (gold index, predicted index) sharing more than half of the larger body's bigrams,
    best overlap first."""
    gold_grams = [bigrams(gold_body(article)) for article in gold]
    pred_grams = [bigrams(predicted_body(article)) for article in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold_grams):
        for pi, p in enumerate(pred_grams):
            larger = max(g.total(), p.total())
            if not larger:
                continue
            share = (g & p).total() / larger
            if share > 0.5:
                candidates.append((share, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _share, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return sorted(pairs)


# -- fields ------------------------------------------------------------------------------------


def field_values(gold: dict[str, Any], article: Article) -> dict[str, tuple[Any, Any]]:
    """(gold, predicted) comparable values for the compared fields except the title."""
    return {
        "kicker": (squeeze(gold.get("kicker")), squeeze(article.kicker)),
        "subtitle": (squeeze(gold.get("subtitle")), squeeze(article.subtitle)),
        "byline": (squeeze(gold.get("byline")), squeeze(article.byline)),
        "captions": (
            sorted(squeeze(c) for c in gold.get("captions", [])),
            sorted(squeeze(c) for c in article.captions),
        ),
        "subheads": (
            [(squeeze(s["text"]), squeeze(s.get("deck"))) for s in gold.get("subheads", [])],
            [(squeeze(b.text), squeeze(b.deck)) for b in article.blocks if b.kind == "subhead"],
        ),
    }


def title_right(gold: dict[str, Any], article: Article) -> bool:
    """A printed title must be equal; an inferred one must be marked inferred and begin the body."""
    if not gold.get("title_inferred"):
        return squeeze(gold["title"]) == squeeze(article.title)
    if not article.title_inferred:
        return False
    title = squeeze(article.title).rstrip(".…").lstrip(OPENERS)
    paragraphs = gold.get("paragraphs") or [""]
    body = plain(paragraphs[0]).lstrip(OPENERS)
    return len(title) >= INFERRED_TITLE_MIN and body.startswith(title)


def score_fields(
    gold: list[dict[str, Any]], predicted: list[Article], pairs: list[tuple[int, int]]
) -> tuple[dict[str, Ratio], list[str]]:
    """Accuracy of headline parts, byline, captions and subheads over matched articles."""
    ratios = {name: Ratio() for name in FIELDS}
    notes: list[str] = []
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        ok = title_right(g, p)
        ratios["title"].add(ok)
        if not ok:
            notes.append(f"title: gold {g['title']!r}, got {p.title!r} (inferred {p.title_inferred})")
        for name, (want, got) in field_values(g, p).items():
            ratios[name].add(want == got)
            if want != got:
                notes.append(f"{name} of {g['title']!r}: gold {want!r}, got {got!r}")
    return ratios, notes


def score_masthead(gold: dict[str, Any], page: Page) -> tuple[Ratio, list[str]]:
    """Date, weekday, page number and section against the gold masthead."""
    got = {
        "date": page.date.isoformat() if page.date else None,
        "weekday": page.weekday,
        "number": page.number,
        "section": page.section,
    }
    ratio = Ratio()
    notes: list[str] = []
    for name in MASTHEAD_FIELDS:
        if name not in gold:
            continue
        ok = squeeze(str(gold[name]) if gold[name] is not None else None) == squeeze(got[name])
        ratio.add(ok)
        if not ok:
            notes.append(f"masthead {name}: gold {gold[name]!r}, got {got[name]!r}")
    return ratio, notes


# -- paragraph boundaries ----------------------------------------------------------------------


def starts(paragraphs: list[str]) -> tuple[str, list[int]]:
    """Whitespace-free text of the paragraphs and the offsets where the 2nd, 3rd, … begin."""
    texts = [plain(p) for p in paragraphs]
    texts = [t for t in texts if t]
    offsets: list[int] = []
    position = 0
    for text in texts:
        if position:
            offsets.append(position)
        position += len(text)
    return "".join(texts), offsets


def paragraph_counts(gold: dict[str, Any], article: Article) -> tuple[int, int, int]:
    """(tp, fp, fn) of paragraph starts: predicted starts are aligned onto the gold text."""
    gold_text, gold_starts = starts(gold.get("paragraphs", []))
    pred_text, pred_starts = starts([b.text for b in article.blocks if b.kind == "paragraph"])
    blocks = SequenceMatcher(None, pred_text, gold_text, autojunk=False).get_matching_blocks()
    wanted = set(gold_starts)
    tp = 0
    for position in pred_starts:
        for i, j, n in blocks:
            if i <= position < i + n:
                tp += int(j + position - i in wanted)
                break
    return tp, len(pred_starts) - tp, len(gold_starts) - tp


# -- conservation ------------------------------------------------------------------------------


def output_texts(page: Page) -> Iterator[str]:
    """Every text the ingest put on the page (inferred titles excluded: they repeat the body)."""
    yield from page.masthead
    if page.column:
        yield page.column
    yield from page.credits
    yield from page.furniture
    for article in page.articles:
        for text in (article.kicker, article.subtitle, article.byline):
            if text:
                yield text
        if article.title and not article.title_inferred:
            yield article.title
        for block in article.blocks:
            yield block.text
            if block.deck:
                yield block.deck
        yield from article.captions


CHUNK_MIN = 4  # shortest run of an output text placed on its own in the input


class Placement:
    """The input's whitespace-free characters, and which of them output texts have claimed."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.origins: list[tuple[int, int, str]] = []  # (line, column, character as written)
        for number, line in enumerate(text.splitlines(), start=1):
            for column, original in enumerate(line):
                for char in plain(original):
                    chars.append(char)
                    self.origins.append((number, column, original))
        self.source = "".join(chars)
        self.covered = [False] * len(self.source)

    def find_free(self, piece: str) -> int:
        """First position where ``piece`` occurs in the input on unclaimed characters, or -1."""
        start = 0
        while (found := self.source.find(piece, start)) >= 0:
            if not any(self.covered[found : found + len(piece)]):
                return found
            start = found + 1
        return -1

    def claim(self, position: int, length: int) -> None:
        self.covered[position : position + length] = [True] * length

    def place(self, piece: str) -> str:
        """Claim ``piece`` verbatim, else in its longest runs (reordered or interleaved text);
        return the characters that found no place."""
        found = self.find_free(piece)
        if found >= 0:
            self.claim(found, len(piece))
            return ""
        rest: list[str] = []
        k = 0
        while k < len(piece):
            best, length = -1, CHUNK_MIN
            while k + length <= len(piece) and (found := self.find_free(piece[k : k + length])) >= 0:
                best, length = found, length + 1
            if best >= 0:
                self.claim(best, length - 1)
                k += length - 1
            else:
                rest.append(piece[k])
                k += 1
        return "".join(rest)

    def runs(self, indices: list[int]) -> list[str]:
        """Consecutive input positions as ``line N: text``."""
        runs: list[list[int]] = []
        for index in indices:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        return [f"line {self.origins[run[0]][0]}: {self.written(run)}" for run in runs]

    def written(self, run: list[int]) -> str:
        """The input characters behind a run of positions, as written (before NFKC)."""
        out: list[str] = []
        last: tuple[int, int, str] | None = None
        for index in run:
            if self.origins[index] != last:
                last = self.origins[index]
                out.append(last[2])
        return "".join(out)


def conservation(page: Page, text: str) -> tuple[int, int, list[str]]:
    """(kept, total, missing runs): the input's non-whitespace characters found in the output,
    counted as a multiset.  Output texts are first placed on the input (whole, else in runs) so
    that what is missing can be named as runs of the input with their line numbers; the count is
    the multiset count whatever the placement."""
    placement = Placement(text)
    leftover: Counter[str] = Counter()
    for piece in sorted((plain(t) for t in output_texts(page)), key=len, reverse=True):
        if piece:
            leftover.update(placement.place(piece))
    missing: list[int] = []
    for index, char in enumerate(placement.source):
        if placement.covered[index]:
            continue
        if leftover[char] > 0:
            leftover[char] -= 1
        else:
            missing.append(index)
    total = len(placement.source)
    return total - len(missing), total, placement.runs(missing)


# -- pages and files ---------------------------------------------------------------------------


def score_page(page: Page, gold: dict[str, Any], text: str) -> PageScore:
    """Compare an ingested page with its gold annotation and the text it was read from."""
    gold_articles = gold.get("articles", [])
    pairs = match_articles(gold_articles, page.articles)
    fields, notes = score_fields(gold_articles, page.articles, pairs)
    masthead, masthead_notes = score_masthead(gold.get("masthead", {}), page)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, article in enumerate(gold_articles):
        if gi not in matched_gold:
            notes.append(f"gold article not found: {article['title']!r}")
    for pi, article in enumerate(page.articles):
        if pi not in matched_pred:
            notes.append(f"predicted article matches no gold article: {article.title!r}")
    tp = fp = fn = 0
    for gi, pi in pairs:
        counts = paragraph_counts(gold_articles[gi], page.articles[pi])
        tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
    kept, total, missing = conservation(page, text)
    return PageScore(
        source=gold.get("source") or Path(page.source).name,
        gold_articles=len(gold_articles),
        predicted_articles=len(page.articles),
        matched=pairs,
        fields=fields,
        masthead=masthead,
        paragraph_tp=tp,
        paragraph_fp=fp,
        paragraph_fn=fn,
        kept=kept,
        total=total,
        missing=missing,
        notes=masthead_notes + notes,
    )


def gold_file(path: Path) -> Path:
    """The gold annotation of a page file: beside it, else in the repository's ``tests/gold``."""
    name = path.name.removesuffix(".txt") + ".gold.json"
    for candidate in (path.with_name(name), GOLD_DIR / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{path}: no gold annotation {name} beside it or in {GOLD_DIR}")


def score_file(path: str | Path) -> PageScore:
    """Read a page file (text, or a one-page PDF) with the real ingest and score it against its
    gold annotation; a PDF's characters are counted as ``inspect --check`` counts them."""
    from .ingest import is_pdf, read_page
    from .ingest.decode import read_text

    path = Path(path)
    gold = json.loads(gold_file(path).read_text(encoding="utf-8"))
    return score_page(read_page(path), gold, source_text(path) if is_pdf(path) else read_text(path))


def source_text(pdf: Path, index: int = 0) -> str:
    """A PDF page's own characters (see :func:`.ingest.pdfchars.own_text`)."""
    from .ingest.pdfchars import own_text

    return own_text(pdf, index)


def gold_pages() -> list[Path]:
    """The corpus page files that have a gold annotation in ``tests/gold``."""
    pages = []
    for gold in sorted(GOLD_DIR.glob("*.gold.json")):
        source = json.loads(gold.read_text(encoding="utf-8")).get("source", "")
        found = next((folder / source for folder in CORPUS_DIRS if (folder / source).is_file()), None)
        if found is not None:
            pages.append(found)
    return pages


# -- report ------------------------------------------------------------------------------------

COLUMNS = ("page", "gold", "got", "P", "R", "F1", *FIELDS, "mast", "paraF1", "kept")


def score_row(score: PageScore) -> list[str]:
    """One table row: article counts, P/R/F1, field ratios, paragraph F1, conservation."""
    return [
        score.source.removesuffix(".txt"),
        str(score.gold_articles),
        str(score.predicted_articles),
        f"{score.precision:.2f}",
        f"{score.recall:.2f}",
        f"{score.f1:.2f}",
        *(str(score.fields[name]) for name in FIELDS),
        str(score.masthead),
        f"{score.paragraph_f1:.2f}",
        f"{score.kept}/{score.total}",
    ]


def format_row(row: list[str], widths: list[int]) -> str:
    """Cells padded to their column: the page name to the left, numbers to the right."""
    cells = [
        cell.ljust(w) if i == 0 else cell.rjust(w)
        for i, (cell, w) in enumerate(zip(row, widths, strict=True))
    ]
    return "  ".join(cells).rstrip()


def format_scores(scores: list[PageScore], *, details: bool = False) -> str:
    """A plain-text table, one page a row; with ``details`` also what was wrong and what was lost."""
    rows = [list(COLUMNS), *(score_row(score) for score in scores)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [format_row(row, widths) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if details:
        for score in scores:
            if not (score.notes or score.missing):
                continue
            lines.append("")
            lines.append(f"{score.source}:")
            lines.extend(f"  {note}" for note in score.notes)
            lines.extend(f"  missing, {shorten(run)}" for run in score.missing)
    return "\n".join(lines)


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    return text if len(text) <= limit else f"{text[: limit - 20]}… ({len(text)} characters)"


def main_score(paths: list[str]) -> int:
    """``sphinx-newspaper score [PAGE|FOLDER ...]``: print the table (default: every gold page)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(p for p in sorted([*path.glob("*.txt"), *path.glob("*.pdf")]) if has_gold(p))
        else:
            files.append(path)
    if not paths:
        files = gold_pages()
    scores: list[PageScore] = []
    status = 0
    for file in files:
        try:
            scores.append(score_file(file))
        except FileNotFoundError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
    if scores:
        print(format_scores(scores, details=True))
    return status


def has_gold(path: Path) -> bool:
    """Whether a page file has a gold annotation."""
    try:
        gold_file(path)
    except FileNotFoundError:
        return False
    return True
