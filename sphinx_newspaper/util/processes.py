"""Work spread over forked processes, for the steps that run before Sphinx reads: reading
issues (:mod:`.book.cache`), reading scanned pages through OCR (:mod:`.ingest.pdf.scan`) and
rendering pictures (:mod:`.book.pagemaps`). Sphinx's own ``-j`` says how many."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

Result = TypeVar("Result")


def in_processes(
    function: Callable[..., Result], calls: Sequence[tuple[Any, ...]], processes: int
) -> Iterator[tuple[int, Result]]:
    """``function(*call)`` for every call, as ``(index of the call, result)`` in the order they
    finish: in up to ``processes`` forked processes (which start at once and inherit the
    extension) where there are several calls and the platform forks, else here, in order."""
    workers = min(processes, len(calls))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index, call in enumerate(calls):
            yield index, function(*call)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(function, *call): index for index, call in enumerate(calls)}
        for future in as_completed(futures):
            yield futures[future], future.result()
