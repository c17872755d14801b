"""Stories from the page's running text: where one article ends and the next begins, and which
headline, byline and caption belongs to which article.

Boundaries come from every signal the text gives: leads (本报讯), bylines above a body,
headlines followed by a byline or lead, a change of column width together with a change of
topic, closing authors (``（王普）``).  Headlines and captions collected elsewhere on the page
(block extraction often puts them last) are matched to bodies by content: the character pairs
they share.  A headline whose words only appear part-way into a story marks where its own
story begins.

Reading is near linear in the page's length: every text's character pairs are computed once
(per paragraph, per story), the layout around a headline is found by bisection, and a headline
or caption is compared with the stories near its place in the text (:data:`MATCH_REACH`), not
with every story of the page.  The thresholds are named below, each with the measurement that
set it (``tests/gold``: the five annotated pages; "holds from a to b" is the range of values
over which their scores stay the same, measured by varying one value at a time).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from ..model import Article, Block
from .headlines import (
    ends_with_closing_author,
    headline_parts,
    is_photo_credit,
    lead_credit,
    split_captions,
    title_or_inferred,
)
from .lines import Line, ends_sentence, join_lines

#: Characters too common to say anything about a story's topic.
_COMMON = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
)


#: Below this share of shared character pairs, a paragraph after a change of column width
#: starts a new story (measured on the annotated pages: 0.06 across a story boundary,
#: 0.10 to 0.15 within stories).  Holds from 0.07 to 0.10; at 0.11 gansu blocks reads 12
#: stories for 11.
TOPIC_SHIFT = 0.08
#: A paragraph whose column is at least this many ems wider or narrower than the one before
#: may start a new story (with :data:`TOPIC_SHIFT`).  Holds from 2.25 to 4.0; at 2.0
#: zhaotong reads 7 stories for 3.
COLUMN_CHANGE = 3.0
#: Fewer shared pairs than this are chance, not topic (for probes of more than 2 pairs).
#: Holds from 1 to 3; at 4 gansu pdftotext reads 14 stories for 11 (13 now) and 5 titles
#: of 9 (6 now).
MIN_SHARED_PAIRS = 2

#: Added to the content score of the story right below a headline (the layout's first
#: guess).  Holds from 0.08 to 0.30: at 0.06 gansu pdftotext reads 14 stories (13 now); at
#: 0.32 gansu blocks, whose headlines stand after their stories, gets 7 titles of 11 right
#: (11 now).  With :data:`ABOVE_BONUS` that page sets the rule: the story below may lead the
#: story above by 0.15, not by 0.16.
BELOW_BONUS = 0.3
#: Added to the story right above a headline (extraction may put a headline after its
#: story).  Holds from 0.15 to 0.53: at 0.14 gansu blocks gets 7 titles of 11; at 0.54 gansu
#: pdftotext 5 of 9 (6 now).
ABOVE_BONUS = 0.15
#: A headline of 3 or more pairs scoring less than this with every story is furniture, not
#: a headline; also the least a story without a headline must score to take one whose best
#: story has one.  Holds from 0.0 to 0.42 (at 0.43 fuzhou blocks loses a title): the
#: annotated pages do not bound it from below; low, so that a headline is only refused when
#: no story shares its words.
MATCH_FLOOR = 0.15
#: A headline (or caption) is compared with the stories within this many of its place in
#: the text, and as many around its rank among the page's headlines: all the stories of any
#: printed page (the annotated pages have 3 to 13; a page of briefs, about 40), not the
#: thousands of a file of concatenated pages, which would make reading quadratic.
MATCH_REACH = 100

#: The one story cut by its headline on the annotated pages sets the next five: zhaotong's
#: 大耆老村 story begins 1,234 characters into the run of text it was read with; after the
#: cut its headline's pairs have a mean share of 0.151 per unit, 0.68 in the first paragraph,
#: 0 before the cut and 0 in the run's first two paragraphs.  Each value below holds that cut
#: with a margin; where the pages do not bound a value, it is set to ask for clear evidence,
#: since a wrong cut splits a story on a page no one has annotated.
#:
#: Text before a cut, at least (a nearer cut leaves a fragment, not a story): holds up to
#: 1,225 (at 1,250 zhaotong reads 2 stories for 3); 300 is about a brief.
ANCHOR_HEAD_CHARS = 300
#: Mean share of the headline's pairs per unit after the cut, at least: holds up to 0.15.
ANCHOR_TAIL_DENSITY = 0.12
#: Share of the headline's pairs in the paragraph where the story begins, at least: holds up
#: to 0.68; 0.2 is two pairs of a ten-pair headline.
ANCHOR_START_DENSITY = 0.2
#: The text before the cut has at most this share of the density after it: any value holds
#: (zhaotong has 0); 0.35 asks for a clear change of topic, so that a headline whose words
#: recur all through its story does not cut it.
ANCHOR_CONTRAST = 0.35
#: A run whose first two paragraphs have at least this share of the headline's pairs opens
#: with its story and is not cut: holds from 0.01 to 0.8 (at 0 nothing is ever cut).
OPENING_DENSITY = 0.2

#: A photo credit ends a caption of at most this many characters (a longer text ending in
#: 摄 is story text).  Holds from 90 to 600; at 80 the gansu pages' captions and bylines
#: change (blocks: 9 captions of 11 right, 11 now).
CAPTION_CHARS = 200
#: A one-sentence paragraph of at most this many characters standing among headlines is a
#: caption; a longer one is story text.  Holds from 55 to 155: at 50 zhaotong reads 4 stories
#: for 3; at 160 fuzhou pdftotext reads its stories worse (article F1 0.60, 0.80 now).
SHORT_SENTENCE_CHARS = 100


@dataclass(eq=False, slots=True)
class Paragraph:
    lines: list[Line]
    lead: bool = False
    table: Block | None = None  # its lines are a table's rows (:mod:`.tables`)
    _text: str | None = field(default=None, repr=False)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self._text = None

    @property
    def text(self) -> str:
        """The lines joined (once: the text is asked for many times)."""
        if self._text is None:
            self._text = join_lines([line.text for line in self.lines])
        return self._text

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def last_number(self) -> int:
        return self.lines[-1].number

    @property
    def closed(self) -> bool:
        return ends_sentence(self.lines[-1].text)


@dataclass(eq=False, slots=True)
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

    @property
    def last_number(self) -> int:
        return self.number


@dataclass(slots=True)
class Byline:
    text: str
    number: int


Unit = Paragraph | Headline | Byline


@dataclass(eq=False)
class Story:
    """A story being assembled: its body units (paragraphs and subheads) and what was matched.
    Once cut, a story is the run ``first:stop`` of :attr:`_Layout.units`; its ``body`` list is
    filled from that run when the articles are made (splitting copies no lists)."""

    body: list[Paragraph | Headline] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    first: int = 0
    stop: int = 0

    def last_paragraphs(self, count: int) -> list[Paragraph]:
        """The story's last ``count`` paragraphs, in order (without walking the whole body)."""
        found: list[Paragraph] = []
        for unit in reversed(self.body):
            if isinstance(unit, Paragraph):
                found.append(unit)
                if len(found) == count:
                    break
        return found[::-1]


def bigrams(text: str) -> set[str]:
    """Pairs of neighbouring Chinese characters, leaving out pairs of very common ones."""
    han = [char if "\u4e00" <= char <= "\u9fff" else " " for char in text]
    return {
        a + b
        for a, b in itertools.pairwise(han)
        if a != " " and b != " " and not (a in _COMMON and b in _COMMON)
    }


def pair(first: str, second: str) -> str | None:
    """The pair :func:`bigrams` counts for two neighbouring characters, or ``None``."""
    if "\u4e00" <= first <= "\u9fff" and "\u4e00" <= second <= "\u9fff":
        return None if first in _COMMON and second in _COMMON else first + second
    return None


def overlap(probe: set[str], text: set[str]) -> float:
    """Share of ``probe``'s pairs found in ``text``; a single shared pair is chance, not topic."""
    return _chance(len(probe & text), len(probe)) / len(probe) if probe else 0.0


def build_articles(units: list[Unit], slug: str) -> tuple[list[Article], list[str]]:
    """Articles from the page's units, and the texts that belong to no article (furniture)."""
    units = _take_captions(units)
    captions = [unit for unit in units if isinstance(unit, _Caption)]
    units = [unit for unit in units if not isinstance(unit, _Caption)]
    stories, pieces, leftovers = _cut_stories(units)
    layout = _Layout(stories, pieces)
    _assign_headlines(layout, pieces, leftovers)
    for rank, caption in enumerate(captions):
        _assign_caption(layout, caption, rank / len(captions), leftovers)
    stories = layout.stories
    for story in stories:
        story.body = layout.units[story.first : story.stop]
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
            if len(unit.text) <= CAPTION_CHARS and not unit.lead:
                out.append(_Caption([f"{unit.text} {following.text}"], unit.number))
                skip = True
                continue
        if isinstance(unit, Paragraph):
            text = unit.text
            if (is_photo_credit(text) and len(text) <= CAPTION_CHARS and not unit.lead) or index in standing:
                out.append(_Caption(split_captions(text), unit.number))
                continue
        out.append(unit)
    return out


def _short_sentence(unit: Unit) -> bool:
    return (
        isinstance(unit, Paragraph)
        and not unit.lead
        and len(unit.text) <= SHORT_SENTENCE_CHARS
        and ends_sentence(unit.text)
    )


def _prose(unit: Unit) -> bool:
    return isinstance(unit, Paragraph) and len(unit.text) > SHORT_SENTENCE_CHARS


def _standing_sentences(units: list[Unit]) -> set[int]:
    """Indexes of runs of short one-sentence paragraphs that stand among the headlines and
    bylines after the page's last story text: photo captions collected with the headlines
    (a page with no longer text has stories of short sentences, not captions)."""
    prose_at = [index for index, unit in enumerate(units) if _prose(unit)]
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
        later_prose = bool(prose_at) and prose_at[-1] >= end
        earlier_prose = bool(prose_at) and prose_at[0] < index
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
    paragraph_follows = _paragraph_follows(units)
    for index, unit in enumerate(units):
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
        following = paragraph_follows[index]
        if ends_with_closing_author(unit.text) and following is not None:
            current = None if not following.lead else current
    pieces.extend(pending_headlines)
    if pending_bylines:
        if pieces:
            pieces[-1].bylines.extend(pending_bylines)
        else:
            leftovers.extend(pending_bylines)
    return stories, pieces, leftovers


def _paragraph_follows(units: list[Unit]) -> list[Paragraph | None]:
    """For each unit, the next paragraph after it (one pass from the end)."""
    follows: list[Paragraph | None] = [None] * len(units)
    following: Paragraph | None = None
    for index in range(len(units) - 1, -1, -1):
        follows[index] = following
        unit = units[index]
        if isinstance(unit, Paragraph):
            following = unit
    return follows


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
    recent = current.last_paragraphs(3)
    previous = recent[-1] if recent else None
    if previous is None or not previous.closed:
        return False
    before, after = previous.lines[-1].column, paragraph.lines[0].column
    if abs(before - after) < COLUMN_CHANGE:
        return False
    return overlap(bigrams(paragraph.text), bigrams("".join(p.text for p in recent))) < TOPIC_SHIFT


class _Layout:
    """The stories' text as one run of units, with where each character pair occurs in it,
    and where stories and headline pieces stand on the page.  A story is a run of units
    ``first:stop``; splitting one changes two numbers.  Which of a headline's pairs a story
    has, or a paragraph, is found by bisecting the occurrence lists: nothing is joined or
    counted again per headline."""

    def __init__(self, stories: list[Story], pieces: list[Headline]) -> None:
        self.stories = stories
        self.units: list[Paragraph | Headline] = []
        for story in stories:
            story.first = len(self.units)
            self.units.extend(story.body)
            story.stop = len(self.units)
        units = self.units
        self.firsts = [story.first for story in stories]  # increasing: stories follow the text
        self.starts = [story.body[0].number for story in stories]
        self.ends = [story.body[-1].last_number for story in stories]
        self.pieces = sorted(piece.number for piece in pieces)
        self.bodies = sorted(unit.number for unit in units)
        self.chars = list(itertools.accumulate((len(unit.text) for unit in units), initial=0))
        # the first paragraph at or after each unit
        self.paragraph_from = [len(units)] * (len(units) + 1)
        for index in range(len(units) - 1, -1, -1):
            is_paragraph = isinstance(units[index], Paragraph)
            self.paragraph_from[index] = index if is_paragraph else self.paragraph_from[index + 1]
        # pair -> units holding it; pair -> units whose text ends with its first character while
        # the next unit's text starts with its second (the pair spans the two, in a story's text)
        self.occurs: dict[str, list[int]] = {}
        self.joins: dict[str, list[int]] = {}
        previous = ""
        for index, unit in enumerate(units):
            text = unit.text
            for found in bigrams(text):
                self.occurs.setdefault(found, []).append(index)
            if index and previous and text and (across := pair(previous[-1], text[0])):
                self.joins.setdefault(across, []).append(index - 1)
            previous = text

    def split(self, index: int, at: int) -> Story:
        """Cut story ``index`` before its unit ``at``; returns the second part."""
        story = self.stories[index]
        head = Story(bylines=story.bylines, headlines=story.headlines, captions=story.captions)
        head.first, head.stop = story.first, story.first + at
        tail = Story(first=story.first + at, stop=story.stop)
        self.stories[index : index + 1] = [head, tail]
        self.firsts.insert(index + 1, tail.first)
        self.starts.insert(index + 1, self.units[tail.first].number)
        self.ends[index : index + 1] = [self.units[head.stop - 1].last_number, self.ends[index]]
        return tail

    def near(self, number: int, rank: float) -> list[int]:
        """The indexes of the stories a headline or caption is compared with: the
        :data:`MATCH_REACH` stories on either side of its place in the text (line ``number``),
        and as many on either side of the story as far through the page as it is through its
        kind (``rank``, 0 to 1: the 10th of 20 headlines collected at the end of the text
        belongs about halfway through the stories).  All the stories on a page of up to
        twice :data:`MATCH_REACH`."""
        count = len(self.stories)
        if count <= 2 * MATCH_REACH:
            return list(range(count))
        by_place = bisect.bisect_right(self.starts, number)
        by_rank = int(rank * count)
        chosen: set[int] = set()
        for centre in (by_place, by_rank):
            first = min(max(0, centre - MATCH_REACH), count - 2 * MATCH_REACH)
            chosen.update(range(first, first + 2 * MATCH_REACH))
        return sorted(chosen)

    def before(self, number: int) -> int | None:
        """The index of the last story that starts before line ``number``."""
        position = bisect.bisect_left(self.starts, number)
        return position - 1 if position else None

    def around(self, piece: Headline) -> tuple[int | None, int | None]:
        """The layout's say: the story right below the headline (its first paragraph next, with
        no other headline or story between) most likely has it as its headline
        (:data:`BELOW_BONUS`); the story right above (its last paragraph just before) may have
        it too (:data:`ABOVE_BONUS`, as some extractions put headlines after their bodies).
        Content can still overrule both.  Returns their indexes."""
        number = piece.number
        below: int | None = bisect.bisect_right(self.starts, number)
        if below == len(self.starts):
            below = None
        if below is not None:
            start = self.starts[below]
            if _any_between(self.pieces, number, start) or _any_between(self.ends, number, start):
                below = None
        above: int | None = bisect.bisect_left(self.ends, number) - 1
        if above is not None and above < 0:
            above = None
        if above is not None:
            end = self.ends[above]
            if _any_between(self.pieces, end, number) or _any_between(self.starts, end, number):
                above = None
        return below, above

    def next_to(self, piece: Headline, others: list[Headline]) -> bool:
        """No story text stands between ``piece`` and one of ``others`` (parts of one headline)."""
        for other in others:
            low, high = sorted((other.number, piece.number))
            if not _any_between(self.bodies, low, high):
                return True
        return False

    def shared_by_story(self, probe: set[str], near: list[int]) -> dict[int, int]:
        """For the stories ``near`` (sorted indexes), how many of ``probe``'s pairs each one's
        text has (chance counts, :func:`_chance`, and stories with none left out)."""
        stories = self.stories
        counts: dict[int, int] = {}
        for low_index, high_index in _runs(near):
            low, high = stories[low_index].first, stories[high_index].stop
            for wanted in probe:
                having: set[int] = set()
                for positions, spans in ((self.occurs.get(wanted), False), (self.joins.get(wanted), True)):
                    if not positions:
                        continue
                    at = bisect.bisect_left(positions, low)
                    while at < len(positions) and positions[at] < high:
                        index = bisect.bisect_right(self.firsts, positions[at]) - 1
                        if spans and positions[at] + 1 >= stories[index].stop:
                            at += 1  # the pair spans two stories: in neither's text
                            continue
                        having.add(index)
                        at = bisect.bisect_left(positions, stories[index].stop, at)
                for index in having:
                    counts[index] = counts.get(index, 0) + 1
        size = len(probe)
        return {index: count for index, count in counts.items() if _chance(count, size) == count}

    def shared_by_unit(self, probe: set[str], story: Story) -> dict[int, int]:
        """How many of ``probe``'s pairs each unit of ``story`` has (as :func:`_shared` counts
        them; units with none left out), by unit index."""
        counts: dict[int, int] = {}
        for wanted in probe:
            positions = self.occurs.get(wanted)
            if not positions:
                continue
            at = bisect.bisect_left(positions, story.first)
            while at < len(positions) and positions[at] < story.stop:
                counts[positions[at]] = counts.get(positions[at], 0) + 1
                at += 1
        size = len(probe)
        return {index: count for index, count in counts.items() if _chance(count, size)}


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Sorted indexes as runs of neighbours: ``[1, 2, 3, 7, 8]`` → ``[(1, 3), (7, 8)]``."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _chance(shared: int, size: int) -> int:
    """``shared``, or 0 when so few pairs are shared that it is chance (:data:`MIN_SHARED_PAIRS`)."""
    return 0 if shared < MIN_SHARED_PAIRS and size > 2 else shared


def _any_between(ordered: list[int], low: int, high: int) -> bool:
    """Does the sorted list hold a number strictly between ``low`` and ``high``?"""
    position = bisect.bisect_right(ordered, low)
    return position < len(ordered) and ordered[position] < high


def _ranked(scores: dict[int, float], near: list[int]) -> list[int]:
    """The stories by score, best first, the earliest first among equals; stories without a
    score (0) are left out, unless none has more than 0: then the earliest of ``near``."""
    ranked = sorted(scores, key=lambda index: (-scores[index], index))
    if not ranked or scores[ranked[0]] <= 0.0:
        return [near[0]]
    return ranked


def _assign_headlines(layout: _Layout, pieces: list[Headline], leftovers: list[str]) -> None:
    """Give each headline piece to the story whose text shares most with it; adjacent pieces
    that go to one story are one headline.  A piece whose words only begin part-way into its
    story cuts that story there (the first part keeps an inferred title)."""
    stories = layout.stories
    ordered = sorted(pieces, key=lambda p: p.number)
    for rank, piece in enumerate(ordered):
        probe = bigrams(piece.text)
        if not stories:
            leftovers.extend(text for text, _ in piece.elements)
            leftovers.extend(piece.bylines)
            continue
        below, above = layout.around(piece)
        near = layout.near(piece.number, rank / len(ordered))
        size = len(probe)
        scores = {index: count / size for index, count in layout.shared_by_story(probe, near).items()}
        for index, bonus in ((below, BELOW_BONUS), (above, ABOVE_BONUS)):
            if index is not None:
                scores[index] = scores.get(index, 0.0) + bonus
        ranked = _ranked(scores, near)
        best = ranked[0]
        if stories[best].headlines and not layout.next_to(piece, stories[best].headlines):
            # that story has its headline already: the next best, if it has none and fits
            free = [i for i in ranked[1:] if not stories[i].headlines and scores[i] >= MATCH_FLOOR]
            best = free[0] if free else best
        if scores.get(best, 0.0) < MATCH_FLOOR and size >= 3:
            leftovers.extend(text for text, _ in piece.elements)
            leftovers.extend(piece.bylines)
            continue
        split = _anchor(layout, stories[best], probe)
        story = layout.split(best, split) if split is not None else stories[best]
        story.headlines.append(piece)


def _anchor(layout: _Layout, story: Story, probe: set[str]) -> int | None:
    """The body index where the headline's words start, when the story's opening lacks them:
    the paragraph boundary, after at least :data:`ANCHOR_HEAD_CHARS` of text, where the
    headline's pairs are dense after (:data:`ANCHOR_TAIL_DENSITY`, and the paragraph there at
    least :data:`ANCHOR_START_DENSITY`) and sparse before (:data:`ANCHOR_CONTRAST`), with the
    greatest contrast.  Only paragraphs that share pairs with the headline are visited."""
    units, first, stop = layout.units, story.first, story.stop
    opening = layout.paragraph_from[first]
    if story.bylines or (opening < stop and units[opening].lead):  # type: ignore[union-attr]
        return None  # the story opens with its byline or dateline: it starts where it should
    size = len(probe)
    if not size:
        return None
    shared = layout.shared_by_unit(probe, story)
    openers = [opening] if opening < stop else []
    if openers and (second := layout.paragraph_from[opening + 1]) < stop:
        openers.append(second)
    if openers and sum(shared.get(i, 0) for i in openers) / (size * len(openers)) >= OPENING_DENSITY:
        return None
    total = sum(shared.values())
    count = stop - first
    best: tuple[float, int] | None = None
    head_shared = 0
    for index in sorted(shared):
        split = index - first
        if split >= 2 and shared[index] / size >= ANCHOR_START_DENSITY:
            unit, previous = units[index], units[index - 1]
            if (
                isinstance(unit, Paragraph)
                and isinstance(previous, Paragraph)
                and previous.closed
                and layout.chars[index] - layout.chars[first] >= ANCHOR_HEAD_CHARS
            ):
                head = head_shared / (size * split)
                tail = (total - head_shared) / (size * (count - split))
                if tail >= ANCHOR_TAIL_DENSITY and head <= ANCHOR_CONTRAST * tail:
                    contrast = tail - head
                    if best is None or contrast > best[0]:
                        best = (contrast, split)
        head_shared += shared[index]
    return best[1] if best else None


def _assign_caption(layout: _Layout, caption: _Caption, rank: float, leftovers: list[str]) -> None:
    stories = layout.stories
    if not stories:
        leftovers.extend(caption.texts)
        return
    near = layout.near(caption.number, rank)
    for text in caption.texts:
        probe = bigrams(text)
        shared = layout.shared_by_story(probe, near)
        if not shared:
            before = layout.before(caption.number)
            target = stories[before] if before is not None else stories[0]
        else:
            target = stories[min(shared, key=lambda index: (-shared[index], index))]
        target.captions.append(text)


def _article(story: Story, article_id: str) -> Article:
    blocks: list[Block] = []
    for unit in story.body:
        if isinstance(unit, Paragraph) and unit.table is not None:
            blocks.append(unit.table)
        elif isinstance(unit, Paragraph):
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
    title, inferred = title_or_inferred(title, blocks)
    return Article(
        id=article_id,
        title=title,
        blocks=blocks,
        kicker=kicker,
        subtitle=subtitle,
        byline="　".join(bylines) or None,
        captions=story.captions,
        title_inferred=inferred,
        line=first_line,
    )
