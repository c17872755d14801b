"""The HTML book in headless Chromium: layout measured in the browser, not read from the markup.

Each page is copied beside itself with a measuring script, loaded in an ``<iframe>`` of the width
under test (headless windows are never narrower than 500 px), and the script posts its results
to the outer page, which ``--dump-dom`` prints.  ``document.fonts.check()`` says true for any
local family, even a missing one, so fonts are identified by measuring text instead.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ISSUE = "newspaper/2023-03-24"
FIRST, MIDDLE, LAST = (f"{ISSUE}/p04-0{i}" for i in (1, 2, 3))

#: The example issue with the alabaster theme (Sphinx's default, named so it stays tested), built
#: once for the module; a test decorated with :func:`taiwan` reads the ``s2tw`` build instead.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)"),
    pytest.mark.sphinx("html", testroot="issue", confoverrides={"html_theme": "alabaster"}),
    pytest.mark.test_params(shared_result="browser-hans"),
]


def taiwan(test: Any) -> Any:
    """The test reads the example issue converted with ``s2tw`` instead."""
    overrides = {"html_theme": "alabaster", "newspaper_convert": "s2tw"}
    test = pytest.mark.sphinx("html", testroot="issue", confoverrides=overrides)(test)
    return pytest.mark.test_params(shared_result="browser-tw")(test)


# clreq: characters that must not start a line, and those that must not end one.
NO_LINE_START = set("，。、；：？！）」』”’》〉】〕…·")
NO_LINE_END = set("（「『“‘《〈【〔")

MEASURE_JS = r"""
(() => {
  const PROBE = "mmmmmmmmmmlli WMW 0123456789 永和九年“报”，。";
  const GENERIC = new Set(["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
    "ui-serif", "ui-sans-serif", "ui-monospace", "math", "emoji", "fangsong"]);
  const ctx = document.createElement("canvas").getContext("2d");
  const width = (font, text) => { ctx.font = font; return ctx.measureText(text).width; };
  const families = (list) => list.match(/"[^"]*"|[^,]+/g).map(f => f.trim().replace(/^"|"$/g, ""));
  // A family is installed when text set in it measures the same whatever the fallback.
  const installed = (name) => {
    if (GENERIC.has(name)) return true;
    const w = ["monospace", "serif", "sans-serif"].map(g => width(`16px "${name}", ${g}`, PROBE));
    return w.every(x => x === w[0]);
  };
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return {text: el.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
      shown: r.width > 0 && r.height > 0 && cs.display !== "none" && cs.visibility === "visible"
        && cs.opacity !== "0"};
  };
  const style = (el) => {
    const cs = getComputedStyle(el);
    return {cls: el.className, lineBreak: cs.lineBreak, fontFamily: cs.fontFamily,
      fontSize: parseFloat(cs.fontSize), textIndent: parseFloat(cs.textIndent)};
  };
  // Each line break inside a paragraph as [last character of the line, first of the next].
  const breaks = (p) => {
    const pairs = [], range = document.createRange();
    let top = null, prev = null;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; ) {
        const ch = String.fromCodePoint(node.data.codePointAt(i));
        range.setStart(node, i); range.setEnd(node, i + ch.length); i += ch.length;
        const r = range.getClientRects()[0];
        if (!r || /\s/.test(ch)) continue;
        if (top !== null && r.top > top + r.height / 2) pairs.push([prev, ch]);
        top = r.top; prev = ch;
      }
    }
    return pairs;
  };
  const measure = () => {
    const out = {lang: document.documentElement.lang, innerWidth: innerWidth,
      scrollWidth: document.documentElement.scrollWidth};
    out.overflowing = [...document.querySelectorAll("body *")]
      .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5 || el.scrollWidth > el.clientWidth + 1)
      .slice(0, 8).map(el => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    const body = [...document.querySelectorAll("section.newspaper-article > p:not([class])")];
    const front = [...document.querySelectorAll(".newspaper-front p, .newspaper-masthead p")];
    out.paragraphs = body.map(style);
    out.front = front.map(style);
    out.breaks = [...body, ...document.querySelectorAll(".newspaper-front p.newspaper-lead")].flatMap(breaks);
    const first = body[0];
    if (first) {
      const cs = getComputedStyle(first), r = first.getBoundingClientRect(), range = document.createRange();
      range.setStart(first.firstChild, 0); range.setEnd(first.firstChild, 1);
      out.indentRendered = range.getClientRects()[0].left - r.left - parseFloat(cs.paddingLeft)
        - parseFloat(cs.borderLeftWidth);
    }
    const sample = first || document.querySelector(".newspaper-front p.newspaper-lead");
    if (sample) {
      const cs = getComputedStyle(sample), names = families(cs.fontFamily);
      const text = sample.textContent.slice(0, 80);
      // The sample's text laid out on one line inside the paragraph, in its font or another.
      const laidOut = (family) => {
        const span = document.createElement("span");
        span.style.cssText = "position:absolute;white-space:pre;text-indent:0";
        if (family) span.style.fontFamily = family;
        span.textContent = text; sample.appendChild(span);
        const w = span.getBoundingClientRect().width; span.remove();
        return w;
      };
      const used = names.find(installed);
      out.font = {families: names, firstInstalled: used, missingDetected: !installed("No Such Family 7f3a"),
        width: laidOut(null), usedWidth: laidOut(`"${used}"`), monospaceWidth: laidOut("monospace")};
    }
    const article = document.querySelector("section.newspaper-article");
    const part = (sel) => box(article && article.querySelector(`:scope > ${sel}`));
    // The kicker stands before the article's section, so before its title in the DOM.
    const kicker = article && article.previousElementSibling;
    out.parts = {kicker: kicker && kicker.matches("p.newspaper-kicker") ? box(kicker) : null,
      title: part("h1"), subtitle: part("p.newspaper-subtitle"),
      byline: part("p.newspaper-byline"), dateline: part("p.newspaper-dateline"), body: box(first)};
    // Reading order as the DOM gives it (screen readers, text conversions), not as CSS shows it.
    out.domOrder = [...document.querySelectorAll(
      "p.newspaper-kicker:not(li p), section.newspaper-article > h1, section.newspaper-article > p.newspaper-byline")]
      .map(el => el.tagName === "H1" ? "title" : el.className.replace("newspaper-", ""));
    out.headlineBullets = [...document.querySelectorAll("li.newspaper-headline")]
      .map(li => getComputedStyle(li).listStyleType);
    out.nav = [...document.querySelectorAll(".newspaper-article-nav p")].map(p => ({
      cls: p.className, href: p.querySelector("a") && p.querySelector("a").getAttribute("href"), ...box(p)}));
    return out;
  };
  const send = (out) => {
    const json = JSON.stringify(out);
    parent.postMessage(json, "*");
  };
  // Not requestAnimationFrame: headless Chromium never runs it in a frame.  Reading boxes lays out.
  document.fonts.ready.then(() => setTimeout(() => {
    try { send(measure()); } catch (e) { send({error: String(e.stack || e)}); }
  }, 50));
})();
"""

FRAME = """<!DOCTYPE html>
<html><body style="margin:0">
<iframe src="{src}" style="border:0;width:{width}px;height:{height}px"></iframe>
<pre id="measure"></pre>
<script>addEventListener("message", e => {{ document.getElementById("measure").textContent = e.data; }});</script>
</body></html>
"""


def chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once, in a fresh profile, with nothing fetched from the network."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *arguments,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )


def measure(page: Path, width: int, height: int = 900) -> dict[str, Any]:
    """Load ``page`` in a ``width`` px wide frame and return what MEASURE_JS found there."""
    probe = page.with_name(f"_measure-{page.name}")
    source = page.read_text(encoding="utf-8")
    probe.write_text(source.replace("</body>", f"<script>{MEASURE_JS}</script>\n</body>"), encoding="utf-8")
    frame = page.with_name(f"_frame-{width}-{page.name}")
    frame.write_text(FRAME.format(src=probe.name, width=width, height=height), encoding="utf-8")
    result = chromium(
        f"--window-size={width + 20},{height + 100}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        frame.as_uri(),
    )
    found = re.search(r'<pre id="measure">(.+?)</pre>', result.stdout, re.S)
    assert found, f"no measurement from {page.name}: {result.stderr[-2000:]}"
    data = json.loads(html.unescape(found[1]))
    assert "error" not in data, data["error"]
    assert data["innerWidth"] == width, data["innerWidth"]
    return data


def cjk_families(lang: str = "zh") -> set[str]:
    """Every name (English and localised) of the fonts fontconfig says cover ``lang``."""
    listing = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}


class Pages:
    """One HTML build, measured lazily: each (page, width) is rendered once per test process."""

    _seen: ClassVar[dict[tuple[Path, str, int], dict[str, Any]]] = {}

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir

    def __call__(self, docname: str, width: int = 1280) -> dict[str, Any]:
        key = (self.outdir, docname, width)
        if key not in self._seen:
            self._seen[key] = measure(self.outdir / f"{docname}.html", width)
        return self._seen[key]


@pytest.fixture
def pages(app: Any) -> Pages:
    """The pages of this test's build (the module's, unless the test names ``TAIWAN``)."""
    app.build()
    assert "ERROR" not in app.warning.getvalue()
    return Pages(Path(app.outdir))


def test_paragraphs_open_with_a_two_em_indent(pages: Pages) -> None:
    page = pages(FIRST)
    assert len(page["paragraphs"]) > 10
    for paragraph in page["paragraphs"]:
        assert paragraph["textIndent"] == pytest.approx(2 * paragraph["fontSize"]), paragraph
    # The first character really stands two ems in, not only in the computed style.
    assert page["indentRendered"] == pytest.approx(2 * page["paragraphs"][0]["fontSize"], abs=0.5)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("docname", ["index", f"{ISSUE}/p04", FIRST, LAST])
def test_no_horizontal_overflow(pages: Pages, docname: str, width: int) -> None:
    page = pages(docname, width)
    assert page["scrollWidth"] <= page["innerWidth"], page["overflowing"]


def test_paragraphs_break_lines_strictly(pages: Pages) -> None:
    for docname in ("index", FIRST, LAST):
        page = pages(docname, 360)
        styled = page["paragraphs"] + page["front"]
        assert styled, docname
        assert {p["lineBreak"] for p in styled} == {"strict"}, docname


def test_lines_follow_clreq_at_a_narrow_width(pages: Pages) -> None:
    pairs = [pair for docname in ("index", FIRST, MIDDLE, LAST) for pair in pages(docname, 360)["breaks"]]
    assert len(pairs) > 100  # a narrow page wraps often
    assert [p for p in pairs if p[1] in NO_LINE_START] == []
    assert [p for p in pairs if p[0] in NO_LINE_END] == []
    assert [p for p in pairs if p == ["—", "—"] or p == ["…", "…"]] == []  # —— and …… stay whole


@pytest.mark.parametrize("docname", ["index", FIRST])
def test_chinese_text_is_set_in_an_installed_cjk_font(pages: Pages, docname: str) -> None:
    font = pages(docname)["font"]
    assert font["missingDetected"]  # the detection tells a missing family from an installed one
    assert font["firstInstalled"] in cjk_families("zh-cn"), font
    assert font["families"].index(font["firstInstalled"]) == 0, font  # the stylesheet's first choice
    # The text as laid out measures what the CJK face alone gives, and not what a Latin face gives.
    assert font["width"] == pytest.approx(font["usedWidth"], abs=0.5), font
    assert abs(font["width"] - font["monospaceWidth"]) > 1, font


@taiwan
def test_traditional_build_uses_a_traditional_face_and_language(pages: Pages) -> None:
    for docname in ("index", FIRST):
        page = pages(docname)
        assert page["lang"] == "zh-TW"
        assert page["font"]["firstInstalled"] in cjk_families("zh-tw"), page["font"]
    assert pages(FIRST)["font"]["firstInstalled"].endswith("TC")


@pytest.mark.parametrize("docname", ["index", f"{ISSUE}/p04", FIRST])
def test_simplified_pages_are_tagged_zh_hans(pages: Pages, docname: str) -> None:
    assert pages(docname)["lang"] == "zh-Hans"


@pytest.mark.parametrize("width", [360, 1280])
def test_article_shows_headline_parts_in_reading_order(pages: Pages, width: int) -> None:
    parts = pages(FIRST, width)["parts"]
    for name in ("kicker", "title", "byline", "dateline", "body"):
        assert parts[name] and parts[name]["shown"], (name, parts[name])
    assert parts["kicker"]["text"] == "龙头山镇沙坝村——"
    assert parts["title"]["text"].startswith("“耕”好党建“责任田”增强人民“幸福感”")
    assert parts["byline"]["text"] == "通讯员 张永坤 文/图"
    assert "2023年3月24日 星期五" in parts["dateline"]["text"]
    assert "第4版" in parts["dateline"]["text"]
    order = [parts[name]["top"] for name in ("kicker", "title", "byline", "dateline", "body")]
    assert order == sorted(order) and len(set(order)) == len(order), order
    assert parts["kicker"]["bottom"] <= parts["title"]["top"] + 1


def test_the_kicker_comes_before_the_title_in_the_dom(pages: Pages) -> None:
    assert pages(FIRST)["domOrder"] == ["kicker", "title", "byline"]


def test_article_links_up_to_its_page_and_front_and_to_previous_and_next_articles(pages: Pages) -> None:
    nav = pages(MIDDLE)["nav"]
    assert [(n["cls"], n["href"]) for n in nav] == [
        ("newspaper-up-page", "p04.html"),
        ("newspaper-up-front", "../../index.html"),
        ("newspaper-prev", "p04-01.html"),
        ("newspaper-next", "p04-03.html"),
    ]
    assert all(n["shown"] for n in nav), nav
    assert nav[0]["text"] == "本版：第4版　阅读昭通·党建"
    assert nav[1]["text"] == "首页：昭通日报 2023年3月24日"
    assert nav[2]["text"].startswith("上一篇：“耕”好党建")
    assert nav[3]["text"] == "下一篇：建“五型机关”促提质提效"
    ups = ["newspaper-up-page", "newspaper-up-front"]
    assert [n["cls"] for n in pages(FIRST)["nav"]] == [*ups, "newspaper-next"]
    assert [n["cls"] for n in pages(LAST)["nav"]] == [*ups, "newspaper-prev"]
