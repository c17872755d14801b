"""Work spread over forked processes, for the steps that run before Sphinx reads: reading
issues (:mod:`.book.cache`), reading scanned pages through OCR (:mod:`.ingest.pdf.scan`) and
rendering pictures (:mod:`.book.pagemaps`). Sphinx's own ``-j`` says how many."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Result = TypeVar("Result")


def in_processes(
    function: Callable[..., Result],
    calls: Sequence[tuple[Any, ...]],
    processes: int,
    crashed: Callable[[int], Result] | None = None,
) -> Iterator[tuple[int, Result]]:
    """``function(*call)`` for every call, as ``(index of the call, result)`` in the order they
    finish: in up to ``processes`` forked processes (which start at once and inherit the
    extension) where there are several calls and the platform forks, else here, in order.

    A process that dies (a crash in a C library, the kernel's OOM killer) breaks the pool: with
    ``crashed``, the calls it left unfinished run again one process each, and the one whose
    process dies again gives ``crashed(index)``: one input's crash is that input's result.
    Without it, the pool's error is raised."""
    workers = min(processes, len(calls))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index, call in enumerate(calls):
            yield index, function(*call)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(function, *call): index for index, call in enumerate(calls)}
        unfinished = dict(futures)
        try:
            for future in as_completed(futures):
                result = future.result()
                del unfinished[future]
                yield futures[future], result
        except BrokenProcessPool:
            if crashed is None:
                raise
    for future, index in sorted(unfinished.items(), key=lambda item: item[1]):
        if not future.cancelled() and future.exception() is None:
            yield index, future.result()  # finished before the pool broke
            continue
        with ProcessPoolExecutor(1, mp_context=context) as alone:
            try:
                yield index, alone.submit(function, *calls[index]).result()
            except BrokenProcessPool:
                yield index, crashed(index)
