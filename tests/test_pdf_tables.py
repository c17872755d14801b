"""Tables on PDF pages (issue 23, class 3; issue 24, "Tables"): a grid of short aligned cells on an
e-paper page is read as one table (rows, columns, a header row) inside its story, never as a dozen
articles titled by cells; shown as a table in HTML, EPUB and the PDF (read back), and by
``inspect``.

The page (tests/roots/test-pdf-tables) is the synthetic service page of seed 8
(``python tests/pdf/synthetic.py --templates service --seed 8 --pages 1 --keep DIR``): a weather
table (cities by two days) and a league table under their stories' paragraphs, TV listings and
lottery results alone under their headlines, beside an ordinary story; its gold beside it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from building import html, make_pdf, warning_lines
from test_epub import Built, epubcheck
from test_tables import cells_of

from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest.pdf.chars import open_pdf_data, read_page_chars, read_pdf_data
from sphinx_newspaper.ingest.pdf.lines import read_lines
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.ingest.pdf.tables import find_tables
from sphinx_newspaper.scoring import squeeze_rows

ROOTS = Path(__file__).parent / "roots"
SERVICE = ROOTS / "test-pdf-tables" / "issues" / "service-2025-04-21.pdf"
GOLD = json.loads((ROOTS / "test-pdf-tables" / "service-2025-04-21.gold.json").read_text(encoding="utf-8"))
ISSUE = "newspaper/2025-04-21"
CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
WEATHER = [
    ["城市", "4月22日", "4月23日"],
    ["陇南", "阴1～11℃", "小雨−4～5℃"],
    ["平凉", "阵雨10～24℃", "阴7～18℃"],
    ["兰州", "多云转阴11～21℃", "小雪7～14℃"],
    ["定西", "多云−1～13℃", "多云转阴8～22℃"],
    ["合作", "阵雨−3～8℃", "小雨4～18℃"],
    ["张掖", "小雨10～16℃", "多云转阴−4～6℃"],
    ["酒泉", "阵雨10～20℃", "小雨7～13℃"],
]


@pytest.fixture(scope="module")
def page():
    return read_pdf(SERVICE)[0]


def gold_tables() -> dict[str, list[dict]]:
    return {article["title"]: article.get("tables", []) for article in GOLD["articles"]}


def test_each_table_is_read_cell_by_cell_inside_its_story(page):
    assert sorted(a.title for a in page.articles) == sorted(a["title"] for a in GOLD["articles"])
    assert not any(a.title_inferred for a in page.articles)  # no article titled by a cell
    for article in page.articles:
        tables = [b for b in article.blocks if b.kind == "table"]
        wanted = gold_tables()[article.title]
        assert [squeeze_rows(t.rows) for t in tables] == [squeeze_rows(t["rows"]) for t in wanted]
        assert [t.header_rows for t in tables] == [t["header_rows"] for t in wanted]
    weather = page.articles[0]
    assert [b.kind for b in weather.blocks] == ["paragraph", "table"]  # after its paragraphs
    assert weather.blocks[1].rows == WEATHER and weather.blocks[1].header_rows == 1
    listings = next(a for a in page.articles if a.title == "今日电视节目")
    assert [b.kind for b in listings.blocks] == ["table"]
    assert listings.blocks[0].rows[:2] == [["时间", "CCTV−5"], ["09:15", "朝闻天下"]]


def test_the_tables_blocks_are_placed_as_tables(page):
    """The page's layout (drawings, corrections) holds each table as one block of role table,
    in its article, its id in the table block's parts."""
    placed = [b for b in page.layout.blocks if b.role == "table"]
    assert len(placed) == 4
    weather = page.articles[0]
    (table,) = [b for b in weather.blocks if b.kind == "table"]
    (where,) = [b for b in placed if b.id == table.parts[0][0]]
    assert where.article == weather.id and where.text.startswith("城市4月22日4月23日陇南")


def test_no_table_on_pages_that_have_none():
    """The synthetic e-paper pages and the corpus's PDF pages (adverts' price grids, mastheads,
    narrow columns) hold no table."""
    pages = sorted((ROOTS / "test-pdf" / "issues").glob("*.pdf"))
    if CORPUS.is_dir():
        pages += [p for p in sorted(CORPUS.rglob("*.pdf")) if not p.name.startswith("garbled")]
    for path in pages:
        document = open_pdf_data(read_pdf_data(path, None), str(path))
        for index in range(len(document)):
            found = find_tables(read_lines(read_page_chars(document, str(path), index)))
            assert found == [], (path.name, index, [t.rows for t in found])


def test_inspect_shows_the_tables(capsys):
    assert main(["inspect", str(SERVICE)]) == 0
    out = capsys.readouterr().out
    assert "table: 8 rows, 3 columns, 1 header row" in out
    assert "| 兰州 | 多云转阴11～21℃ | 小雪7～14℃ |" in out
    assert "table: 8 rows, 7 columns, 1 header row" in out


@pytest.mark.sphinx("html", testroot="pdf-tables")
def test_html_shows_the_weather_table_in_its_story(app):
    app.build()
    assert not [w for w in warning_lines(app) if "table" in w]
    page = html(app, f"{ISSUE}/p10-01")
    assert "<h1>全省天气预报" in page
    assert cells_of(page, "thead") == WEATHER[:1]
    assert cells_of(page, "tbody") == WEATHER[1:]
    assert page.index("同时，制定印发") < page.index("<table")


@pytest.mark.epubcheck
@pytest.mark.sphinx("epub", testroot="pdf-tables")
def test_epub_shows_the_tables_and_passes_epubcheck(app):
    app.build()
    built = Built(app)
    with built.zip as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("p10-01.xhtml")]
        page = archive.read(name).decode("utf-8")
    assert cells_of(page, "thead") == WEATHER[:1] and cells_of(page, "tbody") == WEATHER[1:]
    assert epubcheck(built.path)["messages"] == []


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="pdf-tables")
def test_pdf_prints_the_tables_row_by_row(app):
    app.build()
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # read as laid out, row by row (xeCJK sets a little space between Chinese and digits)
    for row in WEATHER:
        cells = [r"\s?".join(re.escape(char) for char in cell) for cell in row]
        assert re.search(r"\s+".join(cells), text), row
