"""The headlines step: kicker, title and subtitle from a headline's lines; bylines, leads,
closing authors and captions as newspaper lines announce them; and the one vocabulary of
reporters and photo credits that page text and article files share (ingest/credits.py)."""

from __future__ import annotations

import pytest

from sphinx_newspaper.ingest.credits import has_photo_credit, names_reporter
from sphinx_newspaper.ingest.headlines import (
    ends_with_closing_author,
    headline_parts,
    infer_title,
    is_byline,
    is_lead,
    is_photo_credit,
    lead_credit,
    split_captions,
)


@pytest.mark.parametrize(
    ("lines", "parts"),
    [
        (["龙头山镇沙坝村——", "“耕”好党建“责任田”增强人民“幸福感”"], ("龙头山镇沙坝村——", "“耕”好党建“责任田”增强人民“幸福感”", None)),
        (["建“五型机关”促提质提效", "——市委市直机关工委推动模范机关创建纪实"], (None, "建“五型机关”促提质提效", "——市委市直机关工委推动模范机关创建纪实")),
        (["注意了", "这些地方新增交通探头"], (None, "注意了 这些地方新增交通探头", None)),  # a short first line: one title
        (["强化基层治理", "筑牢安全防线"], (None, "强化基层治理 筑牢安全防线", None)),  # a couplet
        (["赣闽两省102座火车站启用“铁路e卡通”刷证检票新功能", "不用事先购票 直接刷证进站"], ("赣闽两省102座火车站启用“铁路e卡通”刷证检票新功能", "不用事先购票 直接刷证进站", None)),  # long over short
        (["金川警方破获一起特大传销案", "摧毁一个犯罪团伙"], ("金川警方破获一起特大传销案", "摧毁一个犯罪团伙", None)),  # long over short: kicker
        (["岷县检察院驻村帮扶助力乡村振兴", "驻村工作队扎实开展帮扶工作"], (None, "岷县检察院驻村帮扶助力乡村振兴", "驻村工作队扎实开展帮扶工作")),
        (["——只有副题"], (None, "——只有副题", None)),
    ],
)  # fmt: skip
def test_headline_parts_as_an_editor_reads_them(lines: list[str], parts: tuple) -> None:
    assert headline_parts(lines) == parts


@pytest.mark.parametrize(
    "line",
    [
        "通讯员 张永坤 文/图",
        "■记者 李晖 通讯员 余建",
        "新甘肃·甘肃法治报记者 齐洪德",
        "本报记者 黄露",
        "文/张三",
    ],
)
def test_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "■ 江娟珺",
        "记者从市公安局获悉，",
        "市委市直机关工委推动模范机关创建纪实",
    ],  # marked but no title; prose; deck
)
def test_not_bylines(line: str) -> None:
    assert not is_byline(line)


def test_leads_and_their_credits() -> None:
    assert is_lead("本报讯 连日来")
    assert is_lead("福州晚报讯 日前")
    assert is_lead("新华社北京1月1日电")
    assert not is_lead("讯息传来")
    assert lead_credit("本报讯（新甘肃·甘肃法治报记者 魏世东）8月5日") == "新甘肃·甘肃法治报记者 魏世东"
    assert lead_credit("本报讯（综合）8月5日") is None  # names no reporter


def test_closing_authors() -> None:
    assert ends_with_closing_author("……群众满意度不断提升。（王普）")
    assert not ends_with_closing_author("……群众满意度不断提升。（2023年）")


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("鲁甸信用社到沙坝村开展贷款服务。 张三 摄", True),
        ("资料图片", True),
        ("新华社发", True),
        ("孟德龙摄（人民视觉）", True),  # with the agency in brackets
        ("图：张三", True),  # a label in front
        ("摄影报道", True),
        ("摄影师协会成立", False),
        ("图书馆", False),
    ],
)
def test_photo_credits(text: str, credit: bool) -> None:
    assert has_photo_credit(text) is credit
    assert is_photo_credit(text) is credit


def test_reporters_by_title_and_affiliation() -> None:
    assert names_reporter("本报特约记者")
    assert names_reporter("新华社记者 李四")
    assert names_reporter("通讯员 张三")
    assert not names_reporter("张三 李四")


def test_captions_split_at_sentences_unless_they_end_with_the_photographer() -> None:
    assert split_captions("市人社局开展志愿服务活动。3月20日，昭通市举行授牌仪式。") == [
        "市人社局开展志愿服务活动。",
        "3月20日，昭通市举行授牌仪式。",
    ]
    assert split_captions("辅警开展专项训练。新甘肃·甘肃法治报通讯员朱艳霞摄") == [
        "辅警开展专项训练。新甘肃·甘肃法治报通讯员朱艳霞摄"
    ]


def test_an_inferred_title_is_the_first_clause() -> None:
    assert infer_title("本报讯 今年以来，市里启动老旧小区改造") == "本报讯 今年以来"
    assert (
        infer_title("“目前，大耆老村范围内已建设。") == "目前，大耆老村范围内已建设"
    )  # a clause of 2 is too short
