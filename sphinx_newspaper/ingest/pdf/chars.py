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

import bisect
import ctypes
import functools
import hashlib
import math
import weakref
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
#: A rule closes frames with at most this many rules under it, the nearest: over a table ruled
#: row by row every pair of its rules closes one (300 rows: 45,000 frames, and minutes for each
#: step that looks at them); a frame round a story holds a rule or two of its width at most.
FRAMES_PER_RULE = 4
#: Type filled with every colour channel at least this bright is reversed out (white on a band).
LIGHT = 230
#: Two characters drawn within this share of their size of each other are one character drawn twice.
OVERDRAW_TOLERANCE = 0.1
#: Type smaller than this share of the page's short side is no type a reader can see: a text
#: matrix scaled to nothing (all zero, or no height).  On a newspaper page (some 740 points
#: across) that is 0.37 pt; the smallest type printed there is some 5 pt.
MIN_SIZE_SHARE = 1 / 2000
#: A page turned by the reader: when at least this share of its characters run one way that is
#: not left to right (the whole page drawn on its side or upside down), the page is read turned.
TURNED_SHARE = 0.5


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
    #: Which way its baseline runs, in quarter turns anticlockwise from left to right (0: as
    #: text reads; 2: upside down); set on characters whose matrix is turned (``upright`` false).
    quarter: int = 0


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
    #: Width and height of its soft mask or stencil mask, where it is large (:func:`mask_size`):
    #: decoding the picture decodes that too.
    mask: tuple[int, int] = (0, 0)


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
    #: Characters of the text layer no reader sees: drawn outside the page's visible area (its
    #: CropBox) or at no size (:data:`MIN_SIZE_SHARE`), with their origins (x, y).  They are left out
    #: of the articles, reported, and counted as not kept by ``inspect --check``.
    unseen: list[tuple[str, float, float]] = field(default_factory=list)
    #: What of the page pdfium could not read, one sentence each: damaged streams it draws
    #: (what follows the damage is lost).  ``inspect --check`` fails on the page naming them.
    damaged: list[str] = field(default_factory=list)
    #: Quarter turns (clockwise) the reader gives the page beyond its ``/Rotate`` to read it
    #: (:data:`TURNED_SHARE`): the page's coordinates and its renders are turned as much.
    turn: int = 0

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

    def shows(self, x: float, y: float, size: float) -> bool:
        """Whether a character at origin ``x``, ``y`` of ``size`` shows on the page: some of
        its em square (an em wide, from its descent to its ascent) lies on the visible area."""
        return -size < x < self.width and -0.88 * size < y < self.height + 0.12 * size


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
    _DATA[document] = data
    return document


#: Each open document's bytes (:mod:`.streams` reads what pdfium does not tell from them).
_DATA: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()
#: What :mod:`.streams` found in each open document's bytes.
_FACTS: weakref.WeakKeyDictionary[Any, FileFacts] = weakref.WeakKeyDictionary()
#: Masks larger than this many pixels are matched to the image objects they mask (the match
#: reads those images' data); smaller ones cost nothing to decode.
LARGE_MASK = 4_000_000


class FileFacts:
    """What a PDF file's bytes tell that pdfium does not (:mod:`.streams`), each part read
    when first asked (renders ask for masks only)."""

    def __init__(self, data: bytes | None, pages: int) -> None:
        self.data, self.pages = data, pages

    @functools.cached_property
    def streams(self) -> dict:  # dict[int, streams.Stream]
        from .streams import file_streams

        return file_streams(self.data) if self.data is not None else {}

    @functools.cached_property
    def damaged(self) -> dict[int, list[int]]:
        """Damaged compressed streams, and the pages (0-based) that draw each."""
        from .streams import damaged_streams, pages_using

        if self.data is None:
            return {}
        damaged = damaged_streams(self.data, self.streams)
        try:
            return pages_using(self.data, self.streams, damaged, self.pages) if damaged else {}
        except (ValueError, IndexError, RecursionError):  # a page tree past reading: every page's
            return {number: list(range(self.pages)) for number in damaged}

    @functools.cached_property
    def large_masks(self) -> list[tuple[bytes, tuple[int, int]]]:
        """The data of each image stream whose mask is larger than :data:`LARGE_MASK` pixels,
        with the mask's size."""
        from .streams import mask_sizes

        if self.data is None:
            return []
        streams = self.streams
        return [
            (self.data[streams[number].start : streams[number].end], size)
            for number, size in mask_sizes(streams).items()
            if size[0] * size[1] > LARGE_MASK
        ]


def file_facts(document) -> FileFacts:
    """What the document's bytes tell (:class:`FileFacts`), read once per document."""
    facts = _FACTS.get(document)
    if facts is None:
        facts = _FACTS[document] = FileFacts(_DATA.get(document), len(document))
    return facts


def decoded_pixels(raw, item, document) -> int:
    """The pixels decoding an image object costs: its own, or its mask's where that is larger."""
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFImageObj_GetImagePixelSize(item, width, height):
        width.value = height.value = 0
    mask = mask_size(raw, item, document)
    return max(width.value * height.value, mask[0] * mask[1])


def mask_size(raw, item, document) -> tuple[int, int]:
    """The size of the image object's mask where it is large (:data:`LARGE_MASK`); (0, 0) for
    most images.  pdfium does not tell a mask's size: the image's stored data is matched to
    the image streams the file's bytes show with large masks."""
    large = file_facts(document).large_masks
    if not large:
        return (0, 0)
    length = raw.FPDFImageObj_GetImageDataRaw(item, None, 0)
    candidates = [(stored, size) for stored, size in large if len(stored) == length]
    if not candidates:
        return (0, 0)
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFImageObj_GetImageDataRaw(item, buffer, length)
    return next((size for stored, size in candidates if stored == buffer.raw[:length]), (0, 0))


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
    if raw.FPDFPage_GetAnnotCount(page.raw) > 0:
        # form fields and annotations show their text on the page (their appearance streams),
        # but pdfium's text page leaves it out: laid into the page (in memory only), it is read
        if raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY) == raw.FLATTEN_SUCCESS:
            page.close()
            page = document[index]
    try:
        width, height = page.get_size()
        result = PdfPage(source, index, width, height)
        frame = display_frame(raw, page.raw)
        textpage = page.get_textpage()
        try:
            _collect(raw, textpage.raw, result, frame)
            turn = reader_turn(result.chars)
            if turn:  # read again as the reader holds it: turned
                frame = _compose(frame, turn_matrix(turn, width, height))
                if turn % 2:
                    result.width, result.height = height, width
                result.chars.clear()
                result.left_out.clear()
                result.unseen.clear()
                result.overdraws = 0
                result.turn = turn
                _collect(raw, textpage.raw, result, frame)
        finally:
            textpage.close()
        if result.chars:
            sizes: Counter[float] = Counter()
            for size, count in Counter([char.size for char in result.chars]).items():
                sizes[round(size, 1)] += count  # a page has few sizes: each rounded once
            result.text_size = sizes.most_common(1)[0][0]
        facts = file_facts(document)
        for number, pages in facts.damaged.items():
            if index in pages:
                result.damaged.append(
                    f"the file's compressed stream {number} (drawn on page {index + 1}) is damaged: "
                    "what the page draws after the damage is lost"
                )
        pictures = _read_objects(raw, page.raw, result, frame, document)
        if not result.chars and not pictures:
            if result.damaged:
                raise IngestError(
                    result.where, f"holds no text: {result.damaged[0]}", "download the PDF again"
                )
            if result.unseen:
                raise IngestError(
                    result.where,
                    f"holds no text a reader can see: its {len(result.unseen)} characters are drawn "
                    "outside the page's visible area (its CropBox) or at no size",
                    "export the page from the layout program again",
                )
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


def display_frame(raw, page) -> Matrix:
    """The matrix from the page's own coordinates to the page as the reader sees it: its visible
    area (the CropBox within the MediaBox, as pdfium shows it) with its bottom-left corner at
    0, 0, turned by its ``/Rotate``.  Pictures and page maps are cut from renders of that area,
    so every position is read in it."""
    box = raw.FS_RECTF()
    if not raw.FPDF_GetPageBoundingBox(page, box):
        return IDENTITY
    left, right = min(box.left, box.right), max(box.left, box.right)
    bottom, top = min(box.bottom, box.top), max(box.bottom, box.top)
    shift = (1.0, 0.0, 0.0, 1.0, -left, -bottom)
    return _compose(shift, turn_matrix(raw.FPDFPage_GetRotation(page), right - left, top - bottom))


def turn_matrix(turn: int, width: float, height: float) -> Matrix:
    """The matrix turning a page of ``width`` × ``height`` (its bottom-left corner at 0, 0) by
    ``turn`` quarter turns clockwise, its new bottom-left corner at 0, 0."""
    turn %= 4
    if turn == 1:
        return (0.0, -1.0, 1.0, 0.0, 0.0, width)
    if turn == 2:
        return (-1.0, 0.0, 0.0, -1.0, width, height)
    if turn == 3:
        return (0.0, 1.0, -1.0, 0.0, height, 0.0)
    return IDENTITY


def reader_turn(chars: list[Char]) -> int:
    """Quarter turns (clockwise) that make most of the page's characters read left to right:
    0 unless :data:`TURNED_SHARE` of them run one other way (a page drawn on its side or
    upside down, with no ``/Rotate`` to show it right)."""
    if not chars:
        return 0
    ways = Counter(char.quarter for char in chars if not char.upright)
    if not ways:
        return 0
    quarter, count = ways.most_common(1)[0]
    return quarter if quarter and count >= TURNED_SHARE * len(chars) else 0


def _collect(raw, textpage, result: PdfPage, frame: Matrix = IDENTITY) -> None:
    """Fill ``result`` with the text page's visible characters (overdraws left out), their
    positions in ``frame`` (:func:`display_frame`).

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
    styles = _Styles(raw, calls, textpage, handle, result, frame)
    known, ask = styles.known, styles.ask
    chars = result.chars
    indexes: list[int] = []  # text page index of each kept character
    seen: set[tuple[str, int, int, int]] = set()
    spaced = False
    framed = frame != IDENTITY
    fa, fb, fc, fd, fe, ff = frame
    shows = result.shows
    least = max(MIN_SIZE_SHARE * min(result.width, result.height), 1e-6)  # no size a reader sees
    for index, char in enumerate(text):
        if char.isspace():
            spaced = spaced or char == " "
            continue  # spacing is read again from positions
        origin(handle, index, px, py)
        left, base = x.value, y.value
        if framed:
            left, base = fa * left + fc * base + fe, fb * left + fd * base + ff
        if unshowable and index in unshowable:
            result.left_out.append((char, left, base))
            continue
        if text_object is not None:
            key = text_object(handle, index)
            style = known.get(key) or ask(index, key)
        else:
            style = ask(index, None)
        size, width, upright, font, light, unit, tenths, quarter = style  # unit: 1 / overdraw tolerance
        if size < least or not shows(left, base, size):
            result.unseen.append((char, left, base))
            continue
        seen_key = (char, int(left * unit), int(base * unit), tenths)
        if seen_key in seen:
            result.overdraws += 1
            continue
        seen.add(seen_key)
        if char >= "\u2000":
            right = left + width
        elif upright:  # Latin letters and digits: their own advance (W is wide, i narrow)
            loose_box(handle, index, pbox)
            end = box.right
            if framed:  # the box's right edge as seen: its corners through the frame
                end = max(
                    fa * bx + fc * by + fe for bx in (box.left, box.right) for by in (box.bottom, box.top)
                )
            right = end if left < end < left + 2 * width else left + 0.5 * width
        else:
            right = left + 0.5 * width
        chars.append(Char(char, left, base, size, width, right, font, upright, spaced, light, quarter))
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
#: overdraw tolerance in points, and the size in tenths of a point (the overdraw key's parts);
#: the quarter turn its baseline runs at (:attr:`Char.quarter`).
Style = tuple[float, float, bool, int, bool, float, int, int]


class _Styles:
    """The style of each text object, asked once (every character of an object shares it)."""

    def __init__(
        self, raw, calls: _Calls, textpage, handle: ctypes.c_void_p, result: PdfPage, frame: Matrix = IDENTITY
    ) -> None:
        self.raw, self.calls, self.result = raw, calls, result
        self.frame = frame
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
        if self.frame != IDENTITY:  # the matrix as the reader sees the page
            a, b, c, d, _, _ = _compose((a, b, c, d, 0.0, 0.0), self.frame)
        upright = abs(b) < 1e-3 and abs(c) < 1e-3 and a > 0 and d > 0
        quarter = 0
        if not upright:
            quarter = round(math.atan2(b, a) / (math.pi / 2)) % 4 if (a or b) else 0
            a, d = math.hypot(a, b), math.hypot(c, d)
        points = calls.font_size(textpage, index)  # 1 on e-paper pages: the matrix carries it
        size, width = d * points, a * points
        if not (math.isfinite(size) and math.isfinite(width)):
            size = width = 0.0  # no size a reader sees: left out as unseen
        red, green, blue, _ = self.colour
        light = bool(calls.fill_colour(textpage, index, *self.colour_refs)) and (
            min(red.value, green.value, blue.value) >= LIGHT
        )
        unit = 1 / (OVERDRAW_TOLERANCE * size) if size > 0.01 else 1000.0
        style = (size, width, upright, self._font(index, key), light, unit, int(size * 10), quarter)
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


def _read_objects(raw, page, result: PdfPage, frame: Matrix = IDENTITY, document=None) -> int:
    """The page's rules (thin lines, and the edges of frames and panels) into ``result.rules``
    and its image objects into ``result.pictures``, placed in ``frame`` (:func:`display_frame`);
    returns the number of pictures."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    length, weight = result.rule_length, result.rule_weight
    for item, kind, outer in page_objects(raw, page, frame):
        if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):
            continue
        if not raw.FPDFPageObj_GetBounds(item, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = _transform_box((left.value, bottom.value, right.value, top.value), outer)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            _add_picture(raw, item, (x0, y0, x1, y1), outer, result)
            if document is not None:
                result.pictures[-1].mask = mask_size(raw, item, document)
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


def page_objects(raw, page, frame: Matrix = IDENTITY) -> Iterator[tuple[object, int, Matrix]]:
    """The page's objects in drawing order, those inside form XObjects too (the forms themselves
    left out), each with its type (``FPDF_PAGEOBJ_*``) and the matrix that places it on the page
    (in ``frame``: :func:`display_frame`)."""
    object_type, form = _calls(raw).object_type, raw.FPDF_PAGEOBJ_FORM
    matrix = raw.FS_MATRIX()
    pending = [(raw.FPDFPage_GetObject(page, i), frame) for i in range(raw.FPDFPage_CountObjects(page))]
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
    # only what shows on the page counts: cut to its visible area
    box = (max(box[0], 0.0), max(box[1], 0.0), min(box[2], result.width), min(box[3], result.height))
    box = (box[0], box[1], max(box[0], box[2]), max(box[1], box[3]))  # clipped away: empty
    number = len(result.pictures) + 1
    result.pictures.append(Picture(number, placed, box, (width.value, height.value)))


def close_frames(result: PdfPage) -> None:
    """Four thin rules meeting at their ends draw a frame, as one rectangle does.

    Rules are looked up by where their ends stand (cells of the tolerance), so that a page of
    hundreds of rules (a ruled table, a hostile page: 300 each way took 52 s when every pair of
    rules was tried against every rule) costs about what its frames do."""
    weight = result.rule_weight
    tolerance = 2 * weight
    flat = [r for r in result.rules if r[3] - r[1] <= weight]
    upright = [r for r in result.rules if r[2] - r[0] <= weight]
    if not flat or not upright:
        return
    cell = max(tolerance, 1e-6)

    def at(x: float) -> int:
        return math.floor(x / cell)

    by_left: dict[int, list[int]] = {}  # flat rules (their places in ``flat``) by their left end
    for order, rule in enumerate(flat):
        by_left.setdefault(at(rule[0]), []).append(order)
    by_edge: dict[int, list[int]] = {}  # upright rules (places in ``upright``) by either edge
    for order, rule in enumerate(upright):
        for key in {at(rule[0]), at(rule[2])}:
            by_edge.setdefault(key, []).append(order)
    known = set(result.frames)
    for top in flat:
        x0, x1 = at(top[0]), at(top[2])
        bottoms = sorted(
            order
            for key in (x0 - 1, x0, x0 + 1)
            for order in by_left.get(key, ())
            if flat[order][1] < top[1] - result.rule_length
            and abs(flat[order][0] - top[0]) <= tolerance
            and abs(flat[order][2] - top[2]) <= tolerance
        )
        if not bottoms:
            continue
        near = {order for x in (x0, x1) for key in (x - 1, x, x + 1) for order in by_edge.get(key, ())}
        lows = sorted(
            upright[order][1]
            for order in near
            if upright[order][3] >= top[3] - tolerance
            and (abs(upright[order][0] - top[0]) <= tolerance or abs(upright[order][2] - top[2]) <= tolerance)
        )
        closing = [order for order in bottoms if bisect.bisect_right(lows, flat[order][1] + tolerance) >= 2]
        if len(closing) > FRAMES_PER_RULE:  # a rule over a ruled table: the nearest rows only
            nearest = sorted(closing, key=lambda order: -flat[order][1])[:FRAMES_PER_RULE]
            closing = sorted(nearest)
        for order in closing:  # two sides reach down to it
            bottom = flat[order]
            frame = (min(top[0], bottom[0]), bottom[1], max(top[2], bottom[2]), top[3])
            if frame not in known:
                known.add(frame)
                result.frames.append(frame)


def own_text(path: str | Path, index: int) -> str:
    """The page's own characters, for ``inspect --check`` and the scorer: the characters
    of pdfium's text page, less whitespace and generated line breaks, less characters drawn
    again at the same place with the same size; one line per run of characters drawn in
    sequence on one baseline; those no reader sees (:attr:`PdfPage.unseen`) on a last line.  Read without any of the layout analysis, so that the check does
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
    if page.unseen:  # the text layer's characters no reader sees: counted, so never kept
        out.append("\n" + "".join(char for char, _, _ in page.unseen))
    return "".join(out)
