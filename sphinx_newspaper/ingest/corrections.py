"""An editor's corrections to what the ingest made of a page, kept beside the page file.

``PAGE.corrections.toml`` (for ``PAGE.txt``; ``PAGE.txt.corrections.toml`` works too) holds
tables naming articles by the ids ``sphinx-newspaper inspect`` prints::

    [[article]]                      # set headline parts of one article
    id = "p04-02"
    title = "数字乡村赋能基层治理"       # also: kicker, subtitle, byline

    [[split]]                        # a new article starts at this text
    id = "p04-03"
    at = "去年，昭通全市农村劳动力"
    title = "昭通农村劳动力转移就业"     # optional; else inferred from the text

    [[merge]]                        # neighbouring articles that are one story
    ids = ["p04-02", "p04-03"]

    [[furniture]]                    # text that is page furniture, not article text
    text = "扫码看更多"

    [[misread]]                      # text the OCR read wrong, and what is printed
    text = "贯电"
    printed = "贺电"

    [[move]]                         # text read into the wrong story (see .moves)
    blocks = ["b512-610"]            # by the block ids of inspect --draw (PDF pages), or
    to = "p04-02"                    # id, at, until: a span of an article's text; to = "new"

A misread text is replaced wherever it stands on the page (headlines, bylines, text, captions,
furniture), before the other tables are applied; one that is nowhere on the page is a
``newspaper.correction`` warning.  A furniture text is taken from an article's text, a caption, or a picture's caption or credit
(a photo credit, an advert's line the ingest gave a picture; the picture stays).  One that is
nowhere on the page is a ``newspaper.correction`` warning at its line in the corrections file
(the ingest may have set it apart already), not an error.

Ids always refer to the articles as the ingest made them (before any correction); after the
corrections the page's articles are numbered anew.  Nothing is dropped: a merged article's
headline becomes a subhead, and furniture keeps the text it takes.  Nothing is done twice
either: an id named twice in one ``[[merge]]`` or in two of them, two ``[[article]]`` tables
for one id, two splits at one text, empty values and characters no output can show are
errors naming the table, so that no correction silently undoes another.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Article, Block, Figure, Notice, Page, map_text
from ..subtypes import Subtype
from ..util.characters import UNSHOWABLE, code_point
from ..util.errors import IngestError, display
from ..util.files import read_input
from .headlines import infer_title, inferred_title_notice
from .moves import apply_moves, check_move, check_moves_once, move_page, renumber_layout

SUFFIX = ".corrections.toml"
#: A page's corrections are a few KB (a table is 3 to 6 lines); 4 MiB is tens of thousands of
#: tables: a larger file is no corrections file, and parsing it would only take time and memory.
MAX_CORRECTIONS_BYTES = 4 * 1024 * 1024
HINT = "see 'Corrections' in the documentation (docs/ingest.md)"

_TABLES: dict[str, tuple[set[str], set[str]]] = {
    # table: (required keys, optional keys)
    "article": ({"id"}, {"title", "kicker", "subtitle", "byline"}),
    "split": ({"id", "at"}, {"title", "kicker", "subtitle", "byline"}),
    "merge": ({"ids"}, set()),
    "furniture": ({"text"}, set()),
    "misread": ({"text", "printed"}, set()),
    "move": (
        {"to"},
        {"blocks", "id", "at", "until", "where", "page", "title", "kicker", "subtitle", "byline"},
    ),
}


def corrections_file(page_file: Path) -> Path | None:
    """The corrections file beside ``page_file``, if there is one (whatever it is: a folder or
    a FIFO of that name is refused when read, not passed over)."""
    for candidate in (
        page_file.with_name(page_file.stem + SUFFIX),
        page_file.with_name(page_file.name + SUFFIX),
    ):
        try:
            if candidate.exists() or candidate.is_symlink():
                return candidate
        except OSError:  # a name too long to exist (a page file's name near the 255-byte limit)
            continue
    return None


def load_corrections(path: Path, root: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Read and validate a corrections file; errors name the file, the table and the key."""
    source = display(path)
    try:
        text = read_input(path, root, MAX_CORRECTIONS_BYTES, "a page's corrections file").decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem = f"the corrections file is not UTF-8 text (byte {error.start})"
        raise IngestError(source, problem, "save it as UTF-8; " + HINT) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise IngestError(source, f"the corrections file is not valid TOML: {error}", HINT) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        problem = "the corrections file nests arrays or tables too deeply to be read"
        raise IngestError(
            source, problem, "a corrections file holds flat [[tables]] of strings; " + HINT
        ) from None
    for table, entries in data.items():
        if table not in _TABLES:
            known = ", ".join(f"[[{name}]]" for name in _TABLES)
            raise IngestError(source, f"unknown table [[{table}]]; known tables: {known}", HINT)
        if not isinstance(entries, list):
            raise IngestError(source, f"write [{table}] as an array of tables: [[{table}]]", HINT)
        required, optional = _TABLES[table]
        for number, entry in enumerate(entries, 1):
            where = f"[[{table}]] #{number}"
            if not isinstance(entry, dict):
                raise IngestError(source, f"{where} must be a table of keys: [[{table}]]", HINT)
            unknown = sorted(set(entry) - required - optional)
            if unknown:
                allowed = ", ".join(sorted(required | optional))
                raise IngestError(source, f"{where}: unknown key {unknown[0]!r}; allowed: {allowed}", HINT)
            missing = sorted(required - set(entry))
            if missing:
                raise IngestError(source, f"{where}: the key {missing[0]!r} is missing", HINT)
            for key, value in entry.items():
                _check_value(source, where, key, value)
            if table == "move":
                check_move(source, where, entry)
    _check_nothing_twice(source, data)
    check_moves_once(source, data.get("move", []))
    for table, entries in data.items():
        lines = _table_lines(text, table, len(entries))
        for entry, line in zip(entries, lines, strict=True):
            entry[LINE] = line
    return data


#: The key :func:`load_corrections` adds to each table once it is checked (no file can set it:
#: it is not a known key): the line of its ``[[table]]`` header, None when the file writes its
#: tables another way.
LINE = "line"


def _table_lines(text: str, table: str, count: int) -> list[int | None]:
    """The line of each ``[[table]]`` header, in order; Nones unless there is one per table
    (an inline array of tables has no header to point at)."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*(?:{re.escape(table)}|\"{re.escape(table)}\")[ \t]*\]\]", re.M)
    lines = [text.count("\n", 0, match.start()) + 1 for match in header.finditer(text)]
    return lines if len(lines) == count else [None] * count


def _check_value(source: str, where: str, key: str, value: object) -> None:
    if key == "ids":
        if not (isinstance(value, list) and len(value) >= 2 and all(isinstance(v, str) for v in value)):
            raise IngestError(source, f"{where}: 'ids' must list two or more article ids", HINT)
        texts = value
    elif key == "blocks":
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            raise IngestError(source, f"{where}: 'blocks' must list one or more block ids", HINT)
        texts = value
    elif isinstance(value, str):
        texts = [value]
    else:
        raise IngestError(source, f"{where}: {key!r} must be a string", HINT)
    for text in texts:
        if not text.strip():
            problem = f"{where}: {key!r} is empty (leave the key out to keep what the ingest found)"
            raise IngestError(source, problem, HINT)
        if bad := UNSHOWABLE.search(text):
            problem = f"{where}: {key!r} holds {code_point(bad[0])}, which no output can show"
            raise IngestError(source, problem, HINT)


def _check_nothing_twice(source: str, data: dict[str, list[dict[str, Any]]]) -> None:
    """One table per article, one split per text, each id in at most one ``[[merge]]``."""
    corrected: dict[str, int] = {}
    for number, entry in enumerate(data.get("article", []), 1):
        first = corrected.setdefault(entry["id"], number)
        if first != number:
            problem = (
                f"[[article]] #{number}: {entry['id']!r} is corrected in [[article]] #{first} "
                "already; put all its keys in one table"
            )
            raise IngestError(source, problem, HINT)
    splits: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(data.get("split", []), 1):
        first = splits.setdefault((entry["id"], entry["at"]), number)
        if first != number:
            problem = f"[[split]] #{number}: {entry['id']!r} is split at {entry['at']!r} in [[split]] #{first} already"
            raise IngestError(source, problem, HINT)
    misread: dict[str, int] = {}
    for number, entry in enumerate(data.get("misread", []), 1):
        first = misread.setdefault(entry["text"], number)
        if first != number:
            problem = f"[[misread]] #{number}: {entry['text']!r} is replaced in [[misread]] #{first} already"
            raise IngestError(source, problem, HINT)
    merged: dict[str, int] = {}
    for number, entry in enumerate(data.get("merge", []), 1):
        for identifier in entry["ids"]:
            first = merged.setdefault(identifier, number)
            if first == number and entry["ids"].count(identifier) > 1:
                problem = f"[[merge]] #{number}: {identifier!r} is named twice"
                raise IngestError(source, problem, "name each article once; " + HINT)
            if first != number:
                problem = f"[[merge]] #{number}: {identifier!r} is merged in [[merge]] #{first} already"
                hint = "to merge three or more articles, name them all in one [[merge]]; " + HINT
                raise IngestError(source, problem, hint)


def apply_corrections(page: Page, path: Path, root: Path | None = None) -> Page:
    """The page with the corrections in ``path`` applied."""
    return apply_correction_data(page, load_corrections(path, root), display(path))


def apply_issue_corrections(pages: list[Page], path: Path, root: Path | None = None) -> list[Page]:
    """The pages of one PDF with the corrections in ``path`` applied: each entry goes to the
    page its article ids name (``p04-02`` to page 4); a furniture text to the page holding it."""
    data = load_corrections(path, root)
    source = display(path)
    slugs = {page.slug: page for page in pages}
    shares: dict[str, dict[str, list[dict[str, Any]]]] = {page.slug: {} for page in pages}
    unmatched: list[Notice] = []
    for table, entries in data.items():
        for number, entry in enumerate(entries, 1):
            if table in ("furniture", "misread"):
                holds = _holds if table == "furniture" else _reads
                slug = next((p.slug for p in pages if holds(p, entry["text"])), None)
                if slug is None:
                    unmatched.append(_nowhere(table, entry, number, source))
                    continue
            elif table == "move" and not _entry_ids(table, entry):
                slug = move_page(entry, pages, f"[[move]] #{number}", source)
            else:
                ids = _entry_ids(table, entry)
                slug = ids[0].rsplit("-", 1)[0]
                if slug not in slugs or any(i.rsplit("-", 1)[0] != slug for i in ids):
                    known = ", ".join(slugs)
                    raise IngestError(
                        source,
                        f"[[{table}]] #{number}: {ids[0]!r} names no page of this file (pages: {known})",
                        HINT,
                    )
            shares[slug].setdefault(table, []).append(entry)
    corrected = [
        apply_correction_data(page, shares[page.slug], source) if shares[page.slug] else page
        for page in pages
    ]
    if unmatched and corrected:
        corrected[0] = replace(corrected[0], notices=[*corrected[0].notices, *unmatched])
    return corrected


def _entry_ids(table: str, entry: dict[str, Any]) -> list[str]:
    """The ids a table names (articles, or blocks), for the page they are on."""
    if table == "merge":
        return entry["ids"]
    if table == "move":  # block ids name no page: the articles it names do
        named = [entry["id"]] if "id" in entry else []
        return [*named, entry["to"]] if entry["to"] != "new" else named
    return [entry["id"]]


def _holds(page: Page, text: str) -> bool:
    """The page has ``text`` where a ``[[furniture]]`` table can take it from."""
    for article in page.articles:
        if any(text in block.text for block in article.blocks) or any(text in c for c in article.captions):
            return True
    return any(_figure_part(figure, text) for figure in page.all_figures)


def _reads(page: Page, text: str) -> bool:
    """The page's text holds ``text`` somewhere (a ``[[misread]]`` table can replace it)."""
    found = False

    def look(value: str) -> str:
        nonlocal found
        found = found or text in value
        return value

    map_text(_readable(page), look)
    return found


def _readable(page: Page) -> Page:
    """The page with what a ``[[misread]]`` table may change: not its notices (they name the
    text as read, and say where) and not what the OCR read (``inspect --check`` counts it)."""
    return replace(page, notices=[], ocr=None)


def _nowhere(table: str, entry: dict[str, Any], number: int, source: str) -> Notice:
    if table == "misread":
        problem = (
            f"[[misread]] #{number}: the text {entry['text']!r} is nowhere on the page; nothing was "
            "replaced (copy the text as sphinx-newspaper inspect shows it)"
        )
    else:
        problem = (
            f"[[furniture]] #{number}: the text {entry['text']!r} is in no article, caption or picture "
            "credit; nothing was taken (correct the text, or remove the table if the ingest sets it apart now)"
        )
    return Notice(Subtype.CORRECTION, problem, source, entry.get(LINE))


def _fix_misreadings(page: Page, entries: list[dict[str, Any]], source: str) -> tuple[Page, list[Notice]]:
    """The page with each ``[[misread]]`` text replaced by what is printed, everywhere it stands."""
    unmatched: list[Notice] = []
    limit = 2 * _text_size(page) + MISREAD_GROWTH
    for number, entry in enumerate(entries, 1):
        if not _reads(page, entry["text"]):
            unmatched.append(_nowhere("misread", entry, number, source))
            continue
        fixed = map_text(_readable(page), lambda value, e=entry: value.replace(e["text"], e["printed"]))
        page = replace(fixed, notices=page.notices, ocr=page.ocr)
        if _text_size(page) > limit:  # tables that feed each other: 村 → 村村, 村村 → 村村村村, ...
            problem = (
                f"[[misread]] #{number}: the [[misread]] tables so far make the page's text more than "
                "twice as long as it was read: each replaces what the ones before it printed"
            )
            raise IngestError(
                source, problem, "replace each misread text once, with what is printed; " + HINT
            )
    return page, unmatched


#: How much longer than twice its length a page's text may grow through ``[[misread]]`` tables.
MISREAD_GROWTH = 10_000


def _text_size(page: Page) -> int:
    """The characters of the page's text that ``[[misread]]`` tables may change."""
    size = 0

    def count(value: str) -> str:
        nonlocal size
        size += len(value)
        return value

    map_text(_readable(page), count)
    return size


def apply_correction_data(page: Page, data: dict[str, list[dict[str, Any]]], source: str) -> Page:
    """The page with validated corrections (:func:`load_corrections`) applied."""
    page, misread = _fix_misreadings(page, data.get("misread", []), source)
    articles = {
        a.id: replace(a, blocks=list(a.blocks), captions=list(a.captions), figures=list(a.figures))
        for a in page.articles
    }

    def article(identifier: str, where: str) -> Article:
        if identifier not in articles:
            known = ", ".join(articles) or "none"
            raise IngestError(
                source, f"{where}: no article {identifier!r} on this page (articles: {known})", HINT
            )
        return articles[identifier]

    for number, entry in enumerate(data.get("article", []), 1):
        target = article(entry["id"], f"[[article]] #{number}")
        changes = {key: entry[key] for key in ("title", "kicker", "subtitle", "byline") if key in entry}
        if "title" in changes:
            changes["title_inferred"] = False
        articles[entry["id"]] = replace(target, **changes)

    order = [article.id for article in page.articles]
    moved = apply_moves(page, articles, order, data.get("move", []), source)
    articles, order = moved.articles, moved.order
    split_from: dict[str, str] = dict(moved.made)  # new article -> what made it ("[[split]] #1")
    for number, entry in enumerate(data.get("split", []), 1):
        where = f"[[split]] #{number}"
        target = article(entry["id"], where)
        head, tail = _split(target, entry["at"], source, where)
        tail_id = f"{entry['id']}+{number}"
        for key in ("title", "kicker", "subtitle", "byline"):
            if key in entry:
                setattr(tail, key, entry[key])
        tail.title_inferred = "title" not in entry
        articles[entry["id"]], articles[tail_id] = head, tail
        order.insert(order.index(entry["id"]) + 1, tail_id)
        split_from[tail_id] = where

    reordered: list[Notice] = []
    for number, entry in enumerate(data.get("merge", []), 1):
        where = f"[[merge]] #{number}"
        parts = [article(identifier, where) for identifier in entry["ids"]]
        if notice := _reorder_notice(entry, order, split_from, where, source):
            reordered.append(notice)
        merged = parts[0]
        for other in parts[1:]:
            merged = _merge(merged, other)
        articles[entry["ids"][0]] = merged
        for identifier in entry["ids"][1:]:
            del articles[identifier]
            order.remove(identifier)

    furniture = moved.furniture
    figures = list(page.figures)
    unmatched: list[Notice] = []
    for number, entry in enumerate(data.get("furniture", []), 1):
        text = entry["text"]
        if any(_take_text(articles[identifier], text) for identifier in order if identifier in articles):
            furniture.append(text)
        elif _take_from_figures(figures, text):
            furniture.append(text)
        else:
            unmatched.append(_nowhere("furniture", entry, number, source))

    renumbered: dict[str, Article] = {}
    for index, identifier in enumerate((i for i in order if i in articles), 1):
        renumbered[identifier] = replace(articles[identifier], id=f"{page.slug}-{index:02d}")
    notices = [
        *_notices_after(page.notices, renumbered, split_from, source),
        *misread,
        *reordered,
        *unmatched,
    ]
    layout = renumber_layout(moved.layout, {old: article.id for old, article in renumbered.items()})
    return replace(
        page,
        articles=list(renumbered.values()),
        furniture=furniture,
        credits=moved.credits,
        figures=figures,
        notices=notices,
        layout=layout,
    )


def _notices_after(
    notices: list[Notice], renumbered: dict[str, Article], split_from: dict[str, str], source: str
) -> list[Notice]:
    """The page's notices once corrected: an article given its title, or merged into another,
    no longer warns that its title was inferred; one split off without a title does."""
    kept = []
    for notice in notices:
        if notice.subtype != Subtype.TITLE_INFERRED or notice.article is None:
            kept.append(notice)
            continue
        final = renumbered.get(notice.article)
        if final is not None and final.title_inferred:
            kept.append(inferred_title_notice(final, notice.source, notice.line))
    for identifier, where in split_from.items():
        final = renumbered.get(identifier)
        if final is not None and final.title_inferred:
            kept.append(inferred_title_notice(final, source, None, f"split off by {where}"))
    return kept


def _reorder_notice(
    entry: dict[str, Any], order: list[str], made: dict[str, str], where: str, source: str
) -> Notice | None:
    """A ``[[merge]]`` joins its articles in the order it names them, after the first: where
    that is not the page's reading order (the ids out of order, or other text between them,
    such as the part a ``[[split]]`` of the same article made), text moves; say so, never
    silently.  ``made``: the articles the corrections made, by what made them."""
    ids = entry["ids"]
    positions = [order.index(identifier) for identifier in ids]
    between = [order[i] for i in range(min(positions), max(positions) + 1) if order[i] not in ids]
    if not between and positions == sorted(positions):
        return None
    problem = f"{where}: joins {', '.join(ids)} in that order, which moves text on the page"
    if positions != sorted(positions):
        problem += f" (they are read in the order {', '.join(order[i] for i in sorted(positions))})"
    if between:
        named = [f"the article {made[i]} made" if i in made else i for i in between]
        problem += f"; {', '.join(named)} stood between them and now follow(s) the merged article"
    problem += "; nothing is lost (to keep the page's order, merge neighbours in their order)"
    return Notice(Subtype.CORRECTION, problem, source, entry.get(LINE))


def _split(article: Article, at: str, source: str, where: str) -> tuple[Article, Article]:
    for index, block in enumerate(article.blocks):
        position = block.text.find(at)
        if position < 0:
            continue
        head_blocks = article.blocks[:index]
        tail_blocks = article.blocks[index + 1 :]
        if position > 0:
            head_blocks = [*head_blocks, replace(block, text=block.text[:position].rstrip())]
            tail_blocks = [replace(block, text=block.text[position:]), *tail_blocks]
        else:
            tail_blocks = [block, *tail_blocks]
        if not head_blocks:
            raise IngestError(source, f"{where}: {at!r} is where the article already starts", HINT)
        first = tail_blocks[0].text
        tail = Article(id=article.id, title=infer_title(first), blocks=tail_blocks, line=tail_blocks[0].line)
        return replace(article, blocks=head_blocks), tail
    raise IngestError(source, f"{where}: the text {at!r} does not occur in article {article.id!r}", HINT)


def _merge(first: Article, second: Article) -> Article:
    blocks = list(first.blocks)
    if not second.title_inferred:
        heading = f"{second.kicker}{second.title}" if second.kicker else second.title
        blocks.append(Block("subhead", heading, deck=second.subtitle, line=second.line))
    elif second.kicker or second.subtitle:
        blocks.append(Block("subhead", second.kicker or "", deck=second.subtitle, line=second.line))
    byline = first.byline
    if second.byline and second.byline == first.byline:
        # one reporter's two stories: the byline printed again stays where it stood, as text
        # (dropping it lost characters, and inspect --check failed)
        blocks.append(Block("paragraph", second.byline, line=second.line))
    elif second.byline:
        byline = f"{first.byline}　{second.byline}" if first.byline else second.byline
    blocks.extend(second.blocks)
    return replace(
        first,
        blocks=blocks,
        captions=[*first.captions, *second.captions],
        figures=[*first.figures, *second.figures],
        byline=byline,
        regions=[*first.regions, *second.regions],
    )


def _take_text(article: Article, text: str) -> bool:
    """Remove ``text`` from the article's blocks, captions or pictures; True when found."""
    for index, block in enumerate(article.blocks):
        if text in block.text:
            rest = block.text.replace(text, "", 1).strip()
            if rest:
                article.blocks[index] = replace(block, text=rest)
            else:
                del article.blocks[index]
            return True
    for index, caption in enumerate(article.captions):
        if text in caption:
            rest = caption.replace(text, "", 1).strip()
            if rest:
                article.captions[index] = rest
            else:
                del article.captions[index]
            return True
    return _take_from_figures(article.figures, text)


def _take_from_figures(figures: list[Figure], text: str) -> bool:
    """Remove ``text`` from a picture's caption or credit (the picture stays); True when found."""
    for index, figure in enumerate(figures):
        part = _figure_part(figure, text)
        if part == "both":  # caption and credit as printed, one after the other
            figures[index] = replace(figure, caption=None, credit=None)
        elif part is not None:
            rest = (getattr(figure, part) or "").replace(text, "", 1).strip()
            figures[index] = replace(figure, **{part: rest or None})
        if part is not None:
            return True
    return False


def _figure_part(figure: Figure, text: str) -> str | None:
    """Which part of the picture's words holds ``text``: its caption, its credit, or both
    (``text`` is the whole of them)."""
    for part in ("caption", "credit"):
        if text in (getattr(figure, part) or ""):
            return part
    return "both" if figure.caption and figure.credit and text.strip() == figure.text else None
