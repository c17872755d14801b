"""The PDF route's roles step (ingest/pdf/roles.py): what each block is (body, headline stacks and their tiers, bylines, decks, captions, furniture), on corpus pages and small hand-set pages.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pdf_handset import (
    FUZHOU,
    GANSU,
    RMRB,
    brief_column,
    column_with_a_dateline,
    column_with_a_reporter_line,
    page_lines,
    set_lines,
    text_block,
    text_line,
)

from sphinx_newspaper.ingest.pdf.chars import PdfPage
from sphinx_newspaper.ingest.pdf.layout import Block, read_blocks
from sphinx_newspaper.ingest.pdf.lines import Line
from sphinx_newspaper.ingest.pdf.page import _byline_runs_on, stack_parts
from sphinx_newspaper.ingest.pdf.params import DEFAULT as P
from sphinx_newspaper.ingest.pdf.roles import (
    Stack,
    _header_bottom,
    _split_stories,
    _take_bylines,
    _take_decks,
    _under_beside,
    heavier_face,
    read_roles,
)
from sphinx_newspaper.ingest.pdf.trace import Trace


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


def test_a_reporter_named_inside_a_paragraph_s_flow_is_running_text_not_a_byline():
    # 记者 in a line that carries on a sentence from the full line above it, itself filling the
    # column: text of the paragraph, which must not be cut into a story of its own.
    assert len(column_with_a_reporter_line(flowing=True)) == 1
    # a short line of names under a paragraph's last line still opens the next story
    assert len(column_with_a_reporter_line(flowing=False)) == 2


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
