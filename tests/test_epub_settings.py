"""Sphinx's ``epub_*`` settings in the newspaper's EPUB: an English project with one newspaper
page keeps its own title, file name, language and labels; set values are honoured, and where
the newspaper book must choose, a warning names the value."""

from __future__ import annotations

from pathlib import Path

import pytest
from building import copy_root, warning_lines
from PIL import Image
from test_epub import NS, XML_LANG, Built, epubcheck, metadata

MIXED_INDEX = """Field Guide
===========

How the archive keeps its papers. See the :ref:`genindex`.

.. toctree::

   news
"""


def mixed_project(tmp_path: Path) -> Path:
    """The English project of ``test-mixed``, its index linking Sphinx's general index, with
    a cover image and a stylesheet in ``_static``."""
    srcdir = copy_root("mixed", tmp_path)
    (srcdir / "index.rst").write_text(MIXED_INDEX, encoding="utf-8")
    static = srcdir / "_static"
    static.mkdir()
    Image.new("RGB", (60, 90), (200, 30, 30)).save(static / "front.png")
    (static / "house.css").write_text("p { color: #123456; }\n", encoding="utf-8")
    return srcdir


def lang_of(built: Built, name: str) -> str:
    return built.xml(f"EPUB/{name}").get(XML_LANG)


@pytest.mark.epubcheck
def test_an_english_project_keeps_its_title_name_language_and_labels(make_app, tmp_path):
    app = make_app("epub", srcdir=mixed_project(tmp_path))
    app.build()
    built = Built(app)
    assert warning_lines(app) == []
    assert built.path.name == "FieldGuide.epub"  # epub_basename's default: the project
    meta = metadata(built)
    assert meta["dc:title"] == ["Field Guide"]
    assert meta["dc:language"] == ["en"]
    assert meta["dc:creator"] == meta["dc:publisher"] == ["The Archive"]  # Sphinx's: the author
    assert "belongs-to-collection" not in meta
    assert (
        lang_of(built, "index.xhtml") == lang_of(built, "news.xhtml") == lang_of(built, "nav.xhtml") == "en"
    )
    assert lang_of(built, "2023-03-24-p04-01.xhtml") == "zh-Hans"  # the newspaper's own pages
    nav = built.member("EPUB/nav.xhtml").decode()
    assert "Table of Contents" in nav and "目录" not in nav
    assert "A page from the archive" in nav  # the document's own title, not the issue's
    assert "cover-image" not in built.member("EPUB/content.opf").decode()  # none asked for
    # :ref:`genindex`: text, not a link to a file the EPUB does not hold (RSC-007)
    index = built.member("EPUB/index.xhtml").decode()
    assert 'href="genindex' not in index and ">Index</span>" in index
    report = epubcheck(built.path)
    assert [(m["ID"], m["message"]) for m in report["messages"]] == []


def test_epub_settings_are_honoured(make_app, tmp_path):
    settings = {
        "html_static_path": ["_static"],
        "epub_title": "The Field Guide",
        "epub_basename": "field-guide",
        "epub_cover": ("_static/front.png", ""),
        "epub_css_files": ["house.css"],
        "epub_writing_mode": "vertical",
        "epub_language": "en_GB",
        "epub_publisher": "Archive Press",
        "epub_copyright": "2026, The Archive",
    }
    app = make_app("epub", srcdir=mixed_project(tmp_path), confoverrides=settings)
    app.build()
    built = Built(app)
    assert warning_lines(app) == []
    assert built.path.name == "field-guide.epub"
    meta = metadata(built)
    assert meta["dc:title"] == ["The Field Guide"]
    assert meta["dc:language"] == ["en-GB"]
    assert meta["dc:publisher"] == ["Archive Press"]
    assert meta["dc:rights"] == ["2026, The Archive"]
    assert meta["primary-writing-mode"] == ["vertical-rl"]
    assert built.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    manifest = {item.get("href"): item for item in built.opf.iterfind(".//opf:manifest/opf:item", NS)}
    cover = next(href for href, item in manifest.items() if item.get("properties") == "cover-image")
    assert Image.open(built.zip.open(f"EPUB/{cover}")).size == (60, 90)  # the user's image
    assert built.member("EPUB/style/house.css") == b"p { color: #123456; }\n"
    assert 'href="style/house.css"' in built.member("EPUB/2023-03-24-p04-01.xhtml").decode()
    assert lang_of(built, "index.xhtml") == "en-GB"


def test_where_the_newspaper_book_decides_a_warning_names_the_value(make_app, tmp_path):
    settings = {
        "newspaper_title": "昭通日报",
        "epub_title": "Zhaotong Daily",
        "newspaper_writing_mode": "horizontal",
        "epub_writing_mode": "vertical",
        "epub_theme": "epub",
        "epub_cover": ("missing.png", "my-cover.html"),
    }
    app = make_app("epub", srcdir=copy_root("issue", tmp_path), confoverrides=settings)
    app.build()
    built = Built(app)
    warnings = "\n".join(warning_lines(app))
    assert "epub_title = 'Zhaotong Daily' and newspaper_title = '昭通日报'" in warnings
    assert "epub_writing_mode = 'vertical' and newspaper_writing_mode = 'horizontal'" in warnings
    assert "epub_theme = 'epub' is not used" in warnings
    assert "epub_cover names 'missing.png'" in warnings
    assert "template 'my-cover.html' is not used" in warnings
    about_settings = [line for line in warning_lines(app) if "epub_" in line]
    assert len(about_settings) == 5 and all("[newspaper.settings]" in line for line in about_settings)
    meta = metadata(built)
    assert meta["dc:title"] == ["Zhaotong Daily"]
    assert meta["dc:language"] == ["zh-Hans"]  # the newspaper book's
    assert "primary-writing-mode" not in meta


def test_a_warning_names_the_line_in_conf_py(make_app, tmp_path):
    srcdir = copy_root("issue", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nepub_tocdepth = 2\n", encoding="utf-8")
    line = len(conf.read_text(encoding="utf-8").splitlines())
    app = make_app("epub", srcdir=srcdir)
    app.build()
    (warning,) = [line for line in warning_lines(app) if "epub_" in line]
    assert f"conf.py:{line}" in warning and "epub_tocdepth = 2 is not used" in warning


@pytest.mark.sphinx("epub", testroot="archive", confoverrides={"project": "人民日报"})
def test_an_archive_is_titled_with_its_dates_and_named_after_its_paper(app):
    app.build()
    built = Built(app)
    assert metadata(built)["dc:title"] == ["人民日报 2020年1月1日—2020年1月2日"]
    assert built.path.name == "人民日报-2020-01-01--2020-01-02.epub"


def test_the_readme_says_what_ebooklibs_licence_means():
    """EbookLib, which writes the EPUB, is AGPL-3.0-or-later (its own metadata says so): the
    README's Licence section names it and what it asks of those who redistribute or serve."""
    import importlib.metadata

    classifiers = importlib.metadata.metadata("ebooklib").get_all("Classifier") or []
    assert any("AGPLv3+" in classifier for classifier in classifiers)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence\n", 1)[1].split("\n## ", 1)[0]
    assert "EbookLib" in section and "AGPL-3.0-or-later" in section
    assert "Redistributing" in section and "Serving" in section
