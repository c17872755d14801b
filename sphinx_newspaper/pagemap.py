"""A page drawn as an SVG over its image: the book's page map (版面导航) and ``inspect --draw``.

One drawing serves both.  The book's page map (:mod:`.book.pagemaps`, HTML and EPUB) shows each
article's regions as a link over the page image, titled with its headline.  ``inspect --draw``
(:mod:`.inspection`) draws the same regions outlined in each article's colour and labelled with
its id, title and place in the reading order, with everything else an editor checks a page by:
every block with its id (for corrections), captions and pictures tied to their article,
furniture in grey, the rules, and the layout warnings at their place.

Coordinates: the model keeps boxes in PDF points from the page's bottom-left corner
(:data:`.model.Box`); the SVG counts from the top left (:func:`top_left`).  The drawing's
``viewBox`` is the page in points, so it scales with the width it is shown at.  Pure Python, no
Sphinx.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .model import Box, Page

#: A region as the SVG draws it: x, y from the page's top left, width and height, in points.
Rect = tuple[float, float, float, float]

#: Article colours: distinct from each other and from the furniture's grey, legible on newsprint.
COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#e377c2", "#8c564b", "#bcbd22", "#3949ab", "#00897b", "#c2185b",
)  # fmt: skip
FURNITURE = "#8a8a8a"
WARNING = "#e00000"


def top_left(box: Box, height: float) -> Rect | None:
    """A model box as an SVG rectangle on a page ``height`` points high; None when empty."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return None
    return (round(x0, 1), round(height - y1, 1), round(x1 - x0, 1), round(y1 - y0, 1))


def article_regions(page: Page) -> list[tuple[int, list[Rect]]]:
    """Each article with regions on the page (its index in ``page.articles``) and its regions
    as SVG rectangles."""
    assert page.size is not None
    height = page.size[1]
    out = []
    for index, article in enumerate(page.articles):
        rects = [rect for box in article.regions if (rect := top_left(box, height)) is not None]
        if rects:
            out.append((index, rects))
    return out


@dataclass
class Area:
    """An article on the drawing: its regions, what names it, and where it links (the book)."""

    title: str
    rects: list[Rect]
    href: str | None = None  # the book: the article's page
    label: str = ""  # inspect --draw: ``3 p07-02 title`` on its first region
    colour: str = ""  # inspect --draw: its outline


@dataclass
class Mark:
    """Something drawn over the page besides the articles' regions (``inspect --draw``)."""

    rect: Rect
    kind: str  # block, furniture, picture, caption, rule, region, warning, doubtful (an OCR line)
    colour: str = FURNITURE
    label: str = ""  # shown beside it (a block's id, a warning's number)
    title: str = ""  # its tooltip: a block's text, a warning's message


@dataclass
class Drawing:
    """What one page's SVG shows."""

    width: float
    height: float
    image: str | None  # the page image's URI; None: no image (drawn on white)
    label: str  # what the drawing is, for screen readers
    areas: list[Area] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    #: Lines through points in reading order (an article's blocks), each in its colour.
    paths: list[tuple[str, list[tuple[float, float]]]] = field(default_factory=list)
    em: float = 9.0  # the body size: labels are set at a size readable against the page's type


def figure(drawing: Drawing, css_class: str) -> str:
    """The drawing in a ``div`` of ``css_class`` that names it for screen readers (HTML allows
    no ``group`` role on an ``svg``: EPUBCheck 4.2 refuses it)."""
    label = html.escape(drawing.label)
    return f'<div class="{css_class}" role="group" aria-label="{label}">{svg(drawing)}</div>'


def svg(drawing: Drawing) -> str:
    """The SVG element: the page image, then each area, then the marks.  An area with a link
    carries ``href`` (SVG 2, which reading systems that handle links themselves look for: epub.js
    takes over ``a[href]`` only) and ``xlink:href`` (SVG 1.1, for older readers)."""
    attr = html.escape
    width, height = drawing.width, drawing.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}">'
    ]
    if drawing.image is not None:
        out.append(
            f'<image width="{width}" height="{height}" xlink:href="{attr(drawing.image)}" aria-hidden="true"/>'
        )
    for area in drawing.areas:
        rects = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{h}"/>' for x, y, w, h in area.rects)
        if area.href is not None:
            link = attr(area.href)
            out.append(
                f'<a href="{link}" xlink:href="{link}" aria-label="{attr(area.title)}">'
                f"<title>{attr(area.title)}</title>{rects}</a>"
            )
            continue
        out.append(
            f'<g class="area" style="--colour:{area.colour}" stroke="{area.colour}" fill="{area.colour}">'
            f"<title>{attr(area.label)}</title>{rects}{_label(area, drawing.em)}</g>"
        )
    out.extend(_path(colour, points, drawing.em) for colour, points in drawing.paths)
    out.extend(_mark(mark, drawing.em) for mark in drawing.marks)
    out.append("</svg>")
    return "".join(out)


def _label(area: Area, em: float) -> str:
    """The area's label over its first region: a band in its colour with the text in white."""
    if not area.label or not area.rects:
        return ""
    x, y, _w, _h = area.rects[0]
    size = round(1.3 * em, 1)
    top = max(y - size * 1.25, 0.0)
    return (
        f'<text class="area-label" x="{x}" y="{round(top + size, 1)}" font-size="{size}" '
        f'stroke="#fff" stroke-width="{round(size / 4, 1)}" paint-order="stroke">{html.escape(area.label)}</text>'
    )


def _path(colour: str, points: list[tuple[float, float]], em: float) -> str:
    """A line through ``points``, each numbered in its order."""
    line = " ".join(f"{x},{y}" for x, y in points)
    size = round(0.9 * em, 1)
    numbers = "".join(
        f'<circle cx="{x}" cy="{y}" r="{size * 0.75}"/>'
        f'<text x="{x}" y="{round(y + size * 0.35, 1)}" font-size="{size}" text-anchor="middle">{n}</text>'
        for n, (x, y) in enumerate(points, 1)
    )
    return (
        f'<g class="order" stroke="{colour}"><polyline points="{line}"/>'
        f'<g fill="{colour}" stroke="none">{numbers}</g></g>'
    )


def _mark(mark: Mark, em: float) -> str:
    attr = html.escape
    x, y, w, h = mark.rect
    title = f"<title>{attr(mark.title)}</title>" if mark.title else ""
    shape = f'<rect x="{x}" y="{y}" width="{w}" height="{h}"/>'
    if mark.kind == "warning":
        radius = round(0.9 * em, 1)
        shape += (
            f'<circle cx="{x}" cy="{y}" r="{radius}"/>'
            f'<text x="{x}" y="{round(y + radius * 0.45, 1)}" font-size="{round(1.2 * em, 1)}" '
            f'text-anchor="middle">{attr(mark.label)}</text>'
        )
        return f'<g class="mark warning" data-label="{attr(mark.label)}">{title}{shape}</g>'
    label = ""
    if mark.label and mark.kind == "region":
        # at its bottom right: a leaf's top left is its first block's, which carries the block's id
        size = round(0.8 * em, 1)
        label = (
            f'<text x="{round(x + w - 0.2 * size, 1)}" y="{round(y + h - 0.3 * size, 1)}" font-size="{size}" '
            f'text-anchor="end" paint-order="stroke">{attr(mark.label)}</text>'
        )
    elif mark.label:
        size = round(0.8 * em, 1)
        label = (
            f'<text x="{round(x + 0.2 * size, 1)}" y="{round(y + size, 1)}" font-size="{size}" '
            f'paint-order="stroke">{attr(mark.label)}</text>'
        )
    return (
        f'<g class="mark {mark.kind}" stroke="{mark.colour}" fill="{mark.colour}" '
        f'data-label="{attr(mark.label)}">{title}{shape}{label}</g>'
    )
