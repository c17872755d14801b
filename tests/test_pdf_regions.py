"""The page cut into regions (ingest/pdf/regions.py), tested through its tree on small
hand-set pages: bands and columns by white, rules and frames, pictures taking room."""

from __future__ import annotations

from sphinx_newspaper.ingest.pdf.chars import Char, PdfPage, Picture
from sphinx_newspaper.ingest.pdf.layout import Block, read_blocks
from sphinx_newspaper.ingest.pdf.lines import read_lines
from sphinx_newspaper.ingest.pdf.regions import PageRegions, read_regions

EM = 10.0
TEXT = "春风又绿江南岸明月何时照我还白日依山尽黄河入海流欲穷千里目更上一层楼"


def set_type(page: PdfPage, text: str, x: float, baseline: float, size: float = EM) -> None:
    for index, char in enumerate(text):
        left = x + index * size
        page.chars.append(Char(char, left, baseline, size, size, left + size, font=0))


def column(page: PdfPage, x: float, top: float, lines: int, width: int = 10, start: int = 0) -> None:
    """Running text: ``lines`` lines of ``width`` characters, the first set in two ems, from the
    baseline ``top`` down at a leading of 1.4 ems."""
    for number in range(lines):
        indent = 2 if number == 0 else 0
        text = (TEXT * 4)[start + number * width :][: width - indent]
        set_type(page, text, x + indent * EM, top - number * 1.4 * EM)


def headline(page: PdfPage, text: str, x: float, baseline: float) -> None:
    set_type(page, text, x, baseline, size=2 * EM)


def regions_of(page: PdfPage) -> tuple[PageRegions, list[Block]]:
    layout = read_blocks(read_lines(page))
    return read_regions(layout), layout.blocks


def block_with(blocks: list[Block], text: str) -> Block:
    return next(block for block in blocks if block.text.startswith(text))


def reading(regions: PageRegions) -> list[str]:
    return [block.text[:4] for leaf in regions.root.leaves() for block in leaf.blocks]


def two_stories_page() -> PdfPage:
    """Two stories side by side, each a headline over two columns, a gutter of 1.5 ems between
    columns and of 3 ems between the stories."""
    page = PdfPage("set.pdf", 0, 600, 800)
    headline(page, "春风化雨润物无声千里", 0, 700)
    column(page, 0, 670, 8)
    column(page, 115, 670, 8, start=3)
    headline(page, "明月清风朗照人间万家", 260, 700)
    column(page, 260, 670, 8, start=7)
    column(page, 375, 670, 8, start=11)
    return page


def test_columns_under_a_headline_read_after_it_left_to_right():
    regions, blocks = regions_of(two_stories_page())
    root = regions.root
    assert root.kind == "columns" and len(root.children) == 2  # the two stories, side by side
    left = root.children[0]
    assert left.kind == "bands"  # its headline over its columns
    assert [child.kind for child in left.children] == ["leaf", "columns"]
    assert reading(regions) == ["春风化雨", "春风又绿", "绿江南岸", "明月清风", "明月何时", "照我还白"]
    assert regions.same_band(block_with(blocks, "春风又绿"), block_with(blocks, "绿江南岸"))
    assert not regions.fenced(block_with(blocks, "春风又绿"), block_with(blocks, "明月清风"))


def test_a_rule_across_parts_the_stories_above_and_below_it():
    page = PdfPage("set.pdf", 0, 600, 800)
    headline(page, "春风化雨润物无声千里", 0, 700)
    column(page, 0, 670, 4)
    page.rules.append((0, 607, 100, 607.5))  # under the first story
    headline(page, "明月清风朗照人间万家", 0, 585)
    column(page, 0, 555, 4, start=5)
    regions, blocks = regions_of(page)
    root = regions.root
    # headline, text | rule | headline, text: one list of bands, the rule's edge marked
    assert root.kind == "bands" and [child.edge for child in root.children] == ["", "white", "rule", "white"]
    upper, lower = block_with(blocks, "春风又绿"), block_with(blocks, "明月清风")
    assert regions.fenced(upper, lower)
    assert not regions.fenced(block_with(blocks, "春风化雨"), upper)


def test_white_alone_parts_no_story_from_the_text_under_it():
    page = PdfPage("set.pdf", 0, 600, 800)
    headline(page, "春风化雨润物无声千里", 0, 700)
    column(page, 0, 670, 4)
    headline(page, "明月清风朗照人间万家", 0, 585)
    column(page, 0, 555, 4, start=5)
    regions, blocks = regions_of(page)
    assert [child.edge for child in regions.root.children][1:] == ["white", "white", "white"]
    assert not regions.fenced(block_with(blocks, "春风又绿"), block_with(blocks, "明月清风"))


def test_a_story_in_a_frame_is_a_region_of_its_own():
    """A boxed story beside a story in the open: the frame's edges fence its text off, and the
    frame's region holds its headline and its text."""
    page = two_stories_page()
    frame = (255, 555, 490, 730)
    page.frames.append(frame)
    x0, y0, x1, y1 = frame
    page.rules.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)])
    regions, blocks = regions_of(page)
    boxed = regions.leaf(block_with(blocks, "明月清风")).parent
    assert boxed.frame == frame
    assert boxed.edge == "rule"
    assert regions.fenced(block_with(blocks, "绿江南岸"), block_with(blocks, "明月何时"))
    assert not regions.fenced(block_with(blocks, "明月清风"), block_with(blocks, "照我还白"))


def test_a_vertical_rule_between_columns_fences_them():
    page = two_stories_page()
    page.rules.append((247.5, 550, 248, 720))
    regions, blocks = regions_of(page)
    assert regions.root.children[1].edge == "rule"
    assert regions.fenced(block_with(blocks, "绿江南岸"), block_with(blocks, "明月何时"))


def test_a_photo_takes_room_and_its_frame_fences_nothing():
    """A photo over the first column of a story: the column's text reads on under it; the frame
    round the photo parts nothing."""
    page = PdfPage("set.pdf", 0, 600, 800)
    headline(page, "春风化雨润物无声千里", 0, 700)
    photo = (0, 600, 100, 670)
    page.pictures.append(Picture(1, photo, photo, (100, 70)))
    page.frames.append((-2, 598, 102, 672))
    page.rules.extend([(-2, 598, 102, 598), (-2, 672, 102, 672), (-2, 598, -2, 672), (102, 598, 102, 672)])
    column(page, 0, 585, 4)
    column(page, 115, 670, 10, start=3)
    regions, blocks = regions_of(page)
    under = block_with(blocks, "春风又绿")
    beside = block_with(blocks, "绿江南岸")
    assert not regions.fenced(block_with(blocks, "春风化雨"), under)
    assert not regions.fenced(under, beside)
    assert reading(regions) == ["春风化雨", "春风又绿", "绿江南岸"]
    assert all(region.frame is None for region in regions.root.walk())


def test_every_block_stands_in_exactly_one_leaf():
    page = two_stories_page()
    set_type(page, "责任编辑", 0, 20, size=0.8 * EM)
    regions, blocks = regions_of(page)
    placed = [id(block) for leaf in regions.root.leaves() for block in leaf.blocks]
    assert sorted(placed) == sorted(id(block) for block in blocks)
    assert regions.root.children[-1].edge == "white"  # the credit in a band of its own at the foot


def test_the_page_keeps_its_regions_with_the_ids_of_their_blocks(corpus):
    """``Page.layout.regions``: the tree depth first, each leaf naming its blocks by the ids the
    drawing shows, every placed block in a leaf."""
    from sphinx_newspaper.ingest.pdf.page import read_pdf

    page = read_pdf(corpus / "pages" / "gansu-fazhibao-2024-08-09-p08.pdf")[0]
    regions = page.layout.regions
    assert regions[0].depth == 0 and regions[0].kind != "leaf"
    assert {region.kind for region in regions} >= {"bands", "columns", "leaf"}
    named = {identifier for region in regions for identifier in region.blocks}
    assert named == {placed.id for placed in page.layout.blocks}
    assert all(not region.blocks for region in regions if region.kind != "leaf")
    assert any(region.edge == "rule" for region in regions)


def test_a_row_of_headlines_over_their_columns_is_cut_down_first():
    """Two reports side by side, their headlines level and a wide white under them, their
    columns a narrow gutter apart: each headline stays with its own columns (no band of
    headlines read before a band of text)."""
    page = PdfPage("set.pdf", 0, 600, 800)
    headline(page, "春风化雨润物", 0, 700)
    headline(page, "明月清风朗照", 215, 700)
    column(page, 0, 660, 8)
    column(page, 107, 660, 8, start=3)  # a gutter of 0.7 em
    column(page, 215, 660, 8, start=7)
    column(page, 322, 660, 8, start=11)
    regions, blocks = regions_of(page)
    assert regions.root.kind == "columns"
    assert reading(regions) == ["春风化雨", "春风又绿", "绿江南岸", "明月清风", "明月何时", "照我还白"]
    assert regions.same_band(block_with(blocks, "春风化雨"), block_with(blocks, "明月清风"))
