"""The PDF route's lines step (ingest/pdf/lines.py): characters to lines, gutters told from word spaces, vertical type, the page's body size; a page drawn in any order reads the same.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_handset import (
    FUZHOU,
    GANSU,
    RMRB,
    SYNTHETIC,
    chars_of,
    line_texts,
    page_lines,
    typeset,
)

from sphinx_newspaper.ingest.pdf.chars import own_text
from sphinx_newspaper.ingest.pdf.lines import read_lines


def test_reversed_out_type_is_marked_light():
    lines = page_lines(SYNTHETIC)
    label = next(line for line in lines.lines if line.text == "简讯")
    assert label.light
    assert not next(line for line in lines.lines if line.text == "田间地头备耕忙").light


def test_vertical_headline_is_read_top_to_bottom(corpus: Path):
    lines = page_lines(corpus / GANSU)
    vertical = [line.text for line in lines.lines if line.vertical]
    assert "金川警方破获一起特大传销案" in vertical
    assert "摧毁一个『投资西部大开发项目』犯罪团伙" in vertical


def test_compressed_punctuation_keeps_a_line_whole(corpus: Path):
    texts = [line.text for line in page_lines(corpus / GANSU).lines]
    assert "目”“政府扶持政策”，承诺无风险、高回" in texts


def test_justified_lines_get_no_spaces_and_word_spaces_are_kept(corpus: Path):
    lines = page_lines(corpus / RMRB).lines
    body = [line.text for line in lines if abs(line.size - 8.3) < 0.1 and len(line.text) > 15]
    assert body and not any(" " in text for text in body[:200])
    assert "NEW SANMEN" in [
        line.text for line in page_lines(corpus / "pdf/xin-sanmen-2011-05-24-p02.pdf").lines
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_grid_of_number_plates_reads_the_same_in_any_drawing_order(corpus: Path, seed: int):
    """The 福州 page's list of number plates is set in a grid whose gaps are as wide as a
    gutter: read with its characters shuffled, the gaps are still told from gutters by the
    white on the neighbouring lines, and the page scores as drawn."""
    import json
    import random

    from sphinx_newspaper.ingest.pdf.page import read_pdf_page
    from sphinx_newspaper.scoring import score_page

    page = chars_of(corpus / FUZHOU)
    random.Random(seed).shuffle(page.chars)
    gold = json.loads((Path(__file__).parent / "gold" / f"{Path(FUZHOU).name}.gold.json").read_text("utf-8"))
    score = score_page(read_pdf_page(page), gold, own_text(corpus / FUZHOU, 0))
    assert score.f1 == 1.0 and score.kept == score.total
    assert score.body_share >= 0.99 and score.paragraph_f1 >= 0.95


def test_drawing_order_does_not_matter(corpus: Path):
    """A producer may draw a page's characters in any order: lines are joined by where the
    characters stand (a word space has its column's neighbouring lines running over it, a gutter
    none), so the gansu page reads the same with its characters shuffled."""
    import json
    import random

    from sphinx_newspaper.ingest.pdf.page import read_pdf_page
    from sphinx_newspaper.scoring import score_page

    page = chars_of(corpus / GANSU)
    random.Random(13).shuffle(page.chars)
    shuffled = read_lines(page)
    texts = {line.text for line in shuffled.lines}
    assert {"忘记投保交强险 自掏腰包赔损失", "目”“政府扶持政策”，承诺无风险、高回"} <= texts
    gold = json.loads((Path(__file__).parent / "gold" / f"{Path(GANSU).name}.gold.json").read_text("utf-8"))
    score = score_page(read_pdf_page(page), gold, own_text(corpus / GANSU, 0))
    assert score.f1 == 1.0 and score.kept == score.total
    assert score.body_share >= 0.99 and score.paragraph_f1 >= 0.95


def test_a_bracket_hanging_into_a_gutter_is_no_bridge_over_it():
    """A brief's closing author set flush right, its bracket hanging half an em into a gutter of
    one em, beside the next column's last line: the boxes are half an em apart, the ink a whole
    em, and the lines around show type on one side only (a brief ends there)."""
    page = typeset(
        ("（周敏刘洋）", 45.5, 86),  # ） hangs to 105.5
        ("超过六成的完成人为年", 0, 72),  # the column's line below
        ("员有七项成果的第一人", 110, 100),  # the next column's line above
        ("团队平均年龄三十岁。", 110, 86),
    )
    assert {"（周敏刘洋）", "团队平均年龄三十岁。"} <= line_texts(page)


def test_a_gutter_is_told_by_the_lines_one_further_out():
    """A gap of 1.3 ems where the lines just above stand clear of it (a paragraph's last line,
    the next one's indented start) and nothing is below: the lines one further out show the
    gutter, white all down."""
    page = typeset(
        ("推进改革开放中乌关系", 0, 132),
        ("大发展。", 0, 116),
        ("现在有了变化在库区习", 0, 100),
        ("路增加了收入渠道。”", 113, 132),
        ("习近平指出从现在", 133, 116),
        ("纪中叶我们也进行了谋", 113, 100),
    )
    assert {"现在有了变化在库区习", "纪中叶我们也进行了谋"} <= line_texts(page)


def test_a_headline_over_two_columns_does_not_bridge_their_gutter():
    """A headline set over two columns runs across their gutter: it tells nothing of the gap
    under it (type of another size); the column's lines below show type on one side only."""
    page = typeset(
        ("面建成小康社会和十三", 0, 100),
        ("规划的收官之年又一年", 0, 86),
        ("昂赛细胞基因工程公司", 110, 100),
    )
    page.chars[:0] = typeset(("非遗传承有了新载体", 0, 116), size=22).chars
    assert {"面建成小康社会和十三", "昂赛细胞基因工程公司"} <= line_texts(page)


def test_a_briefs_label_over_the_columns_does_not_bridge_their_gutter():
    """The first line under a briefs label (快讯, 1.6 times the body) that is centred over two
    columns: the label runs across the gutter but is no text of the gap's size; the line one
    further out below shows type on one side only."""
    page = typeset(
        ("特色产业带动增收致富", 0, 100),
        ("（刘洋吴建国）", 35, 72),
        ("（作者为湖北省博物馆", 110, 100),
    )
    page.chars[:0] = typeset(("快讯", 90, 120), size=15.9).chars
    assert {"特色产业带动增收致富", "（作者为湖北省博物馆"} <= line_texts(page)


def test_a_byline_centred_over_two_columns_does_not_bridge_their_gutter():
    """A byline centred over two columns runs across their gutter just above the gap; below,
    the column's next line shows the left side and the next column's line one further down the
    right: together, a gutter's white."""
    page = typeset(
        ("刘洋", 95, 120),
        ("使命在肩在每个现场，", 0, 100),
        ("都能看到党支部的身影", 0, 86),
        ("人的责任担当也标注了", 110, 100),
        ("公司客户回款周期长", 130, 86),
        ("验收付款有的合同期", 110, 72),
    )
    assert {"使命在肩在每个现场，", "人的责任担当也标注了"} <= line_texts(page)


def test_a_brief_headline_on_the_baseline_of_the_next_column_stays_apart():
    """A brief's small headline (1.4 times the body) centred in its column on the baseline of
    the last line of the column beside it: type of another size is no continuation over a
    space."""
    page = typeset(("生产增速小幅回升。去", 0, 100), ("年规模以上工业增加值", 0, 86))
    page.chars += typeset(("河道清淤工程完工", 114, 100), size=14).chars
    assert {"生产增速小幅回升。去", "河道清淤工程完工"} <= line_texts(page)


def test_a_word_space_with_its_column_around_it_stays_in_the_line():
    """A word space (one em) in a dateline, the column's lines above and below running across
    it: one line, whatever the lines further out show."""
    page = typeset(
        ("要坚持以人民为中心的", 0, 128),
        ("之所急", 0, 114),
        ("本报北京电", 0, 100),
        ("（记者王芳）", 60, 100),
        ("中共中央政治局常委会", 0, 86),
    )
    assert "本报北京电 （记者王芳）" in line_texts(page)


def test_marks_hanging_into_a_gutter_do_not_bridge_it():
    """A comma on the line above and an opening quote on this one both hang half an em into a
    gutter of one em: the gap is measured between the ink (its middle clear of the comma's), and
    the lines further out show the gutter."""
    page = typeset(
        ("大年初一爷爷奶奶最大", 0, 122),
        ("前些年她在美国留学时，", 0, 111),  # ， hangs to 110
        ("都惦记着叮咚作", 30, 100),
        ("响弹出消息的家里社交", 0, 89),
        ("爷奶奶挺新潮学会了发", 110, 122),
        ("一帮小辈儿一拥而上", 110, 111),
        ("“秒光”。", 105, 100),  # “ hangs to 105
    )
    assert {"都惦记着叮咚作", "“秒光”。"} <= line_texts(page)
