"""Past one machine: an archive of volumes, each its own Sphinx project, built by ``make -j``,
linked through intersphinx, with a top-level book that lists them (``examples/archive``).

The example is built the way its README says, with its own Makefile (``make -j2``), so that
what users run is what is tested: two small volumes (January and February 2020), the second
linking into the first, and the top-level book.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from building import warning_lines

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "archive"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive built with ``make -j2``: its output folder."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = tmp_path_factory.mktemp("archive") / "archive"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_build", "newspaper"))
    result = subprocess.run(
        ["make", "-j2", f"SPHINXBUILD={sys.executable} -m sphinx"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html"


def links(page: Path) -> dict[str, str]:
    """The external links of a built page: their text, by the file they point at."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'<a class="reference external" href="([^"]+)"[^>]*><span>([^<]+)</span></a>', html)
    return {href: text for href, text in found}


def test_a_link_from_one_volume_leads_into_the_other(archive: Path):
    february = archive / "2020-02" / "index.html"
    target = "../2020-01/newspaper/2020-01-02/p03-07.html"
    assert links(february) == {target: "基里巴斯总统马茂将访华"}
    article = (february.parent / target).resolve()
    assert article.is_file() and "<h1>基里巴斯总统马茂将访华" in article.read_text(encoding="utf-8")


def test_the_top_level_book_lists_every_volume_and_its_issues(archive: Path):
    index = archive / "index.html"
    assert links(index) == {
        "2020-01/index.html": "人民日报 2020年1月",
        "2020-01/newspaper/2020-01-01/index.html": "人民日报 2020年1月1日",
        "2020-01/newspaper/2020-01-02/index.html": "人民日报 2020年1月2日",
        "2020-02/index.html": "人民日报 2020年2月",
        "2020-02/newspaper/2020-02-03/index.html": "人民日报 2020年2月3日",
    }
    for href in links(index):
        assert (archive / href).is_file(), href
    # each volume is a book of its own: its own search, its own sources
    for volume in ("2020-01", "2020-02"):
        assert (archive / volume / "searchindex.js").is_file()


@pytest.mark.sphinx("html", testroot="issue")
def test_a_volume_not_built_yet_is_a_warning(app, make_app):
    srcdir = Path(app.srcdir)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_newspaper", "sphinx.ext.intersphinx"]\n'
        'intersphinx_mapping = {"2020-03": ("2020-03/", "missing/objects.inv")}\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text("档案\n====\n\n.. newspaper-volumes::\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    ours = [line for line in warning_lines(app) if "[newspaper.volume]" in line]
    assert len(ours) == 1 and "no inventory of volume '2020-03'" in ours[0] and "index.rst:4" in ours[0]


def test_the_ci_matrix_names_every_volume_and_runs_the_makefiles_targets():
    """The GitHub Actions example builds one job per volume folder, each with the Makefile's
    own target, then the top-level book from their outputs."""
    workflow = (EXAMPLE / "github-actions.yml").read_text(encoding="utf-8")
    matrix = re.search(r"^\s+volume: \[(.*)\]$", workflow, re.M)
    assert matrix
    volumes = sorted(path.parent.name for path in EXAMPLE.glob("2*/conf.py"))
    assert re.findall(r'"([^"]+)"', matrix[1]) == volumes
    assert "make -C examples/archive ${{ matrix.volume }}" in workflow
    assert "make -C examples/archive top" in workflow
    assert re.search(r"^top:", (EXAMPLE / "Makefile").read_text(encoding="utf-8"), re.M)
    assert "needs: volumes" in workflow
