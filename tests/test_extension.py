"""The extension end to end on the example issue: generated documents, HTML, PDF, conversion."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from building import html, make_pdf, pdf_text, squeeze, warning_lines, warnings_of
from sphinx.errors import ConfigError

from sphinx_newspaper import __version__
from sphinx_newspaper.book.collect import ArticleRecord, book_of

ISSUE = "newspaper/2023-03-24"
TITLES = ["“耕”好党建“责任田”增强人民“幸福感”", "建“五型机关”促提质提效"]
#: One HTML build of the example issue, shared by the tests that only read it.
SHARED_HTML = "extension-issue-html"


def text_of(markup: str) -> str:
    """Visible text of an HTML page, tags removed and entities kept as written."""
    return re.sub(r"<[^>]+>", "", markup)


@pytest.mark.sphinx("html", testroot="issue")
def test_setup_declares_parallel_safety_and_env_version(app):
    metadata = app.extensions["sphinx_newspaper"]
    assert metadata.parallel_read_safe and metadata.parallel_write_safe
    # 6 since a page map names its page image instead of holding an image node; bump it when
    # the records or the stored nodes change shape
    assert metadata.version == __version__
    assert metadata.metadata == {"env_version": 6}


@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result=SHARED_HTML)
def test_one_document_per_article_grouped_by_page(app):
    app.build()
    srcdir = Path(app.srcdir)
    generated = sorted(p.relative_to(srcdir).as_posix() for p in (srcdir / ISSUE).glob("*.newspaper"))
    assert generated == [
        f"{ISSUE}/p04-01.newspaper",
        f"{ISSUE}/p04-02.newspaper",
        f"{ISSUE}/p04-03.newspaper",
        f"{ISSUE}/p04.newspaper",
    ]
    # The toctree nests articles under their page, and the page under the issue document.
    assert app.env.toctree_includes["index"] == [f"{ISSUE}/p04"]
    assert app.env.toctree_includes[f"{ISSUE}/p04"] == [f"{ISSUE}/p04-0{i}" for i in (1, 2, 3)]
    page = html(app, f"{ISSUE}/p04")
    assert "第4版" in page and "阅读昭通·党建" in page
    for title in TITLES:
        assert title in page


@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result=SHARED_HTML)
def test_article_page_shows_headline_parts_dateline_and_captions(app):
    app.build()
    first = html(app, f"{ISSUE}/p04-01")
    assert '<html lang="zh-Hans"' in first
    assert f"<h1>{TITLES[0]}" in first
    assert '<p class="newspaper-kicker">龙头山镇沙坝村——</p>' in first
    assert '<p class="newspaper-byline">通讯员 张永坤 文/图</p>' in first
    assert '<p class="newspaper-caption">鲁甸信用社到沙坝村开展贷款服务。</p>' in first
    dateline = re.search(r'<p class="newspaper-dateline">(.*?)</p>', first)[1]
    assert dateline == "昭通日报 · 2023年3月24日 星期五 · 第4版\u3000阅读昭通·党建"
    assert "<p>鲁甸县龙头山镇沙坝村坚持加强党建引领，紧紧围绕做大做强青花椒这一核心产业" in first
    assert re.search(r'<p class="[a-z -]*newspaper-subhead[a-z -]*">“产业发展\+金融帮扶”</p>', first)
    assert '<p class="newspaper-deck">打好产业“特色牌”，金融帮扶鼓起“钱袋子”</p>' in first
    third = html(app, f"{ISSUE}/p04-03")
    assert '<p class="newspaper-subtitle">——市委市直机关工委推动模范机关创建纪实</p>' in third
    assert '<p class="newspaper-caption">3月20日，昭通市举行模范机关创建示范单位授牌仪式。</p>' in third
    front = html(app, "index")
    for title in TITLES:
        assert title in front


@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result=SHARED_HTML)
def test_inferred_title_warns_with_file_and_line(app):
    app.build()
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert re.search(
        r"zhaotong-2023-03-24-p04\.txt:101: WARNING: article p04-02 has no headline in the text; "
        r"titled '目前，大耆老村范围内已建设宽带端口184个' .*\[newspaper\.title-inferred\]",
        warnings[0],
    )


@pytest.mark.sphinx(
    "html", testroot="issue", confoverrides={"suppress_warnings": ["newspaper.title-inferred"]}
)
def test_suppress_warnings_silences_the_subtype(app):
    app.build()
    assert warnings_of(app) == ""


@pytest.mark.sphinx("html", testroot="markup")
def test_article_text_is_never_markup(app):
    app.build()
    assert warnings_of(app) == ""
    pages = [html(app, name) for name in sorted(app.env.found_docs) if re.search(r"/p02-\d\d$", name)]
    assert len(pages) == 1, sorted(app.env.found_docs)
    markup = "\n".join(pages)
    visible = text_of(markup)
    for literal in [
        "*星号*",
        "`反引号`",
        "|竖线|",
        "**粗体**",
        "_下划线_",
        "|替换|",
        ":role:`x`",
        "..这一行",
    ]:
        assert literal in visible, literal
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "<script>alert" not in markup
    assert "<em>" not in markup and "<strong>" not in markup
    assert "[链接](http://example.org)" in visible


@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result=SHARED_HTML)
def test_theme_labels_follow_the_language_the_extension_sets(app):
    # conf.py sets no language: the extension chooses zh_CN after Sphinx loaded its labels.
    app.build()
    assert app.config.language == "zh_CN"
    page = html(app, f"{ISSUE}/p04-01")
    assert "<h3>导航</h3>" in page and "Navigation" not in page


@pytest.mark.sphinx("html", testroot="issue", confoverrides={"newspaper_convert": "s2tw"})
def test_s2tw_converts_all_text_and_tags_the_language(app):
    app.build()
    assert app.config.language == "zh_TW"
    third = html(app, f"{ISSUE}/p04-03")
    assert '<html lang="zh-TW"' in third
    assert "建“五型機關”促提質提效" in third
    assert "市人社局開展志願服務活動。" in third
    assert "——市委市直機關工委推動模範機關創建紀實" in third
    assert "阅读" not in html(app, f"{ISSUE}/p04") and "閱讀昭通·黨建" in html(app, f"{ISSUE}/p04")
    front = html(app, "index")
    assert '<html lang="zh-TW"' in front and "機關" in front


@pytest.mark.sphinx("html", testroot="issue", confoverrides={"newspaper_convert": "s2xx"})
def test_unknown_conversion_is_a_configuration_error_listing_valid_names(request):
    with pytest.raises(ConfigError, match=r"unknown OpenCC conversion 's2xx'.*s2tw.*s2hk"):
        request.getfixturevalue("app")


@pytest.mark.sphinx("html", testroot="outside")
def test_path_outside_the_source_directory_is_an_error(app):
    app.build()
    assert re.search(
        r"index\.rst:4: ERROR: newspaper-issue: '\.\./outside\.txt' resolves to .*outside\.txt, outside "
        r"the source directory .*; copy the issue files into the project",
        warnings_of(app),
    )
    assert len(warning_lines(app)) == 1
    assert not (Path(app.srcdir) / "newspaper").exists()


@pytest.mark.sphinx("html", testroot="issue")
def test_rebuild_rereads_nothing_until_the_issue_file_changes(app, make_app):
    app.build()
    srcdir = Path(app.srcdir)
    generated = {p: p.stat().st_mtime_ns for p in (srcdir / ISSUE).glob("*.newspaper")}

    def rebuild() -> list[str]:
        read: list[str] = []
        app = make_app("html", srcdir=srcdir)
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        app.build()
        return sorted(read)

    assert rebuild() == []
    assert {p: p.stat().st_mtime_ns for p in generated} == generated  # written only when changed
    page = srcdir / "zhaotong-2023-03-24-p04.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("正风肃纪", "正风肃纪严"), encoding="utf-8")
    # the document with the directive, and the one article whose text changed
    assert rebuild() == ["index", f"{ISSUE}/p04-03"]


@pytest.mark.sphinx(
    "html", testroot="issue", confoverrides={"exclude_patterns": ["_build", f"{ISSUE}/p04-02.newspaper"]}
)
def test_links_to_an_excluded_article_warn_and_keep_their_text(app):
    app.build()
    warnings = warnings_of(app)
    link_warnings = [line for line in warnings.splitlines() if "[newspaper.link]" in line]
    # The headline lists of the front and the page, and both neighbours' previous/next links.
    located = sorted(re.search(r"issue/(\S+?):\d+: WARNING", line)[1] for line in link_warnings)
    assert located == sorted(
        ["index.rst", *(f"{ISSUE}/{name}.newspaper" for name in ("p04", "p04-01", "p04-03"))]
    )
    assert all(f"link to '{ISSUE}/p04-02'" in line for line in link_warnings)
    first, front = html(app, f"{ISSUE}/p04-01"), html(app, "index")
    assert re.search(r'<p class="newspaper-next">.*大耆老村.*</p>', first, re.S)
    assert f'href="{ISSUE}/p04-02.html"' not in front
    assert f'href="{ISSUE}/p04-03.html"' in front


@pytest.mark.sphinx("html", testroot="issue", parallel=2)
def test_parallel_build_article_records(app):
    """Article records come from the book, the same after a parallel read."""
    app.build()
    book = book_of(app)
    assert all(book.article_record(f"{ISSUE}/p04-0{i}") for i in (1, 2, 3))
    assert book.article_record(f"{ISSUE}/p04") is None
    assert book.article_record("index") is None
    assert book.article_record(f"{ISSUE}/p04-03") == ArticleRecord(
        issue_key="2023-03-24",
        article_id="p04-03",
        title=TITLES[1],
        kicker=None,
        byline="通讯员 胡华伦",
        page_number="4",
        section="阅读昭通·党建",
        date="2023-03-24",
        language="zh-Hans",
    )
    for i in (1, 2, 3):
        assert (Path(app.outdir) / ISSUE / f"p04-0{i}.html").exists()


def converted(convert: str | None, *values: object) -> pytest.ParameterSet:
    """A case of the example issue built as LaTeX with ``newspaper_convert = convert``."""
    marks = pytest.mark.sphinx("latex", testroot="issue", confoverrides={"newspaper_convert": convert})
    return pytest.param(convert, *values, marks=marks, id=convert or "none")


@pytest.mark.latex
@pytest.mark.parametrize(
    ("convert", "font", "lang", "paper", "section"),
    [
        converted(None, "Noto Serif CJK SC", "zh-Hans", "昭通日报", "阅读昭通·党建"),
        converted("s2tw", "Noto Serif CJK TC", "zh-TW", "昭通日報", "閱讀昭通·黨建"),
        converted("s2hk", "Noto Serif CJK HK", "zh-HK", "昭通日報", "閲讀昭通·黨建"),
        converted("s2t", "Noto Serif CJK TC", "zh-Hant", "昭通日報", "閱讀昭通·黨建"),
    ],
)
def test_pdf_has_every_title_and_no_missing_characters(app, convert, font, lang, paper, section):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex"))
    assert tex.name == "zhaotong-ribao-2023-03-24.tex"
    source = tex.read_text(encoding="utf-8")
    assert rf"\setCJKmainfont{{{font}}}" in source and "FreeSerif" not in source
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    assert "Overfull \\hbox" not in log
    text = squeeze(pdf_text(pdf))
    titles = TITLES if convert is None else ["“耕”好黨建“責任田”增強人民“幸福感”", "建“五型機關”促提質提效"]
    for title in titles:
        assert title in text
    reader = pypdf.PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == lang
    meta = reader.metadata
    assert meta["/CreationDate"].startswith("D:20230324")
    assert meta["/Title"] == f"{paper} 2023年3月24日"
    assert meta["/Author"] == paper
    assert meta["/Subject"] == section  # the page's section (閲 in Hong Kong, 閱 in Taiwan)


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="issue")
def test_pdf_reads_in_page_order_with_each_body_after_its_title(app):
    app.build()
    pdf, _log = make_pdf(Path(app.outdir))
    pages = [squeeze(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    text = "".join(pages)
    body_starts = [
        "鲁甸县龙头山镇沙坝村坚持加强党建引领",
        "已建设宽带端口184个，覆盖家庭住户",
        "2022年，昭通市6家单位被命名为",
    ]
    titles = [TITLES[0], "目前，大耆老村范围内已建设宽带端口184个", TITLES[1]]
    positions = []
    for title, body in zip(titles, body_starts, strict=True):
        start = text.index(body)
        heading = text.rfind(title, 0, start)
        assert 0 <= start - heading < 400, (title, heading, start)  # the body opens under its headline
        positions.append(start)
    assert positions == sorted(positions)
    assert text.index("鲁甸信用社到沙坝村开展贷款服务") > positions[0]


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="markup")
def test_pdf_prints_special_characters_literally(app):
    app.build()
    pdf, _log = make_pdf(Path(app.outdir))
    text = squeeze(pdf_text(pdf))
    specials = ["\\", "%", "#", "&", "{}", "~", "^"]
    for literal in [
        *specials,
        "*星号*",
        "|竖线|",
        "**粗体**",
        "_下划线_",
        "<script>alert(1)</script>",
        "\\",
        "%",
        "#",
        "&",
        "{}",
        "~",
        "^",
    ]:
        assert literal in text, literal


@pytest.mark.sphinx("html", testroot="issue")
def test_a_first_build_counts_each_document_once(app):
    """The generated documents are added, not also changed (Sphinx's log counts both)."""
    app.build()
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", app.status.getvalue())
    assert counts and counts.groups() == (str(len(app.env.found_docs)), "0", "0")
