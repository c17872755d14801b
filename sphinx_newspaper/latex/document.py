"""The printable book: xelatex with Noto CJK fonts chosen for the script, A5 or A4 pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.util import logging
from sphinx.writers.latex import LaTeXTranslator

from ..book.collect import book_of
from ..book.language import is_newspaper_book
from ..book.render import page_label
from ..book.titles import book_file_stem, book_title, date_and_weekday, printed_weekday
from ..chinese import Script, script_for
from ..config import config_location, newspaper_config, remember, remembered, user_set
from ..subtypes import WARNING_TYPE, Subtype
from ..util.errors import file_location
from ..util.patterns import LazyPattern
from .fonts import CJK_FALLBACK, SYMBOL_FALLBACK, FontPlan, font_plan
from .text import tex_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..book.collect import Book
    from ..chinese import Script

#: Paragraph classes the renderer sets, and the LaTeX environment that styles each.
PARAGRAPH_STYLES = {
    "newspaper-subtitle": "newspapersubtitle",
    "newspaper-byline": "newspaperbyline",
    "newspaper-dateline": "newspaperdateline",
    "newspaper-deck": "newspaperdeck",
    "newspaper-caption": "newspapercaption",
    "newspaper-column": "newspapercolumn",
    "newspaper-furniture-line": "newspaperfurniture",
    "newspaper-paper": "newspaperpaper",
    "newspaper-issue-date": "newspaperissuedate",
}

#: The book design: chapter openings with the kicker above the title, running heads, styles.
DESIGN = r"""
\makeatletter
\let\newspaper@kicker\@empty
\newcommand\newspaperkicker[1]{\gdef\newspaper@kicker{#1}}
\def\@makechapterhead#1{%
  \vspace*{6\p@}{\parindent\z@\raggedright\normalfont
    \ifx\newspaper@kicker\@empty\else{\sffamily\normalsize\newspaper@kicker\par}\vskip 4\p@\fi
    {\sffamily\bfseries\LARGE #1\par}\nobreak\vskip 8\p@}%
  \global\let\newspaper@kicker\@empty}
\def\@makeschapterhead#1{\@makechapterhead{#1}}
\renewcommand\partname{}
\renewcommand\thepart{}
\renewcommand\chaptermark[1]{\markboth{#1}{#1}}
% news pictures: at most 0.6 of the page high, so that the caption stands under them
\AtBeginDocument{\spx@image@maxheight=0.6\textheight}
\makeatother
\setcounter{secnumdepth}{-2}
\raggedbottom
"""

#: The styles of the newspaper's text, which any project with newspaper pages needs.
STYLES = r"""
\makeatletter
\providecommand\newspaperkicker[1]{\par\noindent{\sffamily\small #1\par}\nobreak}
\makeatother
\newenvironment{newspapersubtitle}{\par\noindent\sffamily\large\ignorespaces}{\par}
\newenvironment{newspaperbyline}{\par\noindent\sffamily\small\ignorespaces}{\par}
\newenvironment{newspaperdateline}{\par\noindent\small\color{black!60}\ignorespaces}{\par\vspace{0.8em}}
\newenvironment{newspaperdeck}{\par\centering\sffamily\ignorespaces}{\par\nopagebreak}
\newenvironment{newspapercaption}{\par\noindent\sffamily\small$\blacktriangle$\ \ignorespaces}{\par}
\newenvironment{newspapercolumn}{\par\noindent\bfseries\ignorespaces}{\par}
\newenvironment{newspaperfurniture}{\par\noindent\footnotesize\color{black!60}\ignorespaces}{\par}
\newenvironment{newspaperpaper}{\par\centering\Huge\bfseries\ignorespaces}{\par}
\newenvironment{newspaperissuedate}{\par\centering\large\ignorespaces}{\par}
% the break points text.tex_text gives long runs are nothing in PDF bookmarks
\AtBeginDocument{\ifdefined\pdfstringdefDisableCommands\pdfstringdefDisableCommands{\let\allowbreak\relax}\fi}
"""


logger = logging.getLogger(__name__)


class NewspaperLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX writer, plus the newspaper's headline order and paragraph styles, and
    characters the fonts lack drawn with a fallback font or warned about (:mod:`.fonts`)."""

    _plan: FontPlan | None = None
    _warned: set[tuple[str, str]] | None = None
    _running: bool = False  # escaping running text: long runs get break points (:mod:`.text`)

    @property
    def font_plan(self) -> FontPlan:
        if self._plan is None:
            self._plan = book_font_plan(script_for(newspaper_config(self.config).convert))
        return self._plan

    def visit_title(self, node: nodes.title) -> None:
        section = node.parent
        if isinstance(section, nodes.section) and "newspaper-article" in section["classes"]:
            kicker = _previous_sibling(section)
            if _style(kicker) == "newspaper-kicker":
                self._running = True
                try:
                    self.body.append(r"\newspaperkicker{" + self.encode(kicker.astext()) + "}")
                finally:
                    self._running = False
        super().visit_title(node)

    def escape(self, s: str) -> str:
        """The one escaping (:func:`.text.tex_text`), for every text Sphinx's writer escapes:
        what no output can show removed (XeTeX stops at control characters), TeX's specials
        escaped; in running text, long runs given places to break."""
        return tex_text(
            s, breaks=self._running, engine=self.config.latex_engine, literal=bool(self.literal_whitespace)
        )

    def encode(self, text: str) -> str:
        """Sphinx's encoding (:meth:`escape`, literal whitespace), with characters the book's
        fonts lack drawn by a fallback font (:mod:`.fonts`)."""
        return self.font_plan.latex(super().encode(text))

    def visit_Text(self, node: nodes.Text) -> None:
        # xeCJK swallows spaces next to Chinese characters; the ones left in newspaper text
        # are meant (通讯员 张永坤, 强化基层治理 筑牢安全防线), so make them explicit.
        self.warn_missing(node)
        start = len(self.body)
        self._running = True
        try:
            super().visit_Text(node)
        finally:
            self._running = False
        self.body[start:] = [_SPACE_BY_CJK.sub(r"\\ ", part) for part in self.body[start:]]

    def warn_missing(self, node: nodes.Text) -> None:
        """A located warning for each character no font of the book has (once per place)."""
        missing = self.font_plan.missing(str(node))
        if not missing:
            return
        location = article_location(self.builder.env, node)
        warned = self._warned = self._warned if self._warned is not None else set()
        for char in missing:
            if (location, char) in warned:
                continue
            warned.add((location, char))
            logger.warning(
                f"the PDF's fonts have no glyph for {char!r} (U+{ord(char):04X}): it will be missing "
                f"from the PDF (fallback fonts: {CJK_FALLBACK} for CJK, {SYMBOL_FALLBACK} for symbols)",
                type=WARNING_TYPE,
                subtype=Subtype.MISSING_GLYPH,
                location=location,
            )

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        style = _style(node)
        if style == "newspaper-kicker" and _is_article(_next_sibling(node)):
            raise nodes.SkipNode  # printed above the title by visit_title
        if style in PARAGRAPH_STYLES:
            self.body.append("\n\\begin{" + PARAGRAPH_STYLES[style] + "}")
        super().visit_paragraph(node)

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        super().depart_paragraph(node)
        style = _style(node)
        if style in PARAGRAPH_STYLES:
            self.body.append("\\end{" + PARAGRAPH_STYLES[style] + "}\n")


#: A space next to a character xeCJK sets as Chinese (it would drop the space): Chinese
#: characters and punctuation, the curly quotes, and the middle dot · (the dateline's
#: 昭通日报 · 2023年3月24日, spaced evenly on both sides).
_SPACE_BY_CJK = LazyPattern(
    r"(?<=[\u3000-\u9fff\uff00-\uffef“”‘’·]) (?=\S)|(?<=\S) (?=[\u3000-\u9fff\uff00-\uffef“”‘’·])"
)


def _previous_sibling(node: nodes.Node) -> nodes.Node | None:
    index = node.parent.index(node) if node.parent is not None else 0
    return node.parent[index - 1] if index > 0 else None


def _next_sibling(node: nodes.Node) -> nodes.Node | None:
    if node.parent is None:
        return None
    index = node.parent.index(node)
    return node.parent[index + 1] if index + 1 < len(node.parent) else None


def _is_article(node: nodes.Node | None) -> bool:
    return isinstance(node, nodes.section) and "newspaper-article" in node["classes"]


def book_font_plan(script: Script) -> FontPlan:
    """What the book's faces (serif and sans of the script's region) and fallbacks draw."""
    region = script.font_region
    return font_plan((f"Noto Serif CJK {region}", f"Noto Sans CJK {region}"))


def article_location(env: BuildEnvironment, node: nodes.Node) -> str | None:
    """Where a node's text comes from: the issue file and line of its article (for the
    generated documents), else the document's own source and line."""
    element = node if isinstance(node, nodes.Element) else node.parent
    while element is not None and element.source is None:
        element = element.parent
    if element is None:
        return None
    book = book_of(env)
    try:
        relative = Path(element.source).resolve().relative_to(Path(env.srcdir).resolve())
    except ValueError:
        relative = None
    if relative is not None:
        docname = relative.with_suffix("").as_posix()
        for entry in book.issues:
            for page in entry.issue.pages:
                if docname == entry.page_docname(book.generated_dir, page):
                    return file_location(page.source)
                for article in page.articles:
                    if docname == entry.article_docname(book.generated_dir, article):
                        return file_location(page.source, article.line)
    return file_location(element.source, element.line)


def _style(node: nodes.Node | None) -> str | None:
    if not isinstance(node, nodes.paragraph):
        return None
    return next((c for c in node["classes"] if c.startswith("newspaper-")), None)


#: Page geometry per design: a pocket book (A5) or a full page (A4), for the paper named.
GEOMETRY = {
    "a5": r"\usepackage[{paper},top=17mm,bottom=18mm,inner=16mm,outer=14mm,headsep=5mm,headheight=15pt]"
    r"{{geometry}}",
    "a4": r"\usepackage[{paper},top=25mm,bottom=25mm,inner=25mm,outer=22mm,headsep=7mm,headheight=15pt]"
    r"{{geometry}}",
}
#: Papers (LaTeX's names) as small as A5 or smaller: set with the pocket book's design.
POCKET_PAPERS = frozenset({"a5paper", "a6paper", "b6paper", "a7paper", "b7paper"})


def page_size(app: Sphinx, config: Config) -> tuple[str, str]:
    """The PDF's paper as LaTeX names it (``a5paper``) and the design set on it (``a5``, ``a4``):
    ``newspaper_pdf_size``, unless conf.py's ``latex_elements["papersize"]`` names a paper
    (then that paper, and the design nearest it; a warning where the two disagree)."""
    size = newspaper_config(config).pdf_size
    papersize = str(user_latex_elements(config).get("papersize") or "").strip()
    if not papersize:
        return f"{size}paper", size
    design = "a5" if papersize in POCKET_PAPERS else "a4"
    named = next((name for name in ("newspaper_pdf_size", "newspaper_paper") if user_set(config, name)), None)
    if named and papersize != f"{size}paper":
        logger.warning(
            f'latex_elements["papersize"] = {papersize!r} wins over {named} = {size!r}: '
            f"the PDF is set on {papersize}; remove one of the two",
            type=WARNING_TYPE,
            subtype=Subtype.SETTINGS,
            location=config_location(Path(app.confdir), named),
            once=True,
        )
    return papersize, design


def font_setup(script: Script) -> str:
    """Noto CJK for Chinese and Latin alike, so nothing depends on fonts the set-up lacks."""
    region = script.font_region
    serif, sans, mono = f"Noto Serif CJK {region}", f"Noto Sans CJK {region}", f"Noto Sans Mono CJK {region}"
    return "\n".join(
        [
            r"\usepackage{fontspec}",
            # TeXOff: a backquote or "--" in an article prints as typed, not as a ligature.
            rf"\setmainfont{{{serif}}}[BoldFont={{{serif} Bold}},Ligatures=TeXOff]",
            rf"\setsansfont{{{sans}}}[BoldFont={{{sans} Bold}},Ligatures=TeXOff]",
            rf"\setmonofont{{{mono}}}[Scale=0.9]",
        ]
    )


def cjk_setup(script: Script) -> str:
    """xeCJK fonts and punctuation: mainland style compresses, Taiwan/Hong Kong centres."""
    region = script.font_region
    serif, sans, mono = f"Noto Serif CJK {region}", f"Noto Sans CJK {region}", f"Noto Sans Mono CJK {region}"
    # mainland: full-width, compressed at line ends; Taiwan and Hong Kong: full-width, centred
    # by the TC/HK fonts, not compressed (clreq; field notes)
    punct = "hangmobanjiao" if not script.centred_punctuation else "quanjiao"
    return "\n".join(
        [
            r"\usepackage{xeCJK}",
            rf"\setCJKmainfont{{{serif}}}[BoldFont={{{serif} Bold}}]",
            rf"\setCJKsansfont{{{sans}}}[BoldFont={{{sans} Bold}}]",
            rf"\setCJKmonofont{{{mono}}}",
            rf"\xeCJKsetup{{PunctStyle={punct}, CheckSingle=true, AutoFakeBold=false}}",
            # Chinese runs without inter-word glue; allow stretch so justified lines never overflow.
            r"\setlength{\emergencystretch}{3em}",
        ]
    )


def title_page(book: Book, title: str) -> str:
    """The masthead as a title page: paper, date and weekday, issue number, the pages inside."""
    lines = [r"\begin{titlepage}", r"\centering", r"\vspace*{0.18\textheight}"]
    if book.issues and len(book.issues) == 1:
        entry = book.issues[0]
        issue, label = entry.issue, entry.convert
        lines.append(rf"{{\Huge\bfseries {tex_text(issue.paper or title, breaks=True)}\par}}")
        lines.append(r"\vspace{1.2em}\rule{0.8\textwidth}{0.8pt}\par\vspace{0.8em}")
        if issue.date:
            date, weekday = date_and_weekday(issue.date, printed_weekday(issue), label)
            lines.append(rf"{{\Large {tex_text(date, breaks=True)}\quad {tex_text(weekday)}\par}}")
        lines.append(r"\vspace{2em}")
        for page in issue.pages:
            lines.append(rf"{{\large {tex_text(page_label(page, label), breaks=True)}\par}}\vspace{{0.3em}}")
    else:
        lines.append(rf"{{\Huge\bfseries {tex_text(title, breaks=True)}\par}}")
        lines.append(r"\vspace{2em}")
        for entry in book.issues:
            lines.append(rf"{{\large {tex_text(entry.title, breaks=True)}\par}}\vspace{{0.2em}}")
    lines += [r"\vfill", r"\end{titlepage}", r"\setcounter{page}{1}"]
    return "\n".join(lines)


def latex_elements(
    book: Book, script: Script, paper: str, title: str, design: str | None = None
) -> dict[str, str]:
    """``latex_elements`` for a newspaper book (the user's own keys win): ``paper`` as LaTeX
    names it (``a5paper``), set with the ``design`` of a5 or a4 (by default the paper's own)."""
    design = design or paper.removesuffix("paper")
    label = book.issues[0].convert if book.issues else str
    publisher = book.issues[0].issue.paper if book.issues and book.issues[0].issue.paper else ""
    date = book.issues[0].issue.date if book.issues else None
    # four digits for any year (strftime writes the year 999 as "999": a date PDF readers misread)
    creation = f"D:{date.year:04d}{date.month:02d}{date.day:02d}000000Z" if date else ""
    return {
        "hyperref": "\n".join(
            [
                rf"\PassOptionsToPackage{{pdflang={script.tag}}}{{hyperref}}",
                r"\usepackage{hyperref}",
                r"\usepackage{hypcap}",
            ]
        ),
        "papersize": paper,
        "pointsize": "10pt" if design == "a5" else "11pt",
        "extraclassoptions": "openany",
        "babel": "",
        "polyglossia": "",
        "fontenc": cjk_setup(script),
        "fontpkg": font_setup(script),
        "fncychap": "",
        "maketitle": title_page(book, title),
        "geometry": GEOMETRY[design].format(paper=paper),
        "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
        # a news picture stays where its article has it, its caption under it (no "Figure 1")
        "figure_align": "H",
        "preamble": "\n".join(
            [
                r"\usepackage{indentfirst}",
                r"\usepackage{amssymb}",
                r"\usepackage{caption}",
                r"\captionsetup[figure]{labelformat=empty,font={small,sf},justification=justified,"
                r"singlelinecheck=false,skip=4pt}",
                book_font_plan(script).preamble(),
                DESIGN,
                STYLES,
                rf"\renewcommand{{\contentsname}}{{{tex_text(label('目录'))}}}",
                rf"\newcommand{{\newspaperrunninghead}}{{{tex_text(title, breaks=True)}}}",
                r"\fancypagestyle{normal}{\fancyhf{}\fancyfoot[C]{\thepage}"
                r"\fancyhead[LE]{\small\newspaperrunninghead}\fancyhead[RO]{\small\nouppercase{\leftmark}}"
                r"\renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0pt}}",
                r"\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\thepage}"
                r"\renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}",
                r"\setlength{\parindent}{2em}",
                r"\AtBeginDocument{\hypersetup{",
                rf"  pdftitle={{{tex_text(title)}}},",
                rf"  pdfauthor={{{tex_text(publisher)}}},",
                rf"  pdfsubject={{{tex_text(_subjects(book))}}},",
                rf"  pdfcreationdate={{{creation}}}," if creation else "",
                "}}",
            ]
        ),
    }


def _subjects(book: Book) -> str:
    sections = []
    for entry in book.issues:
        for page in entry.issue.pages:
            if page.section and page.section not in sections:
                sections.append(page.section)
    return "、".join(sections)


def latex_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: xelatex (Chinese text needs it), issues as parts in a newspaper book,
    and the book's file name and design as the last build derived them (:func:`.config.remembered`)
    unless conf.py says otherwise."""
    if not user_set(config, "latex_engine"):
        config.latex_engine = "xelatex"
    if not is_newspaper_book(config):
        return
    if not user_set(config, "latex_toplevel_sectioning"):
        config.latex_toplevel_sectioning = "part"
    last = remembered(app)
    if "latex_documents" in last and not user_set(config, "latex_documents"):
        config.latex_documents = [tuple(document) for document in last["latex_documents"]]
    if "latex_elements" in last:
        config.latex_elements = last["latex_elements"]


def configure_latex(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``, once the book is collected: the fonts Chinese text needs; in a
    newspaper book also the PDF's file name, title page, running heads and metadata.  Only the
    LaTeX builder reads them (asking fontconfig what the fonts cover costs other builds time)."""
    if app.builder.name != "latex":
        return []
    book = book_of(app)
    _CONFIGURED_FOR[app] = book
    settings = newspaper_config(app)
    config = app.config
    script = script_for(settings.convert)
    title = book_title(book.contents, settings.title, config.project)
    if not book.issues and not is_newspaper_book(config):
        return []
    paper, design = page_size(app, config)
    elements = latex_elements(book, script, paper, title, design)
    if is_newspaper_book(config):
        if not user_set(config, "latex_documents"):
            author = next((e.issue.paper for e in book.issues if e.issue.paper), "") or config.author
            stem = book_file_stem(book.contents)
            # title and author are LaTeX markup to Sphinx: newspaper text, escaped
            config.latex_documents = [
                (config.root_doc, f"{stem}.tex", tex_text(title), tex_text(author), "manual")
            ]
            remember(app, latex_documents=config.latex_documents)
    else:
        # Another project's PDF with newspaper pages in it: its own title and file name, with
        # the fonts and styles the newspaper's pages need.
        elements = {key: elements[key] for key in MIXED_PROJECT_ELEMENTS}
        elements["preamble"] = "\n".join([r"\usepackage{amssymb}", book_font_plan(script).preamble(), STYLES])
    elements.update(user_latex_elements(config))
    config.latex_elements = elements
    if is_newspaper_book(config):
        remember(app, latex_elements=elements)
    if app.builder.name == "latex":
        # The LaTeX builder reads its settings in init(), before the book is known: again.
        app.builder.init_context()
        app.builder.init_babel()
        app.builder.init_multilingual()
    return []


#: The book each build's LaTeX settings were made for.
_CONFIGURED_FOR: WeakKeyDictionary[Sphinx, Book] = WeakKeyDictionary()


def configure_latex_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the settings once more where the book was collected again after reading
    (directives written in while reading, :func:`.generate.read_late_requests`)."""
    if app.builder.name == "latex" and _CONFIGURED_FOR.get(app) is not book_of(app):
        configure_latex(app, env, set(), set(), set())
    return []


#: The ``latex_elements`` a project that is not a newspaper book gets: fonts and styles.
MIXED_PROJECT_ELEMENTS = ("fontenc", "fontpkg", "fvset")


def user_latex_elements(config: Config) -> dict[str, str]:
    """The ``latex_elements`` conf.py sets: they win over the extension's."""
    if not user_set(config, "latex_elements"):
        return {}
    raw = config._raw_config.get("latex_elements", {})
    return dict(raw) if isinstance(raw, dict) else {}


def setup_latex(app: Sphinx) -> None:
    """The PDF: the newspaper's LaTeX writer, xelatex with CJK fonts, the book's design."""
    app.set_translator("latex", NewspaperLaTeXTranslator)
    app.connect("config-inited", latex_defaults, priority=500)
    # After generate.prepare_book (priority 400) has collected the book.
    app.connect("env-get-outdated", configure_latex, priority=600)
    app.connect("env-updated", configure_latex_again, priority=600)
