"""The page's blocks as the model keeps them: ids, boxes, roles and the article each went to.

Every block the layout read gets an id of its page, ``p07-b012``: its place on the page, top to
bottom and then left to right, so that the id depends on where the block stands, not on which
story the rules gave it (a corrections file naming blocks stays valid when the rules change).
:func:`page_layout` lists them in reading order for drawings (``inspect --draw``), layout
warnings and ``[[move]]`` corrections (:class:`~sphinx_newspaper.model.PageLayout`).
"""

from __future__ import annotations

from ...model import Article, PageLayout, Placed
from ..lines import join_lines, normalise
from .chars import PdfPage
from .layout import MIN_INDENT, Block, Layout
from .lines import Line
from .pictures import Found
from .roles import Stack, byline_line
from .stories import Stories, Story

Item = Block | Line


def block_ids(stories: Stories, found: list[Found], slug: str) -> dict[int, str]:
    """``id(item) -> "p07-b012"`` for every block and headline line the page's stories,
    captions and furniture hold, numbered by place on the page."""
    items = [item for item, _role, _story in _items(stories, found)]
    ordered = sorted({id(item): item for item in items}.values(), key=lambda item: (-round(item.y1), item.x0))
    return {id(item): f"{slug}-b{number:03d}" for number, item in enumerate(ordered, 1)}


def page_layout(
    pdf: PdfPage,
    layout: Layout,
    stories: Stories,
    found: list[Found],
    ids: dict[int, str],
    articles: list[Article],
    header: float,
) -> PageLayout:
    """The page's measures, rules and blocks (in reading order, each with the id of its
    article: ``articles`` are the stories' articles, in the stories' order)."""
    article_of = {id(story): article.id for story, article in zip(stories.stories, articles, strict=True)}
    blocks: list[Placed] = []
    seen: set[int] = set()
    for item, role, story in _items(stories, found):
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
    )


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
                out.append((element, "body", story))
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
