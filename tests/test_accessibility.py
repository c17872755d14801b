"""Accessibility, as DAISY Ace (the EPUB accessibility checker, run with the system Chromium)
and its axe-core judge it: no serious or critical violation in the example book nor in an
archive of PDF issues (page maps, pictures), the package's language and schema.org
accessibility metadata declared, and the newspaper's secondary text (datelines, captions,
leads, furniture) readable under a dark theme as under a light one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from building import ROOTS, copy_root
from cdp import CHROMIUM, Browser, served
from node import PUPPETEER, node_modules
from test_epub import NS, XML_LANG, Built, metadata

REPO = Path(__file__).resolve().parents[1]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)"
)


def ace(epub: Path, outdir: Path) -> list[tuple[str, str, str]]:
    """Ace's violations in ``epub``: (impact, rule, file) each."""
    command = [str(node_modules() / ".bin" / "ace-puppeteer"), "-s", "-f", "-o", str(outdir), str(epub)]
    env = {**os.environ, **PUPPETEER}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    report = outdir / "report.json"
    assert report.is_file(), result.stdout[-2000:] + result.stderr[-2000:]
    found = json.loads(report.read_text(encoding="utf-8"))
    return [
        (
            assertion["earl:test"]["earl:impact"],
            assertion["earl:test"]["dct:title"],
            document["earl:testSubject"]["url"],
        )
        for document in found.get("assertions", [])
        for assertion in document.get("assertions", [])
    ]


def example_book(tmp_path: Path) -> Path:
    srcdir = tmp_path / "example_book"
    shutil.copytree(REPO / "example_book", srcdir, ignore=shutil.ignore_patterns("_build", "newspaper"))
    return srcdir


def pdf_archive(tmp_path: Path) -> Path:
    """An archive of three PDF issues (page maps, news photos): the PDFs of two test roots."""
    srcdir = tmp_path / "pdf-archive"
    (srcdir / "issues").mkdir(parents=True)
    for pdf in [
        *(ROOTS / "test-pdf" / "issues").glob("*.pdf"),
        *(ROOTS / "test-pdf-photos" / "issues").glob("*.pdf"),
    ]:
        shutil.copy(pdf, srcdir / "issues")
    (srcdir / "conf.py").write_text(
        'project = "测试日报"\nextensions = ["sphinx_newspaper"]\n'
        'suppress_warnings = ["newspaper.title-inferred"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "测试日报\n========\n\n.. newspaper-archive:: issues\n   :paper: 测试日报\n", encoding="utf-8"
    )
    return srcdir


BOOKS = {"example": example_book, "pdf-archive": pdf_archive}


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@needs_chromium
@pytest.mark.parametrize("name", sorted(BOOKS))
def test_ace_reports_no_serious_or_critical_violation(make_app, tmp_path: Path, name: str):
    node_modules()  # (before the build: a skip costs nothing)
    app = make_app("epub", srcdir=BOOKS[name](tmp_path))
    app.build()
    violations = ace(Built(app).path, tmp_path / "ace")
    by_impact = Counter(impact for impact, _, _ in violations)
    assert by_impact["critical"] == by_impact["serious"] == 0, violations
    assert violations == []  # nor a moderate or minor one


@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_the_package_declares_its_language_and_accessibility(app):
    app.build()
    built = Built(app)
    assert built.opf.get(XML_LANG) == "zh-Hans"
    meta = metadata(built)
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert "alternativeText" in meta["schema:accessibilityFeature"]
    assert "tableOfContents" in meta["schema:accessibilityFeature"]
    assert meta["schema:accessibilityHazard"] == ["none"]
    (summary,) = meta["schema:accessibilitySummary"]
    assert "目录" in summary and "替代文字" in summary
    assert built.opf.find("opf:metadata", NS) is not None


#: axe-core (Ace's own copy) on the page: its colour-contrast violations, each with the text's
#: class and the ratio it measured.
AXE_JS = """(async () => {
  const result = await axe.run(document, {runOnly: ['color-contrast']});
  return result.violations.flatMap(v => v.nodes.map(n => n.html.slice(0, 80) + ' ' + n.any.map(c => c.message).join()));
})()"""

PAGES = ["index.html", "newspaper/2023-03-24/p04.html", "newspaper/2023-03-24/p04-01.html"]


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@needs_chromium
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_secondary_text_keeps_its_contrast_under_furo(make_app, tmp_path: Path, theme: str):
    """Under furo, light and dark: datelines, leads, kickers and furniture were fixed greys
    (#777 on white: 4.47:1; #444 on furo's dark background: 1.9:1)."""
    pytest.importorskip("furo")
    axe = node_modules() / "@daisy" / "axe-core-for-ace" / "axe.min.js"
    srcdir = copy_root("issue", tmp_path)
    overrides = {"html_theme": "furo", "suppress_warnings": ["newspaper.title-inferred"]}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    shutil.copy(axe, Path(app.outdir) / "axe.min.js")
    found: dict[str, Any] = {}
    with served(Path(app.outdir)) as site, Browser() as browser:
        for page in PAGES:
            browser.open(site + page)
            browser.evaluate(
                f"document.body.dataset.theme = '{theme}';"
                "new Promise(r => { const s = document.createElement('script'); s.src = '/axe.min.js';"
                " s.onload = r; document.head.appendChild(s); })"
            )
            assert browser.evaluate(
                "document.querySelector('.newspaper-furniture, .newspaper-dateline, "
                ".newspaper-lead, .newspaper-kicker') !== null"
            ), page
            found[page] = browser.evaluate(AXE_JS)
    assert found == {page: [] for page in PAGES}


@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_the_page_map_is_named_on_its_block_not_with_a_role_on_its_svg(app):
    """EPUBCheck 4.2 (Debian's) refuses a ``role`` on an ``svg`` ("role is invalid", once per
    page map); the map is a named group on its ``div``, each region a link named by its article."""
    app.build()
    built = Built(app)
    page = built.xml("EPUB/2024-06-03-p02.xhtml")
    (block,) = page.iterfind(".//x:div[@class='newspaper-page-map']", NS)
    assert block.get("role") == "group" and block.get("aria-label")
    svg = block.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("role") is None
    assert all(element.get("role") is None for element in svg.iter())
    links = svg.findall("{http://www.w3.org/2000/svg}a")
    assert [link.get("aria-label") for link in links] == [
        "社区课堂开进老街",
        "老旧小区加装电梯提速",
        "全市开展防汛应急演练",
    ]
