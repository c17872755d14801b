"""A book from e-paper PDFs (issue 13): the synthetic two-page issue built to HTML, EPUB (checked
by the W3C checker) and PDF (XeLaTeX, read back), and an archive of PDF issues."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from building import build, copy_root, make_pdf, pdf_text, squeeze, warnings_of
from test_epub import build_epub, epubcheck
from test_pdf import ISSUES

ISSUE = "newspaper/2024-05-06"
TITLES = ["田间地头备耕忙", "新建图书馆下月开放", "老旧小区改造惠及万户"]


def html(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def test_pdf_issue_builds_one_document_per_article(make_app, tmp_path):
    srcdir = copy_root("pdf", tmp_path)
    app = build(make_app, srcdir)
    assert app.env.toctree_includes["index"] == [f"{ISSUE}/p03", f"{ISSUE}/p04"]
    assert app.env.toctree_includes[f"{ISSUE}/p03"] == [f"{ISSUE}/p03-0{n}" for n in (1, 2, 3, 4)]
    assert app.env.toctree_includes[f"{ISSUE}/p04"] == [f"{ISSUE}/p04-01"]
    warnings = warnings_of(app).strip().splitlines()
    assert len(warnings) == 2 and all("[newspaper.title-inferred]" in w for w in warnings), warnings
    assert all("epaper-2024-05-06.pdf#page=1" in w for w in warnings)


def test_pdf_issue_in_html_keeps_headlines_order_and_text(make_app, tmp_path):
    app = build(make_app, copy_root("pdf", tmp_path))
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
def test_pdf_issue_as_epub_passes_epubcheck(tmp_path):
    built = build_epub(copy_root("pdf", tmp_path), tmp_path / "_build")
    with built.zip as archive:
        names = archive.namelist()
        text = "".join(archive.read(n).decode("utf-8") for n in names if n.endswith(".xhtml"))
    for title in TITLES:
        assert title in text
    report = epubcheck(built.path)
    assert report["messages"] == []
    checker = report["checker"]
    assert checker["nFatal"] == checker["nError"] == checker["nWarning"] == 0


@pytest.mark.latex
def test_pdf_issue_as_a_printed_book(make_app, tmp_path):
    app = build(make_app, copy_root("pdf", tmp_path), "latex")
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    text = squeeze(pdf_text(pdf))
    positions = [text.find(title) for title in TITLES]
    assert -1 not in positions and positions == sorted(positions)
    assert "眼下正值春耕备耕的关键时期" in text and "让老旧小区焕发新活力。" in text


def test_archive_of_pdf_issues_builds_each_issue(make_app, tmp_path):
    srcdir = tmp_path / "archive"
    (srcdir / "issues").mkdir(parents=True)
    shutil.copy(ISSUES / "epaper-2024-05-06.pdf", srcdir / "issues" / "20240506.pdf")
    shutil.copy(ISSUES / "epaper-2024-05-07.pdf", srcdir / "issues" / "20240507.pdf")
    shutil.copy(copy_root("pdf", tmp_path) / "conf.py", srcdir / "conf.py")
    (srcdir / "index.rst").write_text(
        "测试日报合订本\n==============\n\n.. newspaper-archive:: issues\n   :paper: 测试日报\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir, suppress_warnings=["newspaper.title-inferred"])
    assert warnings_of(app) == ""
    assert app.env.toctree_includes["index"] == ["newspaper/2024-05-06/index", "newspaper/2024-05-07/index"]
    second = (Path(app.outdir) / "newspaper" / "2024-05-07" / "index.html").read_text(encoding="utf-8")
    assert "测试日报 2024年5月7日" in second and "田间地头备耕忙" in second
