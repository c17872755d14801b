"""Bytes to text: detect the encoding of an issue file, normalise line ends, refuse garbage.

Newspaper text files arrive as UTF-8 (with or without BOM), UTF-16 with a BOM (or without
one, when the text shows which byte order it is), GB18030 and its subsets GBK/GB2312, or
Big5.  Detection tries, in order: a BOM, strict UTF-8, then GB18030 and Big5, keeping the
decoding whose text looks most like Chinese prose.  An explicit ``encoding`` (the
``:encoding:`` option, ``--encoding``) skips detection.

Unreadable text is refused here, so that no book is made of it, each kind with its own
message: binary files; a file whose byte-order mark promises an encoding it breaks;
text that is not in the encoding named for it; mojibake saved as UTF-8 (UTF-8 once read as
Latin-1); text damaged by a converter (replacement characters); text from PDFs with broken
font encodings (private-use characters, long runs of unrelated rare characters, ASCII
garbage).  Text in Latin letters that reads as words (an English article) is accepted.

Characters no output can hold are handled by :mod:`.characters`, here, for every file read.
"""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ..model import Notice
from ..util.characters import horizontal_forms, left_out_notice, remove_unshowable
from ..util.errors import IngestError, display
from ..util.files import read_input
from ..util.patterns import LazyPattern
from .lines import HAN

ENCODING_HINT = "name its encoding with the :encoding: option (inspect: --encoding), e.g. gb18030 or big5"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ("gb18030", "big5")
_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HAN_RUN = LazyPattern(r"[\u4e00-\u9fff]+")
_ODD = LazyPattern(r"[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
_LATIN_WORD = LazyPattern(r"[A-Za-z]+")
#: A figure in a table: 187.71, -2.78%, 178297, 3:1, 2024-01-05, 1,234.5.
_FIGURE = LazyPattern(r"[-+]?\d+(?:[.,:/\-]\d+)*%?")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_VOWEL = LazyPattern(r"[aeiouyAEIOUY]")

#: The 500 most frequent characters of modern Chinese prose cover most of any real text;
#: mojibake and broken font encodings rarely hit them.
COMMON_HAN = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作"
    "里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想"
    "实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体"
    "政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比"
    "员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场"
    "件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王"
    "象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步"
    "改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连"
    "调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称"
    "企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选"
)


class InputText(NamedTuple):
    """A file's text as the ingest reads it, the notices about it, and how many characters
    no output can show were left out of it (:mod:`.characters`)."""

    text: str
    notices: list[Notice]
    left_out: int


def read_input_text(path: str | Path, encoding: str | None = None, root: Path | None = None) -> InputText:
    """The text of ``path`` with ``\\n`` line ends, and what was left out of it (notices);
    :class:`IngestError` when it cannot be read.  ``root``: see :func:`.files.read_input`."""
    path = Path(path)
    source = display(path)
    data = read_input(path, root)
    text = decode(data, source, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_readable(text, source, encoding)
    text, removed = remove_unshowable(text)
    text = horizontal_forms(text)  # text extracted from vertical headlines: ﹃…﹄ → 『…』
    notices = []
    if removed:
        places = [(char, f"line {line}") for char, line in removed]
        origin = "control characters or noncharacters, from extraction or conversion"
        notices.append(left_out_notice(source, places, origin, removed[0][1]))
    return InputText(text, notices, len(removed))


def read_text(path: str | Path, encoding: str | None = None, root: Path | None = None) -> str:
    """The text of ``path`` as the ingest reads it (see :func:`read_input_text`)."""
    return read_input_text(path, encoding, root)[0]


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text, by the given ``encoding`` or by detection."""
    if encoding:
        codec = _codec(encoding, source)
        try:
            return data.decode(codec)
        except UnicodeDecodeError as error:
            problem = f"is not valid {encoding} ({_where(error)})"
            raise IngestError(source, problem, _ENCODING_OPTION, _line(data, error, codec)) from None
    if not data.strip():
        raise IngestError(source, "is empty", "put the page's text in it, or remove it from the issue")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                name = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}[codec]
                problem = f"starts with a {name} byte-order mark but is not valid {name} ({_where(error)})"
                hint = "repair or re-extract the text there, or save the file again as UTF-8"
                raise IngestError(source, problem, hint, _line(data, error, codec)) from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise IngestError(source, "is a binary file, not text", "give the text extracted from the page")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best: tuple[float, str] | None = None
    for codec in _CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = prose_score(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] < 0.3:
        raise _not_utf8(data, source)
    return best[1]


#: A file that is UTF-8 but for at most this share of bad bytes (1 in 1,000; at least 3) is
#: called UTF-8 with stray bytes, and the first is located.
STRAY_SHARE = 1000


def _not_utf8(data: bytes, source: str) -> IngestError:
    """The error for bytes no candidate encoding reads: where a few stray bytes break otherwise
    good UTF-8 (a byte of another encoding pasted in, a truncated character), where the first
    one is; else that the encoding is not one detected."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        first = error
    strays = data.decode("utf-8", errors="replace").count("\ufffd")
    if strays <= max(3, len(data) // STRAY_SHARE):
        problem = (
            f"is UTF-8 text but for {strays} byte(s) that are not UTF-8, the first at byte "
            f"{first.start} (0x{data[first.start]:02x})"
        )
        hint = "remove or repair the byte(s) there, or save the file again as UTF-8"
        return IngestError(source, problem, hint, _line(data, first, "utf-8"))
    problem = (
        "is in an encoding that is not UTF-8, UTF-16, GB18030 or Big5 (as UTF-8 it breaks at "
        f"byte {first.start}: {first.reason})"
    )
    return IngestError(source, problem, ENCODING_HINT, _line(data, first, "utf-8"))


_ENCODING_OPTION = "check the :encoding: option (inspect: --encoding), or leave it out to detect the encoding"


def _codec(encoding: str, source: str) -> str:
    try:
        return text_codec(encoding)
    except ValueError as error:
        raise IngestError(source, str(error), ENCODING_NAMES) from None


#: What to say about an encoding name that is not one.
ENCODING_NAMES = "name a text encoding such as utf-8, gb18030, big5 or utf-16 (Python codec names)"


def text_codec(encoding: str) -> str:
    """The Python codec named ``encoding``; :class:`ValueError` when there is none, or when it
    is not a text encoding (``hex``, ``base64`` and ``rot13`` turn bytes into bytes)."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{encoding!r} is not a text encoding (it turns bytes into bytes)")
    try:
        codecs.decode(b"", info.name)
    except (UnicodeError, LookupError, TypeError, ValueError):  # 'undefined' decodes nothing
        raise ValueError(f"{encoding!r} is not an encoding text can be read in") from None
    return info.name


def _where(error: UnicodeDecodeError) -> str:
    return f"byte {error.start}: {error.reason}"


def _line(data: bytes, error: UnicodeDecodeError, codec: str) -> int:
    before = data[: error.start]
    try:
        return before.decode(codec, errors="replace").count("\n") + 1
    except LookupError:
        return before.count(b"\n") + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, when one byte order reads as text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        visible = "".join(text.split())
        if visible and not _CONTROL.search(text) and (prose_score(text) >= 0.5 or latin_prose(text)):
            return text
    return None


def prose_score(text: str) -> float:
    """Share of Han characters that are among the most common ones (0.0 to 1.0)."""
    counts = Counter("".join(_HAN_RUN.findall(text)))
    total = counts.total()
    if not total:
        return 0.0
    return sum(n for char, n in counts.items() if char in COMMON_HAN) / total


#: The readability check looks at this many characters at most (spread over the whole text):
#: enough to tell text from garbage, without lists as long as a 50 MB text.
SAMPLE_CHARS = 1_000_000
_SAMPLES = 250


def sample(text: str) -> str:
    """The whole text, or :data:`SAMPLE_CHARS` of it taken evenly from start to end."""
    if len(text) <= SAMPLE_CHARS:
        return text
    size = SAMPLE_CHARS // _SAMPLES
    step = (len(text) - size) // (_SAMPLES - 1)
    return "\n".join(text[i * step : i * step + size] for i in range(_SAMPLES))


def check_readable(text: str, source: str, encoding: str | None = None) -> None:
    """Refuse text no reader could read, saying what it looks like: binary data, text not in
    the ``encoding`` named for it, mojibake, converter damage, broken font encodings."""
    if not text.strip():
        raise IngestError(source, "holds only whitespace", "put the page's text in it, or remove it")
    text = sample(text)
    visible = sum(map(len, text.split()))
    controls = len(_CONTROL.findall(text))
    if controls > max(2, visible // 100):
        if encoding:
            problem = f"does not read as {encoding} text ({controls} control characters)"
            raise IngestError(source, problem, _ENCODING_OPTION)
        raise IngestError(source, "is a binary file, not text", "give the text extracted from the page")
    odd = _ODD.findall(text)
    han = sum(map(len, _HAN_RUN.findall(text)))
    # numbers count as readable: a stock table (600000 贵州茅台 187.71 -2.78% 178297) is 15 % Han
    # and 85 % figures, where the ASCII garbage of a broken font encoding is 1 to 2 % figures
    readable = han + sum(len(token) for token in text.split() if _FIGURE.fullmatch(token))
    little_chinese = visible >= 100 and readable < visible * 0.15 and not latin_prose(text)
    garbled = len(odd) > max(3, visible // 20) or little_chinese or (han >= 40 and prose_score(text) < 0.3)
    if not garbled:
        return
    if encoding:
        problem = f"is not readable Chinese text in {encoding}, the encoding named for it"
        raise IngestError(source, problem, _ENCODING_OPTION)
    original = _misread_utf8(text)
    if original:
        problem = (
            "is not readable Chinese text: it is UTF-8 that was once read as Latin-1 and saved "
            f"again (mojibake; {text.strip()[:12]!r} was {original.strip()[:4]!r})"
        )
        raise IngestError(source, problem, "save the original text again, or repair the file")
    replacements = odd.count("\ufffd")
    if replacements > len(odd) // 2:
        problem = (
            f"is not readable Chinese text: {replacements} replacement characters (\ufffd) stand "
            "where a converter could not read the original"
        )
        raise IngestError(source, problem, "convert or extract the text again from the original")
    if little_chinese and sum(char in _ASCII_PUNCTUATION for char in text) < visible * 0.2:
        problem = (
            f"is not readable Chinese text: {han} of its {visible} characters are Chinese, and the "
            "rest reads neither as words nor as figures"
        )
        raise IngestError(source, problem, "check that this is the page's text")
    raise IngestError(
        source,
        "is not readable Chinese text (it looks like a PDF with a broken font encoding)",
        "extract the text with another tool or OCR",
    )


def latin_prose(text: str) -> bool:
    """Text in Latin letters that reads as words (an English article), not the ASCII garbage
    of a broken font encoding (``!"#$%&'( )*+`` ``GHTUVWXYZ[\\]``)."""
    visible = sum(1 for char in text if not char.isspace())
    words = _LATIN_WORD.findall(text)
    letters = sum(len(word) for word in words)
    if not words or letters < visible * 0.6:
        return False
    lower = sum(char.islower() for word in words for char in word)
    voiced = sum(1 for word in words if _VOWEL.search(word))
    return lower >= letters * 0.5 and voiced >= len(words) * 0.75 and letters / len(words) <= 12


def _misread_utf8(text: str) -> str | None:
    """The text UTF-8 mojibake was made from (UTF-8 read as Latin-1 or Windows-1252)."""
    sample = text[:4000]
    for codec in ("cp1252", "latin-1"):
        try:
            original = sample.encode(codec, errors="ignore").decode("utf-8", errors="ignore")
        except UnicodeEncodeError:
            continue
        if len(HAN.findall(original)) >= 2:
            return original
    return None
