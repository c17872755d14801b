"""Bad input never breaks a book and never loses text (issue 7).

Encodings, line ends, empty, binary and garbled files, pages without articles, odd titles,
huge pages, paths outside the project; and property tests: any page text either reads into
a page that keeps every character, or is refused with the one documented error.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import zipfile
from pathlib import Path

import opencc
import pytest
from building import EXAMPLE_ISSUES, page_project, warning_lines, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_robustness import page_text

from sphinx_newspaper.conservation import conservation
from sphinx_newspaper.ingest import IngestError, archive_issues, read_issue, read_page
from sphinx_newspaper.ingest.decode import decode, read_text
from sphinx_newspaper.ingest.page import parse_page
from sphinx_newspaper.model import Page


def articles_of(page: Page) -> list[tuple[str | None, str, list[str]]]:
    return [(a.kicker, a.title, [b.text for b in a.blocks]) for a in page.articles]


def keeps_everything(page: Page, text: str) -> None:
    kept, total, missing = conservation(page, text)
    assert kept == total, missing


# -- encodings and line ends -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_the_same_page_in_any_encoding_gives_the_same_articles(
    example_page: Path, tmp_path: Path, encoding: str
):
    text = example_page.read_text(encoding="utf-8")
    reference = read_page(example_page)
    copy = tmp_path / f"page-{encoding}.txt"
    copy.write_bytes(text.encode(encoding))
    page = read_page(copy)
    assert articles_of(page) == articles_of(reference)
    assert page.date == reference.date and page.section == reference.section


def test_big5_traditional_page_reads_like_its_utf8_twin(example_page: Path, tmp_path: Path):
    text = opencc.OpenCC("s2tw").convert(example_page.read_text(encoding="utf-8"))
    text = text.encode("big5", errors="ignore").decode("big5")  # the few characters Big5 lacks
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    reference = read_page(tmp_path / "utf8.txt")
    assert len(reference.articles) == 3
    assert articles_of(read_page(tmp_path / "big5.txt")) == articles_of(reference)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(example_page: Path, tmp_path: Path, newline: str):
    text = example_page.read_text(encoding="utf-8")
    copy = tmp_path / "page.txt"
    copy.write_bytes(text.replace("\n", newline).encode("utf-8"))
    assert articles_of(read_page(copy)) == articles_of(read_page(example_page))


def test_unknown_encoding_suggests_the_option(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_bytes("新聞の本文です。東京都で開かれた会議について。".encode("shift_jis") * 20)
    with pytest.raises(IngestError) as caught:
        read_text(page)
    message = str(caught.value)
    assert str(page) in message and ":encoding:" in message and "--encoding" in message


def test_an_explicit_encoding_skips_detection(example_page: Path, tmp_path: Path):
    copy = tmp_path / "page.txt"
    copy.write_bytes(example_page.read_text(encoding="utf-8").encode("gb18030"))
    assert articles_of(read_page(copy, encoding="gb18030")) == articles_of(read_page(example_page))
    with pytest.raises(IngestError, match="is not valid utf-8"):
        read_page(copy, encoding="utf-8")


# -- files that are not pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\t\n\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("昭通日报新闻报道".encode().decode("latin-1").encode() * 30, "not readable Chinese"),
        (
            "昭通日报记者报道了这次会议的情况。".encode().decode("gbk", errors="replace").encode() * 30,
            "not readable Chinese",
        ),
    ],
)
def test_files_that_are_not_pages_are_refused_with_their_name(tmp_path: Path, content: bytes, problem: str):
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_page(page)
    assert str(page) in str(caught.value) and problem in str(caught.value)


def test_garbled_font_encoding_is_refused(corpus: Path):
    for name in ("garbled-font-encoding.blocks.txt", "garbled-font-encoding.pdftotext.txt"):
        with pytest.raises(IngestError, match="broken font encoding"):
            read_page(corpus / "pages" / name)


def test_a_page_of_only_furniture_has_no_articles_and_keeps_its_text():
    text = "责编 王杨林 美编 季春\n投稿邮箱:fzwbbjb@126.com\n新闻热线:83770333\nZHAOTONG RIBAO\n"
    page = parse_page(text, "furniture.txt")
    assert page.articles == []
    assert [n.subtype for n in page.notices] == ["no-articles"]
    keeps_everything(page, text)


# -- odd articles --------------------------------------------------------------------------------

ODD_PAGE = """\
 3 2024年1月5日 星期五 综合新闻

标题重复

本报讯 第一篇文章的正文写在这里，内容很短。

标题重复

本报讯 第二篇文章的正文也写在这里，内容同样很短。

{long_title}

本报讯 标题很长的文章。

！？……

本报讯 标题只有标点的文章。

好。
"""


def test_duplicate_long_and_punctuation_titles_and_one_character_articles_build(make_app, tmp_path: Path):
    long_title = "很长的标题" * 40
    text = ODD_PAGE.format(long_title=long_title)
    page = parse_page(text, "odd.txt")
    keeps_everything(page, text)
    titles = [a.title for a in page.articles]
    assert titles[:3] == ["标题重复", "标题重复", long_title]
    assert [a.id for a in page.articles if a.title_inferred] == ["p03-04"]
    srcdir = page_project(tmp_path, text)
    problems: list[str] = []
    for builder in ("epub", "html"):  # the second build reads nothing again: one environment
        app = make_app(builder, srcdir=srcdir)
        app.build()
        problems += warning_lines(app)
        app.cleanup()  # unregister docutils nodes before the next app of this test
    (problem,) = problems
    assert problem.endswith(
        "WARNING: article p03-04 has no headline in the text; titled '本报讯标题只有标点的文章' "
        "from its first words (set its title in a corrections file) [newspaper.title-inferred]"
    )
    files = {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("p03-*.html")}
    assert sorted(files) == [f"p03-{n:02d}.html" for n in range(1, len(page.articles) + 1)]
    pages = "".join(files.values())
    # each title on its own page, in the previous/next links of its neighbours and in its page's
    # headline list (the page document p03.html is not among these)
    assert [files[f"p03-0{n}.html"].count("<h1>标题重复") for n in (1, 2)] == [1, 1]
    assert long_title in pages and "！？……" in pages and "好。" in pages


def test_a_page_of_100000_lines_reads_and_keeps_every_character():
    paragraph = ["据介绍，这是一段用来测试很长版面的正文，", "每一行都按栏宽折行排列，内容不断重复。"]
    lines = [" 1 2024年1月5日 星期五 要闻", "长篇测试", "本报讯 开始。"]
    while len(lines) < 100_000:
        lines.extend(paragraph)
    text = "\n".join(lines) + "\n"
    page = parse_page(text, "long.txt")
    ((article,),) = [page.articles]
    assert article.title == "长篇测试"
    assert [block.text for block in article.blocks[:1]] == ["本报讯开始。"]
    assert [block.kind for block in article.blocks] == ["paragraph", "paragraph"]
    keeps_everything(page, text)


# -- paths ----------------------------------------------------------------------------------------


def test_symlink_pointing_outside_the_project_is_refused(make_app, tmp_path: Path, example_page: Path):
    srcdir = page_project(tmp_path)
    (srcdir / "page.txt").unlink()
    os.symlink(example_page, srcdir / "page.txt")
    app = make_app("html", srcdir=srcdir)
    app.build()
    (error,) = warning_lines(app)
    assert error.startswith(f"{srcdir / 'index.rst'}:4: ERROR: newspaper-issue: 'page.txt' resolves to ")
    assert "outside the source directory" in error
    assert "Traceback" not in warnings_of(app)


@pytest.mark.parametrize("argument", ["missing.txt", "missing-folder/"])
def test_missing_files_and_folders_are_clear_errors(make_app, tmp_path: Path, argument: str):
    srcdir = page_project(tmp_path, argument=argument)
    app = make_app("html", srcdir=srcdir)
    app.build()
    (error,) = warning_lines(app)
    missing = srcdir / argument.rstrip("/")
    assert error == (
        f"{srcdir / 'index.rst'}:4: ERROR: newspaper-issue: {missing}: no such file or folder "
        "(check the path in the directive) [docutils]"
    )


# -- properties -----------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(text=page_text())
def test_generated_pages_keep_every_character(text: str):
    try:
        page = parse_page(text, "generated.txt")
    except IngestError:
        assert not text.strip()
        return
    keeps_everything(page, text)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_never_crash(data: bytes):
    try:
        text = decode(data, "random.bin")
        page = parse_page(text.replace("\r\n", "\n").replace("\r", "\n"), "random.bin")
    except IngestError as error:
        assert "random.bin" in str(error)
        return
    keeps_everything(page, text.replace("\r\n", "\n").replace("\r", "\n"))


@PROPERTY_SETTINGS
@given(text=st.text(st.characters(blacklist_categories=["Cs"]), max_size=600))
def test_any_text_keeps_every_character(text: str):
    try:
        page = parse_page(text, "any.txt")
    except IngestError:
        return
    keeps_everything(page, text)


# -- messages that say what is wrong (issue 12, item 11) ------------------------------------------


def test_a_forced_wrong_encoding_is_named_not_called_a_broken_pdf(example_page: Path, tmp_path: Path):
    copy = tmp_path / "page.txt"
    copy.write_bytes(example_page.read_bytes())
    with pytest.raises(IngestError) as caught:
        read_page(copy, encoding="latin-1")
    message = str(caught.value)
    assert "latin-1, the encoding named for it" in message and ":encoding:" in message
    assert "broken font encoding" not in message


def test_an_english_article_is_read_not_refused(tmp_path: Path):
    text = (
        " 8 2024年1月5日 星期五 国际\n\nChina and the world\n\n"
        + "The ministry said on Friday that the new rules would take effect next month, and that\n" * 12
        + "companies would have a year to adapt.\n"
    )
    page_file = tmp_path / "page.txt"
    page_file.write_text(text, encoding="utf-8")
    page = read_page(page_file)
    keeps_everything(page, text)
    assert any("ministry" in block.text for article in page.articles for block in article.blocks)


def test_ascii_garbage_of_a_broken_font_is_still_refused(corpus: Path):
    with pytest.raises(IngestError, match="broken font encoding"):
        read_page(corpus / "pages" / "garbled-font-encoding.blocks.txt")


def test_utf16_with_a_lone_surrogate_is_not_called_binary(example_page: Path, tmp_path: Path):
    text = example_page.read_text(encoding="utf-8")
    data = text[:200].encode("utf-16-le") + b"\x00\xd8" + text[200:].encode("utf-16-le")
    page = tmp_path / "page.txt"
    page.write_bytes(codecs.BOM_UTF16_LE + data)
    with pytest.raises(IngestError) as caught:
        read_text(page)
    message = str(caught.value)
    assert "starts with a UTF-16 byte-order mark but is not valid UTF-16" in message
    assert caught.value.line == text[:200].count("\n") + 1 and "binary" not in message


def test_utf16_without_a_byte_order_mark_is_detected(example_page: Path, tmp_path: Path):
    text = example_page.read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        page = tmp_path / f"{codec}.txt"
        page.write_bytes(text.encode(codec))
        assert articles_of(read_page(page)) == articles_of(read_page(example_page))


def test_mojibake_and_converter_damage_are_named(tmp_path: Path):
    page = tmp_path / "page.txt"
    for codec in ("latin-1", "cp1252"):
        page.write_bytes("昭通日报新闻报道".encode().decode(codec, errors="replace").encode() * 30)
        with pytest.raises(IngestError, match="UTF-8 that was once read as Latin-1"):
            read_page(page)
    page.write_bytes(
        ("昭通日报记者报道了这次会议的情况。".encode().decode("gbk", errors="replace")).encode() * 30
    )
    with pytest.raises(IngestError, match=r"replacement characters \(\ufffd\)"):
        read_page(page)


@pytest.mark.parametrize("name", ["P04.TXT", "p04.Txt"])
def test_page_files_are_read_whatever_the_letter_case_of_their_suffix(
    example_page: Path, tmp_path: Path, name: str
):
    issue = tmp_path / "issue"
    issue.mkdir()
    shutil.copy(example_page, issue / name)
    assert articles_of(read_issue(issue).pages[0]) == articles_of(read_page(example_page))


def test_an_archive_reads_txt_files_in_capitals_and_names_what_it_leaves_out(tmp_path: Path):
    archive = tmp_path / "issues"
    (archive / "20200101").mkdir(parents=True)
    source = EXAMPLE_ISSUES / "20200101"
    for file in source.iterdir():
        shutil.copy(file, archive / "20200101" / file.name.upper())
    (archive / "20200101" / "notes.docx").write_bytes(b"PK\x03\x04")
    (archive / "20200101" / "20200101-02.jpg").write_bytes(b"\xff\xd8")
    issues = dict(archive_issues(archive))
    issue = read_issue(issues["2020-01-01"])
    assert [page.number for page in issue.pages] == ["2", "5", "8"]
    notices = [notice.message for page in issue.pages for notice in page.notices]
    assert any("left out notes.docx" in message for message in notices)
    assert not any("jpg" in message for message in notices)


# -- text no output can hold (issue 12, item 5, input side) ---------------------------------------

CONTROL_PAGE = """\
 3 2024年1月5日 星期五 综合新闻

标题里有\x08退格

本报讯 第一篇文章的正文\x1b[31m写在这里，内容很短。
第二行\ufffe也有问题。

\x0c第二个标题

本报讯 第二篇文章的正文也写在这里，内容同样很短。
"""


def test_control_characters_and_noncharacters_are_left_out_and_reported_with_their_lines(tmp_path: Path):
    page_file = tmp_path / "page.txt"
    page_file.write_text(CONTROL_PAGE, encoding="utf-8")
    page = read_page(page_file)
    text = "".join(
        part for article in page.articles for part in (article.title, *(b.text for b in article.blocks))
    )
    assert not re.search("[\x00-\x08\x0b-\x1f\ufffe]", text)
    assert "标题里有退格" in text and "正文[31m写在这里" in text and "第二个标题" in text
    notices = [notice for notice in page.notices if notice.subtype == "invalid-character"]
    assert len(notices) == 1
    (notice,) = notices
    assert (notice.source, notice.line) == (str(page_file), 3)
    assert "U+0008 BACKSPACE (line 3)" in notice.message and "U+001B ESCAPE (line 5)" in notice.message
    assert "U+FFFE (line 6)" in notice.message and "U+000C" not in notice.message
    keeps_everything(page, read_text(page_file))


def test_inspect_check_counts_the_characters_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from sphinx_newspaper.cli import main

    page_file = tmp_path / "page.txt"
    page_file.write_text(CONTROL_PAGE, encoding="utf-8")
    assert main(["inspect", str(page_file), "--check"]) == 0
    out = capsys.readouterr().out
    assert "characters kept, 3 more left out that no output can show (newspaper.invalid-character)" in out


def test_control_characters_in_an_article_file_are_reported_with_its_name(tmp_path: Path):
    (tmp_path / "20200101-01-01.txt").write_text(
        "\n标题\x07\n\n\u3000\u3000本报讯 正文写在这里\x7f，内容很短。\n", encoding="utf-8"
    )
    issue = read_issue(tmp_path)
    notices = [notice for notice in issue.notices if notice.subtype == "invalid-character"]
    assert [(Path(n.source).name, n.line) for n in notices] == [("20200101-01-01.txt", 2)]
    assert "U+0007 BELL (line 2)" in notices[0].message and "U+007F DELETE (line 4)" in notices[0].message
    article = issue.pages[0].articles[0]
    assert article.title == "标题" and article.blocks[0].text == "本报讯 正文写在这里，内容很短。"


def test_a_page_with_control_characters_builds_in_html_and_epub_with_located_warnings(
    make_app, tmp_path: Path
):
    for builder in ("html", "epub"):
        srcdir = page_project(tmp_path / builder, CONTROL_PAGE)
        app = make_app(
            builder, srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]}
        )
        app.build()
        warnings = warnings_of(app)
        app.cleanup()
        assert "page.txt:3: WARNING: left out 3 character(s)" in warnings, warnings
        assert "[newspaper.invalid-character]" in warnings and "Traceback" not in warnings
    epub = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        xhtml = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith("html"))
    assert "标题里有退格" in xhtml and not re.search("[\x00-\x08\x0b-\x1f\ufffe]", xhtml)


# -- text no output can hold, in the project's own documents (issue 12, item 5, output side) -----


def test_control_characters_in_the_projects_own_documents_leave_every_format_whole(make_app, tmp_path: Path):
    srcdir = page_project(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"测试"', '"测试\\x08项目\\ufffe"'), encoding="utf-8"
    )
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n正文有\x1b[31m控制\x0c字符\ufffe。\n\n.. note:: 注\x07意\n",
        encoding="utf-8",
    )
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    for builder in ("html", "epub", "latex"):
        app = make_app(builder, srcdir=srcdir, freshenv=True)
        app.build()
        lines = warning_lines(app)
        app.cleanup()
        assert any("index.rst:7: WARNING: left out characters" in line for line in lines), lines
        assert "U+001B ESCAPE, U+FFFE" in "".join(lines) and "U+0007 BELL" in "".join(lines)
        assert "Traceback" not in warnings_of(app)
        if builder == "epub":
            (epub,) = Path(app.outdir).glob("*.epub")
            with zipfile.ZipFile(epub) as book:
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx", ".html")):
                        text = book.read(name).decode("utf-8")
                        assert not bad.search(text), name
                        assert "测试项目" not in text or "\x08" not in text
        elif builder == "latex":
            tex = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.tex"))
            assert not bad.search(tex) and "31m控制\\ 字符。" in tex
        else:
            html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
            assert not bad.search(html) and "正文有[31m控制 字符。" in html


def test_backslash_escapes_in_the_projects_own_documents_are_no_invalid_characters(make_app, tmp_path: Path):
    """docutils keeps ``\\(`` as NUL before ``(`` in its text nodes: not a character to warn of."""
    srcdir = page_project(tmp_path)
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n每月\\(共12期\\)与 \\*星号\\*。\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]})
    app.build()
    assert warning_lines(app) == []
    assert "每月(共12期)与 *星号*。" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


# -- characters the PDF's fonts lack (issue 12, item 7) -------------------------------------------

GLYPH_PAGE = """\
 3 2024年1月5日 星期五 综合新闻

人名用字测试

本报讯 村民𠀀大爷和𪚥女士来到会场😀，☆♞在\u200b这里。还有\U0001fae8符号。
"""


@pytest.mark.latex
def test_characters_the_fonts_lack_are_drawn_by_a_fallback_or_warned_about(make_app, tmp_path: Path):
    from building import make_pdf, pdf_text

    srcdir = page_project(tmp_path, GLYPH_PAGE)
    app = make_app("latex", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]})
    app.build()
    (warning,) = warning_lines(app)
    assert warning.startswith(f"{srcdir / 'page.txt'}:5: WARNING: the PDF's fonts have no glyph for")
    assert "(U+1FAE8)" in warning and warning.endswith("[newspaper.missing-glyph]")
    pdf, log = make_pdf(Path(app.outdir))
    assert re.findall(r"Missing character: There is no .*", log) == [
        m for m in re.findall(r"Missing character: There is no .*", log) if "U+1FAE8" in m
    ]
    assert "U+1FAE8" in log  # the one character no font has: warned about above, not silent
    text = "".join(pdf_text(pdf).split())
    assert "村民𠀀大爷和𪚥女士来到会场😀，☆♞在这里。" in text
