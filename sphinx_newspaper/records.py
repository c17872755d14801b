"""What the extension keeps on the build environment, per document.

Stored on ``env`` so that incremental builds keep it, purged on ``env-purge-doc`` and merged
on ``env-merge-info`` so that parallel reads (``-j``) lose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .book import BookIssue, book_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Article, Page


@dataclass(frozen=True)
class ArticleRecord:
    """What other documents and builders need to know about an article document."""

    issue_key: str
    article_id: str
    title: str
    kicker: str | None
    byline: str | None
    page_number: str | None
    section: str | None
    date: str | None
    language: str


def ensure_records(env: BuildEnvironment) -> None:
    """What the extension keeps on the environment, per document (purged and merged below)."""
    if not hasattr(env, "newspaper_articles"):
        env.newspaper_articles = {}  # docname -> ArticleRecord
    if not hasattr(env, "newspaper_archives"):
        env.newspaper_archives = {}  # docname -> (directive argument, issue keys)


def record_article(
    env: BuildEnvironment, docname: str, entry: BookIssue, page: Page, article: Article
) -> None:
    ensure_records(env)
    date = page.date or entry.issue.date
    env.newspaper_articles[docname] = ArticleRecord(
        issue_key=entry.key,
        article_id=article.id,
        title=article.title,
        kicker=article.kicker,
        byline=article.byline,
        page_number=page.number,
        section=page.section,
        date=date.isoformat() if date else None,
        language=entry.script.tag,
    )


def outdated_archives(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: an archive whose issues came or went lists them anew."""
    book = book_of(app)
    stale = []
    for docname, (argument, keys) in getattr(env, "newspaper_archives", {}).items():
        issues, _ = book.archive_for(docname, argument)
        if tuple(entry.key for entry in issues) != keys:
            stale.append(docname)
    return stale


def purge_records(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    ensure_records(env)
    env.newspaper_articles.pop(docname, None)
    env.newspaper_archives.pop(docname, None)


def merge_records(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    ensure_records(env)
    for name in ("newspaper_articles", "newspaper_archives"):
        mine, theirs = getattr(env, name), getattr(other, name, {})
        mine.update({docname: theirs[docname] for docname in docnames if docname in theirs})
