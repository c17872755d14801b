"""``sphinx-newspaper``: see what the extension makes of an issue, and score the ingest.

* ``sphinx-newspaper inspect PATH [--convert CFG] [--json] [--encoding ENC] [--check]
  [--images DIR] [--ocr MODE]`` prints an outline of the issue (or the ``--json`` schema
  documented in docs/inspect.md); ``--check`` also counts, per page, the input characters that
  landed in the output (on a page read through OCR: the characters the OCR read);
  ``--images`` saves the news pictures of PDF pages (as the JSON names them) in a folder;
  ``--ocr`` says which pages are read through OCR (results kept in the user's cache folder).
* ``sphinx-newspaper score PATH ... [--gold DIR] [--pictures] [--json]`` compares the ingest with
  gold annotations (``--pictures``: the news pictures found on PDF pages; ``--json``: the figures
  of every page, pooled and by layout class, as JSON).

Errors are one line on stderr and exit status 2, never a traceback.  No Sphinx is imported:
the command loads issues as the build does (:mod:`.loading`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .book.loading import IssueSource, load_issue
from .chinese import CONVERSIONS, ConversionError, check_conversion
from .conservation import conservation
from .ingest import (
    IMAGE_PAGE_SUFFIXES,
    PAGE_SUFFIXES,
    IngestError,
    archive_issues,
    check_ocr_mode,
    configure_ocr,
    page_article_files,
    read_issue,
    read_text,
)
from .model import Article, Block, Issue, Page
from .util.errors import unexpected_error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sphinx-newspaper",
        description="See what sphinx-newspaper makes of an issue, and score the ingest.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser(
        "inspect",
        help="show the articles the extension finds in an issue",
        description="Show the pages and articles the extension finds in one issue: a page PDF "
        "(e-paper), a page's text, or a folder of one issue's pages (PDF or text) or articles.",
    )
    inspect.add_argument(
        "path",
        type=Path,
        help="a page PDF (*.pdf), a page text file (*.txt), or a folder holding one issue's pages",
    )
    inspect.add_argument("--convert", metavar="CFG", help=f"OpenCC conversion: {', '.join(CONVERSIONS)}")
    inspect.add_argument("--json", action="store_true", help="print the documented JSON schema")
    inspect.add_argument("--encoding", metavar="ENC", help="the files' encoding (default: detected)")
    inspect.add_argument(
        "--check", action="store_true", help="count the input characters kept (exit 1 if any lost)"
    )
    inspect.add_argument(
        "--images", metavar="DIR", type=Path, help="save the news pictures of PDF pages in this folder"
    )
    inspect.add_argument(
        "--draw",
        metavar="DIR",
        type=Path,
        help="draw every page as read (articles, block ids, furniture, warnings) into DIR/index.html",
    )
    inspect.add_argument(
        "--explain",
        action="store_true",
        help="for every article of a PDF page, the rule that placed each block and the measures it "
        "read; with --json, each page's trace",
    )
    inspect.add_argument(
        "--ocr",
        metavar="MODE",
        default="auto",
        help="read pages through OCR: auto (pages with no usable text), never, always",
    )
    score = commands.add_parser("score", help="score the ingest against gold annotations")
    score.add_argument("paths", nargs="+", help="page files, or folders of them")
    score.add_argument(
        "--gold",
        metavar="DIR",
        type=Path,
        help="a folder of PAGE.gold.json files (default: beside the pages)",
    )
    score.add_argument("--pictures", action="store_true", help="score the news pictures found on PDF pages")
    score.add_argument(
        "--json", action="store_true", help="every page's figures, pooled and by layout class, as JSON"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "score":
            from .scoring import main_score, main_score_pictures

            if args.pictures:
                return main_score_pictures(args.paths, args.gold or Path("tests/gold"))
            return main_score(args.paths, args.gold, as_json=args.json)
        try:
            ocr = check_ocr_mode(args.ocr)
        except ValueError as error:
            parser.error(f"--ocr: {error}")
        configure_ocr(cache=ocr_cache_folder(), progress=ocr_progress)
        status = run_inspect(args.path, args.convert, args.json, args.encoding, args.check, ocr, args.explain)
        if args.images is not None:
            save_images(args.path, args.images, args.encoding)
        if args.draw is not None:
            draw(args.path, args.draw, args.encoding, args.convert, ocr)
        return status
    except (IngestError, ConversionError) as error:
        print(f"sphinx-newspaper: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0  # the reader (``| head``) stopped listening
    except OSError as error:
        print(f"sphinx-newspaper: error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return 2
    except Exception as error:  # a defect: still one line naming the input, never a traceback
        where = args.path if args.command == "inspect" else " ".join(args.paths)
        print(f"sphinx-newspaper: error: {unexpected_error(where, error)}", file=sys.stderr)
        return 2


def ocr_cache_folder() -> Path:
    """Where ``inspect`` keeps what the OCR read (``$XDG_CACHE_HOME/sphinx-newspaper/ocr``):
    inspecting a scan again reads nothing again."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sphinx-newspaper" / "ocr"


def ocr_progress(done: int, count: int, where: str) -> None:
    print(f"read through OCR ({done}/{count}): {where}", file=sys.stderr, flush=True)


def run_inspect(
    path: Path,
    convert: str | None,
    as_json: bool,
    encoding: str | None,
    check: bool,
    ocr: str = "auto",
    explain: bool = False,
) -> int:
    conversion = check_conversion(convert)
    sources = issue_sources(path, ocr)
    issues = [
        load_issue(source, encoding=encoding, conversion=conversion, quotes="curly", ocr=ocr)
        for source in sources
    ]
    if as_json and len(issues) == 1:
        print(json.dumps(issue_json(issues[0], explain), ensure_ascii=False, indent=2))
    elif as_json:
        print(
            json.dumps(
                {"issues": [issue_json(issue, explain) for issue in issues]}, ensure_ascii=False, indent=2
            )
        )
    elif explain:
        print("\n\n".join(explanation(issue) for issue in issues))
    else:
        print("\n\n".join(outline(issue) for issue in issues))
    for issue in issues:
        for notice in issue.notices:
            where = f"{notice.source}:{notice.line}" if notice.line else notice.source
            print(f"{where}: warning: {notice.message} [newspaper.{notice.subtype}]", file=sys.stderr)
    if check:
        return max(
            report_conservation(
                read_issue(list(source) if isinstance(source, tuple) else source, encoding=encoding, ocr=ocr),
                encoding,
            )
            for source in sources
        )
    return 0


def issue_sources(path: Path, ocr: str = "auto") -> list[IssueSource]:
    """The issues at ``path``: one, or each issue of an archive folder (page files or folders
    of several dates, such as a month of one page: ``rmrb2018010207.pdf``, ...)."""
    if not path.exists():
        raise IngestError(str(path), "no such file or folder", "check the path")
    pages = PAGE_SUFFIXES + (IMAGE_PAGE_SUFFIXES if ocr != "never" else ())
    if path.is_file() and path.suffix.lower() not in pages:
        raise IngestError(
            str(path),
            "is not a page: inspect reads a page PDF (*.pdf), a page text file (*.txt), a page "
            "image (*.jpg, *.png, *.tif: read through OCR) or a folder of them",
            "name the issue file or folder that the project's newspaper-issue directive names",
        )
    if path.is_dir():
        dated = archive_issues(path)
        if len(dated) > 1:
            return [tuple(entry) if isinstance(entry, list) else entry for _date, entry in dated]
    return [path]


def draw(path: Path, folder: Path, encoding: str | None, convert: str | None, ocr: str = "auto") -> None:
    """``--draw DIR``: every page of the issues at ``path`` drawn into ``folder``."""
    from .draw import draw_issues

    conversion = check_conversion(convert)
    issues = [
        load_issue(source, encoding=encoding, conversion=conversion, quotes="curly", ocr=ocr)
        for source in issue_sources(path, ocr)
    ]
    for problem in draw_issues(issues, folder):
        print(f"{problem} [newspaper.image]", file=sys.stderr)
    print(
        f"{sum(len(issue.pages) for issue in issues)} page(s) drawn: {folder / 'index.html'}", file=sys.stderr
    )


def issue_json(issue: Issue, explain: bool = False) -> dict:
    """The issue in the documented JSON schema; ``explain``: each PDF page with its ``trace``
    (:meth:`.model.PageLayout.trace_json`; README, "The JSON schema")."""
    out = issue.to_json()
    if explain:
        for page, shown in zip(issue.pages, out["pages"], strict=True):
            shown["trace"] = page.layout.trace_json() if page.layout is not None else None
    return out


def explanation(issue: Issue) -> str:
    """``inspect --explain``: per page, each article with the decisions that opened its story and
    each of its blocks with the rules that placed it (first to last) and the measures they read;
    then the page's blocks no article holds (furniture, masthead, loose captions)."""
    lines = [
        f"{issue.paper or '(paper unknown)'}  {issue.date.isoformat() if issue.date else '(date unknown)'}"
    ]
    for page in issue.pages:
        lines.append("")
        lines.append(f"page {page.number or '?'}  ({page.source})")
        layout = page.layout
        if layout is None:
            lines.append("  (not a PDF page: read by the text route, no layout rules)")
            continue
        lines.append(
            f"  units: em {layout.em:.2f} pt, leading {layout.leading:.2f} pt, column {layout.column:.1f} pt"
        )
        titles = {article.id: article.title for article in page.articles}
        held: dict[str, list] = {}
        for placed in layout.blocks:
            if placed.article is not None:
                held.setdefault(placed.article, []).append(placed)
        for article in page.articles:
            lines.append(f"  {article.id}  {titles[article.id]}")
            story = layout.stories.get(article.id, [])
            lines.append(
                "    story: " + (" → ".join(str(decision) for decision in story) or "(no decision recorded)")
            )
            for placed in held.get(article.id, []):
                lines.append(f"    {placed.role:<9} {placed.id}  {_shown(placed.text)}")
                lines.append(
                    "      " + (" → ".join(str(decision) for decision in placed.decisions) or "(no rule)")
                )
        loose = [placed for placed in layout.blocks if placed.article is None]
        if loose:
            lines.append("  page (no article):")
            for placed in loose:
                lines.append(f"    {placed.role:<9} {placed.id}  {_shown(placed.text)}")
                lines.append(
                    "      " + (" → ".join(str(decision) for decision in placed.decisions) or "(no rule)")
                )
    return "\n".join(lines)


def _shown(text: str, width: int = 24) -> str:
    """A block's text cut to ``width`` characters for a line of ``--explain``."""
    return text if len(text) <= width else text[: width - 1] + "…"


def outline(issue: Issue) -> str:
    """A readable outline: pages with their masthead facts, articles with their parts."""
    lines = [
        f"{issue.paper or '(paper unknown)'}  {issue.date.isoformat() if issue.date else '(date unknown)'}"
    ]
    for page in issue.pages:
        lines.append("")
        facts = [f"page {page.number or '?'}", page.section, page.weekday, page.column]
        lines.append("  ".join(fact for fact in facts if fact) + f"  ({page.source})")
        for article in page.articles:
            inferred = "  [title inferred]" if article.title_inferred else ""
            lines.append(f"  {article.id}  {article.title}{inferred}")
            for label, value in (
                ("kicker", article.kicker),
                ("subtitle", article.subtitle),
                ("byline", article.byline),
            ):
                if value:
                    lines.append(f"      {label}: {value}")
            paragraphs = sum(block.kind == "paragraph" for block in article.blocks)
            subheads = [block.text for block in article.blocks if block.kind == "subhead"]
            characters = sum(len(block.text) for block in article.blocks)
            lines.append(f"      {paragraphs} paragraphs, {characters} characters")
            for subhead in subheads:
                lines.append(f"      subhead: {subhead}")
            for block in article.blocks:
                if block.kind == "table":
                    lines.extend(table_outline(block))
            for caption in article.captions:
                lines.append(f"      caption: {caption}")
            for figure in article.figures:
                lines.append(f"      picture: {figure.image}  {figure.text}")
        for figure in page.figures:
            lines.append(f"  picture: {figure.image}  {figure.text}")
        for label, values in (("credits", page.credits), ("furniture", page.furniture)):
            if values:
                lines.append(f"  {label}: " + " | ".join(values))
        if page.ocr is not None:
            lines.extend(ocr_outline(page))
    return "\n".join(lines)


def ocr_outline(page: Page) -> list[str]:
    """What the OCR read on a page: the engine, and each line read with little confidence,
    marked ``?`` with its confidence and the article it stands in (to fix in a corrections file)."""
    report = page.ocr
    assert report is not None
    skew = f", turned {report.skew:+.2f}°" if report.skew else ""
    out = [f"  read through OCR: {report.engine}, {report.dpi} dpi{skew}; {report.lines} lines"]
    if report.doubtful:
        out.append(f"  {len(report.doubtful)} line(s) read with little confidence:")
    for line in report.doubtful:
        found = [article.id for article in page.articles if text_in_article(line.text, article)]
        where = f"  (in {', '.join(found)})" if found else ""
        out.append(f"    ? {line.confidence:.2f}  {line.text}{where}")
    return out


def text_in_article(text: str, article: Article) -> bool:
    """Whether a line's text (spaces aside) stands in the article's headline, byline or body."""
    plain = "".join(text.split())
    parts = [article.kicker, article.title, article.subtitle, article.byline, *article.captions]
    parts += [block.text for block in article.blocks] + [block.deck for block in article.blocks]
    return any(plain in "".join(part.split()) for part in parts if part)


#: ``inspect`` shows at most this many rows of a table (the JSON has them all).
TABLE_ROWS_SHOWN = 12


def table_outline(block: Block) -> list[str]:
    """A table as ``inspect`` shows it: its size, then its rows, cells set apart by ``|``."""
    columns = max((len(row) for row in block.rows), default=0)
    header = f", {block.header_rows} header row" if block.header_rows else ""
    out = [f"      table: {len(block.rows)} rows, {columns} columns{header}"]
    for row in block.rows[:TABLE_ROWS_SHOWN]:
        out.append("        | " + " | ".join(row) + " |")
    if len(block.rows) > TABLE_ROWS_SHOWN:
        out.append(f"        ({len(block.rows) - TABLE_ROWS_SHOWN} more rows)")
    return out


def save_images(path: Path, folder: Path, encoding: str | None) -> None:
    """``--images DIR``: the news pictures of the issue's PDF pages saved in ``folder`` under the
    names the JSON gives them; problems on stderr."""
    from .book.pictures import PictureStore

    issue = load_issue(path, encoding=encoding, conversion=None, quotes="curly")
    store = PictureStore(folder, 1600)
    store.folder = folder  # the files themselves, not a cache beside them
    saved = 0
    for page in issue.pages:
        result = store.save(page, whole_page=False)
        saved += len(result.files)
        for problem in result.problems:
            print(f"{page.source}: warning: {problem} [newspaper.image]", file=sys.stderr)
    print(f"{saved} picture(s) in {folder}", file=sys.stderr)


def report_conservation(issue: Issue, encoding: str | None) -> int:
    """Per page: the non-space characters of every input it was read from (its text file, all
    its article files, or its PDF page's own characters) found in the output (as a multiset)."""
    lost = False
    for page in issue.pages:
        inputs = page_inputs(page, encoding)
        if inputs is None:
            print(f"{page.source}: (not a page text file; not counted)")
            continue
        kept, total, missing = conservation(page, inputs)
        more = f" and {len(inputs) - 1} more file(s) of page {page.number}" if len(inputs) > 1 else ""
        left_out = (
            f", {page.left_out} more left out that no output can show (newspaper.invalid-character)"
            if page.left_out
            else ""
        )
        print(f"{page.source}{more}: {kept}/{total} characters kept{left_out}")
        for run in missing:
            print(f"  missing: {run}")
        for sentence in page.unread:  # what the count cannot see: content that was never read
            print(f"  not read: {sentence} (newspaper.unread)")
        lost = lost or kept < total or bool(page.unread)
    return 1 if lost else 0


def page_inputs(page: Page, encoding: str | None) -> list[tuple[str, str]] | None:
    """(name, text) of each input a page was read from: its text file, the article files of
    its page, or its PDF page's own characters; None when it is none of these."""
    if page.ocr is not None:
        return [("", page.ocr.text)]
    if page.pdf_page is not None:
        from .ingest import own_text, source_file

        return [("", own_text(source_file(page.source), page.pdf_page))]
    source = Path(page.source)
    if not source.is_file():
        return None
    files = page_article_files(source)
    return [(file.name if len(files) > 1 else "", read_text(file, encoding)) for file in files]


if __name__ == "__main__":
    sys.exit(main())
