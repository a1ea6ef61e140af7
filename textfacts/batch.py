"""The run loop behind `textfacts extract`: walk, decode, extract, write, collect failures.

Nothing is lost: a file that cannot be read or extracted is recorded with its reason and the
run goes on; output goes to `<out>.partial` line by line, each record flushed as soon as it
and every earlier document are done, and is renamed into place at the end. SIGINT or
SIGTERM stops the run cleanly: the finished records stay in `<out>.partial` and `resume`
picks up from them. Texts stream through in small groups (memory stays flat in the number
of documents) and a long text forms a group of its own, so it never holds back the short
ones before it; with several workers each process extracts and serialises whole groups,
so the parent only reads and writes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textfacts.errors import InputError
from textfacts.io import (
    CSV_COLUMNS,
    SUFFIXES,
    csv_line,
    csv_rows,
    manifest_meta,
    manifest_unmatched,
    read_document,
    read_manifest,
    walk,
)
from textfacts.parallel import ordered_map

# Documents per task sent to a worker process: enough to keep it busy, few enough that only
# a few dozen texts are ever held in memory (textfacts.parallel keeps a few tasks in flight).
TASK_SIZE = 8
# Documents per group piped through spaCy together in one process (its batch size).
GROUP_SIZE = 16
# Characters per group or task: a text longer than this goes alone, so the records of the
# short texts before it are written while it is being extracted.
GROUP_CHARS = 50_000
# Seconds between progress lines when stderr is not a terminal (logs, CI, nohup).
PROGRESS_SECONDS = 5.0

Item = tuple[str, dict[str, Any]]


@dataclass
class Failure:
    """A document that produced no record, and why."""

    doc_id: str
    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """As a JSON object for the failures file."""
        return {"doc_id": self.doc_id, "path": self.path, "error": self.reason}


@dataclass
class Result:
    """One document's outcome: its output text (JSONL line or CSV rows) or its failure."""

    doc_id: str
    path: str
    output: str | None = None
    labels: Counter = field(default_factory=Counter)
    commitments: int = 0
    claims: int = 0
    reason: str | None = None
    unresolved_dates: int = 0
    chars: int = 0


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM during a run: raised once, so the run can close its output."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class RunSummary:
    """What a run did: counts, failures and time, for the CLI to print."""

    documents: int = 0
    skipped: int = 0
    mentions: Counter = field(default_factory=Counter)
    commitments: int = 0
    claims: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    output: str | None = None
    notes: list[str] = field(default_factory=list)
    unresolved_dates: int = 0
    undated_documents: int = 0
    manifest_given: bool = False
    interrupted: int | None = None  # the signal that stopped the run early

    @property
    def exit_code(self) -> int:
        """128 + signal for an interrupted run (shell style: 130, 143), 1 if any failed."""
        if self.interrupted is not None:
            return 128 + self.interrupted
        return 1 if self.failures else 0

    def add(self, record: dict[str, Any]) -> None:
        """Count one written record."""
        self.documents += 1
        self.mentions.update(m["label"] for m in record.get("mentions", []))
        self.commitments += len(record.get("commitments", []))
        self.claims += len(record.get("claims", []))

    def add_result(self, result: Result) -> None:
        """Count one document's outcome, written or failed."""
        if result.reason is not None:
            self.failures.append(Failure(result.doc_id, result.path, result.reason))
            return
        self.documents += 1
        self.mentions.update(result.labels)
        self.commitments += result.commitments
        self.claims += result.claims
        if result.unresolved_dates:
            self.unresolved_dates += result.unresolved_dates
            self.undated_documents += 1

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON values."""
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "mentions": dict(sorted(self.mentions.items())),
            "commitments": self.commitments,
            "claims": self.claims,
            "failures": [f.to_dict() for f in self.failures],
            "seconds": round(self.seconds, 2),
            "output": self.output,
            "notes": self.notes,
        }

    def render(self) -> str:
        """A short human-readable summary."""
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.mentions.items())) or "none"
        lines = [
            f"documents: {self.documents} extracted, {len(self.failures)} failed"
            + (f", {self.skipped} skipped (resume)" if self.skipped else ""),
            f"mentions: {sum(self.mentions.values())} ({labels})",
            f"commitments: {self.commitments}   claims: {self.claims}",
            f"seconds: {self.seconds:.1f}" + (f"   output: {self.output}" if self.output else ""),
        ]
        lines += [f"FAILED {f.path}: {f.reason}" for f in self.failures]
        lines += self.notes
        if self.unresolved_dates:
            fix = (
                "give their published dates in the manifest"
                if self.manifest_given
                else "pass --manifest (doc_id,published) to resolve them"
            )
            lines.append(
                f"{self.unresolved_dates} dates unresolved in {self.undated_documents} "
                f"documents that print no publication date: {fix}"
            )
        if self.interrupted is not None:
            where = f" to {self.output}.partial" if self.output else ""
            lines.append(
                f"interrupted ({signal.Signals(self.interrupted).name}): "
                f"{self.documents + self.skipped} documents written{where}; "
                "rerun with --resume to continue"
            )
        return "\n".join(lines)


def _texts(
    files: Iterable[tuple[Path, str]],
    skip: set[str],
    on_skip: Callable[[], None],
    manifest: dict[str, dict[str, str]] | None = None,
) -> Iterator[Item | Result]:
    """Read each file lazily: (text, context) or a failed Result naming the reason."""
    for path, doc_id in files:
        if doc_id in skip:
            on_skip()
            continue
        context: dict[str, Any] = {"doc_id": doc_id, "path": str(path)}
        meta = manifest_meta(manifest, doc_id) if manifest else None
        if meta:
            context["meta"] = meta
        try:
            yield read_document(path), context
        except InputError as err:
            yield Result(doc_id, str(path), reason=err.reason)
        except (OSError, ValueError, MemoryError) as err:
            yield Result(doc_id, str(path), reason=f"unreadable: {type(err).__name__}: {err}")


def _result(document: Any, context: dict[str, Any], fmt: str) -> Result:
    record = document.to_dict()
    # Relative dates ("July", "last year") need the publication date; say so, once per run.
    unresolved = (
        0
        if record["meta"].get("published")
        else sum(1 for m in record["mentions"] if m["label"] == "DATE" and m.get("value") is None)
    )
    if fmt == "jsonl":
        output = json.dumps(record, ensure_ascii=False) + "\n"
    else:
        output = "".join(csv_line(row) for row in csv_rows(record))
    return Result(
        context["doc_id"],
        context["path"],
        output,
        Counter(m["label"] for m in record["mentions"]),
        len(record["commitments"]),
        len(record["claims"]),
        unresolved_dates=unresolved,
        chars=len(record.get("text") or ""),
    )


def _extract(extractor: Any, items: list[Item], fmt: str) -> Iterator[Result]:
    """Extract a group in one pipe, isolating failures to the documents that cause them.

    When the pipe raises, the documents not yet finished are redone one by one (only the
    bad one fails). An interrupt (KeyboardInterrupt) is not a failure and goes through.
    """
    done = 0
    try:
        for document, context in extractor.pipe(items, as_tuples=True, batch_size=GROUP_SIZE):
            done += 1
            yield _result(document, context, fmt)
        return
    except Exception:  # noqa: BLE001  (isolate the failing document below)
        pass
    for text, context in items[done:]:
        try:
            document = extractor(text, meta=context.get("meta"), doc_id=context["doc_id"])
            yield _result(document, context, fmt)
        except Exception as err:  # noqa: BLE001  (one bad document never stops a run)
            reason = f"extraction failed: {type(err).__name__}: {err}"
            yield Result(context["doc_id"], context["path"], reason=reason)


@dataclass
class _Chunk:
    """One chunk of a long text: a worker task of its own, so every worker shares the text."""

    doc_id: str
    start: int
    text: str
    meta: dict[str, Any] | None
    last: bool


@dataclass
class _ChunkDone:
    """A chunk's Document, or why it has none."""

    start: int
    last: bool
    document: Any = None
    reason: str | None = None


def _extract_task(extractor: Any, task: tuple[list[Item], str] | _Chunk) -> Any:
    """One worker task: a group of texts or one chunk of a long text.

    A group comes back extracted and serialised, so only output text travels; a chunk comes
    back as its Document, which the parent merges with the other chunks'.
    """
    if isinstance(task, _Chunk):
        from textfacts.pipeline import to_document

        try:
            # an auto-routing extractor hands the chunk to its language's model
            chosen = (
                extractor.extractor(task.text) if hasattr(extractor, "extractor") else extractor
            )
            doc = chosen.nlp(chosen.make_doc(task.text, task.meta, task.doc_id))
            return _ChunkDone(task.start, task.last, document=to_document(doc))
        except Exception as err:  # noqa: BLE001  (the document fails, the run goes on)
            return _ChunkDone(
                task.start, task.last, reason=f"extraction failed: {type(err).__name__}: {err}"
            )
    items, fmt = task
    return list(_extract(extractor, items, fmt))


def _lost(task: tuple[list[Item], str] | _Chunk) -> Any:
    reason = "extraction failed: worker process died"
    if isinstance(task, _Chunk):
        return _ChunkDone(task.start, task.last, reason=reason)
    return [Result(ctx["doc_id"], ctx["path"], reason=reason) for _, ctx in task[0]]


def _parallel(
    extractor: Any, stream: Iterable[Item | Result], fmt: str, workers: int
) -> Iterator[Result]:
    """Results in input order from `workers` processes; read failures keep their place.

    A text long enough to be extracted in chunks is split into one task per chunk, so
    all workers share a huge file instead of one worker taking it alone.
    """
    from textfacts.chunking import merge_documents

    long_texts: deque[Item] = deque()  # long texts whose chunks are in flight, in order

    def tasks() -> Iterator[Any]:
        for group in _groups(stream, TASK_SIZE):
            if isinstance(group, Result):
                yield group
                continue
            text, context = group[0]
            chunks = extractor.chunks(text, context.get("meta")) if len(group) == 1 else []
            if len(chunks) < 2:
                yield group, fmt
                continue
            long_texts.append((text, context))
            doc_id = context["doc_id"]
            for n, (start, chunk, meta) in enumerate(chunks, 1):
                yield _Chunk(doc_id, start, chunk, meta, n == len(chunks))

    parts: list[_ChunkDone] = []
    for out in ordered_map(
        extractor,
        _extract_task,
        tasks(),
        workers,
        ready=lambda t: isinstance(t, Result),
        lost=_lost,
    ):
        if isinstance(out, Result):
            yield out
        elif isinstance(out, _ChunkDone):
            parts.append(out)
            if not out.last:
                continue
            text, context = long_texts.popleft()
            failed = next((p.reason for p in parts if p.reason is not None), None)
            parts, done = [], parts
            try:
                if failed is not None:
                    raise RuntimeError(failed)
                merged = merge_documents(
                    text, [(p.start, p.document) for p in done], context["doc_id"]
                )
                yield _result(merged, context, fmt)
            except Exception as err:  # noqa: BLE001  (one bad document never stops a run)
                reason = failed or f"extraction failed: {type(err).__name__}: {err}"
                yield Result(context["doc_id"], context["path"], reason=reason)
        else:
            yield from out


def _groups(stream: Iterable[Item | Result], size: int) -> Iterator[list[Item] | Result]:
    """Texts in groups of at most `size` documents and GROUP_CHARS characters, in order.

    A text longer than GROUP_CHARS forms a group of its own; read failures pass through
    in their place.
    """
    group: list[Item] = []
    chars = 0
    for item in stream:
        if isinstance(item, Result):
            if group:
                yield group
                group, chars = [], 0
            yield item
            continue
        if group and chars + len(item[0]) > GROUP_CHARS:
            yield group
            group, chars = [], 0
        group.append(item)
        chars += len(item[0])
        if len(group) == size:
            yield group
            group, chars = [], 0
    if group:
        yield group


def _serial(extractor: Any, stream: Iterable[Item | Result], fmt: str) -> Iterator[Result]:
    """Results in input order from this process, one group of texts at a time."""
    for group in _groups(stream, GROUP_SIZE):
        if isinstance(group, Result):
            yield group
        else:
            yield from _extract(extractor, group, fmt)


@contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted once; later ones are ignored while it cleans up.

    Only the main thread can set handlers: elsewhere the caller's own stay in force.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal raised
        if not raised:
            raised = True
            raise Interrupted(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _Progress:
    """Progress for a run: a bar on a terminal, else a line every PROGRESS_SECONDS.

    The lines come from a timer thread, so a long text still shows the run is alive.
    """

    def __init__(self, files: list[tuple[Path, str]], enabled: bool):
        self.files = files
        self.total = len(files)
        self.total_bytes = sum(_size(path) for path, _ in files)
        self.done = self.chars = self.bytes = 0
        self.started = self.last = time.perf_counter()
        self.bar = None
        self.stop = threading.Event()
        self.ticker: threading.Thread | None = None
        if not enabled:
            return
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="doc", leave=False)
        else:
            self.ticker = threading.Thread(target=self._tick, daemon=True)
            self.ticker.start()

    def update(self, path: str | None = None, chars: int = 0) -> None:
        """Count one document done (extracted, failed or skipped)."""
        self.done += 1
        self.last = time.perf_counter()
        self.chars += chars
        self.bytes += _size(Path(path)) if path else 0
        if self.bar is not None:
            self.bar.update()

    def line(self) -> str:
        """Documents done, characters per second, and the time left by bytes still to read."""
        seconds = max(time.perf_counter() - self.started, 1e-9)
        rate = self.bytes / seconds
        # a rate from a sliver of the input (a few small files before a huge one) says
        # nothing about the rest: no ETA until 5% of the bytes are done
        known = rate > 0 and self.bytes >= 0.05 * self.total_bytes
        left = (self.total_bytes - self.bytes) / rate if known else None
        eta = "?" if left is None else f"{int(left // 60)}m{int(left % 60):02d}s"
        line = (
            f"progress: {self.done}/{self.total} documents, "
            f"{self.chars / seconds:,.0f} chars/s, ETA {eta}"
        )
        waiting = time.perf_counter() - self.last
        if self.done < self.total and waiting > PROGRESS_SECONDS:
            # results come in input order: the next file is the one everything waits for
            path = self.files[self.done][0]
            line += f"; {path} ({_size(path):,} bytes) in progress for {waiting:.0f} s"
        return line

    def _tick(self) -> None:
        while not self.stop.wait(PROGRESS_SECONDS):
            print(self.line(), file=sys.stderr, flush=True)

    def close(self) -> None:
        """Stop the bar or the timer."""
        self.stop.set()
        if self.bar is not None:
            self.bar.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def extract_paths(
    paths: Iterable[str | Path],
    out: str | Path | None,
    extractor: Any,
    *,
    fmt: str | None = None,
    workers: int = 1,
    resume: bool = False,
    progress: bool = True,
    write: Callable[[str], None] | None = None,
    manifest: dict[str, dict[str, str]] | None = None,
) -> RunSummary:
    """Extract every document under `paths` into `out` (JSONL or CSV); return the summary.

    `manifest` maps doc_ids to caller metadata (publication date, outlet, title; see
    `io.read_manifest`): it overrides what the header lines say. `fmt` None means CSV for
    an `out` ending in .csv, else JSONL.

    With `out=None`, records go to `write` (e.g. stdout) as they come. With `resume`, the
    whole records of an earlier output or of an interrupted run's `<out>.partial` are kept
    and their documents skipped. Failures go to `<out stem>.failures.jsonl`.

    SIGINT or SIGTERM ends the run early (when called from the main thread): the records
    written so far stay in `<out>.partial` for `resume`, no failures file is written, and
    the summary's `interrupted` names the signal.
    """
    started = time.perf_counter()
    if fmt is None:
        fmt = "csv" if out and Path(out).suffix.lower() == ".csv" else "jsonl"
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    if resume and fmt != "jsonl":
        raise ValueError("--resume needs --format jsonl")
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if out and not Path(out).absolute().parent.is_dir():
        raise ValueError(f"cannot write {out}: folder {Path(out).parent} does not exist")
    summary = RunSummary(output=str(out) if out else None)
    unread: list[Path] = []
    files = list(walk(paths, unread))
    if unread:
        summary.notes.append(_unread_note(unread))
    if not files:
        skipped = f"; {summary.notes[0]}" if unread else ""
        raise ValueError(
            f"no documents to read in {', '.join(map(str, paths))}: textfacts "
            f"reads {' '.join(SUFFIXES)} files{skipped}"
        )
    if manifest:
        summary.manifest_given = True
        unmatched = manifest_unmatched(manifest, (doc_id for _, doc_id in files))
        if unmatched:
            summary.notes.append(
                f"manifest: {len(unmatched)} row(s) name no document read: " + _names(unmatched)
            )
    partial = Path(f"{out}.partial") if out else None
    skip: set[str] = set()
    if resume and out and partial:
        skip = _carry_over(partial, [partial, Path(out)])
    handle = partial.open("a" if skip else "w", encoding="utf-8", newline="") if partial else None
    emit = handle.write if handle else (write or (lambda s: None))
    flush = handle.flush if handle else getattr(getattr(write, "__self__", None), "flush", None)
    shown = _Progress(files, progress)

    def skipped() -> None:
        summary.skipped += 1
        shown.update()

    results: Iterator[Result] | None = None
    try:
        with _signals_stop_the_run():
            try:
                if fmt == "csv":
                    emit(csv_line(CSV_COLUMNS))
                stream = _texts(files, skip, skipped, manifest)
                results = (
                    _serial(extractor, stream, fmt)
                    if workers == 1
                    else _parallel(extractor, stream, fmt, workers)
                )
                for result in results:
                    if result.output is not None:
                        emit(result.output)
                        if flush is not None:
                            flush()
                    summary.add_result(result)
                    shown.update(result.path, result.chars)
            except KeyboardInterrupt as stop:
                # still under the handlers: a second signal cannot cut the clean-up short
                summary.interrupted = getattr(stop, "signum", signal.SIGINT)
                if results is not None:
                    results.close()  # stops the workers now, not at garbage collection
    finally:
        shown.close()
        if handle:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
    summary.seconds = time.perf_counter() - started
    if summary.interrupted is not None:
        return summary
    if partial and out:
        os.replace(partial, out)
        _write_failures(Path(out), summary.failures)
    return summary


def _names(items: list[Any], limit: int = 10) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _unread_note(unread: list[Path]) -> str:
    """Files of types not read, listed by name so nothing is skipped without a word."""
    kinds = sorted({p.suffix.lower() or "(no extension)" for p in unread})
    return f"skipped {len(unread)} file(s) of types not read ({' '.join(kinds)}): " + _names(unread)


def failures_path(out: str | Path) -> Path:
    """Where the failures of a run writing `out` are listed: out.jsonl -> out.failures.jsonl."""
    return Path(f"{Path(out).with_suffix('')}.failures.jsonl")


def _write_failures(out: Path, failures: list[Failure]) -> None:
    """Write the failures file, or remove a stale one when nothing failed this time."""
    from textfacts.io import atomic_writer

    path = failures_path(out)
    if not failures:
        path.unlink(missing_ok=True)
        return
    with atomic_writer(path) as handle:
        for failure in failures:
            handle.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")


def _carry_over(partial: Path, sources: list[Path]) -> set[str]:
    """Rewrite `partial` with the whole records of `sources` (once per doc_id); return ids.

    An interrupted run's last line may be cut anywhere, even inside a UTF-8 sequence:
    it does not parse and is dropped, so that document is extracted again.
    """
    from textfacts.io import atomic_writer

    ids: set[str] = set()
    with atomic_writer(partial) as handle:
        for source in sources:
            for line in _valid_lines(source):
                doc_id = json.loads(line)["doc_id"]
                if doc_id not in ids:
                    ids.add(doc_id)
                    handle.write(line + "\n")
    return ids


def _valid_lines(path: Path) -> Iterator[str]:
    """Whole, parseable JSON record lines of an earlier (possibly interrupted) output."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("doc_id"), str):
                yield line


__all__ = ["Failure", "RunSummary", "extract_paths", "failures_path", "read_manifest"]
