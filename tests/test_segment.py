"""The segment step: where one story ends and the next begins, and which headline, byline and
caption belongs to which story; on units made by hand (paragraphs of lines with a printed width
and column, headlines, bylines), so each rule shows on its own."""

from __future__ import annotations

from sphinx_newspaper.ingest.headlines import is_lead
from sphinx_newspaper.ingest.lines import Line, width
from sphinx_newspaper.ingest.segment import (
    Byline,
    Headline,
    Paragraph,
    Unit,
    bigrams,
    build_articles,
    overlap,
)


def paragraph(number: int, *lines: str, column: float = 20.0) -> Paragraph:
    made = [Line(number + i, text, text, width=width(text), column=column) for i, text in enumerate(lines)]
    return Paragraph(made, lead=is_lead(lines[0]))


def headline(number: int, *elements: str) -> Headline:
    return Headline([(text, number + i) for i, text in enumerate(elements)])


def summary(units: list[Unit]) -> tuple[list[tuple[str, str | None, list[str], list[str]]], list[str]]:
    """(title, byline, paragraph texts, captions) per article, and the leftovers."""
    articles, leftovers = build_articles(units, "p01")
    return [(a.title, a.byline, [b.text for b in a.blocks], a.captions) for a in articles], leftovers


FARM = ("本报讯 连日来，各地抓住晴好天气，组织农户", "翻耕土地、育苗施肥，春耕生产有序推进。")
HOUSING = ("本报讯 今年以来，市里启动老旧小区改造，", "涉及居民三千余户，改造后道路平整。")


def test_headlines_over_leads_start_stories() -> None:
    units: list[Unit] = [
        headline(1, "春耕备耕正当时"),
        Byline("■记者 李晖", 2),
        paragraph(3, *FARM),
        headline(5, "老旧小区换新颜"),
        Byline("■记者 江娟珺", 6),
        paragraph(7, *HOUSING),
    ]
    assert summary(units) == (
        [
            ("春耕备耕正当时", "■记者 李晖", ["".join(FARM)], []),
            ("老旧小区换新颜", "■记者 江娟珺", ["".join(HOUSING)], []),
        ],
        [],
    )


def test_headlines_collected_at_the_end_go_to_the_story_they_name() -> None:
    # block extraction may print the headlines after the bodies, in another order
    units: list[Unit] = [
        paragraph(1, *FARM),
        paragraph(3, *HOUSING),
        headline(6, "老旧小区改造 居民出行方便"),
        headline(8, "晴好天气 农户翻耕土地"),
    ]
    articles, leftovers = summary(units)
    assert [title for title, *_ in articles] == ["晴好天气 农户翻耕土地", "老旧小区改造 居民出行方便"]
    assert leftovers == []


def test_a_headline_no_story_shares_words_with_is_page_furniture() -> None:
    # (right above or below a story's text, the layout would still give it to that story)
    units: list[Unit] = [
        headline(1, "扫码关注公众号领取福利"),
        headline(2, "春耕备耕正当时"),
        paragraph(3, *FARM),
    ]
    articles, leftovers = summary(units)
    assert [title for title, *_ in articles] == ["春耕备耕正当时"]
    assert leftovers == ["扫码关注公众号领取福利"]


def test_a_closing_author_ends_a_story() -> None:
    first = ("连日来，各地抓住晴好天气，组织农户翻耕", "土地、育苗施肥。（王普）")
    second = ("市里启动老旧小区改造，涉及居民三千余户，", "改造后道路平整。")
    articles, _ = summary([paragraph(1, *first), paragraph(3, *second)])
    assert [blocks for _, _, blocks, _ in articles] == [["".join(first)], ["".join(second)]]


def test_a_change_of_column_with_a_change_of_topic_starts_a_story() -> None:
    wide = paragraph(1, "连日来，各地抓住晴好天气，组织农户翻耕土地、", "育苗施肥。", column=22.0)
    narrow = paragraph(3, "市里启动老旧小区改造，涉及居民三", "千余户。", column=16.0)
    same_topic = paragraph(3, "各地组织农户翻耕土地，育苗施肥，", "晴好天气。", column=16.0)
    assert len(summary([wide, narrow])[0]) == 2
    assert len(summary([wide, same_topic])[0]) == 1


def test_a_photographers_byline_under_a_short_paragraph_makes_a_caption() -> None:
    units: list[Unit] = [
        headline(1, "春耕备耕正当时"),
        paragraph(2, *FARM),
        paragraph(5, "农户在田间翻耕土地。"),
        Byline("张三 摄", 6),
    ]
    assert summary(units) == (
        [("春耕备耕正当时", None, ["".join(FARM)], ["农户在田间翻耕土地。 张三 摄"])],
        [],
    )


def test_a_subhead_between_paragraphs_stays_in_its_story() -> None:
    units: list[Unit] = [
        headline(1, "春耕备耕正当时"),
        paragraph(2, *FARM),
        headline(4, "科学种植"),
        paragraph(5, "农业部门派出技术人员深入田间地头，指导", "群众科学种植。"),
    ]
    ((title, _, blocks, _),), _ = summary(units)
    assert title == "春耕备耕正当时"
    assert blocks == ["".join(FARM), "科学种植", "农业部门派出技术人员深入田间地头，指导群众科学种植。"]


def test_shared_character_pairs() -> None:
    assert bigrams("春耕备耕") == {"春耕", "耕备", "备耕"}
    assert bigrams("的一是不") == set()  # pairs of very common characters say nothing
    assert overlap({"春耕", "耕备", "备耕"}, {"春耕", "备耕", "老旧"}) == 2 / 3
    assert overlap({"春耕", "耕备", "备耕"}, {"春耕"}) == 0.0  # one shared pair is chance
