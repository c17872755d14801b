"""``sphinx-newspaper inspect PATH --draw DIR`` (issue 24): every page drawn over its image with
its articles, block ids, reading order, furniture and warnings; an index that opens from disk;
text pages drawn as what is known of them; checked in headless Chromium (tests/cdp.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cdp import CHROMIUM, Browser

from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest import read_issue
from sphinx_newspaper.pagemap import COLOURS

ROOTS = Path(__file__).parent / "roots"
EPAPER = ROOTS / "test-pdf" / "issues" / "epaper-2024-05-06.pdf"


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    """The two-page PDF issue drawn, with a second half read into a neighbour (a corrections
    file makes the mistake a reader makes), and its corrections' warnings."""
    work = tmp_path_factory.mktemp("draw")
    shutil.copy(EPAPER, work / "epaper.pdf")
    (work / "epaper.corrections.toml").write_text(
        '[[move]]\nblocks = ["b489-210"]\nto = "p03-02"\n', encoding="utf-8"
    )
    assert main(["inspect", str(work / "epaper.pdf"), "--draw", str(work / "out")]) == 0
    return work / "out"


def test_one_file_per_page_an_index_and_the_page_images(drawn: Path):
    assert sorted(p.name for p in drawn.glob("*.html")) == ["001-p03.html", "002-p04.html", "index.html"]
    images = sorted((drawn / "images").glob("*.jpg"))
    assert len(images) == 2 and all(image.stat().st_size > 10_000 for image in images)
    index = (drawn / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)">', index) == ["001-p03.html", "002-p04.html"]
    assert "田间地头备耕忙" in index and "4 warning(s)" in index  # two titles inferred, two layout
    assert "http" not in index  # nothing to fetch: it opens from disk


def areas(page: str) -> list[tuple[str, str]]:
    """(colour, label) of every article drawn on the page."""
    return re.findall(r'<g class="area" style="--colour:(#\w+)"[^>]*><title>([^<]*)</title>', page)


def test_articles_in_their_colours_labelled_in_reading_order(drawn: Path):
    page = (drawn / "001-p03.html").read_text(encoding="utf-8")
    found = areas(page)
    assert [label.split(" ", 2)[:2] for _colour, label in found] == [
        [str(n), f"p03-0{n}"] for n in range(1, 5)
    ]
    assert found[0][1] == "1 p03-01 田间地头备耕忙" and [c for c, _ in found] == list(COLOURS[:4])
    image = re.search(r'<image width="([\d.]+)" height="([\d.]+)" xlink:href="(images/[\w-]+\.jpg)"', page)
    assert image and (drawn / image[3]).is_file()


def mark(page: str, block: str) -> tuple[str, str]:
    """(kind, colour) of a block's mark."""
    found = re.search(rf'<g class="mark (\w+)" stroke="(#\w+)" fill="#\w+" data-label="{block}">', page)
    assert found, block
    return found[1], found[2]


def test_every_block_with_its_id_in_its_article_colour(drawn: Path):
    page = (drawn / "001-p03.html").read_text(encoding="utf-8")
    issue = read_issue(drawn.parent / "epaper.pdf")
    for placed in issue.pages[0].layout.blocks:
        kind, colour = mark(page, placed.id)
        if placed.article is None:
            assert colour == "#8a8a8a" and kind in ("furniture", "caption")
        else:
            assert colour == COLOURS[int(placed.article[-2:]) - 1]
    # the column read into the library story stands in its colour, far from it: visible at a glance
    assert mark(page, "b489-210") == ("block", COLOURS[1])
    assert mark(page, "b282-301") == ("block", COLOURS[0])
    assert page.count('<g class="order"') == 4  # a line through each story's blocks, numbered


def test_warnings_are_marked_and_listed_with_their_fix(drawn: Path):
    page = (drawn / "001-p03.html").read_text(encoding="utf-8")
    marks = re.findall(r'<g class="mark warning" data-label="(\d+)"><title>([^<]*)</title>', page)
    assert [number for number, _ in marks] == ["1", "2", "3", "4"]
    layout = [text for _, text in marks if "mid-sentence" in text or "far shorter" in text]
    assert len(layout) == 2 and "ends mid-sentence" in layout[0]
    listed = re.findall(r'<li id="warning-(\d+)" value="\d+">([^<]*)', page)
    assert [n for n, _ in listed] == ["1", "2", "3", "4"]
    assert any("ends mid-sentence" in text and "[[move]] blocks" in text for _, text in listed)
    assert "newspaper.layout" in page


def test_the_region_tree_is_drawn_with_its_blocks(drawn: Path):
    """The page's regions (issue 23's model: bands and columns cut by rules and white) are
    outlined, the leaves numbered in reading order, each titled with its kind, how it is
    parted from the region before it and the ids of the blocks it holds."""
    page = (drawn / "001-p03.html").read_text(encoding="utf-8")
    issue = read_issue(drawn.parent / "epaper.pdf")
    layout = issue.pages[0].layout
    marks = re.findall(
        r'<g class="mark region" stroke="#\w+" fill="#\w+" data-label="(r?\d*)"><title>([^<]*)</title>', page
    )
    assert len(marks) == len([r for r in layout.regions if r.depth > 0]) > 10
    leaves = [(label, title) for label, title in marks if label]
    assert [label for label, _ in leaves] == [f"r{n}" for n in range(1, len(leaves) + 1)]
    named = {block for _, title in leaves for block in re.findall(r"b\d{3}-\d{3}", title)}
    assert named == {block.id for block in layout.blocks} & named and "b054-210" in named
    assert any("parted by a rule" in title for _, title in marks)  # the rules cut the page
    assert 'data-hide="hide-regions"' in page


def test_a_blocks_title_carries_its_rule(tmp_path: Path):
    """Each block's mark is titled with the rule that placed it, where the trace names one."""
    from dataclasses import replace

    from sphinx_newspaper.draw import page_drawing
    from sphinx_newspaper.pagemap import svg

    page = read_issue(EPAPER).pages[0]
    layout = replace(page.layout, blocks=[replace(b) for b in page.layout.blocks])
    layout.blocks[0].rule = "headline: the largest type over its text"
    drawing = svg(page_drawing(replace(page, layout=layout), None))
    first = layout.blocks[0]
    assert f"<title>{first.id} ({first.role}; headline: the largest type over its text): " in drawing


def test_the_articles_list_names_their_blocks(drawn: Path):
    page = (drawn / "002-p04.html").read_text(encoding="utf-8")
    assert "blocks in reading order:" in page and re.search(r"b\d{3}-\d{3}", page)
    assert 'Warnings</h2><p class="grey">none' in page


def test_text_issues_are_drawn_as_what_is_known(tmp_path: Path):
    assert main(["inspect", str(ROOTS / "test-tables" / "20240105"), "--draw", str(tmp_path)]) == 0
    page = (tmp_path / "001-p04.html").read_text(encoding="utf-8")
    assert "<svg" not in page and "Read from text" in page
    assert "<td>贵州茅台</td>" in page and "line 5" in page
    assert not (tmp_path / "images").exists()


def test_an_archive_folder_is_drawn_issue_by_issue(tmp_path: Path, capsys):
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("epaper-2024-05-06.pdf", "epaper-2024-05-07.pdf"):
        shutil.copy(EPAPER.parent / name, archive / name)
    assert main(["inspect", str(archive), "--draw", str(tmp_path / "out")]) == 0
    assert "3 page(s) drawn" in capsys.readouterr().err
    assert len(list((tmp_path / "out").glob("0*.html"))) == 3


pytestmark_browser = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)"),
]


def browser_test(test):
    for marker in pytestmark_browser:
        test = marker(test)
    return test


@browser_test
def test_the_drawing_in_a_browser_from_disk(drawn: Path):
    with Browser(1280, 900) as browser:
        browser.open((drawn / "index.html").as_uri())
        x, y = browser.evaluate(
            "(() => { const r = document.querySelector('a[href=\"001-p03.html\"]').getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        browser.click(x, y)
        assert browser.evaluate("location.pathname.split('/').pop()") == "001-p03.html"
        loaded = browser.evaluate(
            "new Promise(done => { const image = new Image(); image.onload = () => done(image.naturalWidth);"
            " image.onerror = () => done(0);"
            " image.src = document.querySelector('svg image').getAttribute('xlink:href'); })"
        )
        assert loaded >= 1000
        geometry = browser.evaluate(
            "(() => { const svg = document.querySelector('.drawing svg').getBoundingClientRect();"
            " const areas = [...document.querySelectorAll('.drawing svg g.area')].map(g => {"
            "   const r = g.getBoundingClientRect(); return [r.width, r.height]; });"
            " const label = document.querySelector('.mark.block text');"
            " return {width: svg.width, areas, ids: getComputedStyle(label).display}; })()"
        )
        assert 800 <= geometry["width"] <= 1280 and len(geometry["areas"]) == 4
        assert all(w > 20 and h > 20 for w, h in geometry["areas"])
        assert geometry["ids"] != "none"
        # the reader turns the block ids off, and on again
        browser.evaluate("document.querySelector('input[data-hide=\"hide-ids\"]').click()")
        assert (
            browser.evaluate("getComputedStyle(document.querySelector('.mark.block text')).display") == "none"
        )
        browser.evaluate("document.querySelector('input[data-hide=\"hide-ids\"]').click()")
        assert (
            browser.evaluate("getComputedStyle(document.querySelector('.mark.block text')).display") != "none"
        )
        # the region tree's outlines show, and the reader turns them off
        region = "getComputedStyle(document.querySelector('.mark.region')).display"
        assert browser.evaluate(region) != "none"
        browser.evaluate("document.querySelector('input[data-hide=\"hide-regions\"]').click()")
        assert browser.evaluate(region) == "none"
        # the warning's mark sits on the page where the story stops mid-sentence
        inside = browser.evaluate(
            "(() => { const svg = document.querySelector('.drawing svg').getBoundingClientRect();"
            " const w = document.querySelector('.mark.warning circle').getBoundingClientRect();"
            " return w.x >= svg.x && w.right <= svg.right + 20 && w.y >= svg.y && w.bottom <= svg.bottom; })()"
        )
        assert inside
