"""The documentation (docs/) builds with no warning, and shows what the code and data hold.

The configuration and warnings references are made from :class:`NewspaperConfig` and
:class:`Subtype`, the example newspaper is built by the extension inside the docs, and the
measured figures come from ``docs/data/*.json`` with the date and machine of each.
"""

from __future__ import annotations

import dataclasses
import html as html_module
import importlib.util
import json
import re
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from building import html, warning_lines
from sphinx.testing.util import SphinxTestApp

from sphinx_newspaper.config import NewspaperConfig
from sphinx_newspaper.subtypes import WARNING_TYPE, Subtype

REPO = Path(__file__).resolve().parents[1]

pytest.importorskip("myst_parser")
pytest.importorskip("furo")


def text_of(page: str) -> str:
    """A page's main text, tags out, whitespace collapsed."""
    main = page.split('role="main"', 1)[1]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The docs built to HTML from a copy (the build writes the example's sources into it)."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("_build", "newspaper", "example")
    )
    shutil.copytree(
        REPO / "example_book", root / "example_book", ignore=shutil.ignore_patterns("_build", "newspaper")
    )
    app = SphinxTestApp("html", srcdir=root / "docs", status=StringIO(), warning=StringIO())
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def test_the_docs_build_without_a_warning(docs: Any) -> None:
    assert warning_lines(docs) == []


def test_the_configuration_table_lists_every_field(docs: Any) -> None:
    text = text_of(html(docs, "configuration"))
    rows = re.findall(r"\b(newspaper_[a-z_]+) (None|'[^']*'|\d+|True|False) ", text)
    fields = dataclasses.fields(NewspaperConfig)
    assert re.findall(r'id="confval-(newspaper_[a-z_]+)"', html(docs, "configuration")) == [
        f"newspaper_{f.name}" for f in fields
    ]
    assert [name for name, _default in rows] == [f"newspaper_{f.name}" for f in fields]
    assert dict(rows)["newspaper_title"] == "None"
    assert dict(rows)["newspaper_image_max_px"] == "1600"
    assert dict(rows)["newspaper_pdf_size"] == "'a5'"
    # Each field's comment in config.py is its meaning.
    assert "The book’s title: on the EPUB’s and the PDF’s title page" in text
    assert "Old names still read, with a warning: newspaper_paper (now newspaper_pdf_size )" in text


def test_the_warnings_table_lists_every_subtype_in_enum_order(docs: Any) -> None:
    text = text_of(html(docs, "warnings"))
    listed = re.findall(rf'id="warning-{WARNING_TYPE}\.([a-z-]+)"', html(docs, "warnings"))
    assert listed == [subtype.value for subtype in Subtype]
    assert "more than 60 million pixels" in text  # Subtype.IMAGE's comment


def test_the_example_newspaper_is_built_inside_the_docs(docs: Any) -> None:
    example = text_of(html(docs, "example"))
    assert "昭通日报 2023年3月24日 星期五 第4版" in example
    article = html(docs, "newspaper/2023-03-24/p04-03")
    assert "建“五型机关”促提质提效" in article
    assert 'lang="zh-Hans"' in article
    # The documentation around it stays English.
    assert re.search(r'<html [^>]*lang="en"', html(docs, "index"))


def test_every_page_is_in_the_toctree(docs: Any) -> None:
    pages = {p.stem for p in (REPO / "docs").glob("*.md")}
    index = html(docs, "index")
    for page in pages - {"index"}:
        assert f'href="{page}.html"' in index, page


def test_the_readme_is_short_and_its_links_lead_into_the_docs() -> None:
    """The README says what it is and links into the docs; everything else lives there."""
    spec = importlib.util.spec_from_file_location("setup_description", REPO / "setup.py")
    setup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup)

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    links = re.findall(r"\]\((?![a-z]+:)([^)#\s]+)\)", readme)
    assert "docs/configuration.md" in links and "docs/images/html-article.png" in links
    assert [link for link in links if not (REPO / link).is_file()] == []
    # A package index has no files beside the description: it names them instead of linking.
    description = setup.package_description(readme)
    assert re.findall(r"\]\((?![a-z]+:)[^)]*\)", description) == []
    assert "Configuration (`docs/configuration.md`)" in description


def test_the_figures_come_from_docs_data_with_when_and_where(docs: Any) -> None:
    for page, files in [
        ("accuracy", ["accuracy.json", "synthetic-rounds.json"]),
        (
            "performance",
            ["archive.json", "pdf-pages.json", "pictures.json", "big-pages.json", "archive-month.json"],
        ),
    ]:
        text = text_of(html(docs, page))
        for name in files:
            data = json.loads((REPO / "docs" / "data" / name).read_text(encoding="utf-8"))
            assert f"Measured {data['date'][:10]} on " in text, (page, name)
            assert f"({name})." in text, (page, name)
    accuracy = json.loads((REPO / "docs" / "data" / "accuracy.json").read_text(encoding="utf-8"))
    text = text_of(html(docs, "accuracy"))
    for score in accuracy["corpus"]["pages"]:
        assert f"{score['source']} " in text
        assert f"{score['kept']}/{score['characters']}" in text


def test_a_measurement_without_a_date_is_an_error(tmp_path: Path) -> None:
    """A figure is not shown without when and where it was measured."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bench.json").write_text('{"machine": "here", "rows": [{"a": 1}]}', encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO / 'docs' / '_ext')!r})\nextensions = ['newspaper_docs']\n"
        f"newspaper_docs_example = {str(REPO / 'example_book' / 'zhaotong-2023-03-24-p04.txt')!r}\n",
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Bench\n=====\n\n.. newspaper-measurement:: data/bench.json\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=tmp_path, status=StringIO(), warning=StringIO())
    try:
        app.build()
        assert "data/bench.json says no date: a figure needs when and where" in app.warning.getvalue()
        assert "<table" not in html(app, "index")
    finally:
        app.cleanup()
