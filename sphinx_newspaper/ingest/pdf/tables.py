"""Tables on a PDF page: a grid of short aligned cells read as rows, columns and a header row.

Weather (cities by two days), stock prices, lottery results, TV listings and sports tables are
set as rows of short cells whose columns line up down the table.  Read as text they are a dozen
scraps, each line a "story" titled by a cell (晴转多云, 日期); this step finds them in the page's
lines before blocks, roles and stories take them, and hands each on as one block
(:class:`TableBlock`) that the later steps place like a block of text: in the story it stands in,
read as a table (:meth:`~sphinx_newspaper.model.Block.table`).

A grid is

* **rows**: lines of cells (:func:`.tables.is_cell`: short, no punctuation of prose) on one
  baseline, side by side at most :data:`ROW_REACH` ems apart; a line's characters fall into
  pieces where white of at least :data:`CELL_GAP` ems parts them;
* **stacked** at least :data:`.tables.MIN_ROWS` rows deep, one under another with an even pitch
  (:data:`PITCH` leadings at most, steady within :data:`PITCH_SLACK`), nothing else between
  them;
* **columns**: white running down the whole table (:data:`COLUMN_WHITE` ems wide at least)
  parts the columns, at least :data:`.tables.MIN_COLUMNS` of them, every row filling two or
  more and every column filled in most rows;
* **figures** in one column on every row under the header (``5℃``, ``187.71``, ``8:00``), as
  the text route asks (:func:`.tables.figure_column`); cells of one character throughout are
  letter-spaced prose, and a grid of prices and offers (``市场价：0.52元/克``) an advert's,
  left to the advert (:func:`.masthead.is_advert_text`).

The first row is the header when it is set in another face than the rows under it, or, as in
the text route, when it holds no figures while a column under it does
(:func:`.tables.heads_columns`).  Everything is measured in the type's own ems.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ...util.characters import horizontal_forms
from ..masthead import is_advert_text
from ..tables import (
    MAX_CELL,
    MIN_COLUMNS,
    MIN_ROWS,
    figure_column,
    has_prose,
    heads_columns,
    is_cell,
    letter_spaced,
)
from .chars import Box, Char, is_wide
from .layout import Block
from .lines import Line, PageLines
from .lines import _spaced_text as spaced_text  # one place for a line's spacing

#: Characters of one line with at least this many ems of white between them stand in two cells
#: (a word space inside a cell, ``晴 -3～5℃``, ``09 25 23``, is a third of an em or less).
CELL_GAP = 0.6
#: Cells on one baseline belong to one row when at most this many ems apart.
ROW_REACH = 8.0
#: Table type is at most this many times the body size (a header may be set a little larger).
MAX_SIZE = 1.3
#: ... and at least this many times (small type is still a table; hair-size notes are not).
MIN_SIZE = 0.5
#: Rows follow one another at most this many of their own sizes apart, baseline to baseline.
PITCH = 2.8
#: Each row's pitch is within this share of the table's usual pitch.
PITCH_SLACK = 0.35
#: White running down the table between two columns is at least this many ems wide.
COLUMN_WHITE = 0.5
#: Every column holds a cell in at least this share of the rows.
FILLED = 0.6
#: A table's box reaches this many ems past the rules over and under it (they are its own).
RULE_MARGIN = 0.25


@dataclass
class TableBlock(Block):
    """A table found on the page: the block of the lines it was read from, and its cells."""

    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0


@dataclass
class _Row:
    """Lines of cells on one baseline, side by side."""

    lines: list[Line]
    pieces: list[tuple[Line, list[Char]]]  # its characters cut where white parts cells
    baseline: float
    size: float
    x0: float
    x1: float


def find_tables(page: PageLines) -> list[TableBlock]:
    """Every table on the page, each with the lines it was read from."""
    em = page.body_size
    candidates: list[tuple[Line, list[list[Char]]]] = []
    for line in page.lines:
        pieces = _cells_of(line, em)
        if pieces is not None:
            candidates.append((line, pieces))
    if len(candidates) < MIN_ROWS * MIN_COLUMNS:
        return []
    rows = _rows(candidates)
    found: list[TableBlock] = []
    used: set[int] = set()
    others = [line for line in page.lines if not line.vertical]
    for index, row in enumerate(rows):
        if id(row) in used or len(row.pieces) < MIN_COLUMNS:
            continue
        chain = _stack(row, rows[index + 1 :], used, others)
        # the longest run of rows from this one that makes a table (a table set right over
        # another at about its pitch: the rows run on into the next one's)
        for end in range(len(chain), MIN_ROWS - 1, -1):
            table = _grid(chain[:end], page.page.rules)
            if table is not None:
                found.append(table)
                used.update(id(member) for member in chain[:end])
                break
    return found


def without_tables(page: PageLines, tables: list[TableBlock]) -> PageLines:
    """The page's lines less those the tables were read from."""
    taken = {id(line) for table in tables for line in table.lines}
    return replace(page, lines=[line for line in page.lines if id(line) not in taken])


def _cells_of(line: Line, em: float) -> list[list[Char]] | None:
    """A line's characters cut into cells, when the line can be part of a table row."""
    if line.vertical or not MIN_SIZE * em <= line.size <= MAX_SIZE * em or not line.chars:
        return None
    if has_prose(line.text):
        return None  # most lines of text
    chars = line.chars
    gap = CELL_GAP * line.size
    cuts = [i for i in range(1, len(chars)) if chars[i].x - chars[i - 1].right >= gap]
    if not cuts and line.ems > MAX_CELL:
        return None  # one piece, too long for a cell
    pieces = [chars[start:end] for start, end in zip([0, *cuts], [*cuts, len(chars)], strict=True)]
    if not all(is_cell("".join(char.text for char in piece)) for piece in pieces):
        return None
    return pieces


def _text(chars: list[Char], line: Line) -> str:
    return horizontal_forms(spaced_text(chars, line.width or line.size)).strip()


def _rows(candidates: list[tuple[Line, list[list[Char]]]]) -> list[_Row]:
    """Candidate lines gathered into rows (one baseline, near each other), top to bottom."""
    ordered = sorted(candidates, key=lambda item: (-round(item[0].baseline), item[0].x0))
    rows: list[_Row] = []
    open_rows: list[_Row] = []
    for line, pieces in ordered:
        home = None  # the nearest row on its baseline
        apart = 0.0
        for row in open_rows:
            gap = max(line.x0 - row.x1, row.x0 - line.x1)
            if abs(row.baseline - line.baseline) <= 0.3 * row.size and gap <= ROW_REACH * row.size:
                if home is None or gap < apart:
                    home, apart = row, gap
        if home is None:
            home = _Row(
                [line], [(line, piece) for piece in pieces], line.baseline, line.size, line.x0, line.x1
            )
            rows.append(home)
        else:
            home.lines.append(line)
            home.pieces.extend((line, piece) for piece in pieces)
            home.x0, home.x1 = min(home.x0, line.x0), max(home.x1, line.x1)
        open_rows = [row for row in open_rows if row.baseline - line.baseline <= 0.3 * row.size]
        if home not in open_rows:
            open_rows.append(home)
    rows.sort(key=lambda row: (-row.baseline, row.x0))
    for row in rows:
        row.pieces.sort(key=lambda item: item[1][0].x)
    return rows


def _stack(first: _Row, below: list[_Row], used: set[int], others: list[Line]) -> list[_Row]:
    """The rows stacked under ``first`` with an even pitch, nothing else between them."""
    chain = [first]
    pitch = 0.0
    x0, x1 = first.x0, first.x1
    for row in below:
        last = chain[-1]
        step = last.baseline - row.baseline
        if step < 0.5 * last.size:
            continue  # on the same baseline: another row beside
        if step > PITCH * last.size:
            break
        if id(row) in used or min(x1, row.x1) - max(x0, row.x0) < 0.5 * min(x1 - x0, row.x1 - row.x0):
            continue
        if pitch and abs(step - pitch) > PITCH_SLACK * pitch:
            break
        if _between(last, row, x0, x1, others):
            break
        chain.append(row)
        pitch = pitch or step
        x0, x1 = min(x0, row.x0), max(x1, row.x1)
    return chain


def _between(above: _Row, below: _Row, x0: float, x1: float, others: list[Line]) -> bool:
    """Some other line stands between two rows, across the table's width."""
    members = {id(line) for line in (*above.lines, *below.lines)}
    return any(
        below.baseline < line.baseline < above.baseline
        and line.x1 > x0
        and line.x0 < x1
        and id(line) not in members
        and abs(line.baseline - above.baseline) > 0.3 * above.size
        and abs(line.baseline - below.baseline) > 0.3 * below.size
        for line in others
    )


def _grid(chain: list[_Row], rules: list[Box]) -> TableBlock | None:
    """The table the rows make, when their cells line up in columns."""
    trimmed = _trimmed(chain)
    if trimmed is None or len(trimmed) < MIN_ROWS:
        return None
    chain = trimmed
    columns = _columns(chain)
    if len(columns) < MIN_COLUMNS:
        return None
    grid: list[list[str]] = []
    for row in chain:
        cells: list[list[str]] = [[] for _ in columns]
        for line, piece in row.pieces:
            cells[_column_of(columns, piece)].append(_text(piece, line))
        grid.append([" ".join(cell) for cell in cells])
    if any(sum(bool(cell) for cell in row) < MIN_COLUMNS for row in grid[1:]):
        return None
    if any(sum(bool(row[i]) for row in grid) < FILLED * len(grid) for i in range(len(columns))):
        return None
    if letter_spaced(grid) or any(is_advert_text(cell) for row in grid for cell in row):
        return None  # prose set with a space between characters; an advert's prices
    header = 1 if _own_face(chain) or heads_columns(grid) else 0
    if not figure_column(grid[header:], within=True):
        return None
    lines = sorted((line for row in chain for line in row.lines), key=lambda line: (-line.baseline, line.x0))
    block = TableBlock(
        lines,
        min(line.x0 for line in lines),
        max(line.x1 for line in lines),
        min(line.y0 for line in lines),
        max(line.y1 for line in lines),
        sorted(line.size for line in lines)[len(lines) // 2],
        rows=grid,
        header_rows=header,
    )
    _take_rules(block, chain, rules)
    return block


def _take_rules(table: TableBlock, chain: list[_Row], rules: list[Box]) -> None:
    """The table's box takes in the rules drawn over and under it (within a row's pitch, across
    most of its width): they are its own, and part it from no text."""
    pitch = chain[0].baseline - chain[1].baseline
    width = table.x1 - table.x0
    for x0, y0, x1, y1 in rules:
        if y1 - y0 > x1 - x0 or min(x1, table.x1) - max(x0, table.x0) < 0.8 * width:
            continue
        middle = (y0 + y1) / 2
        if table.y1 <= middle <= table.y1 + pitch:
            table.y1 = max(table.y1, y1 + RULE_MARGIN * table.size)
        elif table.y0 - pitch <= middle <= table.y0:
            table.y0 = min(table.y0, y0 - RULE_MARGIN * table.size)


def _column_of(columns: list[tuple[float, float]], piece: list[Char]) -> int:
    """The column a piece of a row stands in."""
    middle = (piece[0].x + piece[-1].right) / 2
    return min(range(len(columns)), key=lambda i: max(columns[i][0] - middle, middle - columns[i][1], 0.0))


def _trimmed(chain: list[_Row]) -> list[_Row] | None:
    """The rows less the lines standing in edge columns that few rows fill (text beside the
    table, on a row or a few); None where such a line also holds cells of the table."""
    columns = _columns(chain)
    filled = Counter(i for row in chain for i in {_column_of(columns, piece) for _, piece in row.pieces})
    dense = [i for i in range(len(columns)) if filled[i] >= FILLED * len(chain)]
    if not dense:
        return None
    first, last = dense[0], dense[-1]
    strays: set[int] = set()
    for row in chain:
        for line in row.lines:
            at = {_column_of(columns, piece) for owner, piece in row.pieces if owner is line}
            inside = {i for i in at if first <= i <= last}
            if inside and inside != at:
                return None  # a line both in the table and beside it
            if not inside:
                strays.add(id(line))
    if not strays:
        return chain
    trimmed = [
        _Row(
            [line for line in row.lines if id(line) not in strays],
            [(line, piece) for line, piece in row.pieces if id(line) not in strays],
            row.baseline,
            row.size,
            row.x0,
            row.x1,
        )
        for row in chain
    ]
    return None if any(not row.lines for row in trimmed) else trimmed


def _columns(chain: list[_Row]) -> list[tuple[float, float]]:
    """The table's columns: the stretches its cells cover, parted by white running down it."""
    spans = sorted((piece[0].x, piece[-1].right, row.size) for row in chain for _, piece in row.pieces)
    columns: list[list[float]] = []
    for left, right, size in spans:
        if columns and left - columns[-1][1] < COLUMN_WHITE * size:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return [(left, right) for left, right in columns]


def _own_face(chain: list[_Row]) -> bool:
    """The first row is set in another face than every row under it (a bold header), told by
    its Chinese characters (digits are set in a Latin face whatever the row's)."""

    def faces(rows: list[_Row]) -> set[int]:
        return {char.font for row in rows for _, piece in row.pieces for char in piece if is_wide(char.text)}

    first = faces(chain[:1])
    return bool(first) and not first & faces(chain[1:])
