"""The PDF route's thresholds live in one object, :class:`LayoutParams` (issue 23).

Each field is really used (changing it changes what a page reads as), every field is read by
some rule, and no rule module compares against a bare number of its own.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from sphinx_newspaper.ingest import LayoutParams, read_page
from sphinx_newspaper.ingest.pdf import params as params_module
from sphinx_newspaper.ingest.pdf.page import read_pdf

ROUTE = Path(params_module.__file__).parent
#: The modules that hold the PDF route's layout rules (chars.py reads the PDF; scan.py and
#: ocr.py read images, with their own named thresholds).
RULE_MODULES = ("lines", "layout", "regions", "roles", "stories", "page", "pictures", "placed")
ROOTS = Path(__file__).parent / "roots"
EPAPER = ROOTS / "test-pdf" / "issues" / "epaper-2024-05-07.pdf"
PHOTOS = ROOTS / "test-pdf-photos" / "issues" / "photos-2024-06-03.pdf"

#: Numbers a rule may still write, each with why it is no threshold: (module, function, value).
ALLOWED = {
    # where the ink of a full-width mark stands in its em box: a glyph's geometry, not the page's
    ("lines", "_ink_middle", 0.25),
    ("lines", "_ink_middle", 0.5),
    ("lines", "_ink_middle", 0.75),
    ("lines", "_ink_extent", 0.5),
    ("lines", "body_size", 10.0),  # the body size of a page with no text at all
    ("lines", "ems", 0.1),  # no division by a zero size
    ("lines", "measure_line", 2),  # a line is light when most of its characters are
    ("lines", "_join_touching", 2),  # sorting runs by baseline (to half a point) and left edge
    ("stories", "_advert_boxes", 1.0),  # a count: the box's first line
    ("stories", "_caption_story", 1.0),  # weights of a caption's evidence: in the story's box
    ("stories", "_caption_story", 2.0),  # outweighs any share of words, under its text too
    ("pictures", "make_figure", 1e-06),  # no division by a zero side
    ("pictures", "_text_cover", 1.0),  # an empty box counts as covered
}


def _numbers(module: str) -> list[tuple[str, object, int]]:
    """The numbers written in a rule module that could be thresholds: (function, value, line).
    Indexes and slices, 0 and 1, a midpoint's or median's 2 (``(a + b) / 2``, ``n // 2``), a
    count of two, ``round``'s digits and named module constants are no thresholds."""
    tree = ast.parse((ROUTE / f"{module}.py").read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or type(node.value) not in (int, float):
            continue
        value, parent = node.value, parents.get(node)
        if (type(value) is int and value in (0, 1)) or (type(value) is float and value == 0.0):
            continue
        if isinstance(parent, (ast.Subscript, ast.Slice)) or (
            isinstance(parent, ast.UnaryOp) and isinstance(parents.get(parent), ast.Slice)
        ):
            continue  # an index or a slice
        if value == 2 and isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Div, ast.FloorDiv)):
            continue  # a midpoint, a median
        if value == 2 and isinstance(parent, ast.Compare):
            continue  # a count: two or more lines, columns, characters
        if isinstance(parent, ast.Call) and ast.unparse(parent.func) == "round":
            continue  # digits kept
        if isinstance(parent, ast.Assign) and all(
            isinstance(target, ast.Name) and target.id.isupper() for target in parent.targets
        ):
            continue  # a named module constant (resource limits: MAX_PICTURES, MAX_PIXELS)
        function = "<module>"
        walk = node
        while walk in parents:
            walk = parents[walk]
            if isinstance(walk, ast.FunctionDef):
                function = walk.name
                break
        found.append((function, value, node.lineno))
    return found


@pytest.mark.parametrize("module", RULE_MODULES)
def test_no_rule_compares_against_a_bare_number(module: str) -> None:
    """Every threshold of a rule module is a field of LayoutParams: no ``2 * em``, no ``<= 8``
    characters, no 1-point slack in the rules."""
    bare = [
        f"{module}.py:{line} in {function}: {value!r}"
        for function, value, line in _numbers(module)
        if (module, function, value) not in ALLOWED
    ]
    assert bare == []


def test_the_allowed_numbers_are_still_there() -> None:
    """The allow-list holds no stale entries (each is a number some rule still writes)."""
    written = {
        (module, function, value) for module in RULE_MODULES for function, value, _ in _numbers(module)
    }
    assert ALLOWED <= written


def test_the_check_finds_a_bare_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a rule comparing against ``2 * em`` or ``<= 8`` is found."""
    (tmp_path / "rule.py").write_text(
        "def rule(a, b, em, text):\n    return a - b <= 2 * em and len(text) <= 8 and a < b + 1.5\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.ROUTE", tmp_path)
    assert sorted(value for _function, value, _line in _numbers("rule")) == [1.5, 2, 8]


def test_every_field_is_read_by_some_rule() -> None:
    """No field is dead: each is read as an attribute (``p.gutter``) in the route's modules."""
    source = "\n".join(
        (ROUTE / f"{module}.py").read_text(encoding="utf-8") for module in (*RULE_MODULES, "scan")
    )
    read = set(re.findall(r"\.([a-z_]+)\b", source))
    unused = [item.name for item in dataclasses.fields(LayoutParams) if item.name not in read]
    assert unused == []


def test_every_field_says_what_it_is_its_unit_and_default() -> None:
    rows = params_module.describe()
    assert len(rows) == len(dataclasses.fields(LayoutParams)) > 100
    for row in rows:
        assert row["doc"], row["name"]
        assert row["unit"], row["name"]
        assert isinstance(row["default"], (int, float)), row["name"]
    holds = [row for row in rows if row["holds"] is not None]
    for row in holds:
        low, high = row["holds"]
        assert low <= row["default"] <= high, row["name"]


def test_the_params_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        LayoutParams().display = 2.0  # type: ignore[misc]


def _reading(path: Path, **changed: float) -> list[tuple]:
    page = read_pdf(path, params=LayoutParams(**changed))[0]
    articles = [
        (article.title, article.title_inferred, article.byline, len(article.figures), len(article.captions))
        for article in page.articles
    ]
    return [*articles, len(page.figures)]


def test_the_defaults_read_the_page_as_before() -> None:
    assert _reading(EPAPER) == [
        ("田间地头备耕忙", False, "本报记者 张明 通讯员 李华", 0, 0),
        ("新建图书馆下月开放", False, "记者王芳", 0, 1),
        ("近日，县消防救援大队走进辖区中小学开展消防安全宣…", True, "（陈立）", 0, 0),
        ("日前，县人民医院组织医疗专家到偏远山村开展义诊活…", True, "（何静孙伟）", 0, 0),
        0,
    ]


def test_display_type_is_told_by_the_display_field() -> None:
    """Roles: with display type at three ems, the page's headlines are no headlines."""
    titles = [row[0] for row in _reading(EPAPER, display=3.0)[:-1]]
    assert "田间地头备耕忙" not in titles
    assert all(inferred for _title, inferred, *_ in _reading(EPAPER, display=3.0)[:-1])


def test_a_subhead_stands_in_running_text_within_embedded_leadings() -> None:
    """Stories: at half a leading, the subhead 科技服务送到田间 (two leadings under its text)
    heads a story of its own."""
    titles = [row[0] for row in _reading(EPAPER, embedded=0.5)[:-1]]
    assert "科技服务送到田间" in titles
    assert "科技服务送到田间" not in [row[0] for row in _reading(EPAPER)[:-1]]


def test_runs_are_cut_at_the_run_gap() -> None:
    """Lines: cut at a third of an em, the names of the lead story's byline come apart and are
    read as separate lines (right to left, as vertical type)."""
    bylines = [row[2] for row in _reading(EPAPER, run_gap=0.3)[:-1]]
    assert "本报记者 张明 通讯员 李华" not in bylines


def test_a_first_line_indent_is_at_most_max_indent() -> None:
    """Layout and paragraphs: with first lines set in by at most 1.2 ems, more lines start
    paragraphs of their own."""
    page = read_pdf(EPAPER)[0]
    tight = read_pdf(EPAPER, params=LayoutParams(max_indent=1.2))[0]
    assert sum(len(a.blocks) for a in tight.articles) > sum(len(a.blocks) for a in page.articles)


def test_a_news_picture_is_at_least_min_short_columns() -> None:
    """Pictures: at five columns short side, the photo is no news picture; its caption stays."""
    assert _reading(PHOTOS)[0][3] == 1
    assert _reading(PHOTOS, min_short=5.0)[0][3] == 0
    assert _reading(PHOTOS, min_short=5.0)[0][4] == 1


def test_read_page_takes_the_params() -> None:
    """The ingest's door passes them through (``read_page(path, params=...)``)."""
    page = read_page(EPAPER, params=LayoutParams(display=3.0))
    assert all(article.title_inferred for article in page.articles)
