"""The run loop behind `textfacts extract`: walk, decode, extract, write, collect failures.

Nothing is lost: a file that cannot be read or extracted is recorded with its reason and the
run goes on; output goes to `<out>.partial` line by line and is renamed into place at the
end, so an interrupted run never leaves a corrupt output, and `resume` picks up from it.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textfacts.errors import InputError
from textfacts.io import CSV_COLUMNS, csv_line, csv_rows, done_ids, read_document, walk

CHUNK = 64


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

    def add(self, record: dict[str, Any]) -> None:
        """Count one written record."""
        self.documents += 1
        self.mentions.update(m["label"] for m in record.get("mentions", []))
        self.commitments += len(record.get("commitments", []))
        self.claims += len(record.get("claims", []))

    def to_dict(self) -> dict[str, Any]:
        """As plain JSON values."""
        return {
            "documents": self.documents, "skipped": self.skipped,
            "mentions": dict(sorted(self.mentions.items())),
            "commitments": self.commitments, "claims": self.claims,
            "failures": [f.to_dict() for f in self.failures],
            "seconds": round(self.seconds, 2), "output": self.output,
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
        return "\n".join(lines)


def _texts(files: Iterable[tuple[Path, str]], summary: RunSummary, skip: set[str],
           tick: Callable[[], None]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, doc_id in files:
        if doc_id in skip:
            summary.skipped += 1
            tick()
            continue
        try:
            text = read_document(path)
        except InputError as err:
            summary.failures.append(Failure(doc_id, str(path), err.reason))
            tick()
            continue
        yield text, {"doc_id": doc_id, "path": str(path)}


def _extract_chunk(extractor: Any, chunk: list[tuple[str, dict[str, Any]]], workers: int,
                   summary: RunSummary) -> Iterator[dict[str, Any]]:
    """Extract a chunk in one pipe; if anything in it fails, redo it document by document."""
    try:
        docs = list(extractor.pipe(chunk, as_tuples=True, n_process=workers))
        yield from (doc.to_dict() for doc, _ in docs)
        return
    except Exception:  # noqa: BLE001  (isolate the failing document below)
        pass
    for text, context in chunk:
        try:
            yield extractor(text, doc_id=context["doc_id"]).to_dict()
        except Exception as err:  # noqa: BLE001  (one bad document never stops a run)
            reason = f"extraction failed: {type(err).__name__}: {err}"
            summary.failures.append(Failure(context["doc_id"], context["path"], reason))


def extract_paths(
    paths: Iterable[str | Path],
    out: str | Path | None,
    extractor: Any,
    *,
    fmt: str = "jsonl",
    workers: int = 1,
    resume: bool = False,
    progress: bool = True,
    write: Callable[[str], None] | None = None,
) -> RunSummary:
    """Extract every document under `paths` into `out` (JSONL or CSV); return the summary.

    With `out=None`, records go to `write` (e.g. stdout) as they come.
    """
    from tqdm import tqdm

    started = time.perf_counter()
    summary = RunSummary(output=str(out) if out else None)
    files = list(walk(paths))
    bar = tqdm(total=len(files), unit="doc", disable=not progress or None, leave=False)
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    if resume and fmt != "jsonl":
        raise ValueError("--resume needs --format jsonl")
    partial = Path(f"{out}.partial") if out else None
    kept: list[str] = []
    if resume and out:
        kept = _valid_lines(partial) + _valid_lines(Path(out))
        kept = list(dict.fromkeys(kept))
    skip = {json.loads(line)["doc_id"] for line in kept}
    handle = partial.open("w", encoding="utf-8", newline="") if partial else None
    emit = handle.write if handle else (write or (lambda s: None))
    try:
        if fmt == "csv":
            emit(csv_line(CSV_COLUMNS))
        for line in kept:
            emit(line + "\n")
        texts = _texts(files, summary, skip, bar.update)
        chunk: list[tuple[str, dict[str, Any]]] = []
        for item in [*texts, None]:
            if item is not None:
                chunk.append(item)
                if len(chunk) < CHUNK:
                    continue
            for record in _extract_chunk(extractor, chunk, workers, summary):
                if fmt == "jsonl":
                    emit(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    for row in csv_rows(record):
                        emit(csv_line(row))
                summary.add(record)
                bar.update()
            if handle:
                handle.flush()
            chunk = []
    finally:
        bar.close()
        if handle:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
    if partial and out:
        os.replace(partial, out)
        if summary.failures:
            failures = Path(f"{Path(out).with_suffix('')}.failures.jsonl")
            failures.write_text(
                "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in summary.failures),
                encoding="utf-8",
            )
    summary.seconds = time.perf_counter() - started
    return summary


def _valid_lines(path: Path) -> list[str]:
    """Whole, parseable JSON lines of an earlier (possibly interrupted) output."""
    if not path.exists():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            if "doc_id" in json.loads(line):
                lines.append(line)
        except ValueError:
            continue
    return lines


__all__ = ["Failure", "RunSummary", "done_ids", "extract_paths"]
