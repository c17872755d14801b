"""The page step: one page of text to a Page, on small pages written here: paragraphs (a blank
line is not a paragraph end), headlines with kicker and subtitle, subheads and their decks,
vertical headlines, column banners, and the notices the page gives."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_newspaper.ingest import IngestError
from sphinx_newspaper.ingest.page import parse_page
from sphinx_newspaper.subtypes import Subtype

PAGE = """\
 4 2023年3月24日 星期五 阅读昭通·党建

龙头山镇沙坝村——
产业兴旺百姓富
本报记者 黄露

　　鲁甸县龙头山镇沙坝村坚持加强党建
引领，紧紧围绕做大做强青花椒这一核心

产业，以产业发展带动群众增收，给群众
以实实在在的幸福感。
　　产业振兴是乡村振兴的基础和关键，
产业发展离不开金融支持。驻村工作队通
过邀请专家开展技术培训等方式推介青花
椒。

“产业发展+金融帮扶”
打好产业“特色牌”，金融帮扶鼓起“钱
袋子”
　　驻村工作队结合产业现状以及各银行
信贷产品特点，邀请金融机构为农户办理
专项信用贷款，满足群众的金融服务需求。

对标先进 争创一流
市委市直机关工委 昭通日报社 联办
"""


def blocks(article) -> list[tuple[str, str, str | None]]:
    return [(b.kind, b.text, b.deck) for b in article.blocks]


def test_one_article_with_its_headline_byline_paragraphs_and_subhead() -> None:
    page = parse_page(PAGE, "page.txt")
    assert (page.date, page.weekday, page.number, page.section) == (
        dt.date(2023, 3, 24),
        "星期五",
        "4",
        "阅读昭通·党建",
    )
    assert page.paper == "昭通日报"  # from the organisers' credit
    assert page.column == "对标先进 争创一流"  # a couplet next to the organisers: a column banner
    assert page.credits == ["市委市直机关工委 昭通日报社 联办"]
    (article,) = page.articles
    assert (article.id, article.kicker, article.title, article.subtitle, article.byline) == (
        "p04-01",
        "龙头山镇沙坝村——",
        "产业兴旺百姓富",
        None,
        "本报记者 黄露",
    )
    assert blocks(article) == [
        # the blank line in the middle of a sentence is a column break, not a paragraph end
        (
            "paragraph",
            "鲁甸县龙头山镇沙坝村坚持加强党建引领，紧紧围绕做大做强青花椒这一核心产业，"
            "以产业发展带动群众增收，给群众以实实在在的幸福感。",
            None,
        ),
        (
            "paragraph",
            "产业振兴是乡村振兴的基础和关键，产业发展离不开金融支持。驻村工作队通过邀请专家开展技术培训等方式推介青花椒。",
            None,
        ),
        ("subhead", "“产业发展+金融帮扶”", "打好产业“特色牌”，金融帮扶鼓起“钱袋子”"),
        (
            "paragraph",
            "驻村工作队结合产业现状以及各银行信贷产品特点，邀请金融机构为农户办理专项信用贷款，满足群众的金融服务需求。",
            None,
        ),
    ]
    assert (article.line, [b.line for b in article.blocks]) == (7, [7, 12, 17, 20])
    assert page.notices == []


VERTICAL = """\
 2 2024年1月5日 星期五 综合新闻

雪
后
初
晴

　　本报讯 一场大雪过后，城区的道路已经
全部清扫干净，雪后初晴的城市格外美丽。
"""


def test_a_headline_set_vertically() -> None:
    (article,) = parse_page(VERTICAL, "vertical.txt").articles
    assert article.title == "雪后初晴"
    assert blocks(article) == [
        ("paragraph", "本报讯一场大雪过后，城区的道路已经全部清扫干净，雪后初晴的城市格外美丽。", None)
    ]


def test_a_story_without_a_headline_is_titled_from_its_text_and_says_so() -> None:
    text = (
        " 2 2024年1月5日 星期五 综合新闻\n\n　　本报讯 今年以来，市里启动老旧小区改造，涉及居民三千余户。\n"
    )
    page = parse_page(text, "untitled.txt")
    (article,) = page.articles
    assert (article.title, article.title_inferred) == ("本报讯今年以来", True)
    (notice,) = page.notices
    assert (notice.subtype, notice.source, notice.line) == (Subtype.TITLE_INFERRED, "untitled.txt", 3)
    assert notice.message == (
        "article p02-01 has no headline in the text; titled '本报讯今年以来' from its first words "
        "(set its title in a corrections file)"
    )


def test_a_page_without_text_is_refused_and_one_of_furniture_has_no_articles() -> None:
    with pytest.raises(IngestError, match=r"^empty\.txt: holds no text \(put the page's text in it"):
        parse_page("\n \n", "empty.txt")
    page = parse_page("责编 王杨林\nZHAOTONG RIBAO\n", "furniture.txt")
    assert (page.articles, page.credits, page.furniture) == ([], ["责编 王杨林"], ["ZHAOTONG RIBAO"])
    assert [(n.subtype, n.line) for n in page.notices] == [(Subtype.NO_ARTICLES, 1)]


def test_a_byline_like_a_couplet_above_the_first_story_is_its_byline() -> None:
    page = parse_page(PAGE.replace("本报记者 黄露", "通讯员 张永坤"), "page.txt")
    assert page.articles[0].byline == "通讯员 张永坤"
