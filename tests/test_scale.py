"""Scaling with cores: each issue read once (the cache beside the environment), issues read in
parallel processes, and navigation built by the writers rather than the main process."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from pathlib import Path

import pytest
from building import copy_root, html, warnings_of
from docutils import nodes

from sphinx_newspaper.book import cache, loading
from sphinx_newspaper.book.cache import IssueCache, IssueLoad, load_issues
from sphinx_newspaper.book.navigation import deferred_article_nav, deferred_headlines

GEN = "newspaper"
DAY = "20200102"


def build_warnings(app) -> list[str]:
    """The build's warnings, less Sphinx's notes that a second app in one process registers
    its nodes again."""
    return [line for line in warnings_of(app).splitlines() if "while setting up extension" not in line]


def build_counting_reads(make_app, srcdir: Path, monkeypatch, **overrides) -> tuple[object, list[str]]:
    """Build ``srcdir`` (again: the same doctrees) and return the app and the issues the ingest read."""
    reads: list[str] = []
    original = loading.read_issue

    def counting(path, **kwargs):
        reads.append(Path(path if not isinstance(path, list) else path[0].parent).name)
        return original(path, **kwargs)

    monkeypatch.setattr(loading, "read_issue", counting)
    loading._ingest.cache_clear()  # the in-process memo would hide the disk cache's work
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app, reads


@pytest.mark.sphinx("html", testroot="archive")
def test_rebuild_with_unchanged_issue_files_parses_nothing(app, make_app, monkeypatch):
    app.build()  # the issues are read when the build starts (builder-inited)
    srcdir = Path(app.srcdir)
    app, again = build_counting_reads(make_app, srcdir, monkeypatch)
    assert again == []
    assert build_warnings(app) == []
    assert "王毅同伊朗外长扎里夫举行会谈" in html(app, f"{GEN}/2020-01-02/index")
    # One edited article file: its issue alone is read again, and the edit is in the book.
    article = srcdir / "issues" / DAY / "20200102-03-07.txt"
    article.write_bytes(article.read_bytes().replace("基里巴斯".encode(), "基里巴斯共和国".encode()))
    app, edited = build_counting_reads(make_app, srcdir, monkeypatch)
    assert edited == [DAY]
    assert "基里巴斯共和国" in html(app, f"{GEN}/2020-01-02/p03-07")


@pytest.mark.sphinx("html", testroot="archive")
def test_cache_entries_follow_options_and_the_extensions_code(app, make_app, monkeypatch):
    app.build()
    srcdir = Path(app.srcdir)
    entries = sorted((srcdir / "_build" / "doctrees" / cache.FOLDER).glob("*" + cache.SUFFIX))
    assert len(entries) == 2
    # Another conversion is another entry: the issues are loaded again (then converted).
    app, reads = build_counting_reads(make_app, srcdir, monkeypatch, newspaper_convert="s2tw")
    assert sorted(reads) == ["20200101", "20200102"]
    assert "人民日報" in html(app, f"{GEN}/2020-01-02/index")
    # Another version of the extension reads every issue anew.
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    _app, reads = build_counting_reads(make_app, srcdir, monkeypatch, newspaper_convert="s2tw")
    assert sorted(reads) == ["20200101", "20200102"]


@pytest.mark.sphinx("html", testroot="archive")
def test_unreadable_cache_entry_is_read_again(app, make_app, monkeypatch):
    app.build()
    srcdir = Path(app.srcdir)
    folder = srcdir / "_build" / "doctrees" / cache.FOLDER
    for entry in folder.glob("*" + cache.SUFFIX):
        entry.write_bytes(b"not a pickle")
    app, reads = build_counting_reads(make_app, srcdir, monkeypatch)
    assert sorted(reads) == ["20200101", "20200102"]
    assert build_warnings(app) == []


def archive_loads(srcdir: Path) -> list[IssueLoad]:
    options = (("conversion", None), ("quotes", "curly"), ("encoding", None))
    return [IssueLoad(folder, options) for folder in sorted((srcdir / "issues").iterdir())]


def _load_repeatedly(folder: str, srcdir: str, rounds: int) -> list[int]:
    """One of two processes loading the same issues through one cache folder at once."""
    counts = []
    for _ in range(rounds):
        issues = load_issues(archive_loads(Path(srcdir)), IssueCache(Path(folder)))
        counts.append(sum(len(page.articles) for issue in issues for page in issue.pages))
    return counts


def test_two_processes_sharing_a_cache_folder_see_whole_entries(tmp_path):
    srcdir = copy_root("archive", tmp_path)
    folder = tmp_path / "cache"
    expected = _load_repeatedly(str(tmp_path / "alone"), str(srcdir), 1)[0]
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.starmap(_load_repeatedly, [(str(folder), str(srcdir), 20)] * 2)
    assert all(count == expected for counts in results for count in counts)
    assert sorted(p.suffix for p in folder.iterdir()) == [cache.SUFFIX] * 2  # no temporary files left


def test_issues_not_cached_are_read_in_worker_processes(tmp_path, monkeypatch):
    srcdir = copy_root("archive", tmp_path)
    pids = tmp_path / "pids"
    pids.mkdir()
    original = IssueLoad.load

    def load(self):
        (pids / str(os.getpid())).touch()
        return original(self)

    monkeypatch.setattr(IssueLoad, "load", load)
    serial = load_issues(archive_loads(srcdir), IssueCache(None), processes=1)
    assert [p.name for p in pids.iterdir()] == [str(os.getpid())]
    (pids / str(os.getpid())).unlink()
    parallel = load_issues(archive_loads(srcdir), IssueCache(tmp_path / "cache"), processes=2)
    assert parallel == serial  # the same issues, in the same order
    workers = {p.name for p in pids.iterdir()}
    assert workers and str(os.getpid()) not in workers


@pytest.mark.sphinx("html", testroot="archive", parallel=3)
def test_parallel_build_writes_navigation_in_the_writers(app):
    resolved: dict[str, tuple[int, int]] = {}

    def note(app, doctree: nodes.document, docname: str) -> None:
        # in the main process: the lists are still data, not nodes
        deferred = len(
            list(doctree.findall(lambda n: isinstance(n, deferred_headlines | deferred_article_nav)))
        )
        resolved[docname] = (os.getpid(), deferred)

    app.connect("doctree-resolved", note)
    app.build()
    assert build_warnings(app) == []
    assert {pid for pid, _ in resolved.values()} == {os.getpid()}
    assert resolved[f"{GEN}/2020-01-02/p03"][1] == 1 and resolved[f"{GEN}/2020-01-02/p03-05"][1] == 1
    page = html(app, f"{GEN}/2020-01-02/p03")
    headlines = re.search(r'<ul class="newspaper-headlines[^"]*">(.*?)</ul>', page, re.S)[1]
    assert 'href="p03-05.html"' in headlines and 'href="p03-07.html"' in headlines
    article = html(app, f"{GEN}/2020-01-02/p03-05")
    assert re.search(r'<p class="newspaper-next">.*href="p03-07.html".*</p>', article, re.S)


@pytest.mark.parametrize(
    ("builder", "listed"),
    [
        # xml has no translator for the deferred nodes: they are completed at doctree-resolved
        ("xml", '<reference internal="1" refuri="p03-07">基里巴斯总统马茂将访华</reference>'),
        # text translates them itself, as the HTML writers do
        ("text", "* 基里巴斯总统马茂将访华"),
    ],
)
def test_other_builders_show_the_headline_lists(make_app, tmp_path, builder, listed):
    app = make_app(builder, srcdir=copy_root("archive", tmp_path))
    app.build()
    page = next((Path(app.outdir) / GEN / "2020-01-02").glob("p03.*")).read_text(encoding="utf-8")
    assert listed in page
    assert "deferred" not in page


def copy_issue(srcdir: Path, day: str, new_day: str) -> None:
    """Another issue in the archive: ``day``'s files under ``new_day``'s date."""
    folder = srcdir / "issues" / new_day
    shutil.copytree(srcdir / "issues" / day, folder)
    for path in folder.iterdir():
        path.rename(path.with_name(path.name.replace(day, new_day)))


@pytest.mark.sphinx("html", testroot="archive")
def test_an_archive_of_several_months_lists_months_then_issues(app, make_app):
    """A year's sidebar and contents list twelve months, not 366 issues: every page then costs
    the same to write however long the archive is."""
    srcdir = Path(app.srcdir)
    copy_issue(srcdir, DAY, "20200203")
    app = make_app("html", srcdir=srcdir)  # the issues are found when the build starts
    app.build()
    assert build_warnings(app) == []
    includes = app.env.toctree_includes
    assert includes["index"] == [f"{GEN}/2020-01", f"{GEN}/2020-02"]
    assert includes[f"{GEN}/2020-01"] == [f"{GEN}/2020-01-01/index", f"{GEN}/2020-01-02/index"]
    assert includes[f"{GEN}/2020-02"] == [f"{GEN}/2020-02-03/index"]
    month = html(app, f"{GEN}/2020-02")
    assert "<h1>人民日报 2020年2月" in month
    assert re.search(r'href="2020-02-03/index.html">人民日报 2020年2月3日</a>', month)
    index = html(app, "index")
    assert re.search(r'href="newspaper/2020-01.html">人民日报 2020年1月</a>', index)
    # Back to one month: the months go, and the issues are listed as before.
    shutil.rmtree(srcdir / "issues" / "20200203")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.env.toctree_includes["index"] == [f"{GEN}/2020-01-01/index", f"{GEN}/2020-01-02/index"]
    assert not (srcdir / GEN / "2020-02.newspaper").exists()


@pytest.mark.sphinx("html", testroot="archive")
def test_a_first_build_reads_articles_before_the_toctrees_that_list_them(app, make_app):
    """Sphinx's toctree collector walks its map of every document a toctree listed so far
    (``files_to_rebuild``) each time it clears a document before reading it: with the articles
    read first, that map is empty for them, and the walks no longer add up to the square of the
    archive.  A rebuild keeps Sphinx's order."""
    srcdir = Path(app.srcdir)
    copy_issue(srcdir, DAY, "20200203")  # months too: index → month → issue → page → article
    app = make_app("html", srcdir=srcdir)
    order: list[str] = []
    walked: dict[str, int] = {}

    def note_clear(app, env, docname):  # beside the collector's clear_doc, on the same map
        walked[docname] = len(env.files_to_rebuild)

    app.connect("env-purge-doc", note_clear)
    app.connect("env-before-read-docs", lambda app, env, docnames: order.extend(docnames), priority=900)
    app.build()
    assert build_warnings(app) == []
    articles = {docname for docname in app.env.found_docs if re.fullmatch(rf"{GEN}/[\d-]+/p\d+-\d+", docname)}
    assert len(articles) == 9  # the two issues' and the copy's
    assert set(order[: len(articles)]) == articles
    assert len(order) == len(app.env.found_docs)
    assert all(walked[docname] == 0 for docname in articles), walked
    # Pages, issues, months and the index after them, as Sphinx orders them.
    assert order[len(articles) :] == sorted(order[len(articles) :])
    # A rebuild with the articles to read again keeps Sphinx's order.
    order.clear()
    app = make_app("html", srcdir=srcdir, confoverrides={"newspaper_convert": "s2t"})
    app.connect("env-before-read-docs", lambda app, env, docnames: order.extend(docnames), priority=900)
    app.build()
    assert order == sorted(order) and set(articles) <= set(order)
