"""Layout warnings (issue 24, ``newspaper.layout``): each fault read into a page gives a warning
at its file, page and place, naming what to check and the correction; pages read right give
none."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_moves import lose_to_furniture

from sphinx_newspaper.ingest import read_issue
from sphinx_newspaper.ingest.checks import layout_warnings
from sphinx_newspaper.ingest.corrections import apply_correction_data
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Article, Block, Page, PageLayout, Placed
from sphinx_newspaper.subtypes import Subtype

EPAPER = Path(__file__).parent / "roots" / "test-pdf" / "issues" / "epaper-2024-05-06.pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def page() -> Page:
    return read_pdf(EPAPER)[0]


def with_moves(page: Page, *moves: dict) -> Page:
    """The page as a reader making these mistakes reads it (the moves as corrections do them)."""
    data = {"move": [{**move, "line": None} for move in moves]}
    return apply_correction_data(page, data, "faults")


def messages(page: Page) -> list[str]:
    return [notice.message for notice in layout_warnings(page)]


def test_a_page_read_right_has_no_layout_warnings(page):
    assert layout_warnings(page) == []


def test_second_half_read_into_a_neighbour(page):
    faulty = with_moves(page, {"blocks": ["b489-210"], "to": "p03-02"})
    notice, neighbour = layout_warnings(faulty)
    # the neighbour now spans the page to the column it took
    assert (
        neighbour.article == "p03-02" and "far shorter than the space its regions cover" in neighbour.message
    )
    assert notice.subtype == Subtype.LAYOUT and notice.article == "p03-01"
    assert notice.message.startswith(
        "article p03-01 (田间地头备耕忙) ends mid-sentence: ……中心组织四十多名技术人员组成服务"
    )
    assert (
        "(page 1 at " in notice.message
        and '[[move]] blocks = ["<block ids>"], to = "p03-01"' in notice.message
    )
    assert notice.box == faulty.layout.block("b282-301").box and notice.source == faulty.source


def test_an_opening_read_into_another_story(page):
    faulty = with_moves(page, {"blocks": ["b054-210"], "to": "p03-04"})
    found = messages(faulty)
    assert any(
        m.startswith("article p03-01 (田间地头备耕忙) begins mid-sentence: '为农户节约成本六十元")
        for m in found
    )
    assert any('where = "start"' in m for m in found)


def test_a_story_lost_to_furniture(page):
    found = messages(lose_to_furniture(page, "p03-02"))
    assert any(m.startswith("body-size text left in furniture (b052-418: '本报讯（记者王芳）") for m in found)
    assert any('[[move]] blocks = ["b052-418"]' in m for m in found)


def test_a_headline_with_no_text_under_it(page):
    faulty = with_moves(page, {"blocks": ["b052-418", "b255-418"], "to": "p03-03"})
    found = messages(faulty)
    assert any(m.startswith("headline '新建图书馆下月开放' (p03-02) has no text under it") for m in found)
    assert any("[[merge]]" in m for m in found)


def hand_set(rules: list, boxes: list, texts: list[str], em: float = 10.0) -> Page:
    """A page of one story whose text blocks stand at ``boxes``."""
    placed = [
        Placed(f"p01-b{n:03d}", box, "body", "p01-01", em, text, opens=True)
        for n, (box, text) in enumerate(zip(boxes, texts, strict=True), 1)
    ]
    title = Placed("p01-b000", (0, 900, 300, 930), "title", "p01-01", 2 * em, "标题")
    blocks = [Block("paragraph", text, parts=[(p.id, 0)]) for p, text in zip(placed, texts, strict=True)]
    article = Article("p01-01", "标题", blocks, regions=[title.box, *boxes])
    layout = PageLayout(em=em, leading=1.5 * em, column=300.0, rules=rules, blocks=[title, *placed])
    return Page(
        "hand-set.pdf", number="1", articles=[article], pdf_page=0, size=(600.0, 1000.0), layout=layout
    )


def test_text_read_across_a_rule():
    text = "这是一段正文，写满了一栏。" * 30
    page = hand_set([(0, 590, 300, 591)], [(0, 600, 300, 890), (0, 300, 300, 580)], [text, text])
    (found,) = messages(page)
    assert "is read across a rule, from p01-b001 to p01-b002" in found and "[[move]]" in found


def test_far_shorter_than_its_space():
    short = "正文，" * 70  # 210 characters in a space that holds about 2,000
    page = hand_set([], [(0, 200, 100, 890), (200, 800, 300, 890)], [short, "还有，" * 10])
    found = messages(page)
    assert any("far shorter than the space its regions cover" in m for m in found)


def test_text_pages_warn_by_their_text():
    page = Page(
        "page.txt",
        number="4",
        articles=[
            Article(
                "p04-01", "第一篇", [Block("paragraph", "这是第一篇的正文，到这里还没有讲完，下面", line=3)]
            ),
            Article(
                "p04-02",
                "第二篇",
                [Block("paragraph", "，接着上面讲完了这件事，大家都听明白了，也都记住了。", line=7)],
            ),
        ],
    )
    found = layout_warnings(page)
    assert [(n.article, n.message.split(":")[0]) for n in found] == [
        ("p04-01", "article p04-01 (第一篇) ends mid-sentence"),
        ("p04-02", "article p04-02 (第二篇) begins mid-sentence"),
    ]
    assert all("page 1 at" not in n.message and n.box is None for n in found)


@pytest.mark.parametrize(
    "name",
    [
        "pages/zhaotong-2023-03-24-p04.txt",
        "pages/fuzhou-wanbao-2024-04-19-p07.pdf",
        "pages/gansu-fazhibao-2024-08-09-p08.pdf",
        "pdf/xin-sanmen-2011-05-24-p02.pdf",
    ],
)
def test_the_gold_pages_give_no_layout_warnings(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("needs ../shared/corpus")
    issue = read_issue(path)
    assert [n.message for n in issue.notices if n.subtype == Subtype.LAYOUT] == []


def test_a_corrected_page_stops_warning(tmp_path, page):
    pdf = tmp_path / "epaper.pdf"
    pdf.write_bytes(EPAPER.read_bytes())
    corrections = tmp_path / "epaper.corrections.toml"
    corrections.write_text('[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n', encoding="utf-8")
    warned = read_issue(pdf).pages[0]
    assert [n.article for n in warned.notices if n.subtype == Subtype.LAYOUT] == ["p03-01", "p03-02"]
    corrections.write_text("", encoding="utf-8")
    assert [n for n in read_issue(pdf).pages[0].notices if n.subtype == Subtype.LAYOUT] == []
    assert replace(page) is not page
