"""Bad input never breaks a book and never loses text (issue 7).

Encodings, line ends, empty, binary and garbled files, pages without articles, odd titles,
huge pages, paths outside the project; and property tests: any page text either reads into
a page that keeps every character, or is refused with the one documented error.
"""

from __future__ import annotations

import os
from pathlib import Path

import opencc
import pytest
from building import build, warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_robustness import page_text

from sphinx_newspaper.conservation import conservation
from sphinx_newspaper.ingest import IngestError, read_page
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
    srcdir = tmp_path / "odd"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_newspaper"]\nproject = "测试"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("测试\n====\n\n.. newspaper-issue:: page.txt\n", encoding="utf-8")
    (srcdir / "page.txt").write_text(text, encoding="utf-8")
    for builder in ("html", "epub"):
        app = build(make_app, srcdir, builder)
        problems = [line for line in warnings_of(app).splitlines() if "WARNING" in line or "ERROR" in line]
        app.cleanup()  # unregister docutils nodes before the next app of this test
        assert all("title-inferred" in line for line in problems), problems
    app = build(make_app, srcdir, "html")
    pages = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("p03-*.html"))
    assert pages.count("标题重复") >= 2 and long_title in pages and "！？……" in pages and "好。" in pages
    names = sorted(p.name for p in Path(app.outdir).rglob("p03-*.html"))
    assert names == [f"p03-{n:02d}.html" for n in range(1, len(page.articles) + 1)]


def test_a_page_of_100000_lines_reads_and_keeps_every_character():
    paragraph = ["据介绍，这是一段用来测试很长版面的正文，", "每一行都按栏宽折行排列，内容不断重复。"]
    lines = [" 1 2024年1月5日 星期五 要闻", "长篇测试", "本报讯 开始。"]
    while len(lines) < 100_000:
        lines.extend(paragraph)
    text = "\n".join(lines) + "\n"
    page = parse_page(text, "long.txt")
    assert page.articles and sum(len(a.blocks) for a in page.articles) >= 1
    keeps_everything(page, text)


# -- paths ----------------------------------------------------------------------------------------


def write_project(srcdir: Path, argument: str) -> None:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_newspaper"]\nproject = "测试"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(f"测试\n====\n\n.. newspaper-issue:: {argument}\n", encoding="utf-8")


def test_symlink_pointing_outside_the_project_is_refused(make_app, tmp_path: Path, example_page: Path):
    srcdir = tmp_path / "book"
    write_project(srcdir, "page.txt")
    os.symlink(example_page, srcdir / "page.txt")
    app = build(make_app, srcdir)
    warnings = warnings_of(app)
    assert "page.txt" in warnings and "outside the source directory" in warnings
    assert "Traceback" not in warnings


@pytest.mark.parametrize("argument", ["missing.txt", "missing-folder/"])
def test_missing_files_and_folders_are_clear_errors(make_app, tmp_path: Path, argument: str):
    srcdir = tmp_path / "book"
    write_project(srcdir, argument)
    app = build(make_app, srcdir)
    warnings = warnings_of(app)
    assert "index.rst" in warnings and "missing" in warnings and "no such file or folder" in warnings


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
