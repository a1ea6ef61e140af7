"""Worker processes that share the parent's loaded extractor and return results in order.

Why not spaCy's `nlp.pipe(n_process=...)`: it sends every whole Doc, tensors included, back to
the parent, which then builds the Documents alone on one core; here each worker does the
whole job for a batch and sends back only its small result. Workers are forked where the
platform allows, so the model is loaded once and shared; elsewhere each worker loads it.
A few tasks per worker are in flight, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 3

_WORKER: dict[str, Any] = {}


def _init(model: str | None) -> None:
    """Load the model in a spawned worker (a forked one inherits the parent's)."""
    if model is not None:
        from textfacts.pipeline import load

        _WORKER["extractor"] = load(model)


def _call(fn: Callable[[Any, T], R], task: T) -> R:
    return fn(_WORKER["extractor"], task)


def ordered_map(
    extractor: Any,
    fn: Callable[[Any, T], R],
    tasks: Iterable[T | Any],
    workers: int,
    *,
    ready: Callable[[Any], bool] = lambda task: False,
    lost: Callable[[T], R] | None = None,
) -> Iterator[R | Any]:
    """`fn(extractor, task)` for each task in `workers` processes, yielded in task order.

    `fn` must be a module-level function (it is pickled by name). A task for which `ready`
    is true is yielded as it is, in its place. If a worker dies (out of memory, a crash in
    native code), `lost(task)` stands in for each task in flight and a fresh pool takes the
    rest (tasks already finished keep their results); without `lost`, the
    BrokenProcessPool propagates.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    forked = context.get_start_method() == "fork"
    _WORKER["extractor"] = extractor
    initargs = (None if forked else str(extractor.model_dir),)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init,
                                   initargs=initargs)

    pending: deque[tuple[Future | None, Any]] = deque()
    in_flight = 0
    pool = new_pool()

    def drain_one() -> Iterator[Any]:
        nonlocal in_flight, pool, pending
        future, task = pending.popleft()
        if future is None:
            yield task
            return
        in_flight -= 1
        try:
            result = future.result()
        except BrokenProcessPool:
            if lost is None:
                raise
            yield lost(task)
            for other, queued in pending:
                if other is None:
                    yield queued
                elif other.done() and not other.cancelled() and other.exception() is None:
                    yield other.result()
                else:
                    yield lost(queued)
            pending = deque()
            in_flight = 0
            pool.shutdown(cancel_futures=True)
            pool = new_pool()
            return
        yield result

    try:
        for task in tasks:
            if ready(task):
                pending.append((None, task))
            else:
                pending.append((pool.submit(_call, fn, task), task))
                in_flight += 1
            while in_flight >= workers * TASKS_PER_WORKER:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        pool.shutdown(cancel_futures=True)
