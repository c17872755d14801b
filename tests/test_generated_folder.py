"""The generated folder is the extension's own, and the only thing it cleans (issue 12, item 1).

One plain folder name directly inside the source directory, checked as a resolved path;
stale-file cleanup removes only files the extension wrote and recorded in the folder's
manifest, never walks beyond it and never removes folders it did not make.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from building import copy_root, warnings_of
from sphinx.errors import ConfigError

from sphinx_newspaper.book.manifest import HEADER, MANIFEST, GeneratedFolderError

GEN = "newspaper"


def sibling_project(parent: Path) -> dict[Path, str]:
    """A sibling clone beside the book, with generated-looking sources and empty folders."""
    sibling = parent / "sibling"
    files = {
        sibling / "newspaper" / "2020-01-01" / "p01.rst": f"{HEADER}\n\nold\n",
        sibling / "docs" / "page.rst": f"{HEADER}\n\nnot the book's\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for empty in ("drafts", ".git/refs/tags", ".git/branches", ".git/objects/info"):
        (sibling / empty).mkdir(parents=True, exist_ok=True)
    return files


def tree(folder: Path) -> list[str]:
    """Everything under ``folder`` (Sphinx's own ``_build`` aside)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if "_build" not in p.parts)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("./..", "is not one plain folder name"),
        ("a/../..", "is not one plain folder name"),
        ("..", "is not one plain folder name"),
        (".", "is not one plain folder name"),
        ("/tmp/newspaper", "is not one plain folder name"),
        ("newspaper/", r"is not one plain folder name \(write 'newspaper'\)"),
        ("./newspaper", r"is not one plain folder name \(write 'newspaper'\)"),
        ("a/b", "is not one plain folder name"),
        ("", "is not one plain folder name"),
        ("_build", "a folder Sphinx projects keep for themselves"),
        ("_static", "a folder Sphinx projects keep for themselves"),
        (".hidden", "is not one plain folder name"),
    ],
)
def test_a_generated_folder_that_is_not_one_plain_name_is_refused_and_nothing_is_touched(
    make_app, tmp_path: Path, value: str, message: str
):
    srcdir = copy_root("issue", tmp_path / "book")
    sibling = sibling_project(tmp_path / "book")
    before = tree(tmp_path)
    with pytest.raises(ConfigError, match=message) as caught:
        make_app("html", srcdir=srcdir, confoverrides={"newspaper_generated_dir": value})
    assert "newspaper_generated_dir" in str(caught.value)
    assert tree(tmp_path) == before
    assert all(path.read_text(encoding="utf-8").startswith(HEADER) for path in sibling)


def test_the_setting_is_named_with_its_line_in_conf_py(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'newspaper_generated_dir = "./.."\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{conf}:\d+: newspaper_generated_dir = '\./\.\.'"):
        make_app("html", srcdir=srcdir)


def test_a_generated_folder_that_is_a_link_or_a_file_or_excluded_is_refused(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path / "book")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, srcdir / GEN)
    with pytest.raises(ConfigError, match="is a link"):
        make_app("html", srcdir=srcdir)
    (srcdir / GEN).unlink()
    (srcdir / GEN).write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match="is a file, not a folder"):
        make_app("html", srcdir=srcdir)
    (srcdir / GEN).unlink()
    with pytest.raises(ConfigError, match="exclude_patterns leave this folder out"):
        make_app("html", srcdir=srcdir, confoverrides={"exclude_patterns": ["_build", "newspaper/**"]})
    assert list(elsewhere.iterdir()) == []


def test_cleanup_removes_only_what_the_extension_wrote_and_recorded(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    folder = srcdir / GEN
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["folders"] == ["2023-03-24"]
    assert manifest["files"] == sorted(
        f"2023-03-24/{n}.newspaper" for n in ("p04", "p04-01", "p04-02", "p04-03")
    )
    # the user's own things in the folder, one of them even with the generated header
    (folder / "notes.rst").write_text(f"{HEADER}\n\nmy notes\n", encoding="utf-8")
    (folder / "2023-03-24" / "mine.txt").write_text("mine", encoding="utf-8")
    (folder / "keep").mkdir()
    app.cleanup()
    index = srcdir / "index.rst"
    index.write_text("测试\n====\n\nNo issue any more.\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    left = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    assert left == [MANIFEST, "2023-03-24", "2023-03-24/mine.txt", "keep", "notes.rst"]
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8")) == {
        "files": [],
        "folders": ["2023-03-24"],  # still holds the user's file: kept, and still ours to remove
        "made": {},
    }


def test_a_tampered_manifest_cannot_reach_outside_the_folder(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path / "book")
    outside = tmp_path / "outside.rst"
    outside.write_text(f"{HEADER}\n\nnot the book's\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (srcdir / GEN).mkdir()
    (srcdir / GEN / MANIFEST).write_text(
        json.dumps({"files": ["../../outside.rst", str(outside)], "folders": ["../../empty", ".."]}),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]})
    app.build()
    assert warnings_of(app) == ""
    assert outside.read_text(encoding="utf-8").startswith(HEADER) and (tmp_path / "empty").is_dir()


def test_links_inside_the_folder_are_never_written_through(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path / "book")
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    victim = tmp_path / "victim.rst"
    victim.write_text("the user's file elsewhere", encoding="utf-8")
    article = srcdir / GEN / "2023-03-24" / "p04-01.newspaper"
    article.unlink()
    os.symlink(victim, article)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert victim.read_text(encoding="utf-8") == "the user's file elsewhere"
    assert not article.is_symlink() and article.read_text(encoding="utf-8").startswith(HEADER)
    app.cleanup()
    issue_folder = srcdir / GEN / "2023-03-24"
    shutil.rmtree(issue_folder)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", issue_folder)
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(GeneratedFolderError, match="is a link or a file where the extension writes"):
        app.build()  # the sources are written just before Sphinx reads
    assert list((tmp_path / "elsewhere").iterdir()) == []
