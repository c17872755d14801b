"""Which pictures on a PDF page are news pictures, with their captions and stories.

Most image objects on an e-paper page are not news: mastheads, logos, column labels, headline
bars and banners drawn as images, backgrounds under text, advert pictures (a 福州晚报 page has
fourteen images and no news photo; a 甘肃法治报 page has seven and one).  A picture is a news
picture (a photo, a cartoon, a chart) when, by rules relative to the page:

* it lies below the page header (the masthead and its logos are above);
* it is large enough to be read: its short side at least ``min_short`` and its long side at
  least ``min_long`` of the page's column width;
* it is not a band: its long side is at most ``max_aspect`` times its short side
  (``max_aspect_captioned`` with a caption: a panorama or a chart);
* no text is drawn over it (headline bars, backgrounds under text): the type set inside it
  covers at most ``max_text_cover`` of its area (a credit printed on a photo is allowed);
* it does not stand in an advert (the boxes of advert copy the stories step found);
* it has a caption beside, under, over or on it, or it is a **photo story**: a story headline
  right under or over it.

Only the part of a picture that shows counts (its box cut by its clip path): photos are often
placed larger than they show.  A picture belongs to the story its caption belongs to, else to
the story whose headline it stands by, else to the story whose text lies on both sides of it;
otherwise it stands on its own (a news photo with only a caption) and belongs to the page.

The thresholds are fields of :class:`.params.LayoutParams`.  Pure Python, no Sphinx and no
pdfium: this reads what :mod:`.chars` recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Box, Figure, Notice
from ...subtypes import Subtype
from ...util.patterns import LazyPattern
from ..credits import has_photo_credit
from ..lines import join_lines, normalise
from .chars import PdfPage, Picture
from .layout import Block
from .params import DEFAULT, LayoutParams
from .roles import Roles, Stack
from .stories import Stories, Story, picture_frame

#: Above this many image objects a page is not read for pictures (tiles, patterns); warned.
MAX_PICTURES = 300
#: A picture stored larger than this many pixels is not decoded (it would take gigabytes); warned.
MAX_PIXELS = 60_000_000

_SENTENCE_END = LazyPattern(r"^(.*[。！？!?][”」』）)]*)\s*(.+)$")


@dataclass
class Found:
    """A news picture, its caption (a caption block, or None) and the story it belongs to."""

    picture: Picture
    caption: Block | None
    story: Story | None


def find_figures(pdf: PdfPage, roles: Roles, stories: Stories) -> tuple[list[Found], list[Notice]]:
    """The page's news pictures, in reading order (top to bottom, left to right), and notices
    about pictures that could not be read."""
    notices: list[Notice] = []
    for picture in pdf.pictures:
        if enormous(picture):
            width, height = picture.pixels
            size = f"is {width}×{height} pixels"
            if width * height <= MAX_PIXELS:
                size = f"has a mask (/SMask or /Mask) of {picture.mask[0]}×{picture.mask[1]} pixels"
            notices.append(
                Notice(
                    Subtype.IMAGE,
                    f"image {picture.number} on page {pdf.index + 1} {size}, too large to decode: it is "
                    "left out of the page's pictures and of its page image",
                    pdf.source,
                )
            )
    if len(pdf.pictures) > MAX_PICTURES:
        notices.append(
            Notice(
                Subtype.IMAGE,
                f"page {pdf.index + 1} holds {len(pdf.pictures)} images (tiles or a pattern?); "
                f"more than {MAX_PICTURES}, so none is read as a news picture",
                pdf.source,
            )
        )
        return [], notices
    layout = roles.layout
    em, column, p = layout.em, layout.column, layout.params
    captions = [*(c for story in stories.stories for c in story.captions), *stories.loose_captions]
    caption_story = {id(c): story for story in stories.stories for c in story.captions}
    headlines = [story for story in stories.stories if story.stack is not None]
    taken: set[int] = set()
    found: list[Found] = []
    for picture in sorted(pdf.pictures, key=lambda p: (-p.box[3], p.box[0])):
        x0, y0, x1, y1 = picture.box
        width, height = x1 - x0, y1 - y0
        if width <= 0 or height <= 0 or (y0 + y1) / 2 >= roles.header:
            continue
        short, long = min(width, height), max(width, height)
        if short < p.min_short * column or long < p.min_long * column:
            continue
        if long > p.max_aspect_captioned * short or _text_cover(pdf, picture.box, em, p) > p.max_text_cover:
            continue
        if any(_share_inside(picture.box, advert) >= p.in_advert for advert in stories.adverts):
            continue
        caption = _nearest_caption(picture.box, [c for c in captions if id(c) not in taken], em, p)
        story: Story | None = None
        rule = "picture-with-its-caption"
        if caption is not None:
            story = caption_story.get(id(caption))
            if story is not None and not _near(picture_frame(picture.box, pdf, em), story, em, p):
                story = None  # the caption's words matched a story printed elsewhere
        else:
            if long > p.max_aspect * short:
                continue
            story = _headline_by(picture.box, headlines, em, p)
            rule = "photo-story-by-its-headline"
            if story is None:
                story = _flanking_story(picture.box, stories.stories, em, p)
                rule = "picture-inside-a-story"
            if story is None:
                continue  # no caption, no story around it: a logo, an advert picture, a decoration
        if enormous(picture):
            continue  # not decoded (see below); its caption stays text
        if caption is not None:
            taken.add(id(caption))
            gap = _distance(picture.box, caption, em, p) or 0.0
            layout.trace.record(caption, "pictures", "caption-by-its-picture", gap_em=gap / em)
        if story is None:
            story = _flanking_story(picture.box, stories.stories, em, p)
            rule = "picture-inside-a-story"
        if story is not None:
            layout.trace.record(story, "pictures", rule, width_columns=(x1 - x0) / column)
        found.append(Found(picture, caption, story))
    return found, notices


def enormous(picture: Picture) -> bool:
    """The picture is stored too large to decode (more than :data:`MAX_PIXELS` pixels), or its
    mask is (a soft mask decodes with the picture)."""
    return max(picture.pixels[0] * picture.pixels[1], picture.mask[0] * picture.mask[1]) > MAX_PIXELS


def make_figure(found: Found, p: LayoutParams = DEFAULT) -> Figure:
    """The model's figure: the picture's box, its caption split from the photographer's credit."""
    caption = credit = None
    if found.caption is not None:
        caption, credit = split_credit([line.text for line in found.caption.lines], p)
    picture = found.picture
    box = tuple(round(value, 1) for value in picture.box)
    # stored pixels per point, the long side against the long side (a rotated picture too), the
    # smaller of the two where the picture is stretched: rendering at it enlarges neither side
    x0, y0, x1, y1 = picture.placed
    sides = sorted((max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)))
    stored = sorted(picture.pixels)
    density = min(stored[0] / sides[0], stored[1] / sides[1])
    return Figure(box, "", caption, credit, picture.number, picture.pixels, density)  # type: ignore[arg-type]


def split_credit(lines: list[str], p: LayoutParams = DEFAULT) -> tuple[str | None, str | None]:
    """A caption's text and its credit (``…能力。`` and ``新甘肃·甘肃法治报通讯员 朱艳霞 摄``).

    The credit is the caption's last line when that line is a credit on its own, else what
    follows the last sentence end or the last space, when that reads as a credit.  The credit
    keeps its spaces as printed; the caption is joined by the spacing rule."""
    shown = [" ".join(line.split()) for line in lines if line.strip()]
    if not shown:
        return None, None
    longest = p.credit_chars
    if len(shown) > 1 and has_photo_credit(normalise(shown[-1])) and len(normalise(shown[-1])) <= longest:
        return join_lines([normalise(line) for line in shown[:-1]]) or None, shown[-1]
    text = join_lines([normalise(line) for line in shown[:-1]] + [shown[-1]])
    match = _SENTENCE_END.match(text)
    if match and has_photo_credit(normalise(match[2])) and len(match[2]) <= longest:
        return normalise(match[1]), match[2].strip()
    if " " in shown[-1]:
        head, tail = shown[-1].split(" ", 1)
        if has_photo_credit(normalise(tail)) and len(tail) <= longest and head:
            caption = join_lines([normalise(line) for line in shown[:-1]] + [normalise(head)])
            return caption, tail
    if has_photo_credit(normalise(text)) and len(normalise(text)) <= p.credit_alone_chars:
        return None, text
    return normalise(text), None


def picture_name(digest: str, page_index: int, number: int) -> str:
    """The file name of a news picture: the PDF's digest, its page (from 1), the picture."""
    return f"{digest[:16]}-p{page_index + 1}-{number}.jpg"


def page_image_name(digest: str, page_index: int) -> str:
    """The file name of a whole page rendered as an image."""
    return f"{digest[:16]}-p{page_index + 1}.jpg"


def _text_cover(pdf: PdfPage, box: Box, em: float, p: LayoutParams) -> float:
    """The share of the box's area covered by type drawn inside it (``p.cover_inset`` ems in from
    its edges, so that text set close around it does not count)."""
    inset = p.cover_inset * em
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    area = (box[2] - box[0]) * (box[3] - box[1])
    inked = sum(c.size * c.width for c in pdf.chars if x0 <= c.x <= x1 and y0 <= c.y <= y1)
    return inked / area if area > 0 else 1.0


def _share_inside(box: Box, outer: Box) -> float:
    """The share of ``box``'s area inside ``outer``."""
    width = min(box[2], outer[2]) - max(box[0], outer[0])
    height = min(box[3], outer[3]) - max(box[1], outer[1])
    area = (box[2] - box[0]) * (box[3] - box[1])
    return max(0.0, width) * max(0.0, height) / area if area > 0 else 0.0


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _distance(box: Box, item: Block | Stack, em: float, p: LayoutParams) -> float | None:
    """How far ``item`` stands from the picture, in points, when it stands by it: under or over
    it (overlapping half the narrower of the two), beside it (overlapping half the lower), or
    on it; None when it does not."""
    x0, y0, x1, y1 = box
    across = _overlap(x0, x1, item.x0, item.x1)
    along = _overlap(y0, y1, item.y0, item.y1)
    reach = p.near * em
    if across >= p.overlap_share * min(x1 - x0, item.x1 - item.x0):
        if along > 0:
            return 0.0  # on the picture, or overlapping its edge
        gap = max(y0 - item.y1, item.y0 - y1)
        return gap if gap <= reach else None
    if along >= p.overlap_share * min(y1 - y0, item.y1 - item.y0):
        gap = max(x0 - item.x1, item.x0 - x1)
        return gap if 0 <= gap <= reach else None
    return None


def _nearest_caption(box: Box, captions: list[Block], em: float, p: LayoutParams) -> Block | None:
    best: Block | None = None
    best_gap = 0.0
    for caption in captions:
        gap = _distance(box, caption, em, p)
        if gap is not None and (best is None or gap < best_gap):
            best, best_gap = caption, gap
    return best


def _headline_by(box: Box, stories: list[Story], em: float, p: LayoutParams) -> Story | None:
    """The story whose headline stands right under or over the picture (a photo story)."""
    best: Story | None = None
    best_gap = 0.0
    for story in stories:
        stack = story.stack
        assert stack is not None
        if _overlap(box[0], box[2], stack.x0, stack.x1) < p.overlap_share * min(box[2] - box[0], stack.width):
            continue
        gap = max(box[1] - stack.y1, stack.y0 - box[3])
        if -em <= gap <= p.near * em and (best is None or gap < best_gap):
            best, best_gap = story, gap
    return best


def _near(box: Box, story: Story, em: float, p: LayoutParams) -> bool:
    """The picture (with its own frame) stands in or by the story: grown by ``p.near`` ems,
    it overlaps the story's extent (a picture under its story's columns is the story's)."""
    items = [*story.elements, *([story.stack] if story.stack else [])]
    reach = p.near * em
    extent = (
        min(item.x0 for item in items),
        min(item.y0 for item in items),
        max(item.x1 for item in items),
        max(item.y1 for item in items),
    )
    grown = (box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach)
    return _share_inside(grown, extent) > 0


def _flanking_story(box: Box, stories: list[Story], em: float, p: LayoutParams) -> Story | None:
    """The story whose text lies on two opposite sides of the picture (over and under it, or
    left and right of it), within a few ems: the picture stands inside that story."""
    reach = p.flank_reach * em
    for story in stories:
        items = [*story.blocks, *([story.stack] if story.stack else [])]
        over = any(
            0 <= item.y0 - box[3] <= reach and _overlap(box[0], box[2], item.x0, item.x1) > 0
            for item in items
        )
        under = any(
            0 <= box[1] - item.y1 <= reach and _overlap(box[0], box[2], item.x0, item.x1) > 0
            for item in items
        )
        left = any(
            0 <= box[0] - item.x1 <= reach and _overlap(box[1], box[3], item.y0, item.y1) > 0
            for item in items
        )
        right = any(
            0 <= item.x0 - box[2] <= reach and _overlap(box[1], box[3], item.y0, item.y1) > 0
            for item in items
        )
        if (over and under) or (left and right):
            return story
    return None
