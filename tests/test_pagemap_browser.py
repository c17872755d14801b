"""The page map (版面导航) in headless Chromium, driven as a reader drives it (tests/cdp.py): mouse
clicks on the regions of the page image land on their articles, the map scales with the page
width, the keyboard reaches every region and shows where it is, screen readers get one named
link per article; the EPUB's XHTML page map works in the same engine (Thorium and calibre's
viewer are built on it)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from cdp import CHROMIUM, Browser

ISSUE = "newspaper/2024-06-03"
TITLES = {
    "p01": ["城南湿地公园正式开园", "夜间经济点亮城市烟火气"],
    "p02": ["社区课堂开进老街", "老旧小区加装电梯提速", "全市开展防汛应急演练"],
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)"),
]

REGIONS_JS = """[...document.querySelectorAll('.newspaper-page-map svg a')].map(a => ({
  title: a.getAttribute('aria-label'), rects: a.querySelectorAll('rect').length}))"""

#: Scroll region ``i``'s largest box into the middle of the window; where its centre now is.
CENTRE_JS = """((i) => {
  const a = document.querySelectorAll('.newspaper-page-map svg a')[i];
  const rects = [...a.querySelectorAll('rect')];
  const big = rects.reduce((x, y) => (x.getBoundingClientRect().width * x.getBoundingClientRect().height >=
                                      y.getBoundingClientRect().width * y.getBoundingClientRect().height ? x : y));
  big.scrollIntoView({block: 'center', inline: 'center'});
  const r = big.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
})"""

GEOMETRY_JS = """(() => {
  const svg = document.querySelector('.newspaper-page-map svg');
  const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
  const rect = svg.querySelector('rect'), r = rect.getBoundingClientRect();
  const image = svg.querySelector('image').getBoundingClientRect();
  return {width: box.width, height: box.height, viewWidth: view.width, viewHeight: view.height,
          rectWidth: r.width, rectUnits: rect.width.baseVal.value, imageWidth: image.width,
          container: svg.parentElement.parentElement.getBoundingClientRect().width,
          scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth};
})()"""

FOCUS_JS = """(() => {
  const el = document.activeElement;
  if (!el || !el.closest('.newspaper-page-map')) return null;
  const rect = el.querySelector('rect'), style = getComputedStyle(rect);
  return {title: el.getAttribute('aria-label'), stroke: parseFloat(style.strokeWidth),
          fill: parseFloat(style.fillOpacity)};
})()"""


@pytest.fixture
def built(app: Any) -> Path:
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    return Path(app.outdir)


def page_url(outdir: Path, page: str) -> str:
    return (outdir / f"{ISSUE}/{page}.html").as_uri()


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"html_theme": "alabaster"})
@pytest.mark.test_params(shared_result="pagemap-browser")
@pytest.mark.parametrize("width", [1280, 360])
def test_clicking_each_region_lands_on_its_article(built: Path, width: int):
    clicked = []
    with Browser(width, 800) as browser:
        for page, titles in TITLES.items():
            browser.open(page_url(built, page))
            regions = browser.evaluate(REGIONS_JS)
            assert [r["title"] for r in regions] == titles
            for index in range(len(regions)):
                browser.open(page_url(built, page))
                x, y = browser.evaluate(f"({CENTRE_JS})({index})")
                assert 0 <= x <= width and 0 <= y <= 800
                browser.click(x, y)
                landed = browser.evaluate(
                    "[location.pathname.split('/').pop(), document.querySelector('h1').textContent]"
                )
                clicked.append((page, landed[0], landed[1].rstrip("¶")))
    assert clicked == [
        (page, href, title)
        for page, titles in TITLES.items()
        for href, title in zip([f"{page}-0{i}.html" for i in range(1, 4)], titles, strict=False)
    ]
    assert len(clicked) >= 3 and len({page for page, _, _ in clicked}) == 2


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"html_theme": "alabaster"})
@pytest.mark.test_params(shared_result="pagemap-browser")
@pytest.mark.parametrize("width", [360, 1280])
def test_the_map_scales_with_the_page_width(built: Path, width: int):
    with Browser(width, 800) as browser:
        browser.open(page_url(built, "p01"))
        geometry = browser.evaluate(GEOMETRY_JS)
    assert geometry["scrollWidth"] <= geometry["innerWidth"]  # nothing runs off the screen
    assert geometry["width"] <= width and geometry["width"] >= 0.6 * min(width, geometry["container"])
    # the page keeps its shape, the image fills the map, and the regions scale with it
    assert geometry["height"] / geometry["width"] == pytest.approx(
        geometry["viewHeight"] / geometry["viewWidth"], rel=0.01
    )
    assert geometry["imageWidth"] == pytest.approx(geometry["width"], rel=0.01)
    scale = geometry["width"] / geometry["viewWidth"]
    assert geometry["rectWidth"] == pytest.approx(geometry["rectUnits"] * scale, rel=0.01)


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"html_theme": "alabaster"})
@pytest.mark.test_params(shared_result="pagemap-browser")
def test_the_keyboard_reaches_every_region_and_shows_it(built: Path):
    with Browser(1280, 900) as browser:
        for page, titles in TITLES.items():
            browser.open(page_url(built, page))
            reached = []
            for _ in range(60):
                browser.press("Tab", 9)
                focus = browser.evaluate(FOCUS_JS)
                if focus is not None and focus["title"] not in [r["title"] for r in reached]:
                    reached.append(focus)
                if len(reached) == len(titles):
                    break
            assert [r["title"] for r in reached] == titles  # in the page's reading order
            assert all(r["stroke"] >= 2 and r["fill"] > 0 for r in reached)  # the focus is visible
            # Enter follows the focused region
            browser._pending.clear()
            browser.press("Enter", 13)
            browser.wait_for("Page.loadEventFired")
            assert browser.evaluate("document.querySelector('h1').textContent").startswith(titles[-1])


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"html_theme": "alabaster"})
@pytest.mark.test_params(shared_result="pagemap-browser")
def test_screen_readers_get_one_named_link_per_article(built: Path):
    with Browser(1280, 900) as browser:
        browser.open(page_url(built, "p02"))
        browser.page("Accessibility.enable")
        tree = browser.page("Accessibility.getFullAXTree")["nodes"]
    names = {
        node["nodeId"]: (node.get("role", {}).get("value"), node.get("name", {}).get("value"))
        for node in tree
    }
    group = [n for n in tree if names[n["nodeId"]] == ("group", "第2版　民生版面")]
    assert len(group) == 1
    by_id = {node["nodeId"]: node for node in tree}
    links = []
    pending = list(group[0].get("childIds", []))
    while pending:
        node = by_id[pending.pop(0)]
        role, name = names[node["nodeId"]]
        if role == "link":
            links.append(name)
        pending.extend(node.get("childIds", []))
    assert links == TITLES["p02"]


@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_the_epub_page_map_works_in_a_reading_engine(app: Any, tmp_path: Path):
    app.build()
    (epub,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(tmp_path)
    page = tmp_path / "EPUB" / "2024-06-03-p02.xhtml"
    with Browser(600, 800) as browser:
        browser.open(page.as_uri())
        assert browser.evaluate("document.contentType") == "application/xhtml+xml"  # read as XML
        geometry = browser.evaluate(GEOMETRY_JS)
        assert geometry["width"] <= 600 and geometry["imageWidth"] == pytest.approx(
            geometry["width"], rel=0.01
        )
        x, y = browser.evaluate(f"({CENTRE_JS})(1)")
        browser.click(x, y)
        assert browser.evaluate("location.pathname").endswith("/EPUB/2024-06-03-p02-02.xhtml")
        assert browser.evaluate("document.querySelector('h1').textContent").startswith("老旧小区加装电梯提速")
