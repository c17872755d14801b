"""Archives: many issues in one book, issue → page → article, incremental rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from building import copy_root, html, warnings_of

from sphinx_newspaper.ingest import IngestError, archive_issues, read_issue

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


# -- one issue per date (issue 12, item 2) ----------------------------------------------------------


def test_two_folders_of_one_date_are_an_error_naming_both_and_the_rest_builds(make_app, tmp_path):
    srcdir = copy_root("archive", tmp_path)
    shutil.copytree(srcdir / "issues" / "20200102", srcdir / "issues" / "2020-01-02")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    assert "issue left out" in warnings and "2 entries claim the issue of 2020-01-02" in warnings
    assert "20200102/" in warnings and "2020-01-02/" in warnings and "[newspaper.input]" in warnings
    assert app.env.toctree_includes["index"] == [f"{GEN}/2020-01-01/index"]


def test_a_folder_and_a_page_file_of_one_date_are_an_error_naming_both(tmp_path):
    archive = tmp_path / "issues"
    shutil.copytree(copy_root("archive", tmp_path) / "issues", archive)
    (archive / "2020-01-01-p09.txt").write_text("本报讯 另一版的正文。", encoding="utf-8")
    entries = dict(archive_issues(archive))
    with pytest.raises(
        IngestError, match=r"2 entries claim the issue of 2020-01-01: 2020-01-01-p09\.txt, 20200101/"
    ):
        read_issue(entries["2020-01-01"])
    read_issue(entries["2020-01-02"])  # the other date is untouched


def test_two_page_files_of_one_page_are_an_error_naming_both(tmp_path, example_page):
    archive = tmp_path / "issues"
    archive.mkdir()
    shutil.copy(example_page, archive / "zhaotong-2023-03-24-p04.txt")
    shutil.copy(example_page, archive / "20230324-04.TXT")
    ((_, files),) = archive_issues(archive)
    with pytest.raises(IngestError, match=r"is page 4 of the issue, as is"):
        read_issue(files)


def test_a_dated_file_that_is_not_an_issue_is_named_not_dropped(tmp_path):
    archive = tmp_path / "issues"
    shutil.copytree(copy_root("archive", tmp_path) / "issues", archive)
    (archive / "20200103.docx").write_bytes(b"PK\x03\x04")
    (archive / "20200104.jpg").write_bytes(b"\xff\xd8")  # a picture of a page: a scan (docs/ocr.md)
    entries = dict(archive_issues(archive, ocr="never"))  # with OCR off, a picture is no issue
    assert sorted(entries) == ["2020-01-01", "2020-01-02", "2020-01-03"]
    with pytest.raises(IngestError, match=r"20200103\.docx: is not an issue of 2020-01-03"):
        read_issue(entries["2020-01-03"])
    entries = dict(archive_issues(archive))  # with OCR, a date of pictures only is a scanned issue
    assert sorted(entries) == ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"]
    with pytest.raises(IngestError, match=r"20200104\.jpg: is not a readable picture"):
        read_issue(entries["2020-01-04"])


def test_pages_without_page_numbers_are_not_merged_into_one(tmp_path, example_page):
    issue = tmp_path / "issue"
    issue.mkdir()
    text = example_page.read_text(encoding="utf-8").split("\n", 2)[2]  # without the masthead line
    (issue / "a.txt").write_text(text, encoding="utf-8")
    (issue / "b.txt").write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=r"b\.txt: has no page number in its masthead, nor has a\.txt"):
        read_issue(issue)
