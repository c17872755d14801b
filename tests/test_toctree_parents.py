"""Sphinx's map of every document's parent made once while the book is written, not once per
page (a workaround of Sphinx's own cost): the same ancestors and the same output as Sphinx's,
and Sphinx's function back in place when the build ends."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from test_scale import DAY, build_warnings, copy_issue

from sphinx_newspaper.book import toctree_parents

ADAPTERS = importlib.import_module(toctree_parents.ADAPTERS)


def outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


@pytest.mark.sphinx("html", testroot="archive")
def test_the_parent_map_is_kept_while_writing_and_given_back(app, make_app, monkeypatch):
    srcdir = Path(app.srcdir)
    copy_issue(srcdir, DAY, "20200203")  # months too: index → month → issue → page → article
    sphinx_function = ADAPTERS._get_toctree_ancestors
    calls: list[str] = []

    def counted(toctree_includes, docname):
        calls.append(docname)
        return sphinx_function(toctree_includes, docname)

    monkeypatch.setattr(ADAPTERS, "_get_toctree_ancestors", counted)
    app = make_app("html", srcdir=srcdir)
    seen: dict[str, tuple[object, int, list[str], list[str]]] = {}

    def page(app, pagename, templatename, context, doctree) -> None:
        if doctree is None:
            return
        assert "toctree" in context  # the sidebar resolves the root toctree for every page
        context["toctree"](includehidden=True)  # as the default theme's sidebar asks
        function = ADAPTERS._get_toctree_ancestors
        includes = app.env.toctree_includes
        seen[pagename] = (
            function,
            toctree_parents._ACTIVE.made,
            list(function(includes, pagename)),
            list(sphinx_function(includes, pagename)),
        )

    app.connect("html-page-context", page)
    app.build()
    assert build_warnings(app) == []
    assert ADAPTERS._get_toctree_ancestors is counted and toctree_parents._ACTIVE is None
    assert calls == []  # every page's ancestors from the kept map, none from Sphinx's function
    article = "newspaper/2020-02-03/p03-07"
    assert seen[article][2] == [
        article,
        "newspaper/2020-02-03/p03",
        "newspaper/2020-02-03/index",
        "newspaper/2020-02",
    ]
    assert len(seen) == len(app.env.found_docs)
    for pagename, (function, made, kept, sphinx) in seen.items():
        assert function is toctree_parents._memo_ancestors, pagename
        assert made == 1, pagename  # made once, from the map Sphinx writes with
        assert kept == sphinx, pagename
    monkeypatch.undo()
    sphinx_function = ADAPTERS._get_toctree_ancestors

    # The same bytes, every file, as a build with Sphinx's function (serial and parallel).
    with_map = outputs(Path(app.outdir))
    monkeypatch.setattr(toctree_parents, "keep_parents", lambda: None)
    plain = make_app("html", srcdir=srcdir, builddir=srcdir / "_build_sphinx")
    plain.build()
    assert ADAPTERS._get_toctree_ancestors is sphinx_function
    assert with_map == outputs(Path(plain.outdir))
    monkeypatch.undo()
    parallel = make_app("html", srcdir=srcdir, builddir=srcdir / "_build_parallel", parallel=2)
    parallel.build()
    assert ADAPTERS._get_toctree_ancestors is sphinx_function
    assert with_map == outputs(Path(parallel.outdir))


@pytest.mark.sphinx("html", testroot="archive")
def test_a_failed_build_gives_sphinx_its_function_back(app):
    sphinx_function = ADAPTERS._get_toctree_ancestors

    def fail(app, pagename, templatename, context, doctree) -> None:
        assert ADAPTERS._get_toctree_ancestors is not sphinx_function
        raise RuntimeError("a failing extension")

    app.connect("html-page-context", fail)
    with pytest.raises(Exception, match="a failing extension"):
        app.build()
    assert ADAPTERS._get_toctree_ancestors is sphinx_function and toctree_parents._ACTIVE is None


def test_a_sphinx_without_the_function_is_left_alone(monkeypatch):
    monkeypatch.delattr(ADAPTERS, "_get_toctree_ancestors")

    toctree_parents.keep_parents()
    assert toctree_parents._ACTIVE is None and not hasattr(ADAPTERS, "_get_toctree_ancestors")
