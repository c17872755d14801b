"""Chinese search in the HTML book: Chinese words in Sphinx's search index, and the search page
finding the articles that hold a word a reader types (headless Chromium, tests/cdp.py).

tests/test_packaging.py runs the same search on the oldest Sphinx the package declares and on
the newest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from building import copy_root
from cdp import CHROMIUM, Browser, served

ISSUE = "newspaper/2023-03-24"
HAN = re.compile(r"[\u4e00-\u9fff]")


def search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def found(results: list[str]) -> set[str]:
    """The articles and pages of the issue a search lists (their names in the issue)."""
    return {re.sub(r"\.html.*", "", link).rsplit("/", 1)[-1] for link in results if ISSUE in link}


def search_finds(browser: Browser, site: str, query: str) -> set[str]:
    return found(browser.search(site, query))


@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result="search-hans")
def test_chinese_words_are_in_the_search_index(app):
    app.build()
    index = search_index(Path(app.outdir))
    chinese = [term for term in index["terms"] if HAN.search(term)]
    assert len(chinese) > 500  # Sphinx without a segmenter indexes none
    articles = {name: number for number, name in enumerate(index["docnames"])}

    def holding(term: str) -> set[str]:
        """The documents holding ``term`` in their text or title (Sphinx keeps them apart)."""
        numbers = []
        for table in ("terms", "titleterms"):
            held = index[table].get(term, [])
            numbers += [held] if isinstance(held, int) else held
        return {name.rsplit("/", 1)[-1] for name, number in articles.items() if number in numbers}

    # the words inside 乡村振兴 (search mode), in the articles that use it
    assert {"p04-01", "p04-02"} <= holding("乡村") and {"p04-01", "p04-02"} <= holding("振兴")
    assert {"p04-01", "p04-03"} <= holding("党建")
    assert "责任田" in index["titleterms"]  # the first article's headline
    assert not any(len(term) == 1 and HAN.search(term) for term in index["terms"])


def test_the_search_page_names_a_stemmer_it_defines():
    """Sphinx 9.0's search page says ``window.Stemmer = ChineseStemmer;`` after the English
    stemmer's code; the extension's Chinese search names the stemmer its script defines."""
    from sphinx.search import IndexBuilder

    from sphinx_newspaper.book.search import _DEFINED, chinese_search_language

    language = chinese_search_language()
    code = IndexBuilder.get_js_stemmer_code(type("Builder", (), {"lang": language})())
    assigned = re.search(r"Stemmer\s*=\s*(\w+)\s*;?\s*$", code)
    assert assigned and (assigned[1] in _DEFINED.findall(code) or "function" in code), code[-200:]


def test_a_user_dictionary_adds_its_words(make_app, tmp_path: Path):
    """``html_search_options = {"dict": …}``, as for Sphinx's own Chinese search (jieba's format)."""
    words = tmp_path / "words.txt"
    words.write_text("龙头山镇沙坝村 100000 ns\n", encoding="utf-8")
    srcdir = copy_root("issue", tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"html_search_options": {"dict": str(words)}})
    app.build()
    assert "龙头山镇沙坝村" in search_index(Path(app.outdir))["terms"]


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)")
@pytest.mark.sphinx("html", testroot="issue")
@pytest.mark.test_params(shared_result="search-hans")
def test_the_search_page_finds_the_articles_holding_a_word(app):
    app.build()
    with served(Path(app.outdir)) as site, Browser() as browser:
        # 乡村振兴 is not one word of the index: the page splits it into 乡村 and 振兴
        assert {"p04-01", "p04-02"} <= search_finds(browser, site, "乡村振兴")
        assert {"p04-01", "p04-03"} <= search_finds(browser, site, "党建")
        assert "p04-01" in search_finds(browser, site, "金融帮扶 青花椒")
        assert search_finds(browser, site, "火星探测") == set()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup-system.sh)")
@pytest.mark.sphinx("html", testroot="issue", confoverrides={"newspaper_convert": "s2tw"})
def test_traditional_text_is_found_in_traditional_words(app):
    app.build()
    assert app.config.language == "zh_TW"
    with served(Path(app.outdir)) as site, Browser() as browser:
        assert {"p04-01", "p04-02"} <= search_finds(browser, site, "鄉村振興")


def test_a_chinese_word_is_stemmed_once_a_build():
    """Sphinx keeps stems for one document only; the book's Chinese words are stemmed once for
    all its documents (the English stemmer on every word of every page was the index's main
    cost), with the stems Sphinx gives, and Latin terms still stemmed as Sphinx does."""
    from sphinx_newspaper.book.search import chinese_search_language

    language = chinese_search_language()({})
    calls: list[str] = []
    stem_word = language.stemmer.stemWord

    def counted(word: str) -> str:
        calls.append(word)
        return stem_word(word)

    language.stemmer = type("Counted", (), {"stemWord": staticmethod(counted)})()
    assert [language.stem("乡村振兴") for _ in range(3)] == ["乡村振兴"] * 3
    assert calls == ["乡村振兴"]
    language.split("running 跑步")
    assert language.stem("running") == "run"
    assert language.stem("running") == "run"
    assert calls.count("running") == 2


def test_a_text_gives_each_chinese_word_once():
    """The index records which documents hold a word, not how often: a paragraph's repeats
    reach Sphinx once, in the order they first come."""
    from sphinx_newspaper.book.search import chinese_search_language

    language = chinese_search_language()({})
    words = language.split("乡村振兴，推进乡村振兴。振兴 ok ok")
    chinese = [word for word in words if word not in ("ok",)]
    assert len(chinese) == len(set(chinese))
    assert chinese == ["乡村", "振兴", "推进"]
    assert words.count("ok") == 2
