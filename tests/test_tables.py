"""Tables (issue 24): found in text input (article files, page text), kept as the model's table
block, and shown as real tables in HTML, EPUB (the W3C checker's verdict) and the PDF (XeLaTeX,
read back), inside their story; ``inspect`` shows them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from building import html, make_pdf, pdf_text, squeeze, warning_lines
from test_epub import Built, epubcheck

from sphinx_newspaper.chinese import converter
from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest import read_issue
from sphinx_newspaper.ingest.page import parse_page
from sphinx_newspaper.ingest.tables import find_tables
from sphinx_newspaper.model import Block, map_text

ROOT = Path(__file__).parent / "roots" / "test-tables"
ISSUE = "newspaper/2024-01-05"
STOCK_HEADER = ["代码", "名称", "收盘", "涨跌幅", "成交量"]
STOCK_ROWS = [
    ["600519", "贵州茅台", "1723.00", "-2.78%", "178297"],
    ["600036", "招商银行", "32.15", "+1.02%", "560231"],
    ["601318", "中国平安", "45.80", "-0.35%", "420118"],
]


def test_weather_rows_with_a_header():
    lines = [
        "城市 天气 最高 最低",
        "北京 晴 5℃ -3℃",
        "上海 阴转小雨 9℃ 4℃",
        "广州 多云 20℃ 14℃",
        "今天天气不错，大家出门。",
    ]
    (run,) = find_tables(lines)
    assert (run.start, run.end, run.header_rows) == (0, 4, 1)
    assert run.rows[2] == ["上海", "阴转小雨", "9℃", "4℃"]


def test_stock_rows_without_a_header_and_ideographic_spaces():
    lines = ["\u3000\u3000" + "\u3000".join(row) for row in STOCK_ROWS]
    (run,) = find_tables(["沪市个股行情", *lines])
    assert (run.start, run.end, run.header_rows) == (1, 4, 0)
    assert run.rows == STOCK_ROWS


def test_a_header_over_an_empty_corner():
    (run,) = find_tables(["  今天  明天", "北京  晴  多云", "上海  阴  小雨", "广州  晴  晴"])
    assert run.header_rows == 1 and run.rows[0] == ["", "今天", "明天"]


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            ["驻 村 工 作 队 来 了", "驻 村 工 作 队 走 了", "驻 村 工 作 队 又 来"], id="letter-spaced"
        ),
        pytest.param(["北京 晴 5℃", "上海 阴 9℃"], id="two-rows"),
        pytest.param(["张三 李四 王五", "赵六 钱七 孙八", "周九 吴十 郑一"], id="names-no-figures"),
        pytest.param(["他说， 这是 1 个", "她说， 那是 2 个", "我说， 都是 3 个"], id="prose"),
        pytest.param(["白日依山尽 黄河入海流", "欲穷千里目 更上一层楼", "春眠不觉晓 处处闻啼鸟"], id="verse"),
    ],
)
def test_what_is_not_a_table(lines):
    assert find_tables(lines) == []


def test_names_in_aligned_columns_are_a_table():
    (run,) = find_tables(["张三    李四    王五", "赵六    钱七    孙八", "周九    吴十    郑一"])
    assert run.header_rows == 0 and run.rows[1] == ["赵六", "钱七", "孙八"]


def test_article_files_keep_tables_inside_their_story():
    issue = read_issue(ROOT / "20240105")
    weather, stocks = issue.articles
    assert [block.kind for block in stocks.blocks] == ["paragraph", "table"]
    table = stocks.blocks[1]
    assert table.rows == [STOCK_HEADER, *STOCK_ROWS] and table.header_rows == 1
    assert table.to_json() == {"type": "table", "rows": [STOCK_HEADER, *STOCK_ROWS], "header_rows": 1}
    assert "贵州茅台 1723.00 -2.78%" in table.text
    assert stocks.byline == "（本报记者 李四）"
    assert [block.kind for block in weather.blocks] == ["paragraph", "table", "paragraph"]
    assert len(weather.blocks[1].rows) == 33 and weather.blocks[1].rows[0] == ["城市", "天气", "最高", "最低"]


def test_page_text_reads_a_table_as_printed():
    text = (
        "测试标题\n\n　　本报讯　昨日沪市震荡，白酒板块回调，成交额有所放大，以下为部分个股收盘情况。\n"
        + "\n".join("  ".join(row) for row in [STOCK_HEADER, *STOCK_ROWS])
        + "\n　　投资有风险，入市需谨慎。\n"
    )
    page = parse_page(text, "page.txt")
    (article,) = page.articles
    assert [block.kind for block in article.blocks] == ["paragraph", "table", "paragraph"]
    assert article.blocks[1].rows == [STOCK_HEADER, *STOCK_ROWS]
    assert article.blocks[1].line == 4


def test_conversion_reaches_the_cells():
    table = map_text(
        Block.table([["城市", "天气"], ["兰州", "阴转小雨"], ["乌鲁木齐", "晴"]], 1), converter("s2t")
    )
    assert table.rows == [["城市", "天氣"], ["蘭州", "陰轉小雨"], ["烏魯木齊", "晴"]]
    assert table.header_rows == 1


def test_inspect_shows_the_cells(capsys):
    assert main(["inspect", str(ROOT / "20240105")]) == 0
    out = capsys.readouterr().out
    assert "table: 4 rows, 5 columns, 1 header row" in out
    assert "| 600519 | 贵州茅台 | 1723.00 | -2.78% | 178297 |" in out
    assert "table: 33 rows, 4 columns, 1 header row" in out and "(21 more rows)" in out


def cells_of(markup: str, tag: str) -> list[list[str]]:
    """The rows of the first table's ``thead`` or ``tbody``, as cell texts."""
    part = re.search(rf"<{tag}>(.*?)</{tag}>", markup, re.S)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", part, re.S)
    ]


@pytest.mark.sphinx("html", testroot="tables")
def test_html_shows_a_table_in_its_story(app):
    app.build()
    assert warning_lines(app) == []
    page = html(app, f"{ISSUE}/p04-02")
    assert '<table class="newspaper-table' in page
    assert cells_of(page, "thead") == [STOCK_HEADER]
    assert cells_of(page, "tbody") == STOCK_ROWS
    assert page.index("本报记者") < page.index("以下为部分个股收盘情况") < page.index("<table")
    assert app.env.toctree_includes[f"{ISSUE}/p04"] == [f"{ISSUE}/p04-01", f"{ISSUE}/p04-02"]


@pytest.mark.epubcheck
@pytest.mark.sphinx("epub", testroot="tables")
def test_epub_shows_tables_and_passes_epubcheck(app):
    app.build()
    built = Built(app)
    with built.zip as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("p04-02.xhtml")]
        page = archive.read(name).decode("utf-8")
    assert cells_of(page, "thead") == [STOCK_HEADER] and cells_of(page, "tbody") == STOCK_ROWS
    report = epubcheck(built.path)
    assert report["messages"] == []


@pytest.mark.latex
@pytest.mark.sphinx("latex", testroot="tables")
def test_pdf_prints_tables_with_cjk_cells(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{longtable}" in tex  # 33 rows run over pages
    assert r"\begin{tabulary}" in tex
    pdf, log = make_pdf(Path(app.outdir))
    assert "Missing character" not in log
    # read as laid out, row by row; Sphinx sets a hyphen as a non-breaking one (U+2011)
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\u2011", "-")
    for row in [STOCK_HEADER, *STOCK_ROWS]:
        assert re.search(r"\s+".join(re.escape(cell) for cell in row), text), row
    flat = squeeze(pdf_text(pdf))
    assert "乌鲁木齐" in flat and "呼和浩特" in flat
