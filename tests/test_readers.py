"""What readers meet: the EPUB's lists and landmarks, subheads kept with their text, the
theme's own page navigation, and the "Show source" page of a generated document."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from building import html

from sphinx_newspaper.book.collect import book_of

ISSUE = "newspaper/2023-03-24"
FIRST = f"{ISSUE}/p04-01"


def shared(builder: str, **settings) -> Any:
    """Decorator: the test's ``app`` is the example issue built by ``builder``, once per test
    process for the tests that read the same build."""
    name = "-".join(["readers", builder, *(f"{k}={v}" for k, v in sorted(settings.items()))])

    def mark(test: Any) -> Any:
        test = pytest.mark.sphinx(builder, testroot="issue", confoverrides=settings)(test)
        return pytest.mark.test_params(shared_result=name)(test)

    return mark


@pytest.fixture
def epub_files(app) -> dict[str, str]:
    app.build()
    (path,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def latex_source(app) -> str:
    app.build()
    return next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")


def epub_file(files: dict[str, str], suffix: str) -> str:
    return next(text for name, text in files.items() if name.endswith(suffix))


@shared("epub")
def test_epub_shows_a_headline_list_once_not_twice_in_a_row(epub_files):
    front, page = epub_file(epub_files, "/index.xhtml"), epub_file(epub_files, "2023-03-24-p04.xhtml")
    assert front.count('class="newspaper-headlines"') == 1
    assert "newspaper-headlines" not in page
    assert "第4版" in page  # the page itself is there, with its label


@shared("epub")
def test_epub_kicker_comes_before_the_title_in_reading_order(epub_files):
    """calibre's text conversion and screen readers read the document, not the styles."""
    article = epub_file(epub_files, "2023-03-24-p04-01.xhtml")
    kicker = article.index('class="newspaper-kicker">龙头山镇沙坝村——<')
    title = article.index("<h1>“耕”好党建“责任田”增强人民“幸福感”")
    byline = article.index('class="newspaper-byline"')
    assert kicker < title < byline


@shared("epub")
def test_epub_landmarks_are_headed_in_the_books_language(epub_files):
    nav = epub_file(epub_files, "nav.xhtml")
    landmarks = re.search(r'<nav[^>]*epub:type="landmarks"[^>]*>(.*?)</nav>', nav, re.S)[1]
    assert re.search(r"<h2>导览</h2>", landmarks), landmarks
    assert "Guide" not in nav


@shared("epub")
def test_subheads_and_decks_keep_with_their_text_in_the_epub(epub_files):
    css = epub_file(epub_files, "newspaper.css")
    rule = re.search(r"([^}]*p\.newspaper-subhead[^{]*)\{([^}]*)\}", css)
    assert rule and "p.newspaper-deck" in rule[1]
    assert "break-after: avoid" in rule[2] and "page-break-after: avoid" in rule[2]
    article = epub_file(epub_files, "2023-03-24-p04-01.xhtml")
    assert re.search(r'class="[^"]*newspaper-subhead', article) and 'class="newspaper-deck"' in article


@shared("latex")
def test_subheads_and_decks_keep_with_their_text_in_print(app):
    tex = latex_source(app)
    # The deck ends with no page break allowed before the text.
    assert r"\newenvironment{newspaperdeck}{\par\centering\sffamily\ignorespaces}{\par\nopagebreak}" in tex
    # The subhead is a starred heading (LaTeX keeps a heading with what follows), then the deck.
    assert re.search(
        r"\\subsubsection\*\{“产业发展\+金融帮扶”\}\s*\\begin\{newspaperdeck\}\s*\\sphinxAtStartPar\s*"
        r"打好产业“特色牌”，金融帮扶鼓起“钱袋子”\s*\\end\{newspaperdeck\}",
        tex,
    )


@shared("latex")
def test_kicker_prints_above_its_title_once(app):
    tex = latex_source(app)
    assert tex.count("龙头山镇沙坝村——") == 1
    kicker = tex.index(r"\newspaperkicker{龙头山镇沙坝村——}")
    assert tex.index(r"\chapter{“耕”好党建") > kicker


def themed(theme: str, setting: str | None, ours: bool) -> Any:
    overrides = {"html_theme": theme, **({"newspaper_article_nav": setting} if setting else {})}
    return pytest.param(
        theme,
        ours,
        marks=pytest.mark.sphinx("html", testroot="issue", confoverrides=overrides),
        id=f"{theme}-{setting or 'auto'}",
    )


@pytest.mark.parametrize(
    ("theme", "ours"),
    [
        themed("alabaster", None, True),
        themed("sphinx_rtd_theme", None, False),
        themed("furo", None, False),
        themed("pydata_sphinx_theme", None, False),
        themed("furo", "always", True),
        themed("alabaster", "never", False),
    ],
)
def test_previous_and_next_links_only_where_the_theme_has_none(app, theme, ours):
    app.build()
    page = html(app, FIRST)
    assert ('class="newspaper-next"' in page) is ours
    # the links up to the page and the front, which no theme gives, under every theme
    assert re.search(r'<p class="newspaper-up-page">.*href="p04\.html".*</p>', page)
    assert re.search(r'<p class="newspaper-up-front">.*href="\.\./\.\./index\.html".*</p>', page)
    assert "“耕”好党建“责任田”增强人民“幸福感”" in page
    if theme != "alabaster":  # the theme's own link to the next page is there
        assert re.search(r'<a[^>]+href="p04-02\.html"[^>]*>', page)


@pytest.mark.sphinx(
    "html", testroot="issue", confoverrides={"html_theme": "alabaster", "html_show_sourcelink": True}
)
def test_show_source_of_a_generated_page_shows_the_issue_text(app):
    app.build()
    page = html(app, FIRST)
    link = re.search(r'href="([^"]*_sources/[^"]+)"', page)[1]
    shown = (Path(app.outdir) / ISSUE / link).resolve().read_text(encoding="utf-8")
    assert "newspaper-article" not in shown and "digest" not in shown
    assert "鲁甸县龙头山镇沙坝村坚持加强党建\n引领" in shown  # the page text as printed
    # The user's own documents keep their own source.
    assert "newspaper-issue" in (Path(app.outdir) / "_sources" / "index.rst.txt").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.sphinx("html", testroot="issue", confoverrides={"html_theme": "sphinx_rtd_theme"})
def test_headline_lists_have_no_bullets_under_rtd(app):
    """sphinx_rtd_theme gives every list item in the text a bullet; measured in Chromium."""
    from test_browser import CHROMIUM, Pages

    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium (scripts/setup-system.sh)")
    app.build()
    rtd = Pages(Path(app.outdir))
    for docname in ("index", f"{ISSUE}/p04"):
        bullets = rtd(docname)["headlineBullets"]
        assert bullets and set(bullets) == {"none"}, (docname, bullets)


@pytest.mark.sphinx("html", testroot="pdf", confoverrides={"html_theme": "alabaster"})
def test_show_source_of_a_pdf_page_shows_the_text_read_from_it(app):
    app.build()
    issue = "newspaper/2024-05-06"
    sources = Path(app.outdir) / "_sources" / issue
    lead = (sources / "p03-01.newspaper.txt").read_text(encoding="utf-8")
    assert lead.startswith(
        "春耕时节——\n田间地头备耕忙\n——我县多措并举保障春耕生产\n本报记者 张明 通讯员 李华\n"
    )
    assert "科技服务送到田间" in lead and "新建图书馆下月开放" not in lead  # that article alone
    page = (sources / "p03.newspaper.txt").read_text(encoding="utf-8")
    assert all(
        title in page for title in ("田间地头备耕忙", "新建图书馆下月开放", "图为读者在新馆试读。赵六摄")
    )
    assert "newspaper-" not in page + lead
    assert "…" not in page  # the briefs' titles were inferred, not printed


@pytest.mark.sphinx("html", testroot="archive", confoverrides={"html_theme": "alabaster"})
def test_show_source_of_an_article_from_a_folder_shows_that_article(app):
    app.build()
    book = book_of(app)
    entry, page = next((e, p) for e in book.issues for p in e.issue.pages if len(p.articles) > 1)
    other, article = page.articles[:2]
    docname = entry.article_docname(book.generated_dir, article)
    shown = (Path(app.outdir) / "_sources" / f"{docname}.newspaper.txt").read_text(encoding="utf-8")
    assert shown.splitlines()[0] == (article.kicker or article.title)
    assert article.blocks[-1].text in shown
    assert other.blocks[-1].text not in shown
