"""The one gate every input file passes (issue 12): links out of the source folder, FIFOs,
devices, huge files, unreadable files and folders, odd names.  Each is one clear error naming
the file, or a located warning; never a hang, never memory filled, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from building import copy_root, released, warnings_of

from sphinx_newspaper.ingest import IngestError, read_issue
from sphinx_newspaper.util.files import MAX_TEXT_BYTES, read_input

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def built(make_app, srcdir: Path, **confoverrides) -> Any:
    """Build ``srcdir`` (changed by the test before the build: the issues are read when the
    application starts) as HTML."""
    app = make_app("html", srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    return app


def write_project(srcdir: Path, directive: str = ".. newspaper-issue:: issue") -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_newspaper"]\nproject = "测试"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(f"测试\n====\n\n{directive}\n", encoding="utf-8")
    return srcdir


# -- links out of the source folder ---------------------------------------------------------------


def test_a_link_inside_an_issue_folder_leading_out_of_the_project_is_refused(
    make_app, tmp_path: Path, example_page: Path
):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(example_page.read_text(encoding="utf-8").replace("昭通", "机密"), encoding="utf-8")
    srcdir = write_project(tmp_path / "book")
    (srcdir / "issue").mkdir()
    os.symlink(secret, srcdir / "issue" / "page.txt")
    app = built(make_app, srcdir)
    warnings = warnings_of(app)
    assert "page.txt" in warnings and "leads outside the source directory" in warnings
    html = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html"))
    assert "机密" not in html


def test_a_linked_issue_folder_in_an_archive_is_left_out_with_a_warning(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = copy_root("archive", tmp_path / "book")
    outside = tmp_path / "outside" / "20200103"
    shutil.copytree(srcdir / "issues" / "20200102", outside)
    os.symlink(outside, srcdir / "issues" / "20200103")
    app = built(make_app, srcdir)
    warnings = warnings_of(app)
    assert "issue left out" in warnings and "leads outside the source directory" in warnings
    assert "20200103" in warnings and "[newspaper.input]" in warnings
    assert app.env.toctree_includes["index"] == ["newspaper/2020-01-01/index", "newspaper/2020-01-02/index"]


def test_a_link_to_a_file_inside_the_project_is_read(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_project(tmp_path / "book")
    (srcdir / "pages").mkdir()
    shutil.copy(example_page, srcdir / "pages" / "p04.txt")
    (srcdir / "issue").mkdir()
    os.symlink(srcdir / "pages" / "p04.txt", srcdir / "issue" / "p04.txt")
    app = built(make_app, srcdir, suppress_warnings=["newspaper.title-inferred"])
    assert warnings_of(app) == ""
    assert (Path(app.outdir) / "newspaper" / "2023-03-24" / "p04-01.html").is_file()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path, device: str):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    issue = tmp_path / "issue"
    issue.mkdir()
    os.symlink(device, issue / "page.txt")
    with pytest.raises(IngestError, match="is a character device, not a file") as caught:
        read_issue(issue)
    assert "page.txt" in str(caught.value)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    issue = tmp_path / "issue"
    issue.mkdir()
    os.mkfifo(issue / "page.txt")
    with released(issue / "page.txt"), pytest.raises(IngestError, match="is a FIFO"):
        read_issue(issue)


def test_a_fifo_in_a_book_is_an_error_and_the_build_goes_on(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_project(tmp_path / "book", ".. newspaper-issue:: issue\n\n.. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    (srcdir / "issue").mkdir()
    os.mkfifo(srcdir / "issue" / "page.txt")
    with released(srcdir / "issue" / "page.txt"):
        app = built(make_app, srcdir, suppress_warnings=["newspaper.title-inferred"])
    warnings = warnings_of(app)
    assert "page.txt: is a FIFO (named pipe), not a file" in warnings and "index.rst" in warnings
    assert (Path(app.outdir) / "newspaper" / "2023-03-24" / "p04-01.html").is_file()


def test_inspect_refuses_a_fifo_without_hanging(tmp_path: Path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    with released(fifo):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx_newspaper.cli", "inspect", str(fifo)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2, result.stderr
    assert "is a FIFO" in result.stderr and "Traceback" not in result.stderr


def test_a_corrections_file_that_is_a_fifo_is_refused(tmp_path: Path, example_page: Path):
    shutil.copy(example_page, tmp_path / "p04.txt")
    os.mkfifo(tmp_path / "p04.corrections.toml")
    with released(tmp_path / "p04.corrections.toml"), pytest.raises(IngestError, match="is a FIFO"):
        read_issue(tmp_path / "p04.txt")


# -- sizes, permissions, broken links, loops, odd names ------------------------------------------


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path: Path):
    huge = tmp_path / "page.txt"
    with open(huge, "wb") as out:
        out.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk used
    with pytest.raises(IngestError, match=r"larger than 64 MiB.*split it into one file per page"):
        read_issue(huge)
    small = tmp_path / "small.txt"
    small.write_bytes("测试".encode() * 10)
    with pytest.raises(IngestError, match="larger than 0 MiB"):
        read_input(small, limit=10)


@pytest.mark.skipif(ROOT_USER, reason="root reads any file")
def test_unreadable_files_and_folders_are_errors_naming_them(tmp_path: Path, example_page: Path):
    issue = tmp_path / "issue"
    issue.mkdir()
    shutil.copy(example_page, issue / "p04.txt")
    (issue / "p04.txt").chmod(0)
    try:
        with pytest.raises(IngestError, match=r"p04\.txt: cannot be read \(permission denied\)"):
            read_issue(issue)
        issue.chmod(0)
        with pytest.raises(IngestError, match=r"issue: cannot be read \(permission denied\)"):
            read_issue(issue)
    finally:
        issue.chmod(0o755)
        (issue / "p04.txt").chmod(0o644)


@pytest.mark.skipif(ROOT_USER, reason="root reads any folder")
def test_an_unreadable_archive_issue_folder_leaves_only_that_issue_out(make_app, tmp_path: Path):
    srcdir = copy_root("archive", tmp_path)
    locked = srcdir / "issues" / "20200101"
    locked.chmod(0)
    try:
        app = built(make_app, srcdir)
    finally:
        locked.chmod(0o755)
    warnings = warnings_of(app)
    assert "20200101: cannot be read (permission denied)" in warnings and "Traceback" not in warnings
    assert app.env.toctree_includes["index"] == ["newspaper/2020-01-02/index"]


def test_broken_links_and_link_loops_are_errors_naming_them(tmp_path: Path):
    issue = tmp_path / "issue"
    issue.mkdir()
    os.symlink(tmp_path / "gone.txt", issue / "a.txt")
    with pytest.raises(IngestError, match=r"a\.txt: no such file or folder \(or a broken link\)"):
        read_issue(issue)
    (issue / "a.txt").unlink()
    os.symlink(issue / "b.txt", issue / "a.txt")
    os.symlink(issue / "a.txt", issue / "b.txt")
    with pytest.raises(IngestError, match="leads round in a loop"):
        read_issue(issue)


def test_a_broken_link_in_a_book_is_an_error_not_a_traceback(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_project(tmp_path / "book")
    (srcdir / "issue").mkdir()
    shutil.copy(example_page, srcdir / "issue" / "p04.txt")
    os.symlink(srcdir / "gone.txt", srcdir / "issue" / "p05.txt")
    app = built(make_app, srcdir)
    warnings = warnings_of(app)
    assert "p05.txt: no such file or folder (or a broken link)" in warnings
    assert "Traceback" not in warnings


def test_file_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path, example_page: Path):
    folder = os.fsencode(tmp_path) + b"/issue\xff"
    os.mkdir(folder)
    with open(folder + b"/p\xfe.txt", "wb") as out:
        out.write(b"\x89PNG\x00\x00" * 40)
    with pytest.raises(IngestError) as caught:
        read_issue(Path(os.fsdecode(folder)))
    message = str(caught.value)
    message.encode("utf-8")  # printable: no lone surrogates
    assert "issue\\xff/p\\xfe.txt" in message and "binary" in message


def test_a_cover_that_is_a_fifo_or_a_device_is_refused_with_a_warning(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    os.mkfifo(srcdir / "cover.png")
    with released(srcdir / "cover.png"):
        app = make_app(
            "epub",
            srcdir=srcdir,
            confoverrides={"newspaper_cover": "cover.png", "suppress_warnings": ["newspaper.title-inferred"]},
        )
        app.build()
    warnings = warnings_of(app)
    assert "cover.png is a FIFO (named pipe), not a file; drawing the cover from the masthead" in warnings


def test_file_names_with_control_characters_stay_on_one_line(tmp_path: Path):
    page = tmp_path / "page\none.txt"
    page.write_bytes(b"\x00" * 100)
    with pytest.raises(IngestError) as caught:
        read_issue(page)
    assert "page\\none.txt: is a binary file" in str(caught.value) and "\n" not in str(caught.value)
