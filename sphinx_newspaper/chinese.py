"""Chinese script variants: OpenCC conversion, quote styles and the language tags that follow them.

One place decides, for a conversion config, which language tag the book carries (BCP 47,
never ``zh_CN``), which Noto CJK region its fonts come from, and how its punctuation sits.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

#: OpenCC configs the extension offers, with what each produces.
CONVERSIONS: dict[str, str] = {
    "s2t": "Simplified to Traditional (OpenCC standard)",
    "s2tw": "Simplified to Traditional, Taiwan standard",
    "s2twp": "Simplified to Traditional, Taiwan standard with Taiwanese phrases",
    "s2hk": "Simplified to Traditional, Hong Kong standard",
    "s2hkp": "Simplified to Traditional, Hong Kong standard with Hong Kong phrases",
    "t2s": "Traditional to Simplified",
    "tw2s": "Traditional (Taiwan) to Simplified",
    "tw2sp": "Traditional (Taiwan) to Simplified with mainland phrases",
    "hk2s": "Traditional (Hong Kong) to Simplified",
    "hk2sp": "Traditional (Hong Kong) to Simplified with mainland phrases",
    "t2tw": "Traditional (OpenCC standard) to Taiwan standard",
    "t2hk": "Traditional (OpenCC standard) to Hong Kong standard",
    "tw2t": "Traditional (Taiwan standard) to OpenCC standard",
    "hk2t": "Traditional (Hong Kong standard) to OpenCC standard",
}

QUOTE_STYLES = ("curly", "corner")


class ConversionError(ValueError):
    """An OpenCC config name the extension does not know."""


@dataclass(frozen=True)
class Script:
    """What a conversion target means for the book: language tag, fonts, punctuation."""

    tag: str  # BCP 47: zh-Hans, zh-Hant, zh-TW, zh-HK
    font_region: str  # Noto CJK region suffix: SC, TC, HK
    traditional: bool
    sphinx_language: str  # Sphinx's own label translations: zh_CN or zh_TW

    @property
    def centred_punctuation(self) -> bool:
        """Taiwan and Hong Kong centre punctuation in its cell; the mainland does not."""
        return self.tag in ("zh-TW", "zh-HK", "zh-Hant")


SIMPLIFIED = Script("zh-Hans", "SC", False, "zh_CN")


def check_conversion(name: str | None) -> str | None:
    """Return ``name`` (None, or a known config; ``s2t.json``, ``S2T`` and `` s2t `` are read as
    ``s2t``, as the other choices are read in any letter case) or raise."""
    if name is None or name.strip().lower() in ("", "none"):
        return None
    bare = name.strip().lower().removesuffix(".json")
    if bare not in CONVERSIONS:
        valid = ", ".join(CONVERSIONS)
        raise ConversionError(f"unknown OpenCC conversion {name!r}; valid names: {valid} (or None)")
    return bare


def script_for(conversion: str | None) -> Script:
    """The script a book has after ``conversion`` (input is taken to be Simplified)."""
    conversion = check_conversion(conversion)
    if conversion is None or conversion.endswith(("2s", "2sp")):
        return SIMPLIFIED
    if "hk" in conversion.split("2")[1]:
        return Script("zh-HK", "HK", True, "zh_TW")
    if "tw" in conversion.split("2")[1]:
        return Script("zh-TW", "TC", True, "zh_TW")
    return Script("zh-Hant", "TC", True, "zh_TW")


@functools.cache
def _opencc(name: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(f"{name}.json").convert


def converter(conversion: str | None, quotes: str = "curly") -> Callable[[str], str]:
    """A text function applying the OpenCC ``conversion`` and then the quote style."""
    conversion = check_conversion(conversion)
    if quotes not in QUOTE_STYLES:
        raise ConversionError(f"unknown quote style {quotes!r}; valid: {', '.join(QUOTE_STYLES)}")
    steps: list[Callable[[str], str]] = []
    if conversion:
        steps.append(_opencc(conversion))
    if quotes == "corner":
        steps.append(corner_quotes)
    if not steps:
        return unchanged
    if len(steps) == 1:
        return steps[0]
    return lambda text: steps[1](steps[0](text))


def unchanged(text: str) -> str:
    """The converter when there is nothing to convert."""
    return text


_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def corner_quotes(text: str) -> str:
    """Curly quotes to corner brackets, the Taiwan and Hong Kong convention: “” → 「」, ‘’ → 『』."""
    return text.translate(_CORNER)
