"""The extension in other people's projects: an English project with one newspaper page keeps
its language, labels and PDF; rebuilding with nothing changed changes no configuration, reads
nothing and writes the same book."""

from __future__ import annotations

import re
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from building import html, warnings_of

from sphinx_newspaper.book.collect import book_of

ISSUE = "newspaper/2023-03-24"
ARTICLE = f"{ISSUE}/p04-01"
#: Named: the test application would otherwise change the theme after conf.py.
THEME = {"html_theme": "basic"}


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page)[1]


@pytest.mark.parametrize(
    "language",
    [
        pytest.param(None, marks=pytest.mark.sphinx("html", testroot="mixed"), id="unset"),
        pytest.param(
            "en", marks=pytest.mark.sphinx("html", testroot="mixed", confoverrides={"language": "en"})
        ),
    ],
)
def test_an_english_project_stays_english_around_its_newspaper_pages(app, language):
    app.build()
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


@pytest.mark.sphinx("latex", testroot="mixed")
def test_an_english_project_keeps_its_pdf_name_and_title(app):
    app.build()
    assert warnings_of(app) == ""
    assert [p.name for p in Path(app.outdir).glob("*.tex")] == ["fieldguide.tex"]
    tex = (Path(app.outdir) / "fieldguide.tex").read_text(encoding="utf-8")
    assert r"\title{Field Guide}" in tex
    assert r"\setCJKmainfont{Noto Serif CJK SC}" in tex  # the Chinese pages still print
    assert "昭通日报 2023年3月24日" not in tex.split(r"\begin{document}")[0]


@pytest.mark.sphinx("latex", testroot="issue")
def test_a_newspaper_book_still_gets_its_language_and_pdf_name(app):
    app.build()
    assert app.config.language == "zh_CN"
    assert [p.name for p in Path(app.outdir).glob("*.tex")] == ["zhaotong-ribao-2023-03-24.tex"]


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="issue", confoverrides=THEME))
        for builder in ("html", "latex", "epub")
    ],
)
def test_a_rebuild_with_nothing_changed_changes_no_configuration(app, make_app, builder):
    app.build()
    status = StringIO()
    read: list[str] = []
    again = make_app(builder, srcdir=app.srcdir, status=status, confoverrides=THEME)
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert "configuration has changed" not in status.getvalue()
    assert read == []


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote, by path (the EPUB's members by their names in the zip)."""
    found: dict[str, bytes] = {}
    for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
        name = path.relative_to(outdir).as_posix()
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                found |= {f"{name}/{member}": archive.read(member) for member in archive.namelist()}
        found[name] = path.read_bytes()
    return found


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="issue", confoverrides=THEME))
        for builder in ("html", "epub", "latex")
    ],
)
def test_a_second_build_with_nothing_changed_writes_the_same_book(app, make_app, builder):
    """What a user's second ``sphinx-build`` gives: the book is there although no document is
    read (navigation, the EPUB's package and contents need it), and every file is the same."""
    app.build()
    first = output_files(Path(app.outdir))
    made = {"html": "p04-01.html", "epub": "p04-01.xhtml", "latex": "zhaotong-ribao-2023-03-24.tex"}
    assert any(name.endswith(made[builder]) for name in first)
    app.cleanup()  # as a new process would start: no node classes left registered
    again = make_app(builder, srcdir=app.srcdir, confoverrides=THEME)
    assert [entry.key for entry in book_of(again).issues] == ["2023-03-24"]  # before anything is read
    again.build()
    assert warnings_of(again) == ""
    second = output_files(Path(again.outdir))
    assert sorted(second) == sorted(first)
    changed = [name for name in first if second[name] != first[name]]
    assert changed == []


@pytest.mark.sphinx("html", testroot="page", confoverrides=THEME)
def test_a_newspaper_book_in_the_language_the_extension_chose_gets_the_users_own_labels(app, make_app):
    """Sphinx loads its labels for ``en`` before the extension chooses ``zh_CN``; the second
    loading does what Sphinx's does: the project's ``locales/zh_CN/LC_MESSAGES/sphinx.po``
    compiled when it changed, and its labels over Sphinx's own."""
    messages = Path(app.srcdir) / "locales" / "zh_CN" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "sphinx.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Navigation"\nmsgstr "本报导航"\n',
        encoding="utf-8",
    )
    book = make_app("html", srcdir=app.srcdir, confoverrides=THEME)  # after the catalog came
    book.build()
    assert book.config.language == "zh_CN"
    assert (messages / "sphinx.mo").is_file()
    index = html(book, "index")
    assert "<h3>本报导航</h3>" in index and "<h3>导航</h3>" not in index
