"""The ``newspaper_*`` configuration values: one dataclass, registered, validated and read in
one place (:func:`newspaper_config`)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.errors import ConfigError

from .chinese import QUOTE_STYLES, ConversionError, check_conversion

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

PAPER_SIZES = ("a5", "a4")
WRITING_MODES = ("horizontal", "vertical")
ARTICLE_NAV = ("auto", "always", "never")


@dataclass
class NewspaperConfig:
    """Settings of the extension; each field is the conf.py value ``newspaper_<field>``."""

    #: OpenCC config applied to all text (``s2t``, ``s2tw``, ``s2twp``, ``s2hk``...), or None.
    convert: str | None = None
    #: ``curly`` keeps “” ‘’; ``corner`` turns them into 「」 『』 (Taiwan, Hong Kong).
    quotes: str = "curly"
    #: Paper size of the printable PDF.
    paper: str = "a5"
    #: ``horizontal`` or ``vertical`` (vertical-rl) text in the EPUB.
    writing_mode: str = "horizontal"
    #: An image to use as the EPUB cover instead of the generated one.
    cover: str | None = None
    #: Folder, relative to the source directory, that receives the generated article sources.
    generated_dir: str = "newspaper"
    #: Encoding of issue files when detection is not wanted (``gb18030``, ``big5``...).
    encoding: str | None = None
    #: Paper name used when the issue text does not name it.
    paper_name: str | None = None
    #: Volume title for books that hold several issues; defaults to ``project``.
    title: str | None = None
    #: Previous/next article links in HTML: ``auto`` (where the theme has no page navigation
    #: of its own), ``always`` or ``never``.  The EPUB always has them.
    article_nav: str = "auto"

    @classmethod
    def register(cls, app: Sphinx) -> None:
        for f in dataclasses.fields(cls):
            default = f.default if f.default is not dataclasses.MISSING else None
            app.add_config_value(f"newspaper_{f.name}", default, "env", types=(str, type(None)))

    @classmethod
    def from_sphinx(cls, config: Config) -> NewspaperConfig:
        values = {f.name: getattr(config, f"newspaper_{f.name}") for f in dataclasses.fields(cls)}
        return cls(**values)

    def validate(self) -> None:
        """Raise :class:`sphinx.errors.ConfigError` naming the value and the valid choices."""
        try:
            self.convert = check_conversion(self.convert)
        except ConversionError as error:
            raise ConfigError(f"newspaper_convert: {error}") from None
        _check_choice("quotes", self.quotes, QUOTE_STYLES)
        _check_choice("paper", self.paper, PAPER_SIZES)
        _check_choice("writing_mode", self.writing_mode, WRITING_MODES)
        _check_choice("article_nav", self.article_nav, ARTICLE_NAV)
        if not self.generated_dir or self.generated_dir.startswith(("/", "..")):
            raise ConfigError("newspaper_generated_dir must be a folder inside the source directory")


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"newspaper_{name} = {value!r} is not valid; choose one of: {', '.join(choices)}")


_SETTINGS: WeakKeyDictionary[Config, NewspaperConfig] = WeakKeyDictionary()


def newspaper_config(source: Sphinx | BuildEnvironment | Config) -> NewspaperConfig:
    """The settings of this build, validated at ``config-inited`` and read once: from the
    application, the environment or the configuration itself."""
    config: Config = getattr(source, "config", source)
    settings = _SETTINGS.get(config)
    if settings is None:
        settings = _SETTINGS[config] = NewspaperConfig.from_sphinx(config)
    return settings


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse bad values early, with the valid choices."""
    settings = NewspaperConfig.from_sphinx(config)
    settings.validate()
    config.newspaper_convert = settings.convert
    _SETTINGS[config] = settings


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
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", default_project_settings, priority=500)
