"""E-paper PDF pages to characters: every character with its position, size and font.

The first step of the PDF route (docs/ingest.md, "The PDF route").  pypdfium2 reads the page's text
layer; for each character this keeps

* its **origin** (left end of the baseline) in PDF points, the page's bottom-left corner at 0, 0;
* its **effective size**: the font size times the text matrix's vertical scale (e-paper
  producers set type at size 1 and scale it with the matrix; other producers set the size and
  leave the matrix alone); condensed type has a smaller horizontal scale, kept as ``width``;
  glyph boxes vary by glyph and are not used;
* its **font**, sampled per run of characters (asking for every character's font would cost as
  much as everything else together).

Whitespace and the line breaks pdfium generates are dropped: spacing is read again from the
positions.  pdfium's text page already leaves out a text object drawn again at the same place;
a character drawn again at the same position with the same size is dropped here as well, so that an advert printing 三七 thirty times keeps it once.

Pages that cannot be read are refused with one :class:`IngestError` each, naming the file and
the page: encrypted, damaged or empty files, pages with no text layer (scans: they need OCR),
and garbled text layers (fonts without a usable ToUnicode map, which pdfium flags).
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...util.characters import UNSHOWABLE
from ...util.errors import IngestError, display
from ...util.files import read_input
from ...util.patterns import LazyPattern
from .ocr import INSTALL_HINT as OCR_HINT

#: The largest PDF read: an e-paper page is 0.3 to 10 MB (the corpus: 0.4 to 3 MB), an issue of
#: forty pages some 100 MB; larger files are not newspaper pages.
MAX_PDF_BYTES = 512 * 1024 * 1024
#: Share of characters flagged by pdfium as lacking a Unicode mapping above which a page's text
#: layer is garbage (3,304 of 3,305 on the garbled corpus page, none on good pages).
GARBLED_SHARE = 0.3
#: Pictures covering at least this share of the page are the page itself, photographed: a scan.
#: A scan is placed edge to edge; a printed page keeps its margins (a photo on it, even one
#: filling the page, covers some 90 % of it at most).
SCAN_COVER = 0.95
#: Over a scan, a text layer filling less than this share of the page (its characters, each an
#: em square at the page's own text size, against the page's area) is a stamp or a page number,
#: not the page's text: a page of text fills 30 to 40 % (the corpus pages), an OCR layer as much.
SCAN_TEXT_SHARE = 0.01
#: Paths shorter than this many ems of the page's text (both ways) are ornaments, not rules.
RULE_LENGTH = 3.5
#: A path at most this many ems thick is a rule; a larger one is a frame or panel.
RULE_WEIGHT = 0.35
#: Control characters, private-use code points and the replacement character: what a font
#: without a usable Unicode map turns into.
_ODD = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
#: The font descriptor's ForceBold flag (PDF 32000-1, table 121: bit 19).
FORCE_BOLD = 1 << 18
#: Type filled with every colour channel at least this bright is reversed out (white on a band).
LIGHT = 230
#: Two characters drawn within this share of their size of each other are one character drawn twice.
OVERDRAW_TOLERANCE = 0.1


class NeedsOcr(IngestError):
    """A page with no usable text layer (a scan, a garbled font): its text needs OCR."""


@dataclass(slots=True)
class Char:
    """One visible character of the page."""

    text: str
    x: float  # origin: the left end of the character's baseline (PDF points)
    y: float  # baseline height above the page's bottom edge (PDF points)
    size: float  # effective size: the text matrix's vertical scale (points)
    width: float  # the matrix's horizontal scale: smaller than ``size`` in condensed type
    right: float  # where the character ends: an em after the origin (half an em when narrow)
    font: int = -1  # index into :attr:`PdfPage.fonts`; -1 until a run's font is known
    upright: bool = True  # the matrix is not rotated
    spaced: bool = False  # the PDF has a word space before it (pdfium's text says so)
    light: bool = False  # filled in white or near white: reversed out of a coloured band


Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(slots=True)
class Picture:
    """One image object of the page (photos, logos, banners, advert pictures alike)."""

    number: int  # the image object's place among the page's images, from 1 (for messages)
    placed: Box  # where the image is placed: the bounds of its matrix (points)
    box: Box  # the part that shows: ``placed`` cut by the object's clip path
    pixels: tuple[int, int]  # width and height of the image as stored in the PDF


@dataclass
class PdfPage:
    """The characters of one PDF page, in the order the page draws them."""

    source: str  # the PDF file
    index: int  # 0-based page index in the file
    width: float  # page size in points
    height: float
    chars: list[Char] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)  # base font names, indexed by ``Char.font``
    #: Each font's weight as pdfium reads it (400 regular, 700 bold; 700 at least where the
    #: font descriptor forces bold), indexed by ``Char.font``; -1 where it says nothing.
    font_weights: list[int] = field(default_factory=list)
    overdraws: int = 0  # characters dropped as drawn again on top of themselves
    #: Rules: thin lines, and the edges of frames and panels, as boxes (x0, y0, x1, y1) in
    #: points.  Stories do not read on across them.
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    #: Frames and panels (boxes drawn around a story, a picture or a table), as boxes.
    frames: list[tuple[float, float, float, float]] = field(default_factory=list)
    #: Filled or stroked boxes drawn as one path (bands behind labels, panels, frames), as boxes.
    panels: list[tuple[float, float, float, float]] = field(default_factory=list)
    #: The page's image objects in drawing order (see :mod:`.pictures` for which are photos).
    pictures: list[Picture] = field(default_factory=list)
    #: Characters no output can show (control characters, noncharacters: :mod:`.characters`),
    #: left out, with their origins (x, y): the page reports them.
    left_out: list[tuple[str, float, float]] = field(default_factory=list)

    #: The size most of its characters are set at (points): the unit its rules are measured in
    #: (the layout steps measure the body size again, from lines).
    text_size: float = 10.0

    @property
    def rule_length(self) -> float:
        """Paths shorter than this (points) both ways are ornaments, not rules."""
        return RULE_LENGTH * self.text_size

    @property
    def rule_weight(self) -> float:
        """A path at most this thick (points) is a rule; a thicker one a frame or panel."""
        return RULE_WEIGHT * self.text_size

    @property
    def where(self) -> str:
        """``file.pdf, page 3`` for messages (pages counted from 1, as readers count them)."""
        return f"{self.source}, page {self.index + 1}"


def is_wide(char: str) -> bool:
    """Characters that take a full em: Chinese, and the punctuation Chinese type sets full-width
    (“”、—…); Latin letters and digits take about half (the text route's rule, lines.width)."""
    return char >= "\u2000"


def open_pdf(path: str | Path, root: Path | None = None):  # -> pdfium.PdfDocument
    """Open a PDF file through the ingest's one gate (:func:`.files.read_input`: no links out
    of ``root``, no devices, at most :data:`MAX_PDF_BYTES`), refusing encrypted, damaged and
    empty files with one clear error."""
    return open_pdf_data(read_pdf_data(path, root), display(Path(path)))


def read_pdf_data(path: str | Path, root: Path | None = None) -> bytes:
    """A PDF file's bytes, through the ingest's gate; an empty file is refused."""
    path = Path(path)
    data = read_input(path, root, MAX_PDF_BYTES)
    if not data:
        raise IngestError(
            display(path), "is empty (0 bytes)", "download the page PDF again, or remove the file"
        )
    return data


def pdf_digest(data: bytes) -> str:
    """What names a PDF's pictures: a digest of its bytes (the same file, the same names)."""
    return hashlib.sha256(data).hexdigest()[:20]


def open_pdf_data(data: bytes, source: str):  # -> pdfium.PdfDocument
    """A PDF document from its bytes, refusing encrypted and damaged files with one clear error
    naming ``source``.  (pypdfium2 is imported here: text-only users skip it.)"""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        # pypdfium2 5 carries pdfium's error code; with 4, ask pdfium (the code stays set)
        code = getattr(error, "err_code", None) or raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            raise IngestError(
                source,
                "is an encrypted PDF that needs a password",
                "save an unencrypted copy (e.g. qpdf --decrypt --password=... in.pdf out.pdf)",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise IngestError(
                source, "uses an unsupported PDF security handler", "save an unencrypted copy"
            ) from None
        if code in (raw.FPDF_ERR_FORMAT, raw.FPDF_ERR_FILE, raw.FPDF_ERR_UNKNOWN):
            raise IngestError(
                source, "is not a readable PDF (damaged or truncated)", "download the page PDF again"
            ) from None
        raise IngestError(
            source, "holds no pages", "download the issue's PDF again, or remove the file"
        ) from None
    return document


def read_pdf_pages(path: str | Path, root: Path | None = None) -> Iterator[PdfPage]:
    """Every page of a PDF file as characters, refusing pages that cannot be read."""
    document = open_pdf(path, root)
    try:
        for index in range(len(document)):
            yield read_page_chars(document, display(path), index)
    finally:
        document.close()


def read_page_chars(document, source: str, index: int) -> PdfPage:
    """One page's visible characters (see the module docstring)."""
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        result = PdfPage(source, index, width, height)
        textpage = page.get_textpage()
        try:
            _collect(raw, textpage.raw, result)
        finally:
            textpage.close()
        if result.chars:
            sizes: Counter[float] = Counter()
            for size, count in Counter([char.size for char in result.chars]).items():
                sizes[round(size, 1)] += count  # a page has few sizes: each rounded once
            result.text_size = sizes.most_common(1)[0][0]
        pictures = _read_objects(raw, page.raw, result)
        if not result.chars and not pictures:
            raise IngestError(result.where, "holds no text", "remove the empty page")
        if is_scan(result):
            raise NeedsOcr(result.where, "holds only pictures, no text layer (a scan?)", OCR_HINT)
    finally:
        page.close()
    return result


def is_scan(page: PdfPage) -> bool:
    """Whether the page is a picture of a page with no text layer of its own: pictures and no
    characters, or pictures covering the page (:data:`SCAN_COVER`) under a text layer too thin
    to be its text (:data:`SCAN_TEXT_SHARE`).  A photo with a short caption is no scan."""
    if not page.pictures:
        return False
    if not page.chars:
        return True
    return picture_cover(page) >= SCAN_COVER and text_share(page) < SCAN_TEXT_SHARE


def picture_cover(page: PdfPage) -> float:
    """The share of the page its pictures cover (what shows of each, cut to the page; pictures
    over each other counted once each, so tiles of one scan add up)."""
    covered = 0.0
    for picture in page.pictures:
        x0, y0, x1, y1 = picture.box
        width = min(x1, page.width) - max(x0, 0.0)
        height = min(y1, page.height) - max(y0, 0.0)
        covered += max(width, 0.0) * max(height, 0.0)
    return min(covered / (page.width * page.height), 1.0)


def text_share(page: PdfPage) -> float:
    """The share of the page its characters fill, each an em square at the page's text size."""
    return len(page.chars) * page.text_size**2 / (page.width * page.height)


def _collect(raw, textpage, result: PdfPage) -> None:
    """Fill ``result`` with the text page's visible characters (overdraws left out).

    The text page is asked as little as it can be: its text in one call, then for each
    character its origin and its text object; matrix, size, font and colour are asked once per
    text object (they are the object's: every character of it shares them)."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return
    text = _page_text(raw, textpage, count)
    calls = _calls(raw)
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    origin, text_object = calls.origin, calls.text_object
    loose_box, box = calls.loose_box, raw.FS_RECTF()
    pbox = ctypes.byref(box)
    unshowable = {match.start() for match in UNSHOWABLE.finditer(text)}
    styles = _Styles(raw, calls, textpage, handle, result)
    known, ask = styles.known, styles.ask
    chars = result.chars
    indexes: list[int] = []  # text page index of each kept character
    seen: set[tuple[str, int, int, int]] = set()
    spaced = False
    for index, char in enumerate(text):
        if char.isspace():
            spaced = spaced or char == " "
            continue  # spacing is read again from positions
        origin(handle, index, px, py)
        left, base = x.value, y.value
        if unshowable and index in unshowable:
            result.left_out.append((char, left, base))
            continue
        if text_object is not None:
            key = text_object(handle, index)
            style = known.get(key) or ask(index, key)
        else:
            style = ask(index, None)
        size, width, upright, font, light, unit, tenths = style  # unit: 1 / the overdraw tolerance
        seen_key = (char, int(left * unit), int(base * unit), tenths)
        if seen_key in seen:
            result.overdraws += 1
            continue
        seen.add(seen_key)
        if char >= "\u2000":
            right = left + width
        elif upright:  # Latin letters and digits: their own advance (W is wide, i narrow)
            loose_box(handle, index, pbox)
            right = box.right if left < box.right < left + 2 * width else left + 0.5 * width
        else:
            right = left + 0.5 * width
        chars.append(Char(char, left, base, size, width, right, font, upright, spaced, light))
        spaced = False
        indexes.append(index)
    _check_unicode(raw, textpage, chars, indexes, text, result)


@dataclass(frozen=True)
class _Calls:
    """pdfium's per-character and per-object functions, called without ctypes' argument
    conversions: the same C functions pypdfium2 binds, each declared here with only its result
    type, so that arguments pass as given (handles and pypdfium2's pointers, ``byref``
    structures, Python ints as C ints), and holding the GIL (a call of a few hundred
    nanoseconds gains nothing from releasing it, and pays for it)."""

    origin: Any  # FPDFText_GetCharOrigin
    loose_box: Any  # FPDFText_GetLooseCharBox
    matrix: Any  # FPDFText_GetMatrix
    font_size: Any  # FPDFText_GetFontSize
    fill_colour: Any  # FPDFText_GetFillColor
    text_object: Any  # FPDFText_GetTextObject; None where pdfium is too old (pypdfium2 4)
    object_font: Any  # FPDFTextObj_GetFont; None with it
    object_type: Any  # FPDFPageObj_GetType


@functools.cache
def _calls(raw) -> _Calls:
    def plain(name: str, restype):
        function = getattr(raw, name, None)
        if function is None:
            return None
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.PYFUNCTYPE(restype)(address)

    text_object = plain("FPDFText_GetTextObject", ctypes.c_void_p)
    return _Calls(
        plain("FPDFText_GetCharOrigin", ctypes.c_int),
        plain("FPDFText_GetLooseCharBox", ctypes.c_int),
        plain("FPDFText_GetMatrix", ctypes.c_int),
        plain("FPDFText_GetFontSize", ctypes.c_double),
        plain("FPDFText_GetFillColor", ctypes.c_int),
        text_object,
        plain("FPDFTextObj_GetFont", ctypes.c_void_p) if text_object is not None else None,
        plain("FPDFPageObj_GetType", ctypes.c_int),
    )


#: A text object's style: size, horizontal scale, upright, font index, light; one over the
#: overdraw tolerance in points, and the size in tenths of a point (the overdraw key's parts).
Style = tuple[float, float, bool, int, bool, float, int]


class _Styles:
    """The style of each text object, asked once (every character of an object shares it)."""

    def __init__(self, raw, calls: _Calls, textpage, handle: ctypes.c_void_p, result: PdfPage) -> None:
        self.raw, self.calls, self.result = raw, calls, result
        self.textpage, self.handle = textpage, handle  # pypdfium2's typed pointer, and its address
        self.known: dict[int, Style] = {}
        self.names: dict[str, int] = {}
        self.font_of_handle: dict[int, int] = {}
        self.matrix = raw.FS_MATRIX()
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.colour = [ctypes.c_uint() for _ in range(4)]
        self.matrix_ref = ctypes.byref(self.matrix)
        self.colour_refs = [ctypes.byref(channel) for channel in self.colour]

    def ask(self, index: int, key: int | None) -> Style:
        calls, textpage, matrix = self.calls, self.handle, self.matrix
        calls.matrix(textpage, index, self.matrix_ref)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        upright = abs(b) < 1e-3 and abs(c) < 1e-3 and a > 0 and d > 0
        if not upright:
            a, d = math.hypot(a, b), math.hypot(c, d)
        points = calls.font_size(textpage, index)  # 1 on e-paper pages: the matrix carries it
        size, width = d * points, a * points
        red, green, blue, _ = self.colour
        light = bool(calls.fill_colour(textpage, index, *self.colour_refs)) and (
            min(red.value, green.value, blue.value) >= LIGHT
        )
        unit = 1 / (OVERDRAW_TOLERANCE * size) if size > 0.01 else 1000.0
        style = (size, width, upright, self._font(index, key), light, unit, int(size * 10))
        if key:
            self.known[key] = style
        return style

    def _font(self, index: int, key: int | None) -> int:
        """The index of the character's font in ``result.fonts`` (base font names)."""
        handle = self.calls.object_font(ctypes.c_void_p(key)) if key else None
        if handle and handle in self.font_of_handle:
            return self.font_of_handle[handle]
        length = self.raw.FPDFText_GetFontInfo(self.textpage, index, self.buffer, 256, self.flags)
        name = self.buffer.value.decode("latin-1") if length else ""
        font = self.names.get(name)
        if font is None:
            font = self.names[name] = len(self.result.fonts)
            self.result.fonts.append(name)
            weight = self.raw.FPDFText_GetFontWeight(self.textpage, index)
            forced = bool(self.flags.value & FORCE_BOLD)
            self.result.font_weights.append(max(weight, 700) if forced else weight)
        if handle:
            self.font_of_handle[handle] = font
        return font


def _page_text(raw, textpage, count: int) -> str:
    """The text page's characters in one call (one string index per character index)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    return text


def _check_unicode(raw, textpage, chars: list[Char], indexes: list[int], text: str, result: PdfPage) -> None:
    """Refuse a garbled text layer: characters pdfium could not map to Unicode, or a page whose
    text is mostly control characters and private-use code points."""
    if not chars:
        return
    step = max(1, len(indexes) // 400)
    sample = indexes[::step]
    errors = sum(1 for index in sample if raw.FPDFText_HasUnicodeMapError(textpage, index))
    odd = len(_ODD.findall(text))
    if errors > GARBLED_SHARE * len(sample) or odd > GARBLED_SHARE * len(chars):
        raise NeedsOcr(
            result.where,
            "has a garbled text layer: its fonts have no usable Unicode mapping, so the text "
            "cannot be read from the PDF",
            OCR_HINT,
        )


def _read_objects(raw, page, result: PdfPage) -> int:
    """The page's rules (thin lines, and the edges of frames and panels) into ``result.rules``
    and its image objects into ``result.pictures``; returns the number of pictures."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    length, weight = result.rule_length, result.rule_weight
    for item, kind, outer in page_objects(raw, page):
        if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):
            continue
        if not raw.FPDFPageObj_GetBounds(item, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = _transform_box((left.value, bottom.value, right.value, top.value), outer)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            _add_picture(raw, item, (x0, y0, x1, y1), outer, result)
            continue
        if x1 - x0 < length and y1 - y0 < length:
            continue
        if x1 - x0 <= weight or y1 - y0 <= weight:
            result.rules.append((x0, y0, x1, y1))
        else:  # a frame or a panel: its four edges
            result.rules.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)])
            result.panels.append((x0, y0, x1, y1))
    close_frames(result)
    return len(result.pictures)


def page_objects(raw, page) -> Iterator[tuple[object, int, Matrix]]:
    """The page's objects in drawing order, those inside form XObjects too (the forms themselves
    left out), each with its type (``FPDF_PAGEOBJ_*``) and the matrix that places it on the page."""
    object_type, form = _calls(raw).object_type, raw.FPDF_PAGEOBJ_FORM
    matrix = raw.FS_MATRIX()
    pending = [(raw.FPDFPage_GetObject(page, i), IDENTITY) for i in range(raw.FPDFPage_CountObjects(page))]
    pending.reverse()
    while pending:
        item, outer = pending.pop()
        kind = object_type(item)
        if kind != form:
            yield item, kind, outer
            continue
        inner = outer
        if raw.FPDFPageObj_GetMatrix(item, matrix):
            inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        count = raw.FPDFFormObj_CountObjects(item)
        pending.extend((raw.FPDFFormObj_GetObject(item, i), inner) for i in reversed(range(count)))


def image_objects(raw, page) -> list[object]:
    """The page's image objects in the order :attr:`PdfPage.pictures` numbers them."""
    return [item for item, kind, _ in page_objects(raw, page) if kind == raw.FPDF_PAGEOBJ_IMAGE]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` and then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform_box(box: Box, matrix: Matrix) -> Box:
    if matrix == IDENTITY:
        return box
    a, b, c, d, e, f = matrix
    corners = [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def _add_picture(raw, item, placed: Box, outer: Matrix, result: PdfPage) -> None:
    """Record an image object: where it is placed, what of it shows, its stored size."""
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFImageObj_GetImagePixelSize(item, width, height):
        width.value = height.value = 0
    box = placed
    clip = raw.FPDFPageObj_GetClipPath(item)
    if clip:
        x, y = ctypes.c_float(), ctypes.c_float()
        for path in range(raw.FPDFClipPath_CountPaths(clip)):
            points = []
            for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
                segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
                if segment and raw.FPDFPathSegment_GetPoint(segment, x, y):
                    points.append((x.value, y.value))
            if len(points) < 2:
                continue
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            cut = _transform_box((min(xs), min(ys), max(xs), max(ys)), outer)
            box = (max(box[0], cut[0]), max(box[1], cut[1]), min(box[2], cut[2]), min(box[3], cut[3]))
    box = (box[0], box[1], max(box[0], box[2]), max(box[1], box[3]))  # clipped away: empty
    number = len(result.pictures) + 1
    result.pictures.append(Picture(number, placed, box, (width.value, height.value)))


def close_frames(result: PdfPage) -> None:
    """Four thin rules meeting at their ends draw a frame, as one rectangle does."""
    weight = result.rule_weight
    tolerance = 2 * weight
    flat = [r for r in result.rules if r[3] - r[1] <= weight]
    upright = [r for r in result.rules if r[2] - r[0] <= weight]
    for top in flat:
        for bottom in flat:
            if bottom[1] >= top[1] - result.rule_length or abs(bottom[0] - top[0]) > tolerance:
                continue
            if abs(bottom[2] - top[2]) > tolerance:
                continue
            sides = [
                r
                for r in upright
                if r[1] <= bottom[1] + tolerance
                and r[3] >= top[3] - tolerance
                and (abs(r[0] - top[0]) <= tolerance or abs(r[2] - top[2]) <= tolerance)
            ]
            if len(sides) >= 2:
                frame = (min(top[0], bottom[0]), bottom[1], max(top[2], bottom[2]), top[3])
                if frame not in result.frames:
                    result.frames.append(frame)


def own_text(path: str | Path, index: int) -> str:
    """The page's own visible characters, for ``inspect --check`` and the scorer: the characters
    of pdfium's text page, less whitespace and generated line breaks, less characters drawn
    again at the same place with the same size; one line per run of characters drawn in
    sequence on one baseline.  Read without any of the layout analysis, so that the check does
    not trust what it checks."""
    document = open_pdf(path)
    try:
        page = read_page_chars(document, str(path), index)
    finally:
        document.close()
    out: list[str] = []
    previous: Char | None = None
    for char in page.chars:
        if previous is not None and not (
            abs(char.y - previous.y) < 0.2 * char.size and 0 <= char.x - previous.x < 3 * char.size
        ):
            out.append("\n")
        out.append(char.text)
        previous = char
    return "".join(out)
