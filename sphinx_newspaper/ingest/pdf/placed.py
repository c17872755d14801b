"""The page's blocks as the model keeps them: ids, boxes, roles and the article each went to.

Every block the layout read gets an id by where it stands (:func:`block_id`, ``b062-140``), so
that the id depends on its place, not on which story the rules gave it, nor on how the blocks
around it were read (a corrections file naming blocks stays valid when the rules change).
:func:`page_layout` lists them in reading order for drawings (``inspect --draw``), layout
warnings and ``[[move]]`` corrections (:class:`~sphinx_newspaper.model.PageLayout`).
"""

from __future__ import annotations

from ...model import Article, LayoutRegion, PageLayout, Placed
from ..lines import join_lines, normalise
from .chars import PdfPage
from .layout import MIN_INDENT, Block, Layout
from .lines import Line
from .pictures import Found
from .regions import PageRegions
from .roles import Stack, byline_line
from .stories import Stories, Story
from .tables import TableBlock

Item = Block | Line


def block_ids(stories: Stories, found: list[Found], height: float) -> dict[int, str]:
    """``id(item) -> "b062-140"`` for every block and headline line of the page's stories,
    captions and furniture (:func:`block_id`)."""
    items = {id(item): item for item, _role, _story in _items(stories, found)}
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for key, item in sorted(items.items(), key=lambda pair: (-round(pair[1].y1), pair[1].x0)):
        base = block_id(item, height)
        identifier, suffix = base, 0
        while identifier in taken:
            identifier = f"{base}{chr(ord('a') + suffix)}"
            suffix += 1
        taken.add(identifier)
        ids[key] = identifier
    return ids


def block_id(item: Item, height: float) -> str:
    """A block's id by where its first line starts: ``b062-140`` is 62 pt from the page's left
    edge and 140 pt from its top.  A block read differently after an upgrade changes its own
    id only (an old corrections file naming it then fails loudly), never its neighbours'."""
    first = item.lines[0] if isinstance(item, Block) and item.lines else item
    return f"b{max(0, round(first.x0)):03d}-{max(0, round(height - item.y1)):03d}"


def page_layout(
    pdf: PdfPage,
    layout: Layout,
    stories: Stories,
    found: list[Found],
    ids: dict[int, str],
    articles: list[Article],
    header: float,
    regions: PageRegions | None = None,
) -> PageLayout:
    """The page's measures, rules and blocks (in reading order, each with the id of its
    article: ``articles`` are the stories' articles, in the stories' order)."""
    article_of = {id(story): article.id for story, article in zip(stories.stories, articles, strict=True)}
    blocks: list[Placed] = []
    seen: set[int] = set()
    id_of_line: dict[int, str] = {}
    for item, role, story in _items(stories, found):
        for line in item.lines if isinstance(item, Block) else [item]:
            id_of_line.setdefault(id(line), ids[id(item)])
        if id(item) in seen:
            continue
        seen.add(id(item))
        if role == "furniture" and item.y0 >= header:
            role = "masthead"
        elif role == "furniture" and any(_inside(item, box) for box in stories.adverts):
            role = "advert"
        lines = item.lines if isinstance(item, Block) else [item]
        blocks.append(
            Placed(
                id=ids[id(item)],
                box=(round(item.x0, 1), round(item.y0, 1), round(item.x1, 1), round(item.y1, 1)),
                role=role,
                article=article_of.get(id(story)) if story is not None else None,
                size=round(item.size, 2),
                text=join_lines([normalise(line.text) for line in lines]),
                opens=_opens(item, layout.em) if role == "body" else None,
            )
        )
    return PageLayout(
        em=layout.em,
        leading=layout.leading,
        column=layout.column,
        rules=list(pdf.rules),
        pictures=[picture.box for picture in pdf.pictures],
        blocks=blocks,
        regions=layout_regions(regions, id_of_line) if regions is not None else [],
    )


def layout_regions(regions: PageRegions, id_of_line: dict[int, str]) -> list[LayoutRegion]:
    """The region tree as the model keeps it, depth first, each leaf with its blocks' ids
    (``id_of_line``: ``id(line) -> block id``)."""
    out: list[LayoutRegion] = []
    for region in regions.root.walk():
        identifiers: list[str] = []
        for block in region.blocks:
            for line in block.lines:
                identifier = id_of_line.get(id(line))
                if identifier is not None and identifier not in identifiers:
                    identifiers.append(identifier)
        out.append(
            LayoutRegion(
                box=tuple(round(value, 1) for value in region.box),
                kind=region.kind,
                depth=region.depth(),
                edge=region.edge,
                framed=region.frame is not None,
                blocks=identifiers,
            )
        )
    return out


def _items(stories: Stories, found: list[Found]) -> list[tuple[Item, str, Story | None]]:
    """Every block in reading order with its role and story: each story's headline, bylines,
    text and subheads (by columns), captions; then loose captions and the furniture."""
    from .page import reading_order, stack_roles

    out: list[tuple[Item, str, Story | None]] = []
    for story in stories.stories:
        if story.stack is not None:
            out.extend((block, role, story) for block, role in stack_roles(story.stack))
            out.extend((line, "byline", story) for line in story.stack.bylines)
        for element in reading_order(story):
            if isinstance(element, Stack):
                out.extend((block, "subhead", story) for block in _stack_blocks(element))
            else:
                out.append((element, "table" if isinstance(element, TableBlock) else "body", story))
        out.extend((caption, "caption", story) for caption in story.captions)
    for item in found:
        if item.caption is not None:
            out.append((item.caption, "caption", item.story))
    for caption in stories.loose_captions:
        out.append((caption, "caption", None))
    furniture: list[Item] = []
    for element in stories.furniture:
        furniture.extend(_stack_blocks(element) if isinstance(element, Stack) else [element])
    furniture.sort(key=lambda item: (-round(item.y1), item.x0))
    out.extend((item, "furniture", None) for item in furniture)
    return out


def _opens(item: Item, em: float) -> bool | None:
    """A block of text opens with a paragraph's first line (set in from the block's common left
    edge by an indent), or runs on from text before it; None for a line on its own."""
    from .page import most_common_left

    if not isinstance(item, Block):
        return None
    lines = item.lines[1:] if item.lines and byline_line(item.lines[0]) else item.lines
    if len(lines) < 2:
        return None
    left = most_common_left([line.x0 for line in lines])
    return lines[0].x0 - left >= MIN_INDENT * em


def _inside(item: Item, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return item.x0 >= x0 - 1 and item.x1 <= x1 + 1 and item.y0 >= y0 - 1 and item.y1 <= y1 + 1


def _stack_blocks(stack: Stack) -> list[Block]:
    return [*stack.blocks, *([stack.deck] if stack.deck is not None else [])]
