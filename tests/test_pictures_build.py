"""News pictures and page maps in the books (issue 15): the synthetic issue with pictures built to
HTML, EPUB (the W3C checker, the cover, reproducibility) and PDF (XeLaTeX, pdfimages), rebuilt
without rendering again, with its settings, and with a picture that cannot be decoded.  The page
map in a browser: tests/test_pagemap_browser.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from building import copy_root, html, make_pdf, pdf_text, squeeze, warning_lines
from PIL import Image
from sphinx.util.console import strip_escape_sequences
from test_epub import Built, epubcheck
from test_pictures import PHOTOS, damaged, image_fields, jpeg, with_images

from sphinx_newspaper.book.collect import book_of
from sphinx_newspaper.book.pagemaps import PICTURES
from sphinx_newspaper.book.pictures import PictureStore
from sphinx_newspaper.ingest.pdf.chars import pdf_digest
from sphinx_newspaper.ingest.pdf.pictures import MAX_PICTURES

ISSUE = "newspaper/2024-06-03"
DIGEST = pdf_digest(PHOTOS.read_bytes())[:16]
LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO = f"{DIGEST}-p1-2.jpg", f"{DIGEST}-p1-4.jpg", f"{DIGEST}-p2-2.jpg"
PAGE_IMAGES = [f"{DIGEST}-p1.jpg", f"{DIGEST}-p2.jpg"]

SVG_LINK = re.compile(
    r'<a href="([^"]+)" xlink:href="\1" aria-label="([^"]+)"><title>([^<]+)</title>((?:<rect [^>]+/>)+)</a>'
)


def page_map(page_html: str) -> tuple[str, list[tuple[str, str, int]]]:
    """The page map's image and its links: (href, title, number of regions)."""
    svg = re.search(
        r'<div class="newspaper-page-map" role="group" aria-label="[^"]+"><svg .*?</svg></div>',
        page_html,
        re.S,
    )
    assert svg, "no page map"
    image = re.search(r'<image width="[\d.]+" height="[\d.]+" xlink:href="([^"]+)"', svg[0])[1]
    links = [(m[1], m[2], m[4].count("<rect")) for m in SVG_LINK.finditer(svg[0])]
    assert all(m[2] == m[3] for m in SVG_LINK.finditer(svg[0]))  # title and label agree
    return image, links


@pytest.mark.sphinx("html", testroot="pdf-photos")
@pytest.mark.test_params(shared_result="pictures-html")
def test_each_page_opens_with_its_map_linking_every_article(app):
    app.build()
    assert warning_lines(app) == []
    first = html(app, f"{ISSUE}/p01")
    image, links = page_map(first)
    assert image == f"../../_images/{PAGE_IMAGES[0]}"
    assert [(href, title) for href, title, _ in links] == [
        ("p01-01.html", "城南湿地公园正式开园"),
        ("p01-02.html", "夜间经济点亮城市烟火气"),
    ]
    assert all(regions >= 2 for _, _, regions in links)  # headline and text blocks, each a region
    # the map comes first, before the headline list and the page's own news photo
    assert first.index("newspaper-page-map") < first.index("newspaper-headlines") < first.index(FIELD_PHOTO)
    second = html(app, f"{ISSUE}/p02")
    assert [title for _, title, _ in page_map(second)[1]] == [
        "社区课堂开进老街",
        "老旧小区加装电梯提速",
        "全市开展防汛应急演练",
    ]
    # regions stand on the page: inside its viewBox
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', first).groups())
    for x, y, w, h in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/>', first
    ):
        assert (
            0 <= float(x)
            and float(x) + float(w) <= width + 1
            and 0 <= float(y)
            and float(y) + float(h) <= height + 1
        )


@pytest.mark.sphinx("html", testroot="pdf-photos")
@pytest.mark.test_params(shared_result="pictures-html")
def test_articles_show_their_photos_with_caption_and_credit(app):
    app.build()
    lead = html(app, f"{ISSUE}/p01-01")
    figure = re.search(r'<figure class="newspaper-figure[^"]*"[^>]*>(.*?)</figure>', lead, re.S)[1]
    assert f'src="../../_images/{LEAD_PHOTO}"' in figure
    assert 'alt="市民在湿地公园环湖步道上游览。"' in figure
    assert re.search(
        r'市民在湿地公园环湖步道上游览。 <span class="newspaper-credit">记者周文摄</span>', figure
    )
    # the picture opens the text: after the dateline, before the first paragraph
    assert lead.index("newspaper-dateline") < lead.index("<figure") < lead.index("<p>本报讯")
    story = html(app, f"{ISSUE}/p02-01")
    assert f'src="../../_images/{CLASS_PHOTO}"' in story and 'alt="新闻图片"' in story
    assert "<figcaption>" not in story  # a photo story's photo has no caption
    pictures = sorted(p.name for p in (Path(app.outdir) / "_images").iterdir())
    assert pictures == sorted([LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO, *PAGE_IMAGES])
    for path in (Path(app.outdir) / "_images").iterdir():
        with Image.open(path) as picture:
            assert picture.format == "JPEG" and max(picture.size) <= 1600


@pytest.mark.sphinx("html", testroot="pdf-photos")
def test_a_rebuild_renders_no_picture_again(app, make_app):
    app.build()
    assert "[newspaper] 5 picture(s) rendered" in app.status.getvalue()  # 3 photos, 2 pages
    store = Path(app.doctreedir) / "newspaper-pictures"
    stamps = {path: path.stat().st_mtime_ns for path in store.rglob("*.jpg")}
    assert len(stamps) == 5
    again = make_app("html", srcdir=Path(app.srcdir))
    again.build()
    assert "picture(s) rendered" not in again.status.getvalue()
    assert {path: path.stat().st_mtime_ns for path in store.rglob("*.jpg")} == stamps
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()  # no document re-read


@pytest.mark.sphinx("html", testroot="pdf-photos", parallel=2)
def test_a_parallel_build_renders_in_worker_processes_the_same_files(app, make_app, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    pids.mkdir()
    original = PictureStore.render

    def render(self, page, items, root=None):
        (pids / str(os.getpid())).touch()
        return original(self, page, items, root)

    monkeypatch.setattr(PictureStore, "render", render)
    app.build()
    assert "[newspaper] 5 picture(s) rendered" in app.status.getvalue()
    workers = {p.name for p in pids.iterdir()}
    assert workers and str(os.getpid()) not in workers  # both pages rendered in workers
    store = Path(app.doctreedir) / "newspaper-pictures"
    parallel = {path.name: path.read_bytes() for path in store.rglob("*.jpg")}
    serial = make_app("html", srcdir=Path(app.srcdir), builddir=tmp_path / "serial")
    serial.build()
    assert {
        path.name: path.read_bytes()
        for path in (Path(serial.doctreedir) / "newspaper-pictures").rglob("*.jpg")
    } == parallel
    assert sorted(parallel) == sorted([LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO, *PAGE_IMAGES])


@pytest.mark.sphinx(
    "html",
    testroot="pdf-photos",
    confoverrides={"newspaper_page_images": False, "newspaper_image_max_px": 500},
)
def test_page_maps_can_be_turned_off_and_pictures_made_smaller(app):
    app.build()
    assert "newspaper-page-map" not in html(app, f"{ISSUE}/p01")
    assert LEAD_PHOTO in html(app, f"{ISSUE}/p01-01")
    names = sorted(p.name for p in (Path(app.outdir) / "_images").iterdir())
    assert names == sorted([LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO])
    for path in (Path(app.outdir) / "_images").iterdir():
        with Image.open(path) as picture:
            assert max(picture.size) <= 500


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"newspaper_image_max_px": 10})
def test_a_picture_size_out_of_range_is_refused(app_params, make_app):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="newspaper_image_max_px = 10 is out of range"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx("html", testroot="pdf-photos")
def test_a_picture_that_cannot_be_decoded_is_a_located_warning_and_the_text_is_built(app, make_app):
    issue = Path(app.srcdir) / "issues" / PHOTOS.name
    damaged(PHOTOS, issue, 1200)
    app = make_app("html", srcdir=Path(app.srcdir))  # the book is read at builder-inited
    app.build()
    warnings = [line for line in warning_lines(app) if "[newspaper." in line]
    assert len(warnings) == 1, warnings
    assert str(issue) in warnings[0] and "[newspaper.image]" in warnings[0]
    assert "image 2 cannot be decoded" in warnings[0]
    lead = html(app, f"{ISSUE}/p01-01")
    assert "<figure" not in lead  # no picture: its caption as text, the story as always
    assert (
        '<p class="newspaper-caption">市民在湿地公园环湖步道上游览。 <span class="newspaper-credit">' in lead
    )
    assert "<p>本报讯 历时两年建设的城南湿地公园" in lead or "城南湿地公园昨日正式向市民开放" in lead


@pytest.mark.sphinx("html", testroot="pdf-photos")
def test_a_page_image_that_cannot_be_rendered_leaves_its_map_out(app, monkeypatch):
    def no_page_image(self, raw, pdf_page, images, saved, where, turn=0):
        saved.problems.append(f"{where}: no page image (a test)")

    monkeypatch.setattr(PictureStore, "_page_image", no_page_image)
    app.build()
    warnings = warning_lines(app)
    assert len(warnings) == 2 and all("no page image (a test) [newspaper.image]" in line for line in warnings)
    first = html(app, f"{ISSUE}/p01")
    assert "newspaper-page-map" not in first and "newspaper-headlines" in first
    assert FIELD_PHOTO in first  # the page's news photo all the same
    assert sorted(p.name for p in (Path(app.outdir) / "_images").iterdir()) == sorted(
        [LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO]
    )


def test_text_issues_have_no_page_map(make_app, tmp_path, rootdir):
    srcdir = copy_root("issue", tmp_path)
    app = make_app("html", srcdir=srcdir)
    app.build()
    page = (Path(app.outdir) / "newspaper" / "2023-03-24" / "p04.html").read_text(encoding="utf-8")
    assert "newspaper-page-map" not in page and "<figure" not in page
    assert not (Path(app.doctreedir) / "newspaper-pictures").exists()


# -- EPUB -------------------------------------------------------------------------------------


@pytest.mark.epubcheck
@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_epub_with_photos_and_page_maps_passes_epubcheck(app):
    app.build()
    assert warning_lines(app) == []
    built = Built(app)
    report = epubcheck(built.path)
    problems = [(m["severity"], m["ID"], m["message"]) for m in report["messages"]]
    assert problems == []
    opf = built.member("EPUB/content.opf").decode()
    for page in ("p01", "p02"):
        assert re.search(rf'<item href="2024-06-03-{page}.xhtml"[^>]*properties="svg"', opf)
        document = built.member(f"EPUB/2024-06-03-{page}.xhtml").decode()
        assert 'viewBox="0 0 ' in document and "viewbox" not in document  # the case SVG needs
        assert 'xlink:href="2024-06-03-p0' in document  # links to the articles' files
    for name in (LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO, PAGE_IMAGES[1]):
        assert re.search(rf'<item href="_images/{re.escape(name)}" id="[^"]+" media-type="image/jpeg"/>', opf)
    # the cover is the front page, rendered: the page map's own file, once in the book
    assert (
        f'<item href="_images/{PAGE_IMAGES[0]}" id="cover-img" media-type="image/jpeg" properties="cover-image"/>'
        in opf
    )
    assert opf.count(PAGE_IMAGES[0]) == 1
    assert '<meta name="cover" content="cover-img"' in opf
    lead = built.member("EPUB/2024-06-03-p01-01.xhtml").decode()
    assert f'src="_images/{LEAD_PHOTO}"' in lead and 'alt="市民在湿地公园环湖步道上游览。"' in lead
    size = built.path.stat().st_size
    assert size < 2 * 2_000_000  # two pages, under 2 MB a page at the default sizes


@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_epub_with_pictures_is_reproducible(app, make_app, tmp_path, rootdir):
    app.build()
    other = tmp_path / "other"
    shutil.copytree(rootdir / "test-pdf-photos", other)
    second = make_app("epub", srcdir=other)
    second.build()
    assert Built(app).path.read_bytes() == Built(second).path.read_bytes()


@pytest.mark.sphinx("epub", testroot="pdf-photos")
def test_an_epub_rebuilt_after_one_document_changed_keeps_every_picture(app, make_app):
    app.build()

    def pictures(built: Built) -> dict[str, bytes]:
        with built.zip as archive:
            return {name: archive.read(name) for name in archive.namelist() if name.endswith(".jpg")}

    first = pictures(Built(app))
    assert sorted(first) == sorted(
        f"EPUB/_images/{name}" for name in [LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO, *PAGE_IMAGES]
    )
    app.cleanup()
    index = Path(app.srcdir) / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "\n本期导读。\n", encoding="utf-8")
    again = make_app("epub", srcdir=Path(app.srcdir))
    again.build()
    written = re.findall(
        r"writing output\.\.\. \[[ \d]+%\] (\S+)", strip_escape_sequences(again.status.getvalue())
    )
    assert written == ["index"]  # the one document written again
    assert warning_lines(again) == []
    built = Built(again)
    assert pictures(built) == first  # the pictures of the documents written before, too
    assert "本期导读。" in built.member("EPUB/index.xhtml").decode()
    opf = built.member("EPUB/content.opf").decode()
    assert f'<item href="_images/{PAGE_IMAGES[0]}" id="cover-img"' in opf
    again.cleanup()
    # bodies kept without the record of their images (an earlier version): all written again
    (Path(again.outdir) / "_parts" / "images.json").unlink()
    index.write_text(index.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    third = make_app("epub", srcdir=Path(app.srcdir))
    third.build()
    written = re.findall(
        r"writing output\.\.\. \[[ \d]+%\] (\S+)", strip_escape_sequences(third.status.getvalue())
    )
    assert len(written) == 8 and pictures(Built(third)) == first


@pytest.mark.sphinx("epub", testroot="pdf-photos", confoverrides={"newspaper_cover": "cover.png"})
def test_the_users_cover_still_wins(app):
    Image.new("RGB", (60, 90), (200, 0, 0)).save(Path(app.srcdir) / "cover.png")
    app.build()
    opf = Built(app).member("EPUB/content.opf").decode()
    assert 'href="images/cover.png" id="cover-img" media-type="image/png" properties="cover-image"' in opf
    assert f'<item href="_images/{PAGE_IMAGES[0]}"' in opf  # still in the page map


@pytest.mark.sphinx("epub", testroot="pdf-photos", confoverrides={"newspaper_page_images": False})
def test_front_page_cover_without_page_maps(app):
    app.build()
    opf = Built(app).member("EPUB/content.opf").decode()
    assert 'href="images/cover.jpg" id="cover-img" media-type="image/jpeg" properties="cover-image"' in opf
    assert 'properties="svg"' not in opf
    # the documents show the news pictures only; the front page is the cover alone
    assert set(book_of(app).pictures) == {LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO}
    cover = book_of(app).cover
    assert cover is not None and cover.name == PAGE_IMAGES[0]


@pytest.mark.sphinx("html", testroot="pdf-photos", confoverrides={"newspaper_page_images": False})
def test_html_without_page_maps_renders_no_page(app):
    app.build()
    assert set(book_of(app).pictures) == {LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO}
    assert book_of(app).cover is None  # the cover is the EPUB's
    saved = {path.name for path in (Path(app.doctreedir) / PICTURES).rglob("*.jpg")}
    assert saved == {LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO}


def test_one_doctree_folder_serves_latex_html_and_epub_and_latex_renders_no_page(make_app, tmp_path):
    """``make latex html epub`` with one doctree folder: LaTeX, which shows no page map, renders
    only the news pictures; HTML then renders the page images, reads nothing again and writes
    what a build of its own writes; so does the EPUB; LaTeX again reads and renders nothing."""
    srcdir = copy_root("pdf-photos", tmp_path / "project")
    builddir = tmp_path / "project" / "_build"
    store = builddir / "doctrees" / PICTURES
    photos = sorted([LEAD_PHOTO, FIELD_PHOTO, CLASS_PHOTO])

    def generated() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted((srcdir / "newspaper").rglob("*")) if p.is_file()}

    def doctrees() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted((builddir / "doctrees").rglob("*.doctree"))}

    def saved() -> list[str]:
        return sorted(path.name for path in store.rglob("*.jpg"))

    latex = make_app("latex", srcdir=srcdir, builddir=builddir)
    latex.build()
    assert warning_lines(latex) == []
    assert "[newspaper] 3 picture(s) rendered" in latex.status.getvalue()
    assert saved() == photos
    assert sorted(path.name for path in Path(latex.outdir).glob("*.jpg")) == photos
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{([^}]+)\}\.jpg\}", tex)
    assert sorted(f"{stem}.jpg" for stem in included) == photos and "城南湿地公园正式开园" in tex
    sources, trees = generated(), doctrees()
    assert len(trees) == 8  # the index, 2 pages, 5 articles
    latex.cleanup()  # (the next app registers its nodes with docutils anew)

    shown = make_app("html", srcdir=srcdir, builddir=builddir)
    shown.build()
    assert warning_lines(shown) == []
    assert "0 added, 0 changed, 0 removed" in shown.status.getvalue()
    assert "[newspaper] 2 picture(s) rendered" in shown.status.getvalue()  # the pages, now
    assert saved() == sorted([*photos, *PAGE_IMAGES])
    image, links = page_map(html(shown, f"{ISSUE}/p01"))
    assert image == f"../../_images/{PAGE_IMAGES[0]}" and len(links) == 2
    assert sorted(p.name for p in (Path(shown.outdir) / "_images").iterdir()) == sorted(
        [*photos, *PAGE_IMAGES]
    )
    shown.cleanup()
    alone = make_app("html", srcdir=srcdir, builddir=tmp_path / "html-alone")
    alone.build()
    alone.cleanup()
    for docname in (f"{ISSUE}/p01", f"{ISSUE}/p02", f"{ISSUE}/p01-01", "index"):
        assert html(shown, docname) == html(alone, docname)
    assert (generated(), doctrees()) == (sources, trees)

    epub = make_app("epub", srcdir=srcdir, builddir=builddir)
    epub.build()
    assert warning_lines(epub) == []
    assert "0 added, 0 changed, 0 removed" in epub.status.getvalue()
    assert "picture(s) rendered" not in epub.status.getvalue()
    epub.cleanup()
    epub_alone = make_app("epub", srcdir=srcdir, builddir=tmp_path / "epub-alone")
    epub_alone.build()
    epub_alone.cleanup()
    book = Built(epub).path.read_bytes()
    assert book == Built(epub_alone).path.read_bytes()  # (that one passes epubcheck, above)
    assert f"_images/{PAGE_IMAGES[1]}".encode() in book

    again = make_app("latex", srcdir=srcdir, builddir=builddir)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert "picture(s) rendered" not in again.status.getvalue()
    assert saved() == sorted([*photos, *PAGE_IMAGES])  # kept for the builders that show them
    assert (generated(), doctrees()) == (sources, trees)


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="pdf-photos")
def test_pdf_prints_the_photos_under_their_headlines_with_captions(app):
    app.build()
    pdf, log = make_pdf(Path(app.outdir))
    assert "Overfull \\hbox" not in log and "Overfull \\vbox" not in log
    assert "Missing character" not in log
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    images = [line.split() for line in listing.splitlines()[2:]]
    sizes = []
    # in reading order: page 1's own photo (the page comes before its articles), the lead's, page 2's
    for name in (FIELD_PHOTO, LEAD_PHOTO, CLASS_PHOTO):
        with Image.open(Path(app.outdir) / name) as picture:
            sizes.append((str(picture.size[0]), str(picture.size[1])))
    assert [(row[3], row[4]) for row in images] == sizes
    assert {row[8] for row in images} == {"jpeg"}  # the JPEGs themselves, not re-encoded
    text = squeeze(pdf_text(pdf))
    assert "市民在湿地公园环湖步道上游览。记者周文摄" in text
    assert "通讯员林一摄" in text
    assert "图1" not in text and "Figure" not in text  # captions without a number
    # the lead's photo opens its article's text: after its byline, before its first paragraph
    assert (
        text.index("本报记者周文") < text.index("市民在湿地公园环湖步道上游览") < text.index("历时两年建设")
    )


@pytest.mark.sphinx("html", testroot="pdf-photos")
def test_enormous_and_tiled_pictures_are_located_warnings_and_the_text_is_built(app, make_app):
    issue = Path(app.srcdir) / "issues" / PHOTOS.name
    tiles = [
        (image_fields(2, 2, None), bytes(12), (20 + (i % 30) * 4, 20 + (i // 30) * 4, 3, 3))
        for i in range(MAX_PICTURES + 1)
    ]
    with_images(PHOTOS, issue, [(image_fields(12000, 6000), jpeg(40, 20), (40, 40, 200, 100)), *tiles])
    app = make_app("html", srcdir=Path(app.srcdir))
    app.build()
    warnings = [line for line in warning_lines(app) if "[newspaper.image]" in line]
    assert len(warnings) == 2, warnings
    assert all(f"{issue}#page=1" in line for line in warnings)
    assert any("12000×6000 pixels, too large to decode" in line for line in warnings)
    assert any(f"holds {5 + 1 + MAX_PICTURES + 1} images" in line for line in warnings)  # 5 of its own
    lead = html(app, f"{ISSUE}/p01-01")
    assert "<h1>城南湿地公园正式开园" in lead and "<figure" not in lead  # text built, no pictures read
    assert "newspaper-page-map" in html(app, f"{ISSUE}/p01")  # the page image, without the huge one
