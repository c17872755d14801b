"""A read-only source tree (a mounted checkout, a package's documentation built where it is
installed): with its generated sources as the book needs them it builds, writing nothing there;
without them it stops with one error saying what to change, never ``Errno 30`` in a traceback.

The tree is made read-only for real: ``sphinx-build`` runs in a mount namespace of its own with
the source folder bind-mounted read-only over itself (``unshare``; skipped where it is not
allowed)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from building import copy_test_root

SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")


def read_only_build(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -b html`` with ``srcdir`` read-only (a bind mount in a namespace of its own)."""
    command = (
        f"mount --bind -o ro {shlex.quote(str(srcdir))} {shlex.quote(str(srcdir))} && "
        f"{shlex.quote(str(SPHINX_BUILD))} -b html -q -D suppress_warnings=newspaper.title-inferred "
        f"{shlex.quote(str(srcdir))} {shlex.quote(str(outdir))}"
    )
    return subprocess.run(["unshare", "-m", "sh", "-c", command], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def can_mount(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("mount")
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind -o ro {folder} {folder} && ! touch {folder}/x"],
        capture_output=True,
    )
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("mount namespaces (unshare -m) are not allowed here")


def test_a_read_only_tree_with_its_sources_builds_and_writes_nothing(can_mount, tmp_path: Path):
    srcdir = copy_test_root("issue", tmp_path / "book")
    first = subprocess.run(
        [SPHINX_BUILD, "-b", "html", "-q", srcdir, tmp_path / "first"], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    # a copy of the built project, as a checkout or a package would have it (new times)
    copy = tmp_path / "copy"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    result = read_only_build(copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Errno" not in result.stderr and "Traceback" not in result.stderr
    article = (tmp_path / "out" / "newspaper/2023-03-24/p04-01.html").read_text(encoding="utf-8")
    assert "“耕”好党建“责任田”增强人民“幸福感”" in article


def test_a_read_only_tree_without_its_sources_is_one_clear_error(can_mount, tmp_path: Path):
    srcdir = copy_test_root("issue", tmp_path / "book")
    result = read_only_build(srcdir, tmp_path / "out")
    assert result.returncode != 0
    # Sphinx's own report of a stopped build, ending with the extension's message, not an OSError
    assert "OSError" not in result.stderr and "[Errno 30]" not in result.stderr
    error = " ".join(result.stderr.split())
    assert f"cannot write the generated sources into {srcdir / 'newspaper'}: Read-only file system" in error
    assert "newspaper_generated_dir" in error and "writable copy" in error
    assert not (srcdir / "newspaper").exists()
