"""Issue 24's targets: each fault class seen on new papers (issue 23), made on a page as a reader
that makes it reads the page, is visible at a glance in the drawing, and a few lines of
corrections fix it (the stories read whole again).

The faults are made on the synthetic e-paper page (tests/roots/test-pdf) from the page read
right, so that the checks hold whatever the PDF route reads right or wrong on its own."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from test_moves import lose_to_furniture

from sphinx_newspaper.draw import page_drawing
from sphinx_newspaper.ingest.checks import layout_warnings
from sphinx_newspaper.ingest.corrections import apply_corrections
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Article, Page
from sphinx_newspaper.pagemap import COLOURS, FURNITURE, svg

EPAPER = Path(__file__).parent / "roots" / "test-pdf" / "issues" / "epaper-2024-05-06.pdf"
SERVICE = Path(__file__).parent / "roots" / "test-pdf-tables" / "issues" / "service-2025-04-21.pdf"


@pytest.fixture(scope="module")
def right() -> Page:
    return read_pdf(EPAPER)[0]


def drawn(page: Page) -> str:
    """The page's drawing as ``inspect --draw`` writes it, its layout warnings marked."""
    return svg(page_drawing(replace(page, notices=[*page.notices, *layout_warnings(page)]), None))


def colour_of(drawing: str, block: str) -> str:
    return re.search(rf'<g class="mark \w+" stroke="(#\w+)" fill="#\w+" data-label="{block}">', drawing)[1]


def warnings_on(drawing: str) -> list[str]:
    found = re.findall(r'<g class="mark warning" data-label="\d+"><title>([^<]*)</title>', drawing)
    return [html.unescape(text) for text in found]


def fixed(page: Page, toml: str, tmp_path: Path) -> Page:
    assert len(toml.strip().splitlines()) <= 6  # a few lines
    path = tmp_path / "page.corrections.toml"
    path.write_text(toml, encoding="utf-8")
    return apply_corrections(page, path)


def stories(page: Page) -> list[tuple[str, str]]:
    return [(a.title, "".join(b.text for b in a.blocks)) for a in page.articles]


def test_the_lead_story_lost_to_furniture(right, tmp_path):
    faulty = lose_to_furniture(right, "p03-01")
    drawing = drawn(faulty)
    assert (
        colour_of(drawing, "b264-114") == colour_of(drawing, "b054-210") == FURNITURE
    )  # headline and text grey
    assert any("body-size text left in furniture (b054-210" in w for w in warnings_on(drawing))
    toml = (
        '[[move]]\nblocks = ["b264-114", "b054-210", "b262-210", "b325-281", "b282-301", "b489-210"]\n'
        'to = "new"\ntitle = "田间地头备耕忙"\n'
    )
    result = fixed(faulty, toml, tmp_path)
    lead = result.articles[0]
    assert lead.title == "田间地头备耕忙" and "".join(b.text for b in lead.blocks) == stories(right)[0][1]


def test_a_second_half_read_into_its_neighbour(right, tmp_path):
    faulty = fixed(right, '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n', tmp_path)
    drawing = drawn(faulty)
    assert colour_of(drawing, "b489-210") == COLOURS[1] != colour_of(drawing, "b282-301") == COLOURS[0]
    assert any(
        w.startswith("article p03-01 (田间地头备耕忙) ends mid-sentence") for w in warnings_on(drawing)
    )
    assert stories(fixed(faulty, '[[move]]\nblocks = ["b489-210"]\nto = "p03-01"\n', tmp_path)) == stories(
        right
    )


def test_a_subhead_promoted_to_a_title(right, tmp_path):
    """The subhead 科技服务送到田间 read as the headline of a story of its own."""
    farming = right.articles[0]
    at = next(i for i, b in enumerate(farming.blocks) if b.kind == "subhead")
    false = Article("p03-02", farming.blocks[at].text, farming.blocks[at + 1 :])
    false.regions = [right.layout.block(i).box for i in ("b325-281", "b282-301", "b489-210")]
    layout = replace(right.layout, blocks=[replace(p) for p in right.layout.blocks])
    for placed in layout.blocks:
        if placed.id in ("b325-281", "b282-301", "b489-210"):
            placed.article = "p03-02"
        elif placed.article and placed.article != "p03-01":
            placed.article = f"p03-0{int(placed.article[-1]) + 1}"
    others = [replace(a, id=f"p03-0{int(a.id[-1]) + 1}") for a in right.articles[1:]]
    kept = replace(farming, blocks=farming.blocks[:at])
    faulty = replace(right, articles=[kept, false, *others], layout=layout)
    drawing = drawn(faulty)
    labels = re.findall(r'<g class="area"[^>]*><title>([^<]*)</title>', drawing)
    assert labels[1] == "2 p03-02 科技服务送到田间"  # an article label inside the lead's columns
    assert colour_of(drawing, "b262-210") != colour_of(drawing, "b282-301")
    result = fixed(faulty, '[[merge]]\nids = ["p03-01", "p03-02"]\n', tmp_path)
    assert stories(result) == stories(right)
    assert [b.kind for b in result.articles[0].blocks] == [b.kind for b in farming.blocks]


def test_an_opening_read_into_another_story(right, tmp_path):
    faulty = fixed(right, '[[move]]\nblocks = ["b054-210"]\nto = "p03-04"\n', tmp_path)
    drawing = drawn(faulty)
    assert colour_of(drawing, "b054-210") == COLOURS[3]
    assert any("(田间地头备耕忙) begins mid-sentence" in w for w in warnings_on(drawing))
    toml = '[[move]]\nblocks = ["b054-210"]\nto = "p03-01"\nwhere = "start"\n'
    assert stories(fixed(faulty, toml, tmp_path)) == stories(right)


def test_a_story_beside_the_masthead_spread_over_others(right, tmp_path):
    """The library story's text read into the farming story and the briefs: its headline heads
    no text; the fix moves each part back."""
    faulty = fixed(
        right,
        '[[move]]\nblocks = ["b052-418"]\nto = "p03-01"\n[[move]]\nblocks = ["b255-418"]\nto = "p03-03"\n',
        tmp_path,
    )
    drawing = drawn(faulty)
    assert any(
        "headline '新建图书馆下月开放' (p03-02) has no text under it" in w for w in warnings_on(drawing)
    )
    assert colour_of(drawing, "b052-418") == COLOURS[0] and colour_of(drawing, "b255-418") == COLOURS[2]
    toml = '[[move]]\nblocks = ["b052-418"]\nto = "p03-02"\n[[move]]\nblocks = ["b255-418"]\nto = "p03-02"\n'
    assert stories(fixed(faulty, toml, tmp_path)) == stories(right)


def test_a_table_read_as_a_table():
    """Issue 23's class 3, on the service page of tests/roots/test-pdf-tables: the weather table
    (cities by two days) is one table block in its story, drawn in the story's colour, never a
    dozen articles titled by its cells (晴转多云, 日期); nothing to correct."""
    page = read_pdf(SERVICE)[0]
    assert not any(article.title_inferred for article in page.articles)
    weather = next(article for article in page.articles if article.title == "全省天气预报")
    (table,) = [block for block in weather.blocks if block.kind == "table"]
    assert table.rows[0] == ["城市", "4月22日", "4月23日"] and table.rows[3][0] == "兰州"
    drawing = drawn(page)
    title = next(p.id for p in page.layout.blocks if p.article == weather.id and p.role == "title")
    assert colour_of(drawing, table.parts[0][0]) == colour_of(drawing, title) != FURNITURE
    assert not [w for w in warnings_on(drawing) if weather.id in w]
