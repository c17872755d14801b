"""An editor's corrections file: overrides, splits, merges, furniture, and clear errors."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from building import copy_root, html, warning_lines, warnings_of

from sphinx_newspaper.ingest import IngestError, read_issue, read_page
from sphinx_newspaper.ingest.corrections import apply_corrections, corrections_file, infer_title
from sphinx_newspaper.model import Article, Block, Figure, Page
from sphinx_newspaper.subtypes import Subtype


def page() -> Page:
    return Page(
        source="page.txt",
        number="4",
        articles=[
            Article("p04-01", "第一篇", [Block("paragraph", "甲乙丙。"), Block("paragraph", "丁戊己。扫码")]),
            Article("p04-02", "这是", [Block("paragraph", "这是推断的标题，正文。")], title_inferred=True),
            Article(
                "p04-03",
                "第三篇",
                [Block("paragraph", "第一段。"), Block("paragraph", "去年，新的故事开始了。后面还有。")],
                kicker="引题——",
                byline="记者 王五",
                captions=["图片说明。"],
            ),
        ],
    )


def corrected(tmp_path: Path, toml: str) -> Page:
    path = tmp_path / "page.corrections.toml"
    path.write_text(toml, encoding="utf-8")
    return apply_corrections(page(), path)


def test_override_headline_parts(tmp_path):
    result = corrected(tmp_path, '[[article]]\nid = "p04-02"\ntitle = "数字乡村"\nbyline = "通讯员 甲"\n')
    second = result.articles[1]
    assert (second.title, second.title_inferred, second.byline) == ("数字乡村", False, "通讯员 甲")


def test_split_at_text_inside_a_paragraph(tmp_path):
    result = corrected(tmp_path, '[[split]]\nid = "p04-03"\nat = "去年，新的故事"\ntitle = "新故事"\n')
    assert [a.id for a in result.articles] == ["p04-01", "p04-02", "p04-03", "p04-04"]
    assert [b.text for b in result.articles[2].blocks] == ["第一段。"]
    assert result.articles[3].title == "新故事"
    assert result.articles[3].blocks[0].text == "去年，新的故事开始了。后面还有。"


def test_split_without_title_infers_one(tmp_path):
    result = corrected(tmp_path, '[[split]]\nid = "p04-03"\nat = "后面还有"\n')
    tail = result.articles[3]
    assert tail.title_inferred and tail.title == "后面还有"
    assert result.articles[2].blocks[-1].text == "去年，新的故事开始了。"


def test_merge_keeps_the_second_headline_as_a_subhead(tmp_path):
    result = corrected(tmp_path, '[[merge]]\nids = ["p04-01", "p04-03"]\n')
    assert [a.id for a in result.articles] == ["p04-01", "p04-02"]
    merged = result.articles[0]
    assert Block("subhead", "引题——第三篇", deck=None) in merged.blocks
    assert merged.byline == "记者 王五" and merged.captions == ["图片说明。"]


def test_furniture_takes_text_out_of_the_article(tmp_path):
    result = corrected(tmp_path, '[[furniture]]\ntext = "扫码"\n')
    assert result.articles[0].blocks[1].text == "丁戊己。"
    assert result.furniture == ["扫码"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[article]]\nid = "p04-01"\nheadline = "x"\n', r"\[\[article\]\] #1: unknown key 'headline'"),
        ('[[split]]\nid = "p04-03"\nat = "不存在的文字"\n', r"the text '不存在的文字' does not occur"),
        ('[[article]]\nid = "p09-01"\ntitle = "x"\n', r"no article 'p09-01' on this page"),
        ('[[merge]]\nids = ["p04-01"]\n', r"'ids' must list two or more"),
        ('[[rename]]\nid = "p04-01"\n', r"unknown table \[\[rename\]\]"),
        ('[[split]]\nid = "p04-01"\n', r"the key 'at' is missing"),
        ("[[article]\n", r"not valid TOML"),
    ],
)
def test_bad_corrections_are_clear_errors_naming_the_key(tmp_path, toml, message):
    with pytest.raises(IngestError, match=message) as caught:
        corrected(tmp_path, toml)
    assert "page.corrections.toml" in str(caught.value)


def test_corrections_file_is_found_beside_the_page(tmp_path):
    page_file = tmp_path / "p04.txt"
    assert corrections_file(page_file) is None
    (tmp_path / "p04.corrections.toml").write_text("", encoding="utf-8")
    assert corrections_file(page_file) == tmp_path / "p04.corrections.toml"


def test_infer_title_takes_the_first_clause():
    assert infer_title("“目前，大耆老村范围内已建设。") == "目前，大耆老村范围内已建设"
    assert infer_title("大耆老村曾经是昭阳区重点贫困村，近年来") == "大耆老村曾经是昭阳区重点贫困村"
    assert (
        infer_title("一二三四五六七八九十一二三四五六七八九十一二三四五六七八")
        == "一二三四五六七八九十一二三四五六七八九十一二三四…"
    )


# Article folders (People's Daily layout): one corrections file per page, YYYYMMDD-版.corrections.toml


def article_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "20200102"
    for name, text in (
        ("20200102-03-05.txt", "\n王毅同伊朗外长举行会谈\n\n\u3000\u3000新华社北京1月1日电　会谈正文。\n"),
        ("20200102-03-07.txt", "\n\n\u3000\u3000本报北京1月1日电　续上文。\n"),
        ("20200102-01-03.txt", "\n今年首场升国旗仪式举行\n\n\u3000\u3000正文。扫码看视频\n"),
    ):
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_article_folder_page_corrections_apply_to_that_page(tmp_path):
    folder = article_folder(tmp_path)
    (folder / "20200102-03.corrections.toml").write_text(
        '[[merge]]\nids = ["p03-05", "p03-07"]\n\n[[article]]\nid = "p03-05"\nkicker = "外交"\n',
        encoding="utf-8",
    )
    (folder / "20200102-01.corrections.toml").write_text(
        '[[furniture]]\ntext = "扫码看视频"\n', encoding="utf-8"
    )
    issue = read_issue(folder)
    first, third = issue.pages
    assert [a.id for a in third.articles] == ["p03-01"]
    merged = third.articles[0]
    assert merged.kicker == "外交" and merged.title == "王毅同伊朗外长举行会谈"
    assert merged.blocks[-1].text.endswith("续上文。")
    assert "扫码看视频" in first.furniture
    assert "扫码看视频" not in first.articles[0].blocks[0].text


def test_article_folder_corrections_for_a_page_not_in_the_issue_are_an_error(tmp_path):
    folder = article_folder(tmp_path)
    path = folder / "20200102-09.corrections.toml"
    path.write_text('[[article]]\nid = "p09-01"\ntitle = "无"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"no page 9 in this issue \(pages: 1, 3\)") as caught:
        read_issue(folder)
    assert caught.value.source == str(path)


def test_article_folder_corrections_name_the_page_articles_on_a_wrong_id(tmp_path):
    folder = article_folder(tmp_path)
    (folder / "20200102-01.corrections.toml").write_text(
        '[[article]]\nid = "p03-05"\ntitle = "无"\n', encoding="utf-8"
    )
    with pytest.raises(IngestError, match=r"no article 'p03-05' on this page \(articles: p01-03\)"):
        read_issue(folder)


def test_article_folder_corrections_dated_unlike_the_issue_are_an_error(tmp_path):
    folder = article_folder(tmp_path)
    path = folder / "20200103-03.corrections.toml"
    path.write_text('[[article]]\nid = "p03-05"\ntitle = "无"\n', encoding="utf-8")
    with pytest.raises(
        IngestError, match=r"is dated 2020-01-03, unlike the issue's other files \(2020-01-02\)"
    ) as caught:
        read_issue(folder)
    assert caught.value.source == str(path)


# Nothing lost, nothing done twice (issue 12, item 3a)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[merge]]\nids = ["p04-01", "p04-03", "p04-01"]\n', r"\[\[merge\]\] #1: 'p04-01' is named twice"),
        ('[[merge]]\nids = ["p04-02", "p04-02"]\n', r"\[\[merge\]\] #1: 'p04-02' is named twice"),
        (
            '[[merge]]\nids = ["p04-01", "p04-02"]\n[[merge]]\nids = ["p04-02", "p04-03"]\n',
            r"\[\[merge\]\] #2: 'p04-02' is merged in \[\[merge\]\] #1 already",
        ),
        (
            '[[article]]\nid = "p04-02"\ntitle = "甲"\n[[article]]\nid = "p04-02"\nbyline = "乙"\n',
            r"\[\[article\]\] #2: 'p04-02' is corrected in \[\[article\]\] #1 already",
        ),
        (
            '[[split]]\nid = "p04-03"\nat = "后面"\n[[split]]\nid = "p04-03"\nat = "后面"\n',
            r"\[\[split\]\] #2: 'p04-03' is split at '后面' in \[\[split\]\] #1 already",
        ),
        ('[[article]]\nid = "p04-02"\ntitle = " "\n', r"\[\[article\]\] #1: 'title' is empty"),
        ('[[article]]\nid = "p04-02"\nkicker = ""\n', r"\[\[article\]\] #1: 'kicker' is empty"),
        ('[[furniture]]\ntext = ""\n', r"\[\[furniture\]\] #1: 'text' is empty"),
        (
            '[[article]]\nid = "p04-02"\ntitle = "标\\u0008题"\n',
            r"'title' holds U\+0008 BACKSPACE, which no output can show",
        ),
        ('[[article]]\nid = "p04-02"\ntitle = "\\uFFFE"\n', r"'title' holds U\+FFFE"),
        ('article = ["p04-02"]\n', r"\[\[article\]\] #1 must be a table of keys"),
        ("[[article]]\nid = 2\n", r"\[\[article\]\] #1: 'id' must be a string"),
    ],
)
def test_corrections_that_would_lose_or_hide_text_are_errors(tmp_path, toml, message):
    with pytest.raises(IngestError, match=message) as caught:
        corrected(tmp_path, toml)
    assert "page.corrections.toml" in str(caught.value)


def test_a_corrections_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "page.corrections.toml"
    path.write_bytes('[[article]]\nid = "p04-02"\ntitle = "数字乡村"\n'.encode("gb18030"))
    with pytest.raises(IngestError, match=r"page\.corrections\.toml: the corrections file is not UTF-8 text"):
        apply_corrections(page(), path)


def test_merging_keeps_every_character(tmp_path):
    before = page()
    result = corrected(tmp_path, '[[merge]]\nids = ["p04-01", "p04-02", "p04-03"]\n')
    (merged,) = result.articles

    def characters(articles: list[Article]) -> list[str]:
        texts = [b.text + (b.deck or "") for a in articles for b in a.blocks]
        texts += [c for a in articles for c in a.captions] + [a.byline or "" for a in articles]
        return sorted("".join(texts))

    assert set(characters(before.articles)) <= set(characters([merged]))
    assert len(characters([merged])) >= len(characters(before.articles))


# The warning's own advice silences it (issue 12, item 8)


def test_a_title_set_in_corrections_silences_title_inferred(make_app, tmp_path):
    srcdir = copy_root("issue", tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "[newspaper.title-inferred]" in warnings_of(app)
    app.cleanup()
    (srcdir / "zhaotong-2023-03-24-p04.corrections.toml").write_text(
        '[[article]]\nid = "p04-02"\ntitle = "大耆老村的数字乡村"\n', encoding="utf-8"
    )
    app = make_fresh(make_app, srcdir)
    assert warnings_of(app) == ""
    html = (Path(app.outdir) / "newspaper" / "2023-03-24" / "p04-02.html").read_text(encoding="utf-8")
    assert "大耆老村的数字乡村" in html


def make_fresh(make_app, srcdir: Path):
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    return app


def test_title_inferred_follows_the_articles_through_corrections(tmp_path, example_page):
    shutil.copy(example_page, tmp_path / "p04.txt")
    (tmp_path / "p04.corrections.toml").write_text(
        '[[split]]\nid = "p04-03"\nat = "去年，昭通全市农村劳动力"\n', encoding="utf-8"
    )
    (split_page,) = read_issue(tmp_path / "p04.txt").pages
    notices = [n for n in split_page.notices if n.subtype == "title-inferred"]
    inferred = [a.id for a in split_page.articles if a.title_inferred]
    assert sorted(n.article for n in notices) == inferred and len(inferred) == 2
    by_split = next(n for n in notices if "split off by [[split]] #1" in n.message)
    assert by_split.source == str(tmp_path / "p04.corrections.toml")
    assert by_split.article in by_split.message
    (tmp_path / "p04.corrections.toml").write_text(
        '[[merge]]\nids = ["p04-01", "p04-02"]\n', encoding="utf-8"
    )
    (merged_page,) = read_issue(tmp_path / "p04.txt").pages
    assert [n for n in merged_page.notices if n.subtype == "title-inferred"] == []


def test_a_title_set_for_an_article_file_silences_title_inferred(tmp_path):
    folder = article_folder(tmp_path)
    assert [n.article for n in read_issue(folder).notices if n.subtype == "title-inferred"] == ["p03-07"]
    (folder / "20200102-03.corrections.toml").write_text(
        '[[article]]\nid = "p03-07"\ntitle = "续篇"\n', encoding="utf-8"
    )
    issue = read_issue(folder)
    assert [n for n in issue.notices if n.subtype == "title-inferred"] == []
    assert [a.title for a in issue.pages[1].articles] == ["王毅同伊朗外长举行会谈", "续篇"]


# [[furniture]] in a picture's caption or credit; one that matches nothing is a located warning


def page_with_pictures() -> Page:
    lead = Figure((0, 0, 10, 10), "lead.jpg", caption="市民在湖边游览。", credit="记者周文摄", number=1)
    advert = Figure((0, 20, 10, 30), "advert.jpg", caption="夏日特价 咨询热线：87654321", number=2)
    return replace(
        page(),
        articles=[replace(page().articles[0], figures=[lead])],
        figures=[advert],
    )


def test_furniture_takes_a_credit_or_a_line_from_a_pictures_caption_and_keeps_the_picture(tmp_path):
    path = tmp_path / "page.corrections.toml"
    path.write_text('[[furniture]]\ntext = "记者周文摄"\n\n[[furniture]]\ntext = "咨询热线：87654321"\n')
    result = apply_corrections(page_with_pictures(), path)
    (lead,) = result.articles[0].figures
    (advert,) = result.figures
    assert (lead.image, lead.caption, lead.credit) == ("lead.jpg", "市民在湖边游览。", None)
    assert (advert.image, advert.caption) == ("advert.jpg", "夏日特价")
    assert result.furniture == ["记者周文摄", "咨询热线：87654321"]
    assert result.notices == []
    # the page the corrections were given is as it was (the ingest's cache keeps it)
    assert page_with_pictures().articles[0].figures[0].credit == "记者周文摄"


def test_furniture_takes_a_whole_caption_with_its_credit(tmp_path):
    path = tmp_path / "page.corrections.toml"
    path.write_text('[[furniture]]\ntext = "市民在湖边游览。 记者周文摄"\n')
    (lead,) = apply_corrections(page_with_pictures(), path).articles[0].figures
    assert (lead.caption, lead.credit) == (None, None)


def test_furniture_found_nowhere_is_a_warning_at_its_line_and_the_rest_applies(tmp_path):
    path = tmp_path / "page.corrections.toml"
    path.write_text(
        '# corrections\n[[furniture]]\ntext = "记者周文摄"\n\n[[ furniture ]]\ntext = "没有的字"\n',
        encoding="utf-8",
    )
    result = apply_corrections(page_with_pictures(), path)
    assert result.furniture == ["记者周文摄"]
    (notice,) = result.notices
    assert (notice.subtype, notice.source, notice.line) == (Subtype.CORRECTION, str(path), 5)
    assert (
        "[[furniture]] #2: the text '没有的字' is in no article, caption or picture credit" in notice.message
    )


def test_the_real_gansu_page_credit_of_its_photo_as_furniture(tmp_path, corpus):
    pdf = tmp_path / "gansu.pdf"
    shutil.copy(corpus / "pages" / "gansu-fazhibao-2024-08-09-p08.pdf", pdf)
    (photo,) = read_page(pdf).figures
    assert photo.credit == "新甘肃·甘肃法治报通讯员 朱艳霞 摄"
    (tmp_path / "gansu.corrections.toml").write_text(
        '[[furniture]]\ntext = "新甘肃·甘肃法治报通讯员 朱艳霞 摄"\n', encoding="utf-8"
    )
    page = read_page(pdf)
    (photo,) = page.figures
    assert photo.credit is None and photo.caption.startswith("辅警开展专项训练。")
    assert page.furniture[-1] == "新甘肃·甘肃法治报通讯员 朱艳霞 摄"
    assert not [notice for notice in page.notices if notice.subtype == Subtype.CORRECTION]


def test_a_pdf_issue_book_shows_furniture_taken_from_captions_and_warns_where_nothing_matched(
    make_app, tmp_path
):
    srcdir = copy_root("pdf-photos", tmp_path)
    corrections = srcdir / "issues" / "photos-2024-06-03.corrections.toml"
    corrections.write_text(
        "[[furniture]]             # the credit of the lead story's photo (page 1)\n"
        'text = "记者周文摄"\n\n'
        "[[furniture]]             # a line of the caption of page 1's own photo\n"
        'text = "当日，我市小麦收割进度过半。"\n\n'
        "[[furniture]]\n"
        'text = "本报没有的字"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = [line for line in warning_lines(app) if "WARNING" in line]
    assert len(warnings) == 1, warnings
    assert f"{corrections}:7: WARNING: [[furniture]] #3: the text '本报没有的字'" in warnings[0]
    assert warnings[0].endswith("[newspaper.correction]")
    lead = html(app, "newspaper/2024-06-03/p01-01")
    figure = re.search(r'<figure class="newspaper-figure[^"]*"[^>]*>(.*?)</figure>', lead, re.S)[1]
    assert "-p1-2.jpg" in figure and "市民在湿地公园环湖步道上游览。" in figure
    assert "记者周文摄" not in lead and "newspaper-credit" not in lead
    front = html(app, "newspaper/2024-06-03/p01")
    field = re.search(r'<figure class="newspaper-figure[^"]*"[^>]*>(.*?)</figure>', front, re.S)[1]
    assert "-p1-4.jpg" in field and "6月2日，农民在城郊的麦田里抢收小麦。" in field
    assert "进度过半" not in field and '<span class="newspaper-credit">通讯员林一摄</span>' in field
    furniture = re.search(r'<div class="newspaper-furniture[^"]*">(.*?)</div>', front, re.S)[1]
    assert '<p class="newspaper-furniture-line">记者周文摄</p>' in furniture
    assert "当日，我市小麦收割进度过半。" in furniture
    images = sorted(p.name for p in (Path(app.outdir) / "_images").iterdir())
    assert [name.split("-", 1)[1] for name in images] == [
        "p1-2.jpg",
        "p1-4.jpg",
        "p1.jpg",
        "p2-2.jpg",
        "p2.jpg",
    ]
