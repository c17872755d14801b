"""The ``newspaper_*`` configuration values: one dataclass, registered, validated and read in
one place (:func:`newspaper_config`)."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.matching import Matcher

from .book.manifest import SUFFIX
from .chinese import QUOTE_STYLES, ConversionError, check_conversion
from .ingest import OCR_MODES, text_codec
from .subtypes import WARNING_TYPE, Subtype
from .util.characters import UNSHOWABLE, code_point, showable

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

PDF_SIZES = ("a5", "a4")
#: ``newspaper_image_max_px`` bounds: smaller pictures are unreadable, larger ones are print scans.
MIN_IMAGE_PX, MAX_IMAGE_PX = 200, 8000
WRITING_MODES = ("horizontal", "vertical")
ARTICLE_NAV = ("auto", "always", "never")
#: The generated folder's name: one plain folder name, starting with a letter or digit (a
#: leading ``.`` hides it, a leading ``_`` is a folder GitHub Pages does not publish).
GENERATED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
#: Folders Sphinx projects keep for themselves: never the generated folder.
RESERVED_FOLDERS = frozenset({"_build", "_static", "_templates", "build"})


@dataclass
class NewspaperConfig:
    """Settings of the extension; each field is the conf.py value ``newspaper_<field>``."""

    #: OpenCC config applied to all text, the labels the extension writes included (``s2t``,
    #: ``s2tw``, ``s2twp``, ``s2hk``...), or None; also ``-D newspaper_convert=s2tw``.
    convert: str | None = None
    #: ``curly`` keeps “” ‘’; ``corner`` turns them into 「」 『』 (Taiwan, Hong Kong).
    quotes: str = "curly"
    #: Page size of the printable PDF: ``a5`` (a pocket book) or ``a4``, each with its own
    #: margins and type size.  ``latex_elements["papersize"]`` set in conf.py wins, and the
    #: margins follow it.  (Formerly ``newspaper_paper``, still read, with a warning.)
    pdf_size: str = "a5"
    #: ``horizontal`` or ``vertical``: a vertical-rl EPUB read right to left.
    writing_mode: str = "horizontal"
    #: An image to use as the EPUB cover instead of the one made from the issue (its front
    #: page for PDF issues, one drawn from the masthead for text).
    cover: str | None = None
    #: Folder, relative to the source directory, that receives the generated article sources:
    #: one plain folder name, the extension's own (add it to ``.gitignore``).
    generated_dir: str = "newspaper"
    #: Encoding of issue files when detection is not wanted (``gb18030``, ``big5``...).
    encoding: str | None = None
    #: Paper name used when the issue text does not name it.
    paper_name: str | None = None
    #: The book's title: on the EPUB's and the PDF's title page and metadata, and in the HTML
    #: pages' titles.  Unset, a book of one issue is titled with the issue (``昭通日报
    #: 2023年3月24日``), a book of several (a volume, an archive) with ``project``.
    title: str | None = None
    #: Pictures (news photos, and pages rendered as images) are saved at most this many pixels
    #: on their long side (200 to 8000); a picture is never made larger than it is stored.
    image_max_px: int = 1600
    #: Each page document of a PDF issue opens with the page as an image, its articles linked
    #: (the page map).  ``None`` (or ``True``): on for PDF issues; ``False`` leaves them out;
    #: on the command line ``-D newspaper_page_images=0`` (or ``1``, ``none``).
    page_images: bool | None = None
    #: Previous/next article links in HTML: ``auto`` (where the theme has no page navigation
    #: of its own: not with sphinx_rtd_theme, furo, pydata_sphinx_theme, sphinx_book_theme),
    #: ``always`` or ``never``.  The EPUB always has them.
    article_nav: str = "auto"
    #: Which pages are read through OCR (``pip install sphinx-newspaper[ocr]``): ``auto``
    #: (pages with no usable text: scans, garbled text layers, page images), ``never`` (such
    #: pages are refused) or ``always`` (every PDF page, text layer or not); a directive's
    #: ``:ocr:`` option overrides it for its issue (docs/ocr.md).
    ocr: str = "auto"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        for f in dataclasses.fields(cls):
            default = f.default if f.default is not dataclasses.MISSING else None
            app.add_config_value(
                f"newspaper_{f.name}", default, "env", types=_TYPES.get(f.name, (str, type(None)))
            )

    @classmethod
    def from_sphinx(cls, config: Config) -> NewspaperConfig:
        values = {f.name: getattr(config, f"newspaper_{f.name}") for f in dataclasses.fields(cls)}
        return cls(**values)

    def validate(self, where: Callable[[str], str] = lambda name: "") -> None:
        """Raise :class:`sphinx.errors.ConfigError` naming the value (and, through ``where``,
        the conf.py line that sets it) and what it may be.  Choices are read in any letter
        case; empty strings are taken as None."""
        for f in dataclasses.fields(self):
            if f.name in _TYPES:
                continue  # not text: checked below
            value = getattr(self, f.name)
            name = f"newspaper_{f.name}"
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"{where(name)}{name} = {value!r} must be a string (or None)")
            if isinstance(value, str):
                if not value.strip() and f.default is None:
                    value = None  # an empty paper name, title, encoding... is no value
                elif bad := UNSHOWABLE.search(value):
                    problem = f"holds {code_point(bad[0])}, which no output can show"
                    raise ConfigError(f"{where(name)}{name} = {value!r} {problem}")
                setattr(self, f.name, value)
        try:
            self.convert = check_conversion(self.convert)
        except ConversionError as error:
            raise ConfigError(f"{where('newspaper_convert')}newspaper_convert: {error}") from None
        self.quotes = _choice("quotes", self.quotes, QUOTE_STYLES, where)
        self.pdf_size = _choice("pdf_size", self.pdf_size, PDF_SIZES, where)
        self.writing_mode = _choice("writing_mode", self.writing_mode, WRITING_MODES, where)
        self.article_nav = _choice("article_nav", self.article_nav, ARTICLE_NAV, where)
        self.ocr = _choice("ocr", self.ocr, OCR_MODES, where)
        if self.encoding is not None:
            try:
                text_codec(self.encoding)
            except ValueError as error:
                hint = "name a text encoding such as gb18030, big5 or utf-16, or None to detect it"
                raise ConfigError(
                    f"{where('newspaper_encoding')}newspaper_encoding: {error}; {hint}"
                ) from None
        problem = generated_dir_problem(self.generated_dir)
        if problem:
            raise ConfigError(f"{where('newspaper_generated_dir')}newspaper_generated_dir = {problem}")
        if isinstance(self.image_max_px, bool) or not isinstance(self.image_max_px, int):
            name = "newspaper_image_max_px"
            raise ConfigError(f"{where(name)}{name} = {self.image_max_px!r} is not a number of pixels")
        if not MIN_IMAGE_PX <= self.image_max_px <= MAX_IMAGE_PX:
            name = "newspaper_image_max_px"
            raise ConfigError(
                f"{where(name)}{name} = {self.image_max_px} is out of range; "
                f"choose between {MIN_IMAGE_PX} and {MAX_IMAGE_PX}"
            )
        self.page_images = _flag("page_images", self.page_images, where)


#: How a flag may be written on the command line (``-D`` passes text): in any letter case.
FLAG_WORDS = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
}


def _flag(name: str, value: object, where: Callable[[str], str]) -> bool | None:
    """A ``True``/``False``/``None`` setting, also as ``-D`` gives it: text (``0``, ``1``,
    ``False``, ``none``...)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in FLAG_WORDS:
        return FLAG_WORDS[value.strip().lower()]
    if isinstance(value, str) and value.strip().lower() in ("", "none", "auto"):
        return None
    setting = f"newspaper_{name}"
    raise ConfigError(
        f"{where(setting)}{setting} = {value!r}: use True, False or None in conf.py "
        f"(on the command line: -D {setting}=1, -D {setting}=0, or -D {setting}=none)"
    )


def _choice(name: str, value: str, choices: tuple[str, ...], where: Callable[[str], str]) -> str:
    if value.strip().lower() in choices:
        return value.strip().lower()
    setting = f"newspaper_{name}"
    raise ConfigError(
        f"{where(setting)}{setting} = {value!r} is not valid; choose one of: {', '.join(choices)}"
    )


def generated_dir_problem(name: str) -> str | None:
    """What is wrong with ``name`` as the generated folder's name (None when nothing is)."""
    plain = name.strip().strip("/\\").removeprefix("./").strip("/\\")
    suggestion = f" (write {plain!r})" if plain != name and GENERATED_NAME.fullmatch(plain) else ""
    if name in RESERVED_FOLDERS:
        return f"{name!r} is a folder Sphinx projects keep for themselves; name another, such as 'newspaper'"
    if not GENERATED_NAME.fullmatch(name):
        return (
            f"{name!r} is not one plain folder name{suggestion}: the generated sources go into one "
            "folder inside the source directory, named with letters, digits, '.', '-' or '_', "
            "starting with a letter or digit (such as 'newspaper')"
        )
    return None


def check_generated_folder(
    name: str,
    srcdir: Path,
    outdir: Path,
    doctreedir: Path,
    excluded: list[str],
    included: list[str] | tuple[str, ...] = ("**",),
) -> None:
    """The generated folder as a resolved path: directly inside the source directory (not a
    link leading elsewhere, not a file), clear of the build's output, of ``exclude_patterns``,
    and inside ``include_patterns``."""
    srcdir = srcdir.resolve()
    folder = srcdir / name
    where = f"newspaper_generated_dir = {name!r}"
    if folder.is_symlink() or folder.resolve().parent != srcdir:
        raise ConfigError(
            f"{where}: {folder} is a link; the generated folder must be a real folder (remove the link)"
        )
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{where}: {folder} is a file, not a folder; name another folder or move the file")
    for other, what in (
        (Path(outdir).resolve(), "the output folder"),
        (Path(doctreedir).resolve(), "the doctree folder"),
    ):
        if other == folder or folder in other.parents or other in folder.parents:
            raise ConfigError(f"{where}: {folder} overlaps {what} {other}; name another folder")
    if Matcher(excluded)(f"{name}/index{SUFFIX}"):
        raise ConfigError(f"{where}: exclude_patterns leave this folder out, so its pages would not be read")
    documents = (f"{name}/2020-01{SUFFIX}", f"{name}/2020-01-01/p01{SUFFIX}")  # a month, a page
    if not all(map(Matcher(list(included)), documents)):
        raise ConfigError(
            f"{where}: include_patterns leave this folder out, so its pages would not be read; "
            f"add {name + '/**'!r} to include_patterns"
        )


#: The types conf.py may give each value (strings or None unless named here).
_TYPES: dict[str, tuple[type, ...]] = {"image_max_px": (int,), "page_images": (bool, type(None))}


_SETTINGS: WeakKeyDictionary[Config, NewspaperConfig] = WeakKeyDictionary()


def newspaper_config(source: Sphinx | BuildEnvironment | Config) -> NewspaperConfig:
    """The settings of this build, validated at ``config-inited`` and read once: from the
    application, the environment or the configuration itself."""
    config: Config = getattr(source, "config", source)
    settings = _SETTINGS.get(config)
    if settings is None:
        settings = _SETTINGS[config] = NewspaperConfig.from_sphinx(config)
    return settings


#: Settings renamed, by their old names: the old name is still read, with a warning.
RENAMED = {"newspaper_paper": "newspaper_pdf_size"}


def read_renamed(app: Sphinx, config: Config) -> None:
    """``config-inited``: a value set under its old name counts as set under the new one (unless
    that is set too), with a warning naming the line and the new name."""
    for old, new in RENAMED.items():
        if not user_set(config, old):
            continue
        value = getattr(config, old)
        if user_set(config, new):
            problem = f"{old} is the old name of {new}, which is set too: {old} is not used"
        else:
            problem = f"{old} is now called {new}: write {new} = {value!r}"
            setattr(config, new, value)
        logger.warning(
            problem,
            type=WARNING_TYPE,
            subtype=Subtype.DEPRECATED,
            location=config_location(Path(app.confdir), old),
        )


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse bad values early, each with where it is set and what it may be."""
    read_renamed(app, config)
    settings = NewspaperConfig.from_sphinx(config)
    confdir = Path(app.confdir)

    def where(name: str) -> str:  # a renamed value is set under its old name
        old = next((old for old, new in RENAMED.items() if new == name and user_set(config, old)), None)
        return located(confdir, name) or (located(confdir, old) if old else "")

    settings.validate(where)
    for f in dataclasses.fields(settings):
        setattr(config, f"newspaper_{f.name}", getattr(settings, f.name))
    _SETTINGS[config] = settings
    if isinstance(config.project, str) and UNSHOWABLE.search(config.project):
        # Sphinx puts the project's name in every page; the one policy for such characters
        named = ", ".join(code_point(char) for char in dict.fromkeys(UNSHOWABLE.findall(config.project)))
        logger.warning(
            f"project: left out characters that no output can show: {named}",
            type=WARNING_TYPE,
            subtype=Subtype.INVALID_CHARACTER,
            location=config_location(confdir, "project"),
        )
        config.project = showable(config.project)


def check_folders(app: Sphinx, config: Config) -> None:
    """``config-inited``, once the project's own settings are in: the generated folder as a path."""
    settings = newspaper_config(config)
    check_generated_folder(
        settings.generated_dir,
        Path(app.srcdir),
        Path(app.outdir),
        Path(app.doctreedir),
        config.exclude_patterns,
        config.include_patterns,
    )


def located(confdir: Path, name: str) -> str:
    """``conf.py:LINE: `` where ``name`` is set, to start a message with (``""`` when unknown)."""
    where = config_location(confdir, name)
    return f"{where}: " if where else ""


def config_location(confdir: Path, name: str) -> str | None:
    """``conf.py:LINE`` where ``name`` is set, for messages about it (None when set elsewhere)."""
    conf = confdir / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    # the last line that sets it: the value in force
    numbers = [i for i, line in enumerate(lines, 1) if re.match(rf"\s*{name}\s*=", line)]
    return f"{conf}:{numbers[-1]}" if numbers else None


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py (or ``-D``) sets ``name``: the extension's defaults give way to it."""
    return name in config._raw_config or name in config.overrides


#: Settings the extension derives from the book, kept between builds (in the doctree folder).
REMEMBERED = "newspaper-settings.json"


def remembered(app: Sphinx) -> dict:
    """What the last build derived from the book (``{}`` before the first build).

    Sphinx compares the configuration with the last build's as soon as ``config-inited`` is
    over, before any document is read: values the extension derives from the book (the
    language of a newspaper book, the PDF's file name and design) are set then from this record
    of the last build, so that an unchanged book is an unchanged configuration; once the book
    is collected they are set again from it.
    """
    try:
        return json.loads((Path(app.doctreedir) / REMEMBERED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(app: Sphinx, **values: object) -> None:
    """Record values derived from the book for the next build's ``config-inited``."""
    path = Path(app.doctreedir) / REMEMBERED
    text = json.dumps({**remembered(app), **values}, ensure_ascii=False, sort_keys=True, indent=1)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def default_project_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: the usual ``exclude_patterns`` unless conf.py sets them."""
    if not user_set(config, "exclude_patterns"):
        config.exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]


def setup_config(app: Sphinx) -> None:
    """The ``newspaper_*`` values, validated before anything reads them."""
    NewspaperConfig.register(app)
    for old in RENAMED:
        app.add_config_value(old, None, "env", types=(str, type(None)))
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", default_project_settings, priority=500)
    app.connect("config-inited", check_folders, priority=600)
