"""Faults of files, folders, archives, corrections and settings (issue 25): FIFOs and huge
files meet the one gate before any read, one issue's failure is that issue's error (the issue
beside it builds, with its text), and values at their extremes work or get a clear error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from building import released, warnings_of

from sphinx_newspaper.book.cache import IssueLoad, entry_key
from sphinx_newspaper.util.files import KEY_WHOLE_BYTES, file_key

GOOD_TEXT = "鲁甸县龙头山镇沙坝村坚持加强党建"  # from the example page: the good issue's text


def write_book(srcdir: Path, *directives: str, conf: str = "") -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_newspaper"]\nproject = "测试"\n{conf}', encoding="utf-8"
    )
    body = "\n\n".join(directives)
    (srcdir / "index.rst").write_text(f"测试\n====\n\n{body}\n", encoding="utf-8")
    return srcdir


def build(make_app, srcdir: Path, builder: str = "html", **confoverrides) -> Any:
    confoverrides.setdefault("suppress_warnings", ["newspaper.title-inferred"])
    app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    return app


def all_html(app: Any) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(Path(app.outdir).rglob("*.html")))


def good_issue_built(app: Any) -> bool:
    """The example issue beside the broken one was built, with its text."""
    page = Path(app.outdir) / "newspaper" / "2023-03-24" / "p04-01.html"
    return page.is_file() and GOOD_TEXT in page.read_text(encoding="utf-8")


# -- item 1: FIFOs meet the gate before any read, the cache key included ---------------------


def test_a_fifo_named_as_an_issue_is_its_error_at_once(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: fifo.txt", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    os.mkfifo(srcdir / "fifo.txt")
    started = time.monotonic()
    with released(srcdir / "fifo.txt", after=60):
        app = build(make_app, srcdir)
    assert time.monotonic() - started < 45  # not waiting for a writer
    assert "fifo.txt: is a FIFO (named pipe), not a file" in warnings_of(app)
    assert good_issue_built(app)


def test_a_fifo_as_a_corrections_file_is_its_pages_error_at_once(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: p04.txt", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    shutil.copy(example_page, srcdir / "p04.txt")
    os.mkfifo(srcdir / "p04.corrections.toml")
    started = time.monotonic()
    with released(srcdir / "p04.corrections.toml", after=60):
        app = build(make_app, srcdir)
    assert time.monotonic() - started < 45
    assert "p04.corrections.toml: is a FIFO (named pipe), not a file" in warnings_of(app)
    assert good_issue_built(app)


def test_a_fifo_among_an_archives_page_files_is_that_dates_error(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. newspaper-archive:: issues")
    (srcdir / "issues").mkdir()
    shutil.copy(example_page, srcdir / "issues" / "zhaotong-2023-03-24-p04.txt")
    os.mkfifo(srcdir / "issues" / "zhaotong-2023-03-25-p04.txt")
    started = time.monotonic()
    with released(srcdir / "issues" / "zhaotong-2023-03-25-p04.txt", after=60):
        app = build(make_app, srcdir)
    assert time.monotonic() - started < 45
    assert "zhaotong-2023-03-25-p04.txt: is a FIFO (named pipe), not a file" in warnings_of(app)
    assert good_issue_built(app)


# -- item 2: the cache key reads a bounded part of each file ------------------------------------


def test_the_cache_key_of_a_huge_picture_beside_the_pages_reads_a_bounded_part(
    tmp_path: Path, example_page: Path
):
    issue = tmp_path / "issue"
    issue.mkdir()
    shutil.copy(example_page, issue / "p04.txt")
    with open(issue / "p04-scan.tif", "wb") as out:
        out.truncate(200 * 1024 * 1024)  # sparse: no disk used
    load = IssueLoad(issue)
    tracemalloc.start()
    try:
        first = entry_key(load)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * KEY_WHOLE_BYTES  # the old key held the whole 200 MB picture
    with open(issue / "p04-scan.tif", "r+b") as out:
        out.seek(100 * 1024 * 1024)
        out.write(b"changed in the middle")
    assert entry_key(IssueLoad(issue)) != first


def test_a_small_files_key_is_its_content_and_survives_a_fresh_checkout(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text("第4版", encoding="utf-8")
    key = file_key(page)
    os.utime(page, (1, 1))  # a fresh checkout gives every file a new time
    assert file_key(page) == key
    page.write_text("第5版", encoding="utf-8")
    assert file_key(page) != key


def test_a_page_text_larger_than_the_limit_is_refused_in_a_book_without_reading_it(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: huge.txt", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    with open(srcdir / "huge.txt", "wb") as out:
        out.truncate(3 * 1024 * 1024 * 1024)  # sparse: 3 GB, no disk used
    started = time.monotonic()
    app = build(make_app, srcdir)
    assert time.monotonic() - started < 60  # the old key read all 3 GB first
    assert "huge.txt: is larger than 64 MiB" in warnings_of(app)
    assert good_issue_built(app)


# -- item 3: any failure reading an issue is that issue's error --------------------------------

DEEP_TOML = "x = " + "[" * 500 + "]" * 500 + "\n"


def test_deeply_nested_corrections_are_their_files_error(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: p04.txt", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    shutil.copy(example_page, srcdir / "p04.txt")
    (srcdir / "p04.corrections.toml").write_text(DEEP_TOML, encoding="utf-8")
    app = build(make_app, srcdir)
    assert "p04.corrections.toml: the corrections file nests arrays or tables too deeply" in warnings_of(app)
    assert good_issue_built(app)


def test_inspect_says_deeply_nested_corrections_are_too_deep_without_a_traceback(
    tmp_path: Path, example_page: Path
):
    shutil.copy(example_page, tmp_path / "p04.txt")
    (tmp_path / "p04.corrections.toml").write_text(DEEP_TOML, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_newspaper.cli", "inspect", str(tmp_path / "p04.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "p04.corrections.toml: the corrections file nests arrays or tables too deeply" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unforeseen_exception_reading_one_issue_is_that_issues_error(
    make_app, tmp_path: Path, example_page: Path, monkeypatch: pytest.MonkeyPatch
):
    from sphinx_newspaper.ingest import page as page_module

    parse_page = page_module.parse_page

    def fails_on_one(text: str, source: str, *args: Any, **kwargs: Any) -> Any:
        if source.endswith("bad.txt"):
            raise ZeroDivisionError("division by zero")
        return parse_page(text, source, *args, **kwargs)

    monkeypatch.setattr(page_module, "parse_page", fails_on_one)
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: bad.txt", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    shutil.copy(example_page, srcdir / "bad.txt")
    app = build(make_app, srcdir)
    warnings = warnings_of(app)
    assert "bad.txt: could not be read: ZeroDivisionError: division by zero" in warnings
    assert "a defect of sphinx-newspaper" in warnings and "index.rst:4" in warnings
    assert good_issue_built(app)


def test_inspect_reports_an_unforeseen_exception_in_one_line(
    tmp_path: Path, example_page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from sphinx_newspaper import cli

    def fails(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "load_issue", fails)
    shutil.copy(example_page, tmp_path / "p04.txt")
    assert cli.main(["inspect", str(tmp_path / "p04.txt")]) == 2
    error = capsys.readouterr().err
    assert "p04.txt: could not be read: ZeroDivisionError: division by zero" in error
    assert error.count("\n") == 1


# -- item 12: renaming the generated folder leaves no orphans -----------------------------------


def test_renaming_the_generated_folder_removes_the_old_ones_documents(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    build(make_app, srcdir)
    assert (srcdir / "newspaper" / "2023-03-24" / "p04-01.newspaper").is_file()
    (srcdir / "newspaper" / "notes.txt").write_text("the user's own file", encoding="utf-8")
    app = build(make_app, srcdir, newspaper_generated_dir="paper")
    assert not [name for name in app.env.found_docs if name.startswith("newspaper/")]
    assert "paper/2023-03-24/p04-01" in app.env.found_docs
    assert sorted(path.name for path in (srcdir / "newspaper").iterdir()) == ["notes.txt"]  # the user's stays
    assert "toc.not_included" not in warnings_of(app)
    search = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert '"newspaper/2023-03-24' not in search and '"paper/2023-03-24/p04-01"' in search
    app = build(make_app, srcdir)  # and back: the folder the extension made goes
    assert not (srcdir / "paper").exists()
    assert "newspaper/2023-03-24/p04-01" in app.env.found_docs
    assert not [name for name in app.env.found_docs if name.startswith("paper/")]


# -- item 15: a warning with no line names the file itself --------------------------------------


def test_a_warning_without_a_line_names_the_file_that_exists(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: issue")
    (srcdir / "issue").mkdir()
    shutil.copy(example_page, srcdir / "issue" / "p04.txt")
    (srcdir / "issue" / "notes.docx").write_bytes(b"PK\x03\x04")
    app = build(make_app, srcdir)
    warning = next(line for line in warnings_of(app).splitlines() if "left out notes.docx" in line)
    assert f"{srcdir / 'issue' / 'notes.docx'}:: WARNING: left out notes.docx" in warning
    assert "notes.docx.rst" not in warning


# -- item 16: smaller messages and settings -------------------------------------------------------


def test_a_stray_byte_in_utf8_text_is_located(tmp_path: Path, example_page: Path):
    from sphinx_newspaper.ingest import IngestError, read_issue

    data = example_page.read_bytes()
    line = data[:3000].count(b"\n") + 1
    page = tmp_path / "p04.txt"
    page.write_bytes(data[:3000] + b"\xff" + data[3000:])
    with pytest.raises(IngestError) as caught:
        read_issue(page)
    message = str(caught.value)
    assert (
        f"p04.txt:{line}: is UTF-8 text but for 1 byte(s) that are not UTF-8, the first at byte 3000 (0xff)"
        in message
    )


def test_utf32_text_with_a_byte_order_mark_is_read(tmp_path: Path, example_page: Path):
    from sphinx_newspaper.ingest import read_issue

    text = example_page.read_text(encoding="utf-8")
    for codec in ("utf-32", "utf-32-be"):
        page = tmp_path / f"{codec}.txt"
        data = text.encode(codec)
        page.write_bytes(data if codec == "utf-32" else b"\x00\x00\xfe\xff" + data)
        issue = read_issue(page)
        assert issue.pages[0].number == "4" and GOOD_TEXT in issue.pages[0].articles[0].blocks[0].text


def test_inspect_with_the_undefined_encoding_names_the_file_in_one_line(
    example_page: Path, capsys: pytest.CaptureFixture[str]
):
    from sphinx_newspaper.cli import main

    assert main(["inspect", "--encoding", "undefined", str(example_page)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert f"{example_page}: 'undefined' is not an encoding text can be read in" in line


def test_the_undefined_encoding_as_an_option_is_its_directives_error(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(
        tmp_path / "book",
        ".. newspaper-issue:: bad.txt\n   :encoding: undefined",
        ".. newspaper-issue:: good.txt",
    )
    shutil.copy(example_page, srcdir / "good.txt")
    shutil.copy(example_page, srcdir / "bad.txt")
    app = build(make_app, srcdir)
    assert "index.rst:4: ERROR: newspaper-issue: :encoding: 'undefined' is not an encoding" in warnings_of(
        app
    )
    assert good_issue_built(app)


@pytest.mark.parametrize(("given", "value"), [("False", False), ("0", False), ("true", True), ("None", None)])
def test_page_images_can_be_set_on_the_command_line(make_app, tmp_path: Path, given: str, value: bool | None):
    from sphinx_newspaper.config import newspaper_config

    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: good.txt")
    app = make_app("html", srcdir=srcdir, confoverrides={"newspaper_page_images": given})
    assert newspaper_config(app).page_images is value and app.config.newspaper_page_images is value


def test_include_patterns_that_leave_out_the_generated_folder_are_an_error(make_app, tmp_path: Path):
    from sphinx.errors import ConfigError

    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: good.txt")
    with pytest.raises(ConfigError, match=r"include_patterns leave this folder out.*add 'newspaper/\*\*'"):
        make_app("html", srcdir=srcdir, confoverrides={"include_patterns": ["index.rst"]})
    app = make_app("html", srcdir=srcdir, confoverrides={"include_patterns": ["index.rst", "newspaper/**"]})
    assert app.config.include_patterns == ["index.rst", "newspaper/**"]


@pytest.mark.parametrize(
    ("masthead", "number"),
    [
        ("第100版 2024年1月5日 星期五 要闻", "100"),
        ("2024年1月5日 星期五\n要闻 第101版", "101"),
        ("A100版 要闻", "A100"),
    ],
)
def test_page_numbers_past_99_are_read(tmp_path: Path, masthead: str, number: str):
    from sphinx_newspaper.ingest import read_issue

    page = tmp_path / "page.txt"
    page.write_text(
        f"{masthead}\n\n测试标题\n本报记者 张三\n\n　　这是测试用的一页，正文很短。\n", encoding="utf-8"
    )
    issue = read_issue(page)
    assert issue.pages[0].number == number and issue.pages[0].articles[0].id == f"p{number.lower()}-01"


# -- item 9: archive dates --------------------------------------------------------------------


def page_text(masthead: str, body: str = "这是测试用的一页，正文很短。") -> str:
    return f"{masthead}\n\n测试标题\n本报记者 张三\n\n　　{body}\n"


def archive_book(tmp_path: Path, folders: dict[str, str], options: str = "") -> Path:
    """A book of one archive, each folder holding one page of the given text."""
    srcdir = write_book(tmp_path / "book", ".. newspaper-archive:: issues" + options)
    for name, text in folders.items():
        (srcdir / "issues" / name).mkdir(parents=True)
        (srcdir / "issues" / name / "p01.txt").write_text(text, encoding="utf-8")
    return srcdir


def test_archive_folders_dated_before_1900_and_far_ahead_are_issues(make_app, tmp_path: Path):
    srcdir = archive_book(
        tmp_path,
        {
            "18720430": page_text("第1版 1872年4月30日 星期二 申报", "申报创刊。"),
            "21500101": page_text("第1版 2150年1月1日 星期四 要闻", "远方的一天。"),
        },
    )
    app = build(make_app, srcdir)
    assert app.env.toctree_includes["index"] == ["newspaper/1872-04", "newspaper/2150-01"]  # the months
    assert {"newspaper/1872-04-30/p01-01", "newspaper/2150-01-01/p01-01"} <= app.env.found_docs
    assert "1872年4月30日" in all_html(app) and "申报创刊" in all_html(app) and "远方的一天" in all_html(app)
    assert "names no date" not in warnings_of(app)


def test_archive_entries_that_name_no_date_are_left_out_with_a_warning(make_app, tmp_path: Path):
    srcdir = archive_book(
        tmp_path,
        {
            "20200101": page_text("第1版 2020年1月1日 星期三 要闻"),
            "misc": page_text("第1版"),
            "20230230": page_text("第1版"),
        },
    )
    app = build(make_app, srcdir)
    warnings = warnings_of(app)
    assert "issues/misc: names no date, so it is not read as an issue" in warnings
    assert "issues/20230230: names no date" in warnings  # 30 February does not exist
    assert app.env.toctree_includes["index"] == ["newspaper/2020-01-01/index"]


def test_undated_pages_in_a_dated_archive_folder_take_its_date(make_app, tmp_path: Path):
    srcdir = archive_book(
        tmp_path, {"20200105": page_text("第4版 要闻"), "20200106": page_text("第4版 要闻")}
    )
    app = build(make_app, srcdir)
    assert app.env.toctree_includes["index"] == ["newspaper/2020-01-05/index", "newspaper/2020-01-06/index"]
    assert "2020年1月5日" in html_of(app, "newspaper/2020-01-05/p04-01")


def test_two_archive_folders_whose_pages_print_one_other_date_stay_two_issues(make_app, tmp_path: Path):
    text = page_text("第1版 2020年1月9日 星期四 要闻")
    srcdir = archive_book(tmp_path, {"20200101": text, "20200102": text})
    app = build(make_app, srcdir)
    assert app.env.toctree_includes["index"] == ["newspaper/2020-01-01/index", "newspaper/2020-01-02/index"]
    titles = [app.env.titles[f"newspaper/2020-01-0{day}/index"].astext() for day in (1, 2)]
    assert titles[0] != titles[1] and "2020年1月1日" in titles[0]
    assert "the page prints the date 2020-01-09, but its archive entry is named 2020-01-01" in warnings_of(
        app
    )


def test_a_date_option_on_an_archive_is_an_error_saying_what_to_write(make_app, tmp_path: Path):
    srcdir = archive_book(
        tmp_path, {"20200101": page_text("第1版 2020年1月1日 星期三 要闻")}, "\n   :date: 2020-01-01"
    )
    app = build(make_app, srcdir)
    assert "write :start: 2020-01-01 and :end: 2020-01-01" in warnings_of(app)


def html_of(app: Any, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


# -- item 10: a stock table is text, not a broken font ----------------------------------------


def stock_table_page(rows: int = 50) -> str:
    names = ["贵州茅台", "工商银行", "中国平安", "招商银行", "五粮液"]
    lines = [
        f"{600000 + 7 * i} {names[i % 5]} {100 + i * 1.37:.2f} {(-1) ** i * (i % 9) * 0.31:+.2f}% {178297 + i * 31}"
        for i in range(rows)
    ]
    return "第8版 2024年1月5日 星期五 证券\n\n沪市行情\n\n" + "\n".join(lines) + "\n"


def test_a_stock_table_page_is_read_as_a_table_keeping_every_character(tmp_path: Path):
    from sphinx_newspaper.conservation import conservation
    from sphinx_newspaper.ingest import read_issue

    text = stock_table_page()
    page_file = tmp_path / "p08.txt"
    page_file.write_text(text, encoding="utf-8")
    page = read_issue(page_file).pages[0]
    kept, total, missing = conservation(page, text)
    assert kept == total, missing
    tables = [block for article in page.articles for block in article.blocks if block.kind == "table"]
    assert tables and ["600000", "贵州茅台", "100.00", "+0.00%", "178297"] in tables[0].rows


def test_text_of_few_chinese_characters_that_is_no_garbage_is_not_called_a_broken_font(tmp_path: Path):
    from sphinx_newspaper.ingest import IngestError, read_issue

    page_file = tmp_path / "page.txt"
    page_file.write_text("第8版 要闻\n\n" + "QX7 ZK9 PLM3 RRT8 WQ2 ZZX1\n" * 20, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_issue(page_file)
    assert "broken font" not in str(caught.value)
    assert "the rest reads neither as words nor as figures" in str(caught.value)


# -- item 11: corrections that merge -------------------------------------------------------------

THREE_STORIES = (
    "第4版 2024年1月5日 星期五 要闻\n\n"
    "第一篇标题\n本报记者 张三\n\n　　甲乙丙丁，第一篇的正文写在这里。\n\n"
    "第二篇标题\n本报记者 张三\n\n　　戊己庚辛，第二篇的正文写在这里。\n\n"
    "第三篇标题\n本报记者 李四\n\n　　壬癸子丑，第三篇的正文写在这里。\n"
)


def corrected_page(tmp_path: Path, toml: str) -> Any:
    from sphinx_newspaper.ingest import read_issue

    (tmp_path / "p04.txt").write_text(THREE_STORIES, encoding="utf-8")
    (tmp_path / "p04.corrections.toml").write_text(toml, encoding="utf-8")
    return read_issue(tmp_path / "p04.txt").pages[0]


def body_text(page: Any) -> str:
    return "".join(block.text for article in page.articles for block in article.blocks)


def test_merging_two_articles_with_one_byline_keeps_both_and_passes_the_check(tmp_path: Path):
    from sphinx_newspaper.conservation import conservation

    page = corrected_page(tmp_path, '[[merge]]\nids = ["p04-01", "p04-02"]\n')
    kept, total, missing = conservation(page, THREE_STORIES)
    assert kept == total, missing
    merged = page.articles[0]
    assert merged.byline == "本报记者 张三"
    assert [block.text for block in merged.blocks][-2:] == [
        "本报记者 张三",
        "戊己庚辛，第二篇的正文写在这里。",
    ]
    assert not [notice for notice in page.notices if notice.subtype == "correction"]  # neighbours in order


def test_merging_articles_that_are_not_neighbours_says_the_text_moves(tmp_path: Path):
    page = corrected_page(tmp_path, '[[merge]]\nids = ["p04-01", "p04-03"]\n')
    (notice,) = [notice for notice in page.notices if notice.subtype == "correction"]
    assert "[[merge]] #1: joins p04-01, p04-03 in that order, which moves text on the page" in notice.message
    assert "p04-02 stood between them" in notice.message
    assert notice.source.endswith("p04.corrections.toml") and notice.line == 1
    assert body_text(page).index("壬癸子丑") < body_text(page).index("戊己庚辛")  # as the notice says


def test_merging_articles_named_out_of_order_says_so(tmp_path: Path):
    page = corrected_page(tmp_path, '[[merge]]\nids = ["p04-02", "p04-01"]\n')
    (notice,) = [notice for notice in page.notices if notice.subtype == "correction"]
    assert "(they are read in the order p04-01, p04-02)" in notice.message


def test_a_split_and_a_merge_of_one_article_say_the_text_moves(tmp_path: Path):
    page = corrected_page(
        tmp_path, '[[split]]\nid = "p04-02"\nat = "第二篇的正文"\n\n[[merge]]\nids = ["p04-02", "p04-03"]\n'
    )
    (notice,) = [notice for notice in page.notices if notice.subtype == "correction"]
    assert "the article [[split]] #1 made stood between them" in notice.message and notice.line == 5


# -- values at their extremes: dates, long names ----------------------------------------------


def epub_text(app: Any) -> str:
    import zipfile

    (epub,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml"))


def test_issues_dated_year_1_and_9999_build_in_every_format(make_app, tmp_path: Path, example_page: Path):
    srcdir = write_book(
        tmp_path / "book",
        ".. newspaper-issue:: a.txt\n   :date: 0001-01-01",
        ".. newspaper-issue:: b.txt\n   :date: 9999-12-31",
    )
    shutil.copy(example_page, srcdir / "a.txt")
    shutil.copy(example_page, srcdir / "b.txt")
    html = build(make_app, srcdir)
    assert "9999年12月31日" in all_html(html) and "1年1月1日" in all_html(html)
    epub = build(make_app, srcdir, "epub")  # a zip stamps 1980 to 2107 only
    assert "9999年12月31日" in epub_text(epub) and GOOD_TEXT in epub_text(epub)
    latex = build(make_app, srcdir, "latex")
    tex = "".join(path.read_text(encoding="utf-8") for path in Path(latex.outdir).glob("*.tex"))
    assert "9999年12月31日" in tex and GOOD_TEXT in tex


def test_a_page_file_with_a_name_of_250_characters_builds_in_html_and_epub(make_app, tmp_path: Path):
    name = "z" * 250 + ".txt"  # no date in its text: the issue is named by the file
    srcdir = write_book(tmp_path / "book", f".. newspaper-issue:: {name}")
    (srcdir / name).write_text(page_text("第4版 要闻", "长长的名字的一页。"), encoding="utf-8")
    html = build(make_app, srcdir)
    assert "长长的名字的一页" in all_html(html) and "ERROR" not in warnings_of(html)
    epub = build(make_app, srcdir, "epub")
    assert "长长的名字的一页" in epub_text(epub)


# -- beyond the list --------------------------------------------------------------------------


def test_a_corrections_file_larger_than_any_pages_corrections_is_refused_unread(
    tmp_path: Path, example_page: Path
):
    from sphinx_newspaper.ingest import IngestError, read_issue
    from sphinx_newspaper.ingest.corrections import MAX_CORRECTIONS_BYTES

    shutil.copy(example_page, tmp_path / "p04.txt")
    with open(tmp_path / "p04.corrections.toml", "wb") as out:
        out.truncate(MAX_CORRECTIONS_BYTES + 1)
    with pytest.raises(
        IngestError, match=r"p04\.corrections\.toml: is larger than 4 MiB, far more than a page's"
    ):
        read_issue(tmp_path / "p04.txt")


def test_an_archive_of_the_source_folder_does_not_warn_about_the_projects_own_folders(
    make_app, tmp_path: Path
):
    srcdir = archive_book(tmp_path, {"20200101": page_text("第1版 2020年1月1日 星期三 要闻")})
    (srcdir / "issues" / "_static").mkdir()
    (srcdir / "issues" / "logo.png").write_bytes(b"\x89PNG")
    app = build(make_app, srcdir)
    assert "names no date" not in warnings_of(app)


def test_a_fifo_beside_the_root_document_does_not_hang_the_start(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. toctree::\n\n   news")  # so every index.* is looked at
    (srcdir / "news.rst").write_text("新闻\n====\n\n.. newspaper-issue:: good.txt\n", encoding="utf-8")
    shutil.copy(example_page, srcdir / "good.txt")
    os.mkfifo(srcdir / "index.fifo")
    started = time.monotonic()
    with released(srcdir / "index.fifo", after=60):
        app = build(make_app, srcdir)
    assert time.monotonic() - started < 45
    assert good_issue_built(app)


def test_misread_tables_that_feed_each_other_are_refused_before_they_fill_memory(
    tmp_path: Path, example_page: Path
):
    from sphinx_newspaper.ingest import IngestError, read_issue

    shutil.copy(example_page, tmp_path / "p04.txt")
    tables = "".join(
        f'[[misread]]\ntext = "{"村" * 2**i}"\nprinted = "{"村" * 2 ** (i + 1)}"\n\n' for i in range(16)
    )  # without a bound: 2**16 times every 村 of the page
    (tmp_path / "p04.corrections.toml").write_text(tables, encoding="utf-8")
    with pytest.raises(
        IngestError, match=r"\[\[misread\]\] #\d+: the \[\[misread\]\] tables so far make the page's text"
    ):
        read_issue(tmp_path / "p04.txt")
    (tmp_path / "p04.corrections.toml").write_text(
        '[[misread]]\ntext = "村"\nprinted = "村村"\n\n[[misread]]\ntext = "村"\nprinted = "村村"\n',
        encoding="utf-8",
    )
    with pytest.raises(
        IngestError, match=r"\[\[misread\]\] #2: '村' is replaced in \[\[misread\]\] #1 already"
    ):
        read_issue(tmp_path / "p04.txt")


def test_a_dated_page_file_with_a_name_of_250_characters_names_the_epub_within_the_limit(
    make_app, tmp_path: Path
):
    name = "q" * 250 + ".txt"
    srcdir = write_book(tmp_path / "book", f".. newspaper-issue:: {name}")
    (srcdir / name).write_text(page_text("第4版 2024年1月5日 要闻", "长长的名字的一页。"), encoding="utf-8")
    epub = build(make_app, srcdir, "epub")
    (book,) = Path(epub.outdir).glob("*.epub")
    assert book.name == "q" * 64 + "-2024-01-05.epub" and "长长的名字的一页" in epub_text(epub)


def test_a_path_too_long_for_the_file_system_is_its_directives_error(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(
        tmp_path / "book",
        f".. newspaper-issue:: {'a' * 300}.txt",
        f".. newspaper-archive:: {'c' * 300}",
        ".. newspaper-issue:: good.txt",
    )
    shutil.copy(example_page, srcdir / "good.txt")
    app = build(make_app, srcdir)
    warnings = warnings_of(app)
    assert f"{'a' * 300}.txt: cannot be read (File name too long)" in warnings
    assert f"{'c' * 300}: cannot be read (File name too long)" in warnings and "defect" not in warnings
    assert good_issue_built(app)


def test_a_process_that_dies_reading_one_issue_leaves_only_that_issue_out(
    make_app, tmp_path: Path, example_page: Path, monkeypatch: pytest.MonkeyPatch
):
    from sphinx_newspaper.ingest import page as page_module

    parse_page = page_module.parse_page

    def dies_on_one(text: str, source: str, *args: Any, **kwargs: Any) -> Any:
        if source.endswith("bad.txt"):
            os._exit(139)  # as a crash in a C library would end the reading process
        return parse_page(text, source, *args, **kwargs)

    monkeypatch.setattr(page_module, "parse_page", dies_on_one)
    srcdir = write_book(
        tmp_path / "book",
        ".. newspaper-issue:: bad.txt",
        ".. newspaper-issue:: good.txt",
        ".. newspaper-issue:: p.txt",
    )
    shutil.copy(example_page, srcdir / "good.txt")
    shutil.copy(example_page, srcdir / "bad.txt")
    (srcdir / "p.txt").write_text(page_text("第4版 2024年1月5日 要闻"), encoding="utf-8")
    app = make_app(
        "html", srcdir=srcdir, parallel=2, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]}
    )
    app.build()
    assert "bad.txt: the process reading it stopped (a crash, or memory ran out)" in warnings_of(app)
    assert good_issue_built(app) and (Path(app.outdir) / "newspaper" / "2024-01-05" / "p04-01.html").is_file()


def test_a_fifo_in_place_of_the_generated_folders_manifest_does_not_hang_the_build(
    make_app, tmp_path: Path, example_page: Path
):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: good.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    (srcdir / "newspaper").mkdir()
    os.mkfifo(srcdir / "newspaper" / ".sphinx-newspaper.json")
    started = time.monotonic()
    with released(srcdir / "newspaper" / ".sphinx-newspaper.json", after=60):
        app = build(make_app, srcdir)
    assert time.monotonic() - started < 45
    assert good_issue_built(app)


def test_an_archive_in_the_generated_folder_is_an_error_and_no_issue_is_written_into_it(
    make_app, tmp_path: Path
):
    srcdir = archive_book(tmp_path, {"20200101": page_text("第1版 2020年1月1日 星期三 要闻")})
    app = build(make_app, srcdir, newspaper_generated_dir="issues")
    assert "issues is in the folder the extension writes its generated sources into" in warnings_of(app)
    names = sorted(path.name for path in (srcdir / "issues").iterdir() if not path.name.startswith("."))
    assert names == ["20200101"]  # no generated 2020-01-01/ beside it, for the next build to trip on


def test_an_archive_of_the_source_folder_passes_over_the_generated_folder(make_app, tmp_path: Path):
    srcdir = write_book(tmp_path / "book", ".. newspaper-archive:: .")
    (srcdir / "20200101").mkdir()
    (srcdir / "20200101" / "p01.txt").write_text(
        page_text("第1版 2020年1月1日 星期三 要闻"), encoding="utf-8"
    )
    build(make_app, srcdir)
    app = build(make_app, srcdir)  # the generated folder is there now
    assert "names no date" not in warnings_of(app) and "newspaper/2020-01-01/p01-01" in app.env.found_docs


def test_a_conversion_in_capitals_or_with_spaces_is_read_as_the_other_choices_are(make_app, tmp_path: Path):
    srcdir = write_book(tmp_path / "book", ".. newspaper-issue:: good.txt")
    app = make_app("html", srcdir=srcdir, confoverrides={"newspaper_convert": " S2TW "})
    assert app.config.newspaper_convert == "s2tw"
