"""Rebuilds: with nothing changed the extension redoes nothing (no generated source made or
compared again, no "Show source" copy looked at); after a change everything that shows the
change is made again, navigation included, in serial and parallel builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from building import copy_root, html, warning_lines

from sphinx_newspaper.book import generate
from sphinx_newspaper.book.manifest import MANIFEST, SUFFIX

GEN = "newspaper"
ISSUE = f"{GEN}/2020-01-02"
ARTICLE = "20200102-03-07.txt"  # 基里巴斯总统马茂将访华, p03-07, after p03-05 on its page
TITLE, NEW_TITLE = "基里巴斯总统马茂将访华", "基里巴斯总统马茂将访问中国"


def stamps(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its modification time."""
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*")}


def counting_sources(monkeypatch) -> list[str]:
    """The issues whose generated sources the next build computes."""
    made: list[str] = []
    original = generate.issue_sources

    def counting(book, entry, *rest):
        made.append(entry.key)
        return original(book, entry, *rest)

    monkeypatch.setattr(generate, "issue_sources", counting)
    return made


@pytest.mark.sphinx("html", testroot="archive", confoverrides={"html_theme": "alabaster"})
def test_rebuild_with_nothing_changed_makes_and_touches_nothing(app, make_app, monkeypatch):
    app.build()
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    generated, copies = stamps(srcdir / GEN), stamps(outdir / "_sources")
    made = counting_sources(monkeypatch)
    again = make_app("html", srcdir=srcdir, confoverrides={"html_theme": "alabaster"})
    again.build()
    assert made == []  # no source computed, none read back to compare
    assert stamps(srcdir / GEN) == generated  # the manifest included: not written again
    assert stamps(outdir / "_sources") == copies
    assert "newspaper-article" not in (outdir / "_sources" / ISSUE / f"p03-07{SUFFIX}.txt").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_edited_article_updates_its_page_its_neighbours_and_its_source(make_app, tmp_path, parallel):
    srcdir = copy_root("archive", tmp_path)
    overrides = {"html_theme": "alabaster"}
    make_app("html", srcdir=srcdir, confoverrides=overrides, parallel=parallel).build()
    article = srcdir / "issues" / "20200102" / ARTICLE
    article.write_bytes(article.read_bytes().replace(TITLE.encode(), NEW_TITLE.encode(), 1))
    app = make_app("html", srcdir=srcdir, confoverrides=overrides, parallel=parallel)
    app.build()
    assert [line for line in warning_lines(app) if "while setting up extension" not in line] == []
    assert f"<h1>{NEW_TITLE}" in html(app, f"{ISSUE}/p03-07")
    headlines = re.search(r'<ul class="newspaper-headlines[^"]*">(.*?)</ul>', html(app, f"{ISSUE}/p03"), re.S)
    assert NEW_TITLE in headlines[1] and TITLE + "<" not in headlines[1]
    assert NEW_TITLE in html(app, f"{ISSUE}/index")  # the issue's front lists it
    following = re.search(r'<p class="newspaper-next">(.*?)</p>', html(app, f"{ISSUE}/p03-05"), re.S)
    assert NEW_TITLE in following[1]  # the previous article's link to it
    shown = (Path(app.outdir) / "_sources" / ISSUE / f"p03-07{SUFFIX}.txt").read_text(encoding="utf-8")
    assert shown.startswith(NEW_TITLE) and "digest" not in shown


@pytest.mark.sphinx("html", testroot="archive")
def test_a_generated_source_changed_or_removed_by_hand_is_made_again(app, make_app, monkeypatch):
    app.build()
    srcdir = Path(app.srcdir)
    edited = srcdir / ISSUE / f"p03-05{SUFFIX}"
    removed = srcdir / GEN / "2020-01-01" / f"index{SUFFIX}"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "\nmy edit\n", encoding="utf-8")
    removed.unlink()
    made = counting_sources(monkeypatch)
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert sorted(made) == ["2020-01-01", "2020-01-02"]
    assert edited.read_text(encoding="utf-8") == original and removed.exists()
    assert "my edit" not in html(again, f"{ISSUE}/p03-05")
    # what the manifest records for each issue: its files, each with its size and time
    manifest = json.loads((srcdir / GEN / MANIFEST).read_text(encoding="utf-8"))
    recorded = {name for files in manifest["made"].values() for name in files}
    assert recorded == set(manifest["files"])
    assert manifest["made"][next(iter(manifest["made"]))] and len(manifest["made"]) == 2
