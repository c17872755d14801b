"""The lines step: the spacing rule, printed widths, line ends and the column around a line."""

from __future__ import annotations

import pytest

from sphinx_newspaper.ingest.lines import (
    Line,
    ends_mid_sentence,
    ends_sentence,
    estimate_columns,
    has_body_punctuation,
    join_lines,
    normalise,
    split_lines,
    width,
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("驻 村 工 作 队", "驻村工作队"),  # letter-spaced headline
        ("2022 年", "2022年"),  # a space next to a Chinese character goes
        ("“ 把 红 军", "“把红军"),  # and next to Chinese punctuation
        ("ZHAOTONG   RIBAO", "ZHAOTONG RIBAO"),  # between Latin letters one space stays
        ("5G 网络", "5G网络"),
        ("\u3000\u3000正文 开始。 ", "正文开始。"),  # ends trimmed, ideographic indent too
        ("A 1", "A 1"),
    ],
)
def test_the_spacing_rule(raw: str, text: str) -> None:
    assert normalise(raw) == text


def test_printed_width_in_ems() -> None:
    assert width("中文") == 2.0
    assert width("AB12") == 2.0  # Latin letters and digits are half an em
    assert width("第4版") == 2.5
    assert width("“好”") == 3.0  # Chinese quotation marks take a full em


def test_wrapped_lines_join_without_space_except_between_latin_letters() -> None:
    assert join_lines(["鲁甸县龙头山镇", "沙坝村"]) == "鲁甸县龙头山镇沙坝村"
    assert join_lines(["ZHAOTONG", "RIBAO"]) == "ZHAOTONG RIBAO"
    assert join_lines(["2022", "年"]) == "2022年"
    assert join_lines(["5", "G"]) == "5G"  # a digit before a letter: no space


def test_sentence_ends() -> None:
    assert ends_sentence("增收致富。")
    assert ends_sentence("他说：“好。”")  # closing quotes aside
    assert ends_sentence("怎么办？") and ends_sentence("等等……")
    assert not ends_sentence("做大做强，")
    assert not ends_sentence("”")
    assert ends_mid_sentence("做大做强，") and ends_mid_sentence("一是：")
    assert not ends_mid_sentence("龙头山镇沙坝村——")  # a kicker's dash does not run on
    assert not ends_mid_sentence("增收致富。")


def test_body_punctuation_tells_prose_from_headlines() -> None:
    assert has_body_punctuation("产业振兴是基础，也是关键")
    assert not has_body_punctuation("建“五型机关”促提质提效")
    assert not has_body_punctuation("谁来种地？")  # a closing mark at the end is not body punctuation


def test_split_lines_numbers_lines_and_marks_blanks() -> None:
    lines = split_lines("标题\n\n  正文 第一行，\n")
    assert [(line.number, line.text, line.kind) for line in lines] == [
        (1, "标题", "text"),
        (2, "", "blank"),
        (3, "正文第一行，", "text"),
        (4, "", "blank"),
    ]
    assert lines[2].marked_indent and not lines[0].marked_indent
    assert lines[2].display == "正文 第一行，"


PROSE = """\
产业振兴是乡村振兴的基础和关键，产业发
展离不开金融支持。驻村工作队结合产业现
状以及各银行信贷产品特点，邀请金融机构
为农户办理专项信用贷款。培育种植养殖大
户，满足群众的金融服务需求。

小标题

　　新的段落从这里开始，又写满了一整行字
然后结束。
"""


def test_the_column_is_the_width_of_the_prose_around_a_line() -> None:
    lines = split_lines(PROSE)
    estimate_columns(lines)
    text = [line for line in lines if line.kind == "text"]
    # the headline (line 7) does not narrow the column of the block above it, nor its own
    assert [(line.number, line.column) for line in text[:6]] == [(n, 19.0) for n in (1, 2, 3, 4, 5, 7)]
    first, heading, indented = text[0], text[5], text[6]
    assert first.full and not first.short
    assert heading.short and not heading.full and heading.text == "小标题"
    assert text[4].short  # a paragraph's last line
    assert indented.marked_indent and indented.text == "新的段落从这里开始，又写满了一整行字"
    assert indented.column == 19.0  # a block of two lines borrows the prose lines nearest it


def test_line_shapes_relative_to_the_column() -> None:
    def line(text: str) -> Line:
        return Line(1, text, text, width=width(text), column=20.0)

    assert line("一" * 20).full and line("一" * 19).full
    assert not line("一" * 18).full and line("一" * 18).indented  # set in by two ems
    assert line("一" * 18).short and not line("一" * 19).short
    assert not line("一" * 16).indented
