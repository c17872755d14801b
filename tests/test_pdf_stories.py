"""The PDF route's stories step (ingest/pdf/stories.py): which story each block belongs to and the order a reader takes them in, on corpus pages and small hand-set pages.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pdf_handset import (
    FUZHOU,
    SYNTHETIC,
    page_lines,
    set_lines,
    story_roles,
    text_block,
    text_line,
)

from sphinx_newspaper.ingest import read_page
from sphinx_newspaper.ingest.pdf.layout import Block, read_blocks
from sphinx_newspaper.ingest.pdf.params import DEFAULT as P
from sphinx_newspaper.ingest.pdf.roles import (
    Stack,
    _captions,
    caption_run_ons,
    read_roles,
)
from sphinx_newspaper.ingest.pdf.stories import (
    Story,
    _caption_story,
    _closed,
    _continues_paragraph,
    _headline_over_row,
    _left_on_row,
    _rules_but_picture_frames,
    _stack_beside,
    read_stories,
)
from sphinx_newspaper.ingest.pdf.trace import Trace


def test_subheads_banners_and_labels_are_not_stories():
    stories = read_stories(read_roles(read_blocks(page_lines(SYNTHETIC))))
    titles = [story.stack and story.stack.text for story in stories.stories]
    assert "科技服务送到田间" not in titles
    assert any("科技服务送到田间" in sub.text for story in stories.stories for sub in story.subheads)
    furniture = [getattr(item, "text", "") for item in stories.furniture]
    assert "简讯" in furniture


def test_advert_copy_is_furniture_not_articles(corpus: Path):
    page = read_page(corpus / FUZHOU)
    assert len(page.articles) == 5
    assert "（广告）" in page.furniture
    assert not any("直销价" in a.title or "苗七堂" in a.title for a in page.articles)


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


def test_a_column_under_a_headlines_byline_is_under_its_headline():
    # A centred headline over the right of its story, its byline flush with the story's left
    # edge: the column under the byline, not under the headline, is the headline's.
    em = 7.0
    headline = Stack([text_block(text_line("文化惠民演出走进基层", 549, 1272, 19))], role="story")
    headline.add_byline(text_line("通讯员吴建国", 385, 1255, em))
    column = text_block(
        text_line("欧盟将综合考虑边境安全、难民接纳", 385, 1242, em), text_line("及其他因素", 385, 1232, em)
    )
    roles = story_roles([column], [headline], em, leading=10.0, column=120.0)
    stories = read_stories(roles).stories
    assert [(story.stack, story.blocks) for story in stories] == [(headline, [column])]
    assert roles.layout.trace.rule(headline).rule == "story-headline-bylined"
    assert roles.layout.trace.rule(column).rule == "under-its-headline"


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
    em, leading = 10.5, 14.0
    headline = Stack([Block([], x0=144, x1=284, y0=711, y1=731, size=2 * em)])
    subhead = Stack([Block([], x0=180, x1=254, y0=711, y1=724, size=1.3 * em)])
    for stack, role, rule in (
        (headline, "story", "story-headline-wider-than-its-column"),
        (subhead, "subhead", "subhead-in-running-text"),
    ):
        above = set_lines(161, 759, "另一篇报道的正文在这", "继续排到栏底为止。", em=em, leading=leading)
        column = set_lines(
            161, 695, "标题下面的正文内容", "一直向下排到栏底。", em=em, leading=leading, indent=1
        )
        roles = story_roles([above, column], [stack], em, leading, column=112.0)
        stories = read_stories(roles).stories
        assert stack.role == role
        assert roles.layout.trace.decisions(stack)[0].rule == rule
        story_of = {id(block): story for story in stories for block in story.blocks}
        assert (story_of[id(column)] is story_of[id(above)]) == (role == "subhead")


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
