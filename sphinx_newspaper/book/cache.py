"""Read each issue once: loaded issues kept on disk beside Sphinx's environment, and the
issues a build has not seen before read in parallel processes.

An entry is keyed by everything the loaded issue depends on: every input file (corrections and
pictures included) as :func:`.files.file_key` keys it (the whole content of a file up to 16 MiB,
else its size, time and samples: never a whole read of an unbounded file, never a FIFO), the loading options (encoding, conversion, paper, date...) and the
extension's code, so a rebuild whose issue files did not change parses nothing, and a new
version of the extension reads everything again.  Entries are written to a temporary file and
renamed into place, so two builds sharing the folder at once each see whole entries or none.

Pure Python, no Sphinx: :mod:`.collect` passes the folder (``doctreedir``) and ``-j``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..ingest import IngestError, ocr_settings
from ..model import Issue
from ..util.errors import unexpected_error
from ..util.files import check_inside, file_key, load_cached, store_cached
from ..util.processes import in_processes
from .loading import IssueSource, input_files, load_issue, source_name

#: The folder under ``doctreedir`` holding the entries.
FOLDER = "newspaper-ingest"
SUFFIX = ".pickle"


@dataclass(frozen=True)
class IssueLoad:
    """One issue to load: its source and the keyword arguments of :func:`.loading.load_issue`."""

    source: IssueSource
    options: tuple[tuple[str, Any], ...] = ()

    @functools.cached_property
    def files(self) -> tuple[Path, ...]:
        """Every file the issue is read from."""
        return input_files(self.source)

    @functools.cached_property
    def key(self) -> str:
        """The key of its cache entry (:func:`entry_key`)."""
        return entry_key(self)

    def load(self) -> Issue:
        return load_issue(self.source, **dict(self.options))


#: A load's result: the issue, or the message of the error that refused it.
Loaded = Issue | str


@functools.cache
def code_version() -> str:
    """The extension's version and a digest of its code: a changed ingest reads issues anew."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_key(load: IssueLoad) -> str:
    """Digest of the code, the options and every input file's name and key
    (:func:`.files.file_key`).  Files pass the ingest's gate first, as reading them would: an
    entry never hides a link that now leads out of the project, and a FIFO or a device is
    refused unread (:class:`.IngestError`)."""
    root = dict(load.options).get("root")
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr((load.source, load.options)).encode())
    resolved: dict[Path, Path] = {}
    for path in load.files:
        check_inside(path, root, resolved)
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(file_key(path))
        except IngestError as error:  # not read (a FIFO, unreadable): the ingest says why, if it reads it
            digest.update(str(error).encode())
    return digest.hexdigest()


class IssueCache:
    """Loaded issues in ``folder``, one file per key; ``None`` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> Issue | None:
        if self.folder is None:
            return None
        issue = load_cached(self.folder / (key + SUFFIX))  # None: read the issue again
        return issue if isinstance(issue, Issue) else None

    def put(self, key: str, issue: Issue) -> None:
        if self.folder is None:
            return
        store_cached(self.folder / (key + SUFFIX), issue)

    def keep_only(self, keys: set[str]) -> None:
        """Remove entries this build did not use (older states of its issues)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*" + SUFFIX):
            if path.stem not in keys:
                path.unlink(missing_ok=True)


def load_issues(
    loads: list[IssueLoad],
    cache: IssueCache,
    processes: int = 1,
    progress: Callable[[Iterator[int], int], Iterator[int]] | None = None,
) -> list[Loaded]:
    """Every issue of ``loads``, in order: from the cache where its files did not change, else
    read (in up to ``processes`` worker processes when there are several to read).
    ``progress(indexes, count)`` may wrap the stream of finished reads, to show it."""
    keys: list[str] = []
    results: list[Loaded | None] = []
    for load in loads:
        try:
            keys.append(load.key)
        except IngestError as error:
            keys.append("")
            results.append(str(error))
            continue
        except Exception as error:  # a defect: this issue's error, never the whole book's
            keys.append("")
            results.append(str(unexpected_error(source_name(load.source), error)))
            continue
        results.append(cache.get(keys[-1]))
    missing = [index for index, result in enumerate(results) if result is None]
    for index, result in _read(missing, loads, keys, cache, processes, progress):
        results[index] = result
    cache.keep_only(set(keys) - {""})
    return [result for result in results if result is not None]


def _read(
    missing: list[int],
    loads: list[IssueLoad],
    keys: list[str],
    cache: IssueCache,
    processes: int,
    progress: Callable[[Iterator[int], int], Iterator[int]] | None,
) -> Iterator[tuple[int, Loaded]]:
    """The issues at ``missing`` read and stored, in the order they finish."""
    alone = min(processes, len(missing)) < 2  # one reader: its OCR may use the processes
    calls = [(loads[index], keys[index], cache, alone) for index in missing]
    outcome: dict[int, Loaded] = {}

    def crashed(call: int) -> Loaded:
        problem = "the process reading it stopped (a crash, or memory ran out)"
        hint = "read it alone with sphinx-newspaper inspect to see more; the other issues are built"
        return str(IngestError(source_name(loads[missing[call]].source), problem, hint))

    def finished() -> Iterator[int]:
        for call, result in in_processes(_load_and_store, calls, processes, crashed):
            outcome[missing[call]] = result
            yield missing[call]

    for index in progress(finished(), len(missing)) if progress else finished():
        yield index, outcome.pop(index)


def _load_and_store(load: IssueLoad, key: str, cache: IssueCache, alone: bool = True) -> Loaded:
    if not alone:  # issues read side by side: each reads its pages through OCR one at a time
        ocr_settings().processes = 1
    try:
        issue = load.load()
    except IngestError as error:
        return str(error)
    except ValueError as error:  # a value the ingest refused: named with the issue it is of
        return str(IngestError(source_name(load.source), str(error)))
    except Exception as error:  # a defect: this issue's error, never the whole book's
        return str(unexpected_error(source_name(load.source), error))
    cache.put(key, issue)
    return issue
