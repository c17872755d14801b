"""The EPUB in epub.js, the reading engine of many web and app readers, driven in headless
Chromium as a reader drives it (tests/cdp.py): a click on an article's region of the page map
opens the article inside the book (not the browser's 404 for ``/EPUB/…xhtml``, where epub.js
saw no ``href`` on the map's links and left them to the browser), and the map is drawn as wide
as the text (epub.js's image rule had made it about 270 px wide beside text 654 px wide)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from cdp import CHROMIUM, Browser, served
from node import node_modules

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)"),
]

READER = """<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="jszip.min.js"></script><script src="epub.min.js"></script></head>
<body style="margin:0"><div id="viewer" style="width:800px;height:600px"></div>
<script>
window.book = ePub("book.epub");
window.rendition = book.renderTo("viewer", {width: 800, height: 600, flow: "FLOW"});
window.shown = rendition.display("2024-06-03-p02.xhtml").then(() => new Promise(r => setTimeout(r, 300)));
</script></body></html>"""

#: The map's width and the text's, in the section epub.js shows; the centre of region ``i``
#: in the window's coordinates.
MAP_JS = """(async (i) => {
  await window.shown;
  const frame = document.querySelector('#viewer iframe'), doc = frame.contentDocument;
  const svg = doc.querySelector('.newspaper-page-map svg');
  const rect = svg.querySelectorAll('a')[i].querySelector('rect');
  rect.scrollIntoView({block: 'center'});
  const at = frame.getBoundingClientRect(), box = rect.getBoundingClientRect();
  // the map's block fills the column (paginated) or the text's width (scrolled)
  return {map: svg.getBoundingClientRect().width, text: svg.parentElement.getBoundingClientRect().width,
          x: at.x + box.x + box.width / 2, y: at.y + box.y + box.height / 2};
})"""

#: Where the reader is: the section epub.js shows, and its document (null while epub.js swaps
#: the section's frame for the next one's).
WHERE_JS = """(() => {
  const frame = document.querySelector('#viewer iframe'), doc = frame && frame.contentDocument;
  const location = rendition.currentLocation(), start = location && location.start;
  const heading = doc && doc.querySelector('h1');
  return {section: start ? start.href : null, url: doc ? doc.URL : null,
          heading: heading ? heading.textContent : null};
})()"""


@pytest.mark.parametrize("flow", ["paginated", "scrolled-doc"])
@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_the_page_map_opens_articles_in_epubjs_and_is_as_wide_as_the_text(
    app: Any, tmp_path: Path, flow: str
):
    modules = node_modules()
    app.build()
    (epub,) = Path(app.outdir).glob("*.epub")
    shutil.copy(epub, tmp_path / "book.epub")
    shutil.copy(modules / "epubjs/dist/epub.min.js", tmp_path)
    shutil.copy(modules / "jszip/dist/jszip.min.js", tmp_path)
    (tmp_path / "reader.html").write_text(READER.replace("FLOW", flow), encoding="utf-8")
    with served(tmp_path) as site, Browser(1000, 800) as browser:
        browser.open(site + "reader.html")
        geometry = browser.evaluate(f"({MAP_JS})(1)")
        assert geometry["map"] == pytest.approx(geometry["text"], abs=2), geometry
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            browser.page(
                "Input.dispatchMouseEvent",
                type=kind,
                x=geometry["x"],
                y=geometry["y"],
                button="left",
                clickCount=1,
            )
        deadline = time.monotonic() + 20
        while (where := browser.evaluate(WHERE_JS))["section"] in ("2024-06-03-p02.xhtml", None) or (
            where["heading"] is None
        ):
            assert time.monotonic() < deadline, where
            time.sleep(0.1)
    assert where["section"] == "2024-06-03-p02-02.xhtml", where
    assert where["heading"].startswith("老旧小区加装电梯提速"), where
    assert "/EPUB/" not in where["url"], where  # the book's own view, not the browser's request
