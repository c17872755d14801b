"""``[[move]]`` corrections (issue 24): blocks by the ids ``inspect --draw`` shows, or a span of
text, moved to another article or to a new one; cut where a paragraph ran on from one block into
the next, joined where a moved paragraph continues one; errors that name the table."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from building import EXAMPLE_PAGE

from sphinx_newspaper.ingest import IngestError, read_issue
from sphinx_newspaper.ingest.corrections import apply_correction_data, apply_corrections, load_corrections
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Article, Block, Page

EPAPER = Path(__file__).parent / "roots" / "test-pdf" / "issues" / "epaper-2024-05-06.pdf"
SOURCE = "page.corrections.toml"


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    return read_pdf(EPAPER)


def text_of(article: Article) -> str:
    return "".join(block.text for block in article.blocks)


def moved(page: Page, toml: str, tmp_path: Path) -> Page:
    path = tmp_path / SOURCE
    path.write_text(toml, encoding="utf-8")
    return apply_corrections(page, path)


def error_of(page: Page, toml: str, tmp_path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        moved(page, toml, tmp_path)
    return str(caught.value)


def test_the_page_knows_its_blocks_and_where_paragraphs_run_on(pages):
    page = pages[0]
    ids = [placed.id for placed in page.layout.blocks]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"b\d{3}-\d{3}[a-z]?", i) for i in ids)
    # by where a block's first line starts: points from the page's left edge and top
    title = page.layout.block("b264-114")
    assert title.text == "田间地头备耕忙" and round(page.size[1] - title.box[3]) == 114
    farming = page.articles[0]
    runs_on = next(block for block in farming.blocks if len(block.parts) > 1)
    (first, _), (second, start) = runs_on.parts
    assert runs_on.text[start:].startswith(page.layout.block(second).text[:8])
    assert page.layout.block(first).article == farming.id


def test_second_half_read_into_a_neighbour_and_moved_back(pages, tmp_path):
    """The last column of 田间地头备耕忙 (a paragraph runs on into it) read into the library
    story, then moved back: the story is whole again, its paragraph joined where it was cut."""
    page = pages[0]
    original = [(b.kind, b.text) for b in page.articles[0].blocks]
    last_column = page.layout.block("b489-210")
    assert last_column.article == "p03-01"
    faulty = moved(page, '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n', tmp_path)
    farming, library = faulty.articles[0], faulty.articles[1]
    assert farming.blocks[-1].text == "县农技推广中心组织四十多名技术人员组成服务"
    assert "“以前种地靠经验" in text_of(library) and "“以前种地靠经验" not in text_of(farming)
    assert faulty.layout.block("b489-210").article == "p03-02"
    assert last_column.box in library.regions and last_column.box not in farming.regions
    fixed = moved(faulty, '[[move]]\nblocks = ["b489-210"]\nto = "p03-01"\n', tmp_path)
    assert [(b.kind, b.text) for b in fixed.articles[0].blocks] == original
    assert text_of(fixed.articles[1]) == text_of(page.articles[1])


def test_an_opening_read_elsewhere_moves_to_the_start(pages, tmp_path):
    page = pages[0]
    faulty = moved(page, '[[move]]\nblocks = ["b054-210"]\nto = "p03-04"\n', tmp_path)
    assert faulty.articles[0].blocks[0].text.startswith("为农户节约成本六十元。")
    fixed = moved(faulty, '[[move]]\nblocks = ["b054-210"]\nto = "p03-01"\nwhere = "start"\n', tmp_path)
    assert [b.text for b in fixed.articles[0].blocks] == [b.text for b in page.articles[0].blocks]


def test_a_span_to_a_new_article_with_its_title(pages, tmp_path):
    page = pages[0]
    toml = '[[move]]\nid = "p03-01"\nat = "为保障农资供应"\nuntil = "放心农资。"\nto = "new"\ntitle = "农资供应有保障"\n'
    result = moved(page, toml, tmp_path)
    assert [a.title for a in result.articles][:2] == ["田间地头备耕忙", "农资供应有保障"]
    new = result.articles[1]
    assert new.id == "p03-02" and not new.title_inferred
    assert text_of(new).startswith("为保障农资供应") and text_of(new).endswith("放心农资。")
    assert "为保障农资供应" not in text_of(result.articles[0])
    assert [a.id for a in result.articles] == [f"p03-0{n}" for n in range(1, 6)]
    # the layout names the articles as the corrected page does
    assert {p.article for p in result.layout.blocks if p.article} <= {a.id for a in result.articles}


def test_a_new_article_without_a_title_warns_that_it_was_inferred(pages, tmp_path):
    result = moved(pages[0], '[[move]]\nid = "p03-01"\nat = "为保障农资供应"\nto = "new"\n', tmp_path)
    new = result.articles[1]
    assert new.title_inferred and new.title.startswith("为保障农资供应")
    assert any(n.subtype == "title-inferred" and n.article == new.id for n in result.notices)


def test_a_story_taken_for_furniture_becomes_an_article(pages, tmp_path):
    """The lead story lost to furniture: its blocks moved to a new article, its headline as
    its title; the furniture keeps the rest."""
    page = pages[0]
    lost = lose_to_furniture(page, "p03-02")
    assert [a.title for a in lost.articles].count("新建图书馆下月开放") == 0
    toml = (
        '[[move]]\nblocks = ["b149-373", "b052-418", "b255-418"]\nto = "new"\ntitle = "新建图书馆下月开放"\n'
        'byline = "记者 王芳"\n'
    )
    fixed = moved(lost, toml, tmp_path)
    library = fixed.articles[1]
    assert library.title == "新建图书馆下月开放" and library.byline == "记者 王芳"
    assert text_of(library) == text_of(page.articles[1])
    assert fixed.furniture == ["图为读者在新馆试读。赵六摄", *page.furniture]  # its caption was not moved


def lose_to_furniture(page: Page, identifier: str) -> Page:
    """The page as a reader that took one story for furniture reads it."""
    article = next(a for a in page.articles if a.id == identifier)
    layout = replace(page.layout, blocks=[replace(p) for p in page.layout.blocks])
    lines = []
    for placed in layout.blocks:
        if placed.article == identifier:
            placed.article, placed.role = None, "furniture"
            lines.append(placed.text)
    articles = [a for a in page.articles if a is not article]
    return replace(page, articles=articles, furniture=[*lines, *page.furniture], layout=layout)


def test_the_other_pages_of_a_pdf_are_routed_by_their_ids(tmp_path):
    pdf = tmp_path / "epaper.pdf"
    shutil.copy(EPAPER, pdf)
    (tmp_path / "epaper.corrections.toml").write_text(
        '[[move]]\nid = "p04-01"\nat = "今年"\nto = "new"\ntitle = "改造计划"\n', encoding="utf-8"
    )
    issue = read_issue(pdf)
    assert [a.title for a in issue.pages[1].articles] == ["老旧小区改造惠及万户", "改造计划"]


def test_text_pages_move_spans(tmp_path):
    shutil.copy(EXAMPLE_PAGE, tmp_path / "p.txt")
    before = read_issue(tmp_path / "p.txt").pages[0]
    first = before.articles[0]
    at = first.blocks[-1].text[:10]
    (tmp_path / "p.corrections.toml").write_text(
        f'[[move]]\nid = "{first.id}"\nat = "{at}"\nto = "{before.articles[1].id}"\nwhere = "start"\n',
        encoding="utf-8",
    )
    after = read_issue(tmp_path / "p.txt").pages[0]
    assert after.articles[1].blocks[0].text.startswith(at)
    assert not text_of(after.articles[0]).endswith(first.blocks[-1].text)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[[move]]\nto = "p03-02"\n', "name either 'blocks' or an article 'id'"),
        ('[[move]]\nblocks = ["b489-210"]\nid = "p03-01"\nat = "x"\nto = "p03-02"\n', "name either"),
        ('[[move]]\nid = "p03-01"\nto = "p03-02"\n', "'at' is missing"),
        (
            '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\nwhere = "middle"\n',
            '\'where\' is "start" or "end"',
        ),
        ('[[move]]\nblocks = ["b489-210", "b489-210"]\nto = "p03-02"\n', "named twice"),
        ('[[move]]\nblocks = []\nto = "p03-02"\n', "one or more block ids"),
        ('[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\ntitle = "x"\n', 'goes with to = "new"'),
        (
            '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n[[move]]\nblocks = ["b489-210"]\nto = "p03-03"\n',
            "[[move]] #2: the block 'b489-210' is moved by [[move]] #1 already",
        ),
    ],
)
def test_tables_that_make_no_sense_are_refused(tmp_path, toml, expected):
    path = tmp_path / SOURCE
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        load_corrections(path)
    assert expected in str(caught.value) and SOURCE in str(caught.value)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[[move]]\nblocks = ["b999-999"]\nto = "p03-02"\n', "[[move]] #1: no block 'b999-999' on this page"),
        ('[[move]]\nblocks = ["b489-210"]\nto = "p03-09"\n', "[[move]] #1: no article 'p03-09'"),
        ('[[move]]\nid = "p03-07"\nat = "眼下"\nto = "p03-02"\n', "no article 'p03-07'"),
        (
            '[[move]]\nid = "p03-01"\nat = "不在这里"\nto = "p03-02"\n',
            "the text '不在这里' does not occur in article 'p03-01'",
        ),
        (
            '[[move]]\nid = "p03-01"\nat = "眼下"\nuntil = "不在这里"\nto = "new"\n',
            "'不在这里' does not occur",
        ),
        ('[[move]]\nblocks = ["b489-210"]\nto = "p03-01"\n', "the text is in 'p03-01' already"),
        ('[[move]]\nblocks = ["b264-114"]\nto = "p03-02"\n', "'b264-114' is the title of p03-01"),
        (
            '[[move]]\nblocks = ["b489-210", "b052-418"]\nto = "new"\n',
            "move each one's blocks in a table of its own",
        ),
        (
            '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n[[move]]\nblocks = ["b052-418"]\nto = "p03-01"\n',
            "send text in a circle",
        ),
        (
            '[[move]]\nid = "p03-01"\nat = "眼下"\nuntil = "放心农资。"\nto = "new"\n'
            '[[move]]\nid = "p03-01"\nat = "为保障"\nto = "p03-02"\n',
            "[[move]] #2: its span overlaps the span of [[move]] #1",
        ),
    ],
)
def test_moves_that_cannot_be_done_name_their_table(pages, tmp_path, toml, expected):
    message = error_of(pages[0], toml, tmp_path)
    assert expected in message and SOURCE in message


def test_blocks_need_a_pdf_page(tmp_path):
    page = Page("page.txt", number="4", articles=[Article("p04-01", "甲", [Block("paragraph", "甲乙丙。")])])
    data = {"move": [{"blocks": ["b100-100"], "to": "new", "line": 1}]}
    with pytest.raises(IngestError, match="blocks have ids on PDF pages only"):
        apply_correction_data(page, data, SOURCE)


def test_a_page_numbered_after_reading_names_its_articles_in_its_layout(pages):
    from sphinx_newspaper.ingest.issues import number_pages

    page = replace(pages[0], number=None, articles=[replace(a) for a in pages[0].articles])
    page.layout = replace(page.layout, blocks=[replace(p) for p in page.layout.blocks])
    for article in page.articles:
        for placed in page.layout.blocks:
            if placed.article == article.id:
                placed.article = article.id.replace("p03", "p00")
        article.id = article.id.replace("p03", "p00")
    number_pages([page])
    assert page.slug == "p01"
    assert {p.article for p in page.layout.blocks if p.article} == {a.id for a in page.articles}


def test_blocks_to_a_new_article_find_their_page_in_a_pdf_of_several(tmp_path):
    pdf = tmp_path / "epaper.pdf"
    shutil.copy(EPAPER, pdf)
    page4 = read_pdf(EPAPER)[1]
    block = next(p for p in page4.layout.blocks if p.role == "body")
    corrections = tmp_path / "epaper.corrections.toml"
    corrections.write_text(
        f'[[move]]\nblocks = ["{block.id}"]\nto = "new"\ntitle = "新的"\n', encoding="utf-8"
    )
    assert [a.title for a in read_issue(pdf).pages[1].articles][-1] == "新的"
    corrections.write_text('[[move]]\nblocks = ["b999-999"]\nto = "new"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r'no page holds all its blocks; name the page: page = "p03"'):
        read_issue(pdf)
