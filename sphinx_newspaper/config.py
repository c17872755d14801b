"""The ``newspaper_*`` configuration values: one dataclass, registered, validated and read in
one place (:func:`newspaper_config`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.errors import ConfigError

from .chinese import QUOTE_STYLES, ConversionError, check_conversion

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

PAPER_SIZES = ("a5", "a4")
#: ``newspaper_image_max_px`` bounds: smaller pictures are unreadable, larger ones are print scans.
MIN_IMAGE_PX, MAX_IMAGE_PX = 200, 8000
WRITING_MODES = ("horizontal", "vertical")


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
    #: Pictures (news photos, and pages rendered as images) are saved at most this many pixels
    #: on their long side.
    image_max_px: int = 1600
    #: Each page document of a PDF issue opens with the page as an image, its articles linked
    #: (the page map).  ``None``: on for PDF issues.
    page_images: bool | None = None

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

    def validate(self) -> None:
        """Raise :class:`sphinx.errors.ConfigError` naming the value and the valid choices."""
        try:
            self.convert = check_conversion(self.convert)
        except ConversionError as error:
            raise ConfigError(f"newspaper_convert: {error}") from None
        _check_choice("quotes", self.quotes, QUOTE_STYLES)
        _check_choice("paper", self.paper, PAPER_SIZES)
        _check_choice("writing_mode", self.writing_mode, WRITING_MODES)
        if isinstance(self.image_max_px, bool) or not isinstance(self.image_max_px, int):
            raise ConfigError(f"newspaper_image_max_px = {self.image_max_px!r} is not a number of pixels")
        if not MIN_IMAGE_PX <= self.image_max_px <= MAX_IMAGE_PX:
            raise ConfigError(
                f"newspaper_image_max_px = {self.image_max_px} is out of range; "
                f"choose between {MIN_IMAGE_PX} and {MAX_IMAGE_PX}"
            )
        if self.page_images not in (None, True, False):
            raise ConfigError(f"newspaper_page_images = {self.page_images!r}: use True, False or None")
        if not self.generated_dir or self.generated_dir.startswith(("/", "..")):
            raise ConfigError("newspaper_generated_dir must be a folder inside the source directory")


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"newspaper_{name} = {value!r} is not valid; choose one of: {', '.join(choices)}")


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


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse bad values early, with the valid choices."""
    settings = NewspaperConfig.from_sphinx(config)
    settings.validate()
    config.newspaper_convert = settings.convert
    _SETTINGS[config] = settings


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py (or ``-D``) sets ``name``: the extension's defaults give way to it."""
    return name in config._raw_config or name in config.overrides


def default_project_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: the usual ``exclude_patterns`` unless conf.py sets them."""
    if not user_set(config, "exclude_patterns"):
        config.exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]


def setup_config(app: Sphinx) -> None:
    """The ``newspaper_*`` values, validated before anything reads them."""
    NewspaperConfig.register(app)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("config-inited", default_project_settings, priority=500)
