"""Finding the issue directives as the parsers see them: reST and MyST, options as lines or a
YAML block, in included files; never in comments or code blocks.  Documents read twice only
where they may name an issue; incremental and parallel builds find the same book."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import html, warnings_of

from sphinx_newspaper.book.collect import book_of

ISSUE = "newspaper/2023-03-24"
ARTICLES = [f"{ISSUE}/p04-0{i}" for i in (1, 2, 3)]
DIRECTIVE = ".. newspaper-issue:: zhaotong-2023-03-24-p04.txt\n   :paper: 昭通日报\n"


def generated(app) -> list[str]:
    return sorted(docname for docname in app.env.found_docs if docname.startswith("newspaper/"))


def sources_read(app) -> list[str]:
    """Collects the documents Sphinx reads (``source-read``, the discovery's reading included)."""
    read: list[str] = []
    app.connect("source-read", lambda app, docname, source: read.append(docname))
    return read


@pytest.mark.sphinx("html", testroot="discovery")
def test_rest_directive_in_an_included_file_and_none_in_comments_or_code(app):
    app.build()
    assert warnings_of(app) == ""
    # One issue, from the included file: the commented and quoted directives made no documents.
    assert generated(app) == [f"{ISSUE}/p04", *ARTICLES]
    (request,) = app.env.newspaper_requests["index"]
    assert (request.name, request.argument) == ("newspaper-issue", "zhaotong-2023-03-24-p04.txt")
    assert dict(request.options) == {"paper": "昭通日报", "date": "2023-03-24"}
    front = html(app, "index")
    assert "建“五型机关”促提质提效" in front
    assert "注释日报" not in front.split("<pre")[0] and "代码日报" not in html(app, ARTICLES[0])


@pytest.mark.sphinx("html", testroot="discovery")
def test_editing_the_included_file_changes_the_book(app, make_app):
    app.build()
    included = Path(app.srcdir) / "issue.rst.inc"
    included.write_text(
        included.read_text(encoding="utf-8").replace("昭通日报", "昭通晚报"), encoding="utf-8"
    )
    again = make_app("html", srcdir=app.srcdir)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert "index" in read and set(ARTICLES) <= set(read)
    assert "昭通晚报" in html(again, ARTICLES[0])


@pytest.mark.sphinx("html", testroot="myst")
def test_myst_yaml_options_included_file_comments_and_code_blocks(app):
    pytest.importorskip("myst_parser")
    app.build()
    assert warnings_of(app) == ""
    # The generated documents are read although the project reads only Markdown sources.
    assert generated(app) == [f"{ISSUE}/p04", *ARTICLES]
    assert app.env.toctree_includes["index"] == [f"{ISSUE}/p04"]
    (request,) = app.env.newspaper_requests["index"]
    assert dict(request.options) == {"paper": "昭通时报", "date": "2023-03-24"}  # the YAML block
    article = html(app, ARTICLES[0])
    assert "“耕”好党建“责任田”增强人民“幸福感”" in article
    assert "昭通时报" in article  # the dateline names the paper the options gave
    assert "代码日报" not in article


@pytest.mark.sphinx("html", testroot="injected")
def test_a_directive_another_extension_writes_while_reading_works_in_the_first_build(app, make_app):
    """A directive written into a document while Sphinx reads it (a ``source-read`` handler),
    in a document whose text never names an issue: the discovery cannot see it before reading,
    so its document is read again once the book holds the issue, in the same build."""
    app.build()
    assert warnings_of(app) == ""
    assert generated(app) == [f"{ISSUE}/p04", *ARTICLES]
    assert "建“五型机关”促提质提效" in html(app, "news")
    assert "“耕”好党建“责任田”增强人民“幸福感”" in html(app, ARTICLES[0])
    assert app.env.toctree_includes["news"] == [f"{ISSUE}/p04"]
    # Nothing changed: nothing is read.
    app.cleanup()
    again = make_app("html", srcdir=app.srcdir)
    read_again = sources_read(again)
    again.build()
    assert read_again == [] and warnings_of(again) == ""
    # The document changes: the discovery reads it (it held a directive), the book stays.
    news = Path(app.srcdir) / "news.rst"
    news.write_text(news.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    again.cleanup()
    edited = make_app("html", srcdir=app.srcdir)
    read_edited = sources_read(edited)
    edited.build()
    assert read_edited == ["news", "news"] and warnings_of(edited) == ""
    assert "建“五型机关”促提质提效" in html(edited, "news") and "More text." in html(edited, "news")


@pytest.mark.sphinx("html", testroot="injected", confoverrides={"injected_into": ["index"]})
def test_a_root_document_given_an_issue_while_reading_is_a_newspaper_book_from_the_next_build(app, make_app):
    """Whether the project is a newspaper book (its language) is decided before reading: a
    root document that names an issue only once read makes one from the next build on."""
    app.build()
    assert warnings_of(app) == "" and app.config.language == "en"
    assert "建“五型机关”促提质提效" in html(app, "index")
    app.cleanup()
    again = make_app("html", srcdir=app.srcdir, confoverrides={"injected_into": ["index"]})
    again.build()
    assert warnings_of(again) == "" and again.config.language == "zh_CN"
    assert '<html lang="zh-Hans"' in html(again, "news")


@pytest.mark.sphinx("html", testroot="injected", confoverrides={"injected_argument": "missing.txt"})
def test_a_directive_written_while_reading_whose_issue_fails_says_so_in_the_first_build(app):
    app.build()
    errors = [line for line in warnings_of(app).splitlines() if "ERROR" in line]
    assert len(errors) == 1, warnings_of(app)
    assert "news.rst" in errors[0] and "missing.txt" in errors[0]


@pytest.mark.sphinx("html", testroot="injected", confoverrides={"injected_changing": True})
def test_a_directive_written_differently_at_every_reading_is_a_clear_error(app):
    """Read again for the directive it met, the document names another issue: one error at
    the directive, never silence."""
    app.build()
    errors = [line for line in warnings_of(app).splitlines() if "ERROR" in line]
    assert len(errors) == 1, warnings_of(app)
    assert "news.rst" in errors[0] and "'issue-2.txt' is not in the book" in errors[0]
    assert "changed between two readings" in errors[0]


@pytest.mark.sphinx("latex", testroot="injected")
def test_a_directive_written_while_reading_gets_the_pdf_its_chinese_fonts(app):
    app.build()
    assert warnings_of(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "xeCJK" in tex and "建“五型机关”促提质提效" in tex


@pytest.mark.sphinx("html", testroot="injected", parallel=2)
def test_a_directive_written_while_reading_in_parallel(app, make_app, tmp_path):
    app.build()
    assert warnings_of(app) == ""
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    for docname in ["news", f"{ISSUE}/p04", *ARTICLES]:
        assert html(app, docname) == html(serial, docname), docname


@pytest.mark.sphinx("html", testroot="mixed")
def test_only_documents_that_may_name_an_issue_are_read_twice_and_a_rebuild_reads_none(app, make_app):
    news = Path(app.srcdir) / "news.rst"
    news.write_text(news.read_text(encoding="utf-8") + "\nA `broken reference.\n", encoding="utf-8")
    read = sources_read(app)
    app.build()
    # news.rst names the issue: read once to find it, once for real; the rest once each.
    assert sorted(read) == sorted(["index", "news", "news", f"{ISSUE}/p04", *ARTICLES])
    # The first reading leaves nothing behind: one request, the document's warning once.
    assert len(app.env.newspaper_requests["news"]) == 1
    (warning,) = warnings_of(app).strip().splitlines()
    assert "news.rst:9: WARNING: Inline interpreted text" in warning
    again = make_app("html", srcdir=app.srcdir)
    read_again = sources_read(again)
    again.build()
    assert read_again == []
    assert [entry.key for entry in book_of(again).issues] == ["2023-03-24"]


@pytest.mark.sphinx("html", testroot="mixed")
def test_a_document_that_gains_or_loses_the_directive_changes_the_book(app, make_app):
    srcdir = Path(app.srcdir)
    news, index = srcdir / "news.rst", srcdir / "index.rst"
    original = news.read_text(encoding="utf-8")
    news.write_text(original.replace(DIRECTIVE, ""), encoding="utf-8")
    app.build()
    assert warnings_of(app) == "" and generated(app) == []
    # The directive comes: its pages come, read from the start.
    news.write_text(original, encoding="utf-8")
    app.cleanup()  # each build as a new process would start it
    gained = make_app("html", srcdir=srcdir)
    gained.build()
    assert warnings_of(gained) == ""
    assert generated(gained) == [f"{ISSUE}/p04", *ARTICLES]
    assert "“耕”好党建“责任田”增强人民“幸福感”" in html(gained, ARTICLES[0])
    # It goes again: the generated documents go, without a warning about them.
    news.write_text(original.replace(DIRECTIVE, ""), encoding="utf-8")
    gained.cleanup()
    lost = make_app("html", srcdir=srcdir)
    lost.build()
    assert warnings_of(lost) == ""
    assert generated(lost) == [] and not (srcdir / "newspaper" / "2023-03-24").exists()
    assert book_of(lost).issues == []
    # The document holding it is removed from the project altogether.
    news.write_text(original, encoding="utf-8")
    lost.cleanup()
    restored = make_app("html", srcdir=srcdir)
    restored.build()
    restored.cleanup()
    news.unlink()
    index.write_text(index.read_text(encoding="utf-8").replace("   news\n", ""), encoding="utf-8")
    removed = make_app("html", srcdir=srcdir)
    removed.build()
    assert warnings_of(removed) == ""
    assert book_of(removed).issues == [] and generated(removed) == []


@pytest.mark.sphinx("html", testroot="page")
def test_an_issue_that_failed_shows_once_its_file_is_there(app, make_app):
    """The document is re-read when the book holds the issue it could not show before, though
    the document itself did not change."""
    page = Path(app.srcdir) / "page.txt"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    app.build()
    assert "ERROR" in warnings_of(app)
    page.write_text(text, encoding="utf-8")
    app.cleanup()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "ERROR" not in warnings_of(again)
    assert [entry.key for entry in book_of(again).issues] and "newspaper-headlines" in html(again, "index")


@pytest.mark.sphinx("html", testroot="discovery", parallel=2)
def test_parallel_reading_finds_the_same_book(app, make_app, tmp_path):
    app.build()
    assert warnings_of(app) == ""
    assert generated(app) == [f"{ISSUE}/p04", *ARTICLES]
    (request,) = app.env.newspaper_requests["index"]
    assert dict(request.options) == {"paper": "昭通日报", "date": "2023-03-24"}
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    for docname in ["index", f"{ISSUE}/p04", *ARTICLES]:
        assert html(app, docname) == html(serial, docname), docname


@pytest.mark.sphinx("html", testroot="discovery")
def test_an_included_file_that_is_also_a_document_says_how_to_read_it_once(app, make_app):
    srcdir = Path(app.srcdir)
    (srcdir / "issue.rst.inc").rename(srcdir / "issue.rst")
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace("issue.rst.inc", "issue.rst"), encoding="utf-8"
    )
    twice = make_app("html", srcdir=srcdir)
    twice.build()
    (error,) = [line for line in warnings_of(twice).splitlines() if "in the book already" in line]
    assert "issue.rst is a document and is included by index.rst" in error
    assert "add 'issue.rst' to exclude_patterns" in error
    once = make_app("html", srcdir=srcdir, confoverrides={"exclude_patterns": ["issue.rst"]})
    once.build()
    assert "in the book already" not in warnings_of(once)
    assert generated(once) == [f"{ISSUE}/p04", *ARTICLES]
