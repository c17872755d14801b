"""The masthead step: date, weekday, page number and section in their printed forms, and the
page's own furniture (credits, slogans, romanised names, hotlines, adverts)."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_newspaper.ingest.lines import split_lines
from sphinx_newspaper.ingest.masthead import (
    ISSUE_NUMBER,
    find_paper,
    mark_furniture,
    parse_date,
    read_masthead,
)

BODY = "鲁甸县龙头山镇沙坝村坚持加强党建引领，紧紧围绕做大做强青花椒这一核心产业。"


def masthead(text: str) -> tuple[dt.date | None, str | None, str | None, str | None, list[str]]:
    found = read_masthead(split_lines(text))
    return found.date, found.weekday, found.number, found.section, found.lines


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (  # 昭通日报: one line
            " 4 2023年3月24日 星期五 阅读昭通·党建",
            (dt.date(2023, 3, 24), "星期五", "4", "阅读昭通·党建", ["4 2023年3月24日 星期五 阅读昭通·党建"]),
        ),
        (  # 福州晚报: letter-spaced date, then page number, weekday and section, a line each
            "2024 年 4 月 19 日\n7\n星期五\n生活服务",
            (
                dt.date(2024, 4, 19),
                "星期五",
                "7",
                "生活服务",
                ["2024 年 4 月 19 日", "7", "星期五", "生活服务"],
            ),
        ),
        (  # dotted date, the page number as 第N版
            "2021.3.23 星期二\n第3版",
            (dt.date(2021, 3, 23), "星期二", "3", None, ["2021.3.23 星期二", "第3版"]),
        ),
        (  # a lettered page number alone; the issue number is not the section
            "A06\n2024年1月5日 星期五 第12345期",
            (dt.date(2024, 1, 5), "星期五", "A06", None, ["2024年1月5日 星期五 第12345期", "A06"]),
        ),
    ],
)
def test_masthead_facts_in_their_printed_forms(top: str, expected: tuple) -> None:
    assert masthead(f"{top}\n\n{BODY}\n") == expected


@pytest.mark.parametrize(
    ("top", "number", "section"), [("05 综合新闻", "5", "综合新闻"), ("黔西南新闻 A3", "A3", "黔西南新闻")]
)
def test_page_number_and_section_on_one_line(top: str, number: str, section: str) -> None:
    assert masthead(f"2024年4月19日 星期五\n{top}\n\n{BODY}\n")[2:4] == (number, section)


def test_a_date_in_prose_is_not_a_masthead() -> None:
    assert masthead(f"2023年3月24日，{BODY}\n") == (None, None, None, None, [])


def test_a_short_line_above_prose_is_a_headline_not_a_section() -> None:
    assert masthead(f" 4 2023年3月24日 星期五\n\n党建引领\n{BODY}\n")[2:4] == ("4", None)


def test_dates_that_do_not_exist_are_not_dates() -> None:
    assert parse_date("2023年2月30日") is None
    assert parse_date("2023-02-28") == dt.date(2023, 2, 28)


def test_issue_numbers() -> None:
    assert ISSUE_NUMBER.search("总第12345期")[0] == "总第12345期"
    assert ISSUE_NUMBER.search("第 678 期")[1] == "678"


FURNITURE_PAGE = """\
 4 2023年3月24日 星期五 阅读昭通·党建
权威传播公信新闻 深情反映大众心声
ZHAOTONG RIBAO

鲁甸县龙头山镇沙坝村坚持加强党建引领，紧紧围绕做大做强青花椒这一核心产业。

投稿邮箱:fzwbbjb@126.com
扫码看更多

对标先进 争创一流
市委市直机关工委 昭通日报社 联办
责编 王杨林 美编 季春

三七西洋参
市场价 98元/盒
（广告）
"""


def test_credits_slogans_romanised_names_contacts_and_adverts() -> None:
    lines = split_lines(FURNITURE_PAGE)
    read_masthead(lines)
    mark_furniture(lines, first_text=5)
    kinds = {line.display: line.kind for line in lines if line.text}
    assert kinds == {
        "4 2023年3月24日 星期五 阅读昭通·党建": "masthead",
        "权威传播公信新闻 深情反映大众心声": "furniture",  # a couplet slogan above the text
        "ZHAOTONG RIBAO": "furniture",
        BODY: "text",
        "投稿邮箱:fzwbbjb@126.com": "furniture",
        "扫码看更多": "furniture",
        "对标先进 争创一流": "text",  # below the text: a column banner, taken by the page step
        "市委市直机关工委 昭通日报社 联办": "credit",
        "责编 王杨林 美编 季春": "credit",
        "三七西洋参": "advert",
        "市场价 98元/盒": "advert",
        "（广告）": "advert",
    }


def test_contact_lines_right_above_an_advert_belong_to_it() -> None:
    lines = split_lines(f"{BODY}\n\n订购热线:83770333\n\n三七西洋参\n市场价 98元/盒\n（广告）\n")
    mark_furniture(lines, first_text=1)
    assert [line.kind for line in lines if line.text] == ["text", "advert", "advert", "advert", "advert"]


def test_the_paper_is_named_by_its_credits() -> None:
    assert find_paper(["市委市直机关工委 昭通日报社 联办"]) == "昭通日报"
    assert find_paper(["新甘肃·甘肃法治报记者 齐洪德"]) == "甘肃法治报"
    assert find_paper(["投稿邮箱:fzwbbjb@126.com"]) is None
