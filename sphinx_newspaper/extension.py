"""Sphinx wiring, the sphinx-design way: each concern registers its own values, directives,
nodes and events in a ``setup_…(app)`` of its module; this is the list of them, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .book.assets import setup_assets
from .book.cleaning import setup_cleaning
from .book.directives import setup_directives
from .book.generate import setup_generate
from .book.language import setup_language
from .book.memory import setup_memory
from .book.navigation import setup_navigation
from .book.pagemaps import setup_pagemaps
from .book.project import setup_project
from .book.records import setup_records
from .book.search import setup_search
from .book.toctree_parents import setup_toctree_parents
from .book.volumes import setup_volumes
from .config import setup_config
from .epub import setup_epub
from .latex.document import setup_latex

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The oldest Sphinx the extension is tested with (pyproject.toml declares the same).
SPHINX_FLOOR = "7.2"


def setup_extension(app: Sphinx) -> None:
    app.require_sphinx(SPHINX_FLOOR)  # older ones stop with a message naming the version
    setup_config(app)  # newspaper_* values, validated at config-inited
    setup_language(app)  # Sphinx's language and <html lang> follow the conversion
    setup_project(app)  # a newspaper book's HTML title: the book's, not "… documentation"
    setup_assets(app)  # newspaper.css
    setup_cleaning(app)  # characters no output can hold, out of every document
    setup_directives(app)  # newspaper-issue, newspaper-archive and the generated documents'
    setup_generate(app)  # the book collected, its sources written before Sphinx reads
    setup_records(app)  # what the environment keeps per document
    setup_navigation(app)  # doctree-resolved: headline lists and links completed
    setup_pagemaps(app)  # news pictures and page maps: saved before reading, drawn in HTML
    setup_search(app)  # Chinese words in the HTML search index, and queries split into them
    setup_latex(app)  # the PDF
    setup_epub(app)  # the EPUB builder
    setup_volumes(app)  # newspaper-volumes: a top-level book listing an archive's volumes
    setup_memory(app)  # the book out of Python's garbage collections while Sphinx reads and writes
    setup_toctree_parents(app)  # Sphinx's map of every document's parent made once, not per page
