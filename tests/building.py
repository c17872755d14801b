"""Helpers for tests that build books: copy a test root, build it, read the outputs back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of ``tests/roots/test-NAME`` (the extension writes into its sources)."""
    srcdir = destination / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir, dirs_exist_ok=True)
    return srcdir


def build(make_app: Any, srcdir: Path, builder: str = "html", **overrides: Any) -> Any:
    """Build ``srcdir`` with the Sphinx test app; returns the app (``app.outdir``, warnings)."""
    parallel = overrides.pop("parallel", 0)
    app = make_app(builder, srcdir=srcdir, confoverrides=overrides, parallel=parallel)
    app.build()
    return app


def warnings_of(app: Any) -> str:
    return app.warning.getvalue()


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
