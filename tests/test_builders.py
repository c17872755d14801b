"""Every builder Sphinx ships, on a newspaper book: each builds without a warning and its output
holds the articles (their titles and text), not only an exit code."""

from __future__ import annotations

import html
import json
import pickle
import zipfile
from pathlib import Path

import pytest
from building import copy_test_root, squeeze, warning_lines

ISSUE = "newspaper/2023-03-24"
TITLE = "“耕”好党建“责任田”增强人民“幸福感”"
PARAGRAPH = "鲁甸县龙头山镇沙坝村坚持加强党建引领"

pytestmark = pytest.mark.xdist_group("builders")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example issue, built by every builder in turn (each into its own folder)."""
    return copy_test_root("issue", tmp_path_factory.mktemp("builders") / "book")


def text_of(path: Path, encoding: str = "utf-8") -> str:
    return squeeze(path.read_text(encoding=encoding))


def serialized(outdir: Path, suffix: str, load) -> dict:
    with (outdir / f"{ISSUE}/p04-01{suffix}").open("rb") as stream:
        return load(stream)


#: What each builder writes, and where the first article is to be found in it.
CHECKS = {
    "html": lambda out: text_of(out / f"{ISSUE}/p04-01.html"),
    "dirhtml": lambda out: text_of(out / f"{ISSUE}/p04-01/index.html"),
    "singlehtml": lambda out: text_of(out / "index.html"),
    "json": lambda out: squeeze(serialized(out, ".fjson", json.load)["body"]),
    "pickle": lambda out: squeeze(serialized(out, ".fpickle", pickle.load)["body"]),
    "text": lambda out: text_of(out / f"{ISSUE}/p04-01.txt"),
    "man": lambda out: "".join(text_of(page) for page in out.glob("*.1")),
    "texinfo": lambda out: "".join(text_of(page) for page in out.glob("*.texi")),
    "xml": lambda out: text_of(out / f"{ISSUE}/p04-01.xml"),
    "pseudoxml": lambda out: text_of(out / f"{ISSUE}/p04-01.pseudoxml"),
    "gettext": lambda out: "".join(text_of(catalog) for catalog in out.rglob("*.pot")),
    "latex": lambda out: "".join(text_of(tex) for tex in out.glob("*.tex")),
    "epub": lambda out: "".join(
        squeeze(zipfile.ZipFile(epub).read(name).decode())
        for epub in out.glob("*.epub")
        for name in zipfile.ZipFile(epub).namelist()
        if name.endswith("p04-01.xhtml")
    ),
    # CHM files are read in the language's Windows
    # code page (GBK for Simplified Chinese), with character references for the rest
    "htmlhelp": lambda out: html.unescape(text_of(out / f"{ISSUE}/p04-01.html", "cp936")),
    "qthelp": lambda out: text_of(out / f"{ISSUE}/p04-01.html"),
    "devhelp": lambda out: text_of(out / f"{ISSUE}/p04-01.html"),
}


@pytest.mark.parametrize("builder", sorted(CHECKS))
def test_every_builder_shows_the_articles(make_app, book: Path, builder: str) -> None:
    app = make_app(
        builder,
        srcdir=book,
        builddir=book.parent / "_build" / builder,
        confoverrides={"suppress_warnings": ["newspaper.title-inferred"]},
    )
    app.build()
    assert warning_lines(app) == []
    shown = CHECKS[builder](Path(app.outdir))
    assert TITLE in shown, builder
    if builder not in ("man", "texinfo", "latex"):  # one file for the whole book: checked by title
        assert PARAGRAPH in shown, builder


def test_json_context_carries_the_article_record(make_app, book: Path) -> None:
    """The page context's ``newspaper`` (what themes read about an article) is plain data, so
    the JSON and pickle builders can write it."""
    app = make_app("json", srcdir=book, builddir=book.parent / "_build" / "json-context")
    app.build()
    record = serialized(Path(app.outdir), ".fjson", json.load)["newspaper"]
    assert record["title"] == TITLE and record["page_number"] == "4" and record["language"] == "zh-Hans"


@pytest.mark.parametrize("builder", ["changes", "dummy", "linkcheck"])
def test_builders_without_pages_of_their_own(make_app, book: Path, builder: str) -> None:
    """``changes`` and ``dummy`` write no article, ``linkcheck`` checks links: each reads the
    whole book, and linkcheck finds nothing to fetch (it builds offline)."""
    app = make_app(
        builder,
        srcdir=book,
        builddir=book.parent / "_build" / builder,
        confoverrides={"suppress_warnings": ["newspaper.title-inferred"], "linkcheck_timeout": 1},
    )
    app.build()
    assert warning_lines(app) == []
    assert {f"{ISSUE}/p04-0{i}" for i in (1, 2, 3)} <= set(app.env.all_docs)
    if builder == "linkcheck":
        checked = [json.loads(line) for line in (Path(app.outdir) / "output.json").read_text().splitlines()]
        assert [entry for entry in checked if entry["status"] not in ("unchecked", "working")] == []


@pytest.mark.parametrize("builder, suffix", [("man", ".1"), ("texinfo", ".texi")])
def test_man_page_and_texinfo_file_are_named_after_the_paper(make_app, book: Path, builder: str, suffix: str):
    """Not ``sphinx.1`` (Sphinx's name for a project named in Chinese), and a rebuild with
    nothing changed reads nothing (the names are an unchanged configuration)."""
    builddir = book.parent / "_build" / f"{builder}-names"
    app = make_app(builder, srcdir=book, builddir=builddir)
    app.build()
    assert [path.name for path in Path(app.outdir).glob(f"*{suffix}")] == [
        f"zhaotong-ribao-2023-03-24{suffix}"
    ]
    assert "昭通日报 2023年3月24日" in (Path(app.outdir) / f"zhaotong-ribao-2023-03-24{suffix}").read_text()
    read: list[str] = []
    again = make_app(builder, srcdir=book, builddir=builddir)
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert read == []
