"""The trace of a PDF page (issue 23): every block, headline part, caption and furniture item
carries the rules that placed it and the measures they read; ``inspect --explain`` prints them,
``inspect --json --explain`` carries them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.ingest.pdf.trace import Trace
from sphinx_newspaper.model import Page, Placed

ROOTS = Path(__file__).parent / "roots"
EPAPER = ROOTS / "test-pdf" / "issues" / "epaper-2024-05-07.pdf"
PHOTOS = ROOTS / "test-pdf-photos" / "issues" / "photos-2024-06-03.pdf"
GANSU = "pages/gansu-fazhibao-2024-08-09-p08.pdf"


@pytest.fixture(scope="module")
def epaper() -> Page:
    return read_pdf(EPAPER)[0]


def placed(page: Page, text: str) -> Placed:
    """The block of ``page`` whose text starts with ``text``."""
    found = [block for block in page.layout.blocks if block.text.startswith(text)]
    assert len(found) == 1, [block.text for block in found]
    return found[0]


def rules(block: Placed) -> list[str]:
    return [f"{decision.step}:{decision.rule}" for decision in block.decisions]


def test_every_block_of_a_page_has_the_rule_that_placed_it(epaper: Page) -> None:
    assert epaper.layout.blocks
    for block in epaper.layout.blocks:
        assert block.decisions, block.text
        assert block.rule == block.decisions[-1].rule


def test_a_subhead_in_running_text_is_placed_by_its_gap(epaper: Page) -> None:
    """The subhead 科技服务送到田间 stands less than a leading under its column's text."""
    subhead = placed(epaper, "科技服务送到田间")
    assert subhead.role == "subhead"
    assert rules(subhead)[:2] == ["roles:display-type", "stories:subhead-in-running-text"]
    gap = subhead.decisions[1].measures["gap_leading"]
    assert 0 < gap < 1


def test_headline_parts_text_and_byline_name_their_rules(epaper: Page) -> None:
    kicker = placed(epaper, "春耕时节")
    assert kicker.role == "kicker"
    assert rules(kicker) == ["roles:display-type", "stories:story-headline-tiered", "page:headline-kicker"]
    assert kicker.decisions[0].measures["size_em"] > 1.1  # display type: over the body size
    byline = placed(epaper, "本报记者")
    assert rules(byline) == ["roles:byline-under-headline"]
    assert byline.decisions[0].measures["gap_em"] > 0
    lead = placed(epaper, "本报讯（记者王芳）")
    # the region model: the text in the regions under a headline in its band is its story's
    assert rules(lead) == ["roles:body-type", "stories:in-its-headlines-band"]


def test_briefs_under_a_label_and_their_closing_authors(epaper: Page) -> None:
    """The 简讯 label is furniture; the brief under it opens a story of its own, its closing
    author (（陈立）) ends it, and the next brief starts after that ended story."""
    assert rules(placed(epaper, "简讯")) == ["roles:display-type", "roles:column-label"]
    assert placed(epaper, "近日，县消防").rule == "under-column-label"
    assert placed(epaper, "（陈立）").rule == "closing-ends-story"
    assert placed(epaper, "日前，县人民医院").rule == "after-an-ended-story"
    article = placed(epaper, "近日，县消防").article
    assert [decision.rule for decision in epaper.layout.stories[article]] == ["under-column-label"]


def test_furniture_and_masthead_say_why(epaper: Page) -> None:
    date = placed(epaper, "2024年5月7日")
    assert date.role == "masthead"
    assert rules(date) == ["roles:page-header", "page:in-the-page-header"]
    assert placed(epaper, "责编").rule == "furniture-text"


def test_a_caption_names_its_picture_and_story() -> None:
    page = read_pdf(PHOTOS)[0]
    captions = [block for block in page.layout.blocks if block.role == "caption"]
    assert captions
    assert "pictures:caption-by-its-picture" in rules(captions[0])
    story = page.layout.stories[captions[0].article]
    assert "picture-with-its-caption" in [decision.rule for decision in story]


def test_every_block_of_a_corpus_page_has_a_rule(corpus: Path) -> None:
    page = read_pdf(corpus / GANSU)[0]
    assert all(block.decisions for block in page.layout.blocks)
    title = placed(page, "忘记投保交强险")
    assert title.role == "title"
    spanning = title.decisions[1]
    assert spanning.rule == "story-headline-spanning-columns"
    assert spanning.measures["width_columns"] >= 1.5  # LayoutParams.spanning


def test_the_trace_keeps_each_items_decisions_in_order() -> None:
    trace = Trace()
    block, other = object(), object()
    trace.record(block, "roles", "body-type", size_em=1.0)
    trace.record(block, "stories", "reads-on-from-above", gap_leading=0.74321)
    trace.copy_to(block, other)
    assert [decision.rule for decision in trace.decisions(other)] == ["body-type", "reads-on-from-above"]
    assert trace.rule(block).measures == {"gap_leading": 0.743}
    assert trace.rule(object()) is None


def test_inspect_explain_prints_each_article_with_its_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--explain", str(EPAPER)]) == 0
    out = capsys.readouterr().out
    article = out[out.index("p03-02  新建图书馆下月开放") :]
    assert "story: stories:headed-by-its-headline" in article
    assert "body      b052-418  本报讯（记者王芳）" in article
    assert "roles:body-type (size_em 0.996) → stories:in-its-headlines-band" in article
    assert "page (no article):" in out


def test_inspect_json_explain_carries_the_trace(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", str(EPAPER)]) == 0
    assert "trace" not in json.loads(capsys.readouterr().out)["pages"][0]
    assert main(["inspect", "--json", "--explain", str(EPAPER)]) == 0
    trace = json.loads(capsys.readouterr().out)["pages"][0]["trace"]
    assert set(trace["units"]) == {"em", "leading", "column"}
    first = trace["articles"][0]
    assert first["id"] == "p03-01"
    assert first["decisions"] == [{"step": "stories", "rule": "headed-by-its-headline", "measures": {}}]
    subhead = next(block for block in first["blocks"] if block["text"] == "科技服务送到田间")
    assert subhead["decisions"][1]["rule"] == "subhead-in-running-text"
    assert {block["role"] for block in trace["page"]} >= {"masthead", "furniture"}
