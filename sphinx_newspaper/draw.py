"""``sphinx-newspaper inspect PATH --draw DIR``: see each page as the extension read it.

For every page an HTML file holds the page drawn by :mod:`.pagemap` (the drawing the book's
page map is): the page image with each article's regions outlined in its own colour and
labelled with its place in the reading order, its id and its title; a line through its blocks
in reading order; every block's id (what ``[[move]]`` corrections name); captions and pictures
in their article's colour; furniture in grey; the rules; the region tree (bands and columns,
:mod:`.ingest.pdf.regions`); and the warnings, numbered at their place.  Below the drawing: the warnings with what to check, the articles with their parts and
block ids, and the furniture.  Pages read from text (page text, article files) show what is
known of them: their articles, blocks and furniture, without a picture.

``index.html`` lists the pages.  Everything is plain files with relative links (the page
images in ``images/``), so the folder opens in a browser straight from disk, and nothing is
fetched from anywhere.  Page images are rendered as the book renders them
(:class:`.book.pictures.PictureStore`), in two processes where the machine forks.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from . import pagemap
from .ingest import page_image_name
from .model import Block, Issue, Notice, Page, Placed
from .pagemap import COLOURS, FURNITURE, Area, Drawing, Mark, top_left

#: The page images' long side in pixels: type at a page's body size stays legible.
IMAGE_PX = 1600
IMAGES = "images"
#: The region tree's outlines: apart from the articles' colours, the furniture's grey and the
#: rules' teal.
REGION = "#6a1b9a"


_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0 1.2em 3em;
  color: #222; line-height: 1.5; }
nav { margin: 0.6em 0; } nav a { margin-right: 1em; }
h1 { font-size: 1.3em; margin: 0.4em 0; } h2 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
.source { color: #666; font-size: 0.9em; margin: 0; }
.drawing { max-width: 1100px; } .drawing svg { width: 100%; height: auto; border: 1px solid #bbb; }
.drawing svg .area rect { fill-opacity: 0.13; stroke-width: 1.6; }
.drawing svg .area-label { stroke-opacity: 1; font-weight: bold; }
.drawing svg .area text { stroke: #fff; }
.drawing svg .mark rect { fill: none; stroke-width: 0.8; }
.drawing svg .mark text { stroke: #fff; stroke-width: 2px; }
.drawing svg .mark.furniture rect { fill: #8a8a8a; fill-opacity: 0.22; stroke-dasharray: 3 2; }
.drawing svg .mark.caption rect { stroke-dasharray: 4 2; stroke-width: 1.2; }
.drawing svg .mark.picture rect { stroke-dasharray: 8 4; stroke-width: 2.4; }
.drawing svg .mark.block rect { stroke: none; }
.drawing svg .mark.rule rect { fill: #00a3a3; stroke: #00a3a3; stroke-width: 0.6; }
.drawing svg .mark.warning rect { fill: none; stroke: #e00000; stroke-width: 2.2; stroke-dasharray: 2 2; }
.drawing svg .mark.warning circle { fill: #e00000; stroke: #fff; stroke-width: 1.5; }
.drawing svg .mark.warning text { fill: #fff; stroke: none; font-weight: bold; }
.drawing svg .mark.doubtful rect { fill: #ff9800; fill-opacity: 0.25; stroke: #e65100; stroke-width: 1.4; }
.drawing svg .mark.doubtful text { fill: #e65100; font-weight: bold; }
.drawing svg .order polyline { fill: none; stroke-width: 1.4; stroke-opacity: 0.8; }
.drawing svg .order text { fill: #fff; font-weight: bold; }
.hide-ids .mark.block text, .hide-ids .mark.furniture text { display: none; }
.drawing svg .mark.region rect { stroke-width: 0.7; stroke-dasharray: 6 3; }
.drawing svg .mark.region text { font-style: italic; }
.hide-furniture .mark.furniture, .hide-rules .mark.rule, .hide-order .order { display: none; }
.hide-regions .mark.region { display: none; }
ol.articles > li { border-left: 0.5em solid var(--colour); padding-left: 0.6em; margin: 0.5em 0; }
.id { font-family: monospace; color: #444; } .grey { color: #777; }
.warnings li { color: #a00000; } .warnings li .check { color: #222; }
table.cells { border-collapse: collapse; margin: 0.3em 0; } table.cells td, table.cells th {
  border: 1px solid #bbb; padding: 0 0.4em; }
table.pages { border-collapse: collapse; } table.pages td, table.pages th { border-bottom: 1px solid #ddd;
  padding: 0.2em 0.8em; text-align: left; vertical-align: top; }
.controls label { margin-right: 1.2em; font-size: 0.9em; }
"""

_CONTROLS = """<p class="controls">
<label><input type="checkbox" data-hide="hide-ids" checked> block ids</label>
<label><input type="checkbox" data-hide="hide-order" checked> reading order</label>
<label><input type="checkbox" data-hide="hide-furniture" checked> furniture</label>
<label><input type="checkbox" data-hide="hide-rules" checked> rules</label>
<label><input type="checkbox" data-hide="hide-regions" checked> regions</label></p>
<script>
document.querySelectorAll('.controls input').forEach(box => box.addEventListener('change', () =>
  document.querySelector('.drawing').classList.toggle(box.dataset.hide, !box.checked)));
</script>"""


@dataclass
class Drawn:
    """One page's file: its name in the folder and what the index says of it."""

    file: str
    page: Page
    issue: Issue
    warnings: int


def draw_issues(issues: list[Issue], folder: Path, processes: int = 2) -> list[str]:
    """Write the drawings of every page of ``issues`` and ``index.html`` into ``folder``;
    the problems met rendering page images (the drawing is written without the image)."""
    from .util.processes import in_processes

    folder.mkdir(parents=True, exist_ok=True)
    pages = [(issue, page) for issue in issues for page in issue.pages]
    names = [f"{number:03d}-{page.slug}.html" for number, (_issue, page) in enumerate(pages, 1)]
    calls = [(page, folder / IMAGES) for _issue, page in pages if page.size is not None]
    images: dict[int, str] = {}
    problems: list[str] = []
    renderable = [index for index, (_issue, page) in enumerate(pages) if page.size is not None]
    for call, (image, trouble) in in_processes(render_page_image, calls, processes):
        if image is not None:
            images[renderable[call]] = f"{IMAGES}/{image}"
        problems.extend(trouble)
    drawn = []
    for index, ((issue, page), name) in enumerate(zip(pages, names, strict=True)):
        before = names[index - 1] if index else None
        after = names[index + 1] if index + 1 < len(names) else None
        content = page_html(issue, page, images.get(index), before, after)
        _write(folder / name, content)
        drawn.append(Drawn(name, page, issue, len(page.notices)))
    _write(folder / "index.html", index_html(drawn))
    return problems


def render_page_image(page: Page, folder: Path) -> tuple[str | None, list[str]]:
    """The page's image in ``folder`` (rendered unless it is there): its file name, problems."""
    from .book.pictures import PictureStore

    if page.pdf_digest is None or page.pdf_page is None:
        return None, []
    store = PictureStore(folder, IMAGE_PX)
    store.folder = folder  # the files themselves, not a cache folder of settings
    name = page_image_name(page.pdf_digest, page.pdf_page)
    if store.path(name).is_file():
        return name, []
    saved = store.render(page, [None])
    problems = [f"{page.source}: {problem}" for problem in saved.problems]
    return (name if name in saved.files else None), problems


def page_drawing(page: Page, image: str | None) -> Drawing:
    """The page's :class:`.pagemap.Drawing` for ``inspect --draw``: articles, blocks, pictures,
    rules, furniture and warnings."""
    assert page.size is not None
    width, height = page.size
    layout = page.layout
    em = layout.em if layout is not None else 9.0
    colours = article_colours(page)
    drawing = Drawing(round(width, 1), round(height, 1), image, f"{page_title(page)}", em=round(em, 2))
    for order, article in enumerate(page.articles, 1):
        rects = [rect for box in article.regions if (rect := top_left(box, height)) is not None]
        label = f"{order} {article.id} {article.title}"
        drawing.areas.append(Area(article.title, rects, label=label, colour=colours[article.id]))
    if layout is not None:
        for rule in layout.rules:
            x0, y0, x1, y1 = rule
            thin = max(0.6, 0.08 * em)
            padded = (
                (x0, y0 - thin / 2, x1, y1 + thin / 2)
                if y1 - y0 < thin
                else (x0 - thin / 2, y0, x1 + thin / 2, y1)
            )
            if (rect := top_left(padded, height)) is not None:
                drawing.marks.append(Mark(rect, "rule", title="rule"))
        drawing.marks.extend(_region_marks(page, height))
        for placed in layout.blocks:
            rect = top_left(placed.box, height)
            if rect is None:
                continue
            kind, colour = _block_kind(placed, colours)
            rule = f"; {placed.rule}" if placed.rule else ""  # the trace: the rule that placed it
            title = f"{placed.id} ({placed.role}{rule}): {placed.text[:120]}"
            drawing.marks.append(Mark(rect, kind, colour, placed.id, title))
        drawing.paths.extend(_reading_paths(page, layout.blocks, colours, height))
    for article in page.articles:
        for figure in article.figures:
            if (rect := top_left(figure.box, height)) is not None:
                title = f"picture of {article.id}: {figure.text}"
                drawing.marks.append(Mark(rect, "picture", colours[article.id], f"图 {article.id}", title))
    for figure in page.figures:
        if (rect := top_left(figure.box, height)) is not None:
            drawing.marks.append(Mark(rect, "picture", FURNITURE, "图", f"picture: {figure.text}"))
    for line in page.ocr.doubtful if page.ocr is not None else ():
        if line.box is not None and (rect := top_left(line.box, height)) is not None:
            title = f"read with little confidence ({line.confidence:.2f}): {line.text}"
            drawing.marks.append(Mark(rect, "doubtful", label="?", title=title))
    for number, notice in enumerate(page.notices, 1):
        rect = _notice_rect(page, notice, height)
        if rect is not None:
            drawing.marks.append(Mark(rect, "warning", label=str(number), title=notice.message))
    return drawing


def _region_marks(page: Page, height: float) -> list[Mark]:
    """The page's region tree (bands and columns cut by rules, frames and white), each region
    outlined, the leaves numbered in reading order, each titled with how it is parted from
    the region before it and the blocks it holds."""
    assert page.layout is not None
    marks = []
    leaves = 0
    for region in page.layout.regions:
        rect = top_left(region.box, height)
        if region.depth == 0 or rect is None:
            continue  # the page itself
        label = ""
        if region.kind == "leaf":
            leaves += 1
            label = f"r{leaves}"
        parted = {"rule": "parted by a rule", "white": "parted by white"}.get(region.edge, "the first")
        title = f"region {label or region.kind}: {region.kind}, depth {region.depth}, {parted}"
        if region.framed:
            title += ", framed"
        if region.blocks:
            title += f"; blocks {' '.join(region.blocks)}"
        marks.append(Mark(rect, "region", REGION, label, title))
    return marks


def article_colours(page: Page) -> dict[str, str]:
    return {article.id: COLOURS[index % len(COLOURS)] for index, article in enumerate(page.articles)}


def _block_kind(placed: Placed, colours: dict[str, str]) -> tuple[str, str]:
    if placed.article is None or placed.article not in colours:
        if placed.role == "caption":
            return "caption", FURNITURE
        return "furniture", FURNITURE
    if placed.role == "caption":
        return "caption", colours[placed.article]
    return "block", colours[placed.article]


def _reading_paths(
    page: Page, blocks: list[Placed], colours: dict[str, str], height: float
) -> list[tuple[str, list[tuple[float, float]]]]:
    """Per article, a line through the centres of its text blocks in reading order."""
    paths = []
    for article in page.articles:
        points = []
        for placed in blocks:
            if placed.article == article.id and placed.role in ("body", "subhead", "table"):
                x0, y0, x1, y1 = placed.box
                points.append((round((x0 + x1) / 2, 1), round(height - (y0 + y1) / 2, 1)))
        if len(points) > 1:
            paths.append((colours[article.id], points))
    return paths


def _notice_rect(page: Page, notice: Notice, height: float):
    """Where a notice is marked: its box, else its article's first region."""
    if notice.box is not None:
        return top_left(notice.box, height)
    if notice.article is not None:
        article = next((a for a in page.articles if a.id == notice.article), None)
        if article is not None and article.regions:
            return top_left(article.regions[0], height)
    return None


def page_title(page: Page) -> str:
    parts = [f"第{page.number or '?'}版", page.section or ""]
    if page.date:
        parts.append(page.date.isoformat())
    return " ".join(part for part in parts if part)


def page_html(issue: Issue, page: Page, image: str | None, before: str | None, after: str | None) -> str:
    """One page's file: navigation, the drawing (PDF pages), warnings, articles, furniture."""
    esc = html.escape
    nav = ['<a href="index.html">all pages</a>']
    if before:
        nav.append(f'<a href="{esc(before)}" rel="prev">← previous page</a>')
    if after:
        nav.append(f'<a href="{esc(after)}" rel="next">next page →</a>')
    heading = " · ".join(part for part in (issue.paper or page.paper, page_title(page)) if part)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head><body>",
        f"<nav>{' '.join(nav)}</nav>",
        f"<h1>{esc(heading)}</h1>",
        f'<p class="source">{esc(page.source)}</p>',
    ]
    if page.size is not None:
        out.append(_CONTROLS)
        out.append(pagemap.figure(page_drawing(page, image), "drawing"))
    else:
        out.append('<p class="grey">Read from text: no picture of the page; its articles as read.</p>')
    out.append(_warnings_html(page))
    out.append(_articles_html(page))
    out.append(_furniture_html(page))
    out.append("</body></html>\n")
    return "\n".join(out)


def _warnings_html(page: Page) -> str:
    if not page.notices:
        return '<section class="warnings"><h2>Warnings</h2><p class="grey">none</p></section>'
    items = []
    for number, notice in enumerate(page.notices, 1):
        where = f" (line {notice.line})" if notice.line else ""
        items.append(
            f'<li id="warning-{number}" value="{number}">{html.escape(notice.message)}{where} '
            f'<span class="grey">[newspaper.{html.escape(str(notice.subtype))}]</span></li>'
        )
    return f'<section class="warnings"><h2>Warnings ({len(page.notices)})</h2><ol>{"".join(items)}</ol></section>'


def _articles_html(page: Page) -> str:
    colours = article_colours(page)
    esc = html.escape
    items = []
    blocks_of: dict[str, list[Placed]] = {}
    if page.layout is not None:
        for placed in page.layout.blocks:
            if placed.article is not None:
                blocks_of.setdefault(placed.article, []).append(placed)
    for order, article in enumerate(page.articles, 1):
        parts = [
            f'<li style="--colour:{colours[article.id]}" id="{esc(article.id)}">'
            f'<b>{order}</b> <span class="id">{esc(article.id)}</span> <b>{esc(article.title)}</b>'
            + (' <span class="grey">[title inferred]</span>' if article.title_inferred else "")
        ]
        details = [
            f"{label}: {esc(value)}"
            for label, value in (
                ("kicker", article.kicker),
                ("subtitle", article.subtitle),
                ("byline", article.byline),
            )
            if value
        ]
        if details:
            parts.append("<br>" + "<br>".join(details))
        placed = blocks_of.get(article.id, [])
        if placed:
            ids = ", ".join(f'<span class="id" title="{esc(p.role)}">{esc(p.id)}</span>' for p in placed)
            parts.append(f"<br>blocks in reading order: {ids}")
        parts.append("<ol>" + "".join(_block_html(block) for block in article.blocks) + "</ol>")
        for caption in article.captions:
            parts.append(f"<br>caption: {esc(caption)}")
        for figure in article.figures:
            parts.append(f"<br>picture: {esc(figure.text) or '(no caption)'}")
        parts.append("</li>")
        items.append("".join(parts))
    return f'<section><h2>Articles in reading order ({len(page.articles)})</h2><ol class="articles">{"".join(items)}</ol></section>'


def _block_html(block: Block) -> str:
    esc = html.escape
    where = f'<span class="id">line {block.line}</span> ' if block.line else ""
    ids = " ".join(esc(identifier) for identifier, _start in block.parts)
    source = f' <span class="id grey">{ids}</span>' if ids else ""
    if block.kind == "table":
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in block.rows
        )
        return f'<li>{where}table{source}<table class="cells">{rows}</table></li>'
    text = block.text if len(block.text) <= 80 else f"{block.text[:50]} …… {block.text[-20:]}"
    kind = "subhead: " if block.kind == "subhead" else ""
    return f"<li>{where}{kind}{esc(text)}{source}</li>"


def _furniture_html(page: Page) -> str:
    esc = html.escape
    lines = [*(f"masthead: {line}" for line in page.masthead), *(f"credit: {line}" for line in page.credits)]
    lines.extend(page.furniture)
    body = "".join(f"<li>{esc(line)}</li>" for line in lines) or '<li class="grey">none</li>'
    return f'<section class="grey"><h2>Page text that is not an article</h2><ul>{body}</ul></section>'


def index_html(drawn: list[Drawn]) -> str:
    esc = html.escape
    rows = []
    for item in drawn:
        page = item.page
        warnings = f"{item.warnings} warning(s)" if item.warnings else ""
        titles = "<br>".join(f"{esc(a.id)} {esc(a.title)}" for a in page.articles)
        rows.append(
            f'<tr><td><a href="{esc(item.file)}">{esc(page_title(page))}</a></td>'
            f"<td>{esc(item.issue.paper or page.paper or '')}</td>"
            f'<td class="grey">{esc(os.path.basename(page.source))}</td>'
            f"<td>{len(page.articles)}</td><td>{titles}</td><td>{warnings}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>Pages</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{len(drawn)} page(s)</h1>\n"
        '<table class="pages"><thead><tr><th>page</th><th>paper</th><th>file</th><th>articles</th>'
        "<th>titles</th><th>warnings</th></tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</body></html>\n"
    )


def _write(path: Path, content: str) -> None:
    """Write only when the content changed (reloading a page in the browser keeps its place)."""
    try:
        if path.read_text(encoding="utf-8") == content:
            return
    except OSError:
        pass
    path.write_text(content, encoding="utf-8")
