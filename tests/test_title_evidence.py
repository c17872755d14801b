"""Lines wrongly promoted to titles (issue 23, class 4), on synthetic front pages of the ``lead``
template (tests/pdf/synthetic.py): a masthead fragment (one character of the paper's name beside
its serial number ``CN21-0013``) and the masthead's date column wrapped over lines are the page
header, never articles; a subhead opening a column under a rule, level with its story's text
beside it (``■做足“水文章”``), is a subhead, never a story's headline.

Each page is drawn by XeLaTeX once per module (a few seconds)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Page

sys.path.insert(0, str(Path(__file__).parent / "pdf"))

import synthetic


@pytest.fixture(scope="module")
def lead(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Page, dict]]:
    """The lead template's pages of seeds 2 (a masthead fragment, its date wrapped) and 6
    (subheads flush left after ■ opening columns under a rule), read, with their gold."""
    if shutil.which("xelatex") is None:
        pytest.skip("xelatex is not installed (make setup installs it)")
    folder = tmp_path_factory.mktemp("lead")
    pages = [synthetic.lead_page(seed) for seed in (2, 6)]
    built = synthetic.build(pages, folder)
    return {seed: (read_pdf(path)[0], gold) for seed, (path, gold) in zip((2, 6), built, strict=True)}


def titles(page: Page) -> list[str]:
    return [article.title for article in page.articles if not article.title_inferred]


def test_a_masthead_fragment_is_no_article(lead):
    page, gold = lead[2]
    assert {"masthead-fragment"} <= set(gold["layout"])
    header = page.masthead + page.furniture
    assert "报" in header and "CN21-0013" in header  # the name's character and the serial number
    assert not {"报", "CN21-0013"} & set(titles(page))
    assert not any(a.blocks and a.blocks[0].text.startswith(("CN21", "2022年5月6日")) for a in page.articles)
    # the date wrapped in its narrow column is read as the masthead's
    assert (str(page.date), page.number) == (gold["masthead"]["date"], gold["masthead"]["number"])


def test_a_subhead_opening_a_column_is_no_headline(lead):
    page, gold = lead[6]
    story = next(a for a in gold["articles"] if a["title"] == "全力以赴保障春运平安")
    assert "做足“水文章”" in [head["text"] for head in story["subheads"]]
    article = next(a for a in page.articles if a.title == "全力以赴保障春运平安")
    assert "■做足“水文章”" in [block.text for block in article.blocks if block.kind == "subhead"]
    assert not [title for title in titles(page) if title.startswith("■")]
