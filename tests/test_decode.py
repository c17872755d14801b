"""The decode step: bytes to text by BOM, strict UTF-8, or the likelier of GB18030 and Big5;
line ends normalised; unreadable text refused with the file's name and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_newspaper.ingest import IngestError
from sphinx_newspaper.ingest.decode import decode, prose_score, read_text

SIMPLIFIED = "本报讯 连日来，各地抓住晴好天气，组织农户翻耕土地、育苗施肥，春耕生产有序推进。"
#: Big5 text is told from GB18030 by how common its characters are, so a sentence of everyday words.
TRADITIONAL = "他說我們的人在這裡工作，大家都很好，也有自己的家和生活，時間過得很快。"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),  # BOM dropped
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "gb18030", "gbk", "big5"],
)
def test_encodings_are_detected(data: bytes, text: str) -> None:
    assert decode(data, "page.txt") == text


def test_an_explicit_encoding_is_used_as_given() -> None:
    data = SIMPLIFIED.encode("gb18030")
    assert decode(data, "page.txt", "gb18030") == SIMPLIFIED
    with pytest.raises(
        IngestError,
        match=r"^page\.txt:1: is not valid utf-8 \(byte 0: invalid start byte\) \(check the :encoding: option "
        r"\(inspect: --encoding\), or leave it out to detect the encoding\)$",
    ):
        decode(data, "page.txt", "utf-8")
    with pytest.raises(IngestError, match=r"unknown encoding 'latin-9x'"):
        decode(data, "page.txt", "latin-9x")


def test_line_ends_become_newlines(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(f"{SIMPLIFIED}\r\n{SIMPLIFIED}\r{SIMPLIFIED}\n".encode())
    assert read_text(page) == f"{SIMPLIFIED}\n{SIMPLIFIED}\n{SIMPLIFIED}\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "is empty"),
        (b"\x00\x01binary" * 10, "is a binary file, not text"),
        (
            "\ue000\ue001\ue002\ue003 私用区的字".encode() * 5,
            "is not readable Chinese text (it looks like a PDF with a broken font encoding)",
        ),
    ],
)
def test_unreadable_files_are_refused_naming_them(tmp_path: Path, data: bytes, problem: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_text(page)
    assert caught.value.source == str(page) and caught.value.problem == problem


def test_prose_score_is_the_share_of_common_characters() -> None:
    assert prose_score("的的是是") == 1.0
    assert prose_score("ABC") == 0.0
    assert prose_score("的龘") == 0.5


def test_vertical_presentation_forms_become_horizontal(tmp_path: Path) -> None:
    """Text extracted from vertical type (pdftotext on a vertical headline) keeps the vertical
    forms of its punctuation: read, they are the horizontal forms they stand for."""
    from sphinx_newspaper.util.characters import VERTICAL_FORMS, horizontal_forms

    page = tmp_path / "page.txt"
    page.write_text("摧毁一个﹃投资西部大开发项目﹄犯罪团伙\n︵记者 王普︶﹁好﹂︙\n", encoding="utf-8")
    assert read_text(page) == "摧毁一个『投资西部大开发项目』犯罪团伙\n（记者 王普）「好」…\n"
    # every vertical form of U+FE10–FE19 and U+FE30–FE48 has its horizontal form
    assert {chr(code) for code in VERTICAL_FORMS} == {
        chr(code) for code in [*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE45), 0xFE47, 0xFE48]
    }
    assert (
        horizontal_forms("︐︑︒︓︔︕︖︗︘︰︱︵︶︷︸︹︺︻︼︽︾︿﹀﹇﹈")
        == "，、。：；！？〖〗‥—（）｛｝〔〕【】《》〈〉［］"
    )
