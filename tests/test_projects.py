"""The extension in other people's projects: an English project with one newspaper page keeps
its language, labels and PDF; rebuilding with nothing changed changes no configuration."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from building import build, copy_root, warnings_of

ISSUE = "newspaper/2023-03-24"
ARTICLE = f"{ISSUE}/p04-01"


def html(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page)[1]


@pytest.mark.parametrize("language", [None, "en"])
def test_an_english_project_stays_english_around_its_newspaper_pages(make_app, tmp_path, language):
    overrides = {"language": language} if language else {}
    app = build(make_app, copy_root("mixed", tmp_path), **overrides)
    assert warnings_of(app) == ""
    assert app.config.language == "en"
    index, news, article = html(app, "index"), html(app, "news"), html(app, ARTICLE)
    assert html_lang(index) == html_lang(news) == "en"
    assert "Navigation" in index and "导航" not in index  # the theme's labels
    # The newspaper's own pages.
    assert html_lang(article) == html_lang(html(app, f"{ISSUE}/p04")) == "zh-Hans"
    assert "“耕”好党建“责任田”增强人民“幸福感”" in article
    searchindex = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert "field" in searchindex  # the English stemmer's words


def test_an_english_project_keeps_its_pdf_name_and_title(make_app, tmp_path):
    app = build(make_app, copy_root("mixed", tmp_path), "latex")
    assert warnings_of(app) == ""
    assert [p.name for p in Path(app.outdir).glob("*.tex")] == ["fieldguide.tex"]
    tex = (Path(app.outdir) / "fieldguide.tex").read_text(encoding="utf-8")
    assert r"\title{Field Guide}" in tex
    assert r"\setCJKmainfont{Noto Serif CJK SC}" in tex  # the Chinese pages still print
    assert "昭通日报 2023年3月24日" not in tex.split(r"\begin{document}")[0]


def test_a_newspaper_book_still_gets_its_language_and_pdf_name(make_app, tmp_path):
    app = build(make_app, copy_root("issue", tmp_path), "latex")
    assert app.config.language == "zh_CN"
    assert [p.name for p in Path(app.outdir).glob("*.tex")] == ["zhaotong-ribao-2023-03-24.tex"]


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_a_rebuild_with_nothing_changed_changes_no_configuration(make_app, tmp_path, builder):
    srcdir = copy_root("issue", tmp_path)
    # Named: the test application would otherwise change the theme after conf.py.
    theme = {"html_theme": "basic"}
    build(make_app, srcdir, builder, **theme)
    status = StringIO()
    read: list[str] = []
    app = make_app(builder, srcdir=srcdir, status=status, confoverrides=theme)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert "configuration has changed" not in status.getvalue()
    assert read == []
