"""Shared fixtures: Sphinx's testing fixtures, the test roots and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``tests/roots/test-*``."""
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real newspaper material in ../shared/corpus (skips where it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return CORPUS


@pytest.fixture(scope="session")
def example_page() -> Path:
    """The example issue page, as the project ships it (no ../shared needed)."""
    return Path(__file__).parent / "roots" / "test-issue" / "zhaotong-2023-03-24-p04.txt"
