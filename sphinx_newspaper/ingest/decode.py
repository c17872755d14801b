"""Bytes to text: detect the encoding of an issue file, normalise line ends, refuse garbage.

Newspaper text files arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030 and
its subsets GBK/GB2312, or Big5.  Detection tries, in order: a BOM, strict UTF-8, then
GB18030 and Big5, keeping the decoding whose text looks most like Chinese prose.  An explicit
``encoding`` (the ``:encoding:`` option, ``--encoding``) skips detection.

Unreadable text is refused here, so that no book is made of it:

* binary files (NUL bytes, control characters);
* text from PDFs with broken font encodings, which comes out as private-use characters,
  replacement characters, or long runs of unrelated rare characters (mojibake).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

from .errors import IngestError
from .lines import HAN

ENCODING_HINT = "name its encoding with the :encoding: option (inspect: --encoding), e.g. gb18030 or big5"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ("gb18030", "big5")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ODD = re.compile(r"[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")

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


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """The text of ``path`` with ``\\n`` line ends; :class:`IngestError` when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "no such file", "check the path") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a folder, not a text file", "name a page text file") from None
    except OSError as error:
        raise IngestError(str(path), f"cannot be read ({error.strerror})", "check its permissions") from None
    text = decode(data, str(path), encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_readable(text, str(path))
    return text


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text, by the given ``encoding`` or by detection."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise IngestError(source, f"unknown encoding {encoding!r}", "use a Python codec name") from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            problem = f"is not valid {encoding} (byte {error.start})"
            raise IngestError(source, problem, "check the :encoding: option") from None
    if not data.strip():
        raise IngestError(source, "is empty", "put the page's text in it, or remove it from the issue")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise IngestError(source, "is a binary file, not text", "give the text extracted from the page")
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
        raise IngestError(
            source, "is in an encoding that is not UTF-8, UTF-16, GB18030 or Big5", ENCODING_HINT
        )
    return best[1]


def prose_score(text: str) -> float:
    """Share of Han characters that are among the most common ones (0.0 to 1.0)."""
    counts = Counter(HAN.findall(text))
    total = counts.total()
    if not total:
        return 0.0
    return sum(n for char, n in counts.items() if char in COMMON_HAN) / total


def check_readable(text: str, source: str) -> None:
    """Refuse text no reader could read: binary data, broken font encodings, mojibake."""
    if not text.strip():
        raise IngestError(source, "holds only whitespace", "put the page's text in it, or remove it")
    visible = "".join(text.split())
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(visible) // 100):
        raise IngestError(source, "is a binary file, not text", "give the text extracted from the page")
    odd = len(_ODD.findall(text))
    han = HAN.findall(text)
    garbled = (
        odd > max(3, len(visible) // 20)
        or (len(visible) >= 100 and len(han) < len(visible) * 0.15)
        or (len(han) >= 40 and prose_score(text) < 0.3)
    )
    if garbled:
        raise IngestError(
            source,
            "is not readable Chinese text (it looks like a PDF with a broken font encoding)",
            "extract the text with another tool or OCR",
        )
