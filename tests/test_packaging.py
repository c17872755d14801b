"""The package as a user gets it: metadata, the sdist (its tests run), and the wheel installed
in fresh virtualenvs, building the example on the oldest Sphinx and docutils the package
declares and on the newest the package index offers.

These tests install from the package index (``pip``), so they need it reachable, as CI has it;
deselect them with ``-m "not packaging"`` where it is not.
"""

from __future__ import annotations

import email
import email.message
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from building import pdf_text, squeeze
from cdp import CHROMIUM, Browser, served

REPO = Path(__file__).resolve().parents[1]
TITLES = ["“耕”好党建“责任田”增强人民“幸福感”", "建“五型机关”促提质提效"]

pytestmark = pytest.mark.xdist_group("packaging")


@dataclass(frozen=True)
class Dist:
    sdist: Path
    wheel: Path
    unpacked: Path  # the sdist, extracted

    def metadata(self) -> email.message.Message:
        with zipfile.ZipFile(self.wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            return email.message_from_bytes(archive.read(name))


def run(command: list[str | Path], timeout: int = 600, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=timeout, **kwargs
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def source_copy(destination: Path) -> Path:
    """The project's files as a fresh clone has them (``git ls-files``; without git, the tree
    less what builds and tests leave in it), copied to ``destination``: the builds below
    never write into the working tree, which the other tests and the editable install use."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "surrogateescape")
        files = [name for name in listed.split("\0") if name and (REPO / name).is_file()]
    except (OSError, subprocess.CalledProcessError):
        files = None
    if files is None:
        leftovers = ("build", "dist", "*.egg-info", "_build", "__pycache__", ".*", "newspaper")
        shutil.copytree(REPO, destination, ignore=shutil.ignore_patterns(*leftovers))
        return destination
    for name in files:
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    return destination


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """``python -m build`` from a copy of the project: the sdist, then the wheel built from the
    sdist (as index users get it); once per test session.  Each build has a copy of its own,
    so that test processes running at once (xdist workers) never share a tree."""
    work = tmp_path_factory.mktemp("packaging")
    source = source_copy(work / "source")
    out = work / "dist"
    run([sys.executable, "-m", "build", "--outdir", out, source])
    sdist = next(out.glob("*.tar.gz"))
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    return Dist(sdist, next(out.glob("*.whl")), unpacked)


def floors(metadata: email.message.Message) -> dict[str, str]:
    """``{"sphinx": "7.2", ...}``: the lower bound of each ``Requires-Dist`` that has one."""
    found = {}
    for requirement in metadata.get_all("Requires-Dist"):
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)\s*(;.*)?$", requirement)
        if match and not match[3]:
            found[match[1].lower()] = match[2]
    return found


@pytest.mark.packaging
def test_metadata_licence_classifiers_and_floors(dist: Dist) -> None:
    import trove_classifiers

    from sphinx_newspaper import __version__
    from sphinx_newspaper.extension import SPHINX_FLOOR

    metadata = dist.metadata()
    assert metadata["Name"] == "sphinx-newspaper" and metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License"] is None  # the deprecated free-text field
    assert metadata.get_all("License-File") == ["LICENSE"]
    with zipfile.ZipFile(dist.wheel) as archive:
        licence = next(n for n in archive.namelist() if n.endswith("licenses/LICENSE"))
        assert archive.read(licence).decode().startswith("MIT License")
    classifiers = metadata.get_all("Classifier")
    assert set(classifiers) <= trove_classifiers.classifiers, set(classifiers) - trove_classifiers.classifiers
    for expected in [
        "Framework :: Sphinx :: Extension",
        "Natural Language :: Chinese (Simplified)",
        "Natural Language :: Chinese (Traditional)",
        "Programming Language :: Python :: 3.11",
    ]:
        assert expected in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # the expression says it
    # The floor the package declares is the one the extension asks Sphinx for.
    assert floors(metadata)["sphinx"] == SPHINX_FLOOR
    assert "docutils" in floors(metadata)


def claimed(text: str, pattern: str) -> set[str]:
    """The Python versions a sentence matching ``pattern`` names: ``3.11`` or ``3.11 to 3.13``."""
    match = re.search(pattern, text)
    assert match, pattern
    first, last = match["first"], match["last"] or match["first"]
    return {f"3.{minor}" for minor in range(int(first[2:]), int(last[2:]) + 1)}


def test_the_python_versions_claimed_are_the_ones_ci_tests() -> None:
    """The classifiers, requires-python's floor, the README and the example workflow claim the
    Python versions CI runs the tests on (the README says which), and this run is on one of
    them: a version tried once by hand is said as such, not claimed."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    tested = claimed(readme, r"CI runs on Python (?P<first>3\.\d+)(?: to (?P<last>3\.\d+))?")
    classifiers = {
        c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.fullmatch(r".*Python :: 3\.\d+", c)
    }
    assert classifiers == tested
    assert project["requires-python"] == f">={min(tested, key=lambda v: int(v[2:]))}"
    supported = r"docutils [0-9.]+ or newer, on Python (?P<first>3\.\d+)(?: to (?P<last>3\.\d+))?\."
    assert claimed(readme, supported) == tested
    workflow = (REPO / "examples" / "archive" / "github-actions.yml").read_text(encoding="utf-8")
    assert set(re.findall(r'python-version: "([0-9.]+)"', workflow)) <= tested
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in tested


@pytest.mark.packaging
def test_description_renders_without_broken_pictures(dist: Dist) -> None:
    """A package index shows the README with no files beside it: no relative picture paths."""
    from readme_renderer.markdown import render

    metadata = dist.metadata()
    assert metadata["Description-Content-Type"].startswith("text/markdown")
    description = metadata.get_payload()
    assert "## Quick start" in description
    rendered = render(description, variant="GFM")
    assert rendered is not None
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', rendered)
    assert [s for s in sources if not s.startswith("https://")] == []
    # The pictures are named, with where to find them.
    assert "docs/images/html-article.png" in description
    with tarfile.open(dist.sdist) as archive:
        assert any(name.endswith("docs/images/html-article.png") for name in archive.getnames())


@pytest.mark.packaging
def test_sdist_holds_the_tests_and_they_run(dist: Dist) -> None:
    for needed in [
        "LICENSE",
        "tests/conftest.py",
        "tests/building.py",
        "tests/roots/test-issue/conf.py",
        "tests/gold/zhaotong-2023-03-24-p04.gold.json",
        "example_book/conf.py",
        "example_book/zhaotong-2023-03-24-p04.txt",
    ]:
        assert (dist.unpacked / needed).is_file(), needed
    assert not list(dist.unpacked.rglob("__pycache__"))
    # Run from the unpacked sdist, its own copy of the package comes first on sys.path.
    where = run(
        [sys.executable, "-c", "import sphinx_newspaper; print(sphinx_newspaper.__file__)"], cwd=dist.unpacked
    )
    assert Path(where.stdout.strip()).is_relative_to(dist.unpacked)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    collected = run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q"],
        cwd=dist.unpacked,
        env=env,
    )
    assert re.search(r"^\d+ tests collected", collected.stdout, re.M), collected.stdout[-2000:]
    result = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/test_gold.py",
            "tests/test_cli.py",
            "tests/test_extension.py::test_one_document_per_article_grouped_by_page",
        ],
        cwd=dist.unpacked,
        env=env,
    )
    assert re.search(r"^\d+ passed", result.stdout.splitlines()[-1]), result.stdout[-2000:]


def fresh_venv(path: Path, *requirements: str | Path) -> Path:
    """A new virtualenv with ``requirements`` installed by pip; returns its ``bin``."""
    venv.create(path, with_pip=True)
    bin_dir = path / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements])
    return bin_dir


def versions(bin_dir: Path) -> tuple[str, str]:
    out = run(
        [bin_dir / "python", "-c", "import sphinx, docutils; print(sphinx.__version__, docutils.__version__)"]
    )
    sphinx_version, docutils_version = out.stdout.split()
    return sphinx_version, docutils_version


@pytest.mark.packaging
@pytest.mark.parametrize("which", ["oldest", "newest"])
def test_example_builds_from_the_wheel_in_a_fresh_venv(dist: Dist, tmp_path: Path, which: str) -> None:
    """The wheel in a new virtualenv, with the Sphinx and docutils floors it declares pinned
    (``oldest``) or whatever is newest: the example book in HTML, EPUB and LaTeX, with ``-W``,
    and on the floors the PDF (xelatex) too."""
    from test_epub import epubcheck

    pins = floors(dist.metadata())
    requirements = [dist.wheel]
    if which == "oldest":
        requirements += [f"sphinx=={pins['sphinx']}", f"docutils=={pins['docutils']}"]
    bin_dir = fresh_venv(tmp_path / "venv", *requirements)
    sphinx_version, docutils_version = versions(bin_dir)
    if which == "oldest":
        assert (sphinx_version, docutils_version) == (
            pins["sphinx"] + ".0" * (2 - pins["sphinx"].count(".")),
            pins["docutils"] + ".0" * (2 - pins["docutils"].count(".")),
        )
    from sphinx_newspaper import __version__

    assert (
        run([bin_dir / "sphinx-newspaper", "--version"]).stdout.strip() == f"sphinx-newspaper {__version__}"
    )

    srcdir = tmp_path / "book"
    shutil.copytree(dist.unpacked / "example_book", srcdir)
    build = tmp_path / "_build"
    for builder in ("html", "epub", "latex"):
        result = run([bin_dir / "sphinx-build", "-W", "--keep-going", "-b", builder, srcdir, build / builder])
        assert "WARNING" not in result.stderr, result.stderr
    article = (build / "html" / "newspaper/2023-03-24/p04-01.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in article and TITLES[0] in article
    if CHROMIUM.exists():  # the search page finds the articles holding a word (tests/test_search.py)
        with served(build / "html") as site, Browser() as browser:
            for word in ("乡村振兴", "党建"):
                found = browser.search(site, word)
                assert any("2023-03-24/p04-01.html" in link for link in found), (sphinx_version, word, found)
    epub_file = build / "epub" / "zhaotong-ribao-2023-03-24.epub"
    with zipfile.ZipFile(epub_file) as archive:
        names = archive.namelist()
        assert sum(name.endswith(".xhtml") and "p04-0" in name for name in names) == 3, names
        last = archive.read(next(n for n in names if n.endswith("p04-03.xhtml"))).decode()
        assert TITLES[1] in last
    report = epubcheck(epub_file)
    assert report["messages"] == [], (sphinx_version, report["messages"])
    tex = (build / "latex" / "zhaotong-ribao-2023-03-24.tex").read_text(encoding="utf-8")
    assert all(title in tex for title in TITLES)
    if which == "newest":
        return  # the rest of the suite runs xelatex on the newest releases (the dev venv has them)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    run(
        ["make", "-C", build / "latex", "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        env=env,
    )
    text = squeeze(pdf_text(build / "latex" / "zhaotong-ribao-2023-03-24.pdf"))
    for title in TITLES:
        assert title in text, (sphinx_version, docutils_version)


def test_older_sphinx_is_refused_by_name(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the declared floor the extension says which Sphinx it needs, not a traceback."""
    import sphinx
    from sphinx.errors import VersionRequirementError

    from sphinx_newspaper.extension import SPHINX_FLOOR

    major, minor = map(int, SPHINX_FLOOR.split("."))
    monkeypatch.setattr(sphinx, "version_info", (major, minor - 1, 9, "final", 0))
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_newspaper"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    with pytest.raises(VersionRequirementError, match=rf"needs at least Sphinx v{SPHINX_FLOOR}"):
        make_app("html", srcdir=srcdir)
