"""Finding the issue directives as the parsers see them: reST and MyST, options as lines or a
YAML block, in included files; never in comments or code blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import build, copy_root, warnings_of

ISSUE = "newspaper/2023-03-24"
ARTICLES = [f"{ISSUE}/p04-0{i}" for i in (1, 2, 3)]


def generated(app) -> list[str]:
    return sorted(docname for docname in app.env.found_docs if docname.startswith("newspaper/"))


def html(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def test_rest_directive_in_an_included_file_and_none_in_comments_or_code(make_app, tmp_path):
    app = build(make_app, copy_root("discovery", tmp_path))
    assert warnings_of(app) == ""
    # One issue, from the included file: the commented and quoted directives made no documents.
    assert generated(app) == [f"{ISSUE}/p04", *ARTICLES]
    (request,) = app.env.newspaper_requests["index"]
    assert (request.name, request.argument) == ("newspaper-issue", "zhaotong-2023-03-24-p04.txt")
    assert dict(request.options) == {"paper": "昭通日报", "date": "2023-03-24"}
    front = html(app, "index")
    assert "建“五型机关”促提质提效" in front
    assert "注释日报" not in front.split("<pre")[0] and "代码日报" not in html(app, ARTICLES[0])


def test_editing_the_included_file_changes_the_book(make_app, tmp_path):
    srcdir = copy_root("discovery", tmp_path)
    build(make_app, srcdir)
    included = srcdir / "issue.rst.inc"
    included.write_text(
        included.read_text(encoding="utf-8").replace("昭通日报", "昭通晚报"), encoding="utf-8"
    )
    read: list[str] = []
    app = make_app("html", srcdir=srcdir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert "index" in read and set(ARTICLES) <= set(read)
    assert "昭通晚报" in html(app, ARTICLES[0])


def test_myst_yaml_options_included_file_comments_and_code_blocks(make_app, tmp_path):
    pytest.importorskip("myst_parser")
    app = build(make_app, copy_root("myst", tmp_path))
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


def test_a_directive_the_parser_meets_only_while_reading_is_a_clear_error(make_app, tmp_path):
    """A directive another extension writes into a document whose source never names an
    issue cannot be found before reading: one error at the directive, not silence."""
    srcdir = copy_root("issue", tmp_path)
    (srcdir / "index.rst").write_text("报纸\n====\n\nText.\n", encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\n\ndef add_issue(app, docname, source):\n"
        + "    source[0] += '\\n.. newspaper' + '-issue:: zhaotong-2023-03-24-p04.txt\\n'\n\n\n"
        + "def setup(app):\n    app.connect('source-read', add_issue)\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    errors = [line for line in warnings_of(app).splitlines() if "ERROR" in line]
    assert len(errors) == 1, warnings_of(app)
    assert "index.rst" in errors[0] and "is not in the book" in errors[0]
    assert "write it in the document or in a file the document includes" in errors[0]
