"""The PDF route's layout step (ingest/pdf/layout.py): lines to blocks, the page's column width and leading.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_handset import (
    GANSU,
    page_lines,
    typeset,
)

from sphinx_newspaper.ingest.pdf.layout import read_blocks
from sphinx_newspaper.ingest.pdf.lines import read_lines


def test_columns_and_leading_are_measured_in_the_page_s_own_units(corpus: Path):
    layout = read_blocks(page_lines(corpus / GANSU))
    assert layout.em == pytest.approx(8.3, abs=0.05)
    assert 17 <= layout.column / layout.em <= 19.5
    assert layout.leading == pytest.approx(11.9, abs=0.1)


def test_a_closing_line_set_apart_is_a_block_of_its_own():
    """An author's note set on its own line under the text (（作者为…）) is no first line of a
    paragraph set in: it closes the story, a block of its own."""
    page = typeset(
        ("攻坚克难的勇气和智慧", 0, 100),
        ("不断开创新局面的篇章", 0, 86),
        ("（作者为评论员）", 22, 72),
    )
    blocks = read_blocks(read_lines(page)).blocks
    assert sorted(len(block.lines) for block in blocks) == [1, 2]
    assert any(block.text == "（作者为评论员）" for block in blocks)
