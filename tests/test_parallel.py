"""Worker pool: input order, pass-through items, a dying worker, contexts kept at home."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest

from textfacts.parallel import ordered_map

HOST = SimpleNamespace(model_dir=None, factor=10)


def times_factor(host: SimpleNamespace, task: int) -> int:
    return task * host.factor


def dies_on_13(host: SimpleNamespace, task: int) -> int:
    if task == 13:
        os._exit(1)
    return task


def test_results_come_in_input_order_with_ready_items_in_place():
    tasks = [1, 2, "read failure", 3, 4, 5, 6, 7, 8, "another", 9]
    out = list(ordered_map(HOST, times_factor, tasks, 2, ready=lambda t: isinstance(t, str)))
    assert out == [10, 20, "read failure", 30, 40, 50, 60, 70, 80, "another", 90]


def test_a_dead_worker_loses_only_the_tasks_in_flight():
    tasks = list(range(40))
    out = list(ordered_map(HOST, dies_on_13, tasks, 2, lost=lambda t: ("lost", t)))
    assert len(out) == len(tasks)
    assert out[13] == ("lost", 13)
    lost = {t for t in tasks if out[t] == ("lost", t)}
    assert all(out[t] == t for t in tasks if t not in lost)
    # Only what was in flight with the crash is lost; a fresh pool does the rest.
    assert max(lost) < 13 + 2 * 3 + 1
    assert out[-1] == 39


def test_a_dead_worker_raises_without_a_lost_handler():
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(HOST, dies_on_13, range(20), 2))


def test_pipe_keeps_callers_contexts_in_this_process(extractor):
    texts = [f"Exports rose {n}.5% in {2020 + n}." for n in range(5)]
    # A lambda cannot be pickled: it comes back only if it never left this process.
    items = [(t, {"doc_id": f"d{i}", "callback": lambda i=i: i}) for i, t in enumerate(texts)]
    out = list(extractor.pipe(items, as_tuples=True, n_process=2, batch_size=2))
    assert [ctx for _, ctx in out] == [ctx for _, ctx in items]
    assert [d.doc_id for d, _ in out] == ["d0", "d1", "d2", "d3", "d4"]


def test_pipe_default_ids_count_across_batches(extractor):
    texts = [f"Imports fell {n}.1% year on year." for n in range(5)]
    serial = [d.to_dict() for d in extractor.pipe(texts, batch_size=2)]
    parallel = [d.to_dict() for d in extractor.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == serial
    assert [d["doc_id"] for d in parallel] == [f"doc{i}" for i in range(5)]


def big_result(host: SimpleNamespace, task: int) -> str:
    return "x" * 30_000_000  # long enough to send that a kill can cut it in half


def test_closing_early_kills_workers_and_leaves_no_thread_waiting():
    """A worker killed mid-send must not leave the pool's manager thread waiting forever.

    That thread is joined at interpreter exit: stuck, it kept an interrupted run alive.
    """
    import threading
    import time
    from concurrent.futures.process import _ExecutorManagerThread

    for attempt in range(3):
        stream = ordered_map(HOST, big_result, range(8), 2)
        next(stream)
        time.sleep(0.02 * attempt)
        stream.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            isinstance(t, _ExecutorManagerThread) and t.is_alive() for t in threading.enumerate()
        ):
            time.sleep(0.1)
        assert not [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)]
