"""The ``sphinx-newspaper`` command: outline, JSON schema, conversion, conservation, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from building import EXAMPLE_ISSUES

from sphinx_newspaper.cli import main

SCHEMA_PAGE_KEYS = {
    "source",
    "masthead",
    "paper",
    "date",
    "weekday",
    "number",
    "section",
    "column",
    "credits",
    "furniture",
    "articles",
    "figures",
}
SCHEMA_ARTICLE_KEYS = {
    "id", "kicker", "title", "title_inferred", "subtitle", "byline", "blocks", "captions", "figures",
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_outline_names_articles_and_parts(capsys: pytest.CaptureFixture[str], example_page: Path) -> None:
    status, out, err = run(capsys, "inspect", str(example_page))
    assert status == 0
    assert "昭通日报  2023-03-24" in out
    assert "“耕”好党建“责任田”增强人民“幸福感”" in out
    assert "kicker: 龙头山镇沙坝村——" in out
    assert "subtitle: ——市委市直机关工委推动模范机关创建纪实" in out
    assert "[title inferred]" in out
    assert "[newspaper.title-inferred]" in err and ":101:" in err


def test_json_follows_the_documented_schema(capsys: pytest.CaptureFixture[str], example_page: Path) -> None:
    status, out, _ = run(capsys, "inspect", str(example_page), "--json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["pages"]
    page = data["pages"][0]
    assert set(page) == SCHEMA_PAGE_KEYS
    assert (page["date"], page["number"], page["section"], page["weekday"]) == (
        "2023-03-24",
        "4",
        "阅读昭通·党建",
        "星期五",
    )
    assert [a["id"] for a in page["articles"]] == ["p04-01", "p04-02", "p04-03"]
    for article in page["articles"]:
        assert set(article) == SCHEMA_ARTICLE_KEYS
        for block in article["blocks"]:
            assert block["type"] in ("paragraph", "subhead")
            assert set(block) == (
                {"type", "text"} if block["type"] == "paragraph" else {"type", "text", "deck"}
            )
    subhead = next(b for b in page["articles"][0]["blocks"] if b["type"] == "subhead")
    assert subhead == {
        "type": "subhead",
        "text": "“产业发展+金融帮扶”",
        "deck": "打好产业“特色牌”，金融帮扶鼓起“钱袋子”",
    }


def test_convert_changes_every_text(capsys: pytest.CaptureFixture[str], example_page: Path) -> None:
    status, out, _ = run(capsys, "inspect", str(example_page), "--json", "--convert", "s2tw")
    assert status == 0
    page = json.loads(out)["pages"][0]
    assert page["section"] == "閱讀昭通·黨建"
    assert page["paper"] == "昭通日報"
    assert page["articles"][2]["title"] == "建“五型機關”促提質提效"
    assert "机关" not in out and "党建" not in out


def test_check_counts_every_character(capsys: pytest.CaptureFixture[str], example_page: Path) -> None:
    status, out, _ = run(capsys, "inspect", str(example_page), "--check")
    assert status == 0
    assert "5513/5513 characters kept" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["inspect", "/no/such/page.txt"], "no such file or folder"),
        (
            ["inspect", "{page}", "--convert", "s2x"],
            "unknown OpenCC conversion 's2x'; valid names: s2t, s2tw",
        ),
        (["inspect", "{garbled}"], "is not readable Chinese text"),
        (["inspect", "{page}", "--encoding", "nonsense"], "unknown encoding 'nonsense'"),
    ],
)
def test_errors_are_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], example_page: Path, corpus: Path, args: list[str], message: str
) -> None:
    garbled = corpus / "pages" / "garbled-font-encoding.blocks.txt"
    args = [a.format(page=example_page, garbled=garbled) for a in args]
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("sphinx-newspaper: error: ") and message in err


def test_the_installed_command_runs_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_newspaper.cli", "inspect", str(empty)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{empty}: is empty" in result.stderr


def test_the_command_imports_no_sphinx() -> None:
    """``inspect`` loads issues as the build does, without Sphinx (:mod:`sphinx_newspaper.book.loading`)."""
    code = "import sys, sphinx_newspaper.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'sphinx'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx_newspaper import __version__

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"sphinx-newspaper {__version__}\n"


@pytest.mark.parametrize("command", [[], ["inspect"], ["score"]])
def test_help_is_plain_text_without_rest_markup(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: sphinx-newspaper")
    assert "`" not in out and "``" not in out and ":func:" not in out


def test_check_counts_every_article_file_of_a_page(capsys: pytest.CaptureFixture[str]) -> None:
    """A page of article files is read from all of them, so all of them are counted (issue 12,
    item 3b): page 3 of 2020-01-02 is two files."""
    from sphinx_newspaper.cli import report_conservation
    from sphinx_newspaper.ingest import read_issue

    folder = EXAMPLE_ISSUES / "20200102"
    files = sorted(folder.glob("20200102-03-*.txt"))
    expected = sum(len("".join(f.read_text(encoding="utf-8").split())) for f in files)
    issue = read_issue(folder)
    assert report_conservation(issue, None) == 0
    out = capsys.readouterr().out
    assert f"20200102-03-05.txt and 1 more file(s) of page 3: {expected}/{expected} characters kept" in out
    # text of the second file lost from the page: the check says so, naming the file and line
    page = next(page for page in issue.pages if page.number == "3")
    last = page.articles[-1]
    lost = last.blocks.pop()
    assert report_conservation(issue, None) == 1
    out = capsys.readouterr().out
    assert f"missing: 20200102-03-07.txt, line {lost.line}: {lost.text[:10]}" in out


def test_inspect_help_names_pdf_pages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["inspect", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "page PDF (*.pdf)" in out and "page text file (*.txt)" in out


def test_inspect_refuses_a_file_that_is_no_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A project's conf.py (or index.rst) given by mistake is not read as a page of text."""
    conf = tmp_path / "conf.py"
    conf.write_text('project = "昭通日报"\nextensions = ["sphinx_newspaper"]\n', encoding="utf-8")
    status, out, err = run(capsys, "inspect", str(conf))
    assert status == 2 and out == ""
    assert f"{conf}: is not a page" in err and "newspaper-issue" in err
