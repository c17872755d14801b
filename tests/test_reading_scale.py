"""Reading stays near linear on pages far larger than printed ones (issue 12, item 9).

No timings here (they belong in ``make bench``, ``python -m benchmarks.big_pages``): these tests count
the work instead.  Character pairs are computed once per paragraph and headline, not once per
headline and story; paragraphs are joined once, not again at every place a story could be
split; and what is read from a page of hundreds of stories is still right.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from sphinx_newspaper.ingest import segment
from sphinx_newspaper.ingest.page import parse_page
from sphinx_newspaper.scoring import conservation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the benchmarks package
from benchmarks.big_pages import headlines_collected, headlines_over_stories, stories

STORIES = 400  # twice segment.MATCH_REACH: pages larger than that compare with nearby stories


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often pairs are computed and lines joined while a page is read."""
    calls: Counter[str] = Counter()
    bigrams, join_lines = segment.bigrams, segment.join_lines

    def counting_bigrams(text: str) -> set[str]:
        calls["bigrams"] += 1
        return bigrams(text)

    def counting_join(parts: list[str]) -> str:
        calls["join_lines"] += 1
        return join_lines(parts)

    monkeypatch.setattr(segment, "bigrams", counting_bigrams)
    monkeypatch.setattr(segment, "join_lines", counting_join)
    return calls


@pytest.mark.parametrize("make", [headlines_over_stories, headlines_collected])
def test_pairs_and_joined_text_are_computed_a_bounded_number_of_times_per_story(counted, make):
    text = make(STORIES)
    page = parse_page(text, "big.txt")
    # per story: its paragraph, its headline, a topic check; a quadratic reading did 400 × 400
    assert counted["bigrams"] <= 6 * STORIES, counted
    assert counted["join_lines"] <= 3 * STORIES, counted
    kept, total, missing = conservation(page, text)
    assert kept == total, missing[:3]


def test_every_headline_finds_its_story_on_a_page_of_hundreds():
    made = stories(STORIES, "本报讯 ")
    page = parse_page(headlines_over_stories(STORIES), "over.txt")
    assert [article.title for article in page.articles] == [headline for headline, _ in made]


def test_the_example_page_repeated_keeps_every_character_and_every_article(example_page: Path):
    copies = 90  # 270 stories: more than twice segment.MATCH_REACH
    text = example_page.read_text(encoding="utf-8") * copies
    page = parse_page(text, "repeated.txt")
    assert len(page.articles) == 3 * copies
    kept, total, missing = conservation(page, text)
    assert kept == total, missing[:3]
