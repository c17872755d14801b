"""The warning subtypes: one enum, the README's table, and what users can silence."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_newspaper.subtypes import WARNING_TYPE, Subtype

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_warnings() -> list[str]:
    """The subtypes in the README's "Warnings" table, in its order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Warnings", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `newspaper\.([a-z-]+)` \|", section, re.M)


def test_the_readme_table_lists_every_subtype_once_in_enum_order() -> None:
    assert readme_warnings() == [subtype.value for subtype in Subtype]


def test_subtypes_format_as_their_value() -> None:
    # Sphinx matches suppress_warnings against f"{type}.{subtype}".
    assert f"{WARNING_TYPE}.{Subtype.TITLE_INFERRED}" == "newspaper.title-inferred"
    assert Subtype("no-articles") is Subtype.NO_ARTICLES
