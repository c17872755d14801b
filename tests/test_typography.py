"""Typography a reader sees: headlines' quotes in the Chinese face under themes that give
headings a Latin one, the PDF dateline's middle dot spaced evenly, a caption's credit never
leaving a justified line letter-spaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import copy_root
from cdp import CHROMIUM, Browser, served

ARTICLE = "newspaper/2023-03-24/p04-01.html"

#: The first “ of the headline: its width in ems as laid out (a Chinese face sets it on a full
#: em; Latin faces on about a third of one), and the face the headline asks for first.
QUOTE_JS = """(() => {
  const h1 = document.querySelector('section.newspaper-article h1');
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf('\u201c');
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + 1);
    const size = parseFloat(getComputedStyle(h1).fontSize);
    return {ems: range.getBoundingClientRect().width / size, family: getComputedStyle(h1).fontFamily};
  }
  return null;
})()"""

#: The space justification added to each Chinese character of a caption's last line (the
#: one before its credit), in ems, at most.  Chromium lays a justified line's added space out
#: inside the characters' boxes (a character of 1 em measures 1.06 em on a stretched line).
#: Only a line ended by a forced or wrapped credit can stretch there: a caption's last line of
#: its own is not justified.
CAPTION_JS = """(() => {
  let widest = null;
  for (const p of document.querySelectorAll('figure.newspaper-figure figcaption p')) {
    const size = parseFloat(getComputedStyle(p).fontSize), range = document.createRange();
    const boxes = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('a.headerlink, .newspaper-credit')) continue;
      for (let i = 0; i < node.data.length; i++) {
        if (!/[\\u4e00-\\u9fff]/.test(node.data[i])) continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (r) boxes.push(r);
      }
    }
    if (!boxes.length) continue;
    const top = boxes[boxes.length - 1].top;
    for (const r of boxes)
      if (Math.abs(r.top - top) < 2) widest = Math.max(widest ?? 0, r.width / size - 1);
  }
  return widest;
})()"""


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)")
@pytest.mark.parametrize("theme", ["sphinx_rtd_theme", "sphinx_book_theme"])
def test_headline_quotes_take_the_chinese_face(make_app, tmp_path: Path, theme: str):
    pytest.importorskip(theme)
    srcdir = copy_root("issue", tmp_path)
    overrides = {"html_theme": theme, "suppress_warnings": ["newspaper.title-inferred"]}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    with served(Path(app.outdir)) as site, Browser() as browser:
        browser.open(site + ARTICLE)
        quote = browser.evaluate(QUOTE_JS)
    assert quote is not None
    assert quote["family"].startswith('"Noto Serif CJK SC"'), quote
    assert quote["ems"] > 0.8, quote  # a full-width quote, not the theme's Latin one


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
@pytest.mark.sphinx("html", testroot="pdf-photos")
def test_a_caption_line_is_not_letter_spaced_where_its_credit_wraps(app):
    app.build()
    with served(Path(app.outdir)) as site, Browser() as browser:
        measured = []
        for width in range(240, 600, 20):  # windows where the credit wraps, and where it does not
            browser.resize(width, 900)
            browser.open(site + "newspaper/2024-06-03/p01-01.html")
            measured.append((width, browser.evaluate(CAPTION_JS)))
    assert all(widest is not None for _, widest in measured)
    assert [(width, widest) for width, widest in measured if widest > 0.01] == []


@pytest.mark.sphinx("latex", testroot="issue")
def test_the_pdf_dateline_spaces_its_middle_dot_evenly(app):
    """xeCJK sets · as Chinese punctuation and drops a plain space beside it: both spaces are
    explicit, so the dot stands evenly between the paper and the date."""
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"昭通日报\ ·\ 2023年3月24日\ 星期五\ ·\ 第4版" in text
