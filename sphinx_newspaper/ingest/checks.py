"""Layout warnings: where a page was probably read wrong, and which correction fixes it.

Run on every page once its corrections are applied (a fixed page stops warning).  Each warning
is a ``newspaper.layout`` notice located at its file, page and place on the page (PDF points),
naming what to check and the correction that fixes it:

* **an article that begins or ends mid-sentence**: its opening is another story's column, or
  its last columns went to another story (``[[move]]``);
* **body-size text left in furniture**: a block of prose in the page's body type that no story
  took (``[[move]]`` it into its story, or to a new article);
* **a headline with no text under it**: its text was read into another story (``[[move]]``), or
  it is not a headline (``[[merge]]`` it into the story it belongs to);
* **text read across a rule**: a story's text runs on over a rule drawn between stories;
* **an article far longer or shorter than the space its regions cover**: the text it holds
  would fill far more or far less than the box its headline and columns span.

Every measure is relative to the page: its body size (em), its leading and its column width
(:class:`~sphinx_newspaper.model.PageLayout`).  Text input has no layout: only the text rules
apply to it.
"""

from __future__ import annotations

import itertools

from ..model import Article, Block, Box, Notice, Page, PageLayout, Placed
from ..subtypes import Subtype
from ..util.patterns import LazyPattern
from .headlines import ends_with_closing_author, is_closing_line, is_lead
from .lines import CLOSERS, ends_sentence, has_body_punctuation
from .masthead import _ADVERT

#: Sizes within this share of the body size are body type.
BODY_SIZE = 0.08
#: A block of furniture is worth a look when it holds at least this many lines of a column.
FURNITURE_LINES = 2.0
#: A headline heads no text when its story holds less than this many column lines of text.
HEADLESS_LINES = 1.0
#: Text shorter than this share of what its space holds is "far shorter"; longer than
#: :data:`FAR_LONGER` times, "far longer".
FAR_SHORTER = 0.3
FAR_LONGER = 1.8
#: A story's space is measured only when it holds at least this many column lines of text.
MEASURED_LINES = 6.0
#: What cannot open a sentence: closing punctuation and pauses.
_NO_SENTENCE_START = "，。、；：！？）》」』”’…—·,.;:!?)"

Hint = str
#: A closing signature after a dash: ``——编者``, ``—— 本报评论员``.
_SIGNED = LazyPattern(r"(?:——|—)\s*[\u4e00-\u9fff ]{1,12}$")


def layout_warnings(page: Page) -> list[Notice]:
    """The page's layout warnings, in reading order."""
    layout = page.layout
    notices: list[Notice] = []
    indents = _indents_openings(page)
    for article in page.articles:
        boxes = _text_blocks(layout, article) if layout is not None else []
        for problem, hint, box in _article_problems(page, article, layout if indents else None, boxes):
            notices.append(_notice(page, problem, hint, box, article.id))
    if layout is not None:
        for placed in layout.blocks:
            if _body_text_in_furniture(placed, layout):
                problem = f"body-size text left in furniture ({placed.id}: {_quote(placed.text)})"
                hint = (
                    "check whether it belongs to a story; to put it there: "
                    f'[[move]] blocks = ["{placed.id}"], to = "<article id>" (or to = "new", title = "...")'
                )
                notices.append(_notice(page, problem, hint, placed.box, None))
    return notices


def _article_problems(
    page: Page, article: Article, indented: PageLayout | None, blocks: list[Placed]
) -> list[tuple[str, Hint, Box | None]]:
    """``indented``: the page's layout where its stories open with an indented line, else None."""
    layout = page.layout
    found: list[tuple[str, Hint, Box | None]] = []
    paragraphs = [block for block in article.blocks if block.kind == "paragraph"]
    first_box = blocks[0].box if blocks else (article.regions[0] if article.regions else None)
    last_box = blocks[-1].box if blocks else first_box
    if paragraphs and (_starts_mid_sentence(paragraphs[0].text) or _runs_on(paragraphs[0], indented)):
        block = _first_id(paragraphs[0])
        found.append(
            (
                f"article {article.id} ({article.title}) begins mid-sentence: {_quote(paragraphs[0].text)}",
                f"check whether its opening ({block or 'its first block'}) is another story's end, or its own "
                "opening was read into another story: " + _move_hint(article.id, "start"),
                first_box,
            )
        )
    if paragraphs and _ends_mid_sentence(article):
        block = _last_id(paragraphs[-1])
        found.append(
            (
                f"article {article.id} ({article.title}) ends mid-sentence: ……{paragraphs[-1].text[-16:]}",
                f"check whether its last columns, after {block or 'its last block'}, were read into another "
                "story: " + _move_hint(article.id, "end"),
                last_box,
            )
        )
    text = sum(len(block.text) for block in article.blocks if block.kind != "subhead")
    # text input has no columns to measure by: a headline there heads no text at all
    headless = HEADLESS_LINES * _column_chars(layout) if layout is not None else 1
    if not article.title_inferred and text < headless:
        found.append(
            (
                f"headline {article.title!r} ({article.id}) has no text under it",
                "check where its text went: [[move]] its blocks to it, or, if it is not a headline, "
                f'[[merge]] ids = ["<the story it belongs to>", "{article.id}"]',
                article.regions[0] if article.regions else None,
            )
        )
    if layout is not None:
        for above, below, rule in _across_rules(blocks, layout):
            found.append(
                (
                    f"article {article.id} ({article.title}) is read across a rule, from {above.id} to {below.id}",
                    "check whether the text under the rule is another story's: "
                    f'[[move]] blocks = ["{below.id}", ...], to = "<its article>" (or to = "new")',
                    rule,
                )
            )
        fill = _fill(article, layout, blocks)
        if fill is not None and not (FAR_SHORTER <= fill[0] <= FAR_LONGER):
            share, box = fill
            longer = share > FAR_LONGER
            found.append(
                (
                    f"article {article.id} ({article.title}) is far {'longer' if longer else 'shorter'} than the "
                    f"space its regions cover ({share:.0%} of what that space holds)",
                    (
                        "check whether another story's text was read into it: [[move]] those blocks out"
                        if longer
                        else "check whether it holds a block of another story far from its own text, or its own "
                        "text went to a neighbour or to furniture: [[move]] the blocks where they belong"
                    ),
                    box,
                )
            )
    return found


def _notice(page: Page, problem: str, hint: Hint, box: Box | None, article: str | None) -> Notice:
    where = ""
    if box is not None and page.pdf_page is not None:
        where = f" (page {page.pdf_page + 1} at {box[0]:.0f},{box[3]:.0f} pt)"
    return Notice(Subtype.LAYOUT, f"{problem}{where}; {hint}", page.source, article=article, box=box)


def _quote(text: str, length: int = 16) -> str:
    return repr(text if len(text) <= length else text[:length] + "……")


def _move_hint(article: str, where: str) -> str:
    return f'[[move]] blocks = ["<block ids>"], to = "{article}", where = "{where}"'


def _first_id(block) -> str | None:
    return block.parts[0][0] if block.parts else None


def _last_id(block) -> str | None:
    return block.parts[-1][0] if block.parts else None


def _starts_mid_sentence(text: str) -> bool:
    """Text that cannot open a story: it opens with a pause or closing punctuation."""
    return bool(text) and text[0] in _NO_SENTENCE_START and not is_lead(text)


def _indents_openings(page: Page) -> bool:
    """The page's stories open with an indented line, as most of them read show (papers that
    set a story's first line flush say nothing by it)."""
    if page.layout is None:
        return False
    opens = []
    for article in page.articles:
        first = next((b for b in article.blocks if b.kind == "paragraph" and b.parts), None)
        placed = page.layout.block(first.parts[0][0]) if first is not None else None
        if placed is not None and placed.opens is not None:
            opens.append(placed.opens)
    return sum(opens) > len(opens) / 2


def _runs_on(paragraph: Block, layout: PageLayout | None) -> bool:
    """The paragraph starts at the top of a block whose first line is not set in: it runs on
    from text read elsewhere (a lead, 本报讯, may stand flush)."""
    if layout is None or not paragraph.parts or paragraph.parts[0][1] != 0 or is_lead(paragraph.text):
        return False
    placed = layout.block(paragraph.parts[0][0])
    return placed is not None and placed.opens is False


def _ends_mid_sentence(article: Article) -> bool:
    """The story's last paragraph stops in mid-sentence (not after a stop, a closing author or
    a closing note)."""
    last = next((block for block in reversed(article.blocks) if block.kind == "paragraph"), None)
    if last is None:
        return False
    text = last.text.rstrip()
    if not text or ends_sentence(text) or ends_with_closing_author(text) or is_closing_line(text):
        return False
    if _SIGNED.search(text):
        return False  # signed off: ——编者
    return text.rstrip(CLOSERS) == text  # a bracketed note or a quote closes it


def _text_blocks(layout: PageLayout, article: Article) -> list[Placed]:
    return [p for p in layout.blocks if p.article == article.id and p.role in ("body", "subhead", "table")]


def _column_chars(layout: PageLayout | None) -> float:
    """Characters of body type in one line of a column (20 for text input, which has no
    columns: about a short column's line)."""
    if layout is None or layout.em <= 0:
        return 20.0
    return layout.column / layout.em


def _body_text_in_furniture(placed: Placed, layout: PageLayout) -> bool:
    if placed.role != "furniture" or layout.em <= 0:
        return False
    if abs(placed.size - layout.em) > BODY_SIZE * layout.em:
        return False
    if len(placed.text) < FURNITURE_LINES * _column_chars(layout):
        return False
    return has_body_punctuation(placed.text) and not _ADVERT.search(placed.text)


def _across_rules(blocks: list[Placed], layout: PageLayout) -> list[tuple[Placed, Placed, Box]]:
    """Consecutive text blocks of one story, one under the other, with a rule drawn across the
    gap between them."""
    found = []
    for above, below in itertools.pairwise(blocks):
        ax0, ay0, ax1, _ay1 = above.box
        bx0, _by0, bx1, by1 = below.box
        overlap = min(ax1, bx1) - max(ax0, bx0)
        if by1 > ay0 or overlap < 0.5 * min(ax1 - ax0, bx1 - bx0):
            continue  # not one under the other in one column
        for rule in layout.rules:
            rx0, ry0, rx1, ry1 = rule
            flat = ry1 - ry0 < layout.em
            spans = min(rx1, ax1, bx1) - max(rx0, ax0, bx0) >= 0.5 * overlap
            if flat and spans and by1 - 0.5 * layout.em <= ry0 and ry1 <= ay0 + 0.5 * layout.em:
                found.append((above, below, rule))
                break
    return found


def _fill(article: Article, layout: PageLayout, blocks: list[Placed]) -> tuple[float, Box] | None:
    """How much of the space the story spans its text fills: its characters over what the box
    around its headline and text blocks holds at the page's body size and leading, less the
    pictures in it and the part of it other stories headed inside it take; None when the story
    is too short to measure."""
    if not blocks or layout.em <= 0 or layout.leading <= 0:
        return None
    text = sum(len(block.text) for block in article.blocks if block.kind != "subhead")
    if text < MEASURED_LINES * _column_chars(layout):
        return None
    heads = [p for p in layout.blocks if p.article == article.id and p.role in _HEADLINE]
    box = _hull([p.box for p in blocks])
    if heads:
        headline = _hull([p.box for p in heads])
        if headline[1] >= box[3] - layout.em:  # over the text: the space runs up to its foot
            box = (min(box[0], headline[0]), box[1], max(box[2], headline[2]), headline[1])
    area = _area(box)
    # pictures beside the text (one with text set over it is a tint behind the text)
    taken: list[Box] = [
        picture for picture in layout.pictures if not any(_area(_clip(p.box, picture)) > 0 for p in blocks)
    ]
    by_article: dict[str, list[Placed]] = {}
    for placed in layout.blocks:
        if placed.article is not None and placed.article != article.id:
            by_article.setdefault(placed.article, []).append(placed)
    for own in by_article.values():
        headline = [p.box for p in own if p.role in _HEADLINE]
        if headline and _area(_clip(_hull(headline), box)) > 0.5 * _area(_hull(headline)):
            taken.append(_hull([p.box for p in own]))  # a story headed inside this space
    area -= _union_area([_clip(other, box) for other in taken])
    holds = area / (layout.em * layout.leading)
    if holds <= 0:
        return None
    return text / holds, box


_HEADLINE = ("kicker", "title", "subtitle", "byline")


def _hull(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _clip(box: Box, frame: Box) -> Box:
    return (max(box[0], frame[0]), max(box[1], frame[1]), min(box[2], frame[2]), min(box[3], frame[3]))


def _union_area(boxes: list[Box]) -> float:
    """The area the boxes cover together (overlaps counted once)."""
    boxes = [b for b in boxes if _area(b) > 0]
    xs = sorted({x for b in boxes for x in (b[0], b[2])})
    total = 0.0
    for left, right in itertools.pairwise(xs):
        spans = sorted((b[1], b[3]) for b in boxes if b[0] <= left and b[2] >= right)
        covered, top = 0.0, None
        for low, high in spans:
            if top is None or low > top:
                covered += high - low
                top = high
            elif high > top:
                covered += high - top
                top = high
        total += (right - left) * covered
    return total


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
