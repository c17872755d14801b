"""What pdfium does not tell about a PDF's streams, read from the file's own bytes.

pdfium reads a damaged compressed stream as far as it can and says nothing: a page whose
content stream is damaged half-way shows half its text, and nothing tells the half that is lost
(issue 25: 11 articles became 6).  Nor does it tell the size of an image's soft mask (``/SMask``)
or stencil mask (``/Mask``): a 100 × 100 picture with a 45,000² soft mask decodes to 2 GB.

Both are in the file's bytes.  A stream is never inside an object stream (PDF 32000-1, 7.5.7),
so every stream's dictionary stands in the file as written: ``12 0 obj << ... >> stream``.
This module finds them (:func:`file_streams`), tries each compressed stream that is not an
image or a font program with zlib (:func:`damaged_streams`), and tells which pages draw a
damaged one (:func:`pages_using`) by walking the page tree (its dictionaries as written, or
inside object streams).  Where the tree cannot be walked, a damaged stream is every page's.

Pure Python and zlib: no second PDF library.
"""

from __future__ import annotations

import bisect
import re
import zlib
from dataclasses import dataclass, field

#: An object's opening (``12 0 obj``) at the end of the bytes before ``obj``.
_OPENING = re.compile(rb"(?<!\d)(\d+)\s+\d+\s+$")
#: How far before its ``stream`` keyword a stream's dictionary may start.
DICTIONARY_REACH = 8000
#: Streams are tried a megabyte of output at a time, the output thrown away.
INFLATE_STEP = 1 << 20
#: Object streams larger than this (bytes, decompressed) are not read for the page tree.
MAX_OBJECT_STREAM = 64 << 20
#: How much white space may stand between a stream's data and its ``endstream`` (an end of
#: line, and spaces some producers add).
EOL_REACH = 16
#: Any object as written in the file (its number and body).
_OBJECT = re.compile(rb"(?<![\d])(\d+)\s+\d+\s+obj\b")
_REF = re.compile(rb"(\d+)\s+\d+\s+R\b")
_PAIR = re.compile(rb"(\d+)\s+(\d+)")
_PARENT = re.compile(rb"/(Parent|P|Dest|First|Last|Next|Prev)\s+\d+\s+\d+\s+R")
_PAGE_NODE = re.compile(rb"/Type\s*/Pages?\b")
#: Font programs (their loss garbles glyphs, which pdfium's own checks see), images, the
#: cross-reference (pdfium rebuilds it), metadata and attachments are not tried; everything else
#: compressed is: content streams, forms, object streams, ToUnicode maps.
_NOT_TRIED = re.compile(
    rb"/Subtype\s*/(Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b|/Type\s*/(XRef|Metadata|EmbeddedFile)\b"
)


@dataclass
class Stream:
    """One stream object of the file."""

    number: int
    start: int  # offset of its data
    end: int  # offset just past its data (its direct /Length, else before the EOL that ends it)
    limit: int  # its ``endstream`` (its data and the end of line before it), or ``end``
    dictionary: bytes
    image: tuple[int, int] | None = None  # width and height of an image stream
    masks: list[int] = field(default_factory=list)  # its /SMask and /Mask image objects


def file_streams(data: bytes) -> dict[int, Stream]:
    """Every stream object in the file, by object number (the last one written wins, as an
    incremental update's does)."""
    streams: dict[int, Stream] = {}
    ends = _positions(data, b"endstream")
    for keyword, start in _keywords(data):
        reach = max(0, keyword - DICTIONARY_REACH)
        opening = data.rfind(b"obj", reach, keyword)
        if opening < 0 or data[opening - 3 : opening] == b"end":
            continue  # no object opened before it (or the last one has ended): no stream's keyword
        number_at = _OPENING.search(data, max(reach, opening - 40), opening)
        if number_at is None:
            continue
        number = int(number_at[1])
        dictionary = data[opening + 3 : keyword]
        following = bisect.bisect_left(ends, start)
        limit = ends[following] if following < len(ends) else len(data)
        end = _stream_end(data, dictionary, start, limit)
        stream = Stream(number, start, end, limit if limit - end <= EOL_REACH else end, dictionary)
        if re.search(rb"/Subtype\s*/Image\b", dictionary):
            width = re.search(rb"/Width\s+(\d+)(?!\d)(?!\s+\d+\s+R\b)", dictionary)
            height = re.search(rb"/Height\s+(\d+)(?!\d)(?!\s+\d+\s+R\b)", dictionary)
            if width and height:
                stream.image = (int(width[1]), int(height[1]))
            stream.masks = [int(m[1]) for m in re.finditer(rb"/S?Mask\s+(\d+)\s+\d+\s+R", dictionary)]
        streams[number] = stream
    return streams


def _keywords(data: bytes) -> list[tuple[int, int]]:
    """Where each ``stream`` keyword after a dictionary stands, and where its data starts."""
    found = []
    position = data.find(b"stream")
    while position >= 0:
        after = position + 6
        if data[position - 3 : position] != b"end" and data[after : after + 1] in (b"\r", b"\n"):
            if data[max(0, position - 40) : position].rstrip().endswith(b">>"):
                start = after + (2 if data[after : after + 2] == b"\r\n" else 1)
                found.append((position, start))
        position = data.find(b"stream", after)
    return found


def _positions(data: bytes, word: bytes) -> list[int]:
    """Where ``word`` stands in the file, in order (looked up once: a damaged file may have
    any number of objects that never end)."""
    found = []
    position = data.find(word)
    while position >= 0:
        found.append(position)
        position = data.find(word, position + len(word))
    return found


def _stream_end(data: bytes, dictionary: bytes, start: int, limit: int) -> int:
    """Where a stream's data ends, its ``endstream`` standing at ``limit``: its direct
    ``/Length`` where only white space follows it, else the end of line before ``limit``."""
    length = re.search(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R\b)", dictionary)
    if length:
        end = start + int(length[1])
        if end <= limit and (limit - end > EOL_REACH or not data[end:limit].strip()):
            return end  # (data beyond its length and before endstream: the length wins)
    end = limit
    if data[end - 2 : end] == b"\r\n":
        end -= 2
    elif data[end - 1 : end] in (b"\r", b"\n"):
        end -= 1
    return max(start, end)


def mask_sizes(streams: dict[int, Stream]) -> dict[int, tuple[int, int]]:
    """For each image stream with masks, the largest mask's size (width, height)."""
    out: dict[int, tuple[int, int]] = {}
    for stream in streams.values():
        sizes = [streams[m].image for m in stream.masks if m in streams and streams[m].image]
        if sizes:
            out[stream.number] = max(sizes, key=lambda size: size[0] * size[1])  # type: ignore[return-value,arg-type]
    return out


def damaged_streams(data: bytes, streams: dict[int, Stream]) -> list[int]:
    """The compressed streams (not images, not font programs) that zlib cannot read to their
    end mark, or whose checksum is wrong: corrupt, or cut short.  pdfium reads such a stream as
    far as it can, garbage and all, and says nothing."""
    damaged = []
    for stream in streams.values():
        dictionary = stream.dictionary
        if b"FlateDecode" not in dictionary or _NOT_TRIED.search(dictionary):
            continue
        if re.search(rb"/Filter\s*\[\s*/\w", dictionary) and not re.search(
            rb"/Filter\s*\[\s*/FlateDecode\s*\]", dictionary
        ):
            continue  # a chain of filters: not tried
        inflate = zlib.decompressobj()
        rest = data[stream.start : stream.limit]  # up to endstream: an end of line is no damage
        try:
            while rest and not inflate.eof:  # a megabyte out at a time, thrown away: no bomb fills memory
                inflate.decompress(rest, INFLATE_STEP)
                rest = inflate.unconsumed_tail
            complete = inflate.eof
        except zlib.error:  # corrupt: a bad code, or (after garbage read) a wrong checksum
            complete = False
        if not complete:
            damaged.append(stream.number)
    return damaged


def pages_using(
    data: bytes, streams: dict[int, Stream], numbers: list[int], count: int
) -> dict[int, list[int]]:
    """The pages (0-based, ``count`` in all) that draw each stream of ``numbers``: those that
    reach it (their contents, their resources' forms and fonts); every page where the page
    tree cannot be read from the file's bytes, or no page reaches it (resources inherited)."""
    every = {number: list(range(count)) for number in numbers}
    objects = _objects(data, streams)
    pages = _page_order(data, objects)
    if pages is None or len(pages) != count:
        return every
    out: dict[int, list[int]] = {number: [] for number in numbers}
    for index, page in enumerate(pages):
        used = _used_by(page, objects)
        for number in numbers:
            if number in used:
                out[number].append(index)
    # a damaged stream no page names (a form named deep in inherited resources): every page's
    return {number: found or every[number] for number, found in out.items()}


def _objects(data: bytes, streams: dict[int, Stream]) -> dict[int, bytes]:
    """The file's objects that are no streams, as written or inside object streams."""
    objects: dict[int, bytes] = {}
    for stream in streams.values():
        if not re.search(rb"/Type\s*/ObjStm\b", stream.dictionary):
            continue
        inflate = zlib.decompressobj()
        try:
            body = inflate.decompress(data[stream.start : stream.end], MAX_OBJECT_STREAM)
        except zlib.error:
            continue
        if not inflate.eof:
            continue  # damaged, or larger than any object stream of a page
        first = re.search(rb"/First\s+(\d+)", stream.dictionary)
        count = re.search(rb"/N\s+(\d+)", stream.dictionary)
        if not first or not count:
            continue
        # pairs of object number and offset (a damaged header gives what pairs it has)
        pairs = [(int(m[1]), int(m[2])) for m in _PAIR.finditer(body[: int(first[1])])][: int(count[1])]
        for position, (number, offset) in enumerate(pairs):
            end = pairs[position + 1][1] if position + 1 < len(pairs) else len(body) - int(first[1])
            objects[number] = body[int(first[1]) + offset : int(first[1]) + end]
    ends = _positions(data, b"endobj")
    for match in _OBJECT.finditer(data):
        number = int(match[1])
        following = bisect.bisect_left(ends, match.end())  # its endobj: the next one
        if number not in streams and following < len(ends):
            objects[number] = data[match.end() : ends[following]]
    for number, stream in streams.items():
        objects.setdefault(number, stream.dictionary)
    return objects


def _page_order(data: bytes, objects: dict[int, bytes]) -> list[int] | None:
    """The page objects in the page tree's order, or None where it cannot be walked."""
    roots = re.findall(rb"/Root\s+(\d+)\s+\d+\s+R", data)
    if not roots:
        return None
    catalog = objects.get(int(roots[-1]))
    tree = re.search(rb"/Pages\s+(\d+)\s+\d+\s+R", catalog or b"")
    if not tree:
        return None
    pages: list[int] = []
    pending, seen = [int(tree[1])], set()
    while pending:
        number = pending.pop()
        if number in seen or len(seen) > 1_000_000:
            return None
        seen.add(number)
        body = objects.get(number)
        if body is None:
            return None
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if kids and not re.search(rb"/Type\s*/Page\b(?!s)", body):
            pending.extend(reversed([int(ref[1]) for ref in _REF.finditer(kids[1])]))
        else:
            pages.append(number)
    return pages


def _used_by(page: int, objects: dict[int, bytes]) -> set[int]:
    """Every object a page reaches through its references (contents, resources, forms, fonts),
    never through its ``/Parent`` nor into other pages."""
    reached: set[int] = set()
    pending = [page]
    while pending:
        body = _PARENT.sub(b"", objects.get(pending.pop(), b""))
        for ref in _REF.finditer(body):
            target = int(ref[1])
            if target in reached or _PAGE_NODE.search(objects.get(target, b"")):
                continue
            reached.add(target)
            pending.append(target)
    return reached
