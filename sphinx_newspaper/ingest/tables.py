"""Tables in text input: a grid of short cells, one row a line, read as rows and a header row.

Weather (``北京 晴 -3℃ 5℃``), stock prices (``600000 贵州茅台 187.71 -2.78% 178297``), lottery
results, TV listings and sports tables come out of e-paper text as lines of cells set apart by
spaces.  A run of such lines is a table when

* each line splits into the same number of cells (at least :data:`MIN_COLUMNS`), the first line
  perhaps one fewer (a header over an empty corner cell);
* there are at least :data:`MIN_ROWS` lines;
* every cell is short (:data:`MAX_CELL` ems) and none holds the punctuation of prose;
* the lines are not letter-spaced prose (``驻 村 工 作 队``: cells of one character);
* one column holds figures in every row below the header, or the cells are set apart by wide
  spaces (two or more, a tab, an ideographic space), as aligned columns are.

The first line is the header when its cells hold no figures while a column below it does.
Everything is measured in characters and ems of the text itself; no page is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..util.patterns import LazyPattern

#: A table has at least this many lines, its header included (two lines of cells are as
#: likely a couplet or a pair of names).
MIN_ROWS = 3
#: ... and at least this many columns.
MIN_COLUMNS = 2
#: A cell is at most this many ems wide (a name, a figure, a short phrase: never a clause).
MAX_CELL = 12.0
#: Lines whose cells are one character in at least this share are letter-spaced prose.
LETTER_SPACED = 0.7
#: A figure: digits with their signs, separators and units (``-2.78%``, ``5℃``, ``8:00``).
FIGURE = LazyPattern(r"[-+−]?\d[\d.,:：/]*(?:%|％|℃|°C?|元|亿|万|分|秒|米|kg|km)?[-+]?")

_WIDE_GAP = LazyPattern(r"\S(?:[ \u00a0]{2,}|\t|\u3000)+\S")
_CELL_SEPARATOR = LazyPattern(r"[ \t\u00a0\u3000]+")
#: Punctuation of prose: a cell holding it is a clause, not a cell.
_PROSE = LazyPattern(r"[，。；！？、“”]")


@dataclass
class TableRun:
    """A table found in a list of lines: lines ``start`` to ``end`` (exclusive), its cells."""

    start: int
    end: int
    rows: list[list[str]]
    header_rows: int


def cells(line: str) -> list[str]:
    """A line's cells: the text between runs of spaces (ideographic ones and tabs included)."""
    return [cell for cell in _CELL_SEPARATOR.split(line.strip()) if cell]


def ems(text: str) -> float:
    """Printed width in ems: Chinese characters 1, Latin letters, digits and spaces 1/2."""
    return sum(0.5 if ord(char) < 0x2000 else 1.0 for char in text)


def is_figure(cell: str) -> bool:
    return FIGURE.fullmatch(cell) is not None


def has_prose(text: str) -> bool:
    """The text holds the punctuation of prose (a clause, not a cell)."""
    return _PROSE.search(text) is not None


def is_cell(text: str) -> bool:
    """Text that can be a table's cell: short (:data:`MAX_CELL` ems), no punctuation of prose."""
    return ems(text) <= MAX_CELL and not has_prose(text)


def _row_cells(line: str) -> list[str] | None:
    """The line's cells when it can be a table row: two or more short cells, no prose."""
    found = cells(line)
    if not found or not all(is_cell(cell) for cell in found):
        return None
    return found


def find_tables(lines: list[str]) -> list[TableRun]:
    """Every table in ``lines`` (each line as read, its spaces kept), in order."""
    rows = [_row_cells(line) for line in lines]
    found: list[TableRun] = []
    index = 0
    while index < len(lines):
        run = _run_at(lines, rows, index)
        if run is None:
            index += 1
            continue
        found.append(run)
        index = run.end
    return found


def _run_at(lines: list[str], rows: list[list[str] | None], start: int) -> TableRun | None:
    """The table starting at ``start``, if one does."""
    first = rows[start]
    if first is None:
        return None
    # the column count is the second line's: the first may be a header over an empty corner
    if start + 1 >= len(rows) or rows[start + 1] is None:
        return None
    width = len(rows[start + 1] or [])
    corner = width > MIN_COLUMNS and len(first) == width - 1  # a header over an empty corner
    if width < MIN_COLUMNS or not (len(first) == width or corner):
        return None
    end = start + 1
    while end < len(rows) and (row := rows[end]) is not None and len(row) == width:
        end += 1
    if end - start < MIN_ROWS:
        return None
    grid = [list(row or []) for row in rows[start:end]]
    if corner:
        grid[0].insert(0, "")
    if letter_spaced(grid):
        return None
    header = 1 if corner or heads_columns(grid) else 0
    aligned = sum(bool(_WIDE_GAP.search(line)) for line in lines[start:end]) * 2 > end - start
    if not (aligned or figure_column(grid[header:])):
        return None
    return TableRun(start, end, grid, header)


def letter_spaced(grid: list[list[str]]) -> bool:
    """Most cells are one character (a figure aside: a table's ``3``): prose justified with a
    space between characters."""
    every = [cell for row in grid for cell in row if cell]
    return sum(len(cell) == 1 and not is_figure(cell) for cell in every) >= LETTER_SPACED * len(every)


def figure_column(body: list[list[str]], within: bool = False) -> bool:
    """A column holding a figure in every row (``within``: a figure in every cell, beside its
    words: ``晴 -3～5℃``)."""
    if not body:
        return False
    test = (lambda cell: FIGURE.search(cell) is not None) if within else is_figure
    return any(all(test(row[column]) for row in body) for column in range(len(body[0])))


def heads_columns(grid: list[list[str]]) -> bool:
    """The first row heads the columns: no figure in it, while a column under it holds figures."""
    return not any(is_figure(cell) for cell in grid[0]) and figure_column(grid[1:])
