"""The EPUB file itself: the stylesheets every document links, and the zip written
reproducibly (the same book gives the same bytes)."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ebooklib import epub

from ..book.assets import static_file
from ..util.characters import showable

#: Folder of the stylesheets inside the EPUB.
STYLES = "style"
#: Entries already compressed (pictures): stored as they are, deflating them gains nothing.
COMPRESSED = (".jpg", ".jpeg", ".png", ".gif", ".webp")
#: Zip files cannot hold earlier timestamps.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: The last moment a zip entry can be stamped with (its year is stored as 1980 + 0..127).
ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def stylesheets(writing_mode: str, user_files: Iterable[tuple[str, Path]] = ()) -> list[epub.EpubItem]:
    """The extension's stylesheet and the EPUB rules (static/epub.css, with
    static/epub-vertical.css appended for vertical text), then the user's (``epub_css_files``:
    their names in the book and their files), which come last and so win."""
    rules = static_file("epub.css") + (
        static_file("epub-vertical.css") if writing_mode == "vertical" else b""
    )
    user = [
        epub.EpubItem(
            uid=f"style-user-{number}",
            file_name=f"{STYLES}/{name}",
            media_type="text/css",
            content=path.read_bytes(),
        )
        for number, (name, path) in enumerate(user_files, 1)
    ]
    return [
        epub.EpubItem(
            uid="style-newspaper",
            file_name=f"{STYLES}/newspaper.css",
            media_type="text/css",
            content=static_file("newspaper.css"),
        ),
        epub.EpubItem(uid="style-epub", file_name=f"{STYLES}/epub.css", media_type="text/css", content=rules),
        *user,
    ]


class ContentDocument(epub.EpubHtml):
    """ebooklib's XHTML content document, with the manifest property ``svg`` when it holds an
    inline SVG (the page map), whose attribute names keep their case: ebooklib reads the body
    with an HTML parser, which lowers them, and XHTML readers ignore a ``viewbox``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if b"<svg" in self.content:
            self.properties.append("svg")

    def get_content(self, default: Any = None) -> bytes:
        content = super().get_content(default)
        return _SVG_ATTRIBUTES.sub(lambda match: b" " + _SVG_CASE[match[1]] + b'="', content)


#: SVG attribute names in mixed case, as an HTML parser leaves them (lowered).
_SVG_CASE = {name.lower().encode(): name.encode() for name in ("viewBox", "preserveAspectRatio")}
_SVG_ATTRIBUTES = re.compile(rb" (" + b"|".join(_SVG_CASE) + rb')="')


def link_styles(document: epub.EpubHtml, styles: list[epub.EpubItem]) -> None:
    for style in styles:
        document.add_link(href=style.file_name, rel="stylesheet", type="text/css")


def showable_package(package: epub.EpubBook) -> None:
    """Every string in the package as XML can hold it (the last guard of the policy in
    :mod:`..util.characters`: lxml refuses control characters, epubcheck U+FFFE)."""
    package.title = showable(package.title)
    for names in package.metadata.values():
        for name, entries in names.items():
            names[name] = [(_showable(value), _showable(attributes)) for value, attributes in entries]
    for item in package.items:
        if isinstance(item, epub.EpubHtml):
            item.title = showable(item.title or "")
            content = item.content.decode("utf-8") if isinstance(item.content, bytes) else item.content
            if content and (clean := showable(content)) != content:
                item.content = clean.encode("utf-8")
    package.toc = _showable(package.toc)


def _showable(value: Any) -> Any:
    """``value`` with every string in it (in lists, tuples, dicts, links, sections) showable."""
    if isinstance(value, str):
        return showable(value)
    if isinstance(value, list | tuple):
        return type(value)(_showable(item) for item in value)
    if isinstance(value, dict):
        return {key: _showable(item) for key, item in value.items()}
    if isinstance(value, epub.Link | epub.Section):
        value.title = showable(value.title)
    return value


def package_language(opf: bytes, language: str) -> bytes:
    """The package document with ``xml:lang`` on its ``package`` element (ebooklib writes none):
    the language of its metadata, which accessibility checkers ask for (DAISY Ace: epub-lang)."""
    element = re.search(rb"<package\b[^>]*>", opf)
    if element is None or b"xml:lang=" in element[0]:
        return opf
    tag = html.escape(language, quote=True).encode()
    return opf[: element.start()] + b'<package xml:lang="' + tag + b'"' + opf[element.start() + 8 :]


def write_reproducibly(
    package: epub.EpubBook, target: Path, moment: dt.datetime, landmarks_title: str = "Guide"
) -> None:
    """``write_epub``, then the zip written again with fixed timestamps and permissions.

    ebooklib stamps every zip entry with the current time; entries keep ebooklib's order
    (``mimetype`` first and stored, as OCF requires).
    """
    showable_package(package)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        raw = Path(scratch) / "raw.epub"
        # ebooklib writes fast (no compression, no page list: the documents have no page breaks);
        # the zip is compressed once, below.
        options = {
            "mtime": moment,
            "raise_exceptions": True,
            "epub3_pages": False,
            "compresslevel": 0,
            "landmark_title": landmarks_title,
        }
        epub.write_epub(str(raw), package, options)
        fixed = Path(scratch) / "fixed.epub"
        stamp = moment.timetuple()[:6]
        with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as out:
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=stamp)
                entry.create_system = 3
                entry.external_attr = 0o644 << 16
                stored = info.filename == "mimetype" or info.filename.lower().endswith(COMPRESSED)
                entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                content = source.read(info)
                if info.filename.endswith(".opf"):
                    content = package_language(content, package.language)
                out.writestr(entry, content, compresslevel=None if stored else 9)
        os.replace(fixed, target)
