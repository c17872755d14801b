"""Names and messages a Sphinx user meets: the PDF's page size under its own name (the old one
still read, with a warning), ``latex_elements["papersize"]`` honoured, the conf.py line in
force, HTML titles without "documentation", a folder of several dates pointed at the archive."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from building import copy_root, warning_lines
from sphinx.errors import ConfigError

from sphinx_newspaper.ingest import IngestError, read_issue

QUIET = {"suppress_warnings": ["newspaper.title-inferred"]}


def with_conf(srcdir: Path, text: str) -> Path:
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + text, encoding="utf-8")
    return conf


def geometry(app) -> str:
    (tex,) = Path(app.outdir).glob("*.tex")
    return re.search(r"\\usepackage\[([^]]*)\]\{geometry\}", tex.read_text(encoding="utf-8"))[1]


def test_the_old_name_of_the_pdf_size_is_read_with_a_warning(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    conf = with_conf(srcdir, 'newspaper_paper = "a4"\n')
    line = len(conf.read_text(encoding="utf-8").splitlines())
    app = make_app("latex", srcdir=srcdir, confoverrides=QUIET)
    app.build()
    (warning,) = warning_lines(app)
    assert warning.startswith(f"{conf}:{line}: WARNING: newspaper_paper is now called newspaper_pdf_size")
    assert "[newspaper.deprecated]" in warning
    assert app.config.newspaper_pdf_size == "a4"
    assert geometry(app).startswith("a4paper,top=25mm")


def test_a_bad_value_under_the_old_name_names_its_line(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    conf = with_conf(srcdir, 'newspaper_paper = "a3"\n')
    line = len(conf.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError, match=rf"^{conf}:{line}: newspaper_pdf_size = 'a3' is not valid"):
        make_app("html", srcdir=srcdir)


def test_a_value_set_twice_is_named_at_the_line_in_force(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    conf = with_conf(srcdir, 'newspaper_quotes = "curly"\n# later on\nnewspaper_quotes = "round"\n')
    line = len(conf.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError, match=rf"^{conf}:{line}: newspaper_quotes = 'round' is not valid"):
        make_app("html", srcdir=srcdir)


def test_latex_papersize_is_the_pdf_page_size(make_app, tmp_path: Path):
    """``latex_elements["papersize"]`` is Sphinx's own setting: the page is that paper (the
    geometry follows, not only the class option), and a disagreeing newspaper_pdf_size is named."""
    srcdir = copy_root("issue", tmp_path)
    with_conf(srcdir, 'latex_elements = {"papersize": "a4paper"}\n')
    app = make_app("latex", srcdir=srcdir, confoverrides=QUIET)
    app.build()
    assert warning_lines(app) == []
    assert geometry(app).startswith("a4paper,top=25mm")
    assert "a5paper" not in next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")


def test_a_papersize_that_disagrees_with_the_pdf_size_is_named(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    conf = with_conf(srcdir, 'newspaper_pdf_size = "a5"\nlatex_elements = {"papersize": "letterpaper"}\n')
    app = make_app("latex", srcdir=srcdir, confoverrides=QUIET)
    app.build()
    (warning,) = warning_lines(app)
    line = len(conf.read_text(encoding="utf-8").splitlines()) - 1
    assert warning.startswith(f"{conf}:{line}: WARNING: latex_elements[\"papersize\"] = 'letterpaper' wins")
    assert "[newspaper.settings]" in warning
    assert geometry(app).startswith("letterpaper,top=25mm")


@pytest.mark.sphinx("html", testroot="issue", confoverrides=QUIET)
def test_html_titles_name_the_book_not_documentation(app, make_app):
    app.build()
    outdir = Path(app.outdir)
    titles = {
        page.relative_to(outdir).as_posix(): re.search(r"<title>(.*?)</title>", page.read_text("utf-8"))[1]
        for page in outdir.rglob("*.html")
    }
    assert titles["newspaper/2023-03-24/p04-01.html"].endswith("昭通日报 2023年3月24日")
    assert not [title for title in titles.values() if "文档" in title or "documentation" in title]
    # the title found once the book is collected is remembered: a rebuild changes nothing
    again = make_app("html", srcdir=app.srcdir, confoverrides=QUIET)
    again.build()
    assert "config changed" not in again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()


@pytest.mark.sphinx("html", testroot="mixed")
def test_a_project_that_is_not_a_newspaper_book_keeps_its_title(app):
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert app.config.html_title == f"{app.config.project} documentation" or "文档" not in page


def test_a_folder_of_pages_of_several_dates_points_at_the_archive(tmp_path: Path, example_page: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(example_page, folder / example_page.name)
    text = example_page.read_text(encoding="utf-8").replace("2023年3月24日 星期五", "2023年3月25日 星期六")
    (folder / "zhaotong-2023-03-25-p04.txt").write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_issue(folder)
    message = str(error.value)
    assert "is page 4 of the issue" in message
    assert "different dates (2023-03-24, 2023-03-25)" in message and "newspaper-archive" in message
