"""The house rules the folders promise: the ingest's one door, and no Sphinx inside the ingest."""

from __future__ import annotations

import ast
from pathlib import Path

import sphinx_newspaper.ingest as ingest

PACKAGE = Path(ingest.__file__).resolve().parent.parent


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every ``from … import`` in ``path``, resolved to the package's dotted names."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_every_name_the_ingest_offers_resolves():
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None, name


def test_the_rest_of_the_package_enters_the_ingest_by_its_one_door():
    strays = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if "ingest" not in path.relative_to(PACKAGE).parts
        for line, name in imports_of(path)
        if name.startswith("sphinx_newspaper.ingest.")
    ]
    assert strays == []


def test_the_ingest_imports_no_sphinx():
    sphinx = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in (PACKAGE / "ingest").rglob("*.py")
        for line, name in imports_of(path)
        if name.split(".")[0] in ("sphinx", "docutils")
    ]
    assert sphinx == []


def test_the_epub_package_is_packed_from_plain_data_not_the_builder():
    """No circle: the builder hands :mod:`.epub.assemble` (and the settings it reads) plain data."""
    for name in ("assemble.py", "settings.py", "sources.py", "package.py", "cover.py", "metadata.py"):
        path = PACKAGE / "epub" / name
        calls_back = [
            f"{name}:{line}" for line, module in imports_of(path) if module == "sphinx_newspaper.epub.builder"
        ]
        assert calls_back == []
        tree = ast.parse(path.read_text(encoding="utf-8"))
        handed = [
            node.lineno for node in ast.walk(tree) if isinstance(node, ast.arg) and node.arg == "builder"
        ]
        assert handed == [], f"{name} takes the builder at lines {handed}"
