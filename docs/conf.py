"""The sphinx-newspaper documentation: a Sphinx project in MyST Markdown.

Built with ``make docs`` (``sphinx-build -W``); Read the Docs builds it from
``.readthedocs.yaml``.  The configuration and warnings references are generated from the code
(``_ext/newspaper_docs.py``), the accuracy and performance figures from ``data/*.json``, and
the example page is published by the extension itself (``example.md``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
if (REPO / "sphinx_newspaper").is_dir():
    # A checkout: document the code beside these pages, not an installed copy.
    sys.path.insert(0, str(REPO))

import sphinx_newspaper  # noqa: E402

project = "sphinx-newspaper"
author = "the sphinx-newspaper authors"
copyright = "2026, the sphinx-newspaper authors"
release = version = sphinx_newspaper.__version__
language = "en"

extensions = ["myst_parser", "sphinx_newspaper", "newspaper_docs"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "data"]

html_theme = "furo"
html_title = "sphinx-newspaper"
html_static_path: list[str] = []

# The example newspaper (example.md): the example book's page, copied in when the build
# starts (a directive reads only files inside the source directory).
newspaper_docs_example = str(REPO / "example_book" / "zhaotong-2023-03-24-p04.txt")
# The example page's middle article has no headline: its title is inferred, as in the example
# book (example_book/conf.py).
suppress_warnings = ["newspaper.title-inferred"]
