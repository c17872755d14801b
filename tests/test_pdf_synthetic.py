"""The PDF route on synthetic e-paper pages of layouts the corpus does not have (issue 13).

One page of each template of ``tests/pdf/synthetic.py`` is drawn by XeLaTeX once per test
session (a few seconds) and read with its gold known by construction.  The scores of many more
pages are what ``make score-synthetic`` prints (README, "How well it reads pages"); these tests
keep the route from falling back on them, and check that the generator's gold is what its
pages print.
"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from sphinx_newspaper.conservation import plain
from sphinx_newspaper.ingest.pdf.chars import own_text
from sphinx_newspaper.scoring import score_file, sum_scores

sys.path.insert(0, str(Path(__file__).parent / "pdf"))

import synthetic

SEED = 1


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    """One page of each template, with its gold."""
    if shutil.which("xelatex") is None:
        pytest.skip("xelatex is not installed (make setup installs it)")
    folder = tmp_path_factory.mktemp("synthetic")
    built = synthetic.build(synthetic.make_pages(list(synthetic.TEMPLATES), 1, SEED), folder)
    assert len(built) == len(synthetic.TEMPLATES)  # every page fits on its paper
    return built


def test_the_gold_is_what_the_pages_print(pages: list[tuple[Path, dict]]) -> None:
    """Every character of the gold's articles is among the page's own characters."""
    for path, gold in pages:
        printed = Counter(plain(own_text(path, 0)))
        for article in gold["articles"]:
            texts = [*article["paragraphs"], *article["captions"]]
            texts += [article[key] or "" for key in ("kicker", "subtitle")]
            if article["byline"] and plain(article["byline"]) not in plain(article["paragraphs"][0]):
                texts.append(article["byline"])  # a lead's credit is printed once, in the lead
            texts += [f"{head['text']}{head['deck'] or ''}" for head in article["subheads"]]
            if not article["title_inferred"]:
                texts.append(article["title"])
            wanted = Counter(plain("".join(texts)))
            assert not wanted - printed, (path.name, article["title"], wanted - printed)


def test_every_character_is_kept_and_every_masthead_read(pages: list[tuple[Path, dict]]) -> None:
    for path, _ in pages:
        result = score_file(path, path.parent)
        assert result.kept == result.total > 0 and result.missing == [], path.name
        assert result.masthead.value == 1.0, (path.name, result.notes)


def test_the_route_reads_most_of_the_synthetic_pages(pages: list[tuple[Path, dict]]) -> None:
    """A guard, below what the route reads today (README: the scores of the larger set)."""
    results = [score_file(path, path.parent) for path, _ in pages]
    total = sum_scores(results)
    notes = [r.notes for r in results]
    assert total.f1 >= 0.8 and total.body_share >= 0.9 and total.paragraph_f1 >= 0.85, notes
    assert total.fields["title"].value >= 0.85 and total.fields["byline"].value >= 0.85, notes
