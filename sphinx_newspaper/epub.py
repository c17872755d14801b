"""The EPUB output: each document rendered by Sphinx's HTML machinery, packaged with ebooklib.

The builder replaces Sphinx's own ``epub`` builder.  It renders every document's body with the
HTML writer (no theme, so no sidebars, search, index or "view source" links), keeps one XHTML
file per document in reading order (issue front, pages, articles), and builds the navigation
from the newspaper itself: issue → page (版) → article, with an archive above the issues.

Metadata come from the issues (title, date, paper as publisher and series, page sections as
subjects, bylines as contributors) and the file is reproducible: the same sources give the same
bytes (fixed identifiers, dates and zip timestamps; ``SOURCE_DATE_EPOCH`` is honoured).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ebooklib import epub
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.display import progress_message

from . import render
from .book import WEEKDAYS, Book, BookIssue, book_file_stem, book_of, chinese_date, romanised_name
from .chinese import Script, converter, script_for
from .config import NewspaperConfig
from .cover import CoverFontMissing, CoverText, cover_png, image_media_type
from .model import Article, Page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Folder under the output directory holding each document's rendered body between builds.
PARTS = "_parts"
STYLES = "style"
COVER_PAGE = "cover.xhtml"
COVER_IMAGE_ID = "cover-img"  # the id EPUB 2 readers look up through <meta name="cover">
#: File stems the package itself uses; documents with these names get another one.
RESERVED_STEMS = frozenset({"nav", "cover", "toc", "content"})
#: Namespace of the book identifiers: uuid5 of the issues' papers, dates and article ids.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sphinx-newspaper:epub")
STATIC = Path(__file__).parent / "static"
#: Zip files cannot hold earlier timestamps.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

_ISSUE_NUMBER = re.compile(r"第\s*(\d+)\s*期")
_HREF = re.compile(r'\shref="([^"]*)"')


@dataclass(frozen=True)
class Placement:
    """Where a generated document stands in the newspaper: an issue, one of its pages, an article."""

    entry: BookIssue
    page: Page | None = None
    article: Article | None = None

    @property
    def label(self) -> str:
        """The document's name in the table of contents, in the newspaper's own words."""
        if self.article is not None:
            return self.article.title
        if self.page is not None:
            return render.page_label(self.page, self.entry.convert)
        return self.entry.title


def placements(book: Book) -> dict[str, Placement]:
    """Every issue front, page and article document of the book, by document name."""
    found: dict[str, Placement] = {}
    fronts: dict[str, list[BookIssue]] = {}
    for entry in book.issues:
        if entry.in_archive:
            found[entry.issue_docname(book.generated_dir)] = Placement(entry)
        else:
            fronts.setdefault(entry.request.docname, []).append(entry)
        for page in entry.issue.pages:
            found[entry.page_docname(book.generated_dir, page)] = Placement(entry, page)
            for article in page.articles:
                found[entry.article_docname(book.generated_dir, article)] = Placement(entry, page, article)
    # A document holding one issue directive is that issue's front; with two it is neither.
    for docname, entries in fronts.items():
        if len(entries) == 1:
            found.setdefault(docname, Placement(entries[0]))
    return found


def epub_file_names(docnames: Iterable[str], generated_dir: str) -> dict[str, str]:
    """ASCII file names inside the EPUB, one folder level: ``2023-03-24-p04-01.xhtml``.

    Distinct for distinct documents (a number is added on collision, in sorted order, so every
    process of a parallel build agrees).
    """
    used = set(RESERVED_STEMS)
    names: dict[str, str] = {}
    for docname in sorted(docnames):
        stem = file_stem(docname, generated_dir)
        candidate, number = stem, 2
        while candidate.lower() in used:
            candidate, number = f"{stem}-{number}", number + 1
        used.add(candidate.lower())
        names[docname] = candidate + ".xhtml"
    return names


def file_stem(docname: str, generated_dir: str) -> str:
    name = docname.removeprefix(generated_dir + "/")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name.replace("/", "-")).strip("-.") or "document"


class NewspaperEpubBuilder(StandaloneHTMLBuilder):
    """``sphinx-build -b epub``: one EPUB 3 file named after the paper and date."""

    name = "epub"
    format = "html"
    epilog = "The EPUB file is in %(outdir)s."
    out_suffix = ".xhtml"
    link_suffix = ".xhtml"
    copysource = False
    add_permalinks = False
    allow_sharp_as_current_path = False
    embedded = True
    search = False
    use_index = False
    download_support = False
    html_scaled_image_link = False
    supported_remote_images = False
    supported_data_uri_images = False
    supported_image_types: ClassVar[list[str]] = ["image/svg+xml", "image/png", "image/gif", "image/jpeg"]

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self.sphinx = app  # book_of() finds the issues by the application

    def init(self) -> None:
        super().init()
        self.out_suffix = self.link_suffix = ".xhtml"
        self.use_index = False

    def create_build_info(self) -> Any:
        """The HTML builder's record of the settings its output depends on, with the EPUB's:
        made by the class Sphinx itself uses (a private module, moved between versions)."""
        build_info = type(super().create_build_info())
        return build_info(self.config, self.tags, frozenset({"html", "epub"}))

    @functools.cached_property
    def file_names(self) -> dict[str, str]:
        return epub_file_names(self.env.found_docs, self.config.newspaper_generated_dir)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Links between documents point at the EPUB's own file names."""
        return self.file_names.get(docname) or file_stem(docname, "") + ".xhtml"

    def get_output_path(self, page_name: str, /) -> Path:
        """Where a document's rendered body waits until :meth:`finish` packs the EPUB."""
        return Path(self.outdir, PARTS, self.get_target_uri(page_name))

    def copy_assets(self) -> None:
        """Nothing to copy: the EPUB carries its own stylesheets and no theme files."""

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """Only the body: the book has no theme, so the HTML builder's relations, titles and
        local tables of contents (several renders per document) would be thrown away."""
        return {"body": body, "metatags": metatags}

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        """Keep the document's body HTML (no theme: no sidebars, search or source links)."""
        if "body" not in addctx:
            return  # pages without a document (search, genindex) have no place in the book
        path = outfilename or self.get_output_path(pagename)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(addctx["body"], encoding="utf-8")

    def finish(self) -> None:
        self.write_buildinfo()
        self.write_epub()

    def reading_order(self) -> tuple[list[str], dict[str, list[str]]]:
        """Documents in toctree order from the root (then any outside the toctree), and each
        document's children in the table of contents."""
        includes = self.env.toctree_includes
        order: list[str] = []
        children: dict[str, list[str]] = {}
        seen: set[str] = set()

        def visit(docname: str) -> None:
            seen.add(docname)
            order.append(docname)
            children[docname] = []
            for child in includes.get(docname, []):
                if child in self.env.all_docs and child not in seen:
                    children[docname].append(child)
                    visit(child)

        if self.config.root_doc in self.env.all_docs:
            visit(self.config.root_doc)
        order.extend(sorted(set(self.env.all_docs) - seen))
        return order, children

    @progress_message("writing EPUB")
    def write_epub(self) -> None:
        book = book_of(self.sphinx)
        settings = NewspaperConfig.from_sphinx(self.config)
        script = book_script(book, settings.convert)
        label = book.issues[0].convert if book.issues else converter(settings.convert, settings.quotes)
        order, children = self.reading_order()
        title = book_title(book, self.config)

        package = epub.EpubBook()
        package.set_identifier(book_identifier(book))
        package.set_title(title)
        package.set_language(script.tag)
        describe(package, book, label)
        styles = stylesheets(settings.writing_mode)
        for style in styles:
            package.add_item(style)
        documents = self.content_documents(order, placements(book), script, styles)
        for document in documents.values():
            package.add_item(document)
        for picture in self.images_of_documents():
            package.add_item(picture)

        cover = self.cover(book, title, label, script, styles)
        if cover is not None:
            image, page = cover
            package.add_item(image)
            package.add_item(page)
            package.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_IMAGE_ID})

        package.toc = table_of_contents(self.config.root_doc, documents, children)
        package.add_item(epub.EpubNcx())
        nav = epub.EpubNav(title=label("目录"))
        link_styles(nav, styles)
        package.add_item(nav)
        first = next(iter(documents.values()), None)
        package.spine = [*([cover[1]] if cover else []), *documents.values()]
        package.guide = [
            *([{"type": "cover", "href": COVER_PAGE, "title": label("封面")}] if cover else []),
            *([{"type": "text", "href": first.file_name, "title": first.title}] if first else []),
        ]
        if settings.writing_mode == "vertical":
            package.set_direction("rtl")
            package.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})

        target = Path(self.outdir) / f"{book_file_stem(book)}.epub"
        write_reproducibly(package, target, modified(book))
        logger.info(f"[newspaper] EPUB: {target}")

    def content_documents(
        self, order: list[str], places: dict[str, Placement], script: Script, styles: list[epub.EpubItem]
    ) -> dict[str, epub.EpubHtml]:
        """One XHTML file per document, from the body kept in :data:`PARTS`, in reading order."""
        files = {self.get_target_uri(docname) for docname in order}
        files |= {f"{self.imagedir}/{name}" for name in self.images.values()}
        documents: dict[str, epub.EpubHtml] = {}
        for docname in order:
            place = places.get(docname)
            body = self.get_output_path(docname).read_text(encoding="utf-8")
            for href in broken_links(body, files):
                logger.warning(
                    f"link to {href!r}, which is not in the EPUB",
                    type="newspaper",
                    subtype="epub",
                    location=docname,
                )
            file_name = self.get_target_uri(docname)
            document = epub.EpubHtml(
                uid="doc-" + Path(file_name).stem,
                file_name=file_name,
                title=place.label if place else self.plain_title(docname),
                lang=place.entry.script.tag if place else script.tag,
                content=f"<html><body>{body}</body></html>".encode(),
            )
            link_styles(document, styles)
            documents[docname] = document
        return documents

    def images_of_documents(self) -> list[epub.EpubImage]:
        """The images the documents show, under the names their ``src`` attributes use."""
        return [
            epub.EpubImage(
                uid="img-" + re.sub(r"[^A-Za-z0-9_-]", "-", name),
                file_name=f"{self.imagedir}/{name}",
                content=(Path(self.srcdir) / source).read_bytes(),
            )
            for source, name in sorted(self.images.items())
        ]

    def plain_title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return (title.astext() if title else "") or docname

    def cover(
        self, book: Book, title: str, label: render.Label, script: Script, styles: list[epub.EpubItem]
    ) -> tuple[epub.EpubCover, epub.EpubHtml] | None:
        """The cover image (the user's ``newspaper_cover``, else one drawn from the masthead)
        and the page that shows it; None, with a warning, when neither can be had."""
        image: epub.EpubCover | None = None
        chosen = self.config.newspaper_cover
        if chosen:
            path = Path(self.confdir) / chosen
            media_type = image_media_type(path)
            if not path.is_file() or media_type is None:
                problem = (
                    "is not a file" if not path.is_file() else "is not a PNG, JPEG, GIF, SVG or WebP image"
                )
                logger.warning(
                    f"newspaper_cover: {path} {problem}; drawing the cover from the masthead instead",
                    type="newspaper",
                    subtype="cover",
                    location=config_location(Path(self.confdir), "newspaper_cover"),
                )
            else:
                image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name=f"images/cover{path.suffix.lower()}")
                image.media_type = media_type
                image.content = path.read_bytes()
        if image is None:
            try:
                content = cover_png(cover_text(book, title), script.font_region)
            except CoverFontMissing as error:
                logger.warning(f"no EPUB cover: {error}", type="newspaper", subtype="cover")
                return None
            image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name="images/cover.png")
            image.media_type = "image/png"
            image.content = content
        page = epub.EpubHtml(
            uid="cover",
            file_name=COVER_PAGE,
            title=label("封面"),
            lang=script.tag,
            content=(
                '<html><body><div class="newspaper-cover">'
                f'<img src="{image.file_name}" alt="{html.escape(title)}"/></div></body></html>'
            ).encode(),
        )
        link_styles(page, styles)
        return image, page


TocEntry = epub.Link | tuple[epub.Section, list[Any]]


def table_of_contents(
    root: str, documents: dict[str, epub.EpubHtml], children: dict[str, list[str]]
) -> list[TocEntry]:
    """ebooklib's nested table of contents (nav and NCX): archive → issue → page → article."""

    def entry_for(docname: str) -> TocEntry:
        document = documents[docname]
        if not children[docname]:
            return epub.Link(document.file_name, document.title, "nav-" + document.id)
        section = epub.Section(document.title, document.file_name)
        return (section, [entry_for(child) for child in children[docname]])

    return [entry_for(root)] if root in documents else []


def config_location(confdir: Path, name: str) -> str | None:
    """``conf.py:LINE`` where ``name`` is set, for warnings about it (None when set elsewhere)."""
    conf = confdir / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    number = next((i for i, line in enumerate(lines, 1) if re.match(rf"\s*{name}\s*=", line)), None)
    return f"{conf}:{number}" if number else None


def book_title(book: Book, config: Config) -> str:
    from .extension import book_title as title_of

    return title_of(book, config)


def book_script(book: Book, convert: str | None) -> Script:
    """The book's script: its first issue's (an archive may convert issues one by one)."""
    return book.issues[0].script if book.issues else script_for(convert)


def book_identifier(book: Book) -> str:
    """``urn:uuid:`` made from each issue's paper, date and article ids: the same issues give
    the same identifier, build after build."""
    parts = [
        "|".join(
            [
                entry.issue.paper or "",
                entry.issue.date.isoformat() if entry.issue.date else entry.key,
                *(article.id for article in entry.issue.articles),
            ]
        )
        for entry in book.issues
    ]
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, chr(10).join(parts))}"


def series_position(entry: BookIssue) -> str:
    """The issue's place in the paper's series: its number if the masthead prints it
    (``第12345期``), else the date as ``YYYYMMDD``."""
    for page in entry.issue.pages:
        for line in [*page.masthead, *page.furniture]:
            if match := _ISSUE_NUMBER.search(line):
                return match[1]
    return entry.issue.date.strftime("%Y%m%d") if entry.issue.date else "1"


def describe(package: epub.EpubBook, book: Book, label: render.Label) -> None:
    """Date, publisher, series, subjects, contributors and description from the issues."""
    if not book.issues:
        return
    first = book.issues[0]
    paper = next((entry.issue.paper for entry in book.issues if entry.issue.paper), None)
    if first.issue.date:
        package.add_metadata("DC", "date", first.issue.date.isoformat())
    if paper:
        package.add_author(paper)
        package.add_metadata("DC", "publisher", paper)
        position = series_position(first)
        package.add_metadata(None, "meta", paper, {"property": "belongs-to-collection", "id": "series"})
        package.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        package.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
        package.add_metadata(None, "meta", "", {"name": "calibre:series", "content": paper})
        package.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})
    pages = [page for entry in book.issues for page in entry.issue.pages]
    for subject in distinct(page.section for page in pages):
        package.add_metadata("DC", "subject", subject)
    articles = [article for page in pages for article in page.articles]
    for byline in distinct(article.byline for article in articles):
        package.add_metadata("DC", "contributor", byline)
    listing = [
        f"{render.page_label(page, entry.convert)}：{'；'.join(a.title for a in page.articles)}"
        for entry in book.issues[:1]
        for page in entry.issue.pages
        if page.articles
    ]
    if listing:
        package.add_metadata("DC", "description", "\n".join(listing))


def distinct(values: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def cover_text(book: Book, title: str) -> CoverText:
    """What the cover shows: masthead, date, pages (or issues) and the lead headlines."""
    if not book.issues:
        return CoverText(title)
    first = book.issues[0]
    label = first.convert
    paper = first.issue.paper or title
    footer = romanised_name(first.issue)
    if len(book.issues) == 1:
        issue = first.issue
        dateline = ""
        if issue.date:
            weekday = next((p.weekday for p in issue.pages if p.weekday), None)
            weekday = weekday or label("星期" + WEEKDAYS[issue.date.weekday()])
            dateline = f"{label(chinese_date(issue.date))} {weekday}"
        sections = [render.page_label(page, label) for page in issue.pages]
        leads = [page.articles[0].title for page in issue.pages if page.articles]
        others = [article.title for page in issue.pages for article in page.articles[1:]]
        return CoverText(paper, dateline, sections, distinct([*leads, *others]), footer)
    dates = sorted(entry.issue.date for entry in book.issues if entry.issue.date)
    dateline = f"{label(chinese_date(dates[0]))}—{label(chinese_date(dates[-1]))}" if dates else ""
    issues = [
        f"{label(chinese_date(entry.issue.date)) if entry.issue.date else entry.title}　"
        f"{label(f'共{len(entry.issue.pages)}版')}"
        for entry in book.issues
    ]
    leads = [next((a.title for p in entry.issue.pages for a in p.articles), "") for entry in book.issues]
    return CoverText(paper, dateline, issues[:6], distinct(leads), footer)


#: EPUB-only rules, after newspaper.css: margins for small screens, quiet links, the cover.
EPUB_CSS = """\
/* sphinx-newspaper: rules for e-book readers, after newspaper.css. */
body { margin: 0; padding: 0 0.5em; }
h1 { font-size: 1.5em; line-height: 1.35; margin: 0.5em 0 0.2em; }
a { color: inherit; text-decoration: none; }
p.newspaper-headline-title a, .newspaper-article-nav a, .newspaper-issues a {
  text-decoration: underline;
}
.newspaper-article-nav { margin-top: 2em; padding-top: 0.5em; border-top: 1px solid #ccc; font-size: 0.9em; }
.newspaper-article-nav p { text-indent: 0; margin: 0.3em 0; }
nav ol { list-style-type: none; padding-left: 1em; }
nav > ol { padding-left: 0; }
div.newspaper-cover { margin: 0; padding: 0; text-align: center; }
div.newspaper-cover img { max-width: 100%; max-height: 100%; }
"""

#: Vertical text (竖排): the whole document runs top to bottom, columns right to left.
VERTICAL_CSS = """\
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
}
body { padding: 0.5em 0; }
p.newspaper-dateline { border-bottom: none; border-left: 1px solid #ccc; padding: 0 0 0 0.4em; }
.newspaper-article-nav { border-top: none; border-left: 1px solid #ccc; padding: 0 0 0 0.5em; }
.newspaper-captions { border-top: none; border-left: 1px solid #ccc; padding: 0 0 0 0.4em; }
.newspaper-masthead { border-bottom: none; border-left: 3px double #333; }
"""


def stylesheets(writing_mode: str) -> list[epub.EpubItem]:
    """The extension's stylesheet and the EPUB rules (with vertical text when asked)."""
    rules = EPUB_CSS + (VERTICAL_CSS if writing_mode == "vertical" else "")
    return [
        epub.EpubItem(
            uid="style-newspaper",
            file_name=f"{STYLES}/newspaper.css",
            media_type="text/css",
            content=(STATIC / "newspaper.css").read_bytes(),
        ),
        epub.EpubItem(
            uid="style-epub", file_name=f"{STYLES}/epub.css", media_type="text/css", content=rules.encode()
        ),
    ]


def link_styles(document: epub.EpubHtml, styles: list[epub.EpubItem]) -> None:
    for style in styles:
        document.add_link(href=style.file_name, rel="stylesheet", type="text/css")


def broken_links(body: str, files: set[str]) -> list[str]:
    """Relative links in ``body`` to files the EPUB does not hold (they would dead-end)."""
    broken = []
    for match in _HREF.finditer(body):
        href = html.unescape(match[1])
        target = href.split("#", 1)[0]
        if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            continue  # in-page anchors and absolute URLs
        if target not in files:
            broken.append(href)
    return broken


def modified(book: Book) -> dt.datetime:
    """``dcterms:modified`` and the zip timestamps: ``SOURCE_DATE_EPOCH`` if set, else the
    latest issue date at midnight UTC, so that rebuilding gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        dates = [entry.issue.date for entry in book.issues if entry.issue.date]
        moment = dt.datetime.combine(max(dates), dt.time(), dt.UTC) if dates else ZIP_EPOCH
    return max(moment, ZIP_EPOCH)


def write_reproducibly(package: epub.EpubBook, target: Path, moment: dt.datetime) -> None:
    """``write_epub``, then the zip written again with fixed timestamps and permissions.

    ebooklib stamps every zip entry with the current time; entries keep ebooklib's order
    (``mimetype`` first and stored, as OCF requires).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        raw = Path(scratch) / "raw.epub"
        epub.write_epub(str(raw), package, {"mtime": moment, "raise_exceptions": True})
        fixed = Path(scratch) / "fixed.epub"
        stamp = moment.timetuple()[:6]
        with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as out:
            for info in source.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=stamp)
                entry.create_system = 3
                entry.external_attr = 0o644 << 16
                stored = info.filename == "mimetype"
                entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                out.writestr(entry, source.read(info), compresslevel=None if stored else 9)
        os.replace(fixed, target)


def setup_epub(app: Sphinx) -> None:
    """Register the builder as ``epub``, in place of Sphinx's own.

    Sphinx's EPUB config checks (``epub_copyright``, ``version``...) run for any builder named
    ``epub``; this one takes its metadata from the issues, so they are switched off.
    """
    from sphinx.builders import epub3

    app.add_builder(NewspaperEpubBuilder, override=True)
    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is epub3.validate_config_values:
            app.disconnect(listener.id)
