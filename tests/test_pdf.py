"""The PDF route step by step (issue 13): characters, lines, blocks, roles, stories, the model.

Real corpus pages (skipped without ../shared) and the synthetic e-paper issues the project ships
(tests/roots/test-pdf/issues, built from tests/pdf/epaper.tex); unreadable PDFs are made here.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from sphinx_newspaper.ingest import IngestError, read_issue, read_page
from sphinx_newspaper.ingest.pdf.chars import PdfPage, open_pdf, own_text, read_page_chars, read_pdf_pages
from sphinx_newspaper.ingest.pdf.layout import Block, read_blocks
from sphinx_newspaper.ingest.pdf.lines import Line, PageLines, read_lines
from sphinx_newspaper.ingest.pdf.page import _byline_runs_on, read_pdf, stack_parts
from sphinx_newspaper.ingest.pdf.params import DEFAULT as P
from sphinx_newspaper.ingest.pdf.roles import (
    Stack,
    _captions,
    _header_bottom,
    _split_stories,
    _take_bylines,
    _take_decks,
    _under_beside,
    caption_run_ons,
    heavier_face,
    read_roles,
)
from sphinx_newspaper.ingest.pdf.stories import (
    Story,
    _caption_story,
    _closed,
    _continues_paragraph,
    _headline_over_row,
    _left_on_row,
    _nearest_above,
    _rules_but_picture_frames,
    _stack_beside,
    _wider_than_its_column,
    read_stories,
)
from sphinx_newspaper.ingest.pdf.trace import Trace
from sphinx_newspaper.scoring import conservation

ISSUES = Path(__file__).parent / "roots" / "test-pdf" / "issues"
SYNTHETIC = ISSUES / "epaper-2024-05-06.pdf"  # two pages: 第3版 要闻, 第4版 民生
SINGLE = ISSUES / "epaper-2024-05-07.pdf"  # one page: 第3版 要闻
GANSU = "pages/gansu-fazhibao-2024-08-09-p08.pdf"
FUZHOU = "pages/fuzhou-wanbao-2024-04-19-p07.pdf"
RMRB = "pdf/rmrb-2018-01-p07/rmrb2018010507.pdf"


def chars_of(path: Path, index: int = 0):
    document = open_pdf(path)
    try:
        return read_page_chars(document, str(path), index)
    finally:
        document.close()


def page_lines(path: Path, index: int = 0):
    return read_lines(chars_of(path, index))


def hand_made_pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF written byte by byte, its text in Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


# -- characters ---------------------------------------------------------------------------------


def test_effective_size_comes_from_the_matrix_on_e_paper_pages(corpus: Path):
    page = chars_of(corpus / GANSU)
    title = [char for char in page.chars if char.text in "铁脚板" and char.size > 40]
    assert title and all(abs(char.size - 44.4) < 0.2 and abs(char.width - 40.0) < 0.2 for char in title)
    lines = read_lines(page)
    assert lines.body_size == pytest.approx(8.3, abs=0.05)


def test_effective_size_comes_from_the_font_size_when_the_matrix_is_plain():
    lines = page_lines(SYNTHETIC)
    assert lines.body_size == pytest.approx(9.0, abs=0.1)
    title = next(line for line in lines.lines if line.text == "田间地头备耕忙")
    assert title.size == pytest.approx(30.0, abs=0.2)


def test_text_drawn_again_on_itself_is_kept_once(tmp_path: Path):
    content = b"".join(b"BT /F1 12 Tf 50 300 Td (Overdrawn) Tj ET " for _ in range(3))
    path = hand_made_pdf(tmp_path / "overdraw.pdf", content + b"BT /F1 12 Tf 50 250 Td (Once) Tj ET")
    assert own_text(path, 0).split() == ["Overdrawn", "Once"]


def test_reversed_out_type_is_marked_light():
    lines = page_lines(SYNTHETIC)
    label = next(line for line in lines.lines if line.text == "简讯")
    assert label.light
    assert not next(line for line in lines.lines if line.text == "田间地头备耕忙").light


def test_rules_and_frames_are_read():
    page = chars_of(SYNTHETIC)
    assert len(page.rules) >= 4  # under the masthead, between the stories, above the credits
    assert any(x1 - x0 > 100 and y1 - y0 > 50 for x0, y0, x1, y1 in page.frames)  # the photo frame


# -- unreadable PDFs: one error each, naming the file (and the page) and what to do ----------------


def test_garbled_text_layer_is_refused(corpus: Path):
    with pytest.raises(
        IngestError, match=r"garbled-font-encoding\.pdf, page 1: has a garbled text layer.*OCR"
    ):
        read_issue(corpus / "pages" / "garbled-font-encoding.pdf", ocr="never")  # else read through OCR


def test_page_without_a_text_layer_needs_ocr(tmp_path: Path):
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (300, 400), "white").save(scan, "PDF")
    with pytest.raises(IngestError, match=r"scan\.pdf, page 1: holds only pictures, no text layer.*OCR"):
        read_issue(scan, ocr="never")  # else read through OCR (tests/test_ocr.py)


def picture_page(path: Path, picture: tuple[float, float, float, float], text: str, size: float = 9) -> Path:
    """A hand-made page holding a grey picture at ``picture`` (x, y, width, height) and ``text``
    at ``size`` under it (in it when the picture reaches the page's foot)."""
    x, y, width, height = picture
    content = (
        f"q {width} 0 0 {height} {x} {y} cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q\n"
        f"BT /F1 {size} Tf {x + size} {abs(y - size * 1.5)} Td ({text}) Tj ET"
    ).encode("latin-1")
    return hand_made_pdf(path, content)


def raw_char_count(document) -> int:
    textpage = document[0].get_textpage()
    try:
        return textpage.count_chars()
    finally:
        textpage.close()


def test_photo_with_a_short_caption_is_no_scan(tmp_path: Path):
    # Fewer characters than the page's text would need, but the photo leaves the page its margins.
    page = chars_of(picture_page(tmp_path / "photo.pdf", (30, 120, 240, 250), "Harbour at dawn"))
    assert "".join(char.text for char in page.chars) == "Harbouratdawn"
    assert len(page.pictures) == 1


def test_scan_with_a_stamped_page_number_needs_ocr(tmp_path: Path):
    # A picture edge to edge with a line stamped on it: still a picture of a page, however many
    # characters the stamp has, as long as they are not the page's text.
    path = picture_page(tmp_path / "stamped.pdf", (0, 0, 300, 400), "A06 scanned 2024-05-06 p6/24", size=5)
    document = open_pdf(path)
    try:
        assert raw_char_count(document) == 28  # the stamp is there, and more than 20 characters
    finally:
        document.close()
    with pytest.raises(IngestError, match=r"stamped\.pdf, page 1: holds only pictures, no text layer.*OCR"):
        read_issue(path, ocr="never")


def test_page_without_anything_is_named(tmp_path: Path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(300, 400)
    writer.write(tmp_path / "blank.pdf")
    with pytest.raises(IngestError, match=r"blank\.pdf, page 1: holds no text"):
        read_issue(tmp_path / "blank.pdf")


def test_encrypted_pdf_asks_for_a_decrypted_copy(tmp_path: Path):
    writer = pypdf.PdfWriter(clone_from=SINGLE)
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(IngestError, match=r"locked\.pdf: is an encrypted PDF that needs a password"):
        read_issue(tmp_path / "locked.pdf")


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path):
    writer = pypdf.PdfWriter(clone_from=SINGLE)
    writer.encrypt(user_password="", owner_password="owner")
    writer.write(tmp_path / "restricted.pdf")
    assert read_issue(tmp_path / "restricted.pdf").pages[0].articles[0].title == "田间地头备耕忙"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"not a PDF at all\n" * 20, "is not a readable PDF"),
        (SINGLE.read_bytes()[:3000], "is not a readable PDF"),
    ],
    ids=["empty", "not-a-pdf", "truncated"],
)
def test_damaged_and_empty_files_are_refused(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "page.pdf"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=rf"page\.pdf: {problem}"):
        read_issue(path)


def test_pdf_without_pages_is_refused(tmp_path: Path):
    pypdf.PdfWriter().write(tmp_path / "nothing.pdf")
    with pytest.raises(IngestError, match=r"nothing\.pdf: (holds no pages|is not a readable PDF)"):
        read_issue(tmp_path / "nothing.pdf")


# -- lines -----------------------------------------------------------------------------------------


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


def typeset(*pieces: tuple[str, float, float], size: float = 10.0) -> PdfPage:
    """A page of hand-set type: each piece (text, x, baseline) set solid at ``size``, one em a
    character, in the order given (a producer's drawing order)."""
    from sphinx_newspaper.ingest.pdf.chars import Char

    page = PdfPage("set.pdf", 0, 600, 800)
    for text, x, y in pieces:
        for index, char in enumerate(text):
            left = x + index * size
            page.chars.append(Char(char, left, y, size, size, left + size, font=0))
    return page


def line_texts(page: PdfPage) -> set[str]:
    return {line.text for line in read_lines(page).lines}


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


# -- blocks, roles, stories -----------------------------------------------------------------------


def test_columns_and_leading_are_measured_in_the_page_s_own_units(corpus: Path):
    layout = read_blocks(page_lines(corpus / GANSU))
    assert layout.em == pytest.approx(8.3, abs=0.05)
    assert 17 <= layout.column / layout.em <= 19.5
    assert layout.leading == pytest.approx(11.9, abs=0.1)


def test_headline_tiers_by_size(corpus: Path):
    roles = read_roles(read_blocks(page_lines(corpus / FUZHOU)))
    stack = next(s for s in roles.stacks if "不用事先购票" in s.text)
    assert stack_parts(stack) == (
        "赣闽两省102座火车站启用“铁路e卡通”刷证检票新功能",
        "不用事先购票 直接刷证进站",
        None,
    )
    two_lines = next(s for s in roles.stacks if "注意了" in s.text)
    assert stack_parts(two_lines) == (None, "注意了 这些地方新增交通探头", None)


def test_vertical_title_with_its_subtitle_and_byline(corpus: Path):
    roles = read_roles(read_blocks(page_lines(corpus / GANSU)))
    stack = next(s for s in roles.stacks if s.vertical and "金川" in s.text)
    assert stack_parts(stack) == (
        None,
        "金川警方破获一起特大传销案",
        "摧毁一个『投资西部大开发项目』犯罪团伙",
    )
    rmrb = read_roles(read_blocks(page_lines(corpus / RMRB)))
    vertical = next(s for s in rmrb.stacks if s.vertical)
    assert [line.text for line in vertical.bylines] == ["钱乘旦"]


def test_subheads_banners_and_labels_are_not_stories():
    stories = read_stories(read_roles(read_blocks(page_lines(SYNTHETIC))))
    titles = [story.stack and story.stack.text for story in stories.stories]
    assert "科技服务送到田间" not in titles
    assert any("科技服务送到田间" in sub.text for story in stories.stories for sub in story.subheads)
    furniture = [getattr(item, "text", "") for item in stories.furniture]
    assert "简讯" in furniture


def test_stand_alone_photo_caption_belongs_to_no_story(corpus: Path):
    page = read_page(corpus / GANSU)
    assert not any("辅警开展专项训练" in caption for a in page.articles for caption in a.captions)
    assert not any(figure.caption for a in page.articles for figure in a.figures)
    # the page's own picture, with its caption (tests/test_pictures.py has more)
    assert [figure.caption[:8] for figure in page.figures if figure.caption] == ["辅警开展专项训练"]


def test_advert_copy_is_furniture_not_articles(corpus: Path):
    page = read_page(corpus / FUZHOU)
    assert len(page.articles) == 5
    assert "（广告）" in page.furniture
    assert not any("直销价" in a.title or "苗七堂" in a.title for a in page.articles)


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


# -- the model ------------------------------------------------------------------------------------


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


# -- any page -----------------------------------------------------------------------------------

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
    PDF landing in the page) or is refused with an IngestError, never a traceback."""
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
        assert kept == total and missing == []


def test_names_set_out_to_three_characters_are_closed_up(corpus: Path):
    from sphinx_newspaper.ingest.headlines import tidy_names

    assert tidy_names("周 江  张济坤") == "周江 张济坤"
    assert tidy_names("胡鞍钢 张 新") == "胡鞍钢 张新"
    assert tidy_names("记者 李晖 通讯员 余建") == "记者 李晖 通讯员 余建"
    page = read_pdf(corpus / "pdf/rmrb-2018-01-p07/rmrb2018011007.pdf")[0]
    assert "周江 张济坤" in [article.byline for article in page.articles]


def test_headline_over_row_reaches_past_hanging_punctuation():
    # A centred headline over the second of two columns: the first column's top reads in its
    # story although a mark hanging at its lines' ends overlaps the next column by a third em.
    em = 7.0
    first = Block([], x0=34, x1=205, y0=1050, y1=1210, size=em)
    second = Block([], x0=204, x1=380, y0=936, y1=1210, size=em)
    headline = Stack([Block([], x0=330, x1=605, y0=1230, y1=1285, size=3 * em)], role="story")
    page = SimpleNamespace(rules=[], frames=[], pictures=[], rule_weight=1.0)
    layout = SimpleNamespace(params=P, trace=Trace(), leading=1.4 * em, lines=SimpleNamespace(page=page))
    roles = SimpleNamespace(body=[first, second], stacks=[headline], layout=layout)
    fences = _rules_but_picture_frames(page, P)
    assert _headline_over_row(first, roles, [first, second, headline], fences, em) is headline


def text_line(text: str, x0: float, baseline: float, size: float = 7.5) -> Line:
    """A line of body text at ``size`` (each character an em), standing on ``baseline``."""
    return Line(
        [],
        x0=x0,
        x1=x0 + len(text) * size,
        y0=baseline - 0.12 * size,
        y1=baseline + 0.88 * size,
        size=size,
        text=text,
        baseline=baseline,
    )


def text_block(*lines: Line) -> Block:
    block = Block([lines[0]], lines[0].x0, lines[0].x1, lines[0].y0, lines[0].y1, lines[0].size)
    for line in lines[1:]:
        block.add(line)
    return block


def test_a_closing_author_run_on_after_the_last_sentence_ends_the_story():
    # …到来。（田野）: the text under it is another story, not read on.
    assert _closed(text_block(text_line("一片欢声笑语迎接新春的到来。（田野）", 254, 384)))
    assert not _closed(text_block(text_line("据介绍，今年共有两千人参加（新华社）", 254, 384)))
    assert not _closed(text_block(text_line("节目在新春到来之际与观众见面。", 254, 384)))


def test_a_column_top_flush_with_its_next_line_continues_a_paragraph():
    # Under a 简讯 label over several columns: a column whose first line is not set in reads on
    # from the column before; one whose first line is set in starts a brief.
    em = 7.5
    flush = text_block(
        text_line("批首创性项目、突破性项目和重大项目落地", 474, 384), text_line("放的新样板。", 474, 374)
    )
    set_in = text_block(
        text_line("面对严峻的形势，珠海供电局成立", 710, 384),
        text_line("时党支部，成了解决这一难题", 695, 374),
    )
    assert _continues_paragraph(flush, em, P)
    assert not _continues_paragraph(set_in, em, P)
    # a line on its own at a column's top: flush with the text of its column under it (a
    # closing author set flush right aside), or set in from it
    alone = text_block(text_line("增长百分之十四。", 474, 384))
    closing = text_block(text_line("（徐静怡）", 544, 374))
    next_brief = text_block(
        text_line("本报讯近日，县里召开", 489, 354), text_line("会议，部署春耕工作。", 474, 344)
    )
    assert _continues_paragraph(alone, em, P, [alone, closing, next_brief])
    assert not _continues_paragraph(alone, em, P, [alone, closing])
    indented = text_block(text_line("增长百分之十四。", 489, 384))
    assert not _continues_paragraph(indented, em, P, [indented, closing, next_brief])


def test_a_closing_set_apart_belongs_to_the_text_of_its_own_column():
    # （李华 王芳） flush right at the foot of the third column shares its baseline with the
    # first column's last line: that column is not the one it closes.  Set flush right after
    # a paragraph's short last line, it closes the text whose full lines reach it.
    em = 7.5
    first = text_block(
        text_line("在舞美方面，今年的春晚独具匠心", 34, 384), text_line("硕大的灯笼下观看节目，迎", 34, 361)
    )
    third = text_block(
        text_line("批首创性项目、突破性项目和重大项目", 474, 384), text_line("放的新样板。", 474, 374)
    )
    closing = text_block(text_line("（李华王芳）", 641, 361))
    assert _left_on_row(closing, [first, third, closing], em, P) is None
    run_on = text_block(text_line("节目在新春到来之际与观众见面。", 474, 351))
    beside = text_block(text_line("（孙伟）", 651, 351))
    wide = text_block(
        text_line("今年的春晚独具匠心，将灯笼穗子抽象处理后悬挂在舞台上方", 474, 361), run_on.lines[0]
    )
    assert _left_on_row(beside, [wide, beside], em, P) is wide


def test_a_date_opening_a_story_near_the_top_is_not_the_masthead():
    # The masthead's date at the top; under the lead headline, still in the page's top band, a
    # story opens with a date (（2010年4月21日…）): the header ends under the masthead's date.
    em = 7.0
    masthead = text_line("2024年2月24日 星期六", 34, 1290, em)
    headline = text_line("环城高速年底通车", 260, 1250, 30)
    opening = text_line("（2010年4月21日中共中央政治局常委会会议审议", 34, 1225, em)
    lines = SimpleNamespace(page=SimpleNamespace(height=1320), lines=[masthead, headline, opening])
    bottom, found = _header_bottom(SimpleNamespace(lines=lines, em=em, params=P))
    assert found and headline.y1 < bottom < masthead.y0


def test_a_column_under_a_headlines_byline_is_under_its_headline():
    # A centred headline over the right of its story, its byline flush with the story's left
    # edge: the column under the byline, not under the headline, is the headline's.
    em = 7.0
    headline = Stack([text_block(text_line("文化惠民演出走进基层", 549, 1272, 19))], role="story")
    headline.add_byline(text_line("通讯员吴建国", 385, 1255, em))
    column = text_block(
        text_line("欧盟将综合考虑边境安全、难民接纳", 385, 1242, em), text_line("及其他因素", 385, 1191, em)
    )
    assert _nearest_above(column, [column, headline], em, P) is headline


def test_the_walk_along_a_row_ends_among_narrow_overlapping_blocks():
    # Two marks narrower than the overhang a column may have, each overlapping the other's end:
    # the walk to the right still ends.
    em = 7.0
    first, second = (
        Block([], x0=100, x1=103, y0=990, y1=1000, size=em),
        Block([], x0=101, x1=104, y0=990, y1=1000, size=em),
    )
    page = SimpleNamespace(rules=[], frames=[], pictures=[], rule_weight=1.0)
    roles = SimpleNamespace(
        body=[first, second],
        stacks=[],
        layout=SimpleNamespace(lines=SimpleNamespace(page=page), leading=10.0, params=P, trace=Trace()),
    )
    assert _headline_over_row(first, roles, [first, second], _rules_but_picture_frames(page, P), em) is None


def test_text_beside_two_level_headlines_belongs_to_the_one_on_its_left():
    # Text standing between two headlines of one band: a headline heads the text under it and
    # to its right; the one to its right heads its own columns (a centred headline over its
    # row is found by the row walk instead).
    em = 8.5
    column = Block([], x0=386, x1=555, y0=1031, y1=1151, size=em)
    left = Stack([Block([], x0=148, x1=260, y0=1121, y1=1153, size=2 * em)], role="story")
    right = Stack([Block([], x0=615, x1=849, y0=1111, y1=1154, size=3 * em)], role="story")
    assert _stack_beside(column, [right, left], {}, [], P) is left


def test_a_stack_wider_than_the_column_under_it_is_a_headline():
    # A small headline centred over two columns under another story's text: wider than the
    # column it stands over, so no subhead of the text above; a subhead stays within its column.
    em = 10.5
    column = Block([], x0=161, x1=273, y0=473, y1=695, size=em)
    headline = Stack([Block([], x0=144, x1=284, y0=711, y1=731, size=2 * em)])
    subhead = Stack([Block([], x0=180, x1=254, y0=711, y1=724, size=1.3 * em)])
    assert _wider_than_its_column(headline, [column], em, P)
    assert not _wider_than_its_column(subhead, [column], em, P)


def test_text_under_a_closing_run_on_starts_a_story_of_its_own():
    # Briefs without headlines across a row: the third brief starts under the second's run-on
    # closing (…纪念日”。（宋佳）) in its column, level with the second brief's first column:
    # it does not read on from that column.
    em = 7.5

    def lines(x0: float, top: float, *texts: str, indent: bool = True) -> Block:
        set_in = [2 * em if indent and i == 0 else 0.0 for i in range(len(texts))]
        return text_block(*(text_line(t, x0 + set_in[i], top - 10 * i, em) for i, t in enumerate(texts)))

    first = lines(34, 566, "在坚定制度自信的同时，我们也要清", "醒地认识到，还须完善", "进一步建设")
    closing = lines(255, 566, "更加定型的制度。”（韩冰田野）", indent=False)
    second = lines(255, 549, "中华人民共和国成立后，中央人民", "政府政务院作出决定")
    run_on = lines(476, 566, "设定为“九三抗战胜利纪念日”。（宋佳）", indent=False)
    third = lines(476, 549, "街道是城市治理的“眼”和“耳”，", "负责发现和报告问题")
    page = SimpleNamespace(
        rules=[], frames=[], panels=[], pictures=[], rule_weight=0.5 * em, width=940, height=1300
    )
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, leading=10.0, column=205.0, lines=SimpleNamespace(page=page)
    )
    body = [first, closing, second, run_on, third]
    roles = SimpleNamespace(layout=layout, body=body, stacks=[], captions=[], furniture=[], header=1200.0)
    stories = read_stories(roles).stories
    story_of = {id(block): index for index, story in enumerate(stories) for block in story.blocks}
    assert story_of[id(first)] == story_of[id(closing)]
    assert story_of[id(second)] == story_of[id(run_on)]
    assert story_of[id(third)] != story_of[id(second)]


def story_roles(body: list[Block], stacks: list[Stack], em: float, leading: float, column: float):
    """Roles of a hand-made page (no rules, frames or pictures) for the stories step."""
    page = SimpleNamespace(
        rules=[], frames=[], panels=[], pictures=[], rule_weight=0.5 * em, width=940, height=1300
    )
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, leading=leading, column=column, lines=SimpleNamespace(page=page)
    )
    return SimpleNamespace(layout=layout, body=body, stacks=stacks, captions=[], furniture=[], header=1200.0)


def set_lines(x0: float, baseline: float, *texts: str, em: float, leading: float, indent: float = 0) -> Block:
    """A block of lines at ``x0``, one ``leading`` apart, the first set in by ``indent`` ems."""
    lines = [
        text_line(text, x0 + (indent * em if index == 0 else 0), baseline - index * leading, em)
        for index, text in enumerate(texts)
    ]
    return text_block(*lines)


def test_a_vertical_headline_on_the_right_heads_the_row_of_columns_on_its_left():
    # A story under its headline across the page, its columns ending a leading over the next
    # story's: three columns of one story whose vertical headline stands on their right, level
    # with their tops.  The vertical headline heads all three (not only the column next to it);
    # the two further left are no continuation of the story above them.
    em, leading = 7.0, 10.0
    upper = [
        set_lines(x, 960, "一" * 24, "二" * 24, "三" * 24, em=em, leading=leading) for x in (34, 209, 384)
    ]
    top = Stack([Block([], x0=100, x1=500, y0=975, y1=1000, size=3 * em)])
    lower = [
        set_lines(x, 924, "四" * 25, "五" * 27, "六" * 27, em=em, leading=leading, indent=2 if x == 34 else 0)
        for x in (34, 229, 424)
    ]
    vertical = Stack([Block([], x0=620, x1=650, y0=770, y1=931, size=3 * em, vertical=True)])
    roles = story_roles([*upper, *lower], [top, vertical], em, leading, column=171.0)
    stories = read_stories(roles).stories
    by_headline = {id(story.stack): {id(block) for block in story.blocks} for story in stories}
    assert len(stories) == 2
    assert by_headline[id(vertical)] == {id(block) for block in lower}
    assert by_headline[id(top)] == {id(block) for block in upper}


def test_a_vertical_headline_heads_no_column_under_a_headline_of_its_own():
    # The row of columns level with a vertical headline ends at a column under another story's
    # headline.
    em, leading = 7.0, 10.0
    other = set_lines(34, 924, "四" * 25, "五" * 27, em=em, leading=leading, indent=2)
    other_headline = Stack([Block([], x0=40, x1=200, y0=940, y1=960, size=2.5 * em)])
    own = set_lines(229, 924, "四" * 25, "五" * 27, em=em, leading=leading, indent=2)
    vertical = Stack([Block([], x0=430, x1=460, y0=800, y1=931, size=3 * em, vertical=True)])
    roles = story_roles([other, own], [other_headline, vertical], em, leading, column=171.0)
    stories = {
        id(story.stack): [id(block) for block in story.blocks] for story in read_stories(roles).stories
    }
    assert stories[id(vertical)] == [id(own)]
    assert stories[id(other_headline)] == [id(other)]


def test_briefs_in_balanced_columns_read_on_from_the_foot_of_the_column_before():
    # Briefs without headlines set in four balanced columns.  The first brief's last word tops
    # the second column, its closing author set flush right under it; the second brief starts
    # indented at that column's foot and runs on at the top of the third, flush left, its
    # closing author under that; the fourth column starts the third brief.
    em, leading = 8.5, 11.0
    first = set_lines(34, 430, "要" * 21, *["要" * 23] * 3, em=em, leading=leading, indent=2)
    last_word = set_lines(244, 430, "验。", em=em, leading=leading)
    first_closing = set_lines(393, 419, "（周敏刘洋）", em=em, leading=leading)
    second = set_lines(261, 397, "超" * 21, em=em, leading=leading)
    second_on = set_lines(454, 430, "员" * 23, "团队，平均年龄只有35岁。", em=em, leading=leading)
    second_closing = set_lines(620, 408, "（郑海）", em=em, leading=leading)
    third = set_lines(664, 430, "咸" * 21, *["咸" * 23] * 2, em=em, leading=leading, indent=2)
    body = [first, last_word, first_closing, second, second_on, second_closing, third]
    stories = read_stories(story_roles(body, [], em, leading, column=200.0)).stories
    story_of = {id(block): index for index, story in enumerate(stories) for block in story.blocks}
    assert len(stories) == 3
    assert story_of[id(first)] == story_of[id(last_word)] == story_of[id(first_closing)]
    assert story_of[id(second)] == story_of[id(second_on)] == story_of[id(second_closing)]
    assert story_of[id(third)] not in (story_of[id(first)], story_of[id(second)])


def test_a_closing_author_topping_a_column_ends_the_brief_at_the_foot_of_the_column_before():
    # The first brief fills the first column; its closing author tops the second, flush right,
    # over the second brief.  The second brief's last line tops the third column under the
    # story standing far above it (no rule between), its closing author under that line; the
    # third brief runs on from the third column's foot to the top of the fourth.
    em, leading = 7.0, 11.0
    above = set_lines(454, 560, "熊" * 11, "全" * 13, em=em, leading=leading, indent=2)
    headline = Stack([Block([], x0=454, x1=600, y0=575, y1=595, size=2.5 * em)])
    first = set_lines(34, 467, "尽" * 27, *["尽" * 29] * 3, em=em, leading=leading, indent=2)
    first_closing = set_lines(416, 467, "（孙伟）", em=em, leading=leading)
    second = set_lines(244, 445, "可" * 27, *["可" * 29] * 2, em=em, leading=leading, indent=2)
    second_end = set_lines(454, 467, "所发展夜间健身产业等。", em=em, leading=leading)
    second_closing = set_lines(606, 456, "（王芳罗平）", em=em, leading=leading)
    third = set_lines(454, 434, "更" * 27, "更" * 29, em=em, leading=leading, indent=2)
    third_on = set_lines(664, 467, *["持" * 29] * 2, em=em, leading=leading)
    body = [above, first, first_closing, second, second_end, second_closing, third, third_on]
    stories = read_stories(story_roles(body, [headline], em, leading, column=203.0)).stories
    story_of = {id(block): index for index, story in enumerate(stories) for block in story.blocks}
    assert story_of[id(first)] == story_of[id(first_closing)]
    assert story_of[id(second)] == story_of[id(second_end)] == story_of[id(second_closing)]
    assert story_of[id(third)] == story_of[id(third_on)]
    assert len({story_of[id(block)] for block in (above, first, second, third)}) == 4


def test_a_lead_opens_the_story_of_the_headline_over_its_row_before_one_beside_it():
    # A headline centred over the second and third columns of its story (a photo the third);
    # its lead tops the first column, level with the second, beside the byline of another
    # story's headline on its left: the headline over the row heads it.
    em, leading = 10.5, 16.0
    left = Stack([Block([], x0=122, x1=285, y0=858, y1=899, size=2.4 * em)])
    left_text = [set_lines(x, 820, "缅" * 15, "甸" * 16, em=em, leading=leading) for x in (34, 210)]
    headline = Stack([Block([], x0=549, x1=739, y0=885, y1=904, size=2 * em)])
    lead = set_lines(
        387, 857, "本报讯（记者邓超）二十一", "岁" * 15, "的" * 15, em=em, leading=leading, indent=2
    )
    second = set_lines(563, 857, "补贴。", "两" * 13, "人" * 15, em=em, leading=leading)
    second.lines[1].x0 += 2 * em
    body = [*left_text, lead, second]
    stories = read_stories(story_roles(body, [left, headline], em, leading, column=163.0)).stories
    by_headline = {id(story.stack): [id(block) for block in story.blocks] for story in stories}
    assert by_headline[id(headline)] == [id(lead), id(second)]
    assert by_headline[id(left)] == [id(block) for block in left_text]


def test_a_briefs_label_fences_its_row_of_columns_off_from_the_story_above():
    # Two stories' columns end far above a briefs label (简讯) centred over a row of four
    # columns, no rule between; the briefs read on column to column under it.  The third brief's
    # indented start does not read on from the story above its column, nor does the fourth
    # column's flush top start a story for standing under that story's closing.
    em, leading = 7.0, 11.0
    headline = Stack([Block([], x0=520, x1=860, y0=330, y1=352, size=3 * em)], role="story")
    above = [
        set_lines(476, 315, "本" * 28, "报" * 30, "福" * 30, em=em, leading=leading, indent=2),
        set_lines(696, 315, "财" * 29, "政" * 29, "部门整改到位。（周敏）", em=em, leading=leading),
    ]
    label = Stack([text_block(text_line("简讯", 449, 195, 2 * em))], role="furniture")
    first = set_lines(34, 180, "新" * 27, "政" * 29, "策" * 29, em=em, leading=leading, indent=2)
    first_on = set_lines(255, 180, "州" * 29, "段时感言发展。（邓超）", em=em, leading=leading)
    second = set_lines(476, 180, "只" * 28, "有" * 30, "在" * 30, em=em, leading=leading, indent=2)
    second_on = set_lines(696, 180, "的" * 29, "因素政党。（罗平）", em=em, leading=leading)
    body = [*above, first, first_on, second, second_on]
    stories = read_stories(story_roles(body, [headline, label], em, leading, column=210.0)).stories
    story_of = {id(block): index for index, story in enumerate(stories) for block in story.blocks}
    assert story_of[id(first)] == story_of[id(first_on)]
    assert story_of[id(second)] == story_of[id(second_on)] != story_of[id(first)]
    assert story_of[id(second)] != story_of[id(above[0])]


def test_a_subhead_topping_a_column_under_a_framed_photo_stays_in_the_story():
    # A headline over a framed photo across the story's columns, the caption under the photo;
    # a subhead tops the third column, level with the text beside it.  The photo's frame parts
    # nothing and the caption is no text of a column: the subhead is the story's.
    em, leading = 8.5, 11.0
    headline = Stack([Block([], x0=308, x1=503, y0=1241, y1=1285, size=2.6 * em)])
    caption = set_lines(34, 1072, "图为施工人员在工地上作业。" + "　" * 60 + "张明摄", em=em, leading=leading)
    subhead = Stack([Block([], x0=306, x1=380, y0=1053, y1=1063, size=1.25 * em)])
    columns = [
        set_lines(34, 1054, "二" * 12, "零" * 14, "一" * 14, em=em, leading=leading, indent=2),
        set_lines(159, 1054, "森" * 14, "公" * 14, "开" * 14, em=em, leading=leading),
        set_lines(284, 1040, "始" * 12, "终" * 14, "强" * 14, em=em, leading=leading, indent=2),
    ]
    frame = (34.0, 1083.0, 777.0, 1220.0)
    roles = story_roles(columns, [headline, subhead], em, leading, column=123.0)
    roles.captions = [caption]
    page = roles.layout.lines.page
    page.frames = [frame]
    page.rules = [(34.0, 1219.0, 777.0, 1220.0), (34.0, 1083.0, 777.0, 1084.0)]
    page.pictures = [SimpleNamespace(box=(38.0, 1087.0, 772.0, 1215.0))]
    stories = read_stories(roles).stories
    assert subhead.role == "subhead"
    assert len(stories) == 1 and stories[0].stack is headline
    assert {id(block) for block in stories[0].blocks} == {id(block) for block in columns}


def test_a_column_opening_with_its_own_byline_starts_the_story_of_the_headline_over_its_row():
    # Front seed 104: a headline with its byline on the left, its text under it; on its right a
    # column opens with a byline of its own (■通讯员陈立), and a headline is centred just over
    # the row's middle columns, not over that column (a photo between, the next column lower).
    # The column starts that headline's story; it never reads on into the story beside it,
    # which has its byline already.  A paragraph whose full first line merely names a reporter
    # still reads as the story beside it.
    em, leading = 7.0, 10.0
    left = Stack([Block([], x0=82, x1=268, y0=969, y1=1001, size=2.5 * em)])
    left.bylines.append(text_line("通讯员郑海", 230, 960, em))
    left_text = [set_lines(x, 940, "分" * 19, "析" * 19, em=em, leading=leading) for x in (34, 180)]
    headline = Stack([Block([], x0=562, x1=666, y0=992, y1=1005, size=2 * em)])
    opening = set_lines(327, 977, "■通讯员陈立", "领" * 19, "导" * 19, em=em, leading=leading)
    right = set_lines(620, 950, "长" * 19, "跑" * 19, em=em, leading=leading)
    roles = story_roles([*left_text, opening, right], [left, headline], em, leading, column=136.5)
    by_headline = {
        id(story.stack): [id(block) for block in story.blocks] for story in read_stories(roles).stories
    }
    assert by_headline[id(headline)] == [id(opening), id(right)]
    assert by_headline[id(left)] == [id(block) for block in left_text]

    named = set_lines(327, 977, "新一届中央政治局常委同中外记者见面时", "领" * 19, em=em, leading=leading)
    roles = story_roles([*left_text, named, right], [left, headline], em, leading, column=136.5)
    by_headline = {
        id(story.stack): [id(block) for block in story.blocks] for story in read_stories(roles).stories
    }
    assert id(named) in by_headline[id(left)]


def test_a_photo_set_as_a_column_carries_the_row_to_its_headline():
    # A story's first column, then a framed photo as its second column, then two columns under
    # its headline, all starting on one line; the story left of it starts a little lower.  The
    # first column is the story's (the photo is a column of the row); the other story's last
    # column, not level with the row, stays with its own.
    em, leading = 7.0, 10.0
    headline = Stack([Block([], x0=575, x1=743, y0=945, y1=965, size=2.5 * em)])
    own_headline = Stack([Block([], x0=150, x1=300, y0=935, y1=955, size=2.5 * em)])
    others = [
        set_lines(160, 911, "新" * 13, "路" * 15, em=em, leading=leading, indent=2),
        set_lines(286, 911, "个" * 15, "中" * 15, em=em, leading=leading),
    ]
    first = set_lines(412, 921, "黎" * 13, "凡" * 15, em=em, leading=leading, indent=2)
    columns = [set_lines(x, 921, "一" * 15, "年" * 15, em=em, leading=leading) for x in (665, 791)]
    roles = story_roles([*others, first, *columns], [own_headline, headline], em, leading, column=115.0)
    page = roles.layout.lines.page
    page.frames = [(538.0, 795.0, 650.0, 930.0)]
    page.rules = [(538.0, 929.0, 650.0, 930.0), (538.0, 795.0, 539.0, 930.0), (649.0, 795.0, 650.0, 930.0)]
    page.pictures = [SimpleNamespace(box=(543.0, 799.0, 645.0, 926.0))]
    stories = read_stories(roles).stories
    by_headline = {id(story.stack): {id(block) for block in story.blocks} for story in stories}
    assert by_headline[id(headline)] == {id(first), *(id(block) for block in columns)}
    assert by_headline[id(own_headline)] == {id(block) for block in others}


def brief_column(headline_font: int, indent: float = 2.0, headline_size: float = 0.85):
    """A column of briefs at 10 pt: two lines of the first brief's text (its last line short),
    a brief's headline in font ``headline_font`` at ``headline_size`` ems, centred, then the next
    brief's text, its first line set in by ``indent`` ems.  Font 0 is the body's (a Song face at
    pdfium's weight 400), font 1 a bold Hei at 700, font 2 a Kai at 400."""
    em = 10.0
    page = PdfPage("briefs.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0", "ABCDEF+FZHTK--GBK1-0", "ABCDEF+FZKTK--GBK1-0"]
    page.font_weights = [400, 700, 400]

    def line(text: str, x0: float, baseline: float, font: int = 0, size: float = em) -> Line:
        made = text_line(text, x0, baseline, size)
        made.font = font
        return made

    size = headline_size * em
    title = "城区新增停车位"
    lines = [
        line("城区今年共建成公共停车场", 50, 300),
        line("十二处，缓解停车难。", 50, 285),
        line(title, 50 + (120 - len(title) * size) / 2, 268, headline_font, size),
        line("今年以来，市交通部门新", 50 + indent * em, 251),
        line("建成公共停车场十二处，", 50, 236),
        line("缓解了停车难题。", 50, 221),
    ]
    lines[0].x1 = lines[3].x1 = lines[4].x1 = 170.0
    page_lines = PageLines(page, lines, em, 0)
    layout = read_blocks(page_lines)
    return layout, title


def column_with_a_reporter_line(flowing: bool) -> list[str]:
    """The body blocks of a column of 10 pt text whose third line names 本报记者.  ``flowing``:
    the line above it fills the column mid-sentence and the named line fills it too (running
    text, 讨会并接受本报记者专访时如 / 是表示。); else the line above ends its paragraph short and
    the named line stands on its own (a byline between two stories)."""
    em = 10.0
    page = PdfPage("flow.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0"]
    page.font_weights = [400]
    first = "“中国成功的秘诀在于坚持”日"
    if flowing:
        texts = [first, "前他出席国际研讨会时说，研", "讨会并接受本报记者专访时如", "是表示。"]
    else:
        texts = [first, "前他出席国际研讨会时说。", "本报记者王芳", "城区今年共建成公共停车场"]
    lines = [text_line(text, 50, 300 - 15 * index, em) for index, text in enumerate(texts)]
    for line in lines:
        line.font = 0
    lines[0].x1 = lines[1].x1 = 180.0
    if flowing:
        lines[2].x1 = 180.0
    layout = read_blocks(PageLines(page, lines, em, 0))
    return [block.text for block in read_roles(layout).body]


def test_a_reporter_named_inside_a_paragraph_s_flow_is_running_text_not_a_byline():
    # 记者 in a line that carries on a sentence from the full line above it, itself filling the
    # column: text of the paragraph, which must not be cut into a story of its own.
    assert len(column_with_a_reporter_line(flowing=True)) == 1
    # a short line of names under a paragraph's last line still opens the next story
    assert len(column_with_a_reporter_line(flowing=False)) == 2


def column_with_a_dateline(first: str, dateline: str) -> list[str]:
    """The body blocks of one column of 10 pt text: a paragraph opening with ``first`` that
    ends short, then a paragraph set in, opening with ``dateline``."""
    em = 10.0
    page = PdfPage("dateline.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0"]
    page.font_weights = [400]
    texts = [first, "发展的强劲脉动，敬请关注。", dateline, "家主席习近平致贺信祝贺。"]
    lines = [text_line(text, 50, 300 - 15 * index, em) for index, text in enumerate(texts)]
    lines[2].x0 += 2 * em
    for line in lines:
        line.font = 0
        line.x1 = 180.0 if line is not lines[1] else line.x1
    layout = read_blocks(PageLines(page, lines, em, 0))
    return [block.text for block in read_roles(layout).body]


@pytest.mark.parametrize(
    ("first", "dateline", "stories", "why"),
    [
        ("捕捉温暖人心的动人镜头感受", "新华社北京1月日电国", 1, "a roundup's dateline in a story's flow"),
        (
            "本报讯近日温暖人心的镜头感受",
            "新华社北京1月日电国",
            2,
            "a brief after a brief that has its own lead",
        ),
        ("捕捉温暖人心的动人镜头感受", "本报讯近日城区新建", 2, "the paper's own lead always opens a story"),
    ],
)
def test_an_agency_dateline_in_a_story_s_flow_stays_in_the_story(
    first: str, dateline: str, stories: int, why: str
):
    # 新华社北京…电 opening a paragraph in the middle of a column, under text that opened with no
    # lead of its own (no headline stands between): a part of a roundup, not a story of its own.
    assert len(column_with_a_dateline(first, dateline)) == stories, why


def test_a_bold_headline_at_about_the_body_size_heads_a_brief():
    # A brief's headline set in a bold Hei no larger than the body (as large as fits the
    # column), standing alone on its line, a paragraph set in under it: a headline, cut out of
    # the text it was read into, not furniture for being small.
    layout, title = brief_column(headline_font=1)
    roles = read_roles(layout)
    assert [stack.text for stack in roles.stacks] == [title]
    assert all(title not in block.text for block in roles.body + roles.furniture)


@pytest.mark.parametrize(
    ("font", "indent", "why"),
    [
        (0, 2.0, "the body's own face"),
        (2, 2.0, "another face, no heavier"),
        (1, 0.0, "text under it runs on"),
    ],
)
def test_a_line_at_the_body_size_is_no_headline_without_its_signs(font: int, indent: float, why: str):
    layout, title = brief_column(headline_font=font, indent=indent)
    roles = read_roles(layout)
    assert not [stack for stack in roles.stacks if stack.text == title], why


def test_heavier_face_by_pdfium_s_weight_or_by_name():
    page = PdfPage("faces.pdf", 0, 300.0, 400.0)
    page.fonts = [
        "A+NotoSerifCJK-Regular",
        "B+NotoSansCJK-Bold",
        "C+FZHTK--GBK1-0",
        "D+FZLTXIHK--GBK1-0",
        "E+SimHei",
    ]
    page.font_weights = [400, 700, 400, 400, 400]
    assert heavier_face(page, 1, 0)  # pdfium says 700 against 400
    assert heavier_face(page, 2, 0)  # 黑体 by its font code
    assert heavier_face(page, 4, 0)
    assert not heavier_face(page, 3, 0)  # 细黑: a light Hei
    assert not heavier_face(page, 0, 0)
    page.font_weights = [-1] * 5
    assert not heavier_face(page, 2, 4)  # the body itself set in a Hei: nothing is heavier


def test_a_headline_beside_text_does_not_reach_past_another_story_s_columns():
    # The last column of a story whose headline stands over its columns, a little higher than
    # a headline further left on the page whose bottom dips into that column's band: the
    # columns between stand under their own headline, so the one on the left heads none of it.
    em = 10.5
    far_left = Stack([Block([], x0=136, x1=355, y0=470, y1=509, size=2 * em)], role="story")
    own = Stack([Block([], x0=606, x1=773, y0=495, y1=516, size=2 * em)], role="story")
    between = [Block([], x0=x, x1=x + 90, y0=340, y1=487, size=em) for x in (473, 589, 700)]
    column = Block([], x0=811, x1=909, y0=345, y1=487, size=em)
    assert _stack_beside(column, [far_left, own], {}, [*between, column], P) is None
    # with nothing headed between them, a headline heads the text to its right
    assert _stack_beside(column, [far_left], {}, [column], P) is far_left


def test_a_subhead_opening_a_column_under_the_page_header_reads_in_the_story_across():
    # A story reading across the page under its headline (over the third and fourth columns
    # only); the second column opens with a subhead, level with the text beside it, and the
    # rule under the page header stands over it.  The subhead is the story's, not a headline
    # of the text under it, and the first column reads on across the subhead to the headline.
    em, leading = 10.0, 15.0

    def column(x0: float, top: float) -> Block:
        texts = ["党组主要负责人履行第一", "责任人职责，认真落实各项", "工作部署，推动任务落地。"]
        return text_block(
            *(
                text_line(t, x0 + (2 * em if i == 0 else 0), top - 8.8 - leading * i, em)
                for i, t in enumerate(texts)
            )
        )

    first, second, third = column(34, 1214), column(175, 1182), column(316, 1214)
    headline = Stack([Block([], x0=292, x1=643, y0=1239, y1=1283, size=4 * em)])
    subhead = Stack([Block([], x0=207, x1=294, y0=1203, y1=1215, size=1.25 * em)])
    date = text_block(text_line("2023年5月13日 星期六", 34, 1308, 1.1 * em))
    page = SimpleNamespace(
        rules=[(34.0, 1300.0, 909.0, 1300.5)],
        frames=[],
        panels=[],
        pictures=[],
        rule_weight=0.5 * em,
        width=940,
        height=1330,
    )
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, leading=leading, column=140.0, lines=SimpleNamespace(page=page)
    )
    roles = SimpleNamespace(
        layout=layout,
        body=[first, second, third],
        stacks=[headline, subhead],
        captions=[],
        furniture=[date],
        header=1296.0,
    )
    stories = read_stories(roles).stories
    assert subhead.role == "subhead"
    assert len(stories) == 1 and stories[0].stack is headline
    assert stories[0].subheads == [subhead]
    assert {id(block) for block in stories[0].blocks} == {id(first), id(second), id(third)}


def test_a_byline_level_with_another_headline_s_byline_goes_to_the_next_headline():
    # Two stories side by side, each with its byline flush with its text's left edge under a
    # centred headline; the second byline stands about as far from either headline.  The first
    # headline has its byline on that row already: a story has one, so the second is the
    # second headline's.
    em = 7.0
    left = Stack([Block([], x0=137, x1=272, y0=1269, y1=1286, size=2.4 * em)])
    right = Stack([Block([], x0=549, x1=738, y0=1269, y1=1288, size=2.7 * em)])
    first = text_block(text_line("本报记者王芳", 34, 1258, em))
    second = text_block(text_line("通讯员吴建国", 385, 1258, em))
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=165.0,
        leading=10.0,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    left_over = _take_bylines([left, right], [first, second], [], [], layout)
    assert left_over == []
    assert [line.text for line in left.bylines] == ["本报记者王芳"]
    assert [line.text for line in right.bylines] == ["通讯员吴建国"]


def test_a_byline_over_the_text_runs_on_to_its_second_line():
    # ■记者 欧阳晨 实习 / 生 杨光 over a column in a sans face, the text set in under it: the
    # byline's second line is the byline's, not the text's first words.
    em = 10.5

    def line(text: str, x0: float, baseline: float, font: int) -> Line:
        made = text_line(text, x0, baseline, em)
        made.font = font
        return made

    byline = line("■记者欧阳晨实习", 34, 640, font=1)
    run_on = line("生杨光", 34, 625, font=1)
    text = line("其中，事业单位新", 55, 610, font=0)
    assert _byline_runs_on([byline, run_on, text], em, P)
    # the text itself in the byline's face: its first line is no byline
    assert not _byline_runs_on([byline, line("其中，事业单位新", 34, 625, font=1), text], em, P)
    # a second line in the text's face is the text
    assert not _byline_runs_on([byline, line("生杨光", 34, 625, font=0), text], em, P)


def test_a_byline_taken_by_the_nearest_headline_first():
    # 本报记者何静通讯员李华 flush left under a headline it touches, and 通讯员张明 further
    # right, nearer that headline than the next one (centred over its story to the right): the
    # nearest byline is placed first, so the first headline's row is taken and the second
    # byline goes to the second headline, whatever order the lines come in.
    em = 8.5
    first = Stack([Block([], x0=120, x1=226, y0=1245, y1=1290, size=2.4 * em)])
    second = Stack([Block([], x0=545, x1=685, y0=1249, y1=1288, size=2.4 * em)])
    far = text_block(text_line("通讯员张明", 329, 1237.5, em))
    near = text_block(text_line("本报记者何静通讯员李华", 34, 1233.5, em))
    columns = [Block([], x0=x, x1=x + 137, y0=1100, y1=1228, size=em) for x in (329, 476, 623)]
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=137.0,
        leading=11.0,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    assert _take_bylines([first, second], [far, near], columns, [], layout) == []
    assert [line.text for line in first.bylines] == ["本报记者何静通讯员李华"]
    assert [line.text for line in second.bylines] == ["通讯员张明"]


def test_a_byline_beside_a_headline_stands_over_the_row_under_it_or_under_the_headline():
    # 文/图孙伟 flush right under a lead story's headline, just left of a brief's headline in
    # the next column: off to the brief's side and outside the column under it, so not its.
    em = 8.5
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=120.0,
        leading=11.0,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    brief = Stack([Block([], x0=788, x1=899, y0=1241, y1=1253, size=1.45 * em)])
    credit = text_block(text_line("文/图孙伟", 739, 1230, em))
    brief_text = Block([], x0=785, x1=908, y0=1195, y1=1237, size=em)
    assert not _under_beside(brief, credit, [brief_text], [brief_text], layout)
    # a byline partly under its headline, over a photo beside the story's text, is its
    headline = Stack([Block([], x0=678, x1=842, y0=1269, y1=1289, size=2.4 * em)])
    byline = text_block(text_line("■本报记者黄晓燕通讯员张明", 619, 1254, em))
    column = Block([], x0=765, x1=901, y0=1150, y1=1240, size=em)
    assert _under_beside(headline, byline, [column], [column], layout)


def test_a_caption_framed_with_one_story_s_text_is_that_story_s():
    # A framed story with its photo at the frame's right end, the caption under the photo,
    # the next story's text just outside the frame: the frame says whose caption it is.
    em = 7.0
    framed = Story(None, blocks=[Block([], x0=x, x1=x + 97, y0=554, y1=616, size=em) for x in (38, 149, 259)])
    beside = Story(
        None, blocks=[Block([], x0=x, x1=x + 97, y0=597, y1=637, size=em) for x in (475, 585, 695)]
    )
    caption = text_block(
        text_line("图为读者在新馆试读。", 369, 532, em), text_line("记者林涛摄", 369, 523, em)
    )
    page = SimpleNamespace(
        frames=[(30.0, 500.0, 470.0, 680.0), (369.0, 545.0, 465.0, 620.0)], pictures=[], rules=[], panels=[]
    )
    elements = [*framed.blocks, *beside.blocks, caption]
    assert _caption_story(caption, [framed, beside], elements, page, em, P) is framed


def test_a_credit_flush_with_the_photo_under_a_headline_is_its_byline():
    # 文/图孙伟 flush right under a headline over a photo as wide as the story: within the
    # photo's span, so the headline's, though further off than a column.
    em = 8.5
    headline = Stack([Block([], x0=308, x1=503, y0=1241, y1=1285, size=3 * em)])
    credit = text_block(text_line("文/图孙伟", 739, 1230, em))
    photo = SimpleNamespace(box=(34.0, 1085.0, 776.0, 1226.0))
    page = SimpleNamespace(pictures=[photo])
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, column=120.0, leading=11.0, lines=SimpleNamespace(page=page)
    )
    assert _under_beside(headline, credit, [], [], layout)
    page.pictures = []
    assert not _under_beside(headline, credit, [], [], layout)


def test_a_subhead_under_a_photo_s_caption_is_the_story_s():
    # A lead story's photo over its columns, the caption across it, a subhead opening the
    # middle column right under the caption: what stands over the photo (the headline) says
    # it is a subhead, not a headline of its own; the photo frame's edges end no column.
    em, leading = 9.0, 13.0
    headline = Stack([Block([], x0=300, x1=635, y0=1206, y1=1284, size=3.5 * em)])
    caption = text_block(text_line("图为施工人员在工地上作业。", 34, 1062, em))
    caption.x1 = 901.0  # the photographer's credit at the row's right end
    subhead = Stack([Block([], x0=434, x1=501, y0=1042, y1=1053, size=1.25 * em)])
    columns = [
        text_block(*(text_line("工作部署推动任务落地见效", x, top - leading * i, em) for i in range(4)))
        for x, top in ((34, 1042), (387, 1027), (563, 1042))
    ]
    frame = (34.0, 1075.0, 901.0, 1200.0)  # the photo's frame: its edges are rules
    edges = [(34.0, 1075.0, 901.0, 1075.4), (34.0, 1199.6, 901.0, 1200.0)]
    page = SimpleNamespace(
        rules=edges, frames=[frame], panels=[], pictures=[], rule_weight=0.5 * em, width=940, height=1330
    )
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, leading=leading, column=162.0, lines=SimpleNamespace(page=page)
    )
    roles = SimpleNamespace(
        layout=layout,
        body=columns,
        stacks=[headline, subhead],
        captions=[caption],
        furniture=[],
        header=1300.0,
    )
    read_stories(roles)
    assert subhead.role == "subhead"


def test_a_byline_over_the_last_column_of_a_row_under_a_centred_headline_is_its():
    # 罗平 flush right over the last of six columns under a headline centred over the middle
    # two; marks hanging at the columns' line ends make neighbouring columns overlap by a
    # fraction of an em.  The row under the headline still chains across them to the last
    # column, so the byline is the headline's (not a story of its own with that column).
    em = 7.0
    headline = Stack([Block([], x0=365, x1=571, y0=1259, y1=1288, size=4 * em)])
    byline = text_block(text_line("罗平", 887, 1250.6, em))
    spans = ((34, 178), (176, 324), (325, 470), (471, 615), (613, 761), (762, 907))
    columns = [Block([], x0=x0, x1=x1, y0=800, y1=1241, size=em) for x0, x1 in spans]
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=143.5,
        leading=9.8,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    assert _take_bylines([headline], [byline], columns, [], layout) == []
    assert [line.text for line in headline.bylines] == ["罗平"]


def test_a_caption_under_a_photo_set_as_a_column_beside_a_story_s_text_is_that_story_s():
    # A story's three columns under its headline, a framed photo as the fourth column of its
    # row (its top level with theirs, no headline over it), the caption under the photo; the
    # next story starts about level with the photo a gutter on, in a frame of its own (with
    # its own photo).  The caption is the first story's; the frame fences the other off.
    em = 10.0
    own = Story(None, blocks=[Block([], x0=x, x1=x + 95, y0=869, y1=1001, size=em) for x in (34, 145, 253)])
    framed = Story(None, blocks=[Block([], x0=x, x1=x + 95, y0=890, y1=992, size=em) for x in (481, 700)])
    caption = text_block(text_line("图为施工人员", 366, 845, em), text_line("记者周敏摄", 366, 830, em))
    photo_frame, story_frame = (366.0, 859.0, 459.0, 999.0), (476.0, 821.0, 902.0, 1045.0)

    def edges(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float, float, float]]:
        return [
            (x0, y0, x1, y0 + 0.5),
            (x0, y1 - 0.5, x1, y1),
            (x0, y0, x0 + 0.5, y1),
            (x1 - 0.5, y0, x1, y1),
        ]

    page = SimpleNamespace(
        frames=[photo_frame, story_frame],
        pictures=[
            SimpleNamespace(box=(370.0, 864.0, 454.0, 994.0)),
            SimpleNamespace(box=(590.0, 826.0, 680.0, 932.0)),
        ],
        rules=[*edges(*photo_frame), *edges(*story_frame)],
        panels=[],
        rule_weight=0.5,
    )
    elements = [*own.blocks, *framed.blocks, caption]
    assert _caption_story(caption, [own, framed], elements, page, em, P) is own
    # without the frame round the other story, its column stands nearer the photo than the
    # first story's last column: the nearer is the caption's
    page.frames = [photo_frame]
    page.rules = edges(*photo_frame)
    framed.blocks[0].x0, framed.blocks[0].x1 = 470.0, 565.0
    assert _caption_story(caption, [own, framed], elements, page, em, P) is framed


def test_a_caption_broken_at_a_column_s_foot_runs_on_at_the_top_of_the_next_column():
    # A framed photo at the foot of a story's column, its caption under it in a Kai face; the
    # caption's last words and its credit top the next column (叶。 欧阳晨摄, the credit a piece
    # of its own on the row), over that column's text.  The first piece is a caption (not the
    # text of a story), and the pieces read as one caption, standing under the photo.
    em = 10.0

    def kai(text: str, x0: float, baseline: float) -> Block:
        line = text_line(text, x0, baseline, em)
        line.font = 3
        return text_block(line)

    column = set_lines(285, 673, "党" * 11, "中" * 11, "央" * 11, em=em, leading=15.2, indent=2)
    broken = kai("图为农户展示刚采摘的茶", 411, 563)
    last_words, credit = kai("叶。", 536, 673), kai("欧阳晨摄", 610, 673)
    next_column = set_lines(536, 653, "定" * 11, "民" * 11, "外" * 11, em=em, leading=15.2, indent=2)
    photo = SimpleNamespace(box=(415.0, 581.0, 521.0, 679.0))
    captions = _captions([column, broken, last_words, credit, next_column], 0, em, 120.0, [photo], P)[0]
    assert [caption.text for caption in captions] == ["叶。欧阳晨摄", "图为农户展示刚采摘的茶"]
    end = captions[0]
    assert caption_run_ons(captions, [column, next_column], [photo], em) == {id(broken): end}
    # not where text stands right under the caption, where no picture stands over it, or
    # where the piece topping the next column stands under a picture of its own
    under = set_lines(411, 548, "西" * 11, em=em, leading=15.2)
    assert caption_run_ons(captions, [column, next_column, under], [photo], em) == {}
    assert caption_run_ons(captions, [column, next_column], [], em) == {}
    other = SimpleNamespace(box=(536.0, 690.0, 650.0, 760.0))
    assert caption_run_ons(captions, [column, next_column], [photo, other], em) == {}
    assert [c.text for c in _captions([column, broken, next_column], 0, em, 120.0, [photo], P)[0]] == []

    headline = Stack([Block([], x0=300, x1=640, y0=700, y1=730, size=3 * em)])
    roles = story_roles([column, next_column], [headline], em, 15.2, column=120.0)
    roles.captions = captions
    page = roles.layout.lines.page
    page.pictures = [photo]
    page.frames = [(410.0, 577.0, 525.0, 683.0)]
    stories = read_stories(roles)
    (story,) = stories.stories
    assert [caption.text for caption in story.captions] == ["图为农户展示刚采摘的茶叶。欧阳晨摄"]
    assert (story.captions[0].x0, story.captions[0].y1) == (broken.x0, broken.y1)
    assert stories.loose_captions == []


def test_text_under_a_rule_does_not_read_on_past_a_photo_s_caption_above_it():
    # A story's photo with its caption at the foot of the story's row, then a rule across the
    # page, then a brief with no headline: the brief is a story of its own, not text of the
    # story over the photo (text under a caption reads on past it only with no rule between).
    em, leading = 9.0, 12.8
    headline = Stack([Block([], x0=98, x1=332, y0=710, y1=753, size=3 * em)])
    text = set_lines(34, 681, "习" * 12, "牢" * 12, "关" * 12, em=em, leading=leading, indent=2)
    caption = text_block(
        text_line("社区工作人员上门走访独居", 160, 588, em), text_line("老人。", 160, 575, em)
    )
    brief = set_lines(34, 405, "创" * 20, "容" * 12, em=em, leading=leading, indent=2)
    roles = story_roles([text, brief], [headline], em, leading, column=110.0)
    roles.captions = [caption]
    page = roles.layout.lines.page
    page.pictures = [SimpleNamespace(box=(160.0, 604.0, 270.0, 704.0))]
    page.rules = [(33.0, 447.0, 902.0, 448.0)]
    stories = read_stories(roles).stories
    story_of = {id(block): story for story in stories for block in story.blocks}
    assert story_of[id(brief)] is not story_of[id(text)]
    assert story_of[id(text)].stack is headline


def test_a_subhead_s_deck_may_be_longer_than_the_subhead():
    # 答好民生卷 over its deck 金融帮扶鼓起钱袋子 (in another face, centred under it, nine
    # characters at the body size against five at 1.25 ems): the deck, not a line of text.
    em = 7.0
    subhead = Stack([Block([], x0=95, x1=139, y0=1036, y1=1045, size=1.25 * em)])
    deck_line = text_line("金融帮扶鼓起钱袋子", 84, 1028.4, 1.05 * em)
    deck_line.font = 1
    deck = text_block(deck_line)
    text = set_lines(34, 1016, "都" * 24, "步" * 24, em=em, leading=9.6, indent=2)
    assert _take_decks([subhead], [deck, text], 0, em, 171.0, P) == [text]
    assert subhead.deck is deck
    # a line as wide as the column is no deck
    subhead.deck = None
    wide = text_block(text_line("都安县表示将强化督查规范资金管理进一步完善考核", 34, 1028.4, em))
    wide.lines[0].font = 1
    assert _take_decks([subhead], [wide, text], 0, em, 171.0, P) == [wide, text]


def test_a_column_label_takes_no_byline():
    # 文/图邓超 at the right end of the row under a lead story's headline, nearer the 简讯 label
    # over the next column than the headline: a label heads a column of briefs, it has no
    # byline; the byline is the headline's (over the row of its story's columns).
    em = 10.0
    headline = Stack([Block([], x0=178, x1=632, y0=1237, y1=1282, size=4 * em)])
    label = Stack(
        [Block([text_line("简讯", 828, 1242, 1.6 * em)], x0=828, x1=860, y0=1240, y1=1256, size=1.6 * em)]
    )
    byline = text_block(text_line("文/图邓超", 732, 1225.5, em))
    columns = [Block([], x0=x, x1=x + 114, y0=1111, y1=1213, size=em) for x in (34, 160, 285, 410, 536, 662)]
    briefs = Block([], x0=787, x1=901, y0=1110, y1=1211, size=em)
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=120.0,
        leading=15.2,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    assert _take_bylines([headline, label], [byline], [*columns, briefs], [], layout) == []
    assert [line.text for line in headline.bylines] == ["文/图邓超"]
    assert label.bylines == []


def test_the_rest_of_a_closing_note_broken_over_lines_stays_with_its_story():
    # An essay's author note at the foot of its column, （作者为…本报记者范 / 昊天整理。）: its
    # last line, set flush right, is a block of its own, lower than the closing line that ends
    # the column beside it.  It finishes the note (its bracket is still open), so it reads on
    # in its story, though that story has been closed, not as a story of its own.
    em, leading = 10.5, 15.4
    headline = Stack([Block([], x0=40, x1=370, y0=900, y1=930, size=3 * em)])
    essay = set_lines(34, 870, "更" * 16, "为" * 16, "的制度基础上。", em=em, leading=leading, indent=2)
    essay.add(text_line("（作者为湖北省博物馆馆长本报记者范", 31, 870 - 3 * leading, em))
    rest = text_block(text_line("昊天整理。", 153, 870 - 4 * leading, em))
    beside = set_lines(210, 870, "起" * 16, "桥" * 16, "方向。", em=em, leading=leading)
    closing = text_block(text_line("（作者为省委党校副教授）", 240, 870 - 3.8 * leading, em))
    body = [essay, rest, beside, closing]
    stories = read_stories(story_roles(body, [headline], em, leading, column=165.0)).stories
    assert len(stories) == 1 and stories[0].stack is headline
    assert {id(block) for block in stories[0].blocks} == {id(block) for block in body}


def test_a_story_closed_in_a_later_column_still_reads_on_in_an_earlier_one():
    # An essay over two columns: the second ends with its author note, set higher than the
    # first column's foot, where a subhead and the first line of its paragraph stand.  The
    # note is read first (it stands higher), but it closes the story in the column on the
    # right: the subhead and its line, reading on in the column on the left, are the essay's.
    em, leading = 9.0, 13.7
    headline = Stack([Block([], x0=100, x1=300, y0=1100, y1=1130, size=3 * em)])
    first = set_lines(34, 1070, *["一" * 14] * 15, "医疗行为合理化。", em=em, leading=leading, indent=2)
    subhead = Stack([Block([], x0=61, x1=139, y0=first.y0 - 18, y1=first.y0 - 6, size=1.3 * em)])
    line = text_block(text_line("深圳潜行创新科技有限公司", 54, first.y0 - 33, em))
    second = set_lines(200, 1070, *["二" * 14] * 14, "大力度“铁腕反恐”。", em=em, leading=leading)
    note = text_block(text_line("（作者为中国社会科学院研究员）", 204, second.y0 - leading + 2, em))
    assert note.y1 > subhead.y1  # the note is read first
    roles = story_roles([first, line, second, note], [headline, subhead], em, leading, column=140.0)
    stories = read_stories(roles).stories
    assert len(stories) == 1
    assert stories[0].subheads == [subhead]
    assert {id(block) for block in stories[0].blocks} == {id(first), id(line), id(second), id(note)}


def test_a_closing_run_on_may_name_two_authors_without_a_space():
    # …至3.2%。（张明曹雪芹）: two names set close up after the brief's last sentence end it,
    # as they would on a line of their own; a bracket that names a picture does not.
    assert _closed(
        text_block(text_line("2020年的经济增速预计达到2.8%，2021年升至3.2%。（张明曹雪芹）", 474, 131))
    )
    assert _closed(text_block(text_line("一片欢声笑语迎接新春的到来。（徐静怡周敏）", 254, 384)))
    assert not _closed(text_block(text_line("节目在新春到来之际与观众见面。（图片由受访者提供）", 254, 384)))
    assert not _closed(text_block(text_line("据介绍，今年共有两千人参加（张明曹雪芹）", 254, 384)))


def test_a_brief_starts_inside_a_block_after_a_closing_author_run_on():
    # Briefs with no headlines one under another: …开展监察工作。（陈立） ends a brief, and the
    # paragraph set in under it (12年来，…) starts the next, though the lines are one block.
    em, leading = 9.5, 13.1
    block = set_lines(473, 406.6, "会领导下开展监察工作。（陈立）", em=em, leading=leading)
    block.add(text_line("12年来，每当贾其煜站在一望无际的梭", 473 + 2 * em, 406.6 - leading, em))
    block.add(text_line("中，他总会想起决定回家乡创业的那个下", 473, 406.6 - 2 * leading, em))
    pieces = _split_stories(block, P)
    assert [len(piece.lines) for piece in pieces] == [1, 2]
    # a line flush with the column under it goes on (no paragraph starts there)
    flush = set_lines(
        473,
        406.6,
        "会领导下开展监察工作。（陈立）",
        "中，他总会想起决定回家乡创业的那个下",
        em=em,
        leading=leading,
    )
    assert len(_split_stories(flush, P)) == 1


def test_only_text_right_under_a_photo_s_caption_reads_on_past_it():
    # A story's photo with its caption at the foot of its column; a row of briefs starts four
    # leadings further down under a 快讯 label's box (no rule across the page): the brief is a
    # story of its own.  Text right under the caption reads on past it into the story.
    em, leading = 9.5, 12.5
    headline = Stack([Block([], x0=98, x1=332, y0=690, y1=733, size=3 * em)])
    caption = text_block(text_line("图为农户展示刚采摘的茶叶。", 181, 533, em))
    photo = SimpleNamespace(box=(181.0, 549.0, 315.0, 677.0))

    def headlines_read(top: float) -> list[Stack | None]:
        brief = set_lines(34, top, "近" * 20, "研" * 18, em=em, leading=leading, indent=2)
        roles = story_roles([brief], [headline], em, leading, column=200.0)
        roles.captions = [caption]
        roles.layout.lines.page.pictures = [photo]
        return [story.stack for story in read_stories(roles).stories]

    assert headlines_read(473.4) == [None]
    assert headlines_read(533 - leading) == [headline]


def test_the_row_under_a_headline_reads_a_column_topped_by_a_paragraph_s_last_line_at_full_width():
    # 文/图邓超 flush right under a lead story's headline, over the row's last column; the
    # column before it is topped by a paragraph's last line (才引进十条措施》。) set short of
    # its right edge.  The row still chains on across that column at its full width, so the
    # byline stands over the row and is the headline's.
    em = 10.0
    headline = Stack([Block([], x0=178, x1=632, y0=1237, y1=1282, size=4 * em)])
    byline = text_block(text_line("文/图邓超", 732, 1225.5, em))
    columns = [Block([], x0=x, x1=x + 120, y0=1111, y1=1213, size=em) for x in (34, 160, 285, 405)]
    short_top = Block([], x0=536, x1=621, y0=1203, y1=1213, size=em)
    under_it = Block([], x0=536, x1=658, y0=1105, y1=1175, size=em)
    last = Block([], x0=662, x1=784, y0=1123, y1=1194, size=em)
    body = [*columns, short_top, under_it, last]
    layout = SimpleNamespace(
        params=P,
        trace=Trace(),
        em=em,
        column=120.0,
        leading=15.2,
        lines=SimpleNamespace(page=SimpleNamespace(pictures=[])),
    )
    assert _take_bylines([headline], [byline], body, [], layout) == []
    assert [line.text for line in headline.bylines] == ["文/图邓超"]
