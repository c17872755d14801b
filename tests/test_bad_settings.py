"""Bad settings and options (issue 12, item 10): one clear, located error each, never a
traceback; a bad directive leaves only its own issue out, the build goes on; the command line
answers with one line.  Also: an issue named twice goes in once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from building import copy_root, warning_lines, warnings_of
from sphinx.errors import ConfigError

from sphinx_newspaper.cli import main

GEN = "newspaper"


def with_conf(srcdir: Path, line: str) -> Path:
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return conf


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('newspaper_convert = "bogus"', r"newspaper_convert: unknown OpenCC conversion 'bogus'"),
        ('newspaper_encoding = "base64"', r"newspaper_encoding: 'base64' is not a text encoding"),
        ('newspaper_encoding = "rot13"', r"newspaper_encoding: 'rot13' is not a text encoding"),
        ('newspaper_encoding = "no-such-codec"', r"newspaper_encoding: unknown encoding 'no-such-codec'"),
        (
            'newspaper_encoding = "undefined"',
            r"newspaper_encoding: 'undefined' is not an encoding text can be read",
        ),
        (
            "newspaper_page_images = 'maybe'",
            r"newspaper_page_images = 'maybe': use True, False or None in conf.py",
        ),
        ('newspaper_pdf_size = "a3"', r"newspaper_pdf_size = 'a3' is not valid; choose one of: a5, a4"),
        ('newspaper_quotes = ""', r"newspaper_quotes = '' is not valid; choose one of: curly, corner"),
        ("newspaper_writing_mode = 1", r"newspaper_writing_mode = 1 must be a string \(or None\)"),
        ('newspaper_paper_name = "报\\x08纸"', r"newspaper_paper_name = .* holds U\+0008 BACKSPACE"),
        ('newspaper_title = "\\ufffe"', r"newspaper_title = .* holds U\+FFFE"),
    ],
)
def test_a_bad_setting_is_one_error_naming_it_and_its_line(make_app, tmp_path: Path, line: str, message: str):
    srcdir = copy_root("issue", tmp_path)
    conf = with_conf(srcdir, line)
    number = len(conf.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError, match=rf"^{conf}:{number}: {message}"):
        make_app("html", srcdir=srcdir)


def test_settings_in_other_letter_cases_and_empty_ones_are_read(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    with_conf(srcdir, 'newspaper_pdf_size = "A4"\nnewspaper_quotes = "Corner"\nnewspaper_paper_name = ""')
    app = make_app("latex", srcdir=srcdir)
    settings = (app.config.newspaper_pdf_size, app.config.newspaper_quotes, app.config.newspaper_paper_name)
    assert settings == ("a4", "corner", None)


INDEX = """\
测试
====

.. newspaper-issue:: bad.txt
   {option}

.. newspaper-issue:: good.txt
"""


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (":convert: bogus", ":convert: unknown OpenCC conversion 'bogus'"),
        (":encoding: hex", ":encoding: 'hex' is not a text encoding"),
        (":encoding: rot13", ":encoding: 'rot13' is not a text encoding"),
        (":date: 2023-02-30", ":date: the date '2023-02-30' does not exist: 2023-02 has 28 days"),
        (":date: yesterday", ":date: the date 'yesterday' is not a date of the form YYYY-MM-DD"),
    ],
)
def test_a_bad_option_is_an_error_at_its_directive_and_the_other_issues_build(
    make_app, tmp_path: Path, example_page: Path, option: str, message: str
):
    srcdir = copy_root("issue", tmp_path)
    (srcdir / "index.rst").write_text(INDEX.format(option=option), encoding="utf-8")
    shutil.copy(example_page, srcdir / "bad.txt")
    shutil.copy(example_page, srcdir / "good.txt")
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]})
    app.build()
    (error,) = warning_lines(app)
    assert error.startswith(f"{srcdir / 'index.rst'}:4: ERROR: newspaper-issue: {message}"), error
    assert "Traceback" not in warnings_of(app)
    assert (Path(app.outdir) / GEN / "2023-03-24" / "p04-01.html").is_file()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":start: 2020-13-01", ":start: the date '2020-13-01' does not exist: there is no month 13"),
        (":start: 2020-01-02\n   :end: 2020-01-01", ":start: 2020-01-02 is after :end: 2020-01-01"),
    ],
)
def test_bad_archive_options_are_errors_at_the_directive(
    make_app, tmp_path: Path, options: str, message: str
):
    srcdir = copy_root("archive", tmp_path)
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + f"   {options}\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    (error,) = warning_lines(app)
    assert f"index.rst:4: ERROR: newspaper-archive: {message}" in error


def test_an_issue_named_twice_goes_in_once_with_a_located_error(make_app, tmp_path: Path):
    srcdir = copy_root("issue", tmp_path)
    index = srcdir / "index.rst"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\n" + text.split("\n\n", 1)[1], encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["newspaper.title-inferred"]})
    app.build()
    (error,) = warning_lines(app)
    assert ":7: ERROR: newspaper-issue:" in error and "is in the book already" in error
    assert f"{index}:4" in error
    assert sorted(app.env.found_docs) == [
        "index",
        *(f"{GEN}/2023-03-24/p04{n}" for n in ("", "-01", "-02", "-03")),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--encoding", "rot13"], "'rot13' is not a text encoding"),
        (["--encoding", "hex"], "'hex' is not a text encoding"),
        (["--encoding", "nonsense"], "unknown encoding 'nonsense'"),
        (["--encoding", "undefined"], "'undefined' is not an encoding text can be read in"),
        (["--convert", "bogus"], "unknown OpenCC conversion 'bogus'"),
    ],
)
def test_the_command_line_answers_bad_options_with_one_line(capsys, example_page: Path, args, message):
    status = main(["inspect", str(example_page), *args])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("sphinx-newspaper: error: ") and message in line
