"""The scorer itself, on small hand-made pages whose right answers are known."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from sphinx_newspaper.model import Article, Block, Page
from sphinx_newspaper.scoring import (
    STORY_WORDS,
    Ratio,
    by_class,
    format_report,
    format_scores,
    gold_file,
    main_score,
    match_articles,
    report_json,
    score_page,
    story_ends,
    words,
)

TEXT = """\
4 2023年3月24日 星期五 阅读昭通·党建
春耕备耕正当时
■记者 李晖
本报讯 连日来，各地抓住晴好天气，组织农户
翻耕土地、育苗施肥。

农业部门派出技术人员深入田间地头，
指导群众科学种植。

今年全市计划完成春播面积一百二十万亩，
比去年有所增加。

老旧小区换新颜
■记者 江娟珺
本报讯 今年以来，市里启动老旧小区改造，
涉及居民三千余户。

改造完成后，小区道路平整，绿化提升，
居民出行更加方便。
"""

GOLD: dict[str, Any] = {
    "source": "test-page.txt",
    "masthead": {"date": "2023-03-24", "weekday": "星期五", "number": "4", "section": "阅读昭通·党建"},
    "articles": [
        {
            "kicker": None,
            "title": "春耕备耕正当时",
            "title_inferred": False,
            "subtitle": None,
            "byline": "记者 李晖",
            "paragraphs": [
                "本报讯 连日来，各地抓住晴好天气，组织农户翻耕土地、育苗施肥。",
                "农业部门派出技术人员深入田间地头，指导群众科学种植。",
                "今年全市计划完成春播面积一百二十万亩，比去年有所增加。",
            ],
            "subheads": [],
            "captions": [],
        },
        {
            "kicker": None,
            "title": "老旧小区换新颜",
            "title_inferred": False,
            "subtitle": None,
            "byline": "记者 江娟珺",
            "paragraphs": [
                "本报讯 今年以来，市里启动老旧小区改造，涉及居民三千余户。",
                "改造完成后，小区道路平整，绿化提升，居民出行更加方便。",
            ],
            "subheads": [],
            "captions": [],
        },
    ],
}


def article(gold: dict[str, Any], index: int) -> Article:
    """The ingest's article as it should be for one gold article."""
    return Article(
        id=f"p04-{index + 1:02d}",
        title=gold["title"],
        blocks=[Block("paragraph", text) for text in gold["paragraphs"]],
        kicker=gold["kicker"],
        subtitle=gold["subtitle"],
        byline="■" + gold["byline"],  # the ornament is kept in the output, as conservation wants
        captions=list(gold["captions"]),
    )


def perfect_page() -> Page:
    return Page(
        source="test-page.txt",
        masthead=["4 2023年3月24日 星期五 阅读昭通·党建"],
        date=dt.date(2023, 3, 24),
        weekday="星期五",
        number="4",
        section="阅读昭通·党建",
        articles=[article(a, i) for i, a in enumerate(GOLD["articles"])],
    )


def test_a_perfect_page_scores_one_everywhere() -> None:
    score = score_page(perfect_page(), GOLD, TEXT)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert score.matched == [(0, 0), (1, 1)]
    assert {name: str(ratio) for name, ratio in score.fields.items()} == {
        "title": "2/2",
        "kicker": "2/2",
        "subtitle": "2/2",
        "byline": "2/2",
        "captions": "2/2",
        "subheads": "2/2",
        "tables": "2/2",
    }
    assert (str(score.whole), str(score.titles_found), str(score.titles_right)) == ("2/2", "2/2", "2/2")
    assert str(score.masthead) == "4/4"
    assert (score.paragraph_tp, score.paragraph_fp, score.paragraph_fn) == (3, 0, 0)
    assert score.paragraph_f1 == 1.0
    assert score.total == len("".join(TEXT.split()))
    assert score.kept == score.total and score.conservation == 1.0
    assert score.missing == [] and score.notes == []


def test_merged_articles_lower_recall_and_name_the_lost_article() -> None:
    page = perfect_page()
    first, second = page.articles
    first.blocks += second.blocks
    first.captions += second.captions
    page.articles = [first]
    page.furniture = [second.title, second.byline or ""]
    score = score_page(page, GOLD, TEXT)
    assert score.predicted_articles == 1 and score.gold_articles == 2
    assert score.matched == [(0, 0)]  # the merged story is mostly the longer first one
    assert score.recall == 0.5 and score.precision == 1.0 and score.f1 == pytest.approx(2 / 3)
    assert "gold article not found: '老旧小区换新颜'" in score.notes
    assert score.conservation == 1.0  # nothing was lost, only misplaced


def test_a_dropped_character_lowers_conservation_and_is_named_with_its_line() -> None:
    page = perfect_page()
    block = page.articles[1].blocks[1]
    block.text = block.text.replace("绿化提升，", "绿化提升")
    score = score_page(page, GOLD, TEXT)
    assert score.kept == score.total - 1
    assert score.conservation < 1.0
    assert score.missing == ["line 18: ，"]


def test_dropped_furniture_is_missing_as_a_run() -> None:
    page = perfect_page()
    page.masthead = []
    score = score_page(page, GOLD, TEXT)
    assert score.missing == ["line 1: 42023年3月24日星期五阅读昭通·党建"]
    assert score.total - score.kept == len("42023年3月24日星期五阅读昭通·党建")
    assert str(score.masthead) == "4/4"  # the parsed fields are still right


def test_reordered_output_still_counts_as_kept() -> None:
    page = perfect_page()
    page.articles.reverse()
    for item in page.articles:
        item.blocks.reverse()
    score = score_page(page, GOLD, TEXT)
    assert score.conservation == 1.0
    assert score.f1 == 1.0


def test_wrong_headline_parts_are_counted_and_noted() -> None:
    page = perfect_page()
    page.articles[0].byline = None
    page.articles[1].kicker = "本报讯——"
    page.articles[1].title = "老旧小区"
    score = score_page(page, GOLD, TEXT)
    assert str(score.fields["byline"]) == "1/2"
    assert str(score.fields["kicker"]) == "1/2"
    assert str(score.fields["title"]) == "1/2"
    assert str(score.fields["subtitle"]) == "2/2"
    assert any(note.startswith("byline of '春耕备耕正当时'") for note in score.notes)
    assert any("'老旧小区'" in note for note in score.notes)


def test_whitespace_width_and_ornaments_do_not_count_as_differences() -> None:
    page = perfect_page()
    page.articles[0].title = "春耕 备耕 正当时"
    page.articles[0].byline = "■ 记者李晖"
    gold = copy.deepcopy(GOLD)
    gold["articles"][0]["subtitle"] = "——（全文）"
    page.articles[0].subtitle = "—— (全文)"
    score = score_page(page, gold, TEXT + "——（全文）\n")
    assert str(score.fields["title"]) == "2/2"
    assert str(score.fields["byline"]) == "2/2"
    assert str(score.fields["subtitle"]) == "2/2"


def test_captions_and_subheads_are_compared() -> None:
    gold = copy.deepcopy(GOLD)
    gold["articles"][0]["captions"] = ["农户在田间育苗。"]
    gold["articles"][0]["subheads"] = [{"text": "抢抓农时", "deck": "科学种植"}]
    page = perfect_page()
    page.articles[0].blocks.insert(1, Block("subhead", "抢抓农时", deck="科学种植"))
    page.articles[0].captions = ["农户在田间育苗。"]
    score = score_page(page, gold, TEXT)
    assert str(score.fields["captions"]) == "2/2" and str(score.fields["subheads"]) == "2/2"
    page.articles[0].blocks[1].deck = None
    page.articles[0].captions = []
    score = score_page(page, gold, TEXT)
    assert str(score.fields["captions"]) == "1/2" and str(score.fields["subheads"]) == "1/2"


def test_inferred_titles_must_be_marked_and_begin_the_body() -> None:
    gold = copy.deepcopy(GOLD)
    gold["articles"][1].update(title="今年以来，市里启动老旧小区改造", title_inferred=True, byline=None)
    page = perfect_page()
    second = page.articles[1]
    second.byline = None
    page.furniture = ["■记者 江娟珺", "老旧小区换新颜"]
    second.title, second.title_inferred = "今年以来，市里启动老旧小区改造", True
    assert str(score_page(page, gold, TEXT).fields["title"]) == "1/2"  # the body opens with 本报讯
    gold["articles"][1]["paragraphs"][0] = gold["articles"][1]["paragraphs"][0].removeprefix("本报讯 ")
    assert str(score_page(page, gold, TEXT).fields["title"]) == "2/2"
    second.title = "今年以来，市里启动老旧小…"
    assert str(score_page(page, gold, TEXT).fields["title"]) == "2/2"
    second.title_inferred = False
    assert str(score_page(page, gold, TEXT).fields["title"]) == "1/2"
    second.title, second.title_inferred = "今年", True
    assert str(score_page(page, gold, TEXT).fields["title"]) == "1/2"


def test_paragraph_boundaries_in_the_wrong_place_count_both_ways() -> None:
    page = perfect_page()
    first = page.articles[0]
    whole = "".join(block.text for block in first.blocks)
    cut = whole.index("指导群众")
    first.blocks = [Block("paragraph", whole[:cut]), Block("paragraph", whole[cut:])]
    page.articles[1].blocks = [Block("paragraph", "".join(b.text for b in page.articles[1].blocks))]
    score = score_page(page, GOLD, TEXT)
    assert (score.paragraph_tp, score.paragraph_fp, score.paragraph_fn) == (0, 1, 3)
    assert score.paragraph_f1 == 0.0
    assert score.conservation == 1.0


def test_a_boundary_is_found_when_the_text_around_it_differs() -> None:
    page = perfect_page()
    first = page.articles[0]
    first.blocks[0].text = first.blocks[0].text.replace("晴好天气", "晴天")
    score = score_page(page, GOLD, TEXT)
    assert (score.paragraph_tp, score.paragraph_fp, score.paragraph_fn) == (3, 0, 0)


def test_stories_sharing_common_characters_are_not_matched() -> None:
    gold = [
        {"paragraphs": ["市公安局交通管理局公布了新增交通技术监控设备的地点。"], "subheads": []},
    ]
    other = Article("x", "x", [Block("paragraph", "市人民法院公开审理了一起交通事故的赔偿纠纷案件。")])
    same_interleaved = Article(
        "y",
        "y",
        [Block("paragraph", "技术监控设备的地点。"), Block("paragraph", "市公安局交通管理局公布了新增交通")],
    )
    assert match_articles(gold, [other]) == []
    assert match_articles(gold, [other, same_interleaved]) == [(0, 1)]


def test_extra_articles_lower_precision() -> None:
    page = perfect_page()
    page.articles.append(Article("p04-03", "广告", [Block("paragraph", "本店开业大酬宾，全场八折。")]))
    score = score_page(page, GOLD, TEXT + "本店开业大酬宾，全场八折。\n")
    assert score.recall == 1.0 and score.precision == pytest.approx(2 / 3)
    assert any("'广告'" in note for note in score.notes)


def test_ratio_of_nothing_is_perfect() -> None:
    assert Ratio().value == 1.0 and Ratio(1, 4).value == 0.25


def test_table_has_one_row_per_page_and_details_name_what_is_missing() -> None:
    page = perfect_page()
    page.masthead = []
    score = score_page(page, GOLD, TEXT)
    table = format_scores([score, score_page(perfect_page(), GOLD, TEXT)])
    lines = table.splitlines()
    assert lines[0].split()[:6] == ["page", "gold", "got", "P", "R", "F1"]
    assert len(lines) == 4
    assert lines[2].startswith("test-page ") and lines[2].split()[-1] == f"{score.kept}/{score.total}"
    assert "missing" not in table
    detailed = format_scores([score], details=True)
    assert "missing, line 1: 42023年3月24日星期五阅读昭通·党建" in detailed


def test_gold_file_is_found_beside_the_page(tmp_path: Path) -> None:
    page = tmp_path / "issue-p01.txt"
    page.write_text(TEXT, encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"issue-p01\.gold\.json"):
        gold_file(page)
    beside = tmp_path / "issue-p01.gold.json"
    beside.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert gold_file(page) == beside
    elsewhere = tmp_path / "gold"
    elsewhere.mkdir()
    beside.rename(elsewhere / beside.name)
    with pytest.raises(FileNotFoundError, match=r"issue-p01\.gold\.json beside it$"):
        gold_file(page)
    with pytest.raises(FileNotFoundError, match=r"beside it or in .*nowhere$"):
        gold_file(page, tmp_path / "nowhere")
    assert gold_file(page, elsewhere) == elsewhere / beside.name


def test_score_command_reports_a_page_without_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "issue-p01.txt"
    page.write_text(TEXT, encoding="utf-8")
    assert main_score([str(page)]) == 1
    captured = capsys.readouterr()
    assert "issue-p01.gold.json" in captured.err and captured.out == ""


# -- stories read whole, printed titles ---------------------------------------------------------


def test_words_are_the_characters_of_words_without_punctuation() -> None:
    assert words("（陈立）") == "陈立" and words("本报讯 连日来，各地") == "本报讯连日来各地"
    assert words("气温 18~25℃，Ｂ股") == "气温1825CB股"  # NFKC: ℃ is °C
    assert STORY_WORDS == 8
    assert story_ends(GOLD["articles"][0]) == ("本报讯连日来各地", "亩比去年有所增加")


def test_a_story_whose_last_column_went_elsewhere_is_not_whole() -> None:
    """Every title right, article F1 still 1.0: only the story-whole figure sees the lost end."""
    page = perfect_page()
    first, second = page.articles
    second.blocks.append(first.blocks.pop())  # its last column read into the next story
    score = score_page(page, GOLD, TEXT)
    assert score.f1 == 1.0 and str(score.titles_found) == "2/2" and str(score.titles_right) == "2/2"
    assert str(score.whole) == "1/2"
    assert (
        "not whole: '春耕备耕正当时': its article lacks '亩比去年有所增加' ('亩比去年有所增加' is in '老旧小区换新颜')"
        in score.notes
    )  # and says where the story's end went


def test_a_story_whose_title_no_article_carries_is_not_whole() -> None:
    page = perfect_page()
    page.articles[0].title = "■记者 李晖"  # the byline line promoted to title, the headline lost
    score = score_page(page, GOLD, TEXT)
    assert str(score.whole) == "1/2"
    assert "not whole: '春耕备耕正当时': no article carries its title" in score.notes
    assert str(score.titles_found) == "1/2" and str(score.titles_right) == "1/2"
    assert "printed headline not a title: '春耕备耕正当时'" in score.notes


def test_a_closing_author_set_apart_still_closes_the_story() -> None:
    gold = copy.deepcopy(GOLD)
    gold["articles"][1]["paragraphs"][-1] += "（陈立）"
    page = perfect_page()
    page.articles[1].byline = "（陈立）"  # set apart by the ingest, not run on
    assert str(score_page(page, gold, TEXT).whole) == "2/2"


def test_lines_promoted_to_titles_count_against_precision_only() -> None:
    page = perfect_page()
    second = page.articles[1]
    body = second.blocks
    page.articles[1:] = [
        Article("p04-02", second.title, body[:1], byline=second.byline),
        Article("p04-03", "（无题）", body[1:], title_inferred=True),  # a column break
        Article("p04-04", "CN62-0038", []),  # a masthead fragment
    ]
    score = score_page(page, GOLD, TEXT)
    assert str(score.titles_found) == "2/2" and str(score.titles_right) == "2/4"
    assert str(score.whole) == "1/2"
    assert "title is no printed headline: 'CN62-0038' (inferred False)" in score.notes


def test_a_brief_without_headline_is_whole_from_where_it_opens() -> None:
    """A story the page prints without a headline: its article is the one opening with its
    first words; a right inferred title neither adds to nor takes from title precision."""
    gold = copy.deepcopy(GOLD)
    gold["articles"][1].update(title="今年以来，市里启动老旧小区改造", title_inferred=True, byline=None)
    page = perfect_page()
    page.articles[1].title, page.articles[1].title_inferred = "本报讯 今年以来…", True
    page.articles[1].byline = None
    score = score_page(page, gold, TEXT)
    assert str(score.whole) == "2/2"
    assert str(score.titles_found) == "1/1" and str(score.titles_right) == "1/1"
    page.articles[1].blocks.pop(0)  # now it opens with its second paragraph
    score = score_page(page, gold, TEXT)
    assert str(score.whole) == "1/2" and str(score.titles_right) == "1/2"


def test_tables_are_compared_cell_by_cell_and_a_table_story_is_whole_by_its_cells() -> None:
    rows = [["城市", "今天", "明天"], ["兰州", "晴 18~25℃", "多云 16~24℃"], ["天水", "阴", "小雨"]]
    gold = copy.deepcopy(GOLD)
    gold["articles"].append(
        {"kicker": None, "title": "天气预报", "title_inferred": False, "subtitle": None, "byline": None,
         "paragraphs": [], "subheads": [], "captions": [], "tables": [{"rows": rows, "header_rows": 1}]}
    )  # fmt: skip
    assert story_ends(gold["articles"][-1]) == ("城市今天明天兰州", "24C天水阴小雨"[-STORY_WORDS:])
    page = perfect_page()
    table = Block("table", "\n".join(" ".join(row) for row in rows))
    table.rows, table.header_rows = [list(row) for row in rows], 1  # type: ignore[attr-defined]
    page.articles.append(Article("p04-03", "天气预报", [table]))
    text = TEXT + "天气预报\n" + "\n".join(" ".join(row) for row in rows) + "\n"
    score = score_page(page, gold, text)
    assert score.f1 == 1.0 and str(score.fields["tables"]) == "3/3" and str(score.whole) == "3/3"
    table.rows = [row[:2] for row in rows]  # type: ignore[attr-defined]
    assert str(score_page(page, gold, text).fields["tables"]) == "2/3"
    # the same cells read as untitled articles: no table, titles that are no headlines
    page.articles[-1:] = [
        Article(f"p04-{3 + i}", row[0], [Block("paragraph", " ".join(row[1:]))]) for i, row in enumerate(rows)
    ]
    score = score_page(page, gold, text)
    assert str(score.whole) == "2/3" and str(score.titles_right) == "2/5"


def test_pages_pool_by_layout_class_in_the_report_and_its_json() -> None:
    gold = copy.deepcopy(GOLD)
    gold["layout"] = ["front", "boxed"]
    gold["articles"][0]["layout"] = ["boxed"]
    broken = perfect_page()
    broken.articles[1].blocks.append(broken.articles[0].blocks.pop())
    other = copy.deepcopy(GOLD)
    other["layout"] = ["front"]
    scores = [score_page(broken, gold, TEXT), score_page(perfect_page(), other, TEXT)]
    pools = by_class(scores)
    assert [(pool.source, str(pool.whole)) for pool in pools] == [("front", "3/4"), ("boxed", "1/2")]
    report = report_json(scores)
    assert report["pooled"]["stories_whole"] == {"right": 3, "total": 4, "value": 0.75}
    assert report["classes"]["boxed"]["title_precision"]["value"] == 1.0
    assert report["pages"][0]["classes"] == ["front", "boxed"] and report["pages"][0]["notes"]
    # the boxed story itself, by its own class: not whole, its title found
    assert report["story_classes"] == {
        "boxed": {
            "stories_whole": {"right": 0, "total": 1, "value": 0.0},
            "title_recall": {"right": 1, "total": 1, "value": 1.0},
        }
    }
    text = format_report(scores)
    pooled_row = next(line for line in text.splitlines() if line.startswith("all (2 pages)"))
    assert pooled_row.split()[:7] == ["all", "(2", "pages)", "4", "4", "1.00", "1.00"]
    assert "boxed" in text and "whole" in text.splitlines()[0]
    assert text.splitlines()[-1].split() == ["boxed", "0/1", "1/1"]


def test_score_command_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "issue-p01.txt"
    page.write_text(TEXT, encoding="utf-8")
    (tmp_path / "issue-p01.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert main_score([str(page)], as_json=True) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pages"][0]["source"] == "test-page.txt"
    assert set(report["pooled"]) >= {"f1", "stories_whole", "title_recall", "title_precision"}
