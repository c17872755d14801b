"""Pictures of pages into the PDF route's lines: scans read through OCR, then the same layout.

A scan (a PDF page that is only a picture, a PDF page whose text layer is garbled, a page image
given as a page) goes through these steps, and from its lines on through the PDF route's own
steps (blocks, roles, stories, the model): there is no second segmenter.

1. **Straightened**: the page's skew is found by the projection profile (the angle at which
   the rows of ink are sharpest, within :data:`MAX_SKEW` degrees) and undone.
2. **Read** by :mod:`.ocr`: lines of text, each character with its box and confidence.
3. **Lines**: each recognised line becomes a :class:`.lines.Line` of characters placed where
   the engine saw them.  Type size comes from the height of the line's ink (:data:`INK_PER_EM`),
   columns and reading order from positions, as on a PDF page; a recognised line spanning a
   gutter (a white wider than ``LayoutParams.run_gap`` ems, :mod:`.params`) is cut there.  Tall narrow lines are
   vertical headlines, read top to bottom.
4. **Rules and frames** drawn on the page are found in the picture (long thin runs of ink
   outside the text, :data:`.chars.RULE_LENGTH` ems long at least) and go where a PDF page's
   drawn rules go, so that stories stop at them as they do on e-paper pages.

Positions are kept in points (72 a inch) with the origin at the bottom left, as on PDF pages:
a PDF page keeps its own size, a page image is measured at its stated density (or
:data:`.ocr.DPI` when it states none).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...model import Box, DoubtfulLine, Notice, OcrReport, Page
from ...subtypes import Subtype
from ...util.errors import IngestError, display
from ...util.files import read_input
from ...util.processes import in_processes
from .chars import RULE_LENGTH, RULE_WEIGHT, Char, PdfPage, Picture, close_frames, is_wide
from .lines import Line, PageLines, body_size, measure_line
from .ocr import DPI, LOW_CONFIDENCE, MAX_SIDE, OcrLine, engine_version, recognise
from .ocr import settings as ocr_settings
from .page import read_page_lines
from .params import DEFAULT

#: The largest skew looked for and undone, in degrees (a page fed crooked into a scanner).
MAX_SKEW = 3.0
#: Skews smaller than this many degrees are left alone (a line of 40 ems drifts less than a
#: tenth of an em over its length).
MIN_SKEW = 0.1
#: A line's ink (its characters' strokes, across the line) is this share of its type size high:
#: Chinese glyphs fill most of their em box.  Measured on corpus pages rendered at 200 dpi.
INK_PER_EM = 0.92
#: A row (across a vertical line: a column) of a line's box is inked where more than this share
#: of its pixels are ink.
INK_ROW = 0.01
#: Sizes read from line boxes are one type size where they run on without a gap wider than this
#: ratio (the sizes of one body type fill their range; a byline or subhead size stands apart) ...
SIZE_GAP = 1.06
#: ... and lie within this ratio of the group's smallest.
SIZE_SPAN = 1.4
#: A recognised line at least this many times as high as it is wide, of two characters or
#: more, is set vertically.
VERTICAL_RATIO = 1.5
#: Pixels darker than this (0 black, 255 white) are ink.
INK = 128
#: Breaks in a scanned rule up to this many ems long are bridged (characters of a line stand
#: further apart: their white is a tenth of an em at least).
BRIDGE = 0.08
#: The largest page image read: a page scanned at 600 dpi in colour, stored uncompressed.
MAX_IMAGE_BYTES = 256 * 1024 * 1024


@dataclass
class ScanLines:
    """A scan read into the PDF route's terms: its characters and rules, its lines, and what
    the OCR said of it."""

    pdf: PdfPage
    lines: PageLines
    report: OcrReport


def read_scan(image: Any, source: str, index: int, dpi: float, where: str, threads: int = 0) -> ScanLines:
    """A page picture (PIL image at ``dpi`` pixels an inch) read into lines and rules.
    ``source`` and ``index`` name the page as a PDF page is named (the file, the page in it)."""
    image, dpi = _prepare(image, dpi)
    skew = find_skew(image)
    if abs(skew) >= MIN_SKEW:
        from PIL import Image

        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    recognised = recognise(image, where, threads)
    scale = 72 / dpi  # points a pixel
    width, height = image.size[0] * scale, image.size[1] * scale
    pdf = PdfPage(source, index, width, height, fonts=["OCR"], font_weights=[-1])
    lines = ocr_lines(recognised, scale, height, ink_of(image))
    for line in lines:
        pdf.chars.extend(line.chars)
    body = body_size(lines)
    pdf.text_size = body
    find_rules(image, recognised, pdf, body / scale)
    report = OcrReport(
        engine=engine_version(),
        dpi=round(dpi),
        skew=round(skew, 2),
        lines=len(recognised),
        text="\n".join(line.text for line in recognised),
        doubtful=[
            DoubtfulLine(line.text, round(line.score, 3), _page_box(line.quad, scale, height))
            for line in recognised
            if line.score < LOW_CONFIDENCE
        ],
    )
    return ScanLines(pdf, PageLines(pdf, lines, body, 0), report)


def _page_box(quad: Any, scale: float, height: float) -> Box:
    """The engine's box of a line (pixels, origin top left) in page points, origin bottom left."""
    xs = [x for x, _ in quad]
    ys = [y for _, y in quad]
    return (min(xs) * scale, height - max(ys) * scale, max(xs) * scale, height - min(ys) * scale)


def _prepare(image: Any, dpi: float) -> tuple[Any, float]:
    """The picture in grey, at most :data:`.ocr.DPI` dense and :data:`.ocr.MAX_SIDE` pixels
    long (denser pictures read no better and cost more)."""
    from PIL import Image

    image = image.convert("L")
    factor = min(1.0, DPI / dpi if dpi > DPI * 1.1 else 1.0, MAX_SIDE / max(image.size))
    if factor < 1.0:
        size = (max(1, round(image.size[0] * factor)), max(1, round(image.size[1] * factor)))
        image = image.resize(size, Image.Resampling.LANCZOS)
        dpi *= factor
    return image, dpi


def find_skew(image: Any) -> float:
    """The angle (degrees, counter-clockwise) that straightens the page: the one at which the
    rows of ink, summed across the page, are sharpest (the projection profile), looked for
    within :data:`MAX_SKEW` degrees, first by quarter degrees, then by hundredths."""
    import numpy
    from PIL import Image

    small = image
    if max(image.size) > 1200:
        factor = 1200 / max(image.size)
        small = image.resize((max(1, int(image.size[0] * factor)), max(1, int(image.size[1] * factor))))
    ink = Image.fromarray(((numpy.asarray(small) < INK) * 255).astype("uint8"))

    def sharpness(angle: float) -> float:
        rows = numpy.asarray(ink.rotate(angle, resample=Image.Resampling.BILINEAR), dtype=numpy.float64).sum(
            axis=1
        )
        return float(numpy.square(numpy.diff(rows)).sum())

    def best(angles: list[float]) -> float:
        return max(angles, key=lambda angle: (sharpness(angle), -abs(angle)))

    coarse = best([step / 4 for step in range(int(-MAX_SKEW * 4), int(MAX_SKEW * 4) + 1)])
    fine = best([coarse + step / 20 for step in range(-5, 6)])
    return fine if abs(fine) <= MAX_SKEW else 0.0


def ink_of(image: Any) -> Any:
    """The page's ink: a boolean array, True where a pixel is darker than :data:`INK`."""
    import numpy

    return numpy.asarray(image) < INK


def ocr_lines(recognised: list[OcrLine], scale: float, height: float, ink: Any) -> list[Line]:
    """The recognised lines as the route's lines (points, origin bottom left), each with its
    confidence; a line spanning a gutter is cut there.  Each line stands where its ink does
    (:func:`ink_band`), its size read from the ink's height and snapped to the page's few type
    sizes (:func:`type_sizes`)."""
    shapes = []
    for item in recognised:
        xs = [x for x, _ in item.quad]
        ys = [y for _, y in item.quad]
        box = (min(xs), min(ys), max(xs), max(ys))
        text = "".join(item.text.split())
        if not text:
            continue
        vertical = box[3] - box[1] >= VERTICAL_RATIO * (box[2] - box[0]) and len(text) >= 2
        low, high = ink_band(ink, box, vertical)
        box = (low, box[1], high, box[3]) if vertical else (box[0], low, box[2], high)
        shapes.append((item, box, text, vertical, (high - low) * scale / INK_PER_EM))
    sizes = type_sizes([shape[4] for shape in shapes], [len(shape[2]) for shape in shapes])
    lines: list[Line] = []
    for order, ((item, box, text, vertical, _), size) in enumerate(zip(shapes, sizes, strict=True)):
        if vertical:
            pieces = [_vertical_chars(text, box, size, scale, height)]
        else:
            pieces = _horizontal_chars(item, box, size, scale, height)
        for chars in pieces:
            if not chars:
                continue
            line = Line(chars, vertical=vertical, order=order)
            measure_line(line)
            # spaces where the engine read them (positions read from a picture are too rough
            # to tell a word space from a justified gap)
            line.text = "".join((" " if char.spaced else "") + char.text for char in chars).lstrip()
            line.confidence = item.score
            lines.append(line)
    return lines


def ink_band(ink: Any, box: tuple[float, float, float, float], vertical: bool) -> tuple[float, float]:
    """Where a line's ink lies across it, in pixels (top and bottom; for a vertical line, left
    and right): the first and last rows (columns) of the engine's box holding ink.  The
    engine's boxes come in steps of a few pixels (its detection map is coarser than the
    picture) and stand about an eighth of an em clear of the ink; the ink is read to the
    pixel.  The box itself where it holds no ink."""
    import numpy

    x0, y0, x1, y1 = (max(0, round(value)) for value in box)
    window = ink[y0 : y1 + 1, x0 : x1 + 1]
    counts = window.sum(axis=0 if vertical else 1)
    along = window.shape[0] if vertical else window.shape[1]
    rows = numpy.flatnonzero(counts > INK_ROW * along)
    if rows.size == 0:
        return (box[0], box[2]) if vertical else (box[1], box[3])
    start = x0 if vertical else y0
    return float(start + rows[0]), float(start + rows[-1] + 1)


def type_sizes(sizes: list[float], weights: list[int]) -> list[float]:
    """Each line's size snapped to its type size: the sizes read from line boxes scatter by some
    10 % either way around the size set, so sizes are grouped where they run on without a gap
    wider than :data:`SIZE_GAP` and within :data:`SIZE_SPAN` of the group's smallest, and each
    line takes its group's size (the median by characters)."""
    order = sorted(range(len(sizes)), key=lambda i: sizes[i])
    snapped = list(sizes)
    group: list[int] = []

    def close() -> None:
        if group:
            weighted = sorted(j for i in group for j in [sizes[i]] * max(1, weights[i]))
            middle = weighted[len(weighted) // 2]
            for i in group:
                snapped[i] = middle

    for i in order:
        if group and (sizes[i] > sizes[group[-1]] * SIZE_GAP or sizes[i] > sizes[group[0]] * SIZE_SPAN):
            close()
            group = []
        group.append(i)
    close()
    return snapped


def _horizontal_chars(
    item: OcrLine, box: tuple[float, float, float, float], size: float, scale: float, height: float
) -> list[list[Char]]:
    """A horizontal line's characters, cut into pieces where a gutter runs through it.  The
    line's box is centred on its characters' em boxes: the baseline lies ``LayoutParams.ascent``
    less ``LayoutParams.descent`` halves of an em under its middle."""
    middle = height - (box[1] + box[3]) / 2 * scale
    baseline = middle - (DEFAULT.ascent - DEFAULT.descent) / 2 * size
    boxes = [char for char in item.chars if not char.text.isspace()]
    if len(boxes) != len([c for c in item.text if not c.isspace()]):
        boxes = _even_boxes(item)
    # the engine's spaces are in its text only: each character after one is ``spaced``
    spaces = [i > 0 and item.text[i - 1].isspace() for i, c in enumerate(item.text) if not c.isspace()]
    pieces: list[list[Char]] = [[]]
    for char, spaced in zip(boxes, spaces, strict=True):
        x0, _, x1, _ = char.box
        if is_wide(char.text):
            centre = (x0 + x1) / 2 * scale
            left, right = centre - size / 2, centre + size / 2
        else:
            left, right = x0 * scale, max(x1 * scale, x0 * scale + 0.3 * size)
        current = pieces[-1]
        if current and left - current[-1].right > DEFAULT.run_gap * size:
            pieces.append(current := [])
        current.append(Char(char.text, left, baseline, size, size, right, 0, True, spaced))
    return pieces


def _even_boxes(item: OcrLine) -> list:
    """Character boxes spread evenly along the line, where the engine gave none (or not one a
    character): full-width characters an em each, others half."""
    from .ocr import OcrChar

    xs = [x for x, _ in item.quad]
    ys = [y for _, y in item.quad]
    text = [c for c in item.text if not c.isspace()]
    units = [1.0 if is_wide(c) else 0.5 for c in text]
    step = (max(xs) - min(xs)) / max(sum(units), 0.5)
    out, x = [], min(xs)
    for char, unit in zip(text, units, strict=True):
        out.append(OcrChar(char, item.score, (x, min(ys), x + unit * step, max(ys))))
        x += unit * step
    return out


def _vertical_chars(
    text: str, box: tuple[float, float, float, float], size: float, scale: float, height: float
) -> list[Char]:
    """A vertical line's characters stacked top to bottom, evenly down its box, each centred
    across it."""
    left, top, right, bottom = box
    pitch = (bottom - top) / len(text)
    x = (left + right) / 2 * scale - size / 2
    chars = []
    for i, char in enumerate(text):
        middle = height - (top + (i + 0.5) * pitch) * scale
        baseline = middle - (DEFAULT.ascent - DEFAULT.descent) / 2 * size
        chars.append(Char(char, x, baseline, size, size, x + size, 0, True, False))
    return chars


def find_rules(image: Any, recognised: list[OcrLine], pdf: PdfPage, em: float) -> None:
    """Rules, frames and panels drawn on the page, into ``pdf`` as a PDF page's paths go
    (boxes in points): long thin runs of ink, at least :data:`.chars.RULE_LENGTH` ems long, not
    in large type; thicker bars (over :data:`.chars.RULE_WEIGHT` ems) are panels, their edges
    rules; frames and panels are the page's pictures as the PDF route weighs them.  ``em``:
    the body size in pixels."""
    import cv2
    import numpy

    ink = (numpy.asarray(image) < INK).astype(numpy.uint8)
    length = max(8, int(RULE_LENGTH * em))
    for item in recognised:
        # type is no rule: a character's strokes are an em long at most, so only type whose em
        # comes near a rule's length is blanked out (headlines; body type stays, so that a
        # rule or frame running close by its lines is found whole)
        xs = [x for x, _ in item.quad]
        ys = [y for _, y in item.quad]
        if min(max(xs) - min(xs), max(ys) - min(ys)) < 0.8 * length:
            continue
        ink[max(0, int(min(ys))) : int(max(ys)) + 1, max(0, int(min(xs))) : int(max(xs)) + 1] = 0
    weight = RULE_WEIGHT * em
    scale = pdf.width / image.size[0]
    top = pdf.height
    bridge = max(2, round(BRIDGE * em))
    for kernel, gap in (((length, 1), (bridge, 1)), ((1, length), (1, bridge))):
        # a thin rule scanned crooked and straightened breaks into pieces a pixel or two apart:
        # bridge them first (no wider than the white between two characters)
        whole = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, gap))
        runs = cv2.morphologyEx(whole, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for x, y, w, h, _ in stats[1:count]:
            box = (
                float(x * scale),
                float(top - (y + h) * scale),
                float((x + w) * scale),
                float(top - y * scale),
            )
            if min(w, h) <= weight:
                pdf.rules.append(box)
            else:  # a bar or a panel (a band behind a label, a photo's edge): its four edges
                x0, y0, x1, y1 = box
                pdf.rules.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)])
                pdf.panels.append(box)
    close_frames(pdf)
    # what may be a picture: a frame or a panel at least a rule's length each way (the PDF
    # route's own rules then tell news pictures from the rest, by size and the text over them)
    seen: list[tuple[float, float, float, float]] = []
    for box in [*pdf.frames, *pdf.panels]:
        x0, y0, x1, y1 = box
        if min(x1 - x0, y1 - y0) < length * scale or box in seen:
            continue
        seen.append(box)
        pixels = (round((x1 - x0) / scale), round((y1 - y0) / scale))
        pdf.pictures.append(Picture(len(pdf.pictures) + 1, box, box, pixels))


# -- pages ---------------------------------------------------------------------------------------

#: The PDF (its bytes) whose pages :func:`_read_pdf_scan` reads: set before the worker
#: processes fork, so that each inherits it instead of receiving a copy with every page.
_pdf_data: bytes = b""


def read_pdf_scans(data: bytes, source: str, indexes: list[int], several: bool) -> Iterator[tuple[int, Page]]:
    """The PDF pages at ``indexes`` (0-based) read through OCR, as ``(index, page)`` in the
    order they finish: rendered at :data:`.ocr.DPI` in grey, in up to ``processes`` worker
    processes (:func:`.ocr.configure`), each page told to the progress function as it is done."""
    global _pdf_data
    settings = ocr_settings()
    workers = min(settings.processes, len(indexes))
    threads = 1 if workers > 1 else 0
    _pdf_data = data
    try:
        calls = [(source, index, several, threads) for index in indexes]
        for done, (call, page) in enumerate(in_processes(_read_pdf_scan, calls, workers), start=1):
            if settings.progress is not None:
                settings.progress(done, len(calls), page.source)
            yield indexes[call], page
    finally:
        _pdf_data = b""


def _read_pdf_scan(source: str, index: int, several: bool, threads: int) -> Page:
    from .chars import open_pdf_data

    document = open_pdf_data(_pdf_data, source)
    try:
        pdf_page = document[index]
        try:
            width, height = pdf_page.get_size()
            image = pdf_page.render(scale=DPI / 72, grayscale=True).to_pil()
        finally:
            pdf_page.close()
    finally:
        document.close()
    where = f"{source}, page {index + 1}"
    scan = read_scan(image, source, index, DPI, where, threads)
    del image
    page = scan_page(scan, several)
    page.size = (width, height)  # the PDF page's own size (the scan was measured at its density)
    return page


def read_image_page(path: Path, root: Path | None = None) -> Page:
    """A page image (``.jpg``, ``.png``, ``.tif``) read through OCR as one page.  Its
    density is the one it states, else :data:`.ocr.DPI`."""
    from PIL import Image, UnidentifiedImageError

    source = display(path)
    data = read_input(path, root, MAX_IMAGE_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            stated = opened.info.get("dpi")
            image = opened.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise IngestError(
            source, f"is not a readable picture ({error})", "save the page image again"
        ) from None
    dpi = float(stated[0]) if stated and 50 <= float(stated[0]) <= 1200 else float(DPI)
    settings = ocr_settings()
    page = scan_page(read_scan(image, source, 0, dpi, source), several=False)
    if settings.progress is not None:
        settings.progress(1, 1, source)
    page.pdf_page = None  # no PDF: no page map or pictures to render from it
    for article in page.articles:  # their captions stay, as the text route keeps captions
        article.captions.extend(figure.text for figure in article.figures if figure.text)
        article.figures = []
    page.furniture.extend(figure.text for figure in page.figures if figure.text)
    page.figures = []
    return page


def scan_page(scan: ScanLines, several: bool) -> Page:
    """A scan's lines read into the model by the PDF route's own steps, with what the OCR
    read kept on the page and a warning where it read lines with little confidence."""
    page = read_page_lines(scan.lines, several)
    page.ocr = scan.report
    doubtful = scan.report.doubtful
    page.notices.insert(
        0,
        Notice(
            Subtype.OCR,
            f"read through OCR ({scan.report.engine}): {scan.report.lines} lines"
            + (
                f", {len(doubtful)} of them with little confidence (under {LOW_CONFIDENCE:.0%}), such as "
                + "; ".join(repr(line.text) for line in doubtful[:3])
                + " (check them: sphinx-newspaper inspect; fix them in a corrections file)"
                if doubtful
                else ""
            ),
            page.source,
        ),
    )
    return page
