"""What the extension keeps on the build environment, per document, and the one way to reach it.

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

#: Bump when what the extension stores on the environment changes shape.
ENV_VERSION = 3

#: The environment attributes, each a dict by document name.
ARTICLES = "newspaper_articles"  # docname -> ArticleRecord
ARCHIVES = "newspaper_archives"  # docname -> (directive argument, issue keys)


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


def _records(env: BuildEnvironment, name: str) -> dict:
    records = getattr(env, name, None)
    if records is None:
        records = {}
        setattr(env, name, records)
    return records


def article_records(env: BuildEnvironment) -> dict[str, ArticleRecord]:
    """The article documents' records, by document name."""
    return _records(env, ARTICLES)


def archive_records(env: BuildEnvironment) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each archive document's directive argument and the keys of the issues it listed."""
    return _records(env, ARCHIVES)


def record_article(
    env: BuildEnvironment, docname: str, entry: BookIssue, page: Page, article: Article
) -> None:
    date = page.date or entry.issue.date
    article_records(env)[docname] = ArticleRecord(
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


def record_archive(env: BuildEnvironment, docname: str, argument: str, keys: tuple[str, ...]) -> None:
    """An archive document lists these issues (:func:`outdated_archives` compares them)."""
    archive_records(env)[docname] = (argument, keys)


def outdated_archives(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: an archive whose issues came or went lists them anew."""
    book = book_of(app)
    stale = []
    for docname, (argument, keys) in archive_records(env).items():
        issues, _ = book.archive_for(docname, argument)
        if tuple(entry.key for entry in issues) != keys:
            stale.append(docname)
    return stale


def purge_records(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    article_records(env).pop(docname, None)
    archive_records(env).pop(docname, None)


def merge_records(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for records in (article_records, archive_records):
        mine, theirs = records(env), records(other)
        mine.update({docname: theirs[docname] for docname in docnames if docname in theirs})


def setup_records(app: Sphinx) -> None:
    """Records purged, merged and compared with the book as Sphinx asks."""
    app.connect("env-get-outdated", outdated_archives)
    app.connect("env-purge-doc", purge_records)
    app.connect("env-merge-info", merge_records)
