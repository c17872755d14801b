"""E-paper PDFs as issues (issue 13): one page PDF, a PDF of several pages, a folder of page
PDFs, archives of PDF issues, corrections beside a PDF, and ``sphinx-newspaper inspect``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from pdf_handset import ISSUES, SINGLE, SYNTHETIC, hand_made_pdf

from sphinx_newspaper.cli import main
from sphinx_newspaper.ingest import IngestError, archive_issues, date_in_name, read_issue


def split_pages(source: Path, names: list[Path]) -> None:
    """Write each page of ``source`` to its own PDF."""
    reader = pypdf.PdfReader(source)
    for page, name in zip(reader.pages, names, strict=True):
        writer = pypdf.PdfWriter()
        writer.add_page(page)
        writer.write(name)


def test_one_page_pdf_is_an_issue():
    issue = read_issue(SINGLE)
    assert issue.date.isoformat() == "2024-05-07"
    assert [page.number for page in issue.pages] == ["3"]
    assert issue.pages[0].source == str(SINGLE)
    assert issue.pages[0].articles[0].title == "田间地头备耕忙"


def test_folder_of_page_pdfs_is_ordered_by_printed_page_number(tmp_path: Path):
    # the file names run against the printed numbers: page 4 first
    split_pages(SYNTHETIC, [tmp_path / "z-front.pdf", tmp_path / "a-back.pdf"])
    issue = read_issue(tmp_path)
    assert [page.number for page in issue.pages] == ["3", "4"]
    assert [Path(page.source).name for page in issue.pages] == ["z-front.pdf", "a-back.pdf"]
    assert [a.id for page in issue.pages for a in page.articles][-1] == "p04-01"


def test_pages_that_print_no_number_keep_the_file_order_and_take_their_place(tmp_path: Path):
    for name, words in (("01-front.pdf", b"Front page words"), ("02-back.pdf", b"Back page words")):
        content = b"BT /F1 12 Tf 40 300 Td (%s) Tj ET BT /F1 12 Tf 40 280 Td (%s again) Tj ET" % (
            words,
            words,
        )
        hand_made_pdf(tmp_path / name, content)
    issue = read_issue(tmp_path)
    assert [Path(page.source).name for page in issue.pages] == ["01-front.pdf", "02-back.pdf"]
    assert [page.number for page in issue.pages] == ["1", "2"]
    ids = [a.id for page in issue.pages for a in page.articles]
    assert len(ids) == len(set(ids))


def test_folder_mixing_text_and_pdf_pages(tmp_path: Path, example_page: Path):
    shutil.copy(SINGLE, tmp_path / "p03.pdf")
    shutil.copy(example_page, tmp_path / "p04.txt")
    issue = read_issue(tmp_path)
    assert [page.number for page in issue.pages] == ["3", "4"]


def test_archive_of_pdf_issues(tmp_path: Path):
    shutil.copy(SYNTHETIC, tmp_path / "2024-05-06.pdf")
    shutil.copy(SINGLE, tmp_path / "2024-05-07.pdf")
    folder = tmp_path / "20240508"
    folder.mkdir()
    split_pages(SYNTHETIC, [folder / "p3.pdf", folder / "p4.pdf"])
    found = archive_issues(tmp_path)
    assert [date for date, _ in found] == ["2024-05-06", "2024-05-07", "2024-05-08"]
    issues = [read_issue(source) for _, source in found]
    assert [len(issue.pages) for issue in issues] == [2, 1, 2]


def test_e_paper_file_names_with_a_page_number_after_the_date():
    assert date_in_name("rmrb2018010507.pdf") == "2018-01-05"
    assert date_in_name("20200131") == "2020-01-31"
    assert date_in_name("2018010512345.pdf") == ""


def test_corrections_beside_a_page_pdf(tmp_path: Path):
    page = tmp_path / "epaper.pdf"
    shutil.copy(SINGLE, page)
    (tmp_path / "epaper.corrections.toml").write_text(
        '[[article]]\nid = "p03-03"\ntitle = "消防安全进校园"\n\n[[furniture]]\ntext = "并组织疏散演练。"\n',
        encoding="utf-8",
    )
    article = read_issue(page).pages[0].articles[2]
    assert article.title == "消防安全进校园" and not article.title_inferred
    assert not article.blocks[0].text.endswith("并组织疏散演练。")


def test_corrections_beside_a_pdf_of_several_pages_go_to_the_page_each_id_names(tmp_path: Path):
    issue_file = tmp_path / "issue.pdf"
    shutil.copy(SYNTHETIC, issue_file)
    corrections = tmp_path / "issue.corrections.toml"
    corrections.write_text(
        '[[article]]\nid = "p03-03"\ntitle = "消防安全进校园"\n\n'
        '[[article]]\nid = "p04-01"\nkicker = "惠民生——"\n',
        encoding="utf-8",
    )
    first, second = read_issue(issue_file).pages
    assert first.articles[2].title == "消防安全进校园"
    assert second.articles[0].kicker == "惠民生——"
    corrections.write_text('[[article]]\nid = "p09-01"\ntitle = "无此版"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"'p09-01' names no page of this file \(pages: p03, p04\)"):
        read_issue(issue_file)


def test_merged_articles_keep_both_regions(tmp_path: Path):
    page = tmp_path / "epaper.pdf"
    shutil.copy(SINGLE, page)
    before = read_issue(page).pages[0].articles
    (tmp_path / "epaper.corrections.toml").write_text(
        '[[merge]]\nids = ["p03-03", "p03-04"]\n', encoding="utf-8"
    )
    merged = read_issue(page).pages[0].articles[2]
    assert merged.regions == before[2].regions + before[3].regions


# -- sphinx-newspaper inspect -----------------------------------------------------------------------


def test_inspect_check_counts_every_character_of_each_pdf_page(capsys: pytest.CaptureFixture[str]):
    assert main(["inspect", str(SYNTHETIC), "--check"]) == 0
    out = capsys.readouterr().out
    counts = [line for line in out.splitlines() if "characters kept" in line]
    assert len(counts) == 2
    for line in counts:
        kept, total = line.rsplit(": ", 1)[1].split()[0].split("/")
        assert kept == total and int(total) > 100
    assert f"{SYNTHETIC}#page=2:" in out


def test_unshowable_characters_of_a_pdf_are_reported_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """Control characters in a PDF's text layer are left out by the one policy of the text
    route (util/characters.py): one newspaper.invalid-character warning naming the page and
    where each stood, and ``inspect --check`` counts them beside the characters kept."""
    content = (
        b"BT /F1 12 Tf 50 300 Td (Hello\\007World, and more text here) Tj ET "
        b"BT /F1 12 Tf 50 280 Td (Second line of the text \\033[31m ok) Tj ET"
    )
    path = hand_made_pdf(tmp_path / "controls.pdf", content)
    issue = read_issue(path)
    page = issue.pages[0]
    (notice,) = [notice for notice in page.notices if notice.subtype == "invalid-character"]
    assert notice.source == str(path) and page.left_out == 2
    assert "left out 2 character(s)" in notice.message
    assert "U+0007 BELL (page 1 at 77,300 pt)" in notice.message
    assert "U+001B ESCAPE (page 1 at" in notice.message
    text = "".join(block.text for article in page.articles for block in article.blocks)
    assert "World" in text and "\x07" not in text and "\x1b" not in text
    assert main(["inspect", str(path), "--check"]) == 0
    out, err = capsys.readouterr()
    assert "characters kept, 2 more left out that no output can show" in out
    assert "[newspaper.invalid-character]" in err


def test_an_inferred_title_is_warned_under_the_article_s_final_id_and_a_correction_silences_it(
    tmp_path: Path,
):
    content = b"BT /F1 12 Tf 50 300 Td (A page without headline or page number, only text.) Tj ET"
    path = hand_made_pdf(tmp_path / "page.pdf", content)
    (notice,) = [n for n in read_issue(path).pages[0].notices if n.subtype == "title-inferred"]
    assert notice.article == "p01-01" and "article p01-01 " in notice.message
    (tmp_path / "page.corrections.toml").write_text(
        '[[article]]\nid = "p01-01"\ntitle = "A title"\n', "utf-8"
    )
    page = read_issue(path).pages[0]
    assert page.articles[0].title == "A title"
    assert not [n for n in page.notices if n.subtype == "title-inferred"]


def test_inspect_json_keeps_the_schema(capsys: pytest.CaptureFixture[str]):
    assert main(["inspect", str(SINGLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    page = data["pages"][0]
    assert set(page) == {
        "source", "masthead", "paper", "date", "weekday", "number", "section", "column",
        "credits", "furniture", "articles", "figures",
    }  # fmt: skip
    assert page["articles"][0]["title"] == "田间地头备耕忙"
    assert set(page["articles"][0]) == {
        "id", "kicker", "title", "title_inferred", "subtitle", "byline", "blocks", "captions", "figures",
    }  # fmt: skip


def test_inspect_on_an_unreadable_pdf_is_one_line_and_status_2(tmp_path: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnothing else")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_newspaper.cli", "inspect", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "bad.pdf: is not a readable PDF" in result.stderr and "Traceback" not in result.stderr


def test_issue_folder_in_the_test_root_holds_the_shipped_pdfs():
    assert sorted(path.name for path in ISSUES.glob("*.pdf")) == [
        "epaper-2024-05-06.pdf",
        "epaper-2024-05-07.pdf",
    ]


# -- issues read from PDFs are kept between builds -------------------------------------------------


def test_pdf_issues_are_read_once_then_taken_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from sphinx_newspaper.book import loading
    from sphinx_newspaper.book.cache import IssueCache, IssueLoad, load_issues
    from sphinx_newspaper.ingest.pdf import page as pdfpage

    calls: list[Path] = []
    real = pdfpage.read_pdf
    monkeypatch.setattr(pdfpage, "read_pdf", lambda path, *rest: calls.append(path) or real(path, *rest))
    page = tmp_path / "issue" / "epaper.pdf"
    page.parent.mkdir()
    shutil.copy(SINGLE, page)
    cache = IssueCache(tmp_path / "cache")
    options = (("encoding", None), ("conversion", "s2t"), ("quotes", "curly"))

    def load() -> list[str]:
        loading._ingest.cache_clear()  # a new build is a new process
        [issue] = load_issues([IssueLoad(page, options)], cache)
        assert not isinstance(issue, str), issue
        return [article.title for article in issue.pages[0].articles]

    first = load()
    assert first[0] == "田間地頭備耕忙" and len(calls) == 1
    assert load() == first and len(calls) == 1  # from the cache, converted as it was
    shutil.copy(SYNTHETIC, page)  # the file changes: read again
    assert load() == first and len(calls) == 2
    for entry in (tmp_path / "cache").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")  # a damaged entry is read afresh
    assert load() == first and len(calls) == 3
    cache.keep_only(set())  # entries no build used go
    assert list((tmp_path / "cache").iterdir()) == []


def test_cache_does_not_hide_a_link_out_of_the_project(tmp_path: Path):
    from sphinx_newspaper.book.cache import IssueCache, IssueLoad, load_issues

    outside = tmp_path / "outside.pdf"
    shutil.copy(SINGLE, outside)
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.pdf").symlink_to(outside)
    cache = IssueCache(tmp_path / "cache")
    options = (("encoding", None), ("conversion", None), ("quotes", "curly"), ("root", project))
    for _ in range(2):
        [result] = load_issues([IssueLoad(project / "page.pdf", options)], cache)
        assert isinstance(result, str) and "leads outside the source directory" in result
