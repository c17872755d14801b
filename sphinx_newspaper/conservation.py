"""Nothing lost: every non-whitespace character of a page's input text must land somewhere in
what the ingest made of the page (masthead, column, credits, furniture, and the articles'
headline parts, bylines, blocks, decks and captions, the pictures' captions and credits).

``sphinx-newspaper inspect --check`` counts this per page; the tests assert it on every page
and on generated ones.  Pure Python, no Sphinx.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator

from .model import Page


def plain(text: str | None) -> str:
    """Body form: NFKC of each character (``（`` → ``(``, ``﹃`` → ``『``) with all whitespace
    removed; ornaments are kept, they are text.  Character by character, so that every position
    maps back to one input character."""
    normal = "".join(unicodedata.normalize("NFKC", char) for char in text or "")
    return "".join(normal.split())


def output_texts(page: Page) -> Iterator[str]:
    """Every text the ingest put on the page (inferred titles excluded: they repeat the body)."""
    yield from page.masthead
    if page.column:
        yield page.column
    yield from page.credits
    yield from page.furniture
    for article in page.articles:
        for text in (article.kicker, article.subtitle, article.byline):
            if text:
                yield text
        if article.title and not article.title_inferred:
            yield article.title
        for block in article.blocks:
            yield block.text
            if block.deck:
                yield block.deck
        yield from article.captions
        for figure in article.figures:
            yield figure.text
    for figure in page.figures:
        yield figure.text


CHUNK_MIN = 4  # shortest run of an output text placed on its own in the input


class Claims:
    """The input's whitespace-free characters, and which of them output texts have claimed.
    The input is one text, or several files' texts (a page of article files), each named."""

    def __init__(self, inputs: list[tuple[str, str]]) -> None:
        chars: list[str] = []
        # (file, line, column, character as written)
        self.origins: list[tuple[str, int, int, str]] = []
        for name, text in inputs:
            for number, line in enumerate(text.split("\n"), start=1):
                for column, original in enumerate(line):
                    for char in plain(original):
                        chars.append(char)
                        self.origins.append((name, number, column, original))
        self.source = "".join(chars)
        self.covered = [False] * len(self.source)
        self._resume: dict[str, int] = {}  # where to look again for a piece already placed

    def find_free(self, piece: str) -> int:
        """First position where ``piece`` occurs in the input on unclaimed characters, or -1.
        Claims only grow: a piece found before is looked for again after where it was found."""
        start = self._resume.get(piece, 0)
        while (found := self.source.find(piece, start)) >= 0:
            if not any(self.covered[found : found + len(piece)]):
                self._resume[piece] = found + 1
                return found
            start = found + 1
        self._resume[piece] = len(self.source)
        return -1

    def claim(self, position: int, length: int) -> None:
        self.covered[position : position + length] = [True] * length

    def place(self, piece: str) -> str:
        """Claim ``piece`` verbatim, else in its longest runs (reordered or interleaved text);
        return the characters that found no place."""
        found = self.find_free(piece)
        if found >= 0:
            self.claim(found, len(piece))
            return ""
        rest: list[str] = []
        k = 0
        while k < len(piece):
            best, length = -1, CHUNK_MIN
            while k + length <= len(piece) and (found := self.find_free(piece[k : k + length])) >= 0:
                best, length = found, length + 1
            if best >= 0:
                self.claim(best, length - 1)
                k += length - 1
            else:
                rest.append(piece[k])
                k += 1
        return "".join(rest)

    def runs(self, indices: list[int]) -> list[str]:
        """Consecutive input positions as ``line N: text``."""
        runs: list[list[int]] = []
        for index in indices:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        return [f"{self.where(run[0])}: {self.written(run)}" for run in runs]

    def where(self, index: int) -> str:
        """``line N``, or ``FILE, line N`` when the input is several files."""
        name, number = self.origins[index][:2]
        return f"{name}, line {number}" if name else f"line {number}"

    def written(self, run: list[int]) -> str:
        """The input characters behind a run of positions, as written (before NFKC)."""
        out: list[str] = []
        last: tuple[str, int, int, str] | None = None
        for index in run:
            if self.origins[index] != last:
                last = self.origins[index]
                out.append(last[3])
        return "".join(out)


def conservation(page: Page, text: str | list[tuple[str, str]]) -> tuple[int, int, list[str]]:
    """(kept, total, missing runs): the input's non-whitespace characters found in the output,
    counted as a multiset.  The input is the page's text, or (name, text) for each of the files
    the page was read from (a page of article files).  Output texts are first placed on the
    input (whole, else in runs) so that what is missing can be named as runs of the input with
    their files and line numbers; the count is the multiset count whatever the claims."""
    claims = Claims([("", text)] if isinstance(text, str) else text)
    leftover: Counter[str] = Counter()
    for piece in sorted((plain(t) for t in output_texts(page)), key=len, reverse=True):
        if piece:
            leftover.update(claims.place(piece))
    missing: list[int] = []
    for index, char in enumerate(claims.source):
        if claims.covered[index]:
            continue
        if leftover[char] > 0:
            leftover[char] -= 1
        else:
            missing.append(index)
    total = len(claims.source)
    return total - len(missing), total, claims.runs(missing)
