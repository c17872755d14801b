"""The real ingest on real pages, against the editors' gold annotations (tests/gold).

The targets of issue #3: the example page exactly right, article boundaries on the other papers
right enough to read, and no character of any page lost.  ``sphinx-newspaper score`` prints the
same measurements as a table (``make score``).  The example page is the copy the project ships
(example_book/), so its tests run without ../shared; the other pages are in the corpus.

The targets of issue #13 on the e-paper PDF pages: article F1 ≥ 0.95, titles exact ≥ 95%,
kickers and subtitles ≥ 90%, bylines ≥ 90%, ≥ 97% of body text in the right article, paragraph
F1 ≥ 0.90, every character kept.  The PDF pages are of two kinds: pages the PDF route was tuned
on, and pages held out of the tuning (annotated and scored, not looked at while changing the
rules).  The targets are asserted on every tuned page and on all PDF pages together; held-out
pages are guarded against losing text and against falling back (docs/accuracy.md, "How well it reads
pages").
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from sphinx_newspaper.conservation import plain
from sphinx_newspaper.ingest import IngestError, read_page
from sphinx_newspaper.scoring import PageScore, format_scores, main_score, score_file, sum_scores

GOLD_DIR = Path(__file__).parent / "gold"

ZHAOTONG = "zhaotong-2023-03-24-p04.txt"
BLOCKS = ["fuzhou-wanbao-2024-04-19-p07.blocks.txt", "gansu-fazhibao-2024-08-09-p08.blocks.txt"]
PDFTOTEXT = ["fuzhou-wanbao-2024-04-19-p07.pdftotext.txt", "gansu-fazhibao-2024-08-09-p08.pdftotext.txt"]
PAGES = [ZHAOTONG, *BLOCKS, *PDFTOTEXT]
#: PDF pages, relative to the corpus: the route was tuned on these...
PDF_TUNED = [
    "pages/fuzhou-wanbao-2024-04-19-p07.pdf",
    "pages/gansu-fazhibao-2024-08-09-p08.pdf",
    "pdf/xin-sanmen-2011-05-24-p02.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018010507.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018011007.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018012907.pdf",
]
#: ... and these were held out of the tuning.
PDF_HELD_OUT = [
    "pdf/rmrb-2018-01-p07/rmrb2018010407.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018011707.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018012307.pdf",
    # annotated last, from the page alone (regions by eye, text from the character layer),
    # before the route had ever read them
    "pdf/rmrb-2018-01-p07/rmrb2018012407.pdf",
    "pdf/rmrb-2018-01-p07/rmrb2018013007.pdf",
]
PDF_PAGES = [*PDF_TUNED, *PDF_HELD_OUT]
GARBLED = "pages/garbled-font-encoding.pdf"


@functools.cache
def scored(path: Path) -> PageScore:
    """One page read and scored once per test session."""
    return score_file(path, GOLD_DIR)


def score(corpus: Path, name: str) -> PageScore:
    return scored(corpus / "pages" / name)


@pytest.fixture
def page(request: pytest.FixtureRequest, example_page: Path) -> Path:
    """The page file named by the test's parameter: the shipped example, or a corpus page."""
    if request.param == ZHAOTONG:
        return example_page
    return request.getfixturevalue("corpus") / "pages" / request.param


def report(result: PageScore) -> str:
    """The table row and the details, for assertion messages."""
    return "\n" + format_scores([result], details=True)


def test_every_page_has_a_gold_annotation() -> None:
    names = sorted(path.name.removesuffix(".gold.json") for path in GOLD_DIR.glob("*.gold.json"))
    expected = [name.removesuffix(".txt") for name in PAGES] + [Path(name).name for name in PDF_PAGES]
    assert names == sorted(expected)


def test_example_page_articles_are_exactly_right(example_page: Path) -> None:
    result = scored(example_page)
    assert (result.gold_articles, result.predicted_articles, len(result.matched)) == (3, 3, 3), report(result)
    for name in ("title", "kicker", "subtitle", "byline", "captions"):
        assert str(result.fields[name]) == "3/3", f"{name}{report(result)}"


def test_example_page_subheads_are_right(example_page: Path) -> None:
    result = scored(example_page)
    assert str(result.fields["subheads"]) == "3/3", report(result)


def test_example_page_paragraph_boundaries(example_page: Path) -> None:
    result = scored(example_page)
    assert result.paragraph_f1 >= 0.98, report(result)


@pytest.mark.parametrize("name", BLOCKS)
def test_block_order_pages_find_their_articles(corpus: Path, name: str) -> None:
    result = score(corpus, name)
    assert result.f1 >= 0.9, report(result)


@pytest.mark.parametrize("name", PDFTOTEXT)
def test_pdftotext_pages_find_most_articles(corpus: Path, name: str) -> None:
    result = score(corpus, name)
    assert result.f1 >= 0.7, report(result)


@pytest.mark.parametrize("page", PAGES, indirect=True)
def test_no_character_is_lost(page: Path) -> None:
    result = scored(page)
    assert result.missing == [], report(result)
    assert result.kept == result.total == len(plain(page.read_text(encoding="utf-8")))


def test_the_shipped_example_is_the_corpus_page(example_page: Path, corpus: Path) -> None:
    assert example_page.read_bytes() == (corpus / "pages" / ZHAOTONG).read_bytes()


def test_score_command_prints_the_example_page(
    example_page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main_score([str(example_page)], GOLD_DIR) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == [
        "zhaotong-2023-03-24-p04", "3", "3", "1.00", "1.00", "1.00", "3/3", "2/2", "2/2",
        *["3/3"] * 7, "4/4", "1.00", "0.99", "5513/5513",
    ]  # fmt: skip


def test_score_command_prints_a_row_per_page(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_score([str(corpus / "pages" / name) for name in PAGES], GOLD_DIR) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["page", "gold", "got"]
    assert [line.split()[0] for line in lines[2 : 2 + len(PAGES)]] == [n.removesuffix(".txt") for n in PAGES]


# -- e-paper PDF pages (issue #13) ---------------------------------------------------------------


def pdf_score(corpus: Path, name: str) -> PageScore:
    return scored(corpus / name)


def targets_met(result: PageScore) -> list[str]:
    """The issue's targets a page (or the sum of pages) misses."""
    checks = {
        "article F1 ≥ 0.95": result.f1 >= 0.95,
        "titles ≥ 95%": result.fields["title"].value >= 0.95,
        "kickers ≥ 90%": result.fields["kicker"].value >= 0.90,
        "subtitles ≥ 90%": result.fields["subtitle"].value >= 0.90,
        "bylines ≥ 90%": result.fields["byline"].value >= 0.90,
        "body text in the right article ≥ 97%": result.body_share >= 0.97,
        "paragraph F1 ≥ 0.90": result.paragraph_f1 >= 0.90,
        "every character kept": result.kept == result.total > 0,
    }
    return [name for name, ok in checks.items() if not ok]


@pytest.mark.parametrize("name", PDF_TUNED)
def test_pdf_pages_meet_the_targets(corpus: Path, name: str) -> None:
    result = pdf_score(corpus, name)
    assert targets_met(result) == [], report(result)


@pytest.mark.parametrize("name", PDF_HELD_OUT)
def test_held_out_pdf_pages_keep_every_character_and_most_articles(corpus: Path, name: str) -> None:
    result = pdf_score(corpus, name)
    assert result.missing == [] and result.kept == result.total > 0, report(result)
    assert result.f1 >= 0.7 and result.body_share >= 0.8, report(result)


def test_all_pdf_pages_together_meet_the_targets(corpus: Path) -> None:
    results = [pdf_score(corpus, name) for name in PDF_PAGES]
    assert targets_met(sum_scores(results)) == [], "\n" + format_scores(results)


def test_pdf_mastheads_are_read(corpus: Path) -> None:
    for name in PDF_PAGES:
        result = pdf_score(corpus, name)
        assert result.masthead.value == 1.0, report(result)


def test_garbled_pdf_page_is_refused(corpus: Path) -> None:
    with pytest.raises(IngestError) as caught:
        read_page(corpus / GARBLED, ocr="never")  # else read through OCR (tests/test_ocr.py)
    message = str(caught.value)
    assert "garbled-font-encoding.pdf, page 1" in message and "OCR" in message
