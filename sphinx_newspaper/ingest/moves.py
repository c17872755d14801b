"""``[[move]]`` corrections: text read into the wrong story, moved to the story it belongs to.

A move names what to move, either blocks by the ids ``inspect --draw`` shows (PDF pages)::

    [[move]]
    blocks = ["b512-610", "b512-788"]    # the last columns of p07-02, read into p07-03
    to = "p07-02"
    where = "end"                        # or "start": an opening read into another story

or a span of an article's text (any page)::

    [[move]]
    id = "p04-03"                        # the article holding it
    at = "去年，昭通全市"                   # the span starts at this text
    until = "的目标。"                     # and ends with this text (default: the article's end)
    to = "new"                           # a new article (title, kicker, subtitle, byline optional)
    title = "昭通农村劳动力转移就业"

Blocks may come from an article (their text is cut out of its paragraphs where a paragraph ran
on from one block into the next), from its captions, or from the page's furniture (a story the
ingest took for furniture).  Moved text goes to the end of the target article, or to its start
with ``where = "start"``; a paragraph cut in mid-sentence joins the paragraph it continues.  A
new article stands before the first article that starts below it on the page (else after the
article the text came from); its title is ``title``, else inferred from its first words.

Ids always refer to the page as the ingest made it.  Errors name the table: an unknown block
or article, a block named twice, spans that overlap, text that does not occur, text moved to
where it already is, and moves that send text round in a circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Article, Block, Box, Page, PageLayout, Placed
from ..util.errors import IngestError
from .headlines import infer_title
from .lines import ends_sentence, join_lines

HINT = "see 'Corrections' in docs/checking.md"
#: Roles of blocks that are an article's headline: corrected with ``[[article]]``, not moved.
HEADLINE_ROLES = ("kicker", "title", "subtitle", "byline")
NEW = "new"


@dataclass
class Moved:
    """The page's state after the moves: articles by id, their order, furniture, layout, and
    the new articles made (id -> the table that made it)."""

    articles: dict[str, Article]
    order: list[str]
    furniture: list[str]
    credits: list[str]
    layout: PageLayout | None
    made: dict[str, str] = field(default_factory=dict)


def check_move(source: str, where: str, entry: dict[str, Any]) -> None:
    """The keys of one ``[[move]]`` table make sense together (values are checked already)."""
    if ("blocks" in entry) == ("id" in entry):
        raise IngestError(source, f"{where}: name either 'blocks' or an article 'id' with 'at'", HINT)
    if "id" in entry and "at" not in entry:
        raise IngestError(source, f"{where}: 'at' is missing: the text the span starts with", HINT)
    if "blocks" in entry and ("at" in entry or "until" in entry):
        raise IngestError(source, f"{where}: 'at' and 'until' go with 'id', not with 'blocks'", HINT)
    if "page" in entry and "blocks" not in entry:
        raise IngestError(source, f"{where}: 'page' goes with 'blocks' (an article id names its page)", HINT)
    if entry.get("where", "end") not in ("start", "end"):
        raise IngestError(source, f'{where}: \'where\' is "start" or "end", not {entry["where"]!r}', HINT)
    if entry["to"] != NEW:
        extra = sorted({"title", "kicker", "subtitle", "byline"} & set(entry))
        if extra:
            problem = f'{where}: {extra[0]!r} goes with to = "new" (set an article\'s parts with [[article]])'
            raise IngestError(source, problem, HINT)
    blocks = entry.get("blocks", [])
    for block in blocks:
        if blocks.count(block) > 1:
            raise IngestError(source, f"{where}: the block {block!r} is named twice", HINT)


def check_moves_once(source: str, entries: list[dict[str, Any]]) -> None:
    """Each block is moved by one table only."""
    moved: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        for block in entry.get("blocks", []):
            first = moved.setdefault(block, number)
            if first != number:
                problem = f"[[move]] #{number}: the block {block!r} is moved by [[move]] #{first} already"
                raise IngestError(source, problem, HINT)


def move_page(entry: dict[str, Any], pages: list[Page], where: str, source: str) -> str:
    """The slug of the page a ``[[move]]`` of blocks to a new article is for, in a PDF of
    several pages: its ``page`` (``"p07"``), else the one page holding all its blocks."""
    slugs = [page.slug for page in pages]
    if "page" in entry:
        if entry["page"] not in slugs:
            raise IngestError(
                source, f"{where}: no page {entry['page']!r} in this file (pages: {', '.join(slugs)})", HINT
            )
        return entry["page"]
    holding = [
        page.slug
        for page in pages
        if page.layout is not None and all(page.layout.block(block) for block in entry["blocks"])
    ]
    if len(holding) == 1:
        return holding[0]
    problem = (
        f"{where}: its blocks are on {' and '.join(holding)}"
        if holding
        else f"{where}: no page holds all its blocks"
    )
    raise IngestError(source, problem + f'; name the page: page = "{slugs[0]}"', HINT)


def apply_moves(
    page: Page, articles: dict[str, Article], order: list[str], entries: list[dict[str, Any]], source: str
) -> Moved:
    """The ``[[move]]`` tables applied to the page's articles (as the ingest made them)."""
    layout = _copy_layout(page.layout)
    state = Moved(dict(articles), list(order), list(page.furniture), list(page.credits), layout)
    planned = [_plan(page, state, number, entry, source) for number, entry in enumerate(entries, 1)]
    _check_spans(planned, source)
    _check_circles(planned, source)
    for plan in planned:
        _carry_out(page, state, plan, source)
    return state


@dataclass
class _Plan:
    number: int
    entry: dict[str, Any]
    origin: str  # the article the text comes from, or "furniture"
    blocks: list[Placed] = field(default_factory=list)
    span: tuple[int, int] | None = None  # offsets in the article's text (its blocks joined)

    @property
    def where(self) -> str:
        return f"[[move]] #{self.number}"


def _plan(page: Page, state: Moved, number: int, entry: dict[str, Any], source: str) -> _Plan:
    where = f"[[move]] #{number}"
    target = entry["to"]
    if target != NEW and target not in state.articles:
        known = ", ".join(state.articles) or "none"
        raise IngestError(source, f"{where}: no article {target!r} on this page (articles: {known})", HINT)
    if "id" in entry:
        article = state.articles.get(entry["id"])
        if article is None:
            known = ", ".join(state.articles) or "none"
            raise IngestError(
                source, f"{where}: no article {entry['id']!r} on this page (articles: {known})", HINT
            )
        span = _find_span(article, entry["at"], entry.get("until"), source, where)
        plan = _Plan(number, entry, entry["id"], span=span)
    else:
        if state.layout is None:
            problem = f"{where}: blocks have ids on PDF pages only; move text with id, at and until"
            raise IngestError(source, problem, HINT)
        placed = []
        origins = set()
        for identifier in entry["blocks"]:
            block = next((p for p in state.layout.blocks if p.id == identifier), None)
            if block is None:
                problem = (
                    f"{where}: no block {identifier!r} on this page (see inspect --draw for the block ids)"
                )
                raise IngestError(source, problem, HINT)
            if block.role in HEADLINE_ROLES:
                problem = (
                    f"{where}: {identifier!r} is the {block.role} of {block.article}; set headline parts "
                    "with [[article]], or join a false headline's story to its own with [[merge]]"
                )
                raise IngestError(source, problem, HINT)
            placed.append(block)
            origins.add(block.article or "furniture")
        if len(origins) > 1:
            problem = f"{where}: the blocks stand in {' and '.join(sorted(origins))}; move each one's blocks in a table of its own"
            raise IngestError(source, problem, HINT)
        plan = _Plan(number, entry, origins.pop(), blocks=placed)
    if plan.origin == target:
        raise IngestError(source, f"{where}: the text is in {target!r} already", HINT)
    return plan


def _check_spans(plans: list[_Plan], source: str) -> None:
    """Spans of one article may not overlap, nor hold a block another table moves."""
    for index, plan in enumerate(plans):
        if plan.span is None:
            continue
        for other in plans[index + 1 :]:
            if other.span is not None and other.origin == plan.origin:
                if other.span[0] < plan.span[1] and plan.span[0] < other.span[1]:
                    problem = f"{other.where}: its span overlaps the span of {plan.where} in {plan.origin!r}"
                    raise IngestError(source, problem, HINT)


def _check_circles(plans: list[_Plan], source: str) -> None:
    """No text travels back where other text comes from: A → B with B → A (or a longer ring)."""
    edges: dict[str, set[str]] = {}
    for plan in plans:
        if plan.entry["to"] != NEW and plan.origin != "furniture":
            edges.setdefault(plan.origin, set()).add(plan.entry["to"])
    for plan in plans:
        start = plan.origin
        seen, frontier = set(), [plan.entry["to"]]
        while frontier:
            node = frontier.pop()
            if node == start:
                problem = (
                    f"{plan.where}: the moves send text in a circle through {start!r}; move each text once, "
                    "from where the ingest put it to where it belongs"
                )
                raise IngestError(source, problem, HINT)
            if node not in seen:
                seen.add(node)
                frontier.extend(edges.get(node, ()))


def _carry_out(page: Page, state: Moved, plan: _Plan, source: str) -> None:
    entry = plan.entry
    if plan.span is not None:
        article = state.articles[plan.origin]
        pieces, rest = _cut_span(article.blocks, plan.span)
        state.articles[plan.origin] = replace(article, blocks=rest)
        boxes: list[Box] = []
        captions: list[str] = []
    else:
        pieces, boxes, captions = _take_blocks(state, plan, source)
    target_id = entry["to"]
    if target_id == NEW:
        target_id = _new_article(page, state, plan, pieces, boxes)
        pieces = state.articles[target_id].blocks
        state.articles[target_id] = replace(state.articles[target_id], blocks=[])
    target = state.articles[target_id]
    blocks = (
        _joined(pieces, target.blocks)
        if entry.get("where", "end") == "start"
        else _joined(target.blocks, pieces)
    )
    state.articles[target_id] = replace(
        target,
        blocks=blocks,
        captions=[*target.captions, *captions],
        regions=[*target.regions, *boxes],
    )
    if state.layout is not None:
        moved = {p.id for p in plan.blocks}
        for placed in state.layout.blocks:
            if placed.id in moved:
                placed.article = target_id


def _take_blocks(state: Moved, plan: _Plan, source: str) -> tuple[list[Block], list[Box], list[str]]:
    """The blocks' text taken from where it stands: paragraphs (cut where a paragraph runs on
    into another block), captions, or furniture lines."""
    ids = {p.id for p in plan.blocks}
    boxes = [p.box for p in plan.blocks]
    if plan.origin == "furniture":
        for placed in plan.blocks:
            _take_lines(state, placed, plan.where, source)
        texts = [p.text for p in plan.blocks]
        return (
            [Block("paragraph", text, parts=[(p.id, 0)]) for text, p in zip(texts, plan.blocks, strict=True)],
            boxes,
            [],
        )
    article = state.articles[plan.origin]
    pieces: list[Block] = []
    rest: list[Block] = []
    captions: list[str] = []
    for block in article.blocks:
        taken, kept = _cut_parts(block, ids)
        pieces.extend(taken)
        rest.extend(kept)
    article_captions = list(article.captions)
    for placed in plan.blocks:
        if placed.role == "caption":
            caption = next(
                (c for c in article_captions if c.replace(" ", "") == placed.text.replace(" ", "")), None
            )
            if caption is not None:
                article_captions.remove(caption)
                captions.append(caption)
    found = {identifier for block in pieces for identifier, _ in block.parts} | {
        p.id for p in plan.blocks if p.role == "caption"
    }
    missing = sorted(ids - found)
    if missing:
        problem = f"{plan.where}: the block {missing[0]!r} holds no text of {plan.origin!r} that can be moved"
        raise IngestError(source, problem, HINT)
    regions = [box for box in article.regions if box not in boxes]
    state.articles[plan.origin] = replace(article, blocks=rest, captions=article_captions, regions=regions)
    return pieces, boxes, captions


def _take_lines(state: Moved, placed: Placed, where: str, source: str) -> None:
    """Remove a furniture block's lines from the page's furniture (or credits)."""
    text = placed.text.replace(" ", "")
    for lines in (state.furniture, state.credits):
        joined = ""
        start = None
        for index, line in enumerate(lines):
            squeezed = line.replace(" ", "")
            if start is None and text.startswith(squeezed):
                start, joined = index, squeezed
            elif start is not None:
                joined += squeezed
            if start is not None and joined == text:
                del lines[start : index + 1]
                return
            if start is not None and not text.startswith(joined):
                start, joined = (index, squeezed) if text.startswith(squeezed) else (None, "")
    problem = f"{where}: the text of {placed.id} is not in the page's furniture any more"
    raise IngestError(source, problem, HINT)


def _cut_parts(block: Block, ids: set[str]) -> tuple[list[Block], list[Block]]:
    """A block split into what the named layout blocks hold and the rest, each piece with its
    parts; parts in a row on one side stay one paragraph."""
    if not block.parts or not any(identifier in ids for identifier, _ in block.parts):
        return [], [block]
    if block.kind != "paragraph":
        return [block], []
    bounds = [start for _, start in block.parts[1:]] + [len(block.text)]
    taken: list[Block] = []
    kept: list[Block] = []
    previous: bool | None = None
    for (identifier, start), end in zip(block.parts, bounds, strict=True):
        side = identifier in ids
        out = taken if side else kept
        piece = block.text[start:end].strip()
        if not piece:
            continue
        if previous == side and out:
            last = out[-1]
            text = join_lines([last.text, piece])
            out[-1] = replace(last, text=text, parts=[*last.parts, (identifier, len(text) - len(piece))])
        else:
            out.append(replace(block, text=piece, parts=[(identifier, 0)]))
        previous = side
    return taken, kept


def _find_span(article: Article, at: str, until: str | None, source: str, where: str) -> tuple[int, int]:
    text = _article_text(article)
    start = text.find(at)
    if start < 0:
        raise IngestError(source, f"{where}: the text {at!r} does not occur in article {article.id!r}", HINT)
    if until is None:
        return start, len(text)
    end = text.find(until, start)
    if end < 0:
        problem = f"{where}: the text {until!r} does not occur in article {article.id!r} after {at!r}"
        raise IngestError(source, problem, HINT)
    return start, end + len(until)


#: Blocks are joined with this between them when a span is looked for (no text holds it).
_SEPARATOR = "\n"


def _article_text(article: Article) -> str:
    return _SEPARATOR.join(block.text for block in article.blocks)


def _cut_span(blocks: list[Block], span: tuple[int, int]) -> tuple[list[Block], list[Block]]:
    """Blocks split at the span's ends: the pieces inside it, and the rest."""
    inside: list[Block] = []
    rest: list[Block] = []
    position = 0
    for block in blocks:
        start, end = position, position + len(block.text)
        position = end + len(_SEPARATOR)
        low, high = max(span[0], start), min(span[1], end)
        if high <= low:
            rest.append(block)
            continue
        head, middle, tail = (
            block.text[: low - start],
            block.text[low - start : high - start],
            block.text[high - start :],
        )
        if block.kind != "paragraph" and (head.strip() or tail.strip()):
            middle, head, tail = block.text, "", ""  # a subhead or table moves whole
        if head.strip():
            rest.append(replace(block, text=head.rstrip(), parts=_parts_within(block, 0, low - start)))
        inside.append(
            replace(block, text=middle.strip(), parts=_parts_within(block, low - start, high - start))
        )
        if tail.strip():
            rest.append(
                replace(block, text=tail.lstrip(), parts=_parts_within(block, high - start, len(block.text)))
            )
    return inside, rest


def _parts_within(block: Block, low: int, high: int) -> list[tuple[str, int]]:
    """The block's parts that fall in ``[low, high)``, their offsets from ``low``."""
    if not block.parts:
        return []
    bounds = [start for _, start in block.parts[1:]] + [len(block.text)]
    out = []
    for (identifier, start), end in zip(block.parts, bounds, strict=True):
        if start < high and end > low:
            out.append((identifier, max(0, start - low)))
    return out


def _joined(first: list[Block], second: list[Block]) -> list[Block]:
    """Two runs of blocks one after the other; a paragraph that stops in mid-sentence takes
    the paragraph after it as its continuation."""
    if (
        first
        and second
        and first[-1].kind == second[0].kind == "paragraph"
        and not ends_sentence(first[-1].text)
    ):
        last, following = first[-1], second[0]
        offset = len(join_lines([last.text, following.text])) - len(following.text)
        merged = replace(
            last,
            text=join_lines([last.text, following.text]),
            parts=[*last.parts, *((identifier, start + offset) for identifier, start in following.parts)],
        )
        return [*first[:-1], merged, *second[1:]]
    return [*first, *second]


def _new_article(page: Page, state: Moved, plan: _Plan, pieces: list[Block], boxes: list[Box]) -> str:
    """A new article of the moved text, placed in the page's order; its id (temporary: the
    page's articles are numbered anew after the corrections)."""
    entry = plan.entry
    identifier = f"{plan.origin}+move{plan.number}"
    title = entry.get("title")
    blocks = list(pieces)
    if title is not None:
        squeezed = title.replace(" ", "")
        blocks = [b for b in blocks if b.text.replace(" ", "") != squeezed]  # the headline itself
    first = next((b.text for b in blocks if b.kind == "paragraph"), blocks[0].text if blocks else "")
    article = Article(
        id=identifier,
        title=title if title is not None else infer_title(first),
        blocks=blocks,
        kicker=entry.get("kicker"),
        subtitle=entry.get("subtitle"),
        byline=entry.get("byline"),
        title_inferred=title is None,
        line=blocks[0].line if blocks else None,
        regions=list(boxes),
    )
    state.articles[identifier] = article
    state.made[identifier] = plan.where
    top = max((box[3] for box in boxes), default=None)
    position = None
    if top is not None:
        position = next(
            (
                index
                for index, other in enumerate(state.order)
                if other in state.articles
                and state.articles[other].regions
                and max(box[3] for box in state.articles[other].regions) < top
            ),
            None,
        )
    if position is None:
        position = state.order.index(plan.origin) + 1 if plan.origin in state.order else len(state.order)
    state.order.insert(position, identifier)
    return identifier


def _copy_layout(layout: PageLayout | None) -> PageLayout | None:
    if layout is None:
        return None
    return replace(layout, blocks=[replace(placed) for placed in layout.blocks])


def renumber_layout(layout: PageLayout | None, renamed: dict[str, str]) -> PageLayout | None:
    """The layout with its blocks' articles named as the corrected page names them."""
    if layout is None:
        return None
    blocks = [
        replace(p, article=renamed.get(p.article, p.article) if p.article else None) for p in layout.blocks
    ]
    return replace(layout, blocks=blocks)
