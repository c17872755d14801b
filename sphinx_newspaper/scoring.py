"""Measured, not guessed: how well the ingest reads a page, against an editor's gold annotation.

Pure Python with no Sphinx imports.  A gold file (``PAGE.gold.json`` beside ``PAGE.txt`` or in a
folder of them; the project's are in ``tests/gold``, format in ``tests/gold/README.md``) says what
is on a printed page; :func:`score_page` compares the ingest's
:class:`~sphinx_newspaper.model.Page` with it: article boundaries, headline parts, paragraph
boundaries, and whether every character of the input text survived (:mod:`.conservation`);
and the two measures a reader feels most (:func:`story_counts`, :func:`title_counts`): whether
each story is read whole, and whether the page's printed headlines became its articles' titles.
``sphinx-newspaper score`` prints :func:`format_scores` for the pages it is given, pooled and by
layout class, or their JSON (:func:`report_json`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .conservation import conservation, plain
from .model import Article, Page

ORNAMENTS = "■□●○◆◇▲△▼▽★☆▶►◎"
OPENERS = "“‘「『\"'（(《〈"
FIELDS = ("title", "kicker", "subtitle", "byline", "captions", "subheads", "tables")
MASTHEAD_FIELDS = ("date", "weekday", "number", "section")
INFERRED_TITLE_MIN = 4
#: How many word characters of a story's opening and of its close must stand in the article
#: that carries its title for the story to count as read whole (see :func:`story_counts`): some
#: four Chinese words, enough to be unique on a page, few enough for a two-line brief.
STORY_WORDS = 8


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
    body_right: int = 0  # gold body character pairs found in their own predicted article
    body_total: int = 0  # gold body character pairs
    whole: Ratio = field(default_factory=Ratio)  # gold stories read whole (see story_counts)
    titles_found: Ratio = field(default_factory=Ratio)  # printed gold titles found: recall
    titles_right: Ratio = field(default_factory=Ratio)  # articles whose title is a gold title: precision
    classes: list[str] = field(default_factory=list)  # the page's layout classes, from its gold
    #: By the layout class of the gold stories (their gold's ``layout``): stories read whole, and
    #: printed titles found.
    story_whole: dict[str, Ratio] = field(default_factory=dict)
    story_titles: dict[str, Ratio] = field(default_factory=dict)
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
    def body_share(self) -> float:
        """Share of the gold articles' body text that landed in the right predicted article."""
        return self.body_right / self.body_total if self.body_total else 1.0

    @property
    def paragraph_f1(self) -> float:
        tp, fp, fn = self.paragraph_tp, self.paragraph_fp, self.paragraph_fn
        if tp + fp + fn == 0:
            return 1.0
        return f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)

    @property
    def conservation(self) -> float:
        return self.kept / self.total if self.total else 1.0


def pooled(ratios: Iterable[Ratio]) -> Ratio:
    """Several ratios as one: rights and totals summed."""
    total = Ratio()
    for ratio in ratios:
        total.right += ratio.right
        total.total += ratio.total
    return total


def sum_scores(results: list[PageScore], source: str = "all") -> PageScore:
    """Several pages' scores summed as one page (articles, fields, paragraphs, characters,
    stories whole, titles)."""
    fields = {name: pooled(result.fields.get(name, Ratio()) for result in results) for name in FIELDS}
    return PageScore(
        source=source,
        gold_articles=sum(r.gold_articles for r in results),
        predicted_articles=sum(r.predicted_articles for r in results),
        matched=[pair for result in results for pair in result.matched],
        fields=fields,
        masthead=pooled(r.masthead for r in results),
        paragraph_tp=sum(r.paragraph_tp for r in results),
        paragraph_fp=sum(r.paragraph_fp for r in results),
        paragraph_fn=sum(r.paragraph_fn for r in results),
        kept=sum(r.kept for r in results),
        total=sum(r.total for r in results),
        body_right=sum(r.body_right for r in results),
        body_total=sum(r.body_total for r in results),
        whole=pooled(r.whole for r in results),
        titles_found=pooled(r.titles_found for r in results),
        titles_right=pooled(r.titles_right for r in results),
        story_whole=pooled_by_class(r.story_whole for r in results),
        story_titles=pooled_by_class(r.story_titles for r in results),
    )


def pooled_by_class(tables: Iterable[dict[str, Ratio]]) -> dict[str, Ratio]:
    """Ratios by class, summed class by class."""
    out: dict[str, Ratio] = {}
    for table in tables:
        for name, ratio in table.items():
            out[name] = pooled([out.get(name, Ratio()), ratio])
    return out


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def squeeze(text: str | None) -> str:
    """Comparable form: NFKC, no whitespace, leading ornaments (``■``) stripped."""
    return plain(text).lstrip(ORNAMENTS)


# -- article matching ---------------------------------------------------------------------------


def predicted_body(article: Article) -> list[str]:
    """An ingested article's body texts: paragraphs, subheads and their decks, tables."""
    parts: list[str] = []
    for block in article.blocks:
        parts.append(block.text)
        if block.deck:
            parts.append(block.deck)
    return parts


def gold_body(article: dict[str, Any]) -> list[str]:
    """A gold article's body texts: paragraphs, subheads and their decks, tables' cells."""
    parts = list(article.get("paragraphs", []))
    for subhead in article.get("subheads", []):
        parts.append(subhead["text"])
        if subhead.get("deck"):
            parts.append(subhead["deck"])
    parts.extend(table_text(table["rows"]) for table in article.get("tables", []))
    return parts


def table_text(rows: list[list[str]]) -> str:
    """A table's cells, row by row, as one text (for matching and for words)."""
    return "".join(cell for row in rows for cell in row if cell)


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


def body_placement(gold: list[dict[str, Any]], predicted: list[Article]) -> tuple[int, int]:
    """(right, total): of the gold articles' body character pairs, how many stand in the
    article that is theirs.  A gold article's own article is the predicted article holding most
    of its body, provided that article holds more of it than of any other gold article; text
    spread over several predicted articles counts only in its own."""
    gold_grams = [bigrams(gold_body(article)) for article in gold]
    pred_grams = [bigrams(predicted_body(article)) for article in predicted]
    shared = [[(g & p).total() for p in pred_grams] for g in gold_grams]
    right = 0
    for row in shared:
        if not row:
            continue
        pi = max(range(len(row)), key=row.__getitem__)
        if row[pi] and row[pi] >= max(shared[other][pi] for other in range(len(gold))):
            right += row[pi]
    return right, sum(g.total() for g in gold_grams)


# -- fields ------------------------------------------------------------------------------------


def field_values(gold: dict[str, Any], article: Article) -> dict[str, tuple[Any, Any]]:
    """(gold, predicted) comparable values for the compared fields except the title."""
    return {
        "kicker": (squeeze(gold.get("kicker")), squeeze(article.kicker)),
        "subtitle": (squeeze(gold.get("subtitle")), squeeze(article.subtitle)),
        "byline": (squeeze(gold.get("byline")), squeeze(article.byline)),
        "captions": (
            sorted(squeeze(c) for c in gold.get("captions", [])),
            sorted(squeeze(c) for c in [*article.captions, *(f.text for f in article.figures if f.text)]),
        ),
        "subheads": (
            [(squeeze(s["text"]), squeeze(s.get("deck"))) for s in gold.get("subheads", [])],
            [(squeeze(b.text), squeeze(b.deck)) for b in article.blocks if b.kind == "subhead"],
        ),
        "tables": (
            [squeeze_rows(table["rows"]) for table in gold.get("tables", [])],
            [squeeze_rows(getattr(b, "rows", [])) for b in article.blocks if b.kind == "table"],
        ),
    }


def squeeze_rows(rows: list[list[str]]) -> list[list[str]]:
    """A table's cells in comparable form, empty cells kept (they hold a column's place)."""
    return [[squeeze(cell) for cell in row] for row in rows]


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


# -- stories read whole, printed titles ------------------------------------------------------


def words(text: str | None) -> str:
    """Word characters only: :func:`plain` text less punctuation, brackets and symbols (Chinese
    characters, letters and digits stay), so that ``（陈立）`` and ``陈立`` read the same."""
    return "".join(char for char in plain(text) if char.isalnum())


def story_ends(gold: dict[str, Any]) -> tuple[str, str]:
    """A gold story's first and last :data:`STORY_WORDS` word characters, of its text in reading
    order: its paragraphs, then its tables' cells row by row."""
    tables = [table_text(table["rows"]) for table in gold.get("tables", [])]
    text = words("".join([*gold.get("paragraphs", []), *tables]))
    return text[:STORY_WORDS], text[-STORY_WORDS:]


def article_words(article: Article) -> str:
    """An ingested article's text as :func:`words`: its body, then its byline (a closing author
    the ingest set apart still closes the story)."""
    return words("".join([*predicted_body(article), article.byline or ""]))


def carries(gold: dict[str, Any], article: Article) -> bool:
    """Whether ``article`` carries the gold story's title: the same printed title, or, for a
    story the page prints without a headline, a body that opens with the story's first words."""
    if gold.get("title_inferred"):
        first, _ = story_ends(gold)
        return bool(first) and article_words(article).startswith(first)
    return not article.title_inferred and squeeze(article.title) == squeeze(gold["title"])


def story_counts(gold: list[dict[str, Any]], predicted: list[Article]) -> tuple[list[bool], list[str]]:
    """Stories read whole, one flag a gold story: a story is whole when an article that carries
    its title (:func:`carries`) holds both its first and its last :data:`STORY_WORDS` word
    characters.  What a reader needs: the story under its headline, from its opening to its end,
    wherever else the ingest went wrong."""
    flags: list[bool] = []
    notes: list[str] = []
    texts = [article_words(article) for article in predicted]
    for story in gold:
        first, last = story_ends(story)
        carriers = [i for i, article in enumerate(predicted) if carries(story, article)]
        whole = any(first in texts[i] and last in texts[i] for i in carriers)
        flags.append(whole)
        if whole:
            continue
        if not carriers:
            notes.append(f"not whole: {story['title']!r}: no article carries its title")
        else:
            lacks = [end for end in (first, last) if not any(end in texts[i] for i in carriers)]
            where = [
                f"{end!r} is in {', '.join(repr(predicted[i].title) for i in holders)}"
                for end in lacks
                if (holders := [i for i, text in enumerate(texts) if end in text])
            ]
            notes.append(
                f"not whole: {story['title']!r}: its article lacks {' and '.join(lacks)!r}"
                + (f" ({'; '.join(where)})" if where else "")
            )
    return flags, notes


def titles_found(gold: list[dict[str, Any]], predicted: list[Article]) -> list[bool | None]:
    """For each gold story, whether its printed title is an article's title (one article for one
    gold title, in the gold's order); ``None`` for a story printed without a headline."""
    left = Counter(squeeze(article.title) for article in predicted if not article.title_inferred)
    flags: list[bool | None] = []
    for story in gold:
        if story.get("title_inferred"):
            flags.append(None)
            continue
        title = squeeze(story["title"])
        flags.append(left[title] > 0)
        left[title] -= 1
    return flags


def by_story_class(gold: list[dict[str, Any]], flags: list[bool | None]) -> dict[str, Ratio]:
    """Flags of the gold stories pooled by each story's layout classes (``None`` counts nowhere)."""
    out: dict[str, Ratio] = {}
    for story, flag in zip(gold, flags, strict=True):
        if flag is None:
            continue
        for name in story.get("layout", []):
            out.setdefault(name, Ratio()).add(flag)
    return out


def title_counts(gold: list[dict[str, Any]], predicted: list[Article]) -> tuple[Ratio, Ratio, list[str]]:
    """Printed-headline recall and precision: (gold printed titles found as article titles,
    articles whose title is a gold printed title, notes).

    Titles are compared as :func:`squeeze` gives them, one article for one gold title.  Every
    article counts for precision except one whose inferred title stands for a story the page
    prints without a headline (a brief found where it begins): an article titled by a line that
    is no headline (a byline, a subhead, a table cell, a masthead fragment), an untitled
    （无题） or inferred article where the gold has no such story, counts against it."""
    wanted = Counter(squeeze(story["title"]) for story in gold if not story.get("title_inferred"))
    unprinted = [story for story in gold if story.get("title_inferred")]
    found = Ratio()
    right = Ratio()
    notes: list[str] = []
    left = Counter(wanted)
    for article in predicted:
        title = squeeze(article.title)
        if not article.title_inferred and left[title] > 0:
            left[title] -= 1
            right.add(True)
            continue
        if article.title_inferred:
            brief = next((story for story in unprinted if carries(story, article)), None)
            if brief is not None:
                unprinted.remove(brief)
                continue
        right.add(False)
        notes.append(f"title is no printed headline: {article.title!r} (inferred {article.title_inferred})")
    found.right = wanted.total() - left.total()
    found.total = wanted.total()
    notes += [f"printed headline not a title: {title!r}" for title in sorted(left.elements())]
    return found, right, notes


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
    body_right, body_total = body_placement(gold_articles, page.articles)
    tp = fp = fn = 0
    for gi, pi in pairs:
        counts = paragraph_counts(gold_articles[gi], page.articles[pi])
        tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
    kept, total, missing = conservation(page, text)
    whole, whole_notes = story_counts(gold_articles, page.articles)
    found, right, title_notes = title_counts(gold_articles, page.articles)
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
        body_right=body_right,
        body_total=body_total,
        kept=kept,
        total=total,
        missing=missing,
        whole=Ratio(sum(whole), len(whole)),
        titles_found=found,
        titles_right=right,
        classes=list(gold.get("layout", [])),
        story_whole=by_story_class(gold_articles, list(whole)),
        story_titles=by_story_class(gold_articles, titles_found(gold_articles, page.articles)),
        notes=masthead_notes + notes + title_notes + whole_notes,
    )


def gold_file(path: Path, gold_dir: Path | None = None) -> Path:
    """The gold annotation of a page file: beside it, else in ``gold_dir``."""
    name = path.name.removesuffix(".txt") + ".gold.json"
    candidates = [path.with_name(name), *([gold_dir / name] if gold_dir else [])]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    where = f"beside it or in {gold_dir}" if gold_dir else "beside it"
    raise FileNotFoundError(f"{path}: no gold annotation {name} {where}")


def score_file(path: str | Path, gold_dir: Path | None = None) -> PageScore:
    """Read a page file (text, or a one-page PDF) with the real ingest and score it against its
    gold annotation; a PDF's characters are counted as ``inspect --check`` counts them."""
    from .ingest import is_pdf, own_text, read_page, read_text

    path = Path(path)
    gold = json.loads(gold_file(path, gold_dir).read_text(encoding="utf-8"))
    return score_page(read_page(path), gold, own_text(path, 0) if is_pdf(path) else read_text(path))


# -- report ------------------------------------------------------------------------------------

#: ``whole``: stories read whole; ``tR`` and ``tP``: printed-headline recall and precision.
COLUMNS = (
    "page", "gold", "got", "P", "R", "F1", "whole", "tR", "tP", *FIELDS, "mast", "body", "paraF1", "kept",
)  # fmt: skip


def score_row(score: PageScore) -> list[str]:
    """One table row: article counts, P/R/F1, stories whole, title recall and precision, field
    ratios, paragraph F1, conservation."""
    return [
        score.source.removesuffix(".txt"),
        str(score.gold_articles),
        str(score.predicted_articles),
        f"{score.precision:.2f}",
        f"{score.recall:.2f}",
        f"{score.f1:.2f}",
        str(score.whole),
        str(score.titles_found),
        str(score.titles_right),
        *(str(score.fields[name]) for name in FIELDS),
        str(score.masthead),
        f"{score.body_share:.2f}",
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


def by_class(scores: list[PageScore]) -> list[PageScore]:
    """The pages pooled by layout class (a synthetic page's template and the layouts drawn on
    it, from its gold's ``layout``), classes in the order they first appear; a page counts in
    each of its classes."""
    classes = list(dict.fromkeys(name for score in scores for name in score.classes))
    return [sum_scores([score for score in scores if name in score.classes], name) for name in classes]


def summary(scores: list[PageScore], pages: int | None = None) -> PageScore:
    """All pages pooled, named ``all (N pages)``."""
    return sum_scores(scores, f"all ({len(scores) if pages is None else pages} pages)")


def ratio_json(ratio: Ratio) -> dict[str, Any]:
    return {"right": ratio.right, "total": ratio.total, "value": round(ratio.value, 4)}


def score_json(score: PageScore, *, notes: bool = True) -> dict[str, Any]:
    """One page's (or a pool's) figures as JSON: the table's columns, ratios as right/total."""
    out: dict[str, Any] = {
        "source": score.source,
        "gold": score.gold_articles,
        "got": score.predicted_articles,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "stories_whole": ratio_json(score.whole),
        "title_recall": ratio_json(score.titles_found),
        "title_precision": ratio_json(score.titles_right),
        "fields": {name: ratio_json(ratio) for name, ratio in score.fields.items()},
        "masthead": ratio_json(score.masthead),
        "body": round(score.body_share, 4),
        "paragraph_f1": round(score.paragraph_f1, 4),
        "kept": score.kept,
        "characters": score.total,
    }
    if score.classes:
        out["classes"] = list(score.classes)
    if notes:
        out["notes"] = list(score.notes)
        out["missing"] = list(score.missing)
    return out


def report_json(scores: list[PageScore]) -> dict[str, Any]:
    """Every page's figures, all pages pooled, the pools by page layout class, and the stories
    by their own layout class (read whole, printed title found)."""
    total = summary(scores)
    return {
        "pages": [score_json(score) for score in scores],
        "pooled": score_json(total, notes=False),
        "classes": {pool.source: score_json(pool, notes=False) for pool in by_class(scores)},
        "story_classes": {
            name: {
                "stories_whole": ratio_json(ratio),
                "title_recall": ratio_json(total.story_titles.get(name, Ratio())),
            }
            for name, ratio in total.story_whole.items()
        },
    }


def format_story_classes(score: PageScore) -> str:
    """The stories of a pool by their layout class: how many, read whole, printed titles found."""
    rows = [["stories of class", "whole", "titles"]]
    for name, ratio in score.story_whole.items():
        rows.append([name, str(ratio), str(score.story_titles.get(name, Ratio()))])
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [format_row(row, widths) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_report(scores: list[PageScore]) -> str:
    """The pages' table with what was wrong, then the pooled figures, by page layout class and
    by story layout class where the gold says."""
    total = summary(scores)
    lines = [format_scores(scores, details=True), "", format_scores([*by_class(scores), total])]
    if total.story_whole:
        lines += ["", format_story_classes(total)]
    return "\n".join(lines)


def main_score(paths: list[str], gold_dir: Path | None = None, *, as_json: bool = False) -> int:
    """``sphinx-newspaper score PAGE|FOLDER ... [--gold DIR] [--json]``: print the table for the
    pages that have a gold annotation (a folder's pages without one are left out), then the
    pages pooled; or all of it as JSON."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            pages = sorted([*path.glob("*.txt"), *path.glob("*.pdf")])
            files.extend(p for p in pages if has_gold(p, gold_dir))
        else:
            files.append(path)
    scores: list[PageScore] = []
    status = 0
    for file in files:
        try:
            scores.append(score_file(file, gold_dir))
        except FileNotFoundError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
    if as_json:
        print(json.dumps(report_json(scores), ensure_ascii=False, indent=1))
    elif scores:
        print(format_report(scores))
    return status


def has_gold(path: Path, gold_dir: Path | None = None) -> bool:
    """Whether a page file has a gold annotation."""
    try:
        gold_file(path, gold_dir)
    except FileNotFoundError:
        return False
    return True


# -- pictures ----------------------------------------------------------------------------------

#: The gold annotation of the news pictures on PDF pages (one file for all pages; see
#: tests/gold/README.md, "News pictures").
PICTURES_GOLD = "pictures.json"
#: A found picture is a gold one when their boxes overlap this much (intersection over union).
SAME_PICTURE = 0.9


@dataclass
class PictureScore:
    """The news pictures found on one page against the gold ones."""

    source: str
    tuned: bool
    images: int  # image objects on the page
    gold: int
    found: int
    matched: int
    captions: Ratio  # caption and credit right, on matched pictures
    stories: Ratio  # given to the right story (or to none), where the gold says
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def overlap_ratio(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two boxes (x0, y0, x1, y1)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0.0, width) * max(0.0, height)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def score_pictures(page: Page, gold: dict[str, Any]) -> PictureScore:
    """Found news pictures (the page's and its articles') matched to the gold ones by box."""
    found = [(figure, article.title) for article in page.articles for figure in article.figures]
    found += [(figure, None) for figure in page.figures]
    wanted = gold["pictures"]
    score = PictureScore(
        gold["source"], gold["tuned"], gold["images"], len(wanted), len(found), 0, Ratio(), Ratio()
    )
    taken: set[int] = set()
    for entry in wanted:
        best = max(
            (i for i in range(len(found)) if i not in taken),
            key=lambda i: overlap_ratio(found[i][0].box, entry["box"]),
            default=None,
        )
        if best is None or overlap_ratio(found[best][0].box, entry["box"]) < SAME_PICTURE:
            score.notes.append(f"missed image {entry['image']} ({entry.get('note', '')})")
            continue
        taken.add(best)
        score.matched += 1
        figure, story = found[best]
        right = (squeeze(figure.caption), squeeze(figure.credit)) == (
            squeeze(entry["caption"]),
            squeeze(entry["credit"]),
        )
        score.captions.add(right)
        if not right:
            score.notes.append(
                f"image {entry['image']}: caption {figure.caption!r}, credit {figure.credit!r}"
            )
        if "story" in entry:
            score.stories.add(squeeze(story) == squeeze(entry["story"]))
            if squeeze(story) != squeeze(entry["story"]):
                score.notes.append(f"image {entry['image']}: given to {story!r}, not {entry['story']!r}")
    for i, (figure, _story) in enumerate(found):
        if i not in taken:
            score.notes.append(f"image {figure.number} is not a news picture")
    return score


def picture_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """The gold news pictures by page file name."""
    data = json.loads((gold_dir / PICTURES_GOLD).read_text(encoding="utf-8"))
    return {entry["source"]: entry for entry in data["pages"]}


def format_picture_scores(scores: list[PictureScore]) -> str:
    """A plain-text table, one page a row, tuned pages first, with totals for each group."""
    head = ["page", "tuned", "images", "gold", "found", "P", "R", "captions", "stories"]
    rows = [head]
    for tuned in (True, False):
        group = [s for s in scores if s.tuned == tuned]
        for s in group:
            rows.append(
                [s.source, "tuned" if tuned else "held out", str(s.images), str(s.gold), str(s.found),
                 f"{s.precision:.2f}", f"{s.recall:.2f}", str(s.captions), str(s.stories)]
            )  # fmt: skip
        if group:
            total = PictureScore(
                "all " + ("tuned" if tuned else "held out"), tuned, 0, 0, 0, 0, Ratio(), Ratio()
            )
            for s in group:
                total.images += s.images
                total.gold += s.gold
                total.found += s.found
                total.matched += s.matched
                total.captions = Ratio(
                    total.captions.right + s.captions.right, total.captions.total + s.captions.total
                )
                total.stories = Ratio(
                    total.stories.right + s.stories.right, total.stories.total + s.stories.total
                )
            rows.append(
                [total.source, "", str(total.images), str(total.gold), str(total.found),
                 f"{total.precision:.2f}", f"{total.recall:.2f}", str(total.captions), str(total.stories)]
            )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [format_row(row, widths) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for s in scores:
        lines.extend(f"{s.source}: {note}" for note in s.notes)
    return "\n".join(lines)


def main_score_pictures(paths: list[str], gold_dir: Path) -> int:
    """``sphinx-newspaper score --pictures PAGE|FOLDER ... --gold DIR``: the news pictures found on
    the PDF pages that ``DIR/pictures.json`` annotates."""
    from .ingest import read_page

    gold = picture_gold(gold_dir)
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.glob("*.pdf")) if path.is_dir() else [path])
    scores = [score_pictures(read_page(file), gold[file.name]) for file in files if file.name in gold]
    if scores:
        print(format_picture_scores(scores))
    return 0


# -- OCR ---------------------------------------------------------------------------------------


def character_errors(want: str, got: str) -> int:
    """Characters to insert, delete or change to turn ``got`` into ``want`` (the Levenshtein
    distance; spaces aside): the character error rate's numerator, for text read through OCR."""
    want, got = "".join(want.split()), "".join(got.split())
    if len(want) < len(got):
        want, got = got, want
    previous = list(range(len(got) + 1))
    for i, a in enumerate(want, 1):
        current = [i]
        for j, b in enumerate(got, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
