"""Worker processes that share the parent's loaded extractor and return results in order.

Why not spaCy's `nlp.pipe(n_process=...)`: it sends every whole Doc, tensors included, back to
the parent, which then builds the Documents alone on one core; here each worker does the
whole job for a batch and sends back only its small result. Workers are forked where the
platform allows, so the model is loaded once and shared; elsewhere each worker loads it.
A few tasks per worker are in flight, so memory stays flat however long the stream is.

Interrupts belong to the parent: workers ignore SIGINT and SIGTERM (a terminal's Ctrl-C and
`timeout` signal the whole process group) and die with the parent (Linux), and when the
parent stops early, for an interrupt or any error, it kills them instead of waiting for
their tasks to finish, so no run hangs in shutdown or leaves a process behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 3
# Seconds to wait for each killed worker to be reaped.
REAP_SECONDS = 5.0

_WORKER: dict[str, Any] = {}


def _init(model: str | None) -> None:
    """Leave signals to the parent; load the model in a spawned worker (a fork inherits it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    if model is not None:
        from textfacts.pipeline import load

        _WORKER["extractor"] = load(model)


def _call(fn: Callable[[Any, T], R], task: T) -> R:
    return fn(_WORKER["extractor"], task)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: kill its workers, drop queued tasks, reap the processes.

    The executor has no public way to kill its workers (shutdown() waits for their tasks),
    so this reaches into it. A worker killed while it sends a result leaves half a message
    in the result pipe; the pool's manager thread would wait for the rest forever, and the
    interpreter with it at exit. Closing this process's write end of that pipe, once no
    worker is left, makes the wait end with end-of-file, and the thread winds the pool down.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    for process in processes:
        try:
            process.join(REAP_SECONDS)
        except (OSError, ValueError, AssertionError):
            pass
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(REAP_SECONDS)


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
        return ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init, initargs=initargs
        )

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

    finished = False
    try:
        for task in tasks:
            if ready(task):
                pending.append((None, task))
            else:
                try:
                    future = pool.submit(_call, fn, task)
                except BrokenProcessPool:
                    # A worker died before this task was handed out: the pool noticed first.
                    if lost is None:
                        raise
                    while pending:  # finished tasks keep their results, the rest are lost
                        yield from drain_one()
                    pool.shutdown(cancel_futures=True)
                    pool = new_pool()
                    future = pool.submit(_call, fn, task)
                pending.append((future, task))
                in_flight += 1
            while in_flight >= workers * TASKS_PER_WORKER:
                yield from drain_one()
        while pending:
            yield from drain_one()
        finished = True
    finally:
        if finished:
            pool.shutdown(cancel_futures=True)
        else:  # interrupted, closed early or failed: nothing is waited for
            _kill(pool)
