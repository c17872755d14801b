"""The PDF route's first step (ingest/pdf/chars.py): every visible character with its effective size, face and colour; rules and frames; unreadable PDFs refused, one error each.

Split from test_pdf.py (issue 23): one file per step; shared hand-set pages in pdf_handset.py.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from pdf_handset import (
    GANSU,
    SINGLE,
    SYNTHETIC,
    chars_of,
    hand_made_pdf,
    page_lines,
    picture_page,
    raw_char_count,
)
from PIL import Image

from sphinx_newspaper.ingest import IngestError, read_issue
from sphinx_newspaper.ingest.pdf.chars import open_pdf, own_text
from sphinx_newspaper.ingest.pdf.lines import read_lines


def test_effective_size_comes_from_the_matrix_on_e_paper_pages(corpus: Path):
    page = chars_of(corpus / GANSU)
    title = [char for char in page.chars if char.text in "铁脚板" and char.size > 40]
    assert title and all(abs(char.size - 44.4) < 0.2 and abs(char.width - 40.0) < 0.2 for char in title)
    lines = read_lines(page)
    assert lines.body_size == pytest.approx(8.3, abs=0.05)


def test_effective_size_comes_from_the_font_size_when_the_matrix_is_plain():
    lines = page_lines(SYNTHETIC)
    assert lines.body_size == pytest.approx(9.0, abs=0.1)
    title = next(line for line in lines.lines if line.text == "田间地头备耕忙")
    assert title.size == pytest.approx(30.0, abs=0.2)


def test_text_drawn_again_on_itself_is_kept_once(tmp_path: Path):
    content = b"".join(b"BT /F1 12 Tf 50 300 Td (Overdrawn) Tj ET " for _ in range(3))
    path = hand_made_pdf(tmp_path / "overdraw.pdf", content + b"BT /F1 12 Tf 50 250 Td (Once) Tj ET")
    assert own_text(path, 0).split() == ["Overdrawn", "Once"]


def test_rules_and_frames_are_read():
    page = chars_of(SYNTHETIC)
    assert len(page.rules) >= 4  # under the masthead, between the stories, above the credits
    assert any(x1 - x0 > 100 and y1 - y0 > 50 for x0, y0, x1, y1 in page.frames)  # the photo frame


def test_garbled_text_layer_is_refused(corpus: Path):
    with pytest.raises(
        IngestError, match=r"garbled-font-encoding\.pdf, page 1: has a garbled text layer.*OCR"
    ):
        read_issue(corpus / "pages" / "garbled-font-encoding.pdf", ocr="never")  # else read through OCR


def test_page_without_a_text_layer_needs_ocr(tmp_path: Path):
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (300, 400), "white").save(scan, "PDF")
    with pytest.raises(IngestError, match=r"scan\.pdf, page 1: holds only pictures, no text layer.*OCR"):
        read_issue(scan, ocr="never")  # else read through OCR (tests/test_ocr.py)


def test_photo_with_a_short_caption_is_no_scan(tmp_path: Path):
    # Fewer characters than the page's text would need, but the photo leaves the page its margins.
    page = chars_of(picture_page(tmp_path / "photo.pdf", (30, 120, 240, 250), "Harbour at dawn"))
    assert "".join(char.text for char in page.chars) == "Harbouratdawn"
    assert len(page.pictures) == 1


def test_scan_with_a_stamped_page_number_needs_ocr(tmp_path: Path):
    # A picture edge to edge with a line stamped on it: still a picture of a page, however many
    # characters the stamp has, as long as they are not the page's text.
    path = picture_page(tmp_path / "stamped.pdf", (0, 0, 300, 400), "A06 scanned 2024-05-06 p6/24", size=5)
    document = open_pdf(path)
    try:
        assert raw_char_count(document) == 28  # the stamp is there, and more than 20 characters
    finally:
        document.close()
    with pytest.raises(IngestError, match=r"stamped\.pdf, page 1: holds only pictures, no text layer.*OCR"):
        read_issue(path, ocr="never")


def test_page_without_anything_is_named(tmp_path: Path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(300, 400)
    writer.write(tmp_path / "blank.pdf")
    with pytest.raises(IngestError, match=r"blank\.pdf, page 1: holds no text"):
        read_issue(tmp_path / "blank.pdf")


def test_encrypted_pdf_asks_for_a_decrypted_copy(tmp_path: Path):
    writer = pypdf.PdfWriter(clone_from=SINGLE)
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(IngestError, match=r"locked\.pdf: is an encrypted PDF that needs a password"):
        read_issue(tmp_path / "locked.pdf")


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path):
    writer = pypdf.PdfWriter(clone_from=SINGLE)
    writer.encrypt(user_password="", owner_password="owner")
    writer.write(tmp_path / "restricted.pdf")
    assert read_issue(tmp_path / "restricted.pdf").pages[0].articles[0].title == "田间地头备耕忙"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"not a PDF at all\n" * 20, "is not a readable PDF"),
        (SINGLE.read_bytes()[:3000], "is not a readable PDF"),
    ],
    ids=["empty", "not-a-pdf", "truncated"],
)
def test_damaged_and_empty_files_are_refused(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "page.pdf"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=rf"page\.pdf: {problem}"):
        read_issue(path)


def test_pdf_without_pages_is_refused(tmp_path: Path):
    pypdf.PdfWriter().write(tmp_path / "nothing.pdf")
    with pytest.raises(IngestError, match=r"nothing\.pdf: (holds no pages|is not a readable PDF)"):
        read_issue(tmp_path / "nothing.pdf")
