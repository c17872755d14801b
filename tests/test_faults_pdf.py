"""Bad and hostile PDF pages, and text that breaks LaTeX (issue 25, the PDF side).

Each PDF here is made from a shipped synthetic page (tests/roots/test-pdf*, rewritten with pypdf:
turned, moved, cropped, its content stream damaged) or written byte by byte; each case is read
as a reader sees the page, or refused with one clear error, and ``inspect --check`` says what it
could not read.
"""

from __future__ import annotations

import io
import re
import tempfile
import time
import zlib
from pathlib import Path

import pypdf
import pytest
from building import html, make_pdf, pdf_text, squeeze, warning_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_handset import pdf_of
from PIL import Image, ImageChops, ImageStat
from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject

from sphinx_newspaper.book.pictures import PictureStore
from sphinx_newspaper.cli import report_conservation
from sphinx_newspaper.ingest import IngestError, read_issue
from sphinx_newspaper.ingest.pdf.chars import open_pdf, open_pdf_data, own_text, read_page_chars
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.model import Page
from sphinx_newspaper.scoring import conservation

ROOTS = Path(__file__).parent / "roots"
SINGLE = ROOTS / "test-pdf" / "issues" / "epaper-2024-05-07.pdf"  # one page, four stories
PHOTOS = ROOTS / "test-pdf-photos" / "issues" / "photos-2024-06-03.pdf"  # two pages with photos
SYNTHETIC = ROOTS / "test-pdf" / "issues" / "epaper-2024-05-06.pdf"  # two pages


# -- making bad PDFs ----------------------------------------------------------------------------


def rewritten(
    source: Path,
    out: Path,
    *,
    matrix: tuple[float, ...] | None = None,
    rotate: int | None = None,
    media: tuple[float, float, float, float] | None = None,
    crop: tuple[float, float, float, float] | None = None,
) -> Path:
    """``source`` with every page's content drawn through ``matrix`` (a ``cm`` before it), its
    ``/Rotate``, MediaBox and CropBox set as given."""
    writer = pypdf.PdfWriter(clone_from=source)
    for page in writer.pages:
        if matrix is not None:
            page.add_transformation(matrix)
        if media is not None:
            page[NameObject("/MediaBox")] = ArrayObject([FloatObject(v) for v in media])
        if crop is not None:
            page[NameObject("/CropBox")] = ArrayObject([FloatObject(v) for v in crop])
        if rotate is not None:
            page[NameObject("/Rotate")] = NumberObject(rotate)
    with out.open("wb") as file:
        writer.write(file)
    return out


def page_size(source: Path) -> tuple[float, float]:
    box = pypdf.PdfReader(source).pages[0].mediabox
    return float(box.width), float(box.height)


def one_page_pdf(
    content: bytes, *, page: bytes = b"/MediaBox [0 0 300 400]", compress: bool = False
) -> bytes:
    """A one-page PDF written byte by byte, its text in Helvetica (``/F1``)."""
    data = zlib.compress(content) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R "
            + page
            + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def lines_of_text(count: int, matrix: bytes = b"1 0 0 1") -> bytes:
    """``count`` lines of Latin text down a 300 × 400 page, each set through ``matrix`` (Tm)."""
    return b"".join(
        b"BT /F1 10 Tf %s 20 %d Tm (Line %d of the page, read in full) Tj ET\n" % (matrix, 380 - 18 * i, i)
        for i in range(count)
    )


def titles(pages: list[Page]) -> list[list[str]]:
    return [[article.title for article in page.articles] for page in pages]


def kept_all(path: Path) -> None:
    """Every character of every page's text layer lands in the page read (``--check``'s count)."""

    for page in read_pdf(path):
        kept, total, missing = conservation(page, own_text(path, page.pdf_page or 0))
        assert kept == total and not missing and not page.unread, (page.source, missing, page.unread)


# -- item 4: text at no size --------------------------------------------------------------------


def test_text_at_no_size_is_refused_with_the_page_named_not_a_zero_division(tmp_path: Path):
    """A page whose text matrices scale the type to nothing (no height): no reader sees it; the
    page is refused naming it, where it raised ZeroDivisionError in the layout."""
    path = tmp_path / "zero.pdf"
    path.write_bytes(one_page_pdf(lines_of_text(10, b"1 0 0 0")))
    with pytest.raises(IngestError) as raised:
        read_pdf(path)
    assert "zero.pdf, page 1" in str(raised.value) and "no text a reader can see" in str(raised.value)


def test_text_at_no_size_beside_readable_text_is_left_out_and_named(tmp_path: Path):
    path = tmp_path / "some.pdf"
    path.write_bytes(
        one_page_pdf(lines_of_text(10) + b"BT /F1 10 Tf 1 0 0 0 20 100 Tm (HIDDEN SPAM) Tj ET\n")
    )
    (page,) = read_pdf(path)
    assert page.unread and "HIDDENSPAM" in page.unread[0] and "no size" in page.unread[0]
    assert any(notice.subtype == "unread" for notice in page.notices)
    everything = " ".join(page.furniture + [b.text for a in page.articles for b in a.blocks])
    assert "SPAM" not in everything and "Line 9 of the page" in everything


@pytest.mark.sphinx("html", testroot="pdf")
def test_an_issue_with_text_at_no_size_fails_alone(app, tmp_path: Path):
    """The issue beside the bad one is built."""
    srcdir = Path(app.srcdir)
    (srcdir / "issues" / "zero-2024-05-08.pdf").write_bytes(one_page_pdf(lines_of_text(10, b"1 0 0 0")))
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n.. newspaper-issue:: issues/zero-2024-05-08.pdf\n   :paper: 测试日报\n",
        encoding="utf-8",
    )
    app.build()
    assert "田间地头备耕忙" in html(app, "newspaper/2024-05-06/p03-01")
    assert any("zero-2024-05-08.pdf" in line for line in warning_lines(app))


# -- items 7 and 8: the page as the reader sees it ----------------------------------------------


def figure_images(path: Path, folder: Path) -> list[Image.Image]:
    """Each news picture of the file's pages, rendered as the book renders it."""
    store = PictureStore(folder, 400)
    images = []
    for page in read_pdf(path):
        saved = store.save(page, whole_page=False)
        assert not saved.problems, saved.problems
        images.extend(Image.open(saved.files[figure.image]).convert("L") for figure in page.all_figures)
    return images


def alike(a: Image.Image, b: Image.Image) -> bool:
    """Two renders of one picture (sizes may differ by a pixel)."""
    b = b.resize(a.size)
    return abs(a.width - b.width) <= 2 and ImageStat.Stat(ImageChops.difference(a, b)).mean[0] < 12


def turned_to_match(source: Path, out: Path, quarter: int) -> Path:
    """``source`` drawn turned anticlockwise by ``quarter`` quarter turns, with ``/Rotate``
    turning it back: it looks as the original does."""
    width, height = page_size(source)
    matrices = {
        1: ((0, 1, -1, 0, height, 0), (0, 0, height, width)),
        2: ((-1, 0, 0, -1, width, height), (0, 0, width, height)),
        3: ((0, -1, 1, 0, 0, width), (0, 0, height, width)),
    }
    matrix, media = matrices[quarter]
    return rewritten(source, out, matrix=matrix, media=media, rotate=90 * quarter)


@pytest.mark.parametrize("quarter", [1, 2, 3])
def test_content_drawn_turned_with_rotate_to_match_reads_as_the_original(tmp_path: Path, quarter: int):
    """Drawn on its side (a ``cm`` turn) with ``/Rotate`` to match: it renders like the original,
    so it reads like it (it read as reversed garbage in 9 bogus articles)."""
    path = turned_to_match(SINGLE, tmp_path / "turned.pdf", quarter)
    assert titles(read_pdf(path)) == titles(read_pdf(SINGLE))
    kept_all(path)


def test_a_page_drawn_upside_down_is_read_turned_and_fast(tmp_path: Path):
    """All its text turned 180° with no ``/Rotate``: the reader turns the page, and so does the
    ingest (it took 161 s and made 118 articles on a real page)."""
    width, height = page_size(PHOTOS)
    path = rewritten(PHOTOS, tmp_path / "upside-down.pdf", matrix=(-1, 0, 0, -1, width, height))
    started = time.perf_counter()
    pages = read_pdf(path)
    assert time.perf_counter() - started < 10
    assert titles(pages) == titles(read_pdf(PHOTOS))
    assert [page.turn for page in pages] == [2, 2]
    originals = figure_images(PHOTOS, tmp_path / "original")
    turned = figure_images(path, tmp_path / "turned")
    assert len(turned) == len(originals) == 3
    assert all(alike(a, b) for a, b in zip(originals, turned, strict=True))


@pytest.mark.parametrize(
    "case",
    ["media-origin", "crop", "rotate", "turned-to-match"],
)
def test_pictures_and_page_map_areas_stand_where_the_page_shows_them(tmp_path: Path, case: str):
    """A MediaBox away from 0, 0, a CropBox, a ``/Rotate``: the pictures (rendered from the page
    as shown) show the photos, and the page map's areas move with the page's text."""
    width, height = page_size(PHOTOS)
    shift = (0.0, 0.0)
    if case == "media-origin":
        path = rewritten(
            PHOTOS,
            tmp_path / "moved.pdf",
            matrix=(1, 0, 0, 1, 100, 50),
            media=(100, 50, 100 + width, 50 + height),
        )
    elif case == "crop":
        path = rewritten(PHOTOS, tmp_path / "cropped.pdf", crop=(20, 30, width - 10, height - 15))
        shift = (-20.0, -30.0)
    elif case == "rotate":
        path = rewritten(PHOTOS, tmp_path / "rotated.pdf", rotate=90)
    else:
        path = turned_to_match(PHOTOS, tmp_path / "turned.pdf", 1)
    originals, pages = read_pdf(PHOTOS), read_pdf(path)
    assert titles(pages) == titles(originals)
    for original, page in zip(originals, pages, strict=True):
        for before, after in zip(original.articles, page.articles, strict=True):
            moved = [
                (x0 + shift[0], y0 + shift[1], x1 + shift[0], y1 + shift[1])
                for x0, y0, x1, y1 in before.regions
            ]
            assert len(after.regions) == len(moved)
            for region, expected in zip(after.regions, moved, strict=True):
                assert region == pytest.approx(expected, abs=0.2)
    images = figure_images(path, tmp_path / "pictures")
    assert all(alike(a, b) for a, b in zip(figure_images(PHOTOS, tmp_path / "original"), images, strict=True))


def test_text_outside_the_crop_box_is_left_out_and_check_fails_naming_it(tmp_path: Path, capsys):
    """Text beyond the CropBox is not on the page the reader sees: it stays out of the articles,
    is warned about, and ``--check`` fails saying why."""
    path = tmp_path / "cropped.pdf"
    content = lines_of_text(12) + b"BT /F1 10 Tf 1 0 0 1 20 395 Tm (TRIMMED AWAY) Tj ET\n"
    path.write_bytes(one_page_pdf(content, page=b"/MediaBox [0 0 300 420] /CropBox [0 0 300 390]"))
    issue = read_issue(path)
    (page,) = issue.pages
    everything = " ".join(page.furniture + page.masthead + [b.text for a in page.articles for b in a.blocks])
    assert "TRIMMED" not in everything and "Line 11 of the page" in everything
    assert page.unread and "TRIMMEDAWAY" in page.unread[0] and "CropBox" in page.unread[0]
    assert report_conservation(issue, None) == 1
    out = capsys.readouterr().out
    assert "missing: " in out and "TRIMMEDAWAY" in out and "not read:" in out


# -- items 5 and 6: text that reaches LaTeX ---------------------------------------------------

URL = "https://www.example.com/news/2024/01/05/index.html?from=paper&id=1234567890&share=weixin"


def test_one_escaping_prints_tex_specials_as_written_and_lets_long_runs_break():
    from sphinx_newspaper.latex.text import BREAK, tex_text

    assert tex_text("C#周报 {2020 100% $x_1$ ~^\\") == (
        r"C\#周报 \{2020 100\% \$x\_1\$ \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    assert BREAK not in tex_text(URL) and BREAK not in tex_text("新闻 short-word 新闻", breaks=True)
    assert tex_text("合订本\n \n2020") == "合订本\n2020" and tex_text("a\n\nb", literal=True) == "a\n\nb"
    broken = tex_text(f"详情 {URL} 网站", breaks=True)
    assert broken.replace(BREAK, "") == tex_text(f"详情 {URL} 网站")
    assert f"example.{BREAK}com/{BREAK}news/" in broken and f"https://{BREAK}www." in broken
    for run in ("A" * 1220, "。" * 1500, "“" * 40):
        pieces = tex_text(run, breaks=True).split(BREAK)
        assert "".join(pieces) == run and max(map(len, pieces)) <= 16
    assert BREAK not in tex_text("新闻，。！“”" * 3, breaks=True)


@pytest.mark.latex
@pytest.mark.sphinx(
    "latex", testroot="page", confoverrides={"newspaper_title": "C# 合订本 {2020 100% $x_1$ ~^\\\n\n二版"}
)
def test_tex_characters_in_names_and_long_runs_in_text_make_a_pdf(app):
    """``:paper: C#周报`` and a volume title with TeX's specials (and a blank line, which ended
    the paragraph inside ``\\title``) print as written; a URL breaks
    at its ``/`` and ``.`` instead of running off the paper (58 pt over); a 1,220-character
    token (xelatex crashed) and a 2,020-character one (over 150 s) break into lines, and so do
    1,500 marks in a row (。 or “: xeCJK breaks between none of them; 4,000 pt overfull)."""
    srcdir = Path(app.srcdir)
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(":paper: 测试日报", ":paper: C#周报"), "utf-8")
    body = "这是为了让正文以汉字为主而写的一句话，读者可以跳过。" * 60
    text = (srcdir / "page.txt").read_text(encoding="utf-8")
    text += f"\n　　详情请见{URL}网站。\n\n　　长词{'A' * 1220}结束。\n\n　　再长{'ab' * 1010}结束。\n\n　　{body}\n"
    text += f"\n　　句号{'。' * 1500}完\n\n　　引号{'“' * 1500}完\n"  # xeCJK breaks no run of marks
    (srcdir / "page.txt").write_text(text, encoding="utf-8")
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\author{C\#周报}" in tex and r"\title{C\# 合订本 \{2020" in tex
    started = time.perf_counter()
    pdf, log = make_pdf(Path(app.outdir))
    assert time.perf_counter() - started < 120
    overfull = [float(size) for size in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert max(overfull, default=0.0) < 2.0, overfull
    printed = squeeze(pdf_text(pdf))
    assert "C#合订本{2020100%$x_1$~^\\二版" in printed and "C#周报" in printed
    assert squeeze(URL) in printed.replace("\u2011", "-")
    assert printed.count("A") >= 1220 and printed.count("ab") >= 1010  # page feet may come between
    assert printed.count("。") >= 1500 and printed.count("“") >= 1500


# -- items 13 and 14: what pdfium does not say --------------------------------------------------


def damaged(source: Path, out: Path, page: int = 0) -> Path:
    """``source`` with the middle of page ``page``'s (largest) compressed content stream
    overwritten."""
    contents = pypdf.PdfReader(source).pages[page].get_object().raw_get("/Contents")
    refs = list(contents) if isinstance(contents, ArrayObject) else [contents]
    number = max(refs, key=lambda ref: len(ref.get_object().get_data())).idnum
    data = bytearray(source.read_bytes())
    opening = data.index(b"\n%d 0 obj" % number)
    start = data.index(b"stream", opening) + 7
    end = data.index(b"endstream", start)
    middle = (start + end) // 2
    data[middle : middle + 16] = bytes(byte ^ 0x5A for byte in data[middle : middle + 16])
    out.write_bytes(bytes(data))
    return out


def test_a_damaged_content_stream_is_named_and_fails_the_check(tmp_path: Path, capsys):
    """pdfium reads a damaged stream up to the damage and says nothing (11 articles became 6
    and ``--check`` said all was kept): the page now says what is lost, and the check fails."""
    path = damaged(SINGLE, tmp_path / "damaged.pdf")
    issue = read_issue(path)
    (page,) = issue.pages
    assert len(page.articles) < len(read_pdf(SINGLE)[0].articles)
    assert page.unread and "is damaged" in page.unread[0] and "page 1" in page.unread[0]
    assert any(notice.subtype == "unread" and "damaged" in notice.message for notice in page.notices)
    assert report_conservation(issue, None) == 1
    assert "not read: the file's compressed stream" in capsys.readouterr().out


def test_a_damaged_stream_is_the_page_s_that_draws_it(tmp_path: Path):
    path = damaged(SYNTHETIC, tmp_path / "damaged-2024-05-06.pdf", page=1)
    first, second = read_pdf(path)
    assert not first.unread and titles([first]) == titles(read_pdf(SYNTHETIC)[:1])
    assert any("is damaged" in sentence and "page 2" in sentence for sentence in second.unread)


def test_intact_pages_are_not_called_damaged(corpus: Path):
    """No page of the corpus, whose producers write streams in their own ways, is called damaged."""
    from sphinx_newspaper.ingest.pdf.streams import damaged_streams, file_streams

    files = [*sorted(corpus.rglob("*.pdf")), SINGLE, SYNTHETIC, PHOTOS]
    for path in files:
        data = path.read_bytes()
        streams = file_streams(data)
        assert streams and damaged_streams(data, streams) == [], path


def masked_picture_pdf(mask_side: int, image_side: int = 100) -> bytes:
    """A page with a picture of ``image_side``² pixels, its soft mask ``mask_side``², and text."""
    image = zlib.compress(b"\x80" * (image_side * image_side * 3))
    squeeze = zlib.compressobj(9)
    mask = b"".join(squeeze.compress(b"\xff" * mask_side) for _ in range(mask_side)) + squeeze.flush()
    content = b"q 200 0 0 150 50 100 cm /Im1 Do Q " + lines_of_text(3)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >>"
        b" /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8"
        b" /Filter /FlateDecode /SMask 7 0 R /Length %d >>\nstream\n"
        % (image_side, image_side, len(image))
        + image
        + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
        b" /Filter /FlateDecode /Length %d >>\nstream\n"
        % (mask_side, mask_side, len(mask))
        + mask
        + b"\nendstream",
    ]
    return pdf_of(objects)


def test_a_picture_with_an_enormous_soft_mask_is_not_decoded(tmp_path: Path):
    """The size guard counts a picture's soft mask: a 100 × 100 picture with a 45,000² mask
    decoded to 2.1 GB (here 8,000², over the 60-million-pixel guard, so the test stays small)."""
    path = tmp_path / "masked.pdf"
    path.write_bytes(masked_picture_pdf(8000))
    (page,) = read_pdf(path)
    assert any("mask" in notice.message and "8000×8000" in notice.message for notice in page.notices)
    store = PictureStore(tmp_path / "pictures", 400)
    saved = store.save(page, whole_page=True)
    assert not saved.problems and saved.files  # the page image, without the picture
    small = tmp_path / "small.pdf"
    small.write_bytes(masked_picture_pdf(200))
    (page,) = read_pdf(small)
    assert not any(notice.subtype == "image" for notice in page.notices)


def test_a_strip_of_turned_type_reads_as_lines_not_one_character_each():
    """Type turned on a page that is not (a strip up the margin, a page drawn upside down among
    upright ones) reads as runs along its own baseline: a page of it took 116 s and made 117
    articles when each character was a line of its own."""
    from sphinx_newspaper.ingest.pdf.lines import read_lines

    for matrix in (b"0 1 -1 0", b"-1 0 0 -1", b"0 -1 1 0"):
        content = (
            lines_of_text(14) + b"BT /F1 8 Tf %s 150 200 Tm (Printed sideways in the margin) Tj ET\n" % matrix
        )
        with io.BytesIO(one_page_pdf(content, page=b"/MediaBox [0 0 400 400]")) as data:
            document = open_pdf_data(data.getvalue(), "turned.pdf")
        try:
            page = read_page_chars(document, "turned.pdf", 0)
        finally:
            document.close()
        assert page.turn == 0
        texts = [line.text for line in read_lines(page).lines]
        assert "Printed sideways in the margin" in texts, (matrix, texts)


@pytest.mark.sphinx("latex", testroot="page")
def test_a_date_before_the_year_1000_is_a_valid_pdf_date(app):
    """The PDF's creation date has four digits of year whatever the year (strftime wrote the
    year 999 as ``999``: ``D:9990105…``, which readers took for the year 9990)."""
    index = Path(app.srcdir) / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   :date: 0999-01-05\n", encoding="utf-8")
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "pdfcreationdate={D:09990105000000Z}" in tex


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs /usr/bin/chromium")
@pytest.mark.sphinx("html", testroot="page", confoverrides={"html_theme": "alabaster"})
def test_long_runs_wrap_in_html_at_a_phone_s_width(app):
    """The HTML (and the EPUB, which shares its stylesheet) wraps a URL, a 1,220-character token
    and a 300-character headline word at 360 px: nothing sticks out of the page."""
    from test_browser import measure

    srcdir = Path(app.srcdir)
    text = (srcdir / "page.txt").read_text(encoding="utf-8").replace("测试标题", "测试标题" + "X" * 300)
    text += f"\n　　详情请见{URL}网站。\n\n　　长词{'A' * 1220}结束。\n\n　　{'这是正文。' * 200}\n"
    (srcdir / "page.txt").write_text(text, encoding="utf-8")
    app.build()
    for page in Path(app.outdir).joinpath("newspaper").rglob("p01*.html"):
        measured = measure(page, 360)
        assert "X" * 300 in page.read_text(encoding="utf-8")
        assert measured["scrollWidth"] <= measured["innerWidth"], measured["overflowing"]


def test_a_page_of_hundreds_of_rules_reads_in_seconds(tmp_path: Path):
    """300 long rules each way (a hostile page; a dense ruled table comes near): 52 s when every
    pair of rules was tried against every rule for the frames they close."""
    rules = b" ".join(
        b"20 %d m 700 %d l S %d 20 m %d 700 l S" % (20 + i, 20 + i, 20 + i, 20 + i) for i in range(300)
    )
    path = tmp_path / "rules.pdf"
    path.write_bytes(
        one_page_pdf(b"0.3 w " + rules + b" " + lines_of_text(5), page=b"/MediaBox [0 0 760 760]")
    )
    started = time.perf_counter()
    (page,) = read_pdf(path)
    assert time.perf_counter() - started < 10
    assert "Line 4 of the page" in " ".join(
        page.furniture + [b.text for a in page.articles for b in a.blocks]
    )


def test_text_in_a_form_field_is_read_as_the_page_shows_it(tmp_path: Path):
    """A form field's value shows on the page (its appearance), but pdfium's text page leaves
    it out: it was lost without a word, ``--check`` included."""
    content = lines_of_text(8)
    field = b"BT /F1 10 Tf 2 4 Td (Text in a form field) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R /Annots [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f1) /V (Text in a form field) /Rect [20 20 220 40]"
        b" /P 3 0 R /AP << /N 7 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Length %d >>\nstream\n" % len(field) + field + b"\nendstream",
    ]
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf_of(objects))
    (page,) = read_pdf(path)
    everything = " ".join(page.furniture + page.credits + [b.text for a in page.articles for b in a.blocks])
    assert "Text in a form field" in everything and "Line 7 of the page" in everything
    kept_all(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    origin=st.tuples(st.sampled_from([0.0, -100.0, 50.0, 1e4]), st.sampled_from([0.0, 30.0, -500.0])),
    size=st.sampled_from([(300.0, 400.0), (400.0, 300.0), (50.0, 50.0), (3000.0, 4000.0), (0.8, 0.8)]),
    crop=st.none() | st.tuples(*[st.floats(-20, 100)] * 4),
    rotate=st.sampled_from([None, 90, 180, 270, -90, 45, 360]),
    objects=st.lists(
        st.tuples(
            st.sampled_from([b"1 0 0 1", b"0 1 -1 0", b"-1 0 0 -1", b"0 -1 1 0", b"1 0 0.3 1", b"0 0 0 0"]),
            st.sampled_from([0.5, 3.0, 9.0, 30.0]),
            st.floats(-0.1, 1.0),
            st.floats(-0.1, 1.0),
        ),
        min_size=1,
        max_size=20,
    ),
)
def test_any_page_box_and_turn_reads_or_is_refused_keeping_what_shows(origin, size, crop, rotate, objects):
    """Pages with their boxes anywhere, cropped, rotated, their type turned any way or scaled to
    nothing: each reads (every character that shows landing in the page, the rest named) or is
    refused naming the page, never a traceback."""
    (ox, oy), (width, height) = origin, size
    page = b"/MediaBox [%g %g %g %g]" % (ox, oy, ox + width, oy + height)
    if crop is not None:
        page += b" /CropBox [%g %g %g %g]" % (
            ox + crop[0],
            oy + crop[1],
            ox + width - crop[2],
            oy + height - crop[3],
        )
    if rotate is not None:
        page += b" /Rotate %d" % rotate
    content = b"".join(
        b"BT /F1 %g Tf %s %g %g Tm (Words on line %d here) Tj ET\n"
        % (points, matrix, ox + x * width, oy + y * height, number)
        for number, (matrix, points, x, y) in enumerate(objects)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(one_page_pdf(content, page=page))
        try:
            (read,) = read_pdf(path)
        except IngestError as error:
            assert "page.pdf, page 1" in str(error)
            return
        document = open_pdf(path)
        try:
            unseen = len(read_page_chars(document, str(path), 0).unseen)
        finally:
            document.close()
        kept, total, _ = conservation(read, own_text(path, 0))
        assert kept == total - unseen and bool(unseen) == bool(read.unread)
