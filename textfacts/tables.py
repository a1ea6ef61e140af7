"""Columnar output: Parquet files of records and flat pandas tables for analysts.

Parquet layout (one choice, documented in README): **one row per document**, nested exactly
like the JSONL record, with the same explicit Arrow schema as the gold `datasets.Dataset`
(`corpus.gold_features`: mentions as a superset struct, a DATE's ISO value in `date_value`).
It is lossless (`read_parquet` returns the same Documents) and DuckDB reads it directly
(`SELECT unnest(claims, recursive := true) FROM 'out.parquet'`). Flat tables, one row per
mention, commitment or claim with references resolved to text, come from `to_frames`.
pyarrow and pandas come with `datasets`, a core dependency; the `parquet` extra names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from textfacts.schema import Document

BATCH = 500  # documents per Parquet row group: memory stays flat on long runs


def _schema() -> Any:
    from textfacts.corpus import gold_features

    return gold_features().arrow_schema


def write_parquet(documents: Iterable[Document], out: str | Path) -> int:
    """Write documents to a Parquet file, one row per document; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from textfacts.corpus import document_row

    schema = _schema()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    count = 0
    with pq.ParquetWriter(partial, schema) as writer:
        batch: list[dict[str, Any]] = []
        for document in documents:
            batch.append(document_row(document))
            if len(batch) == BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    partial.replace(out)
    return count


def read_parquet(path: str | Path) -> Iterator[Document]:
    """Documents back from a file written by `write_parquet`, validated by the schema."""
    import pyarrow.parquet as pq

    from textfacts.corpus import row_to_document

    parquet = pq.ParquetFile(path)
    for group in range(parquet.num_row_groups):
        for row in parquet.read_row_group(group).to_pylist():
            yield row_to_document(row)


def extract_parquet(
    paths: Iterable[str | Path],
    out: str | Path | None,
    extractor: Any,
    fmt: str = "parquet",
    **options: Any,
) -> Any:
    """`batch.extract_paths` into `<out>.jsonl`, then that into Parquet at `out`.

    Same signature as `extract_paths`, so the CLI swaps one for the other. The JSONL step
    keeps the run loop's guarantees (failures isolated and listed, resume); it is removed
    once the Parquet file is in place.
    """
    from textfacts.batch import extract_paths
    from textfacts.schema import read_jsonl

    if fmt != "parquet":
        raise ValueError(f"extract_parquet writes parquet, not {fmt!r}")
    if out is None:
        raise ValueError("--format parquet needs an output file (-o OUT.parquet)")
    records = Path(f"{out}.jsonl")
    summary = extract_paths(paths, records, extractor, fmt="jsonl", **options)
    write_parquet(read_jsonl(records), out)
    records.unlink()
    summary.output = str(out)
    return summary


def _mention_rows(document: Document) -> Iterator[dict[str, Any]]:
    by_id = {m.id: m for m in document.mentions}
    for m in document.mentions:
        org = by_id.get(getattr(m, "org", None) or "")
        yield {
            "doc_id": document.doc_id,
            "id": m.id,
            "label": m.label,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "value": None if m.label == "DATE" else getattr(m, "value", None),
            "value_max": getattr(m, "value_max", None),
            "unit": getattr(m, "unit", None),
            "bound": getattr(m, "bound", None),
            "date_value": m.value if m.label == "DATE" else None,
            "canonical": getattr(m, "canonical", None),
            "role": getattr(m, "role", None),
            "org": org.canonical or org.text if org else None,
        }


def _name(document: Document, ref: str | None) -> str | None:
    person = document.mention(ref)
    return None if person is None else person.canonical or person.text


def _commitment_rows(document: Document) -> Iterator[dict[str, Any]]:
    for c in document.commitments:
        yield {
            "doc_id": document.doc_id,
            "id": c.id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "actor": c.actor,
            "action": c.action,
            "deadline": c.deadline,
            "modality": c.modality,
            "speaker": _name(document, c.speaker),
        }


def _claim_rows(document: Document) -> Iterator[dict[str, Any]]:
    for k in document.claims:
        figure, period = document.mention(k.anchor), document.mention(k.period)
        yield {
            "doc_id": document.doc_id,
            "id": k.id,
            "figure": figure.text,
            "label": figure.label,
            "value": figure.value,
            "value_max": figure.value_max,
            "unit": figure.unit,
            "bound": figure.bound,
            "start": figure.start,
            "end": figure.end,
            "measure": k.measure,
            "subject": k.subject,
            "kind": k.kind,
            "direction": k.direction,
            "period": period.text if period else None,
            "period_value": period.value if period else None,
            "comparison": k.comparison,
            "speaker": _name(document, k.speaker),
        }


def to_frames(documents: Iterable[Document]) -> dict[str, Any]:
    """Flat pandas tables: documents, mentions, commitments and claims (references as text)."""
    import pandas as pd

    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [],
        "mentions": [],
        "commitments": [],
        "claims": [],
    }
    for d in documents:
        rows["documents"].append({"doc_id": d.doc_id, **d.meta.model_dump()})
        rows["mentions"].extend(_mention_rows(d))
        rows["commitments"].extend(_commitment_rows(d))
        rows["claims"].extend(_claim_rows(d))
    columns = {
        "documents": ["doc_id", "published", "outlet", "title"],
        "mentions": [
            "doc_id",
            "id",
            "label",
            "start",
            "end",
            "text",
            "value",
            "value_max",
            "unit",
            "bound",
            "date_value",
            "canonical",
            "role",
            "org",
        ],
        "commitments": [
            "doc_id",
            "id",
            "start",
            "end",
            "text",
            "actor",
            "action",
            "deadline",
            "modality",
            "speaker",
        ],
        "claims": [
            "doc_id",
            "id",
            "figure",
            "label",
            "value",
            "value_max",
            "unit",
            "bound",
            "start",
            "end",
            "measure",
            "subject",
            "kind",
            "direction",
            "period",
            "period_value",
            "comparison",
            "speaker",
        ],
    }
    return {name: pd.DataFrame(rows[name], columns=columns[name]) for name in rows}
