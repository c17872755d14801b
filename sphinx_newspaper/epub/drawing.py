"""The EPUB cover: a PNG drawn from the issue's masthead with Pillow.

Like the covers of calibre's news e-books: the paper's name large at the top, the date, the
pages (版) and the lead headlines.  Text is set in Noto CJK from the system's ``.ttc`` files,
choosing the face of the book's region (SC, TC, HK) by its index inside the collection.  When no
CJK font is found :class:`CoverFontMissing` says so: a cover of empty boxes (tofu) is worse than
none.
"""

from __future__ import annotations

import functools
import io
import struct
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: Width and height of the cover in pixels (3:4, what e-book shops ask for at minimum).
COVER_SIZE = (1200, 1600)
MARGIN = 80
INK = (20, 20, 20)
GREY = (90, 90, 90)
PAPER = (252, 251, 246)

#: Where fonts are looked for; the first CJK face of the right region wins.
FONT_DIRS: list[Path] = [
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
]

#: Regions to try in turn: Hong Kong text is better set in TC than SC when HK is missing.
REGION_FALLBACKS = {"SC": ("SC", "TC"), "TC": ("TC", "HK", "SC"), "HK": ("HK", "TC", "SC")}

# Line-start prohibited characters (clreq): they stay on the line before.
_NO_LINE_START = set("，。、；：？！）」』》〉】”’…—·")
# Line-end prohibited characters: opening quotes and brackets go to the next line.
_NO_LINE_END = set("“‘「『（《〈【")


class CoverFontMissing(RuntimeError):
    """No Noto (or Source Han) CJK font on this machine to draw the cover with."""


@dataclass(frozen=True)
class FontFace:
    """One face inside a font file: ``.ttc`` collections hold a face per region."""

    path: Path
    index: int
    family: str
    style: str

    def sized(self, size: int) -> ImageFont.FreeTypeFont:
        return _truetype(str(self.path), self.index, size)


@dataclass
class CoverText:
    """What the cover says, already converted to the book's script."""

    paper: str
    dateline: str = ""
    sections: list[str] = field(default_factory=list)  # "第4版　阅读昭通·党建", or issue lines
    headlines: list[str] = field(default_factory=list)  # lead headlines, most important first
    footer: str = ""  # the romanised name from the masthead, e.g. ZHAOTONG RIBAO


@functools.cache
def _truetype(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size=size, index=index)


def _face_count(path: Path) -> int:
    """How many faces a font file holds (``ttcf`` header), 1 for a single font."""
    with path.open("rb") as handle:
        header = handle.read(12)
    if header[:4] == b"ttcf" and len(header) == 12:
        return struct.unpack(">I", header[8:12])[0]
    return 1


@functools.cache
def _faces_in(directories: tuple[Path, ...]) -> tuple[FontFace, ...]:
    faces: list[FontFace] = []
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            name = path.name.lower()
            if path.suffix.lower() not in (".ttc", ".otc", ".otf", ".ttf") or not (
                "cjk" in name or "sourcehan" in name
            ):
                continue
            try:
                count = _face_count(path)
            except OSError:
                continue
            for index in range(count):
                try:
                    family, style = ImageFont.truetype(str(path), size=12, index=index).getname()
                except OSError:
                    continue
                faces.append(FontFace(path, index, family or "", style or ""))
    return tuple(faces)


def find_face(region: str, kind: str = "Serif", bold: bool = False) -> FontFace:
    """The Noto CJK face for ``region`` (SC, TC, HK) of ``kind`` (Serif or Sans).

    Falls back to the neighbouring regions and to the other kind before giving up with
    :class:`CoverFontMissing`.
    """
    faces = _faces_in(tuple(FONT_DIRS))
    kinds = (kind, "Sans" if kind == "Serif" else "Serif")
    for wanted_kind in kinds:
        for wanted_region in REGION_FALLBACKS.get(region, (region, "SC")):
            families = (
                f"Noto {wanted_kind} CJK {wanted_region}",
                f"Source Han {wanted_kind} {wanted_region}",
            )
            matching = [face for face in faces if face.family in families]
            if not matching:
                continue
            weight = "Bold" if bold else "Regular"
            return next((face for face in matching if face.style == weight), matching[0])
    searched = ", ".join(str(d) for d in FONT_DIRS)
    raise CoverFontMissing(
        f"no Noto CJK font for the cover (looked for 'Noto {kind} CJK {region}' in {searched}); "
        "install the Noto CJK fonts (Debian: fonts-noto-cjk) or set newspaper_cover to an image"
    )


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, between any two Chinese characters.

    Closing punctuation never starts a line (it hangs at the end of the line before), and
    opening quotes never end one.
    """
    lines: list[str] = []
    line = ""
    for char in text:
        if line and font.getlength(line + char) > width and char not in _NO_LINE_START:
            carried = ""
            while len(line) > 1 and line[-1] in _NO_LINE_END:
                line, carried = line[:-1], line[-1] + carried
            lines.append(line)
            line = (carried + char).lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def _fit(face: FontFace, text: str, width: float, largest: int, smallest: int) -> ImageFont.FreeTypeFont:
    """The largest size of ``face`` at which ``text`` fits on one line of ``width``."""
    size = largest
    while size > smallest and face.sized(size).getlength(text) > width:
        size -= 4
    return face.sized(size)


class _Page:
    """A cursor down the cover: draws centred or left-aligned lines while room is left."""

    def __init__(self, image: Image.Image) -> None:
        self.draw = ImageDraw.Draw(image)
        self.width, self.height = image.size
        self.y = MARGIN

    def room(self, font: ImageFont.FreeTypeFont, bottom: int) -> bool:
        return self.y + font.size * 1.3 <= bottom

    def line(self, text: str, font: ImageFont.FreeTypeFont, *, centre: bool, fill: tuple[int, ...]) -> None:
        x = (self.width - font.getlength(text)) / 2 if centre else MARGIN
        self.draw.text((x, self.y), text, font=font, fill=fill)
        self.y += round(font.size * 1.35)

    def rule(self, thickness: int, gap: int = 18, double: bool = False) -> None:
        self.y += gap // 2
        for _ in range(2 if double else 1):
            self.draw.rectangle((MARGIN, self.y, self.width - MARGIN, self.y + thickness - 1), fill=INK)
            self.y += thickness + 6
        self.y += gap


def draw_cover(text: CoverText, region: str, size: tuple[int, int] = COVER_SIZE) -> Image.Image:
    """The cover as a Pillow image: masthead, date, pages, then as many headlines as fit."""
    title_face = find_face(region, "Serif", bold=True)
    sans_face = find_face(region, "Sans", bold=False)
    image = Image.new("RGB", size, PAPER)
    page = _Page(image)
    inner = size[0] - 2 * MARGIN
    bottom = size[1] - MARGIN

    masthead = _fit(title_face, text.paper, inner, largest=220, smallest=72)
    for line in wrap(text.paper, masthead, inner):
        page.line(line, masthead, centre=True, fill=INK)
    page.rule(6, double=True)
    if text.dateline:
        page.line(text.dateline, _fit(sans_face, text.dateline, inner, 56, 28), centre=True, fill=INK)
    footer_font = sans_face.sized(36)
    if text.footer:
        bottom -= round(footer_font.size * 1.6)

    section_font = sans_face.sized(40)
    for section in text.sections:
        if not page.room(section_font, bottom):
            break
        for line in wrap(section, section_font, inner):
            page.line(line, section_font, centre=True, fill=GREY)
    if text.headlines:
        page.rule(2, gap=30)
    headline_font = title_face.sized(60)
    for headline in text.headlines:
        lines = wrap(headline, headline_font, inner - 60)
        if page.y + len(lines) * headline_font.size * 1.35 > bottom:
            break
        page.draw.rectangle((MARGIN, page.y + 22, MARGIN + 20, page.y + 42), fill=INK)
        for line in lines:
            page.draw.text((MARGIN + 60, page.y), line, font=headline_font, fill=INK)
            page.y += round(headline_font.size * 1.35)
        page.y += 24
    if text.footer:
        footer_width = footer_font.getlength(text.footer)
        y = size[1] - MARGIN - footer_font.size
        page.draw.text(((size[0] - footer_width) / 2, y), text.footer, font=footer_font, fill=GREY)
    return image


def cover_png(text: CoverText, region: str, size: tuple[int, int] = COVER_SIZE) -> bytes:
    """The cover as PNG bytes (the same bytes for the same text: no timestamps in the file)."""
    buffer = io.BytesIO()
    draw_cover(text, region, size).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def image_media_type(path: Path) -> str | None:
    """The media type of a user's cover image, or None for a kind EPUB readers do not show."""
    return {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
    }.get(path.suffix.lower())
