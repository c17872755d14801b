"""The real ingest on the real corpus pages, against the editors' gold annotations (tests/gold).

The targets of issue #3: the example page exactly right, article boundaries on the other papers
right enough to read, and no character of any page lost.  ``sphinx-newspaper score`` prints the
same measurements as a table.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from sphinx_newspaper.scoring import PageScore, format_scores, main_score, score_file

GOLD_DIR = Path(__file__).parent / "gold"

ZHAOTONG = "zhaotong-2023-03-24-p04.txt"
BLOCKS = ["fuzhou-wanbao-2024-04-19-p07.blocks.txt", "gansu-fazhibao-2024-08-09-p08.blocks.txt"]
PDFTOTEXT = ["fuzhou-wanbao-2024-04-19-p07.pdftotext.txt", "gansu-fazhibao-2024-08-09-p08.pdftotext.txt"]
PAGES = [ZHAOTONG, *BLOCKS, *PDFTOTEXT]


@functools.cache
def scored(path: Path) -> PageScore:
    """One page read and scored once per test session."""
    return score_file(path, GOLD_DIR)


def score(corpus: Path, name: str) -> PageScore:
    return scored(corpus / "pages" / name)


def report(result: PageScore) -> str:
    """The table row and the details, for assertion messages."""
    return "\n" + format_scores([result], details=True)


def test_every_page_has_a_gold_annotation() -> None:
    names = sorted(path.name.removesuffix(".gold.json") + ".txt" for path in GOLD_DIR.glob("*.gold.json"))
    assert names == sorted(PAGES)


def test_example_page_articles_are_exactly_right(corpus: Path) -> None:
    result = score(corpus, ZHAOTONG)
    assert (result.gold_articles, result.predicted_articles, len(result.matched)) == (3, 3, 3), report(result)
    for name in ("title", "kicker", "subtitle", "byline", "captions"):
        assert str(result.fields[name]) == "3/3", f"{name}{report(result)}"


def test_example_page_subheads_are_right(corpus: Path) -> None:
    result = score(corpus, ZHAOTONG)
    assert str(result.fields["subheads"]) == "3/3", report(result)


def test_example_page_paragraph_boundaries(corpus: Path) -> None:
    result = score(corpus, ZHAOTONG)
    assert result.paragraph_f1 >= 0.98, report(result)


@pytest.mark.parametrize("name", BLOCKS)
def test_block_order_pages_find_their_articles(corpus: Path, name: str) -> None:
    result = score(corpus, name)
    assert result.f1 >= 0.9, report(result)


@pytest.mark.parametrize("name", PDFTOTEXT)
def test_pdftotext_pages_find_most_articles(corpus: Path, name: str) -> None:
    result = score(corpus, name)
    assert result.f1 >= 0.7, report(result)


@pytest.mark.parametrize("name", PAGES)
def test_no_character_is_lost(corpus: Path, name: str) -> None:
    result = score(corpus, name)
    assert result.missing == [], report(result)
    assert result.kept == result.total > 0


def test_score_command_prints_a_row_per_page(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_score([str(corpus / "pages" / name) for name in PAGES], GOLD_DIR) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["page", "gold", "got"]
    assert [line.split()[0] for line in lines[2 : 2 + len(PAGES)]] == [n.removesuffix(".txt") for n in PAGES]
