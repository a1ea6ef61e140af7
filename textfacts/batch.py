"""The run loop behind `textfacts extract`: walk, decode, extract, write, collect failures.

Nothing is lost: a file that cannot be read or extracted is recorded with its reason and the
run goes on; output goes to `<out>.partial` line by line and is renamed into place at the
end, so an interrupted run never leaves a corrupt output, and `resume` picks up from it.
Texts stream through (memory stays flat in the number of documents); with several workers
each process extracts and serialises whole batches, so the parent only reads and writes.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
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
            "documents": self.documents, "skipped": self.skipped,
            "mentions": dict(sorted(self.mentions.items())),
            "commitments": self.commitments, "claims": self.claims,
            "failures": [f.to_dict() for f in self.failures],
            "seconds": round(self.seconds, 2), "output": self.output, "notes": self.notes,
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
            fix = ("give their published dates in the manifest" if self.manifest_given
                   else "pass --manifest (doc_id,published) to resolve them")
            lines.append(f"{self.unresolved_dates} dates unresolved in {self.undated_documents} "
                         f"documents that print no publication date: {fix}")
        return "\n".join(lines)


def _texts(files: Iterable[tuple[Path, str]], skip: set[str],
           on_skip: Callable[[], None],
           manifest: dict[str, dict[str, str]] | None = None) -> Iterator[Item | Result]:
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
    unresolved = 0 if record["meta"].get("published") else sum(
        1 for m in record["mentions"] if m["label"] == "DATE" and m.get("value") is None)
    if fmt == "jsonl":
        output = json.dumps(record, ensure_ascii=False) + "\n"
    else:
        output = "".join(csv_line(row) for row in csv_rows(record))
    return Result(
        context["doc_id"], context["path"], output,
        Counter(m["label"] for m in record["mentions"]),
        len(record["commitments"]), len(record["claims"]), unresolved_dates=unresolved,
    )


def _extract(extractor: Any, items: Iterable[Item], fmt: str) -> Iterator[Result]:
    """Extract a stream in one pipe, isolating failures to the documents that cause them.

    When the pipe raises, the documents fed but not finished are redone one by one (only
    the bad one fails) and a fresh pipe takes the rest of the stream.
    """
    stream = iter(items)
    while True:
        fed: deque[Item] = deque()

        def feed(fed: deque[Item] = fed) -> Iterator[Item]:
            for item in stream:
                fed.append(item)
                yield item

        try:
            for document, context in extractor.pipe(feed(), as_tuples=True):
                fed.popleft()
                yield _result(document, context, fmt)
            return
        except Exception:  # noqa: BLE001  (isolate the failing document below)
            pass
        while fed:
            text, context = fed.popleft()
            try:
                document = extractor(text, meta=context.get("meta"), doc_id=context["doc_id"])
                yield _result(document, context, fmt)
            except Exception as err:  # noqa: BLE001  (one bad document never stops a run)
                reason = f"extraction failed: {type(err).__name__}: {err}"
                yield Result(context["doc_id"], context["path"], reason=reason)


def _extract_task(extractor: Any, task: tuple[list[Item], str]) -> list[Result]:
    """One worker task: extract and serialise a batch, so only output text travels back."""
    items, fmt = task
    return list(_extract(extractor, items, fmt))


def _lost(task: tuple[list[Item], str]) -> list[Result]:
    return [Result(ctx["doc_id"], ctx["path"], reason="extraction failed: worker process died")
            for _, ctx in task[0]]


def _parallel(extractor: Any, stream: Iterable[Item | Result], fmt: str,
              workers: int) -> Iterator[Result]:
    """Results in input order from `workers` processes; read failures keep their place."""
    tasks = (t if isinstance(t, Result) else (t, fmt) for t in _tasks(stream))
    for out in ordered_map(extractor, _extract_task, tasks, workers,
                           ready=lambda t: isinstance(t, Result), lost=_lost):
        if isinstance(out, Result):
            yield out
        else:
            yield from out


def _tasks(stream: Iterable[Item | Result]) -> Iterator[list[Item] | Result]:
    """Group texts into tasks of TASK_SIZE; read failures pass through in order."""
    task: list[Item] = []
    for item in stream:
        if isinstance(item, Result):
            if task:
                yield task
                task = []
            yield item
            continue
        task.append(item)
        if len(task) == TASK_SIZE:
            yield task
            task = []
    if task:
        yield task


def _serial(extractor: Any, stream: Iterable[Item | Result], fmt: str) -> Iterator[Result]:
    """Results in input order from this process, texts streaming through one pipe."""
    failures: deque[tuple[int, Result]] = deque()
    count = 0

    def texts() -> Iterator[Item]:
        nonlocal count
        for item in stream:
            if isinstance(item, Result):
                failures.append((count, item))
            else:
                count += 1
                yield item

    done = 0
    for result in _extract(extractor, texts(), fmt):
        while failures and failures[0][0] <= done:
            yield failures.popleft()[1]
        done += 1
        yield result
    while failures:
        yield failures.popleft()[1]


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
    """
    from tqdm import tqdm

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
        raise ValueError(f"no documents to read in {', '.join(map(str, paths))}: textfacts "
                         f"reads {' '.join(SUFFIXES)} files{skipped}")
    if manifest:
        summary.manifest_given = True
        unmatched = manifest_unmatched(manifest, (doc_id for _, doc_id in files))
        if unmatched:
            summary.notes.append(f"manifest: {len(unmatched)} row(s) name no document read: "
                                 + _names(unmatched))
    partial = Path(f"{out}.partial") if out else None
    skip: set[str] = set()
    if resume and out and partial:
        skip = _carry_over(partial, [partial, Path(out)])
    handle = partial.open("a" if skip else "w", encoding="utf-8", newline="") if partial else None
    emit = handle.write if handle else (write or (lambda s: None))
    bar = tqdm(total=len(files), unit="doc", disable=not progress or None, leave=False)

    def skipped() -> None:
        summary.skipped += 1
        bar.update()

    try:
        if fmt == "csv":
            emit(csv_line(CSV_COLUMNS))
        stream = _texts(files, skip, skipped, manifest)
        results = (_serial(extractor, stream, fmt) if workers == 1
                   else _parallel(extractor, stream, fmt, workers))
        for count, result in enumerate(results, 1):
            if result.output is not None:
                emit(result.output)
            summary.add_result(result)
            bar.update()
            if handle and count % TASK_SIZE == 0:
                handle.flush()
    finally:
        bar.close()
        if handle:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
    if partial and out:
        os.replace(partial, out)
        _write_failures(Path(out), summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary


def _names(items: list[Any], limit: int = 10) -> str:
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _unread_note(unread: list[Path]) -> str:
    """Files of types not read, listed by name so nothing is skipped without a word."""
    kinds = sorted({p.suffix.lower() or "(no extension)" for p in unread})
    return (f"skipped {len(unread)} file(s) of types not read ({' '.join(kinds)}): "
            + _names(unread))


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
