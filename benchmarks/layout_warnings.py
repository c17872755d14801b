"""Measure the layout warnings (``newspaper.layout``) on synthetic pages whose gold is known.

For every page of the given folders (``*.pdf`` with ``*.pdf.gold.json`` beside them, as
``tests/pdf/synthetic.py`` builds them) the PDF route reads the page and its layout warnings;
each gold story is **read whole** when the article that carries its title holds the first and
the last words of its body (issue 23's measure).  Then:

* **caught**: of the stories not read whole, how many have a warning on them: on the article
  carrying their title, or on an article or furniture block holding some of their text;
* **false alarms**: of the warnings, how many fall only on stories read whole (an article that
  carries a whole story and nothing of another, or furniture that holds no story's text).

Run ``python -m benchmarks.layout_warnings /work/synth/s1 /work/synth/s101 ...``; prints a
table per page class and, as its last line, a JSON object with the figures, also written to
``docs/data/layout-warnings.json``.  Not a test: the
pages take minutes to read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from sphinx_newspaper.ingest import read_page
from sphinx_newspaper.model import Page
from sphinx_newspaper.scoring import gold_body, squeeze

from .common import add_output, save

#: Characters of a story's opening and ending looked for in its article.
WORDS = 8
#: A block or article holds some of a story's text when it shares this many characters' run.
SHARED = 12


def whole_stories(page: Page, gold: dict) -> list[tuple[dict, str | None, bool]]:
    """Each gold story with the id of the article carrying its title, and whether it is whole."""
    out = []
    for story in gold["articles"]:
        if story.get("title_inferred") or not story.get("title"):
            continue
        title = squeeze(story["title"])
        carrier = next(
            (a for a in page.articles if title and (squeeze(a.title) == title or title in squeeze(a.title))),
            None,
        )
        body = squeeze("".join(story.get("paragraphs", [])))
        if carrier is None or not body:
            out.append((story, None, False))
            continue
        text = squeeze("".join(block.text + (block.deck or "") for block in carrier.blocks))
        out.append((story, carrier.id, body[:WORDS] in text and body[-WORDS:] in text))
    return out


def holds_text_of(text: str, story: dict) -> bool:
    body = squeeze("".join(gold_body(story)))
    text = squeeze(text)
    return any(text[i : i + SHARED] in body for i in range(0, max(1, len(text) - SHARED + 1), SHARED))


def measure(paths: list[Path]) -> dict[str, Counter]:
    by_class: dict[str, Counter] = {}
    for path in paths:
        gold = json.loads(path.with_name(path.name + ".gold.json").read_text(encoding="utf-8"))
        page = read_page(path)
        kind = re.sub(r"-\d+$", "", path.stem.replace("synthetic-", ""))
        counts = by_class.setdefault(kind, Counter())
        counts["pages"] += 1
        stories = whole_stories(page, gold)
        warnings = [n for n in page.notices if n.subtype == "layout"]
        counts["warnings"] += len(warnings)
        texts = {a.id: "".join(b.text for b in a.blocks) for a in page.articles}
        blocks = {p.id: p for p in page.layout.blocks} if page.layout else {}
        warned_articles = {n.article for n in warnings if n.article}
        warned_blocks = [
            blocks[m[0]].text
            for n in warnings
            if n.article is None
            for m in [re.findall(r"b\d{3}-\d{3}[a-z]?", n.message)]
            if m and m[0] in blocks
        ]
        for story, carrier, whole in stories:
            counts["stories"] += 1
            if whole:
                continue
            counts["wrong"] += 1
            on_it = carrier in warned_articles
            holding = any(holds_text_of(texts[a], story) for a in warned_articles if a in texts)
            in_furniture = any(holds_text_of(text, story) for text in warned_blocks)
            if on_it or holding or in_furniture:
                counts["caught"] += 1
        whole_carriers = {carrier for _story, carrier, whole in stories if whole and carrier}
        wrong = [story for story, _carrier, whole in stories if not whole]
        for notice in warnings:
            if notice.article is not None:
                text = texts.get(notice.article, "")
                alarm = notice.article in whole_carriers and not any(holds_text_of(text, s) for s in wrong)
            else:
                found = re.findall(r"b\d{3}-\d{3}[a-z]?", notice.message)
                text = blocks[found[0]].text if found and found[0] in blocks else ""
                alarm = not any(holds_text_of(text, s) for s in gold["articles"])
            if alarm:
                counts["false"] += 1

                kind_of = _kind(notice.message)
                counts["false " + kind_of] += 1
            counts["warn " + _kind(notice.message)] += 1
    return by_class


def _kind(message: str) -> str:
    message = message.split(";")[0]
    for key in (
        "begins mid-sentence",
        "ends mid-sentence",
        "furniture",
        "no text under it",
        "across a rule",
        "far longer",
        "far shorter",
    ):
        if key in message:
            return key
    return "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    add_output(parser, "layout-warnings")
    args = parser.parse_args(argv)
    paths = sorted(
        p
        for folder in args.folders
        for p in folder.glob("*.pdf")
        if p.with_name(p.name + ".gold.json").exists()
    )
    by_class = measure(paths)
    total: Counter = Counter()
    print(f"{'class':10} {'pages':>5} {'stories':>7} {'wrong':>5} {'caught':>6} {'warnings':>8} {'false':>5}")
    for kind, counts in sorted(by_class.items()):
        total.update(counts)
        print(
            f"{kind:10} {counts['pages']:5} {counts['stories']:7} {counts['wrong']:5} {counts['caught']:6} "
            f"{counts['warnings']:8} {counts['false']:5}"
        )
    print(
        f"{'all':10} {total['pages']:5} {total['stories']:7} {total['wrong']:5} {total['caught']:6} "
        f"{total['warnings']:8} {total['false']:5}"
    )
    kinds = sorted({key[5:] for key in total if key.startswith("warn ")})
    for kind in kinds:
        print(f"  {kind:22} warnings {total['warn ' + kind]:4}  false alarms {total['false ' + kind]:4}")
    result = {
        "pages": total["pages"],
        "stories": total["stories"],
        "stories_not_whole": total["wrong"],
        "caught": total["caught"],
        "warnings": total["warnings"],
        "false_alarms": total["false"],
        "by_kind": {kind: [total["warn " + kind], total["false " + kind]] for kind in kinds},
    }
    print(json.dumps(result))
    by_class_json = {kind: dict(counts) for kind, counts in sorted(by_class.items())}
    save(args.output, "layout_warnings", result, argv, by_class=by_class_json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
