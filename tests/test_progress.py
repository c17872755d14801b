"""Progress on the long steps, as Sphinx shows its own (``status_iterator``): the pages of an
issue being read, the pictures being rendered; nothing under ``-q``.  And nothing written into
the source tree by a build with nothing changed (sphinx-autobuild watches it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
from building import copy_root
from sphinx.util.console import strip_escape_sequences

ISSUE = "photos-2024-06-03"


def page_folder_project(tmp_path: Path) -> Path:
    """The photos issue (two PDF pages) as an e-paper folder: one PDF per page."""
    srcdir = copy_root("pdf-photos", tmp_path)
    whole = srcdir / "issues" / f"{ISSUE}.pdf"
    folder = srcdir / "issues" / ISSUE
    folder.mkdir()
    for number, page in enumerate(pypdf.PdfReader(whole).pages, 1):
        writer = pypdf.PdfWriter()
        writer.add_page(page)
        writer.write(folder / f"{ISSUE}-p{number:02d}.pdf")
    whole.unlink()
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(f"{ISSUE}.pdf", ISSUE), encoding="utf-8")
    return srcdir


def test_reading_pages_and_rendering_pictures_show_progress(make_app, tmp_path: Path):
    srcdir = page_folder_project(tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    status = strip_escape_sequences(app.status.getvalue())
    for number, share in ((1, " 50%"), (2, "100%")):
        page = f"issues/{ISSUE}/{ISSUE}-p{number:02d}.pdf"
        assert f"[newspaper] reading pages... [{share}] {page}" in status
        assert f"[newspaper] rendering pictures... [{share}] {page}" in status
    assert (Path(app.outdir) / "newspaper" / "2024-06-03" / "p02.html").is_file()


def test_quiet_builds_show_no_progress(tmp_path: Path):
    srcdir = page_folder_project(tmp_path)
    sphinx_build = Path(sys.executable).with_name("sphinx-build")
    result = subprocess.run(
        [sphinx_build, "-q", "-b", "html", srcdir, tmp_path / "out"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_a_rebuild_with_nothing_changed_writes_nothing_into_the_sources(make_app, tmp_path: Path):
    """Every file of the source tree keeps its modification time through rebuilds with nothing
    changed, by every builder in turn and after a fresh environment (``-E``): sphinx-autobuild,
    which watches the tree, is not woken by the extension."""
    srcdir = page_folder_project(tmp_path)
    make_app("html", srcdir=srcdir).build()

    def times() -> dict[str, int]:
        return {
            path.relative_to(srcdir).as_posix(): path.stat().st_mtime_ns
            for path in srcdir.rglob("*")
            if "_build" not in path.relative_to(srcdir).parts
        }

    before = times()
    assert any(name.endswith(".newspaper") for name in before)
    for builder, fresh in (("html", False), ("epub", False), ("latex", False), ("html", True)):
        make_app(builder, srcdir=srcdir, freshenv=fresh).build()
        assert times() == before, (builder, fresh)
    os.utime(srcdir / "index.rst")  # a touched document: read again, and still nothing written
    make_app("html", srcdir=srcdir).build()
    after = times()
    assert {name for name in after if after[name] != before[name]} == {"index.rst"}
