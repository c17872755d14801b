"""Which story each block of a PDF page belongs to, and the order a reader takes them in.

A reader finds a block's story by looking up its column: the text right above it (the same
story, read on), or the headline above it.  Where nothing is right above, the headline beside it
in the same band heads it (vertical headlines, headlines over some of their story's columns).
A byline or a lead (本报讯) starts a story wherever it stands, and a closing author (（王普）,
（作者为…）) ends one.

Stacks are decided first: a **story headline** says so (kicker or subtitle, byline or lead
under it, vertical type, wider than a column) or stands on its own; a stack set in a column of
running text, or right under a much larger headline, is a **subhead** of that story.

Within a story, blocks are read by columns: columns from left to right, each top to bottom.
Stories are read top to bottom, then left to right, by where their headline (or first text)
stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..headlines import is_lead
from ..lines import ends_sentence, normalise
from ..masthead import is_advert_end, is_advert_text
from .chars import PdfPage
from .layout import HANG, MIN_INDENT, Block
from .lines import Line, side_gap
from .regions import PageRegions, Region, cut_page
from .roles import (
    BRIEFS_LABEL,
    EMBEDDED,
    SUBHEAD_RATIO,
    Roles,
    Stack,
    byline_line,
    caption_run_ons,
    closes_story,
    closing_run_on,
)
from .tables import TableBlock

#: A stack wider than this many columns spans columns: a story headline.
SPANNING = 1.5
#: A stack at most this many ems high that opens a column level with running text beside it
#: is a subhead (a story's headline is larger, or stands over its text).
COLUMN_SUBHEAD = 1.3
#: Lines of advert copy within this many ems of each other are one advert.
ADVERT_REACH = 6.0
#: What a sentence ends with, a closing quote after its full stop included.
#: A body block is read on from the text right above it when the gap is at most this many leadings.
READ_ON = EMBEDDED


Element = Block | Stack
Box = tuple[float, float, float, float]


@dataclass
class Story:
    """A story being assembled: its headline stack, its blocks and subheads, its captions."""

    stack: Stack | None
    blocks: list[Block] = field(default_factory=list)
    subheads: list[Stack] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)
    opened: bool = False  # a byline or lead has opened its text
    closed: bool = False  # a closing author has ended it
    merged_into: Story | None = None  # read on into another story's text (its column's last)

    @property
    def elements(self) -> list[Element]:
        items: list[Element] = [*self.blocks, *self.subheads]
        return items

    @property
    def top(self) -> float:
        tops = [e.y1 for e in self.elements] + ([self.stack.y1] if self.stack else [])
        return max(tops)

    @property
    def left(self) -> float:
        lefts = [e.x0 for e in self.elements] + ([self.stack.x0] if self.stack else [])
        return min(lefts)


@dataclass
class Stories:
    stories: list[Story]
    furniture: list[Block | Stack]  # stacks and blocks no story claimed
    loose_captions: list[Block]  # captions of photos that stand alone
    adverts: list[Box] = field(default_factory=list)  # boxes holding advert copy


def read_stories(roles: Roles) -> Stories:
    """Every body block, stack and caption of the page given to a story, or left as furniture."""
    layout = roles.layout
    em, leading, column = layout.em, layout.leading, layout.column
    elements: list[Element] = [*roles.body, *roles.stacks, *roles.captions, *roles.furniture]
    owner: dict[int, Story] = {}
    stories: list[Story] = []
    headed: dict[int, Story] = {}  # id(stack) -> the story it heads

    def story_of_stack(stack: Stack) -> Story:
        if id(stack) not in headed:
            headed[id(stack)] = Story(stack)
            stories.append(headed[id(stack)])
        return headed[id(stack)]

    column_tops: set[int] = set()  # subheads opening a column, level with the text beside them
    caption_ids = {id(caption) for caption in roles.captions}

    page = layout.lines.page
    regions = getattr(roles, "regions", None) or cut_page(
        [block for element in elements for block in _blocks_of(element)], page, em, leading
    )
    members = _members(elements, regions)

    # stacks first, top to bottom: story headlines and subheads
    fences = _rules_but_picture_frames(roles.layout.lines.page)
    for stack in sorted(roles.stacks, key=lambda s: -s.y1):
        if stack.role == "furniture":
            continue
        label = _briefs_label_above(stack, roles.stacks, roles.layout.lines.page)
        if label is not None:
            stack.role, stack.brief = "story", True  # a brief under its column's label
            continue
        under = _blocks_under(stack, roles.body, leading, em)
        if (
            stack.tiered
            or stack.vertical
            or stack.bylines
            or stack.width >= SPANNING * column
            or _wider_than_its_column(stack, under, em)
            or any(_starts_story(block) for block in under)
            or _columns(under) >= 2
            or _heads_a_band(stack, regions, members, roles.body, em)
        ):
            stack.role = "story"
            continue
        above = _nearest_above(stack, elements, em)
        pictured = above is not None and id(above) in caption_ids  # a photo and its caption between
        if pictured:
            # what stands over the photo is above (the photo's frame parts nothing)
            above = _nearest_above(stack, [e for e in elements if id(e) not in caption_ids], em)
        gap = (above.y0 - stack.y1) if above is not None else 0.0
        in_header = above is not None and above.y0 >= roles.header
        ruled = not pictured and _rule_between(above, stack, fences) if above else False
        if (
            above is not None
            and not in_header
            and ruled
            and stack.size <= COLUMN_SUBHEAD * em
            and not stack.bylines
            and _level_with_text_beside(stack, roles.body, column, em)
        ):
            # subhead type opening a column under a rule, level with running text beside it:
            # a story's columns start level under the rule, and this one opens with a subhead
            stack.role = "subhead"
            column_tops.add(id(stack))
        elif above is not None and not in_header and ruled:
            stack.role = "story"  # a rule ends the column above: it heads a story of its own
        elif (
            isinstance(above, Block)
            and above in roles.body
            and gap <= EMBEDDED * leading
            and not isinstance(above, TableBlock)
            and not _closed(above)
            and not _closing_between(above, stack, roles.body)
        ):
            stack.role = "subhead"  # in a column of running text (a table or a closing ends one)
        elif (
            isinstance(above, Stack)
            and above.role in ("story", "subhead")
            and above.size >= SUBHEAD_RATIO * stack.size
        ):
            stack.role = "subhead"
        elif (
            above is None
            or in_header
            or (isinstance(above, Stack) and above.role == "story" and above.size > stack.size)
        ) and _level_with_text_beside(stack, roles.body, column, em):
            stack.role = "subhead"  # at the top of a column of a story that reads across
            column_tops.add(id(stack))
        else:
            stack.role = "story"

    # body blocks and subheads, top to bottom: whose story they continue
    flow = [e for e in [*roles.body, *(s for s in roles.stacks if s.role == "subhead")]]
    deferred: list[tuple[Story, Block]] = []  # a column's top read on from the column to its left

    def reading_top(element: Element) -> float:
        # a subhead opening a column is read after the text level with it on its left
        return element.y1 - 2 * em if id(element) in column_tops else element.y1

    modelled = headed_regions(roles, regions, members)
    for element in sorted(flow, key=lambda e: (-reading_top(e), e.x0)):
        above = _nearest_above(element, elements, em)
        if id(element) in modelled:
            # the model: the text in the regions under a headline in its band is its story's
            story = story_of_stack(modelled[id(element)])
            if isinstance(element, Block) and _starts_story(element):
                story.opened = True
            if isinstance(element, Block) and _closing_line(element):
                story.closed = True
            owner[id(element)] = story
            if isinstance(element, Stack):
                story.subheads.append(element)
            else:
                story.blocks.append(element)
            continue
        while (
            above is not None
            and id(above) in caption_ids
            and above.y0 - element.y1 <= READ_ON * leading
            and not _fenced(above, element, page)
        ):
            # text right under a photo's caption reads on from above the photo
            above = _nearest_above(above, elements, em)
        story: Story | None = None
        vertical = _vertical_headline_level_with(element, roles, elements, column, em)
        if vertical is not None:
            story = story_of_stack(vertical)  # a vertical headline heads the text level with it
        elif isinstance(element, Block) and _starts_story(element):
            # a byline or lead opens the story of the headline above or beside it, once
            if _byline_block(above) and id(above) in owner and above.y0 - element.y1 <= READ_ON * leading:
                story = owner[id(above)]  # the lead under its byline
            elif isinstance(above, Stack) and above.role == "story":
                story = story_of_stack(above)
            else:
                beside = _headline_over_row(element, roles, elements, fences, em)
                if beside is None and _opens_with_byline(element, em):
                    # a column opening with its own byline starts a story's text: the headline
                    # just over its row, never a story beside it that has a byline already
                    beside = _headline_atop(element, roles.stacks, em)
                    if beside is None:
                        beside = _stack_beside(element, roles.stacks, headed, roles.body)
                        if beside is not None and beside.bylines:
                            beside = None
                elif beside is None:
                    beside = _stack_beside(element, roles.stacks, headed, roles.body)
                story = story_of_stack(beside) if beside is not None else None
            if story is None or (story.opened and story is not owner.get(id(above))):
                story = Story(None)
                stories.append(story)
            story.opened = True
        elif isinstance(element, Block) and _closing_line(element):
            # a closing author set apart: it ends the story beside (or above) it
            neighbour = _left_on_row(element, roles.body, em) or _text_before(element, roles.body, leading)
            if neighbour is None and (
                above is None
                or id(above) not in owner
                or above.y0 - element.y1 > READ_ON * leading
                or _rule_between(above, element, roles.layout.lines.page.rules)
            ):
                # at the top of its column: it ends the text at the foot of the column before
                neighbour = _foot_on_the_left(element, roles.body, roles.layout.lines.page.rules, em)
            neighbour = neighbour or above
            story = owner.get(id(neighbour)) if neighbour is not None else None
            if story is None:
                story = Story(None)
                stories.append(story)
            story.closed = True
        elif (
            isinstance(above, Stack)
            and above.role == "furniture"
            and above.y0 - element.y1 <= READ_ON * leading
            and not _continues_paragraph(element, em, roles.body)
        ):
            story = Story(None)  # under a column label (简讯): a story of its own
            stories.append(story)
        elif (
            above is not None
            and id(above) in owner
            and _bracket_open(above)
            and _reads_on(above, element, leading, roles)
        ):
            story = owner[id(above)]  # the rest of a closing note (（作者为…本报记者范 / 昊天整理。）
        elif (
            above is not None
            and id(above) in owner
            and (
                (owner[id(above)].closed and not _ends_further_right(owner[id(above)], element, em))
                or _closed(above)
            )
            and not _rule_between(above, element, roles.layout.lines.page.rules)
            and not _briefs_row_under(element, above, roles.stacks, roles.body, em)
        ):
            # under a story that has ended (a closing set apart or run on): the vertical headline
            # beside it, or a story of its own
            beside = _stack_beside(element, roles.stacks, headed, roles.body)
            story = story_of_stack(beside) if beside is not None and beside.vertical else None
            if story is None:
                story = Story(None)
                stories.append(story)
        elif above is not None and id(above) in owner and _reads_on(above, element, leading, roles):
            story = owner[id(above)]
        elif isinstance(above, Stack) and above.role == "story":
            story = story_of_stack(above)
        else:
            rules = roles.layout.lines.page.rules
            beside = _headline_over_row(element, roles, elements, fences, em) or _stack_beside(
                element, roles.stacks, headed, roles.body
            )
            left = _left_at_top(element, flow, owner, em)
            if left is not None and _rule_beside(left, element, rules):
                left = None
            bottom = None
            if left is not None and (owner[id(left)].stack is None or owner[id(left)].stack.brief):
                bottom = _column_bottom(left, element, roles.body, rules, em)  # a column of briefs
            if (
                left is not None
                and bottom is not None
                and bottom is not left
                and (beside is None or beside.y1 < element.y1 - 2 * em)
            ):
                # a column of briefs holds more below its first: its last brief reads on into
                # this column, which is known once the page is read down to it
                story = Story(None)
                stories.append(story)
                deferred.append((story, bottom))
            elif (
                left is not None and (beside is None or beside.y1 < element.y1 - 2 * em) and not _closed(left)
            ):
                story = owner[id(left)]  # the column to the left reads on into this one
            elif beside is not None:
                story = story_of_stack(beside)
            elif (
                above is not None
                and id(above) in owner
                and not _closed(above)
                and not _rule_between(above, element, rules)
                and not _briefs_row_under(element, above, roles.stacks, roles.body, em)
            ):
                story = owner[id(above)]
            else:
                story = Story(None)
                stories.append(story)
        owner[id(element)] = story
        if isinstance(element, Stack):
            story.subheads.append(element)
        else:
            story.blocks.append(element)

    for placeholder, bottom in deferred:
        target = owner.get(id(bottom))
        while target is not None and target.merged_into is not None:
            target = target.merged_into
        if target is None or target is placeholder or _closed(bottom):
            continue
        target.blocks.extend(placeholder.blocks)
        target.subheads.extend(placeholder.subheads)
        placeholder.blocks, placeholder.subheads = [], []
        placeholder.merged_into = target
        for key, story in owner.items():
            if story is placeholder:
                owner[key] = target

    loose: list[Block] = []
    run_ons = caption_run_ons(roles.captions, roles.body, page.pictures, em)
    run_on_ids = {id(credit) for credit in run_ons.values()}
    for caption in roles.captions:
        if id(caption) in run_on_ids:
            continue  # read with the caption it ends
        rest = run_ons.get(id(caption))
        if rest is not None:  # one caption, standing where it starts (under its photo)
            caption = Block(
                [*caption.lines, *rest.lines], caption.x0, caption.x1, caption.y0, caption.y1, caption.size
            )
        story = _caption_story(caption, stories, elements, layout.lines.page, em)
        if story is None:
            loose.append(caption)
        else:
            story.captions.append(caption)

    furniture: list[Block | Stack] = list(roles.furniture)
    adverts = _advert_boxes(elements, roles.header, em) + _advert_frames(elements, layout.lines.page)
    kept = []
    for story in stories:
        if not story.blocks:
            continue
        if not story.opened and any(_inside(story, box, em) for box in adverts):
            furniture.extend(story.blocks)
            furniture.extend(story.captions)
            continue  # its stack and subheads go to the furniture below
        kept.append(story)
    used = {id(story.stack) for story in kept} | {id(sub) for story in kept for sub in story.subheads}
    for story in stories:
        if not story.blocks:
            loose.extend(story.captions)
    furniture.extend(stack for stack in roles.stacks if id(stack) not in used)
    kept.sort(key=lambda story: (-round(story.top / (2 * em)), story.left))
    return Stories(kept, furniture, loose, adverts)


def _members(elements: list[Element], regions: PageRegions) -> dict[int, list[Element]]:
    """``id(leaf) -> the elements standing in it``."""
    members: dict[int, list[Element]] = {}
    for element in elements:
        leaf = regions.leaf(element)
        if leaf is not None:
            members.setdefault(id(leaf), []).append(element)
    return members


def _heads_a_band(
    stack: Stack, regions: PageRegions, members: dict[int, list[Element]], body: list[Block], em: float
) -> bool:
    """The model's story headline: the first thing in its band (nothing but labels above it
    there), running text under it in the band before any rule, and no running text beside it
    in the next columns starting level with it (a subhead opening a column of a story that
    reads across)."""
    leaf = regions.leaf(stack)
    band = leaf.parent if leaf is not None else None
    if band is None or band.kind != "bands":
        return False
    index = band.children.index(leaf)
    texts = {id(block) for block in body}

    def text_in(region: Region) -> list[Block]:
        return [e for node in region.leaves() for e in members.get(id(node), []) if id(e) in texts]

    if any(text_in(region) for region in band.children[:index]):
        return False
    under = False
    for region in band.children[index + 1 :]:
        if region.edge == "rule":
            break
        if text_in(region):
            under = True
            break
    if not under:
        return False
    row = band.parent
    if row is not None and row.kind == "columns":
        for region in row.children:
            if region is not band and any(abs(_text_top(b) - stack.y1) <= 2 * em for b in text_in(region)):
                return False
    return True


def headed_regions(roles: Roles, regions: PageRegions, members: dict[int, list[Element]]) -> dict[int, Stack]:
    """The page's model of stories: a story headline heads the regions under it in its band,
    up to the next rule or the next region holding a story headline; ``id(element) -> its
    headline`` for the running text and subheads there.  Where the model cannot tell (a
    headline beside its text, a story opening or closing inside the run: briefs), it says
    nothing and the rules below decide."""
    out: dict[int, Stack] = {}
    for stack in roles.stacks:
        if stack.role != "story" or stack.vertical or stack.brief:
            continue
        own = {id(line) for line in lines_of(stack)}
        leaf = regions.leaf(stack)
        band = leaf.parent if leaf is not None else None
        if band is None or band.kind != "bands":
            continue
        claimed: list[Element] = []
        for region in band.children[band.children.index(leaf) + 1 :]:
            inside = [e for node in region.leaves() for e in members.get(id(node), [])]
            if all(id(line) in own for e in inside for line in lines_of(e)):
                if region.edge == "rule":
                    break
                continue  # the headline's own tiers and byline
            if region.edge == "rule" or any(
                isinstance(e, Stack) and e.role in ("story", "furniture") and e is not stack for e in inside
            ):
                break
            claimed.extend(inside)
        captions = {id(caption) for caption in roles.captions}
        text = [e for e in claimed if isinstance(e, Block) and id(e) not in captions]
        ordered = sorted(text, key=regions.place)
        if any(_starts_story(block) for block in ordered[1:]) or any(
            _closed(block) for block in ordered[:-1]
        ):
            continue  # briefs, or a story opening in the run: the rules decide
        if ordered:
            claimed.extend(_columns_read_on(band, ordered, members, roles, regions))
        for element in claimed:
            if isinstance(element, Block) and element in roles.body:
                out[id(element)] = stack
            elif isinstance(element, Stack) and element.role == "subhead":
                out[id(element)] = stack
    return out


def _columns_read_on(
    band: Region, text: list[Block], members: dict[int, list[Element]], roles: Roles, regions: PageRegions
) -> list[Element]:
    """The columns beside a headed band that its text reads on into (a story's last column
    standing beside its headline, taller than the others): the next column to the right, no
    rule between, holding no headline, starting no lower than the story's text, its first line
    running on (no paragraph's first line, no lead) after the story's last words broke off
    mid-sentence; and the next after it, likewise.  The text is kept with the story whose
    columns it continues."""
    em = roles.layout.em
    out: list[Element] = []
    last = text[-1]
    top = max(block.y1 for block in text)
    node = band
    while node.parent is not None and node.parent.kind == "columns":
        siblings = node.parent.children
        index = siblings.index(node)
        if index + 1 >= len(siblings):
            break
        after = siblings[index + 1]
        if after.edge == "rule" or after.y1 < top - 2 * em:
            break
        inside = [e for leaf in after.leaves() for e in members.get(id(leaf), [])]
        if any(isinstance(e, Stack) and e.role != "subhead" for e in inside):
            break
        blocks = sorted((e for e in inside if isinstance(e, Block) and e in roles.body), key=regions.place)
        if not blocks or ends_sentence(normalise(last.text)) or _closed(last):
            break
        first = blocks[0]
        if _starts_story(first) or not _continues_paragraph(first, em, roles.body):
            break
        if any(_starts_story(block) for block in blocks[1:]) or any(_closed(block) for block in blocks[:-1]):
            break
        out.extend(e for e in inside if e in roles.body or (isinstance(e, Stack) and e.role == "subhead"))
        last, node = blocks[-1], after
    return out


def _blocks_of(element: Element) -> list[Block]:
    return [element] if isinstance(element, Block) else list(element.blocks)


def _advert_frames(elements: list[Element], page: PdfPage) -> list[Box]:
    """Frames holding an advert's closing ``（广告）`` line: the advert is what they frame."""
    ends = [line for element in elements for line in lines_of(element) if is_advert_end(normalise(line.text))]
    return [
        frame
        for frame in page.frames
        if any(
            frame[0] <= line.x0 and line.x1 <= frame[2] and frame[1] <= line.y0 and line.y1 <= frame[3]
            for line in ends
        )
    ]


def _advert_boxes(elements: list[Element], header: float, em: float) -> list[Box]:
    """Boxes holding advert copy (prices, promotions, ``（广告）``): lines of advert copy within
    a few ems of each other, three or more together (the page header left aside)."""
    lines = [
        line
        for element in elements
        for line in lines_of(element)
        if line.y1 < header and is_advert_text(normalise(line.text))
    ]
    boxes: list[list[float]] = []
    reach = ADVERT_REACH * em
    for line in sorted(lines, key=lambda line: -line.y1):
        near = [
            box
            for box in boxes
            if line.x0 - reach <= box[2]
            and box[0] <= line.x1 + reach
            and line.y0 - reach <= box[3]
            and box[1] <= line.y1 + reach
        ]
        merged = [line.x0, line.y0, line.x1, line.y1, 1.0]
        for box in near:
            boxes.remove(box)
            merged = [
                min(merged[0], box[0]),
                min(merged[1], box[1]),
                max(merged[2], box[2]),
                max(merged[3], box[3]),
                merged[4] + box[4],
            ]
        boxes.append(merged)
    return [(box[0], box[1], box[2], box[3]) for box in boxes if box[4] >= 3]


def lines_of(element: Element) -> list[Line]:
    """Every line of a block, or of a stack (its bylines too)."""
    if isinstance(element, Block):
        return list(element.lines)
    deck = list(element.deck.lines) if element.deck is not None else []
    return [line for block in element.blocks for line in block.lines] + deck + list(element.bylines)


def _inside(story: Story, box: Box, em: float) -> bool:
    """Most of the story's text stands inside ``box`` (give or take an em)."""
    x0, y0, x1, y1 = box[0] - em, box[1] - em, box[2] + em, box[3] + em
    inside = total = 0
    for block in story.blocks:
        for line in block.lines:
            total += len(line.chars)
            if x0 <= line.x0 and line.x1 <= x1 and y0 <= line.y0 and line.y1 <= y1:
                inside += len(line.chars)
    return inside > 0.7 * total


def _starts_story(block: Block) -> bool:
    text = normalise(block.lines[0].text)
    return is_lead(text) or byline_line(block.lines[0])


def _opens_with_byline(block: Block, em: float) -> bool:
    """A column block whose first line is a byline set apart over its text (the line ends short
    of the column, so no paragraph's first line that merely names a reporter)."""
    first = block.lines[0]
    return len(block.lines) > 1 and byline_line(first) and first.x1 < block.x1 - 2 * em


def _byline_block(element: Element | None) -> bool:
    return isinstance(element, Block) and len(element.lines) == 1 and byline_line(element.lines[0])


def _closing_line(block: Block) -> bool:
    """A line of its own that names a story's author in brackets: （王普）."""
    return len(block.lines) == 1 and closes_story(block.lines[0])


def _left_on_row(block: Block, body: list[Block], em: float) -> Block | None:
    """The body block ending just left of ``block`` on the same baseline, in its column (the
    block's full lines reach past ``block``: a closing set flush right stands in its column)."""
    line = block.lines[0]
    best: Block | None = None
    best_end = 0.0
    for other in body:
        if other is block or other.x1 < line.x1 - em:
            continue
        for row in other.lines[-2:]:
            if abs(row.baseline - line.baseline) < 0.3 * em and row.x1 <= line.x0 + em:
                if best is None or row.x1 > best_end:
                    best, best_end = other, row.x1
    return best


def _column_bottom(top: Block, right: Element, body: list[Block], rules: list[Box], em: float) -> Block:
    """The last text block of the column ``top`` opens, the column ``right`` stands right of:
    down the column, block under block, until a rule.  The column's right edge is by
    ``right``'s gutter; its left edge is the leftmost of ``top`` and the blocks reaching that
    right edge (a paragraph's last word, a closing author set flush right and the next brief's
    indented start may share no edge with each other)."""
    x1 = right.x0 + HANG * em
    reaching = [
        block.x0 for block in body if block.y1 <= top.y1 + em and x1 - 3 * em - HANG * em <= block.x1 <= x1
    ]
    x0 = min([top.x0, *reaching]) - em
    current = top
    for block in sorted(body, key=lambda block: -block.y1):
        if block is top or block.y1 > current.y0 + 1 or not (x0 <= block.x0 and block.x1 <= x1):
            continue
        if _rule_between(
            _Area(x0, current.y0, x1, current.y1, em), _Area(x0, block.y0, x1, block.y1, em), rules
        ):
            break
        current = block
    return current


def _foot_on_the_left(element: Block, body: list[Block], rules: list[Box], em: float) -> Block | None:
    """The last text block of the column left of ``element`` (the nearest column whose top
    stands level with ``element`` or above it): the text before it in reading order."""
    left = [
        block
        for block in body
        if block is not element
        and block.x1 <= element.x0 + HANG * em
        and block.y0 <= element.y1 <= block.y1 + em
    ]
    if not left:
        return None
    return _column_bottom(max(left, key=lambda block: block.x1), element, body, rules, em)


def _text_before(closing: Block, body: list[Block], leading: float) -> Block | None:
    """The text a closing author set on a line of its own ends (it stands flush right, the
    text's last line right above it): the block whose last line is the line right above the
    closing and ends nearest before the closing's right edge."""
    line = closing.lines[0]
    best: Block | None = None
    for other in body:
        last = other.lines[-1] if other is not closing and other.lines else None
        if last is None or not 0 < last.baseline - line.baseline <= 1.5 * leading:
            continue
        if last.x0 >= line.x0 or last.x1 > line.x1 + HANG * line.size:
            continue  # (a full line's closing mark may hang past the closing's bracket)
        if best is None or last.x1 > best.lines[-1].x1:
            best = other
    return best


def _left_at_top(element: Element, flow: list[Element], owner: dict[int, Story], em: float) -> Element | None:
    """The already placed text block of the column to the left whose top is level with
    ``element``'s top: the column the text comes from."""
    best: Element | None = None
    for other in flow:
        if not isinstance(other, Block) or id(other) not in owner or other.x1 > element.x0 + em:
            continue
        if abs(other.y1 - element.y1) > 2 * em:
            continue
        if best is None or other.x1 > best.x1:
            best = other
    return best


def _continues_paragraph(element: Element, em: float, body: list[Block] = ()) -> bool:
    """Running text whose first line is flush with the next: a paragraph begun in another
    column, not the start of a story.  A line on its own: flush with the text of its column
    under it, closing authors aside (``body``: the page's text blocks)."""
    if not isinstance(element, Block):
        return False
    if len(element.lines) >= 2:
        return element.lines[0].x0 - element.lines[1].x0 < MIN_INDENT * em
    under = [
        block.left
        for block in body
        if block is not element
        and block.y1 <= element.y0 + 1
        and _h_overlap(block, element) >= 0.5 * min(block.width, element.width)
        and not _closing_line(block)
    ]
    return bool(under) and element.lines[0].x0 - min(under) < MIN_INDENT * em


def _closed(element: Element) -> bool:
    """The element ends its story: a closing author line (（作者为…）), or a paragraph's last
    sentence with the author run on after it (…到来。（田野））."""
    if not isinstance(element, Block):
        return False
    last = element.lines[-1]
    return closes_story(last) or closing_run_on(last.text)


def _closing_between(above: Block, stack: Stack, body: list[Block]) -> bool:
    """A closing author line (（宋佳）) stands under ``above`` and over ``stack``: the story of
    the column above ends there."""
    return any(
        _closing_line(block)
        and stack.y1 <= block.y0
        and block.y1 <= above.y0 + 1
        and _h_overlap(block, stack) > 0
        and _h_overlap(block, above) > 0
        for block in body
    )


def _ends_further_right(story: Story, element: Element, em: float) -> bool:
    """Every line that closes ``story`` stands in a column right of ``element``: the story
    ends there, after the column ``element`` reads on in (read later, as it stands lower)."""
    closings = [block for block in story.blocks if _closed(block)]
    return bool(closings) and all(block.x0 >= element.x1 - em for block in closings)


def _bracket_open(element: Element) -> bool:
    """The element's text ends inside brackets it opened (a closing note broken over lines)."""
    if not isinstance(element, Block):
        return False
    text = element.text
    return max(text.rfind("（"), text.rfind("(")) > max(text.rfind("）"), text.rfind(")"))


def _reads_on(above: Element, element: Element, leading: float, roles: Roles) -> bool:
    """``element`` continues the story of ``above`` (the element right above it in its column,
    no rule between them)."""
    if _closed(above) or _rule_between(above, element, roles.layout.lines.page.rules):
        return False
    gap = above.y0 - element.y1
    if isinstance(above, Stack):
        return above.role == "subhead" and gap <= READ_ON * leading * 2
    return gap <= READ_ON * leading


def _headline_over_row(
    element: Element, roles: Roles, elements: list[Element], rules: list[Box], em: float
) -> Stack | None:
    """The headline over a row of columns that ``element`` opens: a story's columns start level
    with each other, and a centred headline may stand over some of them only.  The nearest
    column to the right whose top (its text, or a subhead opening it) is level with
    ``element``'s (no rule between), and the story headline right above that column.  A photo
    set as a column of the row is a column too, where the row is truly level (its columns'
    tops on one line, the photo's top with them).  ``rules``: the page's, the edges of the
    frames around pictures aside (:func:`_rules_but_picture_frames`)."""
    page = roles.layout.lines.page
    gutter = 3 * em
    subheads = [stack for stack in roles.stacks if stack.role == "subhead"]

    def column_top(block: Element) -> float:
        # a subhead set right over a column's text opens the column
        for stack in subheads:
            if _h_overlap(stack, block) > 0 and 0 <= stack.y0 - block.y1 <= 2 * roles.layout.leading:
                return stack.y1
        return _text_top(block)

    top = column_top(element)
    neighbour = element
    while True:
        row = [
            block
            for block in roles.body
            if block.x0 > neighbour.x0  # to the right: the walk ends
            and abs(column_top(block) - top) <= 2 * em
            and -HANG * em <= block.x0 - neighbour.x1 <= gutter  # punctuation hangs into it
            and not _rule_beside(neighbour, block, rules)
        ]
        if row:
            neighbour = min(row, key=lambda block: block.x0)
        else:
            photo = None
            if abs(neighbour.y1 - top) <= 0.5 * em:
                photo = _photo_in_row(neighbour, top, page, gutter, em)
            if photo is None:
                return None
            neighbour = photo
        above = _nearest_above(neighbour, elements, em)
        if isinstance(above, Stack) and above.role == "story" and above.y0 - neighbour.y1 <= 6 * em:
            return None if above.brief else above
        if above is not None and not isinstance(above, Stack) and above.y0 - neighbour.y1 <= 6 * em:
            return None  # the row runs on under other text: no headline over it


def _photo_in_row(left: Element | _Area, top: float, page: PdfPage, gutter: float, em: float) -> _Area | None:
    """The photo (in its frame, where it has one) standing next right of ``left`` within a
    gutter, its top level with ``top``: a column of the row it stands in."""
    boxes = []
    for picture in page.pictures:
        box = picture.box
        frames = [frame for frame in page.frames if _box_inside(box, frame)]
        boxes.append(min(frames, key=lambda f: (f[2] - f[0]) * (f[3] - f[1])) if frames else box)
    near = [box for box in boxes if 0 <= box[0] - left.x1 <= gutter and abs(box[3] - top) <= 0.5 * em]
    if not near:
        return None
    return _Area(*min(near, key=lambda box: box[0]), em)


def _text_top(element: Element) -> float:
    """Where an element's running text starts: below a byline that opens it."""
    if isinstance(element, Block) and len(element.lines) > 1 and byline_line(element.lines[0]):
        return element.lines[1].y1
    return element.y1


def _fenced(above: Element, below: Element, page: PdfPage) -> bool:
    """A thin rule runs between two elements, or a frame holds one of them and not the other
    (a frame around a picture, between a story and the picture's caption, fences nothing)."""
    if _rule_between(above, below, _rules_off(page, page.frames)):
        return True
    return any(_holds(frame, above) != _holds(frame, below) for frame in page.frames)


def _rules_but_picture_frames(page: PdfPage) -> list[Box]:
    """The page's rules, the edges of frames around pictures aside (a photo's frame parts no
    stories: a story runs on under its photo)."""
    framed = [
        frame for frame in page.frames if any(_box_inside(picture.box, frame) for picture in page.pictures)
    ]
    return _rules_off(page, framed)


def _rules_off(page: PdfPage, frames: list[Box]) -> list[Box]:
    """The page's rules but the edges of ``frames``."""
    return [
        rule for rule in page.rules if not any(_on_edge(rule, frame, page.rule_weight) for frame in frames)
    ]


def _box_inside(inner: Box, outer: Box) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def _on_edge(rule: Box, frame: Box, weight: float) -> bool:
    """The rule is one of the frame's edges (give or take its weight)."""
    slack = 2 * weight
    x0, y0, x1, y1 = frame
    inside = (
        x0 - slack <= rule[0] and rule[2] <= x1 + slack and y0 - slack <= rule[1] and rule[3] <= y1 + slack
    )
    on_side = min(abs(rule[0] - x0), abs(rule[2] - x1), abs(rule[1] - y0), abs(rule[3] - y1)) <= slack
    return inside and on_side


def _holds(frame: Box, element: Element) -> bool:
    x = (element.x0 + element.x1) / 2
    y = (element.y0 + element.y1) / 2
    return frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3]


def _rule_between(above: Element, below: Element, rules: list[Box]) -> bool:
    """A horizontal rule (or a frame's edge) runs between two elements of a column, across
    most of their common width."""
    left, right = max(above.x0, below.x0), min(above.x1, below.x1)
    span = max(right - left, 1.0)
    for x0, y0, x1, y1 in rules:
        if y1 - y0 > x1 - x0:
            continue  # vertical
        if below.y1 - 1 <= (y0 + y1) / 2 <= above.y0 + 1 and min(x1, right) - max(x0, left) >= 0.5 * span:
            return True
    return False


def _rule_beside(left: Element, right: Element, rules: list[Box]) -> bool:
    """A vertical rule (or a frame's edge) runs between two side-by-side elements, at the
    height of the right one's top."""
    for x0, y0, x1, y1 in rules:
        if x1 - x0 > y1 - y0:
            continue  # horizontal
        if (
            left.x1 - 1 <= (x0 + x1) / 2 <= right.x0 + 1
            and y0 <= right.y1
            and y1 >= right.y1 - 2 * right.size
        ):
            return True
    return False


def _h_overlap(a: Element, b: Element) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _byline_overlap(stack: Stack, element: Element) -> float:
    """How far ``element`` stands under the bylines set under ``stack`` (a byline flush with
    the story's edge under a centred headline marks a column of its story)."""
    return max((min(line.x1, element.x1) - max(line.x0, element.x0) for line in stack.bylines), default=0.0)


def _nearest_above(element: Element, elements: list[Element], em: float) -> Element | None:
    """The element right above ``element`` in its column: its bottom above ``element``'s top,
    overlapping it horizontally by a third of the narrower (a headline: by two ems, as a
    headline may stand over only part of a column; or its byline by as much)."""
    best: Element | None = None
    best_gap = 0.0
    width = element.x1 - element.x0
    for other in elements:
        if other is element:
            continue
        need = 0.3 * min(width, other.x1 - other.x0)
        overlap = _h_overlap(other, element)
        if isinstance(other, Stack):
            need = min(need, 2 * em)
            overlap = max(overlap, _byline_overlap(other, element))
        if overlap < need:
            continue
        gap = other.y0 - element.y1
        if gap < -0.5 * _size(element):
            continue
        if other.y1 <= element.y1:
            continue
        if best is None or gap < best_gap:
            best, best_gap = other, gap
    return best


def _blocks_under(stack: Stack, body: list[Block], leading: float, em: float) -> list[Block]:
    """Body blocks starting right under a stack (within a few leadings) and under it by two ems
    or more."""
    return [
        block
        for block in body
        if -0.5 * em <= stack.y0 - block.y1 <= 3 * leading and _h_overlap(stack, block) >= 2 * em
    ]


def _wider_than_its_column(stack: Stack, under: list[Block], em: float) -> bool:
    """A stack wider than the column of text under it (by more than an em): it spans columns,
    where a subhead stands within its column."""
    return bool(under) and stack.width > max(block.width for block in under) + em


def _columns(blocks: list[Block]) -> int:
    """How many side-by-side columns the blocks stand in."""
    columns: list[Block] = []
    for block in sorted(blocks, key=lambda b: b.x0):
        if not columns or block.x0 >= columns[-1].x1:
            columns.append(block)
    return len(columns)


def _size(element: Element) -> float:
    return element.size


def _briefs_label_above(stack: Stack, stacks: list[Stack], page: PdfPage) -> Stack | None:
    """The briefs label (简讯) standing over ``stack`` in its column, no rule between (the box
    or band the label is set in aside)."""
    for label in stacks:
        if label is stack or label.role != "furniture" or not BRIEFS_LABEL.search(label.text):
            continue
        if label.y0 < stack.y1 or _h_overlap(label, stack) <= 0:
            continue
        own = [frame for frame in [*page.frames, *page.panels] if _holds(frame, label)]
        rules = [
            rule
            for rule in page.rules
            if not any(_on_edge(rule, frame, page.rule_weight) for frame in own)
            and not label.y0 - label.size <= (rule[1] + rule[3]) / 2 <= label.y0  # its underline
        ]
        if not _rule_between(label, stack, rules):
            return label
    return None


def _briefs_row_under(
    element: Element, above: Element, stacks: list[Stack], body: list[Block], em: float
) -> bool:
    """``element`` stands in the row of columns a briefs label (简讯) heads, the label standing
    between it and ``above``: the label's band fences the text above off, as a rule would.  The
    row is the text whose top is level with the top of the text right under the label."""
    for label in stacks:
        if label.role != "furniture" or not BRIEFS_LABEL.search(label.text):
            continue
        if not (element.y1 - 1 <= label.y0 and label.y1 <= above.y0 + 1):
            continue
        if any(
            _h_overlap(label, block) > 0
            and 0 <= label.y0 - block.y1 <= 3 * em
            and abs(_text_top(block) - _text_top(element)) <= 2 * em
            for block in body
        ):
            return True
    return False


def _level_with_text_beside(stack: Stack, body: list[Block], column: float, em: float) -> bool:
    """Running text stands right beside ``stack`` (within a column's width, on its left or
    right), its first line level with the stack's top: the stack opens a column of that
    text's story, as a subhead at a column's top does (a story's columns start level)."""
    for block in body:
        if abs(_text_top(block) - stack.y1) > 2 * em:
            continue
        if 0 <= stack.x0 - block.x1 <= column or 0 <= block.x0 - stack.x1 <= column:
            return True
    return False


def _vertical_headline_level_with(
    element: Element, roles: Roles, elements: list[Element], column: float, em: float
) -> Stack | None:
    """The vertical story headline heading ``element``: its top level with the element's, and
    the element in the row of columns beside it.  A vertical headline heads the text beside it
    from its top, whatever stands above that text: the nearest column (less than a column
    away, its byline may stand between) and the columns on from it that start level with it,
    gutter by gutter, up to a vertical rule, a column under a headline of its own or the
    column next to another vertical headline.  Where two reach the element, the one fewer
    columns away heads it."""
    best: Stack | None = None
    best_key = (0, 0.0)
    verticals = [stack for stack in roles.stacks if stack.role == "story" and stack.vertical]
    for stack in verticals:
        if _h_overlap(stack, element) > 0 or abs(stack.y1 - element.y1) > 2 * em:
            continue
        steps = _columns_to(stack, element, verticals, roles, elements, column, em)
        if steps is None:
            continue
        key = (steps, side_gap(stack, element))
        if best is None or key < best_key:
            best, best_key = stack, key
    return best


def _columns_to(
    stack: Stack,
    element: Element,
    verticals: list[Stack],
    roles: Roles,
    elements: list[Element],
    column: float,
    em: float,
) -> int | None:
    """How many columns from the vertical headline ``stack`` to ``element`` (1: right beside
    it) along the row of columns starting level with the headline; None where the row does not
    reach it."""
    rules = roles.layout.lines.page.rules
    leftward = element.x1 <= stack.x0
    edge: Element = stack
    steps = 0
    while True:
        if steps == 0:
            reach, hang = column, 0.0  # the headline's own byline may stand between
        else:
            reach, hang = 3 * em, HANG * em  # a gutter: punctuation hangs into it
        row = [
            block
            for block in roles.body
            if abs(block.y1 - stack.y1) <= 2 * em
            and -hang <= (edge.x0 - block.x1 if leftward else block.x0 - edge.x1) < reach
            and (block.x1 <= edge.x0 + hang if leftward else block.x0 >= edge.x1 - hang)
            and not (_rule_beside(block, edge, rules) if leftward else _rule_beside(edge, block, rules))
        ]
        if not row:
            return None
        edge = max(row, key=lambda block: block.x1) if leftward else min(row, key=lambda block: block.x0)
        steps += 1
        if steps > 1:
            above = _nearest_above(edge, elements, em)
            if isinstance(above, Stack) and above.role == "story" and above.y0 - edge.y1 <= 6 * em:
                return None  # under a headline of its own: another story's column
            if any(
                other is not stack
                and 0 <= side_gap(other, edge) < 3 * em
                and abs(other.y1 - stack.y1) <= 2 * em
                for other in verticals
            ):
                return None  # the column next to another vertical headline: that one's
        if edge is element:
            return steps


def _headline_atop(element: Element, stacks: list[Stack], em: float) -> Stack | None:
    """The story headline set right over the row of columns ``element`` opens (its foot within
    two ems of the element's top, starting at or right of the element's left edge): a centred
    headline may stand over the row's middle columns only."""
    over = [
        stack
        for stack in stacks
        if stack.role == "story"
        and not stack.brief
        and 0 <= stack.y0 - element.y1 <= 2 * em
        and stack.x0 >= element.x0 - em
    ]
    return min(over, key=lambda stack: stack.x0 - element.x0, default=None)


def _stack_beside(
    element: Element, stacks: list[Stack], headed: dict[int, Story], body: list[Block] = ()
) -> Stack | None:
    """The story headline standing beside ``element`` in the same band (its height overlapping
    the element's, no other story's text standing between them in that band): a vertical
    headline first (its text always stands beside it), else the nearest on its left (a headline
    heads the text under it and to its right), else the nearest on its right (a centred
    headline over the story's other columns)."""
    best: Stack | None = None
    best_key = (True, True, 0.0)
    for stack in stacks:
        if stack.role != "story" or stack.brief:
            continue  # a brief's headline heads the text under it only
        if _h_overlap(stack, element) > 0:
            continue
        if stack.y0 > element.y1 or stack.y1 < element.y0:
            continue
        if not stack.vertical and _headed_text_between(stack, element, stacks, body):
            continue  # another story's columns stand between, under their own headline
        right = not stack.vertical and stack.x0 >= element.x1
        key = (not stack.vertical, right, side_gap(stack, element))
        if best is None or key < best_key:
            best, best_key = stack, key
    return best


def _headed_text_between(stack: Stack, element: Element, stacks: list[Stack], body: list[Block]) -> bool:
    """A block of ``body`` stands side by side between ``stack`` and ``element`` in the band
    both stand in, right under another story headline (within a few ems)."""
    left, right = (stack, element) if stack.x1 <= element.x0 else (element, stack)
    low, high = max(stack.y0, element.y0), min(stack.y1, element.y1)
    for block in body:
        if block is element or not (left.x1 <= block.x0 and block.x1 <= right.x0):
            continue
        if block.y0 >= high or block.y1 <= low:
            continue
        for other in stacks:
            if other is stack or other.role != "story" or _h_overlap(other, block) <= 0:
                continue
            if 0 <= other.y0 - block.y1 <= 6 * block.size:
                return True
    return False


def _caption_story(
    caption: Block, stories: list[Story], elements: list[Element], page: PdfPage, em: float
) -> Story | None:
    """The story a caption belongs to: the one whose blocks surround it (its box within the
    story's box, give or take a few ems); else the story of the text right above it (a picture
    stands between) when their words agree a little; else a story whose words agree clearly.
    A caption framed with one story's text (a frame around the story) is that story's."""
    from ..segment import bigrams, overlap

    framed = _framed_story(caption, stories, page)
    if framed is not None:
        return framed
    probe = bigrams(caption.text)
    owners = {id(block): story for story in stories for block in [*story.blocks, *story.subheads]}
    above = _nearest_above(caption, [e for e in elements if id(e) in owners], em)
    best: Story | None = None
    best_score = 0.0
    for story in stories:
        if not story.blocks:
            continue
        x0 = min(e.x0 for e in story.elements) - 3 * em
        x1 = max(e.x1 for e in story.elements) + 3 * em
        y0 = min(e.y0 for e in story.elements) - 3 * em
        y1 = max(e.y1 for e in story.elements) + 3 * em
        if story.stack is not None:
            y1 = max(y1, story.stack.y1)
        inside = x0 <= caption.x0 and caption.x1 <= x1 and y0 <= caption.y0 and caption.y1 <= y1
        shared = overlap(probe, bigrams("".join(b.text for b in story.blocks)))
        under = (
            above is not None
            and owners.get(id(above)) is story
            and shared >= 0.15
            and not _fenced(above, caption, page)
        )
        score = shared + (2.0 if inside else 1.0 if under else 0.0)
        if (inside or under or shared >= 0.3) and score > best_score:
            best, best_score = story, score
    return (
        best
        or _story_over_picture(caption, stories, page, em)
        or _story_beside_picture(caption, stories, page, em)
    )


def _framed_story(caption: Block, stories: list[Story], page: PdfPage) -> Story | None:
    """The one story whose text stands in the smallest frame holding ``caption`` and some text
    (a photo's own frame holds none; a frame holding the text of several stories says nothing)."""
    frames = sorted(
        (frame for frame in page.frames if _holds(frame, caption)),
        key=lambda frame: (frame[2] - frame[0]) * (frame[3] - frame[1]),
    )
    for frame in frames:
        held = [story for story in stories if story.blocks and any(_holds(frame, b) for b in story.blocks)]
        if held:
            return held[0] if len(held) == 1 else None
    return None


@dataclass
class _Area:
    """A box on the page that is no text (a picture), to look above it."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float


def _pictures_over(caption: Block, page: PdfPage, em: float) -> list[_Area]:
    """The pictures a caption is set right under (over at least half its width)."""
    return [
        _Area(*picture.box, em)
        for picture in page.pictures
        if 0 <= picture.box[1] - caption.y1 <= 2 * em
        and min(picture.box[2], caption.x1) - max(picture.box[0], caption.x0) >= 0.5 * caption.width
    ]


def _story_over_picture(caption: Block, stories: list[Story], page: PdfPage, em: float) -> Story | None:
    """The story standing over the picture a caption is set under: a photo under a headline
    wider than its story's text (the photo a column of its own), or under the story's text."""
    pictures = _pictures_over(caption, page, em)
    if not pictures:
        return None
    owners = {id(e): story for story in stories if story.blocks for e in story.elements}
    owners.update({id(story.stack): story for story in stories if story.blocks and story.stack is not None})
    candidates = [e for story in stories if story.blocks for e in story.elements] + [
        story.stack for story in stories if story.blocks and story.stack is not None
    ]
    above = _nearest_above(max(pictures, key=lambda area: area.y1), candidates, em)
    if above is None or _fenced(above, caption, page) or above.y0 - pictures[0].y1 > 4 * em:
        return None
    return owners.get(id(above))


def picture_frame(box: Box, page: PdfPage, em: float) -> Box:
    """A picture's box grown to its own frame, where one is drawn round it (within an em each
    side): the frame's edges are the picture's column edges."""
    own = [
        frame
        for frame in page.frames
        if _box_inside(box, frame)
        and max(box[0] - frame[0], frame[2] - box[2], box[1] - frame[1], frame[3] - box[3]) <= em
    ]
    return min(own, key=lambda frame: (frame[2] - frame[0]) * (frame[3] - frame[1])) if own else box


def _story_beside_picture(caption: Block, stories: list[Story], page: PdfPage, em: float) -> Story | None:
    """The story whose text stands beside the picture a caption is set under, its column's top
    level with the picture's (within an em) and a gutter away (at most 3 ems, no rule between):
    a photo set as a column of the story's row, with no headline over it.  A frame round the
    story's text (or round the picture with the caption, not the text) fences it off."""
    pictures = _pictures_over(caption, page, em)
    if not pictures:
        return None
    top = max(pictures, key=lambda area: area.y1)
    own = picture_frame((top.x0, top.y0, top.x1, top.y1), page, em)
    picture = _Area(*own, em)
    frames = [frame for frame in page.frames if frame != own]
    rules = _rules_but_picture_frames(page)
    best: Story | None = None
    best_gap = 3 * em
    for story in stories:
        for block in story.blocks:
            gap = side_gap(block, picture)
            if abs(block.y1 - picture.y1) > em or not 0 <= gap <= best_gap:
                continue
            left, right = (block, picture) if block.x1 <= picture.x0 else (picture, block)
            fenced = _rule_beside(left, right, rules) or any(
                _holds(frame, block) != _holds(frame, picture) for frame in frames
            )
            if not fenced:
                best, best_gap = story, gap
    return best
