"""Chinese full-text search in the HTML book: words in the index, and queries split into them.

Sphinx's Chinese search (``sphinx.search.zh``) indexes Chinese words only when ``jieba`` is
installed (without it the index holds none, and no Chinese query finds anything), and from
Sphinx 9.0 its search page stops on ``ChineseStemmer is not defined``: the page's script names
the stemmer after the language, but Chinese ships the English one (sphinx#14229, fixed upstream
by naming it after the file).  The extension registers a Chinese search language of its own,
for HTML builds in Chinese only:

- the index: words cut by ``rjieba`` (jieba's dictionary and algorithm in Rust: the same words
  as jieba, at a fraction of its cost; see docs/sphinx-projects.md), in the search mode that
  also indexes the words inside long ones (乡村振兴 → 乡村, 振兴);
- the query: the browser has no dictionary, and a reader types 乡村振兴 as one run of
  characters; the page splits each run of Chinese characters into the longest words the index
  itself holds, left to right, so that a query finds the pages holding all its words;
- the stemmer: where the Sphinx at hand names a stemmer its script does not define (checked on
  Sphinx's own output, so nothing changes where it is right), the one the script defines.

A project's ``html_search_options = {"dict": "words.txt"}`` (jieba's user dictionary format,
``word [frequency] [tag]`` a line) adds its words, as it does for Sphinx's own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.search import SearchLanguage

logger = logging.getLogger(__name__)

#: A Chinese (Han) character: the index keeps words holding one.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

#: The query splitter of the search page (``splitQuery``, as Sphinx's languages name it).
#: Runs of letters and digits as Sphinx's default splitter finds them; in each, every run of
#: Han characters that the index does not hold whole is cut into the longest words the index
#: holds (its text and title terms), left to right.  Single characters are not indexed (nor
#: by Sphinx's own Chinese search): left over, they are dropped when the query has words
#: besides; a query of nothing else stays as typed, and finds nothing.
SPLITTER_JS = r"""
var splitQuery = (query) => {
  const index = typeof Search !== "undefined" && Search._index ? Search._index : null;
  const has = (table, word) => !!table && Object.prototype.hasOwnProperty.call(table, word);
  const known = (word) => index !== null && (has(index.terms, word) || has(index.titleterms, word));
  const words = [], leftover = [];
  const runs = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((run) => run);
  for (const run of runs) {
    for (const part of run.match(/\p{Script=Han}+|\P{Script=Han}+/gu) || []) {
      if (!/\p{Script=Han}/u.test(part) || known(part)) { words.push(part); continue; }
      const chars = Array.from(part);
      let cut = false;
      for (let start = 0; start < chars.length; ) {
        let end = chars.length;
        while (end > start + 1 && !known(chars.slice(start, end).join(""))) end--;
        if (end > start + 1) { words.push(chars.slice(start, end).join("")); cut = true; }
        start = end;
      }
      if (!cut) leftover.push(part);
    }
  }
  return words.length ? words : leftover;
};
"""


def setup_search(app: Sphinx) -> None:
    """Chinese search for HTML builds in Chinese."""
    app.connect("builder-inited", register_chinese_search)


def register_chinese_search(app: Sphinx) -> None:
    """``builder-inited``: for a builder with a search page, in Chinese (``language`` or
    ``html_search_language`` ``zh``, ``zh_CN``, ``zh_TW``...), the extension's Chinese search."""
    if not getattr(app.builder, "search", False):
        return
    language = app.config.html_search_language or app.config.language or ""
    if language.split("_")[0].split("-")[0].lower() != "zh":
        return
    app.add_search_language(chinese_search_language())


@functools.cache
def chinese_search_language() -> type[SearchLanguage]:
    """The Chinese search language: Sphinx's own, with the words cut by rjieba, the query split
    into the index's words, and the stemmer the script defines (made once, on first use: it
    imports Sphinx's Chinese search)."""
    import snowballstemmer
    from sphinx.search import SearchLanguage
    from sphinx.search.zh import SearchChinese

    stemmer_code = stemmer_code_fixed(SearchChinese)

    class NewspaperChinese(SearchChinese):
        js_splitter_code = SPLITTER_JS
        if stemmer_code is not None:
            js_stemmer_rawcode = ""
            js_stemmer_code = stemmer_code

        def __init__(self, options: dict[str, str]) -> None:
            self.latin_terms: set[str] = set()
            self.han_stems: dict[str, str] = {}
            self.stemmer = snowballstemmer.stemmer("english")
            self.cut = segmenter(options.get("dict"))
            SearchLanguage.__init__(self, options)

        def init(self, options: dict[str, str]) -> None:
            """Sphinx 7 calls this from ``__init__`` (it loaded jieba's dictionary here)."""

        def stem(self, word: str) -> str:
            """Sphinx's stem, kept for the whole build for Chinese words: Sphinx keeps it for one
            document only, and a book repeats its words across thousands of documents (the
            English stemmer on every Chinese word was the search index's main cost).  A Chinese
            word is never a Latin term, so its stem does not change during the build."""
            stemmed = self.han_stems.get(word)
            if stemmed is None:
                stemmed = super().stem(word)
                if HAN.search(word):
                    self.han_stems[word] = stemmed
            return stemmed

        def split(self, input: str) -> list[str]:
            # each word once: the index records which documents hold a word, not how often,
            # and every repeat costs Sphinx a stem, a filter and a look-up
            chinese = list(dict.fromkeys(word for word in self.cut(input) if HAN.search(word)))
            latin = [term.strip() for term in self.latin1_letters.findall(input)]
            self.latin_terms.update(latin)
            return chinese + latin

    return NewspaperChinese


def segmenter(dictionary: str | None = None) -> Callable[[str], list[str]]:
    """The words of a text in search mode, by rjieba, with the words of a user dictionary in
    jieba's format when one is named.  Without rjieba (a platform it has no wheel for):
    Sphinx's own, which uses jieba where it is installed."""
    try:
        import rjieba
    except ImportError:
        from sphinx.search.zh import cut_for_search, jieba_load_userdict

        logger.info("[newspaper] rjieba is not installed: Chinese words are indexed only with jieba")
        if dictionary and Path(dictionary).is_file():
            jieba_load_userdict(dictionary)
        return lambda text: list(cut_for_search(text))
    cut_for_search, tokenize = rjieba.cut_for_search, rjieba.tokenize
    if dictionary and Path(dictionary).is_file():
        words = rjieba.Jieba()
        cut_for_search, tokenize = words.cut_for_search, words.tokenize
        for line in Path(dictionary).read_text(encoding="utf-8-sig").splitlines():
            fields = line.split()
            if fields:
                frequency = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
                tag = fields[-1] if len(fields) > 1 and not fields[-1].isdigit() else None
                words.add_word(fields[0], frequency, tag)
    simplified = _simplified()

    def cut(text: str) -> list[str]:
        """Traditional text is cut where its Simplified form is (jieba's dictionary is
        Simplified: 鄉村振興 alone would come out as 鄉 / 村振興), character for character."""
        plain = simplified(text)
        if plain == text or len(plain) != len(text):
            return cut_for_search(text)
        return [text[start:end] for _word, start, end in tokenize(plain, "search")]

    return cut


@functools.cache
def _simplified() -> Callable[[str], str]:
    from opencc import OpenCC

    return OpenCC("t2s").convert


def stemmer_code_fixed(language: type[SearchLanguage]) -> str | None:
    """The search page's stemmer script for ``language`` where Sphinx's names a stemmer the
    script does not define (``window.Stemmer = ChineseStemmer;`` after the English stemmer's
    code): the same script naming the stemmer it defines.  None where Sphinx's is right."""
    from sphinx.search import IndexBuilder

    code = IndexBuilder.get_js_stemmer_code(SimpleNamespace(lang=language))  # type: ignore[arg-type]
    assigned = re.search(r"(?:window\.)?Stemmer\s*=\s*(\w+)\s*;?\s*$", code)
    if assigned is None or _defines(code, assigned[1]):
        return None
    defined = [name for name in _DEFINED.findall(code) if name != "BaseStemmer"]
    if not defined:
        return None
    return f"{code[: assigned.start()]}window.Stemmer = {defined[-1]};\n"


_DEFINED = re.compile(r"\b(?:var|let|const|class|function)\s+(\w+Stemmer)\b")


def _defines(code: str, name: str) -> bool:
    return name in _DEFINED.findall(code)
