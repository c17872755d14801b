"""Article folders (People's Daily layout, ``YYYYMMDD-版-篇.txt``): pure Python, real files."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from building import EXAMPLE_ISSUES

from sphinx_newspaper.ingest import read_issue
from sphinx_newspaper.ingest.decode import read_text
from sphinx_newspaper.ingest.folders import (
    ArticleText,
    is_article_folder,
    page_number,
    parse_article,
    read_article_folder,
)
from sphinx_newspaper.model import Article
from sphinx_newspaper.util.errors import IngestError

ARCHIVE = EXAMPLE_ISSUES
MONTH = "rmrb-2020-01"


@pytest.fixture(scope="session")
def month(corpus: Path) -> Path:
    folder = corpus / MONTH
    if not folder.is_dir():
        pytest.skip(f"{MONTH} is not in the corpus")
    return folder


def article_file(month: Path, name: str) -> ArticleText:
    path = month / name[:8] / name
    return parse_article(read_text(path), str(path), "p00-00")


def kept_characters(parsed: ArticleText) -> Counter[str]:
    """The non-space characters of everything the ingest made of one file."""
    article = parsed.article
    parts = [article.kicker, article.subtitle, article.byline, *article.captions, *parsed.credits]
    if not article.title_inferred:
        parts.append(article.title)
    for block in article.blocks:
        parts += [block.text, block.deck]
    return Counter(char for part in parts if part for char in part if not char.isspace())


# Folders and pages


def test_article_folders_are_recognised_by_their_file_names(tmp_path: Path) -> None:
    assert is_article_folder(ARCHIVE / "20200101")
    assert not is_article_folder(ARCHIVE)  # a folder of issue folders
    assert not is_article_folder(ARCHIVE / "20200101" / "20200101-02-02.txt")
    (tmp_path / "zhaotong-2023-03-24-p04.txt").write_text("昭通日报", encoding="utf-8")
    assert not is_article_folder(tmp_path)


def test_pages_and_articles_in_paper_order() -> None:
    issue = read_article_folder(ARCHIVE / "20200102")
    assert issue.date == dt.date(2020, 1, 2)
    assert issue.paper is None  # nothing in the files names the paper
    assert issue.source == str(ARCHIVE / "20200102")
    assert [page.number for page in issue.pages] == ["1", "3"]
    assert [[a.id for a in page.articles] for page in issue.pages] == [["p01-03"], ["p03-05", "p03-07"]]
    assert all(page.date == dt.date(2020, 1, 2) for page in issue.pages)
    assert [a.title for a in issue.articles] == [
        "今年首场升国旗仪式举行",
        "王毅同伊朗外长扎里夫举行会谈",
        "基里巴斯总统马茂将访华",
    ]
    assert issue.pages[0].articles[0].kicker == "天安门广场"


def test_read_issue_takes_article_folders(month: Path) -> None:
    issue = read_issue(month / "20200101")
    assert [page.number for page in issue.pages] == [str(n) for n in range(1, 9)]
    first = issue.pages[0]
    assert [a.id for a in first.articles] == ["p01-01", "p01-02", "p01-03", "p01-04"]
    assert [a.title for a in first.articles] == [
        "新年戏曲晚会在京举行",
        "国家主席习近平发表二〇二〇年新年贺词",
        "中俄两国元首互致新年贺电",
        "全国政协举行新年茶话会",
    ]
    ids = [article.id for article in issue.articles]
    assert len(ids) == len(set(ids)) == 24


def test_page_numbers_as_printed() -> None:
    assert page_number("04") == "4"
    assert page_number("12") == "12"
    assert page_number("A06") == "A06"


def test_pages_sort_by_number_not_by_name(tmp_path: Path) -> None:
    for name in ("20200101-10-01.txt", "20200101-02-01.txt", "20200101-02-10.txt", "20200101-02-09.txt"):
        (tmp_path / name).write_text("\n标题\n\n\u3000\u3000正文。\n", encoding="utf-8")
    issue = read_article_folder(tmp_path)
    assert [page.number for page in issue.pages] == ["2", "10"]
    assert [a.id for a in issue.pages[0].articles] == ["p02-01", "p02-09", "p02-10"]


# Headline parts, checked by hand against the files


def test_kicker_title_subtitle(month: Path) -> None:
    article = article_file(month, "20200109-01-01.txt").article
    assert article.kicker == "习近平在“不忘初心、牢记使命”主题教育总结大会上强调"
    assert article.title == "以主题教育为新的起点 持续推动全党不忘初心牢记使命"
    assert article.subtitle == "李克强栗战书汪洋赵乐际韩正王岐山出席 王沪宁主持"


def test_subtitle_with_dash(month: Path) -> None:
    article = article_file(month, "20200108-03-01.txt").article
    assert article.kicker is None
    assert article.title == "永葆中国共产党人的初心本色"
    assert article.subtitle == "——“不忘初心、牢记使命”主题教育全纪实"


def test_kicker_ending_with_dash(month: Path) -> None:
    article = article_file(month, "20200120-16-06.txt").article
    assert article.kicker == "德国内政部长——"
    assert article.title == "反对将华为排除在德国5G网络建设之外"
    assert article.subtitle is None


def test_subtitle_in_parentheses_and_salutation_as_body(month: Path) -> None:
    article = article_file(month, "20200101-02-01.txt").article
    assert article.title == "在全国政协新年茶话会上的讲话"
    assert article.subtitle == "（2019年12月31日）"
    assert article.blocks[0].text == "同志们，朋友们："
    assert article.blocks[0].line == 4
    assert article.byline == "（新华社北京12月31日电）"


def test_headline_only_file(month: Path) -> None:
    article = article_file(month, "20200101-06-01.txt").article
    assert (article.kicker, article.title, article.subtitle, article.blocks) == (None, "广告", None, [])
    assert article.line == 2


# Body: paragraphs, bylines, captions, credits, subheads


def test_paragraphs_lose_indent_and_keep_text(month: Path) -> None:
    article = article_file(month, "20200101-01-01.txt").article
    assert article.title == "新年戏曲晚会在京举行"
    assert article.subtitle == "习近平李克强栗战书汪洋王沪宁赵乐际韩正王岐山出席观看"
    assert article.byline is None  # the dateline opens the first paragraph: not a line of its own
    assert [block.kind for block in article.blocks] == ["paragraph"] * 5
    assert article.blocks[0].text.startswith("新华社北京12月31日电 （记者邹伟、王思北）2020年新年戏曲晚会")
    assert article.blocks[-1].text.endswith("有关部门负责同志观看演出。")
    assert [block.line for block in article.blocks] == [4, 5, 6, 7, 8]
    assert article.line == 4


def test_closing_credit_becomes_byline_and_layout_credit_goes_to_page(month: Path) -> None:
    parsed = article_file(month, "20200101-05-01.txt")
    article = parsed.article
    assert (article.kicker, article.title) == ("3.5万公里", "中国高铁强劲奔跑")
    assert article.byline == "（本报记者 陆娅楠）"
    assert parsed.credits == ["版式设计：蔡华伟"]
    assert article.blocks[-1].text.startswith("不仅是兴国。")


def test_byline_line_of_its_own(month: Path) -> None:
    article = article_file(month, "20200130-07-01.txt").article
    assert article.byline == "本报记者 张 文"
    assert all("本报记者" not in block.text for block in article.blocks[:3])


def test_stories_with_several_reporters_keep_each_byline_in_place(month: Path) -> None:
    article = article_file(month, "20200127-04-02.txt").article
    assert article.title == "实干带来好日子（新春走基层）"
    assert article.byline is None
    heads = [(block.text, block.line) for block in article.blocks if block.kind == "subhead"]
    assert heads[:2] == [("天津港实现“秒通关”", 4), ("青岛港生产创新高", 11)]
    texts = [block.text for block in article.blocks]
    assert texts[1] == "本报记者 富子梅 靳 博"
    assert texts[texts.index("青岛港生产创新高") + 1] == "本报记者 潘俊强"


def test_photo_credit_becomes_caption(month: Path) -> None:
    article = article_file(month, "20200102-07-04.txt").article
    assert article.title == "窗花开"
    assert article.captions == ["孟德龙摄（人民视觉）"]
    assert len(article.blocks) == 2


def test_subheads_with_deck(month: Path) -> None:
    article = article_file(month, "20200102-07-01.txt").article
    assert article.kicker == "3万多个政务网站实现无障碍服务，视障人士——"
    assert article.title == "我用耳朵“看”世界（倾听·关注互联网信息无障碍建设（下））"
    subheads = [(block.text, block.deck) for block in article.blocks if block.kind == "subhead"]
    assert subheads[:2] == [
        ("核心阅读", None),
        ("信息“障碍”有哪些？", "底层设计不足，很多互联网产品无法顺利“读”出来"),
    ]


def test_crlf_and_lf_read_alike(month: Path, tmp_path: Path) -> None:
    source = month / "20200101" / "20200101-05-01.txt"
    assert b"\r\n" in source.read_bytes()
    (tmp_path / "crlf").mkdir()
    (tmp_path / "lf").mkdir()
    shutil.copy(source, tmp_path / "crlf" / source.name)
    (tmp_path / "lf" / source.name).write_bytes(source.read_bytes().replace(b"\r\n", b"\n"))
    crlf, lf = (read_article_folder(tmp_path / kind).pages[0].articles[0] for kind in ("crlf", "lf"))
    assert crlf.to_json() == lf.to_json()
    assert not any("\r" in block.text for block in crlf.blocks)


def test_spaces_inside_lines_become_one_space() -> None:
    text = (
        "\n中华人民共和国主席\xa0\xa0习近平\n\n\u3000\u3000伟大历程\xa0辉煌成就\u3000\u3000展览。\xa0\xa0\n"
    )
    article = parse_article(text, "x.txt", "p01-01").article
    assert article.title == "中华人民共和国主席 习近平"
    assert article.blocks[0].text == "伟大历程 辉煌成就 展览。"


def test_compact_headlines_without_slots() -> None:
    kicker = parse_article("截至去年11月底——\n登记认定慈善组织超7500个\n\u3000\u3000正文。", "x", "p").article
    assert (kicker.kicker, kicker.title, kicker.subtitle) == (
        "截至去年11月底——",
        "登记认定慈善组织超7500个",
        None,
    )
    sub = parse_article("永葆初心本色\n——主题教育全纪实\n\u3000\u3000正文。", "x", "p").article
    assert (sub.kicker, sub.title, sub.subtitle) == (None, "永葆初心本色", "——主题教育全纪实")


def test_no_headline_infers_title_and_says_so() -> None:
    parsed = parse_article(
        "\n\n\n\u3000\u3000中国高铁运营里程突破3.5万公里，约占全球七成。\n", "x.txt", "p01-01"
    )
    assert parsed.article.title_inferred
    assert parsed.article.title == "中国高铁运营里程突破3.5万公里"
    assert [notice.subtype for notice in parsed.notices] == ["title-inferred"]


# Errors


def test_misnamed_text_file_is_refused_with_the_expected_pattern(tmp_path: Path) -> None:
    shutil.copy(ARCHIVE / "20200101" / "20200101-02-02.txt", tmp_path)
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    assert len(read_article_folder(tmp_path).pages) == 1
    (tmp_path / "page2.txt").write_text("\n标题\n\n\u3000\u3000正文。\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_article_folder(tmp_path)
    assert caught.value.source == str(tmp_path / "page2.txt")
    assert "YYYYMMDD-版-篇.txt" in str(caught.value)


def test_empty_file_is_refused_naming_it(tmp_path: Path) -> None:
    shutil.copy(ARCHIVE / "20200101" / "20200101-02-02.txt", tmp_path)
    (tmp_path / "20200101-03-01.txt").write_bytes(b"")
    with pytest.raises(IngestError) as caught:
        read_article_folder(tmp_path)
    assert caught.value.source == str(tmp_path / "20200101-03-01.txt")
    assert "empty" in caught.value.problem


def test_files_of_another_day_are_refused(tmp_path: Path) -> None:
    shutil.copy(ARCHIVE / "20200101" / "20200101-02-02.txt", tmp_path)
    shutil.copy(ARCHIVE / "20200102" / "20200102-01-03.txt", tmp_path)
    with pytest.raises(IngestError, match="2020-01-02"):
        read_article_folder(tmp_path)


def test_impossible_date_is_refused(tmp_path: Path) -> None:
    (tmp_path / "20201340-01-01.txt").write_text("\n标题\n\n\u3000\u3000正文。\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no real date"):
        read_article_folder(tmp_path)


def test_same_article_twice_is_refused(tmp_path: Path) -> None:
    for name in ("20200101-1-01.txt", "20200101-01-01.txt"):
        (tmp_path / name).write_text("\n标题\n\n\u3000\u3000正文。\n", encoding="utf-8")
    with pytest.raises(IngestError, match="again"):
        read_article_folder(tmp_path)


# The whole month


def test_every_character_of_the_month_is_kept(month: Path) -> None:
    """Conservation: each file's non-space characters all land in the article or page credits."""
    files = sorted(month.glob("*/*.txt"))
    assert len(files) == 2194
    lost: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for path in files:
        text = read_text(path)
        parsed = parse_article(text, str(path), "p00-00")
        given = Counter(char for char in text if not char.isspace())
        kept = kept_characters(parsed)
        if kept != given:
            lost[path.name] = (given - kept, kept - given)
    assert lost == {}


def test_every_issue_of_the_month_reads(month: Path) -> None:
    issues = [read_article_folder(folder) for folder in sorted(month.iterdir()) if folder.is_dir()]
    assert len(issues) == 31
    assert [issue.date for issue in issues] == [dt.date(2020, 1, day) for day in range(1, 32)]
    articles: list[Article] = [article for issue in issues for article in issue.articles]
    assert len(articles) == 2194
    assert all(article.title and not article.title_inferred for article in articles)
    assert all(article.line for article in articles)
    for issue in issues:
        ids = [article.id for article in issue.articles]
        assert len(ids) == len(set(ids)), issue.source
