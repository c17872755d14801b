"""Stories from the page's running text: where one article ends and the next begins, and which
headline, byline and caption belongs to which article.

Boundaries come from every signal the text gives: leads (本报讯), bylines above a body,
headlines followed by a byline or lead, a change of column width together with a change of
topic, closing authors (``（王普）``).  Headlines and captions collected elsewhere on the page
(block extraction often puts them last) are matched to bodies by content: the character pairs
they share.  A headline whose words only appear part-way into a story marks where its own
story begins.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Article, Block
from .headlines import (
    ends_with_closing_author,
    headline_parts,
    infer_title,
    is_photo_credit,
    lead_credit,
    split_captions,
)
from .lines import Line, ends_sentence, join_lines

#: Characters too common to say anything about a story's topic.
_COMMON = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
)


#: Below this share of shared character pairs, a paragraph after a change of column width
#: starts a new story (measured on the annotated pages: 0.06 across a story boundary,
#: 0.10 to 0.15 within stories).
TOPIC_SHIFT = 0.08


@dataclass
class Paragraph:
    lines: list[Line]
    lead: bool = False

    def add(self, line: Line) -> None:
        self.lines.append(line)

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def closed(self) -> bool:
        return ends_sentence(self.lines[-1].text)


@dataclass
class Headline:
    elements: list[tuple[str, int]]  # (text, line number)
    vertical: bool = False
    bylines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.elements)

    @property
    def number(self) -> int:
        return self.elements[0][1]


@dataclass
class Byline:
    text: str
    number: int


Unit = Paragraph | Headline | Byline


@dataclass
class Story:
    """A story being assembled: its body units (paragraphs and subheads) and what was matched."""

    body: list[Paragraph | Headline] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [unit for unit in self.body if isinstance(unit, Paragraph)]

    @property
    def text(self) -> str:
        return "".join(unit.text for unit in self.body)


def bigrams(text: str) -> set[str]:
    """Pairs of neighbouring Chinese characters, leaving out pairs of very common ones."""
    han = [char if "\u4e00" <= char <= "\u9fff" else " " for char in text]
    return {
        a + b
        for a, b in itertools.pairwise(han)
        if a != " " and b != " " and not (a in _COMMON and b in _COMMON)
    }


def overlap(probe: set[str], text: set[str]) -> float:
    """Share of ``probe``'s pairs found in ``text``; a single shared pair is chance, not topic."""
    shared = len(probe & text)
    if shared < 2 and len(probe) > 2:
        return 0.0
    return shared / len(probe) if probe else 0.0


def build_articles(units: list[Unit], slug: str) -> tuple[list[Article], list[str]]:
    """Articles from the page's units, and the texts that belong to no article (furniture)."""
    units = _take_captions(units)
    captions = [unit for unit in units if isinstance(unit, _Caption)]
    units = [unit for unit in units if not isinstance(unit, _Caption)]
    stories, pieces, leftovers = _cut_stories(units)
    _assign_headlines(stories, pieces, leftovers)
    for caption in captions:
        _assign_caption(stories, caption, leftovers)
    articles = [_article(story, f"{slug}-{number:02d}") for number, story in enumerate(stories, start=1)]
    return articles, leftovers


@dataclass
class _Caption:
    texts: list[str]
    number: int


def _take_captions(units: list[Unit]) -> list[Unit | _Caption]:
    """Captions: text ending in a photo credit; a photographer's byline under a short paragraph;
    short sentences standing among headlines."""
    out: list[Unit | _Caption] = []
    standing = _standing_sentences(units)
    skip = False
    for index, unit in enumerate(units):
        if skip:
            skip = False
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if isinstance(unit, Paragraph) and isinstance(following, Byline) and is_photo_credit(following.text):
            if len(unit.text) <= 200 and not unit.lead:
                out.append(_Caption([f"{unit.text} {following.text}"], unit.number))
                skip = True
                continue
        if isinstance(unit, Paragraph):
            text = unit.text
            if (is_photo_credit(text) and len(text) <= 200 and not unit.lead) or index in standing:
                out.append(_Caption(split_captions(text), unit.number))
                continue
        out.append(unit)
    return out


def _short_sentence(unit: Unit) -> bool:
    return (
        isinstance(unit, Paragraph) and not unit.lead and len(unit.text) <= 100 and ends_sentence(unit.text)
    )


def _standing_sentences(units: list[Unit]) -> set[int]:
    """Indexes of runs of short one-sentence paragraphs that stand among the headlines and
    bylines after the page's last story text: photo captions collected with the headlines
    (a page with no longer text has stories of short sentences, not captions)."""
    found: set[int] = set()
    index = 0
    while index < len(units):
        if (
            not _short_sentence(units[index])
            or index == 0
            or not isinstance(units[index - 1], Headline | Byline)
        ):
            index += 1
            continue
        end = index
        while end < len(units) and _short_sentence(units[end]):
            end += 1
        later_prose = any(isinstance(u, Paragraph) and len(u.text) > 100 for u in units[end:])
        earlier_prose = any(isinstance(u, Paragraph) and len(u.text) > 100 for u in units[:index])
        if (
            (end == len(units) or isinstance(units[end], Headline | Byline))
            and earlier_prose
            and not later_prose
        ):
            found.update(range(index, end))
        index = end
    return found


def _cut_stories(units: list[Unit]) -> tuple[list[Story], list[Headline], list[str]]:
    """Cut the running text into stories at hard boundaries; headlines that are not subheads
    are returned as pieces to be matched by content."""
    stories: list[Story] = []
    pieces: list[Headline] = []
    leftovers: list[str] = []
    pending_bylines: list[str] = []
    pending_headlines: list[Headline] = []
    current: Story | None = None
    for index, unit in enumerate(units):
        following = _next_paragraph(units, index)
        if isinstance(unit, Byline):
            if pending_headlines and not any(isinstance(u, Paragraph) for u in units[index + 1 : index + 2]):
                pending_headlines[-1].bylines.append(unit.text)
            else:
                pending_bylines.append(unit.text)
            continue
        if isinstance(unit, Headline):
            pending_headlines.append(unit)
            continue
        starts = (
            current is None
            or unit.lead
            or bool(pending_bylines)
            or any(_title_like(h, units, index) for h in pending_headlines)
            or _topic_shift(current, unit)
        )
        if starts:
            pieces.extend(pending_headlines)
            current = Story()
            stories.append(current)
            current.bylines.extend(pending_bylines)
            credit = lead_credit(unit.text) if unit.lead and not pending_bylines else None
            if credit:
                current.bylines.append(credit)
        else:
            current.body.extend(pending_headlines)  # subheads
        assert current is not None
        pending_bylines, pending_headlines = [], []
        current.body.append(unit)
        if ends_with_closing_author(unit.text) and following is not None:
            current = None if not following.lead else current
    pieces.extend(pending_headlines)
    if pending_bylines:
        if pieces:
            pieces[-1].bylines.extend(pending_bylines)
        else:
            leftovers.extend(pending_bylines)
    return stories, pieces, leftovers


def _next_paragraph(units: list[Unit], index: int) -> Paragraph | None:
    for unit in units[index + 1 :]:
        if isinstance(unit, Paragraph):
            return unit
    return None


def _title_like(headline: Headline, units: list[Unit], index: int) -> bool:
    """A headline between two paragraphs is a story's headline (not a subhead) when it has a
    kicker or subtitle, is set vertically or across columns, or stands above a lead."""
    if headline.vertical or headline.bylines:
        return True
    texts = [text for text, _ in headline.elements]
    if any(text.startswith(("——", "—")) or text.endswith("——") for text in texts):
        return True
    if len(texts) >= 3:
        return True
    unit = units[index]
    return isinstance(unit, Paragraph) and unit.lead


def _topic_shift(current: Story, paragraph: Paragraph) -> bool:
    """A change of column width after a finished paragraph, with little shared vocabulary."""
    previous = current.paragraphs[-1] if current.paragraphs else None
    if previous is None or not previous.closed:
        return False
    before, after = previous.lines[-1].column, paragraph.lines[0].column
    if abs(before - after) < 3.0:
        return False
    recent = "".join(p.text for p in current.paragraphs[-3:])
    return overlap(bigrams(paragraph.text), bigrams(recent)) < TOPIC_SHIFT


def _assign_headlines(stories: list[Story], pieces: list[Headline], leftovers: list[str]) -> None:
    """Give each headline piece to the story whose text shares most with it; adjacent pieces
    that go to one story are one headline.  A piece whose words only begin part-way into its
    story cuts that story there (the first part keeps an inferred title)."""
    for piece in sorted(pieces, key=lambda p: p.number):
        probe = bigrams(piece.text)
        if not stories:
            leftovers.extend(text for text, _ in piece.elements)
            leftovers.extend(piece.bylines)
            continue
        below, above = _stories_around(piece, stories, pieces)
        scores = [
            overlap(probe, bigrams(story.text)) + (0.3 if story is below else 0.15 if story is above else 0.0)
            for story in stories
        ]
        ranked = sorted(range(len(stories)), key=lambda i: -scores[i])
        best = ranked[0]
        if stories[best].headlines and not _next_to(piece, stories[best].headlines, stories):
            # that story has its headline already: the next best, if it has none and fits
            free = [i for i in ranked[1:] if not stories[i].headlines and scores[i] >= 0.15]
            best = free[0] if free else best
        if scores[best] < 0.15 and len(probe) >= 3:
            leftovers.extend(text for text, _ in piece.elements)
            leftovers.extend(piece.bylines)
            continue
        story = stories[best]
        split = _anchor(story, probe)
        if split is not None:
            head, tail = Story(body=story.body[:split]), Story(body=story.body[split:])
            head.bylines, head.captions = story.bylines, story.captions
            head.headlines = story.headlines
            stories[best : best + 1] = [head, tail]
            story = tail
        story.headlines.append(piece)


def _next_to(piece: Headline, others: list[Headline], stories: list[Story]) -> bool:
    """No story text stands between ``piece`` and one of ``others`` (parts of one headline)."""
    bodies = [unit.number for story in stories for unit in story.body]
    for other in others:
        low, high = sorted((other.number, piece.number))
        if not any(low < n < high for n in bodies):
            return True
    return False


def _stories_around(
    piece: Headline, stories: list[Story], pieces: list[Headline]
) -> tuple[Story | None, Story | None]:
    """The layout's say: the story right below the headline (its first paragraph next, with no
    other headline or story between) most likely has it as its headline (score 0.3); the story
    right above (its last paragraph just before) may have it too (0.15, as some extractions put
    headlines after their bodies).  Content can still overrule both."""
    told = [story for story in stories if story.body]
    others = [p.number for p in pieces if p is not piece]
    starts = [story.body[0].number for story in told]
    ends = [_last_line(story) for story in told]
    later = [(first, story) for first, story in zip(starts, told, strict=True) if first > piece.number]
    below = min(later, key=lambda pair: pair[0], default=None)
    if below is not None and any(piece.number < n < below[0] for n in others + ends):
        below = None
    earlier = [(last, story) for last, story in zip(ends, told, strict=True) if last < piece.number]
    above = max(earlier, key=lambda pair: pair[0], default=None)
    if above is not None and any(above[0] < n < piece.number for n in others + starts):
        above = None
    return (below[1] if below else None), (above[1] if above else None)


def _last_line(story: Story) -> int:
    unit = story.body[-1]
    return unit.lines[-1].number if isinstance(unit, Paragraph) else unit.number


def _anchor(story: Story, probe: set[str]) -> int | None:
    """The body index where the headline's words start, when the story's opening lacks them."""
    if story.bylines or (story.paragraphs and story.paragraphs[0].lead):
        return None  # the story opens with its byline or dateline: it starts where it should
    density = [overlap(probe, bigrams(unit.text)) for unit in story.body]
    best: tuple[float, int] | None = None
    for split in range(2, len(story.body)):
        unit = story.body[split]
        previous = story.body[split - 1]
        if not isinstance(unit, Paragraph) or not (isinstance(previous, Paragraph) and previous.closed):
            continue
        if len("".join(u.text for u in story.body[:split])) < 300:
            continue
        head = _mean(density[:split])
        tail = _mean(density[split:])
        if tail >= 0.12 and density[split] >= 0.2 and head <= 0.35 * tail:
            contrast = tail - head
            if best is None or contrast > best[0]:
                best = (contrast, split)
    opening = [d for d, unit in zip(density, story.body, strict=True) if isinstance(unit, Paragraph)][:2]
    if best is None or _mean(opening) >= 0.2:
        return None
    return best[1]


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _assign_caption(stories: list[Story], caption: _Caption, leftovers: list[str]) -> None:
    if not stories:
        leftovers.extend(caption.texts)
        return
    for text in caption.texts:
        probe = bigrams(text)
        scores = [overlap(probe, bigrams(story.text)) for story in stories]
        best = max(range(len(stories)), key=lambda i: scores[i])
        if scores[best] == 0.0:
            before = [story for story in stories if story.body and story.body[0].number < caption.number]
            target = before[-1] if before else stories[0]
        else:
            target = stories[best]
        target.captions.append(text)


def _article(story: Story, article_id: str) -> Article:
    blocks: list[Block] = []
    for unit in story.body:
        if isinstance(unit, Paragraph):
            blocks.append(Block("paragraph", unit.text, line=unit.number))
        else:
            texts = [text for text, _ in unit.elements]
            blocks.append(Block("subhead", texts[0], deck="".join(texts[1:]) or None, line=unit.number))
    bylines = list(story.bylines)
    kicker = title = subtitle = None
    if story.headlines:
        elements = [text for piece in story.headlines for text, _ in piece.elements]
        kicker, title, subtitle = headline_parts(elements)
        bylines = [b for piece in story.headlines for b in piece.bylines] + bylines
    first_line = story.body[0].number if story.body else None
    inferred = not title
    if inferred:
        first = next((block.text for block in blocks if block.kind == "paragraph"), "")
        title = infer_title(first) or "（无题）"
    return Article(
        id=article_id,
        title=title or "",
        blocks=blocks,
        kicker=kicker,
        subtitle=subtitle,
        byline="　".join(bylines) or None,
        captions=story.captions,
        title_inferred=inferred,
        line=first_line,
    )
