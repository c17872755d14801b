"""Write one source document per page and per article, only when its content changed.

Each generated file holds one directive naming the issue and the article, with a digest of
everything the document shows (the article's text, its page's facts, its neighbours' titles):
when that changes the file changes, so Sphinx re-reads exactly the documents whose content
changed (the sphinx-gallery / autosummary pattern).  Generated documents therefore need no
dependency on the issue files, which would make one edited article re-read its whole issue.

The files have a suffix and a parser of their own (``.newspaper``, reST without the project's
``rst_prolog``), so that Sphinx reads them whatever ``source_suffix`` the project has: a MyST
project with ``source_suffix = {".md": "markdown"}`` gets its article pages too.

Files are written, and stale ones removed, through the folder's :mod:`.manifest`: the
extension removes only what it wrote and recorded there.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.parsers import RSTParser
from sphinx.util import logging

from ..config import newspaper_config
from ..model import Article, Page
from .collect import Book, BookIssue, Month, book_of, collect_book, remember_book
from .discovery import IssueRequest, may_name_issues, read_for_discovery, reading_late
from .manifest import HEADER, READ_ONLY, SUFFIX, Manifest, clear_other_folders, read_only_error
from .pagemaps import save_pictures
from .records import request_records, shown_records
from .render import headline

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

FILETYPE = "newspaper"


class GeneratedSourceParser(RSTParser):
    """The parser of the generated files: plain reST, without ``rst_prolog``/``rst_epilog``
    (they are the project's, for its own documents)."""

    supported = (FILETYPE,)

    def decorate(self, content: StringList) -> None:
        """No prolog or epilog."""


def digest(*parts: object) -> str:
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def generated_source(directive: str, arguments: str, fingerprint: str) -> str:
    """The whole generated file: our header, then the one directive with its digest."""
    return f"{HEADER}\n\n.. {directive}:: {arguments}\n\n   digest {fingerprint}\n"


def headlines(page: Page) -> list[tuple[str | None, ...]]:
    """What the page's headline list shows of each of its articles."""
    return [(article.id, *headline(article)) for article in page.articles]


def month_source(month: Month) -> str:
    """A month of an archive: its title and the issues it lists (their titles)."""
    issues = [(entry.key, entry.title) for entry in month.entries]
    fingerprint = digest(month.title, issues, month.entries[0].script.tag)
    return generated_source("newspaper-month", month.key, fingerprint)


def front_source(entry: BookIssue) -> str:
    pages = [(p.number, p.section, p.weekday, p.column, headlines(p)) for p in entry.issue.pages]
    fingerprint = digest(entry.title, entry.issue.date, entry.issue.paper, pages, entry.script.tag)
    return generated_source("newspaper-front", entry.key, fingerprint)


def page_source(
    entry: BookIssue, page_index: int, pictures: Collection[str] = (), root: Path | None = None
) -> str:
    """The page's document; the files it names counted from ``root`` (the source directory), so
    that a project built in one place has the same sources in another (a read-only copy)."""
    page = entry.issue.pages[page_index]

    def portable(path: str) -> str:
        return os.path.relpath(path, root) if root is not None and os.path.isabs(path) else path

    page_facts = {k: v for k, v in page.to_json().items() if k != "articles"}
    page_facts["source"] = portable(page.source)
    # which of its news pictures could be saved; the page map's regions (its page image is
    # placed as the builders that show it write, so that every builder has the same sources)
    shown = [figure.image in pictures for figure in page.figures]
    regions = [article.regions for article in page.articles]
    # the page's document gives its notices as warnings: read again when they change
    notices = [
        (n.subtype, n.message.replace(str(root), ".") if root else n.message, portable(n.source), n.line)
        for n in page.notices
    ]
    fingerprint = digest(
        page_facts, headlines(page), entry.issue.paper, entry.script.tag, page.size, regions, shown, notices
    )
    return generated_source("newspaper-page", f"{entry.key} {page_index}", fingerprint)


def article_source(
    entry: BookIssue, page_index: int, article_index: int, pictures: Collection[str] = ()
) -> str:
    page = entry.issue.pages[page_index]
    article = page.articles[article_index]
    shown = [figure.image in pictures for figure in article.figures]
    page_facts = (page.number, page.section, page.date, page.weekday, entry.issue.paper, entry.script.tag)
    # the previous/next links show the neighbours' titles
    neighbours = [(a.id, a.title) for a in entry.issue.neighbours(article) if a is not None]
    fingerprint = digest(article.to_json(), page_facts, article.line, neighbours, entry.issue.date, shown)
    return generated_source("newspaper-article", f"{entry.key} {page_index} {article_index}", fingerprint)


def write_book(book: Book, srcdir: Path) -> tuple[list[str], list[str]]:
    """Write the sources of every month, page and article; remove stale ones.

    An issue whose content, options, key and pictures are those its files were last made from
    (its stamp, in the manifest), and whose files are as they were written, is passed over:
    a rebuild with nothing changed computes and reads none of its sources.

    Returns the documents' names, and the names of those written (new or changed)."""
    manifest = Manifest.load(srcdir / book.generated_dir)
    try:
        return _write_book(book, manifest, srcdir)
    except OSError as error:
        if error.errno in READ_ONLY:
            raise read_only_error(srcdir / book.generated_dir, error) from None
        raise


def _write_book(book: Book, manifest: Manifest, root: Path) -> tuple[list[str], list[str]]:
    prefix = book.generated_dir + "/"
    docnames: list[str] = []
    written: list[str] = []
    keep: set[str] = set()

    def write(outputs: list[tuple[str, str]]) -> list[str]:
        relatives = []
        for name, text in outputs:
            relatives.append(name.removeprefix(prefix) + SUFFIX)
            if manifest.write(relatives[-1], text):
                written.append(name)
        return relatives

    months = [(m.docname(book.generated_dir), month_source(m)) for ms in book.months.values() for m in ms]
    made = [write(months)]
    pictures = sorted(book.pictures)
    for entry in book.issues:
        stamp = digest(entry.stamp, entry.key, entry.in_archive, pictures) if entry.stamp else ""
        relatives = manifest.intact(stamp) if stamp else None
        if relatives is None:
            relatives = write(issue_sources(book, entry, root))
            if stamp:
                manifest.record(stamp, relatives)
        made.append(relatives)
    for relatives in made:
        keep.update(relatives)
        docnames += [prefix + relative.removesuffix(SUFFIX) for relative in relatives]
    manifest.remove_stale(keep)
    manifest.save()
    return docnames, written


def issue_sources(book: Book, entry: BookIssue, root: Path | None = None) -> list[tuple[str, str]]:
    """The documents of one issue and their sources: its front (in an archive), pages, articles."""
    outputs = []
    if entry.in_archive:
        outputs.append((entry.issue_docname(book.generated_dir), front_source(entry)))
    for page_index, page in enumerate(entry.issue.pages):
        outputs.append(
            (
                entry.page_docname(book.generated_dir, page),
                page_source(entry, page_index, book.pictures, root),
            )
        )
        for article_index, article in enumerate(page.articles):
            name = entry.article_docname(book.generated_dir, article)
            outputs.append((name, article_source(entry, page_index, article_index, book.pictures)))
    return outputs


def book_of_last_build(app: Sphinx) -> None:
    """``builder-inited``: the book the last build's directives ask for (kept on the
    environment), read again from the issue files, so that it is there from the start: for the
    builders, for other extensions, and for a build with nothing to read.  :func:`prepare_book`
    collects it again only when the directives changed."""
    requests = book_requests(app.env)
    if requests:
        remember_book(app, collect_book(app, requests))


def prepare_book(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``, just before Sphinx reads: find the issue directives in the documents
    about to be read (:mod:`.discovery`), collect the book if they changed, write its sources,
    and tell Sphinx which generated documents came, changed or went.  Returns the documents to
    read again."""
    generated_dir = newspaper_config(app).generated_dir

    def generated(docname: str) -> bool:
        return docname.startswith(generated_dir + "/")

    to_read = sorted(docname for docname in added | changed if not generated(docname))
    requests = request_records(env)
    # A document that held a directive last time is read too, whatever its text shows: another
    # extension may write the directive in while Sphinx reads it (read_late_requests).
    held = {docname for docname in to_read if requests.get(docname)}
    for docname in [*to_read, *removed]:
        requests.pop(docname, None)
    prolog = f"{app.config.rst_prolog or ''}\n{app.config.rst_epilog or ''}"
    discover = [d for d in to_read if d in held or may_name_issues(Path(env.doc2path(d)), prolog)]
    read_for_discovery(app, discover)
    book = book_of(app)
    if book.requests != tuple(book_requests(env)):
        book = collect_book(app, book_requests(env))
        remember_book(app, book)
    docnames, written = publish_book(app, book)
    gone = {docname for docname in added | changed | set(env.all_docs) if docname not in env.found_docs}
    added -= gone
    changed -= gone
    removed |= gone & set(env.all_docs)
    added |= {docname for docname in docnames if docname in env.found_docs and docname not in env.all_docs}
    # New documents are "added" already: Sphinx would count them as changed too.
    return [docname for docname in [*written, *documents_to_reshow(env, book)] if docname not in added]


def publish_book(app: Sphinx, book: Book) -> tuple[list[str], list[str]]:
    """Save the book's pictures, write its sources, and let the environment find the files
    that came or went.  Returns the generated documents' names, and those written."""
    env = app.env
    save_pictures(app, book)  # before the sources: their digests name the pictures
    docnames, written = write_book(book, Path(app.srcdir))
    renamed = clear_other_folders(Path(app.srcdir), book.generated_dir)  # an earlier generated_dir
    if docnames:
        logger.info(
            f"[newspaper] {len(book.issues)} issue(s), {len(docnames)} documents, {len(written)} rewritten"
        )
    prefix = book.generated_dir + "/"
    if renamed or set(docnames) != {docname for docname in env.found_docs if docname.startswith(prefix)}:
        env.find_files(app.config, app.builder)  # the files just written, and without the stale ones
    return docnames, written


def documents_to_reshow(env: BuildEnvironment, book: Book) -> list[str]:
    """Documents whose directives showed other issues than the book now holds (an archive whose
    issues came or went, an issue whose key another took, a directive met only while reading):
    they list them anew."""
    showing = {
        docname: tuple(entry.key for entry in book.issues if entry.request.docname == docname)
        for docname in shown_records(env)
    }
    return [docname for docname, keys in shown_records(env).items() if keys != showing[docname]]


def read_late_requests(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: issue directives that the reading met but the discovery before it did
    not (another extension wrote them into a document while Sphinx read it, where the text
    shows no sign of them).  The book is collected again, its new documents are read, and so
    are the documents holding those directives, which showed nothing the first time
    (:meth:`.directives._IssueSourceDirective.found_only_now`): the first build is whole.
    Later builds find the directives before reading (``prepare_book`` reads the documents that
    held one).  Returns the documents read, for Sphinx to write."""
    requests = book_requests(env)
    book = book_of(app)
    if book.requests == tuple(requests):
        return []
    late = sorted({request.docname for request in requests if request not in book.requests})
    if late:
        logger.info(f"[newspaper] issue directives written in while reading: {', '.join(late)}")
    book = collect_book(app, requests)
    remember_book(app, book)
    docnames, written = publish_book(app, book)
    for docname in sorted(set(env.all_docs) - env.found_docs):  # generated documents that went
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
    new = [docname for docname in docnames if docname not in env.all_docs or docname in written]
    new.sort(key=lambda docname: not book.is_article(docname))  # articles first (read_articles_first)
    others = [*late, *documents_to_reshow(env, book)]  # late: also to report a failed issue
    to_read = [*new, *(docname for docname in dict.fromkeys(others) if docname not in new)]
    with reading_late(env):
        for docname in to_read:
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            app.builder.read_doc(docname)
    return to_read


def read_articles_first(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: in a first reading, the articles before the pages, issues and
    months whose toctrees list them.

    In a serial read, before it reads a document, Sphinx's toctree collector removes it from a
    map of every document that a toctree read so far lists (``files_to_rebuild``), walking the
    whole map. In name order a page comes before its articles, the map grows with every page
    read, and the walks add up to half the square of the documents. Articles first, the map is
    empty while they are read, and only the pages (one document in six) walk it; in a parallel
    read the reading processes started while articles are read inherit, and send back, an
    empty map. Where the map lists the articles already (a rebuild), Sphinx's order is kept:
    every order walks the whole map then."""
    book = book_of(app)
    articles = [docname for docname in docnames if book.is_article(docname)]
    if not articles or any(docname in env.files_to_rebuild for docname in articles):
        return
    first = set(articles)
    docnames[:] = [*articles, *(docname for docname in docnames if docname not in first)]


def book_requests(env: BuildEnvironment) -> list[IssueRequest]:
    """Every issue directive of the project, in document order (documents sorted by name)."""
    requests = request_records(env)
    return [request for docname in sorted(requests) for request in requests[docname]]


def issue_text_as_source(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the "Show source" page of a generated document shows what it was
    made from, not the generated stub Sphinx copied there: its page's text file, or for a PDF
    page and an article folder the text the ingest read (an article document: that article).
    Only the copies that still hold a stub are rewritten: those Sphinx wrote in this build,
    which are among the documents it resolved (a rebuild with nothing changed looks at none)."""
    builder = app.builder
    resolved = _RESOLVED.pop(builder, set())
    if exception or not resolved or builder.format != "html" or not getattr(builder, "copysource", False):
        return
    if not app.config.html_copy_source:
        return
    from ..ingest import ARTICLE_FILE, IngestError, read_text

    book = book_of(app)
    sources = Path(builder.outdir) / "_sources"
    suffix = SUFFIX + app.config.html_sourcelink_suffix

    def holds_stub(path: Path) -> bool:
        try:
            with path.open(encoding="utf-8") as copy:
                return copy.read(len(HEADER)) == HEADER
        except (OSError, UnicodeDecodeError):
            return False

    texts: dict[str, str] = {}

    def page_file_text(page: Page) -> str:
        """The page's text as its file holds it, read once; "" when it cannot be read, and for
        a PDF page or an article folder's page (it names only its first article's file)."""
        if page.source not in texts:
            texts[page.source] = ""
            if page.pdf_page is None and not ARTICLE_FILE.fullmatch(Path(page.source).name):
                try:
                    texts[page.source] = read_text(page.source)
                except (IngestError, OSError):
                    pass
        return texts[page.source]

    def text_of(page: Page, article: Article | None) -> str:
        return page_file_text(page) or read_as_text(page, article)

    for entry in book.issues:
        documents = [(entry.issue_docname(book.generated_dir), [(page, None) for page in entry.issue.pages])]
        for page in entry.issue.pages:
            documents.append((entry.page_docname(book.generated_dir, page), [(page, None)]))
            documents += [(entry.article_docname(book.generated_dir, a), [(page, a)]) for a in page.articles]
        for docname, parts in documents:
            target = sources / f"{docname}{suffix}"
            if docname in resolved and holds_stub(target):
                text = "\n".join(filter(None, (text_of(page, article) for page, article in parts)))
                if text:
                    target.write_text(text, encoding="utf-8")


#: The documents each builder resolved in this build (``doctree-resolved``, in the main process
#: also when the writers are other processes): those whose sources Sphinx may have copied.
_RESOLVED: WeakKeyDictionary[Builder, set[str]] = WeakKeyDictionary()


def note_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    _RESOLVED.setdefault(app.builder, set()).add(docname)


def read_as_text(page: Page, article: Article | None = None) -> str:
    """What the ingest read from a page (or one article of it), as plain text in reading order:
    the masthead, then each article's headline parts, byline, paragraphs and captions."""
    lines = [] if article else [*page.masthead, *filter(None, [page.column])]
    for each in [article] if article else page.articles:
        title = None if each.title_inferred else each.title  # an inferred title was not printed
        lines += filter(None, [each.kicker, title, each.subtitle, each.byline])
        for block in each.blocks:
            lines += filter(None, [block.text, block.deck])
        lines += [*each.captions, *(figure.text for figure in each.figures)]
        lines.append("")
    if not article:
        lines += [*(figure.text for figure in page.figures), *page.credits, *page.furniture]
    return "\n".join(lines).strip() + "\n"


def setup_generate(app: Sphinx) -> None:
    """Generated documents: their suffix and parser, and the book collected and its sources
    written before Sphinx reads."""
    app.add_source_suffix(SUFFIX, FILETYPE)
    app.add_source_parser(GeneratedSourceParser)
    app.connect("builder-inited", book_of_last_build)
    app.connect("env-get-outdated", prepare_book, priority=400)
    app.connect("env-before-read-docs", read_articles_first)
    app.connect("env-updated", read_late_requests, priority=400)
    app.connect("doctree-resolved", note_resolved)
    app.connect("build-finished", issue_text_as_source)
