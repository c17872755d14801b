"""Small hand-set PDF pages and the corpus pages the PDF route's step tests read (tests/test_pdf_*.py)."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

from sphinx_newspaper.ingest.pdf.chars import PdfPage, open_pdf, read_page_chars
from sphinx_newspaper.ingest.pdf.layout import Block, read_blocks
from sphinx_newspaper.ingest.pdf.lines import Line, PageLines, read_lines
from sphinx_newspaper.ingest.pdf.params import DEFAULT as P
from sphinx_newspaper.ingest.pdf.roles import (
    Stack,
    read_roles,
)
from sphinx_newspaper.ingest.pdf.trace import Trace

ISSUES = Path(__file__).parent / "roots" / "test-pdf" / "issues"
SYNTHETIC = ISSUES / "epaper-2024-05-06.pdf"  # two pages: 第3版 要闻, 第4版 民生
SINGLE = ISSUES / "epaper-2024-05-07.pdf"  # one page: 第3版 要闻
GANSU = "pages/gansu-fazhibao-2024-08-09-p08.pdf"
FUZHOU = "pages/fuzhou-wanbao-2024-04-19-p07.pdf"
RMRB = "pdf/rmrb-2018-01-p07/rmrb2018010507.pdf"


def chars_of(path: Path, index: int = 0):
    document = open_pdf(path)
    try:
        return read_page_chars(document, str(path), index)
    finally:
        document.close()


def page_lines(path: Path, index: int = 0):
    return read_lines(chars_of(path, index))


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; the first is the catalogue), with its xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def hand_made_pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF written byte by byte, its text in Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_of(objects))
    return path


def picture_page(path: Path, picture: tuple[float, float, float, float], text: str, size: float = 9) -> Path:
    """A hand-made page holding a grey picture at ``picture`` (x, y, width, height) and ``text``
    at ``size`` under it (in it when the picture reaches the page's foot)."""
    x, y, width, height = picture
    content = (
        f"q {width} 0 0 {height} {x} {y} cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q\n"
        f"BT /F1 {size} Tf {x + size} {abs(y - size * 1.5)} Td ({text}) Tj ET"
    ).encode("latin-1")
    return hand_made_pdf(path, content)


def raw_char_count(document) -> int:
    textpage = document[0].get_textpage()
    try:
        return textpage.count_chars()
    finally:
        textpage.close()


def typeset(*pieces: tuple[str, float, float], size: float = 10.0) -> PdfPage:
    """A page of hand-set type: each piece (text, x, baseline) set solid at ``size``, one em a
    character, in the order given (a producer's drawing order)."""
    from sphinx_newspaper.ingest.pdf.chars import Char

    page = PdfPage("set.pdf", 0, 600, 800)
    for text, x, y in pieces:
        for index, char in enumerate(text):
            left = x + index * size
            page.chars.append(Char(char, left, y, size, size, left + size, font=0))
    return page


def line_texts(page: PdfPage) -> set[str]:
    return {line.text for line in read_lines(page).lines}


def text_line(text: str, x0: float, baseline: float, size: float = 7.5) -> Line:
    """A line of body text at ``size`` (each character an em), standing on ``baseline``."""
    return Line(
        [],
        x0=x0,
        x1=x0 + len(text) * size,
        y0=baseline - 0.12 * size,
        y1=baseline + 0.88 * size,
        size=size,
        text=text,
        baseline=baseline,
    )


def text_block(*lines: Line) -> Block:
    block = Block([lines[0]], lines[0].x0, lines[0].x1, lines[0].y0, lines[0].y1, lines[0].size)
    for line in lines[1:]:
        block.add(line)
    return block


def story_roles(body: list[Block], stacks: list[Stack], em: float, leading: float, column: float):
    """Roles of a hand-made page (no rules, frames or pictures) for the stories step."""
    page = SimpleNamespace(
        rules=[], frames=[], panels=[], pictures=[], rule_weight=0.5 * em, width=940, height=1300
    )
    layout = SimpleNamespace(
        params=P, trace=Trace(), em=em, leading=leading, column=column, lines=SimpleNamespace(page=page)
    )
    return SimpleNamespace(layout=layout, body=body, stacks=stacks, captions=[], furniture=[], header=1200.0)


def set_lines(x0: float, baseline: float, *texts: str, em: float, leading: float, indent: float = 0) -> Block:
    """A block of lines at ``x0``, one ``leading`` apart, the first set in by ``indent`` ems."""
    lines = [
        text_line(text, x0 + (indent * em if index == 0 else 0), baseline - index * leading, em)
        for index, text in enumerate(texts)
    ]
    return text_block(*lines)


def brief_column(headline_font: int, indent: float = 2.0, headline_size: float = 0.85):
    """A column of briefs at 10 pt: two lines of the first brief's text (its last line short),
    a brief's headline in font ``headline_font`` at ``headline_size`` ems, centred, then the next
    brief's text, its first line set in by ``indent`` ems.  Font 0 is the body's (a Song face at
    pdfium's weight 400), font 1 a bold Hei at 700, font 2 a Kai at 400."""
    em = 10.0
    page = PdfPage("briefs.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0", "ABCDEF+FZHTK--GBK1-0", "ABCDEF+FZKTK--GBK1-0"]
    page.font_weights = [400, 700, 400]

    def line(text: str, x0: float, baseline: float, font: int = 0, size: float = em) -> Line:
        made = text_line(text, x0, baseline, size)
        made.font = font
        return made

    size = headline_size * em
    title = "城区新增停车位"
    lines = [
        line("城区今年共建成公共停车场", 50, 300),
        line("十二处，缓解停车难。", 50, 285),
        line(title, 50 + (120 - len(title) * size) / 2, 268, headline_font, size),
        line("今年以来，市交通部门新", 50 + indent * em, 251),
        line("建成公共停车场十二处，", 50, 236),
        line("缓解了停车难题。", 50, 221),
    ]
    lines[0].x1 = lines[3].x1 = lines[4].x1 = 170.0
    page_lines = PageLines(page, lines, em, 0)
    layout = read_blocks(page_lines)
    return layout, title


def column_with_a_reporter_line(flowing: bool) -> list[str]:
    """The body blocks of a column of 10 pt text whose third line names 本报记者.  ``flowing``:
    the line above it fills the column mid-sentence and the named line fills it too (running
    text, 讨会并接受本报记者专访时如 / 是表示。); else the line above ends its paragraph short and
    the named line stands on its own (a byline between two stories)."""
    em = 10.0
    page = PdfPage("flow.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0"]
    page.font_weights = [400]
    first = "“中国成功的秘诀在于坚持”日"
    if flowing:
        texts = [first, "前他出席国际研讨会时说，研", "讨会并接受本报记者专访时如", "是表示。"]
    else:
        texts = [first, "前他出席国际研讨会时说。", "本报记者王芳", "城区今年共建成公共停车场"]
    lines = [text_line(text, 50, 300 - 15 * index, em) for index, text in enumerate(texts)]
    for line in lines:
        line.font = 0
    lines[0].x1 = lines[1].x1 = 180.0
    if flowing:
        lines[2].x1 = 180.0
    layout = read_blocks(PageLines(page, lines, em, 0))
    return [block.text for block in read_roles(layout).body]


def column_with_a_dateline(first: str, dateline: str) -> list[str]:
    """The body blocks of one column of 10 pt text: a paragraph opening with ``first`` that
    ends short, then a paragraph set in, opening with ``dateline``."""
    em = 10.0
    page = PdfPage("dateline.pdf", 0, 300.0, 400.0)
    page.fonts = ["ABCDEF+FZBSK--GBK1-0"]
    page.font_weights = [400]
    texts = [first, "发展的强劲脉动，敬请关注。", dateline, "家主席习近平致贺信祝贺。"]
    lines = [text_line(text, 50, 300 - 15 * index, em) for index, text in enumerate(texts)]
    lines[2].x0 += 2 * em
    for line in lines:
        line.font = 0
        line.x1 = 180.0 if line is not lines[1] else line.x1
    layout = read_blocks(PageLines(page, lines, em, 0))
    return [block.text for block in read_roles(layout).body]
