"""The PDF route's last step (ingest/pdf/page.py): stories to the shared model, a PDF of several pages, every character kept, any page read or refused.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_handset import (
    SYNTHETIC,
    chars_of,
    hand_made_pdf,
)

from sphinx_newspaper.ingest import IngestError, read_issue, read_page
from sphinx_newspaper.ingest.pdf.chars import own_text, read_pdf_pages
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.scoring import conservation


def test_synthetic_page_reads_like_its_editor_made_it():
    page = read_pdf(SYNTHETIC)[0]
    assert (page.date.isoformat(), page.weekday, page.number, page.section) == (
        "2024-05-06",
        "星期一",
        "3",
        "要闻",
    )
    assert page.credits == ["责编：刘洋 美编：陈静 校对：周敏"]
    lead, library, brief1, brief2 = page.articles
    assert (lead.kicker, lead.title, lead.subtitle) == (
        "春耕时节——",
        "田间地头备耕忙",
        "——我县多措并举保障春耕生产",
    )
    assert lead.byline == "本报记者 张明 通讯员 李华"
    kinds = [block.kind for block in lead.blocks]
    assert kinds == ["paragraph"] * 3 + ["subhead"] + ["paragraph"] * 3
    assert lead.blocks[0].text.startswith("眼下正值春耕备耕的关键时期")
    assert lead.blocks[1].text.startswith("在城东镇的育秧工厂里") and lead.blocks[1].text.endswith(
        "节约成本六十元。"
    )
    assert lead.blocks[3].text == "科技服务送到田间"
    assert (library.title, library.byline) == ("新建图书馆下月开放", "记者王芳")
    assert library.blocks[0].text.startswith("本报讯（记者王芳）记者从县文化和旅游局获悉")
    assert library.captions == ["图为读者在新馆试读。赵六摄"]
    assert brief1.title_inferred and brief1.byline == "（陈立）"
    assert brief2.title_inferred and brief2.byline.startswith("（何静")
    assert [notice.subtype for notice in page.notices] == ["title-inferred", "title-inferred"]


def test_layout_facts_stay_on_the_model_for_page_maps():
    pages = read_pdf(SYNTHETIC)
    assert [page.pdf_page for page in pages] == [0, 1]
    width, height = pages[0].size
    assert (round(width), round(height)) == (737, 1020)
    for article in (a for page in pages for a in page.articles):
        assert article.regions
        for x0, y0, x1, y1 in article.regions:
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    assert "regions" not in pages[0].articles[0].to_json() and "size" not in pages[0].to_json()


def test_every_character_of_the_pdf_lands_in_the_page():
    for index, page in enumerate(read_pdf(SYNTHETIC)):
        kept, total, missing = conservation(page, own_text(SYNTHETIC, index))
        assert kept == total > 0 and missing == []


def test_pages_of_a_pdf_in_file_order_with_their_own_sources():
    pages = [pdf.index for pdf in read_pdf_pages(SYNTHETIC)]
    assert pages == [0, 1]
    issue = read_issue(SYNTHETIC)
    assert [page.number for page in issue.pages] == ["3", "4"]
    assert [page.source for page in issue.pages] == [f"{SYNTHETIC}#page=1", f"{SYNTHETIC}#page=2"]
    assert issue.date.isoformat() == "2024-05-06"


def test_read_page_refuses_a_pdf_of_several_pages():
    with pytest.raises(IngestError, match="holds 2 pages, not one"):
        read_page(SYNTHETIC)


_WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?-", min_size=1, max_size=12
)
_TEXT_OBJECT = st.tuples(
    st.floats(0, 280),  # x
    st.floats(0, 390),  # y
    st.floats(3, 40),  # size
    st.lists(_WORDS, min_size=1, max_size=6),
    st.sampled_from(
        [b"", b"0 1 -1 0 0 0 cm ", b"1 0 0.3 1 0 0 cm ", b"0.5 0 0 1 0 0 cm "]
    ),  # rotated, skewed, condensed
    st.sampled_from([b"", b"3 Tc ", b"-1 Tc ", b"60 Tz ", b"1 1 1 rg "]),  # spaced, tight, scaled, white
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    objects=st.lists(_TEXT_OBJECT, min_size=0, max_size=40),
    rules=st.lists(
        st.tuples(st.floats(0, 300), st.floats(0, 400), st.floats(0, 300), st.floats(0, 2)), max_size=8
    ),
)
def test_any_page_reads_or_is_refused_and_keeps_every_character(objects, rules):
    """Hand-made pages of text objects anywhere, at any size, turned, skewed, condensed,
    letter-spaced or white, with rules and boxes among them: each reads (every character of the
    PDF on the page landing in the page, those off its edge named) or is refused with an
    IngestError, never a traceback."""
    content = b"".join(
        b"q %s%.2f %.2f %.2f %.2f re f Q " % (b"0 g ", x, y, width, height) for x, y, width, height in rules
    )
    for x, y, size, words, matrix, state in objects:
        text = " ".join(words).encode("ascii")
        content += b"q %sBT %s/F1 %.2f Tf %.2f %.2f Td (%s) Tj ET Q " % (matrix, state, size, x, y, text)
    with tempfile.TemporaryDirectory() as folder:
        path = hand_made_pdf(Path(folder) / "page.pdf", content)
        try:
            pages = read_pdf(path)
        except IngestError as error:
            assert "page.pdf" in str(error)
            return
        assert len(pages) == 1
        kept, total, missing = conservation(pages[0], own_text(path, 0))
        # text set off the page's edge is no reader's: left out, named, counted as not kept
        unseen = len(chars_of(path).unseen)
        assert kept == total - unseen and bool(missing) == bool(unseen) == bool(pages[0].unread)


def test_names_set_out_to_three_characters_are_closed_up(corpus: Path):
    from sphinx_newspaper.ingest.headlines import tidy_names

    assert tidy_names("周 江  张济坤") == "周江 张济坤"
    assert tidy_names("胡鞍钢 张 新") == "胡鞍钢 张新"
    assert tidy_names("记者 李晖 通讯员 余建") == "记者 李晖 通讯员 余建"
    page = read_pdf(corpus / "pdf/rmrb-2018-01-p07/rmrb2018011007.pdf")[0]
    assert "周江 张济坤" in [article.byline for article in page.articles]
