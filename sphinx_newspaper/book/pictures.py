"""Pictures of PDF pages as JPEG files: the news pictures the ingest found, and whole pages.

The build (:mod:`.pagemaps`) and ``sphinx-newspaper inspect --images`` save them through a
:class:`PictureStore`: a folder named by what the files depend on besides their source (the
size limit, the JPEG quality, this module's format), holding one file per picture named by the
PDF's content digest, its page and the picture (:func:`.ingest.pdf.pictures.picture_name`).  A
file that is there is not rendered again, so rebuilds render nothing; the same input gives the
same bytes, so EPUBs stay reproducible.

A picture is rendered from the page, cut to the part that shows (its clip), at the size the
settings allow (``newspaper_image_max_px`` on the long side) but never larger than the image
is stored: what the reader sees, text or frame drawn over it included.  Measured on the corpus
photos against decoding the image object itself and scaling it with Pillow, rendering is as fast
or faster (pdfium decodes a JPEG at the size it needs: 100 against 195 ms for a 2362×1575 photo
shown at 1600 px; ``benchmarks/pictures.py``) and right for clipped, masked, rotated and CMYK
images alike.

Pure Python, no Sphinx.
"""

from __future__ import annotations

import ctypes
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import (
    MAX_PDF_BYTES,
    MAX_PIXELS,
    IngestError,
    decoded_pixels,
    image_objects,
    open_pdf_data,
    page_image_name,
    pdf_digest,
)
from ..model import Figure, Page
from ..util.files import read_input

#: Changes when the way pictures are rendered changes (files of other formats are not reused).
FORMAT = 1
#: JPEG quality: 82 keeps a photo's detail and a page's small type legible at about a third of
#: the size quality 95 gives.
QUALITY = 82
#: Pictures stored at less than this many pixels per point are still rendered at this density
#: (text and frames drawn over them stay sharp).
MIN_DENSITY = 1.0


@dataclass
class Saved:
    """What a :meth:`PictureStore.save` call left: the files by picture name, and problems."""

    files: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rendered: int = 0  # files rendered now (not found from an earlier build)

    def add(self, other: Saved) -> None:
        self.files.update(other.files)
        self.problems.extend(other.problems)
        self.rendered += other.rendered


class PictureStore:
    """A folder of rendered pictures, reused between builds (see the module docstring)."""

    def __init__(self, folder: Path, max_px: int) -> None:
        self.max_px = max_px
        self.folder = folder / f"v{FORMAT}-{max_px}px-q{QUALITY}"
        self.used: set[str] = set()

    def __getstate__(self) -> dict[str, object]:
        # Sent to the processes that render (pagemaps.save_pictures): they need the folder and
        # the settings, not the names this build used.
        return {**self.__dict__, "used": set()}

    def path(self, name: str) -> Path:
        return self.folder / name

    def save(self, page: Page, *, whole_page: bool, root: Path | None = None) -> Saved:
        """The files of the page's figures, and of the page itself when ``whole_page``: found
        in the folder, else rendered from the PDF the page was read from."""
        saved, missing = self.look_up(page, whole_page=whole_page)
        if missing:
            saved.add(self.render(page, missing, root))
        return saved

    def look_up(self, page: Page, *, whole_page: bool) -> tuple[Saved, list[Figure | None]]:
        """The page's pictures found in the folder, and those still to render (``None``: the
        page itself); all of them count as used (:meth:`prune` keeps them)."""
        saved = Saved()
        if page.pdf_digest is None or page.pdf_page is None:
            return saved, []
        wanted: list[Figure | None] = [*page.all_figures]
        if whole_page:
            wanted.append(None)
        else:  # kept for the builders that show it (its PDF is still there)
            self.used.add(self.name_of(page, None))
        missing: list[Figure | None] = []
        for item in wanted:
            name = self.name_of(page, item)
            self.used.add(name)
            if self.path(name).is_file():
                saved.files[name] = self.path(name)
            else:
                missing.append(item)
        return saved, missing

    def render(self, page: Page, items: list[Figure | None], root: Path | None = None) -> Saved:
        """The ``items`` of the page rendered from its PDF and written to the folder."""
        saved = Saved()
        self._render(page, items, saved, root)
        return saved

    def name_of(self, page: Page, figure: Figure | None) -> str:
        if figure is not None:
            return figure.image
        assert page.pdf_digest is not None and page.pdf_page is not None
        return page_image_name(page.pdf_digest, page.pdf_page)

    def prune(self) -> None:
        """Remove files no page of this build asked for (their PDFs changed or went), and the
        folders of other settings."""
        parent = self.folder.parent
        if not parent.is_dir():
            return
        for folder in parent.iterdir():
            if folder.is_dir() and folder != self.folder:
                for entry in folder.iterdir():
                    entry.unlink(missing_ok=True)
                folder.rmdir()
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)

    def _render(self, page: Page, items: list[Figure | None], saved: Saved, root: Path | None) -> None:
        import pypdfium2.raw as raw

        from ..ingest import source_file

        path = source_file(page.source)
        where = f"page {(page.pdf_page or 0) + 1}"
        try:
            data = read_input(path, root, MAX_PDF_BYTES)
            if pdf_digest(data) != page.pdf_digest:
                saved.problems.append(f"{where}: the PDF changed while the book was built; pictures left out")
                return
            document = open_pdf_data(data, page.source)
        except IngestError as error:
            saved.problems.append(f"{where}: pictures left out: {error}")
            return
        try:
            pdf_page = document[page.pdf_page or 0]
            try:
                images = image_objects(raw, pdf_page.raw)
                for item in items:
                    if item is None:
                        content = self._page_image(raw, pdf_page, images, saved, where, page.turn)
                    else:
                        region = page.ocr is not None  # a part of the scan, not an image object
                        content = self._figure_image(
                            raw, pdf_page, images, item, saved, where, region, page.turn
                        )
                    if content is not None:
                        name = self.name_of(page, item)
                        self._write(name, content)
                        saved.files[name] = self.path(name)
                        saved.rendered += 1
            finally:
                pdf_page.close()
        finally:
            document.close()

    def _figure_image(
        self,
        raw,
        pdf_page,
        images: list,
        figure: Figure,
        saved: Saved,
        where: str,
        region: bool = False,
        turn: int = 0,
    ) -> bytes | None:
        index = figure.number - 1
        if not _leave_out_enormous(raw, pdf_page, images):
            saved.problems.append(f"{where}: an image too large to decode is inside a form; no pictures")
            return None
        if not region and (
            not 0 <= index < len(images) or images[index] is None or not _decodes(raw, images[index])
        ):
            saved.problems.append(
                f"{where}: image {figure.number} cannot be decoded (damaged image data); "
                "the picture is left out, its caption kept"
            )
            return None
        x0, y0, x1, y1 = figure.box
        long = max(x1 - x0, y1 - y0, 1.0)
        scale = min(self.max_px / long, max(figure.density, MIN_DENSITY))
        width, height = turned_size(pdf_page, turn)
        bitmap = pdf_page.render(
            scale=scale, crop=(x0, y0, width - x1, height - y1), rotation=90 * (turn % 4)
        )
        return _jpeg(bitmap.to_pil())

    def _page_image(
        self, raw, pdf_page, images: list, saved: Saved, where: str, turn: int = 0
    ) -> bytes | None:
        if not _leave_out_enormous(raw, pdf_page, images):
            saved.problems.append(f"{where}: an image too large to decode is inside a form; no page image")
            return None
        width, height = pdf_page.get_size()
        bitmap = pdf_page.render(scale=self.max_px / max(width, height, 1.0), rotation=90 * (turn % 4))
        return _jpeg(bitmap.to_pil())

    def _write(self, name: str, content: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{name}.{os.getpid()}.tmp"
        temporary.write_bytes(content)
        temporary.replace(self.path(name))


def _leave_out_enormous(raw, pdf_page, images: list) -> bool:
    """Take the images too large to decode (themselves, or their soft masks) off the page
    before it is rendered, for this render only (the PDF is not saved); each taken off is None
    in ``images`` from then on.  False where one stands inside a form and cannot be."""
    for index, item in enumerate(images):
        if item is None or decoded_pixels(raw, item, pdf_page.pdf) <= MAX_PIXELS:
            continue
        if not raw.FPDFPage_RemoveObject(pdf_page.raw, item):
            return False
        raw.FPDFPageObj_Destroy(item)
        images[index] = None
    return True


def turned_size(pdf_page, turn: int) -> tuple[float, float]:
    """The page's size as it was read (:attr:`.model.Page.turn`: turned a quarter, its sides swap)."""
    width, height = pdf_page.get_size()
    return (height, width) if turn % 2 else (width, height)


def _pixel_size(raw, item) -> tuple[int, int]:
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFImageObj_GetImagePixelSize(item, width, height):
        return 0, 0
    return width.value, height.value


def _decodes(raw, item) -> bool:
    """The image object's data decodes.  A JPEG (most photos) is tried by Pillow at an eighth of
    its size, which costs a few milliseconds; other images are decoded by pdfium."""
    width, height = _pixel_size(raw, item)
    if not width or not height or width * height > MAX_PIXELS:
        return False
    if _filters(raw, item) == ["DCTDecode"]:
        from PIL import Image, UnidentifiedImageError

        size = raw.FPDFImageObj_GetImageDataRaw(item, None, 0)
        data = ctypes.create_string_buffer(size)
        raw.FPDFImageObj_GetImageDataRaw(item, data, size)
        try:
            with Image.open(io.BytesIO(data.raw)) as image:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
        except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
            return False
        return True
    bitmap = raw.FPDFImageObj_GetBitmap(item)
    if not bitmap:
        return False
    raw.FPDFBitmap_Destroy(bitmap)
    return True


def _filters(raw, item) -> list[str]:
    names = []
    for index in range(raw.FPDFImageObj_GetImageFilterCount(item)):
        length = raw.FPDFImageObj_GetImageFilter(item, index, None, 0)
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFImageObj_GetImageFilter(item, index, buffer, length)
        names.append(buffer.value.decode("latin-1"))
    return names


def _jpeg(image) -> bytes:  # image: PIL.Image.Image
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=QUALITY, optimize=True)
    return buffer.getvalue()
