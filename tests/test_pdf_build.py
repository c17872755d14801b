"""A book from e-paper PDFs (issue 13): the synthetic two-page issue built to HTML, EPUB (checked
by the W3C checker) and PDF (XeLaTeX, read back), and an archive of PDF issues."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from building import html, make_pdf, pdf_text, squeeze, warning_lines
from pdf_handset import ISSUES
from test_epub import Built, epubcheck

ISSUE = "newspaper/2024-05-06"
TITLES = ["田间地头备耕忙", "新建图书馆下月开放", "老旧小区改造惠及万户"]


@pytest.mark.sphinx("html", testroot="pdf")
@pytest.mark.test_params(shared_result="pdf-html")
def test_pdf_issue_builds_one_document_per_article(app):
    app.build()
    assert app.env.toctree_includes["index"] == [f"{ISSUE}/p03", f"{ISSUE}/p04"]
    assert app.env.toctree_includes[f"{ISSUE}/p03"] == [f"{ISSUE}/p03-0{n}" for n in (1, 2, 3, 4)]
    assert app.env.toctree_includes[f"{ISSUE}/p04"] == [f"{ISSUE}/p04-01"]
    warnings = warning_lines(app)
    assert len(warnings) == 2, warnings
    assert all("epaper-2024-05-06.pdf#page=1" in w and "[newspaper.title-inferred]" in w for w in warnings)


@pytest.mark.sphinx("html", testroot="pdf")
@pytest.mark.test_params(shared_result="pdf-html")
def test_pdf_issue_in_html_keeps_headlines_order_and_text(app):
    app.build()
    front = html(app, "index")
    positions = [front.index(title) for title in TITLES]
    assert positions == sorted(positions)
    lead = html(app, f"{ISSUE}/p03-01")
    assert "<h1>田间地头备耕忙" in lead
    assert '<p class="newspaper-kicker">春耕时节——</p>' in lead
    assert '<p class="newspaper-subtitle">——我县多措并举保障春耕生产</p>' in lead
    assert '<p class="newspaper-byline">本报记者 张明 通讯员 李华</p>' in lead
    assert "<p>眼下正值春耕备耕的关键时期，我县各乡镇抢抓农时，组织群众开展翻耕整地" in lead
    assert re.search(r'<p class="[a-z -]*newspaper-subhead[a-z -]*">科技服务送到田间</p>', lead)
    dateline = re.search(r'<p class="newspaper-dateline">(.*?)</p>', lead)[1]
    assert "测试日报" in dateline and "2024年5月6日" in dateline and "第3版" in dateline
    library = html(app, f"{ISSUE}/p03-02")
    assert '<p class="newspaper-caption">图为读者在新馆试读。赵六摄</p>' in library


@pytest.mark.epubcheck
@pytest.mark.sphinx("epub", testroot="pdf")
def test_pdf_issue_as_epub_passes_epubcheck(app):
    app.build()
    built = Built(app)
    with built.zip as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    for title in TITLES:
        assert title in text
    report = epubcheck(built.path)
    assert report["messages"] == []
    checker = report["checker"]
    assert checker["nFatal"] == checker["nError"] == checker["nWarning"] == checker["nUsage"] == 0


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="pdf")
def test_pdf_issue_as_a_printed_book(app):
    app.build()
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    text = squeeze(pdf_text(pdf))
    positions = [text.find(title) for title in TITLES]
    assert -1 not in positions and positions == sorted(positions)
    assert "眼下正值春耕备耕的关键时期" in text and "让老旧小区焕发新活力。" in text


@pytest.mark.sphinx("html", testroot="pdf")
def test_archive_of_pdf_issues_builds_each_issue(app, make_app):
    srcdir = Path(app.srcdir)
    archive = srcdir / "archive"
    archive.mkdir()
    shutil.copy(ISSUES / "epaper-2024-05-06.pdf", archive / "20240506.pdf")
    shutil.copy(ISSUES / "epaper-2024-05-07.pdf", archive / "20240507.pdf")
    (srcdir / "index.rst").write_text(
        "测试日报合订本\n==============\n\n.. newspaper-archive:: archive\n   :paper: 测试日报\n",
        encoding="utf-8",
    )
    volume = make_app(
        "html", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]}
    )
    volume.build()
    # (a second app in one process registers the extensions again: Sphinx says so, and only that)
    assert [w for w in warning_lines(volume) if "while setting up extension" not in w] == []
    includes = volume.env.toctree_includes
    assert includes["index"] == ["newspaper/2024-05-06/index", "newspaper/2024-05-07/index"]
    assert includes["newspaper/2024-05-06/index"] == ["newspaper/2024-05-06/p03", "newspaper/2024-05-06/p04"]
    second = html(volume, "newspaper/2024-05-07/index")
    assert "测试日报 2024年5月7日" in second and "田间地头备耕忙" in second
