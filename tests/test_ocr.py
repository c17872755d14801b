"""Scans and broken text layers read through OCR (issue 27), into the PDF route's own layout.

The scans are made here from the synthetic e-paper page: rendered in grey at 150 dpi, turned by
a degree and a bit, saved as JPEG.  The engine reads the whole page once per test process; its
result is kept in one OCR cache folder that every test here (and each build's doctree folder)
shares, so the other tests read it from there.  Tests of what is done with OCR lines (doubtful
lines, corrections, routing of garbled pages) feed canned lines instead of running the engine.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from building import html, make_pdf, page_project, pdf_text, squeeze, warning_lines
from test_epub import Built, epubcheck

from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest import IngestError, read_issue
from sphinx_newspaper.ingest.pdf import ocr, scan
from sphinx_newspaper.ingest.pdf.ocr import OcrChar, OcrLine
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.scoring import character_errors

pytestmark = pytest.mark.xdist_group("ocr")

SYNTHETIC = Path(__file__).parent / "roots" / "test-pdf" / "issues" / "epaper-2024-05-07.pdf"
SKEW = 1.2  # degrees the scan is turned, counter-clockwise
TITLES = ["田间地头备耕忙", "新建图书馆下月开放"]


@pytest.fixture(scope="session")
def ocr_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The OCR cache every test of this process shares."""
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture(autouse=True)
def shared_ocr_cache(ocr_folder: Path):
    before = ocr.settings().cache, ocr.settings().processes, ocr.settings().progress
    ocr.configure(cache=ocr_folder)
    yield
    ocr.configure(cache=before[0], processes=before[1], progress=before[2])


def render(path: Path, dpi: int, skew: float = 0.0, quality: int | None = 75, crop=None):
    """The PDF's first page as a scanner would give it: grey, turned, JPEG-compressed."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(path)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    if crop is not None:
        image = image.crop(crop)
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if quality:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return image


@pytest.fixture(scope="session")
def scan_jpeg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic page scanned: 150 dpi, grey, turned 1.2°, JPEG."""
    path = tmp_path_factory.mktemp("scans") / "scan-2024-05-07.jpg"
    render(SYNTHETIC, 150, SKEW).save(path, "JPEG", quality=90, dpi=(150, 150))
    return path


@pytest.fixture(scope="session")
def text_layer_page():
    """The synthetic page as the PDF route reads its own text layer: what the scan must give."""
    return read_pdf(SYNTHETIC)[0]


@pytest.fixture
def scanned_page(scan_jpeg: Path):
    return read_issue(scan_jpeg).pages[0]


def body(article) -> str:
    return "".join(block.text for block in article.blocks)


# -- the engine on a real scan -----------------------------------------------------------------


def test_a_scanned_page_reads_into_the_same_stories(scanned_page, text_layer_page):
    """Titles, headline parts and body text as the text layer gives them: the OCR lines went
    through the same layout, roles and stories."""
    titles = [article.title for article in scanned_page.articles]
    for title in TITLES:
        assert title in titles
    lead = scanned_page.articles[titles.index(TITLES[0])]
    want = next(a for a in text_layer_page.articles if a.title == TITLES[0])
    # the engine may drop the rule-like dashes of a kicker (春耕时节——): the words must be there
    assert lead.kicker.rstrip("—") == want.kicker.rstrip("—")
    assert lead.subtitle.lstrip("—") == want.subtitle.lstrip("—")
    errors = character_errors(body(want), body(lead))
    assert errors / len(body(want)) <= 0.03, (body(want), body(lead))
    assert scanned_page.number == "3"


def test_the_scan_is_straightened_and_what_the_ocr_read_is_kept(scanned_page):
    report = scanned_page.ocr
    assert report is not None and report.engine.startswith("rapidocr")
    assert abs(report.skew + SKEW) <= 0.2  # turned back
    assert report.lines > 20 and "田间地头备耕忙" in "".join(report.text.split())
    assert scanned_page.notices[0].subtype == "ocr"
    assert scanned_page.to_json()["ocr"]["lines"] == report.lines


def test_inspect_check_counts_what_the_ocr_read(scan_jpeg, capsys):
    assert main(["inspect", str(scan_jpeg), "--check"]) == 0
    out = capsys.readouterr().out
    assert "read through OCR: rapidocr" in out
    kept = next(line for line in out.splitlines() if "characters kept" in line)
    counted, total = kept.split(": ")[1].split(" ")[0].split("/")
    assert counted == total and int(total) > 500


def test_a_scan_pdf_is_read_through_ocr(tmp_path):
    """A PDF page that is only a picture (a crop of the page: the lead story's headline)."""
    image = render(SYNTHETIC, 200, 0.8, crop=(0, 180, 1400, 560))
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=200)
    (page,) = read_pdf(path)
    assert page.ocr is not None
    assert "田间地头备耕忙" in [article.title for article in page.articles]
    assert page.size == pytest.approx((1400 * 72 / 200, 380 * 72 / 200), abs=1)


def test_a_rebuild_reads_no_page_again(scan_jpeg, monkeypatch):
    read_issue(scan_jpeg)  # in the cache now (or already)
    calls = []
    monkeypatch.setattr(ocr, "_read", lambda *args: calls.append(args) or [])
    read_issue(scan_jpeg)
    assert calls == []


# -- which pages go through OCR ------------------------------------------------------------------


def canned(*lines: tuple[str, float, float]) -> list[OcrLine]:
    """OCR lines as the engine gives them: (text, confidence, top in pixels), each character a
    30-pixel box, from the left margin."""
    out = []
    for text, score, top in lines:
        chars = [OcrChar(c, score, (40 + 30 * i, top, 68 + 30 * i, top + 30)) for i, c in enumerate(text)]
        right = 40 + 30 * len(text)
        quad = ((40.0, top), (float(right), top), (float(right), top + 30), (40.0, top + 30))
        out.append(OcrLine(text, score, quad, chars))
    return out


STORY = [
    ("春耕备耕忙", 0.99, 100),
    ("本报讯　眼下正值春耕备耕的关键时期，我县各乡镇抢抓农", 0.98, 200),
    ("时，组织群众开展翻耕整地、育苗移栽等工作。", 0.42, 240),
    ("全县已完成翻耕面积十二万亩，占计划的八成以上。", 0.97, 280),
]


@pytest.fixture
def fake_engine(monkeypatch):
    """The engine replaced by canned lines: no model runs."""
    monkeypatch.setattr(scan, "recognise", lambda image, where, threads=0: canned(*STORY))


def test_a_garbled_text_layer_is_read_through_ocr(corpus, fake_engine):
    (page,) = read_pdf(corpus / "pages" / "garbled-font-encoding.pdf")
    assert page.ocr is not None and page.ocr.lines == len(STORY)
    assert any("翻耕面积" in body(article) for article in page.articles)


def test_doubtful_lines_are_marked_in_inspect_and_warned(corpus, fake_engine, capsys):
    page_file = corpus / "pages" / "garbled-font-encoding.pdf"
    assert main(["inspect", str(page_file)]) == 0
    captured = capsys.readouterr()
    assert "1 line(s) read with little confidence:" in captured.out
    assert "? 0.42  时，组织群众开展翻耕整地、育苗移栽等工作。" in captured.out
    assert "[newspaper.ocr]" in captured.err and "1 of them with little confidence" in captured.err


def test_doubtful_lines_are_marked_where_they_stand_in_the_drawing_and_json(
    tmp_path, corpus, fake_engine, capsys
):
    page_file = corpus / "pages" / "garbled-font-encoding.pdf"
    assert main(["inspect", str(page_file), "--json"]) == 0
    (page,) = json.loads(capsys.readouterr().out)["pages"]
    (doubtful,) = page["ocr"]["doubtful"]
    assert doubtful["text"] == "时，组织群众开展翻耕整地、育苗移栽等工作。" and doubtful["confidence"] == 0.42
    x0, y0, x1, y1 = doubtful["box"]
    assert x0 < x1 and y0 < y1 and x1 - x0 > 10 * (y1 - y0)  # a line's box: long and low

    assert main(["inspect", str(page_file), "--draw", str(tmp_path / "drawn")]) == 0
    drawing = next((tmp_path / "drawn").glob("*p*.html")).read_text(encoding="utf-8")
    marks = re.findall(r'<g class="mark doubtful"[^>]*>.*?</g>', drawing, re.S)
    assert len(marks) == 1 and "little confidence (0.42)" in marks[0] and "翻耕整地" in marks[0]
    height = float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', drawing).group(1))
    y = float(re.search(r'<rect x="[\d.]+" y="([\d.]+)"', marks[0]).group(1))
    assert abs(y - (height - y1)) < 2  # drawn where the line stands (top-left origin)


def test_a_misread_is_fixed_by_a_corrections_file(tmp_path, corpus, fake_engine):
    page_file = tmp_path / "page.pdf"
    shutil.copy(corpus / "pages" / "garbled-font-encoding.pdf", page_file)
    (tmp_path / "page.corrections.toml").write_text(
        '[[misread]]\ntext = "十二万亩"\nprinted = "十三万亩"\n\n[[misread]]\ntext = "不在此页"\nprinted = "x"\n',
        encoding="utf-8",
    )
    page = read_issue(page_file).pages[0]
    text = "".join(body(article) for article in page.articles)
    assert "十三万亩" in text and "十二万亩" not in text
    assert any(n.subtype == "correction" and "不在此页" in n.message for n in page.notices)


def test_without_the_extra_a_scan_is_one_error_naming_it(tmp_path, scan_jpeg, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    pdf = tmp_path / "scan.pdf"
    render(SYNTHETIC, 72).save(pdf, "PDF", resolution=72)
    for path in (pdf, scan_jpeg):
        with pytest.raises(IngestError) as raised:
            read_issue(path)
        assert "pip install 'sphinx-newspaper[ocr]'" in str(raised.value)
        assert path.name in str(raised.value)


def test_with_ocr_never_a_scan_is_refused_saying_so(tmp_path, scan_jpeg):
    pdf = tmp_path / "scan.pdf"
    render(SYNTHETIC, 72).save(pdf, "PDF", resolution=72)
    with pytest.raises(IngestError, match=r"holds only pictures.*'never'"):
        read_issue(pdf, ocr="never")
    with pytest.raises(IngestError, match=r"page image.*'never'"):
        read_issue(scan_jpeg, ocr="never")


def test_pictures_beside_page_files_are_no_pages_but_a_folder_of_scans_is(tmp_path, fake_engine):
    """In an issue folder with page files, pictures travel beside the pages (as before); a
    folder holding only pictures is a folder of scans, one page each, in name order."""
    from PIL import Image

    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(SYNTHETIC, mixed / "p03.pdf")
    Image.new("L", (200, 300), 255).save(mixed / "p03.jpg")
    issue = read_issue(mixed)
    assert len(issue.pages) == 1 and issue.pages[0].ocr is None
    scans = tmp_path / "scans"
    scans.mkdir()
    for name in ("p02.png", "p01.jpg"):
        Image.new("L", (200, 300), 255).save(scans / name)
    issue = read_issue(scans)
    assert [Path(page.source).name for page in issue.pages] == ["p01.jpg", "p02.png"]
    assert all(page.ocr is not None for page in issue.pages)
    with pytest.raises(IngestError, match="holds no page text files"):
        read_issue(scans, ocr="never")


def test_pages_are_read_in_parallel_with_progress_per_page(tmp_path, fake_engine):
    """``-j 2``: the scan's pages read in two worker processes, each told as it is done."""
    from PIL import Image

    path = tmp_path / "scans.pdf"
    pages = [Image.new("L", (300, 400), 255) for _ in range(3)]
    pages[0].save(path, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    told = []
    ocr.configure(
        cache=None, processes=2, progress=lambda done, count, where: told.append((done, count, where))
    )
    issue = read_issue(path)
    assert [page.source.rsplit("#", 1)[1] for page in issue.pages] == ["page=1", "page=2", "page=3"]
    assert all(page.ocr is not None and page.ocr.lines == len(STORY) for page in issue.pages)
    assert [(done, count) for done, count, _ in told] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(where for _, _, where in told) == [f"{path}#page={n}" for n in (1, 2, 3)]


# -- straightening, rules ---------------------------------------------------------------------


def test_the_skew_is_found_by_the_rows_of_ink():
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40):
        for word in range(12):
            draw.rectangle((100 + 80 * word, 100 + 35 * row, 160 + 80 * word, 118 + 35 * row), fill=0)
    turned = image.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert scan.find_skew(turned) == pytest.approx(-2.0, abs=0.1)
    assert scan.find_skew(image) == pytest.approx(0.0, abs=0.05)


def test_rules_drawn_on_the_page_are_found_clear_of_the_text():
    from PIL import Image, ImageDraw

    from sphinx_newspaper.ingest.pdf.chars import PdfPage

    image = Image.new("L", (1000, 800), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 400, 900, 402), fill=0)  # a rule across the page
    draw.rectangle((45, 102, 420, 128), fill=0)  # a headline, as the OCR found it: no rule
    lines = canned(("一二三四五六七八九十一二三", 0.99, 100))
    lines[0].quad = ((40.0, 90.0), (430.0, 90.0), (430.0, 190.0), (40.0, 190.0))
    page = PdfPage("page.png", 0, 1000 * 72 / 200, 800 * 72 / 200)
    scan.find_rules(image, lines, page, em=25)
    assert len(page.rules) == 1
    x0, y0, x1, y1 = page.rules[0]
    assert x1 - x0 == pytest.approx(801 * 72 / 200, abs=1) and y1 - y0 < 2


# -- a book from a scan ----------------------------------------------------------------------


@pytest.fixture
def scan_book(tmp_path, scan_jpeg, ocr_folder, text_layer_page) -> Path:
    """A project of one newspaper-issue: the scanned page, its OCR result already in the
    build's cache (read once in this process)."""
    read_issue(scan_jpeg)
    srcdir = page_project(tmp_path, argument="scan.jpg")
    shutil.copy(scan_jpeg, srcdir / "scan.jpg")
    cache = srcdir / "_build" / "doctrees" / "newspaper-ocr"
    shutil.copytree(ocr_folder, cache)
    return srcdir


def test_a_book_from_a_scan_in_html(scan_book, make_app):
    app = make_app("html", srcdir=scan_book)
    app.build()
    documents = sorted(Path(app.outdir).rglob("p03-0*.html"))
    text = "".join(path.read_text(encoding="utf-8") for path in documents)
    for title in TITLES:
        assert f"<h1>{title}" in text
    assert "眼下正值春耕备耕的关键时期" in squeeze(text)
    warnings = warning_lines(app)
    assert any("[newspaper.ocr]" in line and "read through OCR" in line for line in warnings)
    assert html(app, "index")


@pytest.mark.epubcheck
def test_a_book_from_a_scan_as_epub(scan_book, make_app):
    app = make_app("epub", srcdir=scan_book)
    app.build()
    built = Built(app)
    with built.zip as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    for title in TITLES:
        assert title in text
    report = epubcheck(built.path)
    assert report["messages"] == []


@pytest.mark.latex
def test_a_book_from_a_scan_as_a_printed_book(scan_book, make_app):
    app = make_app("latex", srcdir=scan_book)
    app.build()
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    text = squeeze(pdf_text(pdf))
    for title in TITLES:
        assert title in text
    assert "眼下正值春耕备耕的关键时期" in text
