"""Shared fixtures: Sphinx's testing fixtures over the test roots, and the shared corpus.

Every book a test builds is a Sphinx test application over a copy of ``tests/roots/test-*``,
chosen with ``@pytest.mark.sphinx(builder, testroot=..., confoverrides=...)`` and handed to the
test as ``app`` (unbuilt: the test calls ``app.build()``, after changing the sources if it
wants).  ``make_app(builder, srcdir=app.srcdir)`` builds the same project again (incremental
builds).  ``@pytest.mark.test_params(shared_result=NAME)`` shares one build among the tests
that name it (built once per test process).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from building import EXAMPLE_PAGE, copy_test_root

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CORPUS = REPO.parent / "shared" / "corpus"
ROOTS = TESTS / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``tests/roots/test-*``."""
    return ROOTS


@pytest.fixture
def app_params(
    request: pytest.FixtureRequest,
    test_params: dict[str, Any],
    shared_result: Any,
    sphinx_test_tempdir: Path,
    tmp_path: Path,
    rootdir: Path,
) -> tuple[list[Any], dict[str, Any]]:
    """As ``sphinx.testing``'s, except that each test builds its own copy of the test root (the
    extension writes the generated article sources into the source directory), and tests that
    share a result share one copy."""
    args: dict[int, Any] = {}
    kwargs: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("sphinx"))):
        args |= dict(enumerate(marker.args))
        kwargs.update(marker.kwargs)
    testroot = kwargs.pop("testroot", "issue")
    shared = test_params["shared_result"]
    if shared:
        srcdir = sphinx_test_tempdir / "shared" / shared
        kwargs.update(shared_result.restore(shared))
    else:
        srcdir = tmp_path / kwargs.pop("srcdir", testroot)
    if not srcdir.exists():
        copy_test_root(testroot, srcdir)
    kwargs["srcdir"] = srcdir
    kwargs.setdefault("builddir", srcdir / "_build")
    return [args[i] for i in sorted(args)], kwargs


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real newspaper material in ../shared/corpus (skips where it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return CORPUS


@pytest.fixture(scope="session")
def example_page() -> Path:
    """The example issue page, as the project ships it (no ../shared needed)."""
    return EXAMPLE_PAGE
