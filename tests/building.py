"""Helpers for tests that build books: read the outputs back, run LaTeX, copy a test root."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"
#: The example page, as the project ships it: the one copy every test root that holds it uses.
EXAMPLE_PAGE = Path(__file__).resolve().parents[1] / "example_book" / "zhaotong-2023-03-24-p04.txt"
#: The test roots whose sources name the example page (it is put in each copy of them).
EXAMPLE_ROOTS = frozenset({"issue", "myst", "discovery", "mixed", "injected"})
#: The example archive's first two issues (examples/archive, a volume of January 2020): the
#: issues of ``test-archive``, put in each copy of it.
EXAMPLE_ISSUES = Path(__file__).resolve().parents[1] / "examples" / "archive" / "2020-01" / "issues"


def copy_test_root(name: str, srcdir: Path) -> Path:
    """Copy ``tests/roots/test-NAME`` to ``srcdir`` (every test book starts here), with the
    example page or the example archive's issues where the root names them: the project keeps
    one copy of each."""
    shutil.copytree(ROOTS / f"test-{name}", srcdir, dirs_exist_ok=True)
    if name in EXAMPLE_ROOTS:
        shutil.copyfile(EXAMPLE_PAGE, srcdir / EXAMPLE_PAGE.name)
    if name == "archive":
        shutil.copytree(EXAMPLE_ISSUES, srcdir / "issues", dirs_exist_ok=True)
    return srcdir


def copy_root(name: str, destination: Path) -> Path:
    """A copy of ``tests/roots/test-NAME``, for a second project in one test (``make_app``)."""
    return copy_test_root(name, destination / name)


def page_project(destination: Path, text: str | None = None, argument: str | None = None) -> Path:
    """A copy of ``tests/roots/test-page`` (one ``newspaper-issue`` of ``page.txt``), its page
    text replaced by ``text`` and its directive's path by ``argument`` when given."""
    srcdir = copy_root("page", destination)
    if text is not None:
        (srcdir / "page.txt").write_text(text, encoding="utf-8")
    if argument is not None:
        (srcdir / "page.txt").unlink()
        index = srcdir / "index.rst"
        index.write_text(index.read_text(encoding="utf-8").replace("page.txt", argument), encoding="utf-8")
    return srcdir


def html(app: Any, docname: str) -> str:
    """The HTML page the build wrote for ``docname``."""
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def warnings_of(app: Any) -> str:
    return app.warning.getvalue()


def warning_lines(app: Any) -> list[str]:
    """The build's warnings and errors, one a line, without terminal colours."""
    lines = strip_escape_sequences(warnings_of(app)).splitlines()
    return [line for line in lines if "WARNING" in line or "ERROR" in line]


def make_pdf(latex_dir: Path) -> tuple[Path, str]:
    """Run the LaTeX build Sphinx prepared (latexmk + xelatex); return the PDF and the log."""
    result = subprocess.run(
        ["make", "-C", str(latex_dir), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    pdfs = sorted(latex_dir.glob("*.pdf"))
    assert result.returncode == 0 and pdfs, result.stdout[-3000:] + result.stderr[-2000:]
    log = pdfs[0].with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    return pdfs[0], log


def pdf_text(pdf: Path) -> str:
    """The PDF's own text, as pdftotext reads it (CJK spacing removed for comparison)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction inserts spaces and line breaks freely."""
    return "".join(text.split())


@contextmanager
def released(fifo: Path, after: float = 20.0) -> Iterator[None]:
    """Open ``fifo`` for writing after ``after`` seconds unless the test is over: code that
    wrongly waits on the FIFO then reads an empty file instead of hanging the test run."""
    done = threading.Event()

    def writer() -> None:
        if not done.wait(after):
            with open(fifo, "wb"):
                pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
