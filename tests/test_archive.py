"""Archives: many issues in one book, issue → page → article, incremental rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from building import html, warnings_of

GEN = "newspaper"


def reread(make_app, srcdir: Path, **overrides) -> list[str]:
    """Build again and return the documents Sphinx read."""
    read: list[str] = []
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return sorted(read)


@pytest.mark.sphinx("html", testroot="archive")
def test_archive_nests_issue_page_article(app):
    app.build()
    assert warnings_of(app) == ""
    includes = app.env.toctree_includes
    assert includes["index"] == [f"{GEN}/2020-01-01/index", f"{GEN}/2020-01-02/index"]
    assert includes[f"{GEN}/2020-01-01/index"] == [f"{GEN}/2020-01-01/p{n}" for n in ("02", "05", "08")]
    assert includes[f"{GEN}/2020-01-02/p03"] == [f"{GEN}/2020-01-02/p03-05", f"{GEN}/2020-01-02/p03-07"]
    front = html(app, f"{GEN}/2020-01-02/index")
    assert "人民日报 2020年1月2日" in front and "王毅同伊朗外长扎里夫举行会谈" in front
    index = html(app, "index")
    assert "人民日报 2020年1月1日" in index and "人民日报 2020年1月2日" in index


@pytest.mark.sphinx("html", testroot="archive")
def test_archive_date_range_chooses_issues(app, make_app):
    srcdir = Path(app.srcdir)
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   :start: 2020-01-02\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)  # the directive's options are read when the build starts
    app.build()
    assert app.env.toctree_includes["index"] == [f"{GEN}/2020-01-02/index"]
    assert not (srcdir / GEN / "2020-01-01").exists()


@pytest.mark.sphinx("html", testroot="archive")
def test_changing_one_article_rereads_only_its_issue(app, make_app):
    app.build()
    srcdir = Path(app.srcdir)
    assert reread(make_app, srcdir) == []
    article = srcdir / "issues" / "20200102" / "20200102-03-07.txt"
    article.write_bytes(article.read_bytes().replace("基里巴斯".encode(), "基里巴斯共和国".encode()))
    # the edit is in the title: the article, its page and issue front (headline lists) and its
    # neighbour (whose "next" link shows the title); nothing else of the 2 issues, 14 documents
    assert reread(make_app, srcdir) == [
        f"{GEN}/2020-01-02/{name}" for name in ("index", "p03", "p03-05", "p03-07")
    ]


@pytest.mark.sphinx("html", testroot="archive")
def test_adding_an_issue_adds_only_its_documents(app, make_app):
    app.build()
    srcdir = Path(app.srcdir)
    new_issue = srcdir / "issues" / "20200103"
    shutil.copytree(srcdir / "issues" / "20200102", new_issue)
    for path in new_issue.iterdir():
        path.rename(path.with_name(path.name.replace("20200102", "20200103")))
    new = [f"{GEN}/2020-01-03/{name}" for name in ("index", "p01", "p01-03", "p03", "p03-05", "p03-07")]
    assert reread(make_app, srcdir) == ["index", *new]
