"""The warning subtypes: one enum, documented from its comments, and what users can silence."""

from __future__ import annotations

from sphinx.pycode import ModuleAnalyzer

from sphinx_newspaper.subtypes import WARNING_TYPE, Subtype


def test_every_subtype_has_the_comment_the_warnings_table_shows() -> None:
    """docs/warnings.md's table is made from these comments (docs/_ext/newspaper_docs.py), in
    enum order; tests/test_docs.py reads the built table back."""
    docs = ModuleAnalyzer.for_module("sphinx_newspaper.subtypes").find_attr_docs()
    commented = [
        name for (owner, name), lines in docs.items() if owner == "Subtype" and "".join(lines).strip()
    ]
    assert commented == [subtype.name for subtype in Subtype]


def test_subtypes_format_as_their_value() -> None:
    # Sphinx matches suppress_warnings against f"{type}.{subtype}".
    assert f"{WARNING_TYPE}.{Subtype.TITLE_INFERRED}" == "newspaper.title-inferred"
    assert Subtype("no-articles") is Subtype.NO_ARTICLES
