"""Pictures of pages to lines of text: optical character recognition, offline.

Scanned pages, PDF pages whose text layer is garbled, and page images given as pages are read
by RapidOCR (``pip install sphinx-newspaper[ocr]``): PP-OCR detection and recognition models
that ship inside the ``rapidocr`` wheel and run on onnxruntime; nothing is downloaded, ever
(the models are named by path, so RapidOCR's own download code is never reached).

This module only recognises: a picture in, :class:`OcrLine` objects out (text, confidence and
the box of every character, in the picture's pixels).  :mod:`.scan` turns them into the PDF
route's lines.  Results are kept on disk by a digest of the picture and of everything that
changes what the engine reads (:class:`OcrCache`): a rebuild, a corrections file edited or
another conversion never recognises a page again.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...util.errors import IngestError
from ...util.files import load_cached, store_cached

#: What ``newspaper_ocr`` and ``:ocr:`` may be: read pages with no usable text through OCR
#: (``auto``), never (such pages are refused, as without the extra), or every page, text
#: layer or not (``always``: for PDFs whose text layer is present but wrong).
MODES = ("auto", "never", "always")
EXTRA = "pip install 'sphinx-newspaper[ocr]'"
INSTALL_HINT = f"install the OCR extra ({EXTRA}) to read it through OCR"
#: Lines recognised with less confidence than this (RapidOCR's score: the mean of its
#: characters' probabilities) are marked as doubtful: ``inspect`` lists them and the build warns.
LOW_CONFIDENCE = 0.8
#: The engine reads pictures at this density: PDF pages are rendered at it, larger page images
#: are scaled down to it (body type 7 to 10 pt is then 20 to 28 pixels high, where the
#: recognition model reads best; more pixels cost time and read no better).
DPI = 200
#: Page images larger than this many pixels on their long side are scaled down before reading.
MAX_SIDE = 4800
#: Bumped when what this module asks of the engine changes: cached results are read again.
VERSION = "1"


@dataclass(slots=True)
class OcrChar:
    """One recognised character: its text, the engine's confidence, its box (pixels)."""

    text: str
    score: float
    box: tuple[float, float, float, float]  # x0, y0 (top), x1, y1 (bottom), in pixels


@dataclass(slots=True)
class OcrLine:
    """One recognised line: its text, confidence, the four corners the detector found
    (pixels, clockwise from the top left) and its characters."""

    text: str
    score: float
    quad: tuple[tuple[float, float], ...]
    chars: list[OcrChar] = field(default_factory=list)


@dataclass
class OcrSettings:
    """How pages are read through OCR: ``mode`` (:data:`MODES`), the folder that keeps results
    (``None``: none kept), how many processes read pages at once, and a function told of each
    page read (``progress(done, count, where)``)."""

    mode: str = "auto"
    cache: Path | None = None
    processes: int = 1
    progress: Callable[[int, int, str], None] | None = None


_settings = OcrSettings()


def settings() -> OcrSettings:
    """The OCR settings of this process (set by the build or ``inspect``: :func:`configure`)."""
    return _settings


def configure(
    *,
    cache: Path | None = None,
    processes: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> None:
    """Where OCR results are kept, how many processes read pages, and who hears of progress.
    (The mode is an ingest option of each issue: it goes with the issue's cache key.)"""
    _settings.cache, _settings.processes, _settings.progress = cache, max(1, processes), progress


def check_mode(value: str | None) -> str:
    """``value`` as one of :data:`MODES` (any letter case; None: ``auto``), else ValueError."""
    mode = (value or "auto").strip().lower()
    if mode not in MODES:
        raise ValueError(f"{value!r} is not an OCR mode; choose one of: {', '.join(MODES)}")
    return mode


def available() -> bool:
    """Whether the OCR extra is installed (RapidOCR and onnxruntime import)."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def require(where: str, problem: str) -> None:
    """Refuse a page that needs OCR when the extra is missing: one error naming the extra."""
    if not available():
        raise IngestError(where, problem, INSTALL_HINT)


@functools.cache
def engine_version() -> str:
    """The engine's name and version, for cache keys and ``inspect``."""
    from importlib.metadata import version

    return f"rapidocr {version('rapidocr')}, onnxruntime {version('onnxruntime')}"


@functools.cache
def _engine(threads: int) -> Any:
    """RapidOCR with its bundled models named by path (no download code is reached), every
    line kept whatever its score (nothing dropped: doubtful lines are marked, not lost), the
    orientation classifier off (pages are upright; a few degrees of skew are read as they are),
    and the picture read at the size it is given."""
    import logging

    import rapidocr
    from rapidocr import RapidOCR

    models = Path(rapidocr.__file__).parent / "models"
    paths = {
        "Det.model_path": models / "PP-OCRv6_det_small.onnx",
        "Rec.model_path": models / "PP-OCRv6_rec_small.onnx",
        "Cls.model_path": models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    }
    for path in paths.values():
        if not path.is_file():
            raise IngestError(
                str(path), "the OCR model is missing from the rapidocr package", f"reinstall it: {EXTRA}"
            )
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    params: dict[str, Any] = {key: str(path) for key, path in paths.items()}
    params.update(
        {
            "Global.log_level": "warning",
            "Global.text_score": 0.0,
            "Global.use_cls": False,
            "Global.use_preprocess_img": False,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    return RapidOCR(params=params)


def recognise(image: Any, where: str, threads: int = 0) -> list[OcrLine]:
    """The lines of a greyscale page picture (a PIL image), from the cache when it holds them.
    ``threads``: the engine's threads (0: as many as the machine has)."""
    key = _key(image)
    cache = OcrCache(_settings.cache)
    lines = cache.get(key)
    if lines is None:
        lines = _read(image, where, threads)
        cache.put(key, lines)
    return lines


def _key(image: Any) -> str:
    digest = hashlib.sha256(f"{VERSION} {engine_version()} {image.mode} {image.size}".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def _read(image: Any, where: str, threads: int) -> list[OcrLine]:
    import numpy

    pixels = numpy.asarray(image.convert("RGB"))
    try:
        result = _engine(threads)(pixels, return_word_box=True, return_single_char_box=True)
    except Exception as error:  # the engine's own failures: one clear error, never a traceback
        raise IngestError(where, f"OCR failed: {error}", "check that the page picture is readable") from None
    if getattr(result, "boxes", None) is None or getattr(result, "txts", None) is None:
        return []
    lines: list[OcrLine] = []
    words = result.word_results or [()] * len(result.txts)
    for quad, text, score, chars in zip(result.boxes, result.txts, result.scores, words, strict=False):
        line = OcrLine(text, float(score), tuple((float(x), float(y)) for x, y in quad))
        for char, char_score, box in chars or ():
            if box is None:
                continue
            xs, ys = [p[0] for p in box], [p[1] for p in box]
            line.chars.append(
                OcrChar(
                    char, float(char_score), (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))
                )
            )
        lines.append(line)
    return lines


# The names the ingest's door offers the rest of the package (:mod:`sphinx_newspaper.ingest`).
OCR_MODES = MODES


def check_ocr_mode(value: str | None) -> str:
    return check_mode(value)


def configure_ocr(**values: Any) -> None:
    configure(**values)


def ocr_settings() -> OcrSettings:
    return settings()


class OcrCache:
    """Recognised pages in ``folder``, one file per picture digest; ``None`` keeps nothing.
    Entries are written to a temporary file and renamed into place (builds sharing the
    folder see whole entries or none)."""

    SUFFIX = ".ocr.pickle"

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> list[OcrLine] | None:
        if self.folder is None:
            return None
        lines = load_cached(self.folder / (key + self.SUFFIX))  # None: read the page again
        return lines if isinstance(lines, list) else None

    def put(self, key: str, lines: list[OcrLine]) -> None:
        if self.folder is None:
            return
        store_cached(self.folder / (key + self.SUFFIX), lines)
